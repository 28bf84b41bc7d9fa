import { canRunCohort, roleIn } from '../cohorts/access.js';
import { Conflict, Forbidden, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { SessionView } from '../sessions/contracts.js';
import type { Session } from '../sessions/session.js';
import { getSession, type SessionDeps } from '../sessions/use-cases.js';
import {
  DirectoryNotConfigured,
  type MeetingScheduler,
  type TeamsMeetingRequest,
  type UserAssertion,
} from './directory.js';

export interface TeamsMeetingDeps extends SessionDeps {
  /** Null when Microsoft Graph is not configured. */
  readonly meetings: MeetingScheduler | null;
}

export interface TeamsMeetingOutcome {
  /** The session as its reader now sees it (its `meetingUrl` is the Teams join link). */
  readonly session: SessionView;
  readonly meeting: {
    /** Null only for a session bound to a meeting by its chat id alone. */
    readonly joinUrl: string | null;
    /** The meeting chat bound to the session; null while Teams has not made it findable (ask again shortly). */
    readonly chatId: string | null;
    /** The Outlook event in its organizer's calendar; null when the session was bound to a meeting another way. */
    readonly eventId: string | null;
    /** False when the session already had its meeting and nothing was created. */
    readonly created: boolean;
  };
}

/** The most characters of a session's description carried into the Outlook event. */
const MAX_EVENT_BODY = 4000;

/**
 * A facilitator of the session's cohort (or an owner of its program) creates the Outlook event with a Teams
 * meeting for the session, in their own calendar, through Microsoft Graph on their behalf; the session keeps
 * the join link and is bound to the meeting's chat, so the meeting side panel shows it.
 *
 * Idempotent: a session already held in a Teams meeting answers that meeting; a session whose event exists
 * but whose chat was not findable yet only looks the chat up again; and the create itself carries a key
 * derived from the session, so a retried or concurrent create makes no second event.
 */
export async function createTeamsMeetingForSession(
  deps: TeamsMeetingDeps,
  actor: Principal,
  assertion: UserAssertion,
  sessionId: string,
): Promise<TeamsMeetingOutcome> {
  const session = await deps.sessions.get(actor.tenantId, sessionId);
  if (!session) throw new NotFound('session');
  const cohort = await deps.cohorts.get(actor.tenantId, session.cohortId);
  if (!cohort) throw new NotFound('cohort');
  if (roleIn(cohort, actor.userId) !== 'facilitator') {
    const program = await deps.programs.get(actor.tenantId, cohort.programId);
    if (!canRunCohort(cohort, program, actor.userId)) {
      throw new Forbidden(`only a facilitator of "${cohort.name}" or an owner of its program can do this`);
    }
  }
  if (!deps.meetings) throw new DirectoryNotConfigured();

  if (session.meeting) {
    return {
      session: await getSession(deps, actor, session.id),
      meeting: {
        joinUrl: session.outlookEvent?.joinUrl ?? session.meetingUrl ?? null,
        chatId: session.meeting.chatId,
        eventId: session.outlookEvent?.id ?? null,
        created: false,
      },
    };
  }
  if (session.status === 'cancelled') throw new Conflict('this session is cancelled');
  if (new Date(session.endsAt).getTime() <= deps.clock.now().getTime()) throw new Conflict('this session has ended');

  let event = session.outlookEvent ? { eventId: session.outlookEvent.id, joinUrl: session.outlookEvent.joinUrl } : null;
  let chatId: string | null;
  const created = event === null;
  if (event) {
    chatId = await deps.meetings.meetingChatId(assertion, event.joinUrl);
  } else {
    const meeting = await deps.meetings.createTeamsMeeting(assertion, meetingRequest(session));
    event = { eventId: meeting.eventId, joinUrl: meeting.joinUrl };
    chatId = meeting.chatId;
  }

  const at = deps.clock.now().toISOString();
  const made = event;
  const bound = await deps.sessions.update(actor.tenantId, session.id, (current) => {
    // Someone bound the session to a meeting meanwhile: theirs stands.
    if (current.meeting) return { next: current, result: current.meeting.chatId };
    return {
      next: {
        ...current,
        meetingUrl: made.joinUrl,
        outlookEvent: current.outlookEvent ?? {
          id: made.eventId,
          joinUrl: made.joinUrl,
          organizerId: actor.userId,
          createdAt: at,
        },
        ...(chatId ? { meeting: { chatId, boundBy: actor.userId, boundAt: at } } : {}),
      },
      result: chatId,
    };
  });
  return {
    session: await getSession(deps, actor, session.id),
    meeting: { joinUrl: made.joinUrl, chatId: bound, eventId: made.eventId, created },
  };
}

/** The event as the session describes it: its title, times and zone, what it is about, and where. */
function meetingRequest(session: Session): TeamsMeetingRequest {
  const about = [session.topic, session.description].filter(Boolean).join('\n\n');
  return {
    subject: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timeZone: session.timeZone,
    body: `${about ? `${about}\n\n` : ''}Scheduled in PeerLoop.`.slice(0, MAX_EVENT_BODY),
    ...(session.location ? { location: session.location } : {}),
    idempotencyKey: `${session.tenantId}/${session.id}`,
  };
}
