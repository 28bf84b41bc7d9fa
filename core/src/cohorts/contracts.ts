import { z } from 'zod';
import { COHORT_KINDS } from './cohort.js';
import type { CohortListing } from './cohort.js';
import type { SessionSummary } from '../sessions/session.js';

const threadValue = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

/** Body of POST /api/cohorts: what a program owner fills in on the tab's "New cohort" form. */
export const createCohortInput = z.strictObject({
  programId: z.string().trim().min(1, 'is required').max(100),
  name: z
    .string({ error: 'is required' })
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(80, 'must be at most 80 characters'),
  purpose: z.string({ error: 'is required' }).trim().min(1, 'is required').max(1000, 'must be at most 1000 characters'),
  kind: z.enum(COHORT_KINDS).default('peer-learning-group'),
  commonThreads: z
    .strictObject({
      title: threadValue.optional(),
      level: threadValue.optional(),
      experience: threadValue.optional(),
      function: threadValue.optional(),
      project: threadValue.optional(),
    })
    .default({}),
  facilitatorId: z.string({ error: 'is required' }).trim().min(1, 'is required').max(100),
  capacity: z.number().int().min(2, 'must be at least 2').max(500, 'must be at most 500').optional(),
});
export type CreateCohortInput = z.input<typeof createCohortInput>;

export const listCohortsQuery = z.strictObject({
  programId: z.string().trim().min(1).max(100).optional(),
  /** Only cohorts the actor belongs to ("My learning"). */
  mine: z.boolean().default(false),
});

export const searchCohortsQuery = z.strictObject({
  text: z.string().trim().max(100, 'must be at most 100 characters').default(''),
  limit: z.number().int().min(1).max(25).default(10),
});

/** A cohort as the channel tab, the bot and the messaging extension show it. */
export interface CohortSummary extends CohortListing {
  readonly nextSession: SessionSummary | null;
}
