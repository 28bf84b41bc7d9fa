import { toNotificationErrors, toNotificationPatch, toNotificationValues } from './notification-form';

const defaults = toNotificationValues({ optedOut: false, weeklyDigest: false });

describe('the notification settings form', () => {
  it('asks whether to receive reminders (the opposite of opted out) and offers 22:00–07:00 as quiet hours', () => {
    expect(defaults).toEqual({
      receiveReminders: true,
      weeklyDigest: false,
      quietHours: false,
      quietStart: '22:00',
      quietEnd: '07:00',
    });
    expect(
      toNotificationValues({ optedOut: true, weeklyDigest: true, quietHours: { start: '21:30', end: '06:00' } }),
    ).toEqual({
      receiveReminders: false,
      weeklyDigest: true,
      quietHours: true,
      quietStart: '21:30',
      quietEnd: '06:00',
    });
  });

  it('sends only what changed', () => {
    expect(toNotificationPatch(defaults, defaults)).toEqual({ patch: {} });
    expect(toNotificationPatch(defaults, { ...defaults, receiveReminders: false, weeklyDigest: true })).toEqual({
      patch: { optedOut: true, weeklyDigest: true },
    });
    expect(toNotificationPatch(defaults, { ...defaults, quietHours: true })).toEqual({
      patch: { quietHours: { start: '22:00', end: '07:00' } },
    });
    const quiet = { ...defaults, quietHours: true };
    expect(toNotificationPatch(quiet, { ...quiet, quietEnd: '06:30' })).toEqual({
      patch: { quietHours: { start: '22:00', end: '06:30' } },
    });
  });

  it('clears quiet hours with null when they are turned off, whatever the times say', () => {
    const quiet = { ...defaults, quietHours: true };
    expect(toNotificationPatch(quiet, { ...quiet, quietHours: false, quietStart: '' })).toEqual({
      patch: { quietHours: null },
    });
  });

  it('refuses missing or equal times on their fields, as the API would', () => {
    const quiet = { ...defaults, quietHours: true };
    expect(toNotificationPatch(defaults, { ...quiet, quietStart: '', quietEnd: '7:00' })).toEqual({
      errors: { quietStart: 'Enter a time like 22:00.', quietEnd: 'Enter a time like 07:00.' },
    });
    expect(toNotificationPatch(defaults, { ...quiet, quietEnd: '22:00' })).toEqual({
      errors: { quietEnd: 'Must differ from the start.' },
    });
  });

  it("puts a 400's field errors on the form's fields and names each field in the summary", () => {
    expect(
      toNotificationErrors([
        { path: 'quietHours.start', message: 'must be a time like 22:00' },
        { path: 'weeklyDigest', message: 'must be true or false' },
        { path: '', message: 'nothing to change' },
      ]),
    ).toEqual({
      byField: { quietStart: 'Must be a time like 22:00.', weeklyDigest: 'Must be true or false.' },
      summary: [
        'Quiet hours from: must be a time like 22:00',
        'Weekly digest: must be true or false',
        'Nothing to change.',
      ],
    });
  });
});
