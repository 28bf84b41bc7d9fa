export const SESSION_KINDS = [
  'learning-lunch',
  'fireside-chat',
  'book-club',
  'workshop',
  'networking',
  'reflection',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** One scheduled gathering of a cohort. */
export interface Session {
  readonly tenantId: string;
  readonly id: string;
  readonly cohortId: string;
  readonly programId: string;
  readonly kind: SessionKind;
  readonly title: string;
  /** ISO 8601 instant (UTC). */
  readonly startsAt: string;
  readonly endsAt: string;
  /** IANA zone the session was planned in, for display. */
  readonly timeZone: string;
}

export interface SessionSummary {
  readonly id: string;
  readonly title: string;
  readonly kind: SessionKind;
  readonly startsAt: string;
}

export interface SessionRepository {
  create(session: Session): Promise<void>;
  /** The next session (startsAt >= from) of each listed cohort, in one store round trip. */
  nextByCohort(tenantId: string, cohortIds: readonly string[], from: Date): Promise<Map<string, SessionSummary>>;
}
