import { updateCohortInput } from '../cohorts/membership-contracts.js';
import { scheduleSessionInput } from '../sessions/contracts.js';
import { reminderDefaultsInput } from './reminder-contract.js';

describe('reminder leads a program, cohort or session may set', () => {
  it('keeps distinct leads, latest reminder last', () => {
    expect(reminderDefaultsInput.parse({ participantMinutesBefore: [15, 1440, 15], presenterDaysBefore: 2 })).toEqual({
      participantMinutesBefore: [1440, 15],
      presenterDaysBefore: 2,
    });
  });

  it('names what is wrong', () => {
    const problems = (input: unknown) =>
      reminderDefaultsInput.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({ participantMinutesBefore: [1, 30.5], presenterDaysBefore: 15 })).toEqual([
      'participantMinutesBefore.0: must be at least 5',
      'participantMinutesBefore.1: must be whole minutes',
      'presenterDaysBefore: must be at most 14',
    ]);
    expect(problems({ participantMinutesBefore: [10, 20, 30, 40, 50], presenterDaysBefore: 1 })).toEqual([
      'participantMinutesBefore: at most 4 reminders',
    ]);
  });

  it("a cohort may set its own, or go back to the program's with null", () => {
    expect(updateCohortInput.parse({ reminderDefaults: null })).toEqual({ reminderDefaults: null });
    expect(
      updateCohortInput.parse({ reminderDefaults: { participantMinutesBefore: [60], presenterDaysBefore: 1 } }),
    ).toMatchObject({ reminderDefaults: { participantMinutesBefore: [60] } });
  });

  it('a session carries its own in its details', () => {
    const parsed = scheduleSessionInput.parse({
      cohortId: 'c',
      kind: 'workshop',
      title: 'Workshop',
      startLocal: '2027-01-05T12:00',
      timeZone: 'Europe/London',
      durationMinutes: 60,
      details: { reminders: { participantMinutesBefore: [120], presenterDaysBefore: 0 } },
    });
    expect(parsed.details.reminders).toEqual({ participantMinutesBefore: [120], presenterDaysBefore: 0 });
  });
});
