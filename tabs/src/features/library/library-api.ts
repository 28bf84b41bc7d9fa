import type {
  LibraryCommentView,
  LibraryHistoryEntry,
  LibraryInsights,
  LibraryItemDetail,
  LibraryItemKind,
  LibraryItemView,
  LibrarySort,
  SkillExperts,
} from '@peerloop/core';
import type { ApiClient } from '../../platform/api-client';

/** Narrows a search to what I saved for later, finished or shared. */
export type MineFilter = 'bookmarked' | 'done' | 'shared';

/** GET /api/library/items: words, filters and order, as the library view's controls hold them. */
export interface LibraryQuery {
  readonly q?: string;
  readonly kind?: LibraryItemKind;
  readonly skill?: string;
  readonly cohortId?: string;
  readonly programId?: string;
  readonly sort?: LibrarySort;
  readonly mine?: MineFilter;
  readonly limit?: number;
}

/** Body of POST /api/library/items (core's ShareItemInput, as the tab sends it). */
export interface ShareInput {
  readonly programId: string;
  readonly cohortId?: string;
  readonly kind: LibraryItemKind;
  readonly title: string;
  readonly summary: string;
  readonly url?: string;
  readonly body?: string;
  readonly tags: readonly string[];
  readonly skills: readonly string[];
}

/**
 * Body of PATCH /api/library/items/{id} (core's EditItemInput): only what changed. Kind and scope never
 * change; a text kind's `body` and a link kind's `url` stay required, so the tab never sends null.
 */
export interface EditInput {
  readonly title?: string;
  readonly summary?: string;
  readonly url?: string;
  readonly body?: string;
  readonly tags?: readonly string[];
  readonly skills?: readonly string[];
}

/** Where insights and "who shares what" look: a program, or one of its cohorts. */
export interface LibraryScope {
  readonly programId?: string;
  readonly cohortId?: string;
}

const items = (rest = '') => `/library/items${rest}`;
const item = (id: string, rest = '') => items(`/${encodeURIComponent(id)}${rest}`);

/** The query string of a search, without empty values (the API rejects unknown or blank ones). */
export function searchParams(query: LibraryQuery | LibraryScope): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Searches what the reader may see. */
export async function searchLibrary(api: ApiClient, query: LibraryQuery): Promise<LibraryItemView[]> {
  const { items: found } = await api.get<{ items: LibraryItemView[] }>(items(searchParams(query)));
  return found;
}

/** Shares a link or a tip; rejects with field errors (`title`, `url`, `body`, `tags.0`...) when invalid. */
export function shareItem(api: ApiClient, input: ShareInput): Promise<LibraryItemView> {
  return api.post<LibraryItemView>(items(), input);
}

/** The item page: content, rating spread, history, comments (and reports, for owners). */
export function getItem(api: ApiClient, id: string): Promise<LibraryItemDetail> {
  return api.get<LibraryItemDetail>(item(id));
}

/**
 * The author or a program owner changes what was shared; the previous version goes into the history.
 * Rejects with field errors (`title`, `url`, `tags.0`...) when invalid.
 */
export function editItem(api: ApiClient, id: string, input: EditInput): Promise<LibraryItemView> {
  return api.patch<LibraryItemView>(item(id), input);
}

/** Counts a view: the reader opened the item. */
export function recordView(api: ApiClient, id: string): Promise<{ views: number }> {
  return api.post<{ views: number }>(item(id, '/views'), {});
}

/** One rating per person, changeable. */
export function rateItem(api: ApiClient, id: string, stars: number): Promise<LibraryItemView> {
  return api.put<LibraryItemView>(item(id, '/rating'), { stars });
}

/** "Save for later" (bookmark) or "Done", on or off. */
export function setFlag(
  api: ApiClient,
  id: string,
  flag: 'bookmark' | 'done',
  on: boolean,
): Promise<{ on: boolean; changed: boolean }> {
  return api.put<{ on: boolean; changed: boolean }>(item(id, `/${flag}`), { on });
}

export function addComment(api: ApiClient, id: string, text: string): Promise<LibraryCommentView> {
  return api.post<LibraryCommentView>(item(id, '/comments'), { text });
}

export function reportItem(api: ApiClient, id: string, reason: string): Promise<{ reported: true }> {
  return api.post<{ reported: true }>(item(id, '/reports'), { reason });
}

/** Program owners hide an item or restore it. */
export function careForItem(
  api: ApiClient,
  id: string,
  action: 'hide' | 'restore',
  reason?: string,
): Promise<LibraryItemView> {
  return api.post<LibraryItemView>(item(id, '/care'), reason ? { action, reason } : { action });
}

/** My history: what I opened, saved and finished, most recent first. */
export async function myLibrary(api: ApiClient): Promise<LibraryHistoryEntry[]> {
  const { items: entries } = await api.get<{ items: LibraryHistoryEntry[] }>('/me/library');
  return entries;
}

/** Consumption and ratings per item and cohort; `forbidden` for people who do not run the scope. */
export function libraryInsights(api: ApiClient, scope: LibraryScope): Promise<LibraryInsights> {
  return api.get<LibraryInsights>(`/library/insights${searchParams(scope)}`);
}

/** "Who shares what": per skill, people ranked by what they shared and how it was rated. */
export async function libraryExperts(api: ApiClient, scope: LibraryScope): Promise<SkillExperts[]> {
  const { items: skills } = await api.get<{ items: SkillExperts[] }>(`/library/experts${searchParams(scope)}`);
  return skills;
}
