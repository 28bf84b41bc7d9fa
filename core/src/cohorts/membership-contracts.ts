import { reminderDefaultsInput } from '../programs/reminder-contract.js';
import { z } from 'zod';
import {
  COHORT_STATUSES,
  JOIN_POLICIES,
  MEMBER_ROLES,
  type JoinPolicy,
  type CohortStatus,
  type MemberRole,
} from './cohort.js';
import type { CohortSummary } from './contracts.js';

const id = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
const thread = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

/** POST /api/cohorts/{id}/members: join (no userId, or your own) or add someone (owners, facilitators). */
export const joinCohortInput = z.strictObject({
  userId: id.optional(),
  role: z.enum(MEMBER_ROLES).default('member'),
  /** The explicit choice to group someone with their own reporting line. */
  allowReportingLine: z.boolean().default(false),
});

/** POST /api/cohorts/{id}/members/{userId}/leave */
export const leaveCohortInput = z.strictObject({
  reason: z.string().trim().max(500, 'must be at most 500 characters').optional(),
});

/** PATCH /api/cohorts/{id}: what owners and facilitators may change. */
export const updateCohortInput = z
  .strictObject({
    name: z.string().trim().min(3, 'must be at least 3 characters').max(80, 'must be at most 80 characters').optional(),
    purpose: z.string().trim().min(1, 'is required').max(1000, 'must be at most 1000 characters').optional(),
    status: z.enum(COHORT_STATUSES).optional(),
    joinPolicy: z.enum(JOIN_POLICIES).optional(),
    capacity: z
      .number()
      .int('must be a whole number')
      .min(2, 'must be at least 2')
      .max(500, 'must be at most 500')
      .nullable()
      .optional(),
    /** The cohort's own reminder leads; null goes back to the program's. */
    reminderDefaults: reminderDefaultsInput.nullable().optional(),
    commonThreads: z
      .strictObject({
        title: thread.optional(),
        level: thread.optional(),
        experience: thread.optional(),
        function: thread.optional(),
        project: thread.optional(),
      })
      .optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to change' });

const teamsId = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(400, 'must be at most 400 characters')
  .regex(/^[^\s<>"]*$/, 'must be an id from Teams, without spaces');

/** PUT /api/cohorts/{id}/channel: the Teams channel the cohort lives in (from the channel tab's Teams context). */
export const cohortChannelInput = z.strictObject({
  teamId: teamsId,
  channelId: teamsId,
  channelName: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
});

/** POST /api/cohorts/{id}/invitations */
export const inviteInput = z.strictObject({
  userIds: z.array(id).min(1, 'name at least one person').max(50, 'at most 50 at a time'),
});

export interface CohortMemberView {
  readonly userId: string;
  readonly displayName: string;
  readonly role: MemberRole;
  readonly joinedAt: string;
  /** Shown to the people who run the cohort only. */
  readonly acceptedCurrentAgreements?: boolean;
  readonly reportingLineAcknowledged?: boolean;
}

/** A cohort's home page: members, agreements, the reader's place in it. */
export interface CohortDetail extends CohortSummary {
  readonly capacity?: number;
  readonly joinPolicy: JoinPolicy;
  readonly status: CohortStatus;
  /** Everyone for members and runners; facilitators only for others. */
  readonly members: readonly CohortMemberView[];
  readonly myRole: MemberRole | null;
  readonly myAgreementsAccepted: boolean;
  readonly invited: boolean;
  readonly agreements: {
    readonly codeOfConduct: { readonly version: number; readonly text: string };
    readonly confidentiality: { readonly version: number; readonly text: string };
  };
  readonly canManage: boolean;
  /** The Teams channel the cohort lives in, once its channel tab was set up for it. */
  readonly channel?: { readonly teamId: string; readonly channelId: string; readonly channelName?: string };
  /** Runners only: who left, when and why (turnover). */
  readonly departures?: readonly { userId: string; displayName: string; leftAt: string; reason?: string }[];
}
