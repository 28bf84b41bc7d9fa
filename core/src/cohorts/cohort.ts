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

export interface CohortMember {
  readonly userId: string;
  /** Kept with the membership so lists never need a second read for names. */
  readonly displayName: string;
  readonly role: MemberRole;
  readonly joinedAt: string;
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
  readonly members: readonly CohortMember[];
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
  /** Cohorts whose name contains `text` (case-insensitive), at most `limit`, in one store round trip. */
  searchByName(tenantId: string, text: string, limit: number): Promise<CohortListing[]>;
}

export function countsAsMember(role: MemberRole): boolean {
  return role === 'member' || role === 'facilitator';
}
