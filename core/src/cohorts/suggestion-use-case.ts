import type { PersonRepository } from '../people/person.js';
import { isProgramOwner, type ProgramRepository } from '../programs/program.js';
import { Forbidden, NotFound, ValidationFailed } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import { suggestCohorts, suggestCohortsInput, type CohortSuggestions } from './suggest-cohorts.js';

/**
 * A program owner asks for cohorts of a chosen size around one common thread, from a pool of people (the
 * program's sign-ups, or everyone). The whole directory is passed as reporting lines, so a chain through
 * someone outside the pool still counts.
 */
export async function suggestProgramCohorts(
  deps: { readonly programs: ProgramRepository; readonly people: PersonRepository },
  actor: Principal,
  programId: string,
  rawInput: unknown,
): Promise<CohortSuggestions & { readonly names: Record<string, string> }> {
  const input = parseInput(suggestCohortsInput, { ...(rawInput as object), programId });
  const program = await deps.programs.get(actor.tenantId, programId);
  if (!program) throw new NotFound('program');
  if (!isProgramOwner(program, actor.userId))
    throw new Forbidden(`only an owner of "${program.name}" can form its cohorts`);
  const directory = await deps.people.list(actor.tenantId);
  const byId = new Map(directory.map((p) => [p.id, p]));
  const pool = input.personIds
    ? input.personIds.map((id, index) => {
        const person = byId.get(id);
        if (!person) throw ValidationFailed.field(`personIds.${index}`, 'no person with this id in your organisation');
        return person;
      })
    : directory;
  const suggestions = suggestCohorts(pool, { thread: input.thread, size: input.size }, directory);
  return { ...suggestions, names: Object.fromEntries(pool.map((p) => [p.id, p.displayName])) };
}
