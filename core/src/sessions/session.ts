import type { ReminderDefaults } from '../programs/program.js';
export const SESSION_KINDS = [
  'learning-lunch',
  'fireside-chat',
  'book-club',
  'workshop',
  'networking',
  'reflection',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** What a person answers to an invitation. */
export const RSVP_RESPONSES = ['going', 'maybe', 'declined'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];
/** Where a person stands: a "going" beyond capacity is waitlisted until a seat frees. */
export type RsvpStatus = RsvpResponse | 'waitlisted';

export interface Rsvp {
  readonly status: RsvpStatus;
  readonly respondedAt: string;
}

export interface AttendanceRecord {
  readonly present: boolean;
  readonly at: string;
  /** Who recorded it: the person (self check-in) or a facilitator correcting it. */
  readonly recordedBy: string;
}

/** Kind-specific details: a lunch's catering, a fireside chat's guest, a book club's book. */
export interface SessionDetails {
  readonly catering?: 'catered' | 'bring-your-own';
  readonly guest?: string;
  readonly qnaEnabled?: boolean;
  readonly book?: string;
  readonly chapters?: string;
  /** This session's own reminder leads, instead of its cohort's or program's. */
  readonly reminders?: ReminderDefaults;
}

export interface Presenter {
  readonly userId: string;
  readonly displayName: string;
}

/** Something other parts of PeerLoop must act on (the reminders engine notifies on these). */
export interface SessionNotice {
  readonly id: string;
  readonly type: 'waitlist-promoted' | 'session-cancelled' | 'session-changed';
  readonly userId?: string;
  readonly at: string;
}

/** One scheduled gathering of a cohort: a single session, or one occurrence of a series. */
export interface Session {
  readonly tenantId: string;
  readonly id: string;
  readonly cohortId: string;
  readonly programId: string;
  readonly kind: SessionKind;
  readonly title: string;
  readonly topic?: string;
  readonly description?: string;
  readonly presenters: readonly Presenter[];
  /** ISO 8601 instants (UTC). */
  readonly startsAt: string;
  readonly endsAt: string;
  /** IANA zone the session was planned in: recurrence and display follow its wall clock. */
  readonly timeZone: string;
  readonly location?: string;
  readonly meetingUrl?: string;
  /** The Teams meeting held for it: its chat id is what a meeting side panel knows. */
  readonly meeting?: { readonly chatId: string; readonly boundBy: string; readonly boundAt: string };
  /**
   * The Outlook event (with its Teams meeting) PeerLoop created for the session through Microsoft Graph, in
   * its organizer's calendar: a second request reuses it rather than creating another (docs/adr/0007).
   */
  readonly outlookEvent?: {
    readonly id: string;
    readonly joinUrl: string;
    readonly organizerId: string;
    readonly createdAt: string;
  };
  readonly capacity?: number;
  readonly rsvpClosesAt?: string;
  readonly status: 'scheduled' | 'cancelled';
  readonly details: SessionDetails;
  /** Set on occurrences of a series, with the local date the rule produced (stable across edits). */
  readonly seriesId?: string;
  readonly occurrenceDate?: string;
  /** An occurrence edited on its own: series edits leave it alone. */
  readonly detached?: boolean;
  readonly rsvps: Readonly<Record<string, Rsvp>>;
  /** User ids in the order they asked for a seat. */
  readonly waitlist: readonly string[];
  readonly attendance: Readonly<Record<string, AttendanceRecord>>;
  readonly notices: readonly SessionNotice[];
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface SessionSummary {
  readonly id: string;
  readonly title: string;
  readonly kind: SessionKind;
  readonly startsAt: string;
}

export interface SessionQuery {
  readonly cohortId?: string;
  readonly programId?: string;
  readonly from: Date;
  readonly to: Date;
}

export interface SessionRepository {
  create(session: Session): Promise<void>;
  /** Creates the occurrences of a series; existing ids are left as they are (idempotent). */
  createMany(sessions: readonly Session[]): Promise<void>;
  get(tenantId: string, id: string): Promise<Session | null>;
  /** Sessions bound to a Teams meeting (by its chat id), soonest first, in one single-partition query. */
  listByMeeting(tenantId: string, chatId: string): Promise<Session[]>;
  /** Sessions starting in [from, to), soonest first, in one single-partition query. */
  list(tenantId: string, query: SessionQuery): Promise<Session[]>;
  /**
   * Changes one session under optimistic concurrency: reads it, applies `change`, and writes it only if
   * nobody wrote in between (ETag), retrying a few times; Conflict when it keeps losing the race.
   */
  update<T>(tenantId: string, id: string, change: (current: Session) => { next: Session; result: T }): Promise<T>;
  /** The next session (startsAt >= from) of each listed cohort, in one store round trip. */
  nextByCohort(tenantId: string, cohortIds: readonly string[], from: Date): Promise<Map<string, SessionSummary>>;
}

export function seatsTaken(session: Session): number {
  return Object.values(session.rsvps).filter((r) => r.status === 'going').length;
}

/** A session with its defaults filled, for building one in code. */
export function newSession(
  fields: Omit<Session, 'presenters' | 'status' | 'details' | 'rsvps' | 'waitlist' | 'attendance' | 'notices'> &
    Partial<Session>,
): Session {
  return {
    presenters: [],
    status: 'scheduled',
    details: {},
    rsvps: {},
    waitlist: [],
    attendance: {},
    notices: [],
    ...fields,
  };
}
