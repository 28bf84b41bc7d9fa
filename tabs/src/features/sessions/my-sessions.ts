import type { CohortSummary, SessionView } from '@peerloop/core';
import type { ApiClient } from '../../platform/api-client';
import { listSessions } from './sessions-api';

const DAY_MS = 86_400_000;

/**
 * Upcoming sessions (the next `days` days) the user answered going, maybe or waitlisted, or that belong
 * to one of their cohorts; soonest first.
 */
export async function listMySessions(
  api: ApiClient,
  myCohorts: readonly CohortSummary[],
  now: Date = new Date(),
  days = 60,
): Promise<SessionView[]> {
  const cohortIds = new Set(myCohorts.map((c) => c.id));
  const sessions = await listSessions(api, {
    from: now.toISOString(),
    to: new Date(now.getTime() + days * DAY_MS).toISOString(),
  });
  return sessions.filter(
    (s) =>
      Date.parse(s.endsAt) > now.getTime() &&
      (cohortIds.has(s.cohortId) || s.myRsvp === 'going' || s.myRsvp === 'maybe' || s.myRsvp === 'waitlisted'),
  );
}
