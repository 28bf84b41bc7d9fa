import { z } from 'zod';
import type { Person, PersonRepository } from '../people/person.js';
import { Forbidden } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import {
  DirectoryConsentRequired,
  DirectoryNotConfigured,
  type Directory,
  type DirectoryManager,
  type UserAssertion,
} from './directory.js';

/** Profile fields Microsoft 365 can fill: the rest (level, experience, skills, time zone) are the person's alone. */
export const DIRECTORY_FIELDS = ['displayName', 'title', 'function', 'email', 'managerId'] as const;
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];

/** Body of POST /api/me/profile/sync. */
export const syncProfileInput = z.strictObject({
  /** Fields where the person chooses Microsoft 365's value over their own. */
  replace: z
    .array(z.enum(DIRECTORY_FIELDS, { error: `must be one of ${DIRECTORY_FIELDS.join(', ')}` }))
    .max(DIRECTORY_FIELDS.length)
    .default([]),
});

/** What became of the directory's manager. */
export type ManagerOutcome =
  | { readonly status: 'set' | 'unchanged' | 'kept'; readonly managerId: string; readonly displayName: string }
  /** The directory names nobody: the person's own choice, if any, stays. */
  | { readonly status: 'none' }
  /** The manager has no PeerLoop profile yet; they can be chosen once they have one. */
  | { readonly status: 'not_in_peerloop'; readonly displayName: string }
  /** Choosing them would make a loop in PeerLoop's reporting lines. */
  | { readonly status: 'would_loop'; readonly displayName: string }
  /** Reading the manager needs a permission nobody has consented to; the rest of the profile was filled. */
  | { readonly status: 'consent_required'; readonly message: string };

export interface ProfileSyncResult {
  readonly profile: Person;
  /** Fields Microsoft 365 filled (they were empty) or replaced (the person asked for it). */
  readonly updated: readonly { readonly field: DirectoryField; readonly value: string }[];
  /** Fields where the person's own value differs from Microsoft 365's and was kept. */
  readonly kept: readonly { readonly field: DirectoryField; readonly yours: string; readonly directory: string }[];
  readonly manager: ManagerOutcome;
}

export interface ProfileSyncDeps {
  readonly people: PersonRepository;
  /** Null when Microsoft Graph is not configured. */
  readonly directory: Directory | null;
}

/** The most people walked up a reporting line before giving up looking for a loop. */
const MAX_REPORTING_LINE = 100;

/**
 * Fills the caller's profile from Microsoft 365 (Entra ID through Microsoft Graph, on their behalf).
 *
 * The rule (docs/adr/0007): Microsoft 365 fills what is empty and never overwrites what the person wrote
 * themselves. Where both have a value and they differ, the person's is kept and the difference is reported,
 * so they can take Microsoft 365's value for that field on purpose (`replace`). The manager is taken only
 * when they are a person PeerLoop knows in the tenant (by Entra object id) and only when it makes no loop
 * in the reporting line, because cohort grouping relies on it.
 */
export async function syncMyProfileFromDirectory(
  deps: ProfileSyncDeps,
  actor: Principal,
  assertion: UserAssertion,
  rawInput: unknown,
): Promise<ProfileSyncResult> {
  const input = parseInput(syncProfileInput, rawInput);
  if (!deps.directory) throw new DirectoryNotConfigured();
  const directory = deps.directory;
  const [entry, manager] = await Promise.all([
    directory.profileOf(assertion),
    directory.managerOf(assertion).catch((error: unknown) => {
      if (error instanceof DirectoryConsentRequired) return error;
      throw error;
    }),
  ]);
  if (entry.id !== actor.userId) {
    throw new Forbidden('Microsoft 365 answered for a different person than the one signed in');
  }

  const stored = await deps.people.get(actor.tenantId, actor.userId);
  const current: Person = stored ?? {
    tenantId: actor.tenantId,
    id: actor.userId,
    displayName: actor.displayName ?? 'New colleague',
    title: '',
    level: '',
    function: '',
  };
  const replace = new Set<DirectoryField>(input.replace);
  const changes: { -readonly [K in DirectoryField]?: string } = {};
  const updated: { field: DirectoryField; value: string }[] = [];
  const kept: { field: DirectoryField; yours: string; directory: string }[] = [];
  const consider = (field: DirectoryField, yours: string | undefined, theirs: string | undefined, blank = false) => {
    const value = clean(theirs);
    if (!value || yours === value) return;
    if (blank || !yours || replace.has(field)) {
      changes[field] = value;
      updated.push({ field, value });
    } else {
      kept.push({ field, yours, directory: value });
    }
  };
  // Someone without a profile yet has a placeholder name (from the sign-in token): the directory's is better.
  consider('displayName', current.displayName, entry.displayName, stored === null);
  consider('title', current.title, entry.jobTitle);
  consider('function', current.function, entry.department);
  consider('email', current.email, entry.mail ?? emailLike(entry.userPrincipalName));

  const outcome = await managerOutcome(deps.people, actor, current, manager, replace);
  if (outcome.status === 'set') {
    changes.managerId = outcome.managerId;
    updated.push({ field: 'managerId', value: outcome.managerId });
  }
  if (outcome.status === 'kept') {
    const yours = current.managerId ? await deps.people.get(actor.tenantId, current.managerId) : null;
    kept.push({
      field: 'managerId',
      yours: yours?.displayName ?? current.managerId ?? '',
      directory: outcome.displayName,
    });
  }

  const profile: Person = { ...current, ...changes };
  if (updated.length > 0 || stored === null) await deps.people.upsert(profile);
  return { profile, updated, kept, manager: outcome };
}

async function managerOutcome(
  people: PersonRepository,
  actor: Principal,
  current: Person,
  manager: DirectoryManager | DirectoryConsentRequired | null,
  replace: ReadonlySet<DirectoryField>,
): Promise<ManagerOutcome> {
  if (manager instanceof DirectoryConsentRequired) return { status: 'consent_required', message: manager.message };
  if (!manager) return { status: 'none' };
  const directoryName = clean(manager.displayName) ?? 'your manager';
  const known = manager.id === actor.userId ? null : await people.get(actor.tenantId, manager.id);
  if (!known) return { status: 'not_in_peerloop', displayName: directoryName };
  const named = { managerId: known.id, displayName: known.displayName };
  if (current.managerId === known.id) return { status: 'unchanged', ...named };
  if (await reportsTo(people, actor.tenantId, known, actor.userId)) {
    return { status: 'would_loop', displayName: known.displayName };
  }
  if (current.managerId && !replace.has('managerId')) return { status: 'kept', ...named };
  return { status: 'set', ...named };
}

/** Whether `userId` is somewhere up `person`'s reporting line (so `person` cannot become their manager). */
async function reportsTo(people: PersonRepository, tenantId: string, person: Person, userId: string) {
  const seen = new Set<string>([person.id]);
  let next = person.managerId;
  while (next && !seen.has(next) && seen.size < MAX_REPORTING_LINE) {
    if (next === userId) return true;
    seen.add(next);
    next = (await people.get(tenantId, next))?.managerId;
  }
  return false;
}

/** A directory value as a profile attribute: trimmed, empty as absent, at most 100 characters like the form's. */
function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, 100) : undefined;
}

/** A user principal name doubles as the email address only when it looks like one. */
function emailLike(upn: string | undefined): string | undefined {
  return upn && /^[^@\s#]+@[^@\s]+\.[^@\s]+$/.test(upn) ? upn : undefined;
}
