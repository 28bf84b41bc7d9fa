import { newSession, type Session } from '../sessions/session.js';
import { DEFAULT_PLAN_SETTINGS } from './deps.js';
import { earlyWaves } from './planner.js';

const MINUTE = 60_000;
const due = new Date('2026-12-01T12:00:00.000Z').getTime();
const leads = { participantMinutesBefore: [1440, 15], presenterDaysBefore: 3 };

function lunch(id: string, people: number, startsAt = due + 1440 * MINUTE): Session {
  const at = new Date(due - 7 * 1440 * MINUTE).toISOString();
  return newSession({
    tenantId: 't',
    id,
    cohortId: 'c',
    programId: 'p',
    kind: 'learning-lunch',
    title: id,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 60 * MINUTE).toISOString(),
    timeZone: 'UTC',
    createdBy: 'f',
    createdAt: at,
    rsvps: Object.fromEntries(
      Array.from({ length: people }, (_, i) => [`${id}-u${i}`, { status: 'going' as const, respondedAt: at }]),
    ),
  });
}

const plan = (sessions: Session[], minutesBeforeDue: number, settings = DEFAULT_PLAN_SETTINGS) =>
  earlyWaves(
    sessions.map((session) => ({ session, leads })),
    settings,
    new Date(due - minutesBeforeDue * MINUTE),
  );

describe('big reminder waves start early enough to be through on time', () => {
  // Ten sessions of 1,000, all due at once: 10,000 at 45 a second take 222 s.
  const big = Array.from({ length: 10 }, (_, i) => lunch(`s${i}`, 1000));

  it('not while there is time to spare', () => {
    expect(plan(big, 5)).toEqual([]);
  });

  it('all waves due together start together, as long before as sending them all takes (and a minute, one tick)', () => {
    const early = plan(big, 4.5);
    expect(early).toHaveLength(10);
    expect(new Set(early.map((e) => e.startAt.getTime()))).toEqual(
      new Set([Math.floor(due - (10_000 / 45) * 1000 - MINUTE)]),
    );
    expect(early.every((e) => e.lead === 1440)).toBe(true);
  });

  it('leaves a wave that takes under a minute to its due time', () => {
    expect(plan([lunch('small', 2000)], 0.5)).toEqual([]);
    expect(plan([lunch('small', 40)], 0.2)).toEqual([]);
  });

  it('counts the waves due earlier as work ahead of a later one', () => {
    const first = lunch('first', 1800); // 40 s of sending, due at `due`
    const second = lunch('second', 1800, due + 1440 * MINUTE + 30_000); // due 30 s later: 80 s of work by then
    const early = plan([first, second], 0.75);
    expect(early.map((e) => e.session.id)).toEqual(['second']);
    expect(early[0]!.startAt.getTime()).toBe(due + 30_000 - 80_000 - MINUTE);
  });

  it('starts at most half an hour early, and never more than a quarter of the lead', () => {
    const huge = [lunch('huge', 200_000)]; // 74 minutes of sending
    expect(plan(huge, 31)).toEqual([]);
    expect(plan(huge, 30)[0]!.startAt.getTime()).toBe(due - 30 * MINUTE);
    // The 15-minute reminder of a big session starts at most 3.75 minutes early.
    const soon = lunch('soon', 20_000, due + 15 * MINUTE);
    expect(plan([soon], 4)).toEqual([]);
    expect(plan([soon], 3.75)[0]).toMatchObject({ lead: 15, startAt: new Date(due - 3.75 * MINUTE) });
  });
});
