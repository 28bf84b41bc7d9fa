import type { CohortRepository } from '../cohorts/cohort.js';
import type { ProgramRepository } from '../programs/program.js';
import type { Session, SessionKind, SessionRepository } from '../sessions/session.js';
import type { Principal } from '../shared/principal.js';
import { qnaEnabled } from './use-cases.js';

/** A session counts as "current" for Q&A from this long before it starts... */
export const QNA_LEAD_MINUTES = 120;
/** ...until this long after it ends (people still ask, hosts answer in writing). */
export const QNA_TAIL_MINUTES = 60;
/** The longest a session can last (the sessions contract caps durationMinutes): how far back to look for ones in progress. */
const LONGEST_SESSION_MINUTES = 480;

/** Where a current session stands in time. */
export type QnaSessionTiming = 'in-progress' | 'starting-soon' | 'just-ended';

/** A session whose Q&A queue the actor can use right now: what "ask" in a personal chat and "Add to Q&A" offer. */
export interface QnaSessionChoice {
  readonly id: string;
  readonly cohortId: string;
  readonly title: string;
  readonly kind: SessionKind;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timing: QnaSessionTiming;
}

const TIMING_ORDER: Record<QnaSessionTiming, number> = { 'in-progress': 0, 'starting-soon': 1, 'just-ended': 2 };

function timingOf(session: Session, now: number): QnaSessionTiming {
  if (Date.parse(session.startsAt) > now) return 'starting-soon';
  return Date.parse(session.endsAt) > now ? 'in-progress' : 'just-ended';
}

/**
 * The sessions with Q&A on (not cancelled) in the actor's cohorts — as a member of any role, a facilitator,
 * an owner of the cohort's program or a presenter of the session — that are in progress, start within
 * QNA_LEAD_MINUTES, or ended within QNA_TAIL_MINUTES. Soonest first: those in progress (earliest start
 * first), then those about to start (soonest first), then those just ended (latest end first), so the first
 * one is what a person most likely means by "ask" outside a meeting.
 *
 * Three single-partition queries, in parallel: the tenant's sessions in the time window, the actor's
 * cohorts and the tenant's programs. Access to each queue is still checked when the person asks or votes.
 */
export async function qnaSessionsFor(
  deps: {
    readonly sessions: SessionRepository;
    readonly cohorts: CohortRepository;
    readonly programs: ProgramRepository;
  },
  actor: Principal,
  now: Date,
): Promise<QnaSessionChoice[]> {
  const at = now.getTime();
  const [sessions, cohorts, programs] = await Promise.all([
    deps.sessions.list(actor.tenantId, {
      from: new Date(at - (LONGEST_SESSION_MINUTES + QNA_TAIL_MINUTES) * 60_000),
      to: new Date(at + QNA_LEAD_MINUTES * 60_000 + 1),
    }),
    deps.cohorts.list(actor.tenantId, { memberId: actor.userId }),
    deps.programs.list(actor.tenantId),
  ]);
  const myCohorts = new Set(cohorts.map((c) => c.id));
  const ownedPrograms = new Set(programs.filter((p) => p.ownerIds.includes(actor.userId)).map((p) => p.id));
  return sessions
    .filter(
      (s) =>
        s.status !== 'cancelled' &&
        qnaEnabled(s) &&
        Date.parse(s.endsAt) >= at - QNA_TAIL_MINUTES * 60_000 &&
        Date.parse(s.startsAt) <= at + QNA_LEAD_MINUTES * 60_000 &&
        (myCohorts.has(s.cohortId) ||
          ownedPrograms.has(s.programId) ||
          s.presenters.some((p) => p.userId === actor.userId)),
    )
    .map((s) => ({ session: s, timing: timingOf(s, at) }))
    .sort((a, b) => {
      if (a.timing !== b.timing) return TIMING_ORDER[a.timing] - TIMING_ORDER[b.timing];
      if (a.timing === 'just-ended') return Date.parse(b.session.endsAt) - Date.parse(a.session.endsAt);
      const byStart = Date.parse(a.session.startsAt) - Date.parse(b.session.startsAt);
      return byStart !== 0 ? byStart : a.session.id < b.session.id ? -1 : 1;
    })
    .map(({ session, timing }) => ({
      id: session.id,
      cohortId: session.cohortId,
      title: session.title,
      kind: session.kind,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timing,
    }));
}
