import { z } from 'zod';
import { isKnownTimeZone } from '../sessions/recurrence.js';
import { ValidationFailed } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import type { Person, PersonRepository } from './person.js';

const attribute = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const skills = z
  .array(z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters'))
  .max(20, 'at most 20 skills')
  .transform((list) => [...new Set(list)]);

/** PATCH /api/me/profile: what a person keeps up to date about themselves. */
export const updateProfileInput = z
  .strictObject({
    displayName: attribute.optional(),
    title: attribute.optional(),
    level: attribute.optional(),
    function: attribute.optional(),
    yearsOfExperience: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(60, 'must be at most 60')
      .optional(),
    managerId: z.string().trim().min(1).max(100).nullable().optional(),
    skillsToShare: skills.optional(),
    skillsToLearn: skills.optional(),
    timeZone: z.string().refine(isKnownTimeZone, 'is not a time zone (use an IANA name like Europe/London)').optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to change' });

/** The reader's own profile; someone signing in for the first time has one with their name only. */
export async function getMyProfile(
  deps: { people: PersonRepository },
  actor: Principal,
): Promise<Person & { exists: boolean }> {
  const person = await deps.people.get(actor.tenantId, actor.userId);
  if (person) return { ...person, exists: true };
  return {
    tenantId: actor.tenantId,
    id: actor.userId,
    displayName: actor.displayName ?? 'New colleague',
    title: '',
    level: '',
    function: '',
    exists: false,
  };
}

/**
 * A person updates their own profile. A manager must be someone in the organisation and must not put the
 * person in their own reporting line (no cycles), because cohort grouping relies on it.
 */
export async function updateMyProfile(
  deps: { people: PersonRepository },
  actor: Principal,
  rawInput: unknown,
): Promise<Person> {
  const input = parseInput(updateProfileInput, rawInput);
  const current = await getMyProfile(deps, actor);
  if (input.managerId) {
    if (input.managerId === actor.userId) throw ValidationFailed.field('managerId', 'cannot be yourself');
    const seen = new Set<string>();
    for (let id: string | undefined = input.managerId; id && !seen.has(id);) {
      seen.add(id);
      const manager = await deps.people.get(actor.tenantId, id);
      if (!manager) {
        if (id === input.managerId)
          throw ValidationFailed.field('managerId', 'no person with this id in your organisation');
        break;
      }
      if (manager.managerId === actor.userId)
        throw ValidationFailed.field('managerId', 'would make a loop in the reporting line');
      id = manager.managerId;
    }
  }
  const { exists: _exists, ...person } = current;
  const { managerId, ...changes } = input;
  const next: Person = {
    ...person,
    ...changes,
    ...(managerId === undefined ? {} : { managerId: managerId ?? undefined }),
  };
  await deps.people.upsert(next);
  return next;
}
