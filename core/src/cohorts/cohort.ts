import type { ReminderDefaults } from '../programs/program.js';
export const COHORT_KINDS = [
  'peer-learning-group',
  'book-club',
  'onboarding-cohort',
  'post-training-cohort',
  'mentoring-circle',
  'learning-lunch-series',
] as const;
export type CohortKind = (typeof COHORT_KINDS)[number];

export const COHORT_STATUSES = ['forming', 'active', 'closed'] as const;
export type CohortStatus = (typeof COHORT_STATUSES)[number];

export const MEMBER_ROLES = ['owner', 'facilitator', 'member', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** The attributes a cohort is formed around; each is optional free text such as "Senior" or "Finance". */
export interface CommonThreads {
  readonly title?: string;
  readonly level?: string;
  readonly experience?: string;
  readonly function?: string;
  readonly project?: string;
}

export const JOIN_POLICIES = ['open', 'invitation', 'owner'] as const;
/** Who may bring people in: anyone themselves (open), invited people themselves, or only owners/facilitators. */
export type JoinPolicy = (typeof JOIN_POLICIES)[number];

/** Which versions of the program's agreements a member accepted, and when. */
export interface AgreementAcceptance {
  readonly codeOfConductVersion: number;
  readonly confidentialityVersion: number;
  readonly acceptedAt: string;
}

export interface CohortMember {
  readonly userId: string;
  /** Kept with the membership so lists never need a second read for names. */
  readonly displayName: string;
  readonly role: MemberRole;
  readonly joinedAt: string;
  /** The member's managers upwards, as known when they joined: the reporting line the grouping rule checks. */
  readonly reportingLine?: readonly string[];
  /** Set when the person chose to be grouped with someone in their reporting line. */
  readonly reportingLineAcknowledged?: boolean;
  readonly agreements?: AgreementAcceptance;
}

/** A member who left or was removed: kept, because turnover is a metric. */
export interface Departure {
  readonly userId: string;
  readonly displayName: string;
  readonly role: MemberRole;
  readonly joinedAt: string;
  readonly leftAt: string;
  readonly reason?: string;
  /** Who removed them, when it was not themselves. */
  readonly removedBy?: string;
}

export interface Invitation {
  readonly userId: string;
  readonly invitedBy: string;
  readonly at: string;
}

/** The Teams channel a cohort lives in: recorded when its channel tab is configured for the cohort. */
export interface CohortChannel {
  /** The team's Microsoft 365 group id (or, when Teams gives none, its internal thread id). */
  readonly teamId: string;
  readonly channelId: string;
  readonly channelName?: string;
  readonly boundBy: string;
  readonly boundAt: string;
}

/** A peer-learning cohort, with its members embedded (cohorts are small: see docs/adr/0001). */
export interface Cohort {
  readonly tenantId: string;
  readonly id: string;
  readonly programId: string;
  readonly name: string;
  readonly purpose: string;
  readonly kind: CohortKind;
  readonly commonThreads: CommonThreads;
  readonly status: CohortStatus;
  readonly capacity?: number;
  readonly joinPolicy?: JoinPolicy;
  readonly members: readonly CohortMember[];
  readonly invitations?: readonly Invitation[];
  readonly departures?: readonly Departure[];
  readonly channel?: CohortChannel;
  /** The cohort's own reminder leads, instead of the program's (a session may set its own). */
  readonly reminderDefaults?: ReminderDefaults;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** What lists and search show of a cohort: no member list, just the people a reader needs. */
export interface CohortListing {
  readonly id: string;
  readonly programId: string;
  readonly name: string;
  readonly purpose: string;
  readonly kind: CohortKind;
  readonly commonThreads: CommonThreads;
  readonly status: CohortStatus;
  readonly facilitators: readonly { readonly userId: string; readonly displayName: string }[];
  /** Members and facilitators; observers and owners are not counted. */
  readonly memberCount: number;
}

export interface CohortRepository {
  /** Stores a new cohort; Conflict if its id exists. */
  create(cohort: Cohort): Promise<void>;
  get(tenantId: string, id: string): Promise<Cohort | null>;
  /** Cohorts of a tenant, optionally of one program, newest first, in one store round trip. */
  list(tenantId: string, filter: { programId?: string; memberId?: string }): Promise<CohortListing[]>;
  /**
   * Changes one cohort under optimistic concurrency (ETag), retrying a few times on a concurrent write;
   * Conflict when it keeps losing the race.
   */
  update<T>(tenantId: string, id: string, change: (current: Cohort) => { next: Cohort; result: T }): Promise<T>;
  /** Every cohort the person is in (any role), whole, in one single-partition query. */
  listOfMember(tenantId: string, userId: string): Promise<Cohort[]>;
  /** Cohorts whose name contains `text` (case-insensitive), at most `limit`, in one store round trip. */
  searchByName(tenantId: string, text: string, limit: number): Promise<CohortListing[]>;
}

export function countsAsMember(role: MemberRole): boolean {
  return role === 'member' || role === 'facilitator';
}
