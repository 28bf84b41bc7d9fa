import type { Cohort, CohortRepository } from '../cohorts/cohort.js';
import { hasAcceptedCurrentAgreements } from '../cohorts/membership.js';
import { roleIn } from '../cohorts/access.js';
import { isProgramOwner, type Program, type ProgramRepository } from '../programs/program.js';
import type { Principal } from '../shared/principal.js';
import type { LibraryItem, LibraryVisibility } from './item.js';

/**
 * What a person may see of the library:
 * - program-scoped items: everyone in the organisation (like the program's cohorts);
 * - cohort-scoped items: the cohort's members and observers once they accepted the program's current code of
 *   conduct and confidentiality terms, its facilitators, and the program's owners;
 * - hidden items: the program's owners, and the author (who is told it is hidden).
 */
export interface LibraryAccess {
  readonly visibility: LibraryVisibility;
  readonly programs: ReadonlyMap<string, Program>;
  /** The person's cohorts, whether or not they may see their items yet. */
  readonly cohorts: ReadonlyMap<string, Cohort>;
}

export interface LibraryAccessDeps {
  readonly programs: Pick<ProgramRepository, 'list'>;
  readonly cohorts: Pick<CohortRepository, 'listOfMember'>;
}

/** Two queries, in parallel: the tenant's programs and the person's cohorts. */
export async function libraryAccess(deps: LibraryAccessDeps, actor: Principal): Promise<LibraryAccess> {
  const [programList, cohortList] = await Promise.all([
    deps.programs.list(actor.tenantId),
    deps.cohorts.listOfMember(actor.tenantId, actor.userId),
  ]);
  const programs = new Map(programList.map((p) => [p.id, p]));
  const ownedProgramIds = programList.filter((p) => isProgramOwner(p, actor.userId)).map((p) => p.id);
  const cohortIds = cohortList
    .filter((cohort) => seesCohortItems(cohort, programs.get(cohort.programId), actor.userId))
    .map((cohort) => cohort.id);
  return {
    visibility: { userId: actor.userId, ownedProgramIds, cohortIds },
    programs,
    cohorts: new Map(cohortList.map((c) => [c.id, c])),
  };
}

export function seesCohortItems(cohort: Cohort, program: Program | undefined, userId: string): boolean {
  if (program && isProgramOwner(program, userId)) return true;
  const role = roleIn(cohort, userId);
  if (role === 'facilitator') return true;
  if (!role || !program) return false;
  return hasAcceptedCurrentAgreements(
    cohort.members.find((m) => m.userId === userId),
    program,
  );
}

/** The pure rule the repository's query mirrors (tests hold the two together). */
export function canSeeItem(item: LibraryItem, visibility: LibraryVisibility): boolean {
  const owner = visibility.ownedProgramIds.includes(item.programId);
  if (owner) return true;
  if (item.state === 'hidden' && item.author.userId !== visibility.userId) return false;
  return item.cohortId === undefined || visibility.cohortIds.includes(item.cohortId);
}

export function ownsProgramOf(item: Pick<LibraryItem, 'programId'>, visibility: LibraryVisibility): boolean {
  return visibility.ownedProgramIds.includes(item.programId);
}

/** Facilitators of the item's cohort and the program's owners see its figures. */
export function runsScopeOf(
  access: LibraryAccess,
  scope: { readonly programId: string; readonly cohortId?: string },
  userId: string,
): boolean {
  if (access.visibility.ownedProgramIds.includes(scope.programId)) return true;
  if (!scope.cohortId) return false;
  const cohort = access.cohorts.get(scope.cohortId);
  return cohort !== undefined && roleIn(cohort, userId) === 'facilitator';
}
