import { aSession } from '../../test-support/fake-api';
import { editFormFrom, toEditErrors, toEditInput, wallClock } from './edit-session-form';

describe('edit session form values', () => {
  // 12:30 UTC on 4 March 2031 is 12:30 in London (winter), 7:30 in New York.
  const session = aSession({ topic: 'Feedback', capacity: 12, location: 'Room 4', timeZone: 'Europe/London' });
  const initial = editFormFrom(session);

  it('shows the session’s times on the wall clock of its own time zone', () => {
    expect(initial).toMatchObject({ startLocal: '2031-03-04T12:30', startTime: '12:30', durationMinutes: '60' });
    expect(editFormFrom({ ...session, timeZone: 'America/New_York' }).startLocal).toBe('2031-03-04T07:30');
    expect(wallClock('2031-07-01T23:30:00Z', 'Europe/London')).toBe('2031-07-02T00:30'); // summer time
  });

  it('sends only what changed: the time of day for a series, the date and time for one session', () => {
    const edited = { ...initial, title: ' New title ', startTime: '13:00', startLocal: '2031-03-05T09:00' };
    expect(toEditInput(edited, initial, 'series')).toEqual({
      scope: 'series',
      changes: { title: 'New title', startTime: '13:00' },
    });
    expect(toEditInput({ ...edited, capacity: '20' }, initial, 'occurrence')).toEqual({
      scope: 'occurrence',
      changes: { title: 'New title', capacity: 20, startLocal: '2031-03-05T09:00' },
    });
  });

  it('changes or removes the presenter, and puts an unknown presenter error on its field', () => {
    const presented = editFormFrom({ ...session, presenters: [{ userId: 'u-grace', displayName: 'Grace Hopper' }] });
    expect(presented.presenterId).toBe('u-grace');
    expect(toEditInput({ ...presented, presenterId: 'u-linus' }, presented, 'series')).toEqual({
      scope: 'series',
      changes: { presenterIds: ['u-linus'] },
    });
    expect(toEditInput({ ...presented, presenterId: '' }, presented, 'occurrence')).toEqual({
      scope: 'occurrence',
      changes: { presenterIds: [] },
    });
    expect(toEditErrors([{ path: 'changes.presenterIds.0', message: 'no person with this id' }]).byField).toEqual({
      presenterId: 'no person with this id',
    });
  });

  it('says what the API cannot do before asking it', () => {
    expect(toEditInput(initial, initial, 'occurrence')).toEqual({ byField: {}, other: ['Nothing has changed yet.'] });
    expect(
      toEditInput({ ...initial, topic: '', capacity: '', durationMinutes: '45.5', title: '' }, initial, 'series'),
    ).toEqual({
      byField: {
        title: 'cannot be removed here, only changed',
        topic: 'cannot be removed here, only changed',
        capacity: 'cannot be removed here, only changed',
        durationMinutes: 'must be a whole number',
      },
      other: [],
    });
  });

  it('places the API’s field paths on the form’s fields and keeps the rest aside', () => {
    expect(
      toEditErrors([
        { path: 'changes.capacity', message: 'must be at least the 2 people already going' },
        { path: 'changes.startTime', message: 'must be a time like 12:30' },
        { path: 'changes', message: 'nothing to change' },
        { path: 'scope', message: 'is not allowed' },
      ]),
    ).toEqual({
      byField: { capacity: 'must be at least the 2 people already going', startTime: 'must be a time like 12:30' },
      other: ['changes nothing to change', 'scope is not allowed'],
    });
  });
});
