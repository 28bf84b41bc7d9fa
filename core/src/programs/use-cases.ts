import { z } from 'zod';
import { Forbidden, NotFound, ValidationFailed } from '../shared/errors.js';
import type { Clock, IdGenerator } from '../shared/ports.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import type { PersonRepository } from '../people/person.js';
import { SESSION_KINDS } from '../sessions/session.js';
import { reminderDefaultsInput } from './reminder-contract.js';
import { DEFAULT_REMINDERS, isProgramOwner, type Program, type ProgramRepository } from './program.js';

const agreementText = z
  .string()
  .trim()
  .min(10, 'must be at least 10 characters')
  .max(5000, 'must be at most 5000 characters');
const ownerIds = z.array(z.string().trim().min(1).max(100)).max(20, 'at most 20 owners');
const defaultSessionKinds = z.array(z.enum(SESSION_KINDS)).min(1, 'choose at least one kind').max(SESSION_KINDS.length);
const reminderDefaults = reminderDefaultsInput;

/** POST /api/programs */
export const createProgramInput = z.strictObject({
  name: z
    .string({ error: 'is required' })
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(80, 'must be at most 80 characters'),
  purpose: z.string({ error: 'is required' }).trim().min(1, 'is required').max(1000, 'must be at most 1000 characters'),
  codeOfConduct: agreementText,
  confidentiality: agreementText,
  /** Co-owners besides the creator. */
  ownerIds: ownerIds.default([]),
  defaultSessionKinds: defaultSessionKinds.optional(),
  reminderDefaults: reminderDefaults.optional(),
});

/** PATCH /api/programs/{id}: a changed agreement text becomes a new version that every member accepts again. */
export const updateProgramInput = z
  .strictObject({
    name: z.string().trim().min(3).max(80).optional(),
    purpose: z.string().trim().min(1).max(1000).optional(),
    codeOfConduct: agreementText.optional(),
    confidentiality: agreementText.optional(),
    ownerIds: ownerIds.min(1, 'a program needs at least one owner').optional(),
    defaultSessionKinds: defaultSessionKinds.optional(),
    reminderDefaults: reminderDefaults.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to change' });

export interface ProgramDeps {
  readonly programs: ProgramRepository;
  readonly people: PersonRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

async function checkPeople(deps: ProgramDeps, tenantId: string, ids: readonly string[]) {
  for (const [index, id] of ids.entries()) {
    if (!(await deps.people.get(tenantId, id)))
      throw ValidationFailed.field(`ownerIds.${index}`, 'no person with this id in your organisation');
  }
}

/** Anyone in the organisation may start a program; they become its first owner. */
export async function createProgram(deps: ProgramDeps, actor: Principal, rawInput: unknown): Promise<Program> {
  const input = parseInput(createProgramInput, rawInput);
  await checkPeople(deps, actor.tenantId, input.ownerIds);
  const program: Program = {
    tenantId: actor.tenantId,
    id: deps.ids.newId(),
    name: input.name,
    purpose: input.purpose,
    codeOfConduct: { version: 1, text: input.codeOfConduct },
    confidentiality: { version: 1, text: input.confidentiality },
    ownerIds: [...new Set([actor.userId, ...input.ownerIds])],
    defaultSessionKinds: input.defaultSessionKinds ?? [...SESSION_KINDS],
    reminderDefaults: input.reminderDefaults ?? DEFAULT_REMINDERS,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.programs.create(program);
  return program;
}

/** Owners change a program; new agreement text bumps its version. */
export async function updateProgram(
  deps: ProgramDeps,
  actor: Principal,
  programId: string,
  rawInput: unknown,
): Promise<Program> {
  const input = parseInput(updateProgramInput, rawInput);
  if (input.ownerIds) await checkPeople(deps, actor.tenantId, input.ownerIds);
  const existing = await deps.programs.get(actor.tenantId, programId);
  if (!existing) throw new NotFound('program');
  if (!isProgramOwner(existing, actor.userId)) throw new Forbidden(`only an owner of "${existing.name}" can change it`);
  return deps.programs.update(actor.tenantId, programId, (current) => {
    const bump = (text: string | undefined, agreement: Program['codeOfConduct']) =>
      text === undefined || text === agreement.text ? agreement : { version: agreement.version + 1, text };
    const next: Program = {
      ...current,
      ...(input.name ? { name: input.name } : {}),
      ...(input.purpose ? { purpose: input.purpose } : {}),
      ...(input.ownerIds ? { ownerIds: [...new Set(input.ownerIds)] } : {}),
      ...(input.defaultSessionKinds ? { defaultSessionKinds: input.defaultSessionKinds } : {}),
      ...(input.reminderDefaults ? { reminderDefaults: input.reminderDefaults } : {}),
      codeOfConduct: bump(input.codeOfConduct, current.codeOfConduct),
      confidentiality: bump(input.confidentiality, current.confidentiality),
    };
    return { next, result: next };
  });
}
