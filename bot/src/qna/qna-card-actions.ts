import type { Activity, AdaptiveCardInvokeResponse } from 'botbuilder';
import {
  answerNext,
  getQueue,
  Conflict,
  isDomainError,
  ValidationFailed,
  voteOnQuestion,
  type Principal,
  type QnaDeps,
} from '@peerloop/core';
import { queueCard, type QueueCardOptions } from '../cards/queue-card.js';
import { messageCard } from '../cards/sessions-card.js';
import { CardVerbs } from '../commands/invoke-names.js';
import { cardActionAnswer, cardActionError } from '../commands/sessions.js';
import { describeFailure } from './failures.js';
import { problemText, QnaMessages, type QnaLogger } from './qna-chat.js';
import { publicQueue } from './public-queue.js';

type QnaVerb = typeof CardVerbs.qnaVote | typeof CardVerbs.qnaNext | typeof CardVerbs.qnaRefresh;

export function isQnaVerb(verb: unknown): verb is QnaVerb {
  return verb === CardVerbs.qnaVote || verb === CardVerbs.qnaNext || verb === CardVerbs.qnaRefresh;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= 250;
}

/**
 * A click on a queue card (Vote, Take back my vote, Next question) or its refresh. The answer is the card
 * redrawn for the person who clicked, with why a click changed nothing shown on it. Votes say what they mean
 * (vote or take back) and core's votes are idempotent, so a double click counts once; Next names the
 * question the card showed pinned, so a second click on the same card does not skip a question.
 */
export async function qnaCardAction(
  deps: QnaDeps,
  actor: Principal,
  activity: Activity,
  verb: QnaVerb,
  data: Record<string, unknown> | undefined,
  log: QnaLogger,
): Promise<AdaptiveCardInvokeResponse> {
  const sessionId = data?.sessionId;
  if (!nonEmpty(sessionId)) return cardActionError('BadRequest', 'sessionId: is required');
  const view: QueueCardOptions =
    activity.conversation?.conversationType === 'personal'
      ? { audience: 'reader', refreshUserIds: [activity.from.id] }
      : { audience: 'reader' };
  let notice: string | undefined;
  try {
    if (verb === CardVerbs.qnaVote) {
      const { questionId, vote } = data ?? {};
      if (!nonEmpty(questionId)) return cardActionError('BadRequest', 'questionId: is required');
      if (typeof vote !== 'boolean') return cardActionError('BadRequest', 'vote: must be true or false');
      notice = await refusal(() => voteOnQuestion(deps, actor, sessionId, questionId, vote));
    } else if (verb === CardVerbs.qnaNext) {
      const after = data?.after ?? null;
      if (after !== null && typeof after !== 'string')
        return cardActionError('BadRequest', 'after: must be a question id or null');
      notice = await refusal(async () => {
        try {
          await answerNext(deps, actor, sessionId, { after });
          return undefined;
        } catch (error) {
          // The queue moved on since this card was drawn (another host, or a double click): show where it is.
          if (error instanceof Conflict) return 'The queue had already moved on: this is where it stands now.';
          throw error;
        }
      });
    }
    try {
      return cardActionAnswer(
        queueCard(await getQueue(deps, actor, sessionId), { ...view, ...(notice ? { notice } : {}) }),
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return cardActionAnswer(await cardForOutsider(deps, actor, activity, sessionId, verb, problemText(error)));
    }
  } catch (error) {
    log(`qna card action ${verb} failed (${describeFailure(error)})`);
    return cardActionAnswer(messageCard(QnaMessages.failed));
  }
}

/** Runs a change; a refusal from core comes back as the sentence to show, anything else is thrown. */
async function refusal(change: () => Promise<unknown>): Promise<string | undefined> {
  try {
    const result = await change();
    return typeof result === 'string' ? result : undefined;
  } catch (error) {
    if (error instanceof ValidationFailed || !isDomainError(error)) throw error;
    return `Nothing changed: ${problemText(error)}`;
  }
}

/**
 * For someone who may not see the session's queue (not a member, agreements not accepted): in the meeting
 * chat the session is bound to, where the card was posted for everyone, the card everyone sees with why
 * they cannot take part; anywhere else only why, so nobody reads a queue by sending a made-up action.
 */
async function cardForOutsider(
  deps: QnaDeps,
  actor: Principal,
  activity: Activity,
  sessionId: string,
  verb: QnaVerb,
  why: string,
): Promise<Record<string, unknown>> {
  const session = await deps.sessions.get(actor.tenantId, sessionId);
  if (!session || session.meeting?.chatId !== activity.conversation?.id) return messageCard(why);
  const queue = await publicQueue(deps, actor.tenantId, sessionId);
  if (!queue) return messageCard(why);
  // An automatic refresh shows the card quietly; the reason is for someone who clicked.
  return queueCard(queue.view, { audience: 'everyone', ...(verb === CardVerbs.qnaRefresh ? {} : { notice: why }) });
}
