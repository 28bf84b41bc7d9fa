import type { Program } from '../programs/program.js';
import type { Cohort, MemberRole } from './cohort.js';

/** The actor's role in a cohort, or null when they are not in it. */
export function roleIn(cohort: Cohort, userId: string): MemberRole | null {
  return cohort.members.find((m) => m.userId === userId)?.role ?? null;
}

/** Facilitators run a cohort's sessions; the program's owners may too. */
export function canRunCohort(cohort: Cohort, program: Program | null, userId: string): boolean {
  return roleIn(cohort, userId) === 'facilitator' || (program?.ownerIds.includes(userId) ?? false);
}
