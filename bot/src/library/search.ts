import type { MessagingExtensionQuery, MessagingExtensionResponse } from 'botbuilder';
import {
  isDomainError,
  listCohorts,
  listSessions,
  searchCohorts,
  searchLibrary,
  searchWords,
  type CohortSummary,
  type LibraryDeps,
  type LibraryItemView,
  type Principal,
  type SessionDeps,
  type SessionView,
} from '@peerloop/core';
import { describeFailure } from '../qna/failures.js';
import { problemText, type QnaLogger } from '../qna/qna-chat.js';
import {
  cohortResult,
  itemResult,
  messageResult,
  previewTimeFor,
  resultList,
  sessionResult,
  type ReaderSettings,
} from './results.js';

/** What the messaging extension needs: the library's ports, the calendar's, and where the tab lives. */
export type MessagingExtensionDeps = LibraryDeps &
  SessionDeps & {
    /** The tab's base address (e.g. https://localhost:53000): links on cards, and which links to unfurl. */
    readonly tabBase?: string | undefined;
  };

/** Teams asks for 25 results a page; sessions and cohorts take at most a few of them, items the rest. */
export const SEARCH_LIMITS = { results: 25, sessions: 5, cohorts: 5, initialSessions: 3, initialCohorts: 3 } as const;
/** How far ahead a search looks for sessions (the calendar's longest range). */
export const SESSION_SEARCH_DAYS = 90;

export const SearchMessages = {
  failed: 'Sorry, the search did not work this time. Please try again.',
} as const;

/** The words typed into the search box; empty on the initial run (Teams sends `initialRun` instead). */
export function queryText(query: MessagingExtensionQuery): string {
  const value = query.parameters?.find((p) => p.name === 'query')?.value;
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The search command: library items, upcoming sessions and cohorts the person may see whose words match, in
 * three searches run in parallel (store round trips: two in a row at most). With nothing typed yet, the
 * most used items, the next sessions and the person's own cohorts. Hidden items never show here, even to
 * the owners who still see them in the tab: a card inserted into a chat should not bring one back.
 */
export async function searchForCompose(
  deps: MessagingExtensionDeps,
  actor: Principal,
  activity: ReaderSettings,
  query: MessagingExtensionQuery,
  log: QnaLogger,
): Promise<MessagingExtensionResponse> {
  // One page: a scroll asks again with `skip`, and everything that matches is on the first page already.
  if ((query.queryOptions?.skip ?? 0) > 0) return resultList([]);
  const total = Math.max(1, Math.min(query.queryOptions?.count ?? SEARCH_LIMITS.results, SEARCH_LIMITS.results));
  const text = queryText(query);
  try {
    const [items, sessions, cohorts] = await Promise.all([
      findItems(deps, actor, text, total),
      findSessions(deps, actor, text),
      findCohorts(deps, actor, text),
    ]);
    const itemRoom = Math.max(total - sessions.length - cohorts.length, Math.ceil(total / 2));
    const when = previewTimeFor(activity);
    const attachments = [
      ...items.slice(0, itemRoom).map((item) => itemResult(item, deps.tabBase)),
      ...sessions.map((session) => sessionResult(session, deps.tabBase, when)),
      ...cohorts.map((cohort) => cohortResult(cohort, deps.tabBase)),
    ].slice(0, total);
    return resultList(attachments);
  } catch (error) {
    if (isDomainError(error)) return messageResult(problemText(error));
    log(`messaging extension search failed (${describeFailure(error)})`);
    return messageResult(SearchMessages.failed);
  }
}

async function findItems(
  deps: MessagingExtensionDeps,
  actor: Principal,
  text: string,
  limit: number,
): Promise<LibraryItemView[]> {
  // Cards show no bookmark or "done": the person's own uses need not be read.
  const items = await searchLibrary(
    deps,
    actor,
    { q: text.slice(0, 200), sort: text ? 'relevance' : 'popularity', limit },
    { readerFlags: false },
  );
  return items.filter((item) => !item.hidden);
}

/** Upcoming sessions (not cancelled) whose title or topic holds every word typed: one query. */
async function findSessions(deps: MessagingExtensionDeps, actor: Principal, text: string): Promise<SessionView[]> {
  const now = deps.clock.now();
  const sessions = await listSessions(deps, actor, {
    from: now.toISOString(),
    to: new Date(now.getTime() + SESSION_SEARCH_DAYS * 86_400_000).toISOString(),
  });
  const words = searchWords(text);
  const upcoming = sessions.filter((s) => s.status !== 'cancelled');
  if (words.length === 0) return upcoming.slice(0, SEARCH_LIMITS.initialSessions);
  return upcoming
    .filter((s) => {
      const about = `${s.title} ${s.topic ?? ''}`.toLowerCase();
      return words.every((word) => about.includes(word));
    })
    .slice(0, SEARCH_LIMITS.sessions);
}

/** Cohorts whose name holds the text; before anything is typed, the person's own. */
async function findCohorts(deps: MessagingExtensionDeps, actor: Principal, text: string): Promise<CohortSummary[]> {
  if (!text) return (await listCohorts(deps, actor, { mine: true })).slice(0, SEARCH_LIMITS.initialCohorts);
  return searchCohorts(deps, actor, { text: text.slice(0, 100), limit: SEARCH_LIMITS.cohorts });
}

/** The cohorts-only search command, as it was first released: cohorts whose name holds the text. */
export async function searchCohortsForCompose(
  deps: Pick<MessagingExtensionDeps, 'cohorts' | 'clock' | 'sessions' | 'tabBase'>,
  actor: Principal,
  query: MessagingExtensionQuery,
): Promise<MessagingExtensionResponse> {
  try {
    const cohorts = await searchCohorts(deps, actor, {
      text: queryText(query).slice(0, 100),
      limit: Math.max(1, Math.min(query.queryOptions?.count ?? 10, SEARCH_LIMITS.results)),
    });
    return resultList(cohorts.map((cohort) => cohortResult(cohort, deps.tabBase, 'cohorts-only')));
  } catch (error) {
    if (isDomainError(error)) return messageResult(problemText(error));
    throw error;
  }
}
