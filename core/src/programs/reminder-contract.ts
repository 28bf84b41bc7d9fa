import { z } from 'zod';

/**
 * How long before a session reminders go out: a program's defaults, a cohort's own, or one session's. The
 * most specific one set wins (session, then cohort, then program).
 */
export const reminderDefaultsInput = z.strictObject({
  participantMinutesBefore: z
    .array(
      z
        .number({ error: 'must be a number of minutes' })
        .int('must be whole minutes')
        .min(5, 'must be at least 5')
        .max(20_160, 'must be at most 20160 (two weeks)'),
      { error: 'must be a list of minutes' },
    )
    .max(4, 'at most 4 reminders')
    .transform((list) => [...new Set(list)].sort((a, b) => b - a)),
  presenterDaysBefore: z
    .number({ error: 'must be a number of days' })
    .int('must be whole days')
    .min(0, 'must be 0 or more')
    .max(14, 'must be at most 14'),
});
