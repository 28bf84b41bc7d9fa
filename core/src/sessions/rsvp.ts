import { Conflict, Forbidden } from '../shared/errors.js';
import { seatsTaken, type RsvpResponse, type RsvpStatus, type Session, type SessionNotice } from './session.js';

export interface RsvpOutcome {
  /** Where the person stands now. */
  readonly status: RsvpStatus;
  /** People moved from the waitlist into a freed seat, in order. */
  readonly promoted: readonly string[];
  readonly seatsTaken: number;
  readonly waitlistPosition: number | null;
}

/**
 * Applies one person's answer to a session. Capacity is never exceeded: "going" beyond it joins the
 * waitlist, and a seat given up goes to the first person waiting (recorded as a notice for the reminders
 * engine). Pure: the repository applies it under an ETag, so concurrent answers never overbook.
 */
export function applyRsvp(
  session: Session,
  userId: string,
  response: RsvpResponse,
  now: Date,
): { next: Session; result: RsvpOutcome } {
  if (session.status === 'cancelled') throw new Conflict('this session was cancelled');
  if (now.getTime() >= Date.parse(session.endsAt)) throw new Conflict('this session has ended');
  if (session.rsvpClosesAt && now.getTime() > Date.parse(session.rsvpClosesAt)) {
    throw new Conflict(`RSVPs for this session closed at ${session.rsvpClosesAt}`);
  }
  const at = now.toISOString();
  const previous = session.rsvps[userId]?.status;
  const rsvps = { ...session.rsvps };
  let waitlist = session.waitlist.filter((id) => id !== userId);

  if (response === 'going' && (previous === 'going' || previous === 'waitlisted')) {
    return { next: session, result: outcome(session, userId, []) };
  }
  if (response === 'going') {
    const full = session.capacity !== undefined && seatsTaken(session) >= session.capacity;
    rsvps[userId] = { status: full ? 'waitlisted' : 'going', respondedAt: at };
    if (full) waitlist = [...waitlist, userId];
  } else {
    rsvps[userId] = { status: response, respondedAt: at };
  }

  const promoted: string[] = [];
  const notices: SessionNotice[] = [...session.notices];
  if (previous === 'going' && response !== 'going') {
    const [first, ...rest] = waitlist;
    if (first) {
      rsvps[first] = { status: 'going', respondedAt: at };
      waitlist = rest;
      promoted.push(first);
      notices.push({ id: `waitlist-promoted:${first}:${at}`, type: 'waitlist-promoted', userId: first, at });
    }
  }
  const next: Session = { ...session, rsvps, waitlist, notices };
  return { next, result: outcome(next, userId, promoted) };
}

function outcome(session: Session, userId: string, promoted: string[]): RsvpOutcome {
  const position = session.waitlist.indexOf(userId);
  return {
    status: session.rsvps[userId]?.status ?? 'declined',
    promoted,
    seatsTaken: seatsTaken(session),
    waitlistPosition: position >= 0 ? position + 1 : null,
  };
}

/** Minutes before the start when check-in opens. */
export const CHECK_IN_OPENS_MINUTES = 15;

/** A person checks themselves in, during the session window only. */
export function applyCheckIn(
  session: Session,
  userId: string,
  now: Date,
): { next: Session; result: { checkedInAt: string } } {
  if (session.status === 'cancelled') throw new Conflict('this session was cancelled');
  const opens = Date.parse(session.startsAt) - CHECK_IN_OPENS_MINUTES * 60_000;
  if (now.getTime() < opens)
    throw new Conflict(`check-in opens ${CHECK_IN_OPENS_MINUTES} minutes before the session starts`);
  if (now.getTime() > Date.parse(session.endsAt)) throw new Conflict('check-in closed when the session ended');
  const existing = session.attendance[userId];
  if (existing?.present) return { next: session, result: { checkedInAt: existing.at } };
  const at = now.toISOString();
  return {
    next: { ...session, attendance: { ...session.attendance, [userId]: { present: true, at, recordedBy: userId } } },
    result: { checkedInAt: at },
  };
}

/** A facilitator corrects attendance, during or after the session (not before it starts). */
export function applyAttendanceCorrection(
  session: Session,
  facilitatorId: string,
  userId: string,
  present: boolean,
  now: Date,
): { next: Session; result: { present: boolean } } {
  if (now.getTime() < Date.parse(session.startsAt) - CHECK_IN_OPENS_MINUTES * 60_000) {
    throw new Forbidden('attendance can be recorded once the session is about to start');
  }
  const at = now.toISOString();
  return {
    next: { ...session, attendance: { ...session.attendance, [userId]: { present, at, recordedBy: facilitatorId } } },
    result: { present },
  };
}
