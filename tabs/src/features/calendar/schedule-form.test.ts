import { emptyScheduleForm, toScheduleErrors, toScheduleInput } from './schedule-form';

describe('schedule session form values', () => {
  const filled = {
    ...emptyScheduleForm('c-1', 'Europe/London'),
    title: 'Weekly lunch',
    startLocal: '2031-03-04T12:30',
    capacity: '5',
    topic: ' ',
  };

  it('sends a series with its recurrence, and leaves out what was not filled in', () => {
    expect(toScheduleInput({ ...filled, repeats: 'weekly', count: '4', catering: 'catered' })).toEqual({
      cohortId: 'c-1',
      kind: 'learning-lunch',
      title: 'Weekly lunch',
      presenterIds: [],
      startLocal: '2031-03-04T12:30',
      timeZone: 'Europe/London',
      durationMinutes: 60,
      capacity: 5,
      details: { catering: 'catered' },
      recurrence: { frequency: 'weekly', interval: 1, monthlyBy: 'date', count: 4 },
    });
    expect(toScheduleInput(filled)).not.toHaveProperty('recurrence');
  });

  it('rejects numbers that are not whole before calling the API', () => {
    expect(toScheduleInput({ ...filled, capacity: '2.5', durationMinutes: '' })).toEqual({
      byField: { capacity: 'must be a whole number', durationMinutes: 'is required' },
      other: [],
    });
  });

  it('places API field paths on the form’s fields and keeps the rest aside', () => {
    expect(
      toScheduleErrors([
        { path: 'recurrence.count', message: 'must be at most 260' },
        { path: 'presenterIds.0', message: 'no person with this id in your organisation' },
        { path: 'startLocal', message: 'is not a valid local date and time' },
        { path: 'recurrence', message: 'no occurrence is in the future' },
        { path: 'rsvpClosesMinutesBefore', message: 'must be at most 10080 (a week)' },
      ]),
    ).toEqual({
      byField: {
        count: 'must be at most 260',
        presenterId: 'no person with this id in your organisation',
        startLocal: 'is not a valid local date and time',
        repeats: 'no occurrence is in the future',
      },
      other: ['rsvpClosesMinutesBefore must be at most 10080 (a week)'],
    });
  });
});
