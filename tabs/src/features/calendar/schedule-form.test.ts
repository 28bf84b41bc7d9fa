import { emptyScheduleForm, qnaOn, toScheduleErrors, toScheduleInput } from './schedule-form';

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

  it('sends when RSVPs close and the date a series repeats until', () => {
    expect(
      toScheduleInput({ ...filled, rsvpCloses: '1440', repeats: 'monthly', monthlyBy: 'weekday', until: '2031-12-31' }),
    ).toMatchObject({
      rsvpClosesMinutesBefore: 1440,
      recurrence: { frequency: 'monthly', interval: 1, monthlyBy: 'weekday', until: '2031-12-31' },
    });
    expect(toScheduleInput({ ...filled, rsvpCloses: '0' })).toMatchObject({ rsvpClosesMinutesBefore: 0 });
    expect(toScheduleInput({ ...filled, until: '2031-12-31' })).not.toHaveProperty('recurrence');
    expect(toScheduleInput({ ...filled, rsvpCloses: '1.5' })).toEqual({
      byField: { rsvpCloses: 'must be a whole number' },
      other: [],
    });
  });

  it('turns the live Q&A queue on for fireside chats by default, and either way when asked', () => {
    expect(qnaOn({ ...filled, kind: 'fireside-chat' })).toBe(true);
    expect(qnaOn(filled)).toBe(false);
    expect(toScheduleInput(filled)).toMatchObject({ details: {} });
    expect(toScheduleInput({ ...filled, qna: 'on' })).toMatchObject({ details: { qnaEnabled: true } });
    expect(toScheduleInput({ ...filled, kind: 'fireside-chat', qna: 'off' })).toMatchObject({
      details: { qnaEnabled: false },
    });
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
        { path: 'recurrence.until', message: 'must be a date like 2026-12-01' },
        { path: 'details.agenda', message: 'is not a known field' },
      ]),
    ).toEqual({
      byField: {
        count: 'must be at most 260',
        presenterId: 'no person with this id in your organisation',
        startLocal: 'is not a valid local date and time',
        repeats: 'no occurrence is in the future',
        rsvpCloses: 'must be at most 10080 (a week)',
        until: 'must be a date like 2026-12-01',
      },
      other: ['details.agenda is not a known field'],
    });
  });
});
