import type { Clock, IdGenerator } from '../shared/ports.js';
import type { Principal } from '../shared/principal.js';
import { Forbidden, NotFound, ValidationFailed } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { isProgramOwner, type ProgramRepository } from '../programs/program.js';
import type { PersonRepository } from '../people/person.js';
import type { SessionRepository } from '../sessions/session.js';
import type { Cohort, CohortListing, CohortRepository } from './cohort.js';
import { createCohortInput, listCohortsQuery, searchCohortsQuery, type CohortSummary } from './contracts.js';

/** What listing cohorts needs of the sessions: only each cohort's next one. */
type NextSessions = { readonly sessions: Pick<SessionRepository, 'nextByCohort'> };

export interface CohortDeps {
  readonly cohorts: CohortRepository;
  readonly programs: ProgramRepository;
  readonly people: PersonRepository;
  readonly sessions: SessionRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * A program owner forms a cohort around common threads, with a neutral facilitator from the same tenant.
 * The facilitator becomes the cohort's first member.
 */
export async function createCohort(
  deps: Pick<CohortDeps, 'cohorts' | 'programs' | 'people' | 'clock' | 'ids'>,
  actor: Principal,
  rawInput: unknown,
): Promise<Cohort> {
  const input = parseInput(createCohortInput, rawInput);
  const program = await deps.programs.get(actor.tenantId, input.programId);
  if (!program) throw new NotFound('program', 'programId');
  if (!isProgramOwner(program, actor.userId)) {
    throw new Forbidden(`only an owner of the program "${program.name}" can form cohorts in it`);
  }
  const facilitator = await deps.people.get(actor.tenantId, input.facilitatorId);
  if (!facilitator) throw ValidationFailed.field('facilitatorId', 'no person with this id in your organisation');

  const now = deps.clock.now().toISOString();
  const cohort: Cohort = {
    tenantId: actor.tenantId,
    id: deps.ids.newId(),
    programId: program.id,
    name: input.name,
    purpose: input.purpose,
    kind: input.kind,
    commonThreads: input.commonThreads,
    status: 'forming',
    capacity: input.capacity,
    members: [{ userId: facilitator.id, displayName: facilitator.displayName, role: 'facilitator', joinedAt: now }],
    createdBy: actor.userId,
    createdAt: now,
  };
  await deps.cohorts.create(cohort);
  return cohort;
}

/** The cohorts of the actor's tenant (optionally one program) with member counts and each one's next session. */
export async function listCohorts(
  deps: Pick<CohortDeps, 'cohorts' | 'clock'> & NextSessions,
  actor: Principal,
  rawQuery: unknown,
): Promise<CohortSummary[]> {
  const query = parseInput(listCohortsQuery, rawQuery);
  const listings = await deps.cohorts.list(actor.tenantId, {
    ...(query.programId ? { programId: query.programId } : {}),
    ...(query.mine ? { memberId: actor.userId } : {}),
  });
  return withNextSessions(deps, actor.tenantId, listings);
}

/** Cohorts whose name contains the text, for the bot and the messaging extension's search command. */
export async function searchCohorts(
  deps: Pick<CohortDeps, 'cohorts' | 'clock'> & NextSessions,
  actor: Principal,
  rawQuery: unknown,
): Promise<CohortSummary[]> {
  const query = parseInput(searchCohortsQuery, rawQuery);
  const listings = await deps.cohorts.searchByName(actor.tenantId, query.text, query.limit);
  return withNextSessions(deps, actor.tenantId, listings);
}

async function withNextSessions(
  deps: Pick<CohortDeps, 'clock'> & NextSessions,
  tenantId: string,
  listings: CohortListing[],
): Promise<CohortSummary[]> {
  if (listings.length === 0) return [];
  const next = await deps.sessions.nextByCohort(
    tenantId,
    listings.map((c) => c.id),
    deps.clock.now(),
  );
  return listings.map((c) => ({ ...c, nextSession: next.get(c.id) ?? null }));
}
