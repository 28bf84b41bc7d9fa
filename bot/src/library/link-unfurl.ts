import type { AppBasedLinkQuery, MessagingExtensionResponse } from 'botbuilder';
import {
  getCohort,
  getLibraryItem,
  getSession,
  isDomainError,
  parsePeerLoopLink,
  type Principal,
} from '@peerloop/core';
import { describeFailure } from '../qna/failures.js';
import type { QnaLogger } from '../qna/qna-chat.js';
import { cohortResult, itemResult, previewTimeFor, resultList, sessionResult, type ReaderSettings } from './results.js';
import type { MessagingExtensionDeps } from './search.js';

/**
 * A PeerLoop link pasted into a message becomes its card: a session, a library item or a cohort, as the
 * person who pasted it may see it. A link that is not ours, or points at something they may not see (a
 * cohort's item they have no access to, a hidden item, anything gone), gets no card: the same empty answer
 * either way, so nothing tells whether it exists, and Teams leaves the plain link. Answers are not cached by
 * Teams, since what a link shows depends on who pastes it.
 */
export async function unfurlLink(
  deps: MessagingExtensionDeps,
  actor: Principal,
  activity: ReaderSettings,
  query: AppBasedLinkQuery,
  log: QnaLogger,
): Promise<MessagingExtensionResponse> {
  const target = deps.tabBase && query.url ? parsePeerLoopLink(query.url, deps.tabBase) : null;
  if (!target) return noCard();
  try {
    switch (target.kind) {
      case 'item': {
        const item = await getLibraryItem(deps, actor, target.id);
        return item.hidden ? noCard() : card(itemResult(item, deps.tabBase));
      }
      case 'session': {
        const session = await getSession(deps, actor, target.id);
        return card(sessionResult(session, deps.tabBase, previewTimeFor(activity)));
      }
      case 'cohort':
        return card(cohortResult(await getCohort(deps, actor, target.id), deps.tabBase));
    }
  } catch (error) {
    if (!isDomainError(error)) log(`link unfurl failed (${describeFailure(error)})`);
    return noCard();
  }
}

function card(attachment: Parameters<typeof resultList>[0][number]): MessagingExtensionResponse {
  return { ...resultList([attachment]), cacheInfo: { cacheType: 'no-cache' } };
}

function noCard(): MessagingExtensionResponse {
  return { ...resultList([]), cacheInfo: { cacheType: 'no-cache' } };
}
