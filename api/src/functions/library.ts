import type { HttpRequest } from '@azure/functions';
import {
  careForLibraryItem,
  commentOnLibraryItem,
  editLibraryItem,
  getLibraryItem,
  libraryExperts,
  libraryInsights,
  myLibraryHistory,
  rateLibraryItem,
  recordLibraryView,
  reportLibraryItem,
  searchLibrary,
  setLibraryFlag,
  shareItem,
} from '@peerloop/core';
import { json, queryObject, readJsonBody } from '../http/respond.js';
import { authenticatedRoute, type RouteDefinition } from '../http/route.js';

/**
 * The employee-shared library (issue 6; docs/api.md).
 *
 * All routes need the usual authentication (see tests/support for how tests call the API as a persona). Errors: 400 validation_failed naming fields, 403 forbidden / agreements_required, 404 not_found, 409 conflict — body `{ error: { code, message, fields? } }` like the other routes (check api/src/http/respond.ts).
 * - GET  /api/library/items?q=&kind=&skill=&cohortId=&programId=&sort=relevance|rating|popularity|recent&mine=bookmarked|shared|done&limit=1..50 -> `{ items: LibraryItemView[] }` (core searchLibrary)
 * - POST /api/library/items  body ShareItemInput {programId, cohortId?, kind, title, summary?, url? (http/https, required for presentation|document|recording|link), body? (markdown, required for tip-list|book-note), tags?, skills?, sessionId?} -> 201 LibraryItemView
 * - GET  /api/library/items/{id} -> LibraryItemDetail (ratingHistogram [1★..5★], history, commentList, reports for owners)
 * - PATCH /api/library/items/{id}  body {title?, summary?, url?|null, body?|null, tags?, skills?} -> LibraryItemView (author or program owner; history kept)
 * - POST /api/library/items/{id}/views -> { views } (call when someone opens an item)
 * - PUT  /api/library/items/{id}/rating  body {stars: 1..5} -> LibraryItemView (one rating per person, changeable; authors cannot rate their own: 403)
 * - PUT  /api/library/items/{id}/bookmark  body {on: boolean} -> {on, changed}
 * - PUT  /api/library/items/{id}/done  body {on: boolean} -> {on, changed}
 * - POST /api/library/items/{id}/comments  body {text} -> 201 LibraryCommentView
 * - POST /api/library/items/{id}/reports  body {reason} -> {reported: true}
 * - POST /api/library/items/{id}/care  body {action: 'hide'|'restore', reason?} -> LibraryItemView (program owners only)
 * - GET  /api/me/library -> { items: LibraryHistoryEntry[] } (my views, bookmarks, done)
 * - GET  /api/library/insights?programId=|cohortId= -> LibraryInsights (cohort facilitators, program owners) {totals, items[], byCohort[]}
 * - GET  /api/library/experts?programId=|cohortId=&skill= -> { items: SkillExperts[] }
 * Visibility: program-scoped items are seen by everyone in the organisation; cohort-scoped items by the cohort's members/observers who accepted the program's current agreements, its facilitators and the program's owners; hidden items only by program owners and the author.
 * Links: core/src/shared/links.ts — peerLoopLink(tabBase, {kind:'session'|'item'|'cohort', id}) gives `{tabBase}/index.html?view=personal&itemId=<id>` (or sessionId / cohortId); parsePeerLoopLink(url, tabBase) reads one back.
 * Demo data (api/src/local/demo-data.ts) will get a few library items in the demo program ("prog-..." — read the file) by the lead.
 */

const itemId = (request: HttpRequest): string => request.params.id!;

/** GET /api/library/items — search within what the caller may see. */
export const libraryItemsList = authenticatedRoute(
  'library-items-list',
  ['GET'],
  'library/items',
  async ({ actor, request, runtime }) =>
    json(200, { items: await searchLibrary(runtime, actor, queryObject(request)) }),
);

/** POST /api/library/items — share a link or a tip with a program or one of its cohorts. */
export const libraryItemsPost = authenticatedRoute(
  'library-items-post',
  ['POST'],
  'library/items',
  async ({ actor, request, runtime }) => json(201, await shareItem(runtime, actor, await readJsonBody(request))),
);

/** GET /api/me/library — what I opened, saved for later and finished. */
export const myLibraryGet = authenticatedRoute('my-library-get', ['GET'], 'me/library', async ({ actor, runtime }) =>
  json(200, { items: await myLibraryHistory(runtime, actor) }),
);

/** GET /api/library/insights — consumption and ratings for a cohort's facilitators and the program's owners. */
export const libraryInsightsGet = authenticatedRoute(
  'library-insights-get',
  ['GET'],
  'library/insights',
  async ({ actor, request, runtime }) => json(200, await libraryInsights(runtime, actor, queryObject(request))),
);

/** GET /api/library/experts — "who shares what", per skill. */
export const libraryExpertsGet = authenticatedRoute(
  'library-experts-get',
  ['GET'],
  'library/experts',
  async ({ actor, request, runtime }) =>
    json(200, { items: await libraryExperts(runtime, actor, queryObject(request)) }),
);

/** GET /api/library/items/{id} — the item page: content, rating spread, history, comments. */
export const libraryItemGet = authenticatedRoute(
  'library-item-get',
  ['GET'],
  'library/items/{id}',
  async ({ actor, request, runtime }) => json(200, await getLibraryItem(runtime, actor, itemId(request))),
);

/** PATCH /api/library/items/{id} — the author or an owner edits; earlier versions are kept. */
export const libraryItemPatch = authenticatedRoute(
  'library-item-patch',
  ['PATCH'],
  'library/items/{id}',
  async ({ actor, request, runtime }) =>
    json(200, await editLibraryItem(runtime, actor, itemId(request), await readJsonBody(request))),
);

/** POST /api/library/items/{id}/views — the caller opened the item. */
export const libraryItemViews = authenticatedRoute(
  'library-item-views',
  ['POST'],
  'library/items/{id}/views',
  async ({ actor, request, runtime }) => json(200, await recordLibraryView(runtime, actor, itemId(request))),
);

/** PUT /api/library/items/{id}/rating — `{ stars }`, one rating per person, changeable. */
export const libraryItemRating = authenticatedRoute(
  'library-item-rating',
  ['PUT'],
  'library/items/{id}/rating',
  async ({ actor, request, runtime }) =>
    json(200, await rateLibraryItem(runtime, actor, itemId(request), await readJsonBody(request))),
);

/** PUT /api/library/items/{id}/bookmark — `{ on }`: save for later. */
export const libraryItemBookmark = authenticatedRoute(
  'library-item-bookmark',
  ['PUT'],
  'library/items/{id}/bookmark',
  async ({ actor, request, runtime }) =>
    json(200, await setLibraryFlag(runtime, actor, itemId(request), 'bookmark', await readJsonBody(request))),
);

/** PUT /api/library/items/{id}/done — `{ on }`: mark as done. */
export const libraryItemDone = authenticatedRoute(
  'library-item-done',
  ['PUT'],
  'library/items/{id}/done',
  async ({ actor, request, runtime }) =>
    json(200, await setLibraryFlag(runtime, actor, itemId(request), 'done', await readJsonBody(request))),
);

/** POST /api/library/items/{id}/comments — `{ text }`. */
export const libraryItemComments = authenticatedRoute(
  'library-item-comments',
  ['POST'],
  'library/items/{id}/comments',
  async ({ actor, request, runtime }) =>
    json(201, await commentOnLibraryItem(runtime, actor, itemId(request), await readJsonBody(request))),
);

/** POST /api/library/items/{id}/reports — `{ reason }`: tell the owners something is wrong with it. */
export const libraryItemReports = authenticatedRoute(
  'library-item-reports',
  ['POST'],
  'library/items/{id}/reports',
  async ({ actor, request, runtime }) =>
    json(200, await reportLibraryItem(runtime, actor, itemId(request), await readJsonBody(request))),
);

/** POST /api/library/items/{id}/care — `{ action: hide | restore, reason? }`: program owners. */
export const libraryItemCare = authenticatedRoute(
  'library-item-care',
  ['POST'],
  'library/items/{id}/care',
  async ({ actor, request, runtime }) =>
    json(200, await careForLibraryItem(runtime, actor, itemId(request), await readJsonBody(request))),
);

/** The library's HTTP functions, for routes.ts (fixed segments before `{id}`). */
export const libraryRoutes: readonly RouteDefinition[] = [
  libraryItemsList,
  libraryItemsPost,
  myLibraryGet,
  libraryInsightsGet,
  libraryExpertsGet,
  libraryItemGet,
  libraryItemPatch,
  libraryItemViews,
  libraryItemRating,
  libraryItemBookmark,
  libraryItemDone,
  libraryItemComments,
  libraryItemReports,
  libraryItemCare,
];
