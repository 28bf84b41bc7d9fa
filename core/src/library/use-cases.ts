import type { CohortRepository } from '../cohorts/cohort.js';
import { roleIn } from '../cohorts/access.js';
import type { PersonRepository } from '../people/person.js';
import type { ProgramRepository } from '../programs/program.js';
import type { AuthorKeys } from '../qna/question.js';
import type { SessionRepository } from '../sessions/session.js';
import { AgreementsRequired, Forbidden, NotFound, ValidationFailed } from '../shared/errors.js';
import type { Clock, IdGenerator } from '../shared/ports.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import { canSeeItem, libraryAccess, ownsProgramOf, runsScopeOf, type LibraryAccess } from './access.js';
import {
  careInput,
  commentInput,
  editItemInput,
  flagInput,
  libraryScopeQuery,
  rateItemInput,
  reportItemInput,
  searchLibraryQuery,
  shareItemInput,
  type LibraryCommentView,
  type LibraryHistoryEntry,
  type LibraryInsights,
  type LibraryItemDetail,
  type LibraryItemView,
  type SkillExperts,
} from './contracts.js';
import {
  HISTORY_LIMIT,
  newLibraryItem,
  type LibraryItem,
  type LibraryRepository,
  type LibraryUse,
  type UseFlag,
} from './item.js';
import {
  rankExperts,
  summariseConsumption,
  toCommentView,
  toItemDetail,
  toItemView,
  type ViewerContext,
} from './views.js';

export interface LibraryDeps {
  readonly library: LibraryRepository;
  readonly programs: Pick<ProgramRepository, 'list'>;
  readonly cohorts: Pick<CohortRepository, 'listOfMember' | 'get'>;
  readonly sessions: Pick<SessionRepository, 'get'>;
  readonly people: Pick<PersonRepository, 'get'>;
  readonly authorKeys: AuthorKeys;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Search words: lower-case letters and digits, at most 8 distinct ones. */
export function searchWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'+#.-]*/gu) ?? [];
  return [...new Set(words.map((w) => w.replace(/[.'-]+$/, '')).filter((w) => w.length > 0))].slice(0, 8);
}

/** Where the words are: in the title counts most, then tags and skills, then the summary. */
export function relevance(item: LibraryItem, words: readonly string[]): number {
  const title = item.title.toLowerCase();
  const labels = [...item.tags, ...item.skills].join(' ');
  const summary = item.summary.toLowerCase();
  let score = 0;
  for (const word of words) {
    if (title.includes(word)) score += 3;
    if (labels.includes(word)) score += 2;
    if (summary.includes(word)) score += 1;
  }
  return score;
}

async function displayNameOf(deps: Pick<LibraryDeps, 'people'>, actor: Principal): Promise<string> {
  return actor.displayName ?? (await deps.people.get(actor.tenantId, actor.userId))?.displayName ?? 'A colleague';
}

function viewerOf(
  deps: Pick<LibraryDeps, 'authorKeys'>,
  actor: Principal,
  access: LibraryAccess,
  item: LibraryItem,
  use?: LibraryUse,
): ViewerContext {
  return {
    userId: actor.userId,
    raterKey: deps.authorKeys.keyFor(actor.tenantId, actor.userId),
    owner: ownsProgramOf(item, access.visibility),
    ...(use ? { use } : {}),
  };
}

/**
 * The item, if the person may see it. Items they may not see are "not found" (nobody learns what a cohort
 * shares by guessing ids), except that a member who has not accepted the agreements is told to.
 */
async function visibleItem(
  deps: Pick<LibraryDeps, 'library' | 'programs' | 'cohorts'>,
  actor: Principal,
  itemId: string,
): Promise<{ item: LibraryItem; access: LibraryAccess }> {
  const [item, access] = await Promise.all([deps.library.get(actor.tenantId, itemId), libraryAccess(deps, actor)]);
  if (!item) throw new NotFound('library item');
  if (!canSeeItem(item, access.visibility)) {
    const cohort = item.cohortId ? access.cohorts.get(item.cohortId) : undefined;
    if (cohort && item.state === 'visible' && roleIn(cohort, actor.userId))
      throw new AgreementsRequired(cohort.id, cohort.name);
    throw new NotFound('library item');
  }
  return { item, access };
}

/** The item and the reader's own use of it, read together: answers that show the item show my flags too. */
async function visibleItemWithUse(
  deps: Pick<LibraryDeps, 'library' | 'programs' | 'cohorts'>,
  actor: Principal,
  itemId: string,
): Promise<{ item: LibraryItem; access: LibraryAccess; use: LibraryUse | undefined }> {
  const [found, uses] = await Promise.all([
    visibleItem(deps, actor, itemId),
    deps.library.usesOf(actor.tenantId, actor.userId, [itemId]),
  ]);
  return { ...found, use: uses[0] };
}

function requireOpen(item: LibraryItem): void {
  if (item.state === 'hidden') throw new Forbidden('this item is hidden by the program owners');
}

/** Someone shares a link or writes a tip with a program or one of its cohorts. */
export async function shareItem(deps: LibraryDeps, actor: Principal, raw: unknown): Promise<LibraryItemView> {
  const input = parseInput(shareItemInput, raw);
  const access = await libraryAccess(deps, actor);
  const program = access.programs.get(input.programId);
  if (!program) throw new NotFound('program', 'programId');
  if (input.cohortId) {
    const cohort = access.cohorts.get(input.cohortId) ?? (await deps.cohorts.get(actor.tenantId, input.cohortId));
    if (!cohort || cohort.programId !== program.id)
      throw ValidationFailed.field('cohortId', 'no cohort with this id in the program');
    if (!access.visibility.cohortIds.includes(cohort.id) && !access.visibility.ownedProgramIds.includes(program.id)) {
      if (roleIn(cohort, actor.userId)) throw new AgreementsRequired(cohort.id, cohort.name);
      throw new Forbidden(`only members of "${cohort.name}" can share with it`);
    }
  }
  if (input.sessionId) {
    const session = await deps.sessions.get(actor.tenantId, input.sessionId);
    if (!session || session.programId !== program.id || (input.cohortId && session.cohortId !== input.cohortId)) {
      throw ValidationFailed.field('sessionId', 'no session with this id in the program (or cohort)');
    }
  }
  const now = deps.clock.now().toISOString();
  const item = newLibraryItem({
    tenantId: actor.tenantId,
    id: `li-${deps.ids.newId()}`,
    programId: program.id,
    ...(input.cohortId ? { cohortId: input.cohortId } : {}),
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    ...(input.url ? { url: input.url } : {}),
    ...(input.body ? { body: input.body } : {}),
    tags: input.tags,
    skills: input.skills,
    author: { userId: actor.userId, displayName: await displayNameOf(deps, actor) },
    ...(input.sessionId ? { sessionId: input.sessionId } : {}),
    createdAt: now,
  });
  await deps.library.create(item);
  return toItemView(item, viewerOf(deps, actor, access, item));
}

/**
 * Search within what the person may see; `mine` narrows to what they saved, finished or shared. A surface
 * that shows no reader flags (the messaging extension's cards) passes `readerFlags: false` and skips reading
 * the person's uses; results then say `bookmarked: false, done: false`.
 */
export async function searchLibrary(
  deps: LibraryDeps,
  actor: Principal,
  raw: unknown,
  options: { readonly readerFlags?: boolean } = {},
): Promise<LibraryItemView[]> {
  const query = parseInput(searchLibraryQuery, raw);
  const needsUses = options.readerFlags !== false || query.mine === 'bookmarked' || query.mine === 'done';
  const [access, uses] = await Promise.all([
    libraryAccess(deps, actor),
    needsUses ? deps.library.usesOf(actor.tenantId, actor.userId) : Promise.resolve([]),
  ]);
  if (query.cohortId && !access.visibility.cohortIds.includes(query.cohortId)) {
    const cohort = access.cohorts.get(query.cohortId);
    const ownsIt = cohort && access.visibility.ownedProgramIds.includes(cohort.programId);
    if (!ownsIt) {
      if (cohort && roleIn(cohort, actor.userId)) throw new AgreementsRequired(cohort.id, cohort.name);
      const other = cohort ?? (await deps.cohorts.get(actor.tenantId, query.cohortId));
      if (!other || !access.visibility.ownedProgramIds.includes(other.programId)) {
        throw new Forbidden("only the cohort's members see what is shared with it");
      }
    }
  }
  const words = searchWords(query.q);
  const usesById = new Map(uses.map((u) => [u.itemId, u]));
  const flagged =
    query.mine === 'bookmarked'
      ? uses.filter((u) => u.bookmarkedAt)
      : query.mine === 'done'
        ? uses.filter((u) => u.doneAt)
        : undefined;
  if (flagged?.length === 0) return [];
  const items = await deps.library.search(actor.tenantId, {
    visibility: access.visibility,
    words,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.skill ? { skill: query.skill } : {}),
    ...(query.cohortId ? { cohortId: query.cohortId } : {}),
    ...(query.programId ? { programId: query.programId } : {}),
    ...(query.mine === 'shared' ? { authorId: actor.userId } : {}),
    ...(flagged ? { ids: flagged.map((u) => u.itemId) } : {}),
    sort: query.sort === 'relevance' && words.length === 0 ? 'recent' : query.sort,
    // Relevance is ranked here, from a wider set of the newest matches.
    limit: query.sort === 'relevance' && words.length > 0 ? Math.max(200, query.limit) : query.limit,
  });
  const ranked =
    query.sort === 'relevance' && words.length > 0
      ? items
          .map((item, index) => ({ item, index, score: relevance(item, words) }))
          .sort((a, b) => b.score - a.score || a.index - b.index)
          .map((r) => r.item)
      : items;
  return ranked
    .slice(0, query.limit)
    .map((item) => toItemView(item, viewerOf(deps, actor, access, item, usesById.get(item.id))));
}

/** An item's page: the item, its rating spread, edit history and comments, and my own use of it. */
export async function getLibraryItem(deps: LibraryDeps, actor: Principal, itemId: string): Promise<LibraryItemDetail> {
  const [{ item, access }, uses, comments] = await Promise.all([
    visibleItem(deps, actor, itemId),
    deps.library.usesOf(actor.tenantId, actor.userId, [itemId]),
    deps.library.commentsOf(actor.tenantId, itemId, 200),
  ]);
  return toItemDetail(item, viewerOf(deps, actor, access, item, uses[0]), comments);
}

/** The person opened the item (its page, or its link): counts toward views, and their own history. */
export async function recordLibraryView(
  deps: LibraryDeps,
  actor: Principal,
  itemId: string,
): Promise<{ views: number }> {
  const { item } = await visibleItem(deps, actor, itemId);
  requireOpen(item);
  const use = await deps.library.recordView(actor.tenantId, item.id, actor.userId, deps.clock.now());
  return { views: use.views };
}

/** One rating per person, changeable; the average follows exactly, however many rate at once. */
export async function rateLibraryItem(
  deps: LibraryDeps,
  actor: Principal,
  itemId: string,
  raw: unknown,
): Promise<LibraryItemView> {
  const { stars } = parseInput(rateItemInput, raw);
  const { item, access, use } = await visibleItemWithUse(deps, actor, itemId);
  requireOpen(item);
  if (item.author.userId === actor.userId) throw new Forbidden('you cannot rate what you shared');
  const key = deps.authorKeys.keyFor(actor.tenantId, actor.userId);
  const { item: rated } = await deps.library.rate(actor.tenantId, item.id, key, stars, item);
  return toItemView(rated, viewerOf(deps, actor, access, rated, use));
}

/** "Save for later" and "done", on or off, idempotent. */
export async function setLibraryFlag(
  deps: LibraryDeps,
  actor: Principal,
  itemId: string,
  flag: UseFlag,
  raw: unknown,
): Promise<{ on: boolean; changed: boolean }> {
  const { on } = parseInput(flagInput, raw);
  const { item } = await visibleItem(deps, actor, itemId);
  if (on) requireOpen(item);
  const { changed } = await deps.library.setFlag(actor.tenantId, item.id, actor.userId, flag, on, deps.clock.now());
  return { on, changed };
}

export async function commentOnLibraryItem(
  deps: LibraryDeps,
  actor: Principal,
  itemId: string,
  raw: unknown,
): Promise<LibraryCommentView> {
  const { text } = parseInput(commentInput, raw);
  const { item } = await visibleItem(deps, actor, itemId);
  requireOpen(item);
  const comment = {
    tenantId: actor.tenantId,
    id: `lc-${deps.ids.newId()}`,
    itemId: item.id,
    author: { userId: actor.userId, displayName: await displayNameOf(deps, actor) },
    text,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.library.addComment(comment);
  return toCommentView(comment);
}

/** The author or a program owner changes the content; the previous version goes into the history. */
export async function editLibraryItem(
  deps: LibraryDeps,
  actor: Principal,
  itemId: string,
  raw: unknown,
): Promise<LibraryItemView> {
  const input = parseInput(editItemInput, raw);
  const { item, access, use } = await visibleItemWithUse(deps, actor, itemId);
  if (item.author.userId !== actor.userId && !ownsProgramOf(item, access.visibility)) {
    throw new Forbidden('only the person who shared it and the program owners can edit it');
  }
  const editedBy = await displayNameOf(deps, actor);
  const now = deps.clock.now().toISOString();
  const updated = await deps.library.update(actor.tenantId, item.id, (current) => {
    const next: LibraryItem = {
      ...current,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.summary !== undefined ? { summary: input.summary } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
      ...(input.skills !== undefined ? { skills: input.skills } : {}),
    };
    const withUrl = input.url === undefined ? next : withOptional(next, 'url', input.url);
    const withBody = input.body === undefined ? withUrl : withOptional(withUrl, 'body', input.body);
    checkContent(withBody);
    const revision = {
      kind: current.kind,
      title: current.title,
      summary: current.summary,
      ...(current.url ? { url: current.url } : {}),
      ...(current.body ? { body: current.body } : {}),
      tags: current.tags,
      skills: current.skills,
      editedBy,
      editedAt: now,
    };
    const final = { ...withBody, history: [...current.history, revision].slice(-HISTORY_LIMIT), updatedAt: now };
    return { next: final, result: final };
  });
  return toItemView(updated, viewerOf(deps, actor, access, updated, use));
}

function withOptional(item: LibraryItem, field: 'url' | 'body', value: string | null): LibraryItem {
  if (value !== null) return { ...item, [field]: value };
  const { [field]: _removed, ...rest } = item;
  return rest as LibraryItem;
}

function checkContent(item: LibraryItem): void {
  const text = item.kind === 'tip-list' || item.kind === 'book-note';
  if (text && !item.body) throw ValidationFailed.field('body', 'is required for tips and notes');
  if (!text && !item.url) throw ValidationFailed.field('url', 'is required: share a link to the file or page');
}

/** Anyone who sees an item may report it (once; a second report replaces their reason). */
export async function reportLibraryItem(
  deps: LibraryDeps,
  actor: Principal,
  itemId: string,
  raw: unknown,
): Promise<{ reported: true }> {
  const { reason } = parseInput(reportItemInput, raw);
  const { item } = await visibleItem(deps, actor, itemId);
  const at = deps.clock.now().toISOString();
  await deps.library.update(actor.tenantId, item.id, (current) => ({
    next: {
      ...current,
      reports: [...current.reports.filter((r) => r.userId !== actor.userId), { userId: actor.userId, reason, at }],
    },
    result: undefined,
  }));
  return { reported: true };
}

/** Program owners hide an item (it disappears for everyone but them and its author) or restore it. */
export async function careForLibraryItem(
  deps: LibraryDeps,
  actor: Principal,
  itemId: string,
  raw: unknown,
): Promise<LibraryItemView> {
  const input = parseInput(careInput, raw);
  const { item, access, use } = await visibleItemWithUse(deps, actor, itemId);
  if (!ownsProgramOf(item, access.visibility)) throw new Forbidden('only the program owners hide or restore items');
  const now = deps.clock.now().toISOString();
  const updated = await deps.library.update(actor.tenantId, item.id, (current) => {
    if (input.action === 'hide') {
      const next: LibraryItem = {
        ...current,
        state: 'hidden',
        hidden: { by: actor.userId, at: now, ...(input.reason ? { reason: input.reason } : {}) },
      };
      return { next, result: next };
    }
    if (current.state === 'visible') return { next: current, result: current };
    const { hidden: _hidden, ...rest } = current;
    // Restoring answers the reports that led to hiding it.
    const next: LibraryItem = { ...rest, state: 'visible', reports: [] };
    return { next, result: next };
  });
  return toItemView(updated, viewerOf(deps, actor, access, updated, use));
}

/** My history: what I opened, saved and finished, most recent first. */
export async function myLibraryHistory(deps: LibraryDeps, actor: Principal): Promise<LibraryHistoryEntry[]> {
  const [access, uses] = await Promise.all([
    libraryAccess(deps, actor),
    deps.library.usesOf(actor.tenantId, actor.userId),
  ]);
  const recent = uses.slice(0, 100);
  if (recent.length === 0) return [];
  const items = await deps.library.search(actor.tenantId, {
    visibility: access.visibility,
    words: [],
    ids: recent.map((u) => u.itemId),
    sort: 'recent',
    limit: recent.length,
  });
  const byId = new Map(items.map((i) => [i.id, i]));
  return recent.flatMap((use) => {
    const item = byId.get(use.itemId);
    if (!item) return [];
    return [
      {
        item: toItemView(item, viewerOf(deps, actor, access, item, use)),
        views: use.views,
        ...(use.lastViewedAt ? { lastViewedAt: use.lastViewedAt } : {}),
        ...(use.bookmarkedAt ? { bookmarkedAt: use.bookmarkedAt } : {}),
        ...(use.doneAt ? { doneAt: use.doneAt } : {}),
      },
    ];
  });
}

const INSIGHT_ITEMS = 1000;

/** For a cohort's facilitators and the program's owners: consumption and ratings per item and per cohort. */
export async function libraryInsights(deps: LibraryDeps, actor: Principal, raw: unknown): Promise<LibraryInsights> {
  const query = parseInput(libraryScopeQuery, raw);
  const access = await libraryAccess(deps, actor);
  const scope = await scopeOf(deps, actor, access, query);
  if (!runsScopeOf(access, scope, actor.userId)) {
    throw new Forbidden("only the cohort's facilitators and the program owners see its library figures");
  }
  const items = await deps.library.search(actor.tenantId, {
    visibility: {
      ...access.visibility,
      ownedProgramIds: [scope.programId],
      cohortIds: scope.cohortId ? [scope.cohortId] : [],
    },
    words: [],
    programId: scope.programId,
    ...(scope.cohortId ? { cohortId: scope.cohortId } : {}),
    sort: 'popularity',
    limit: INSIGHT_ITEMS,
  });
  return summariseConsumption(items.filter((i) => i.state === 'visible'));
}

/** "Who shares what" in a program or cohort, per skill (or for one skill). */
export async function libraryExperts(deps: LibraryDeps, actor: Principal, raw: unknown): Promise<SkillExperts[]> {
  const query = parseInput(libraryScopeQuery, raw);
  const access = await libraryAccess(deps, actor);
  const scope = await scopeOf(deps, actor, access, query);
  if (
    scope.cohortId &&
    !access.visibility.cohortIds.includes(scope.cohortId) &&
    !access.visibility.ownedProgramIds.includes(scope.programId)
  ) {
    throw new Forbidden("only the cohort's members see what is shared with it");
  }
  const items = await deps.library.search(actor.tenantId, {
    visibility: access.visibility,
    words: [],
    programId: scope.programId,
    ...(scope.cohortId ? { cohortId: scope.cohortId } : {}),
    ...(query.skill ? { skill: query.skill } : {}),
    sort: 'popularity',
    limit: INSIGHT_ITEMS,
  });
  return rankExperts(
    items.filter((i) => i.state === 'visible'),
    query.skill,
  );
}

async function scopeOf(
  deps: Pick<LibraryDeps, 'cohorts'>,
  actor: Principal,
  access: LibraryAccess,
  query: { programId?: string | undefined; cohortId?: string | undefined },
): Promise<{ programId: string; cohortId?: string }> {
  if (query.cohortId) {
    const cohort = access.cohorts.get(query.cohortId) ?? (await deps.cohorts.get(actor.tenantId, query.cohortId));
    if (!cohort || (query.programId && cohort.programId !== query.programId)) throw new NotFound('cohort', 'cohortId');
    return { programId: cohort.programId, cohortId: cohort.id };
  }
  if (!access.programs.has(query.programId!)) throw new NotFound('program', 'programId');
  return { programId: query.programId! };
}
