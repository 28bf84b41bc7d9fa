import type { QnaRole, QuestionView } from '@peerloop/core';
import { CardVerbs } from '../commands/invoke-names.js';
import { literalText } from './text.js';

/** What a queue card shows: the live queue in order, as one reader (or everyone in a chat) may see it. */
export interface QueueCardQueue {
  readonly sessionId: string;
  readonly sessionTitle: string;
  readonly enabled: boolean;
  readonly role: QnaRole;
  /** The reader may ask and vote (members and hosts; not observers). */
  readonly canAsk: boolean;
  readonly nowAnswering: string | null;
  /** Pinned first, then hand order, then votes, then oldest. */
  readonly questions: readonly QuestionView[];
}

export interface QueueCardOptions {
  /**
   * `reader`: the reader's own card (a personal chat, or a card refreshed for one person): their votes and,
   * for hosts, the Next button. `everyone`: the card a whole chat sees before Teams refreshes it for each
   * viewer: nobody's votes, no host controls.
   */
  readonly audience: 'reader' | 'everyone';
  /** Teams ids (MRIs) of the people whose card refreshes automatically; omitted, everyone's (chats up to 60). */
  readonly refreshUserIds?: readonly string[];
  /** Why the reader's last click changed nothing, shown literally at the top. */
  readonly notice?: string;
  /** How many questions the card lists (default QUEUE_CARD_LIMIT). */
  readonly limit?: number;
}

/** The card lists the top of the queue; the side panel has the rest. */
export const QUEUE_CARD_LIMIT = 10;
/** Teams refuses messages over 28 KB; the card stays well below, dropping questions from the end if it must. */
const MAX_CARD_BYTES = 26 * 1024;

/**
 * A session's Q&A queue as one Adaptive Card: the top questions in queue order, each with its votes, who
 * asked ("Anonymous" for anonymous askers) and a Vote / Take back button (Universal Actions, so a click
 * redraws the card for the person who clicked); the pinned one is marked "Now answering"; hosts reading
 * their own card get "Next question". Question text and names are user-written: they only ever go into
 * TextRuns, which Teams shows literally.
 */
export function queueCard(queue: QueueCardQueue, options: QueueCardOptions) {
  // On a card the whole chat sees, only open questions: pending ones are for hosts and their askers.
  const live = options.audience === 'everyone' ? queue.questions.filter((q) => q.state === 'open') : queue.questions;
  let shown = Math.min(live.length, options.limit ?? QUEUE_CARD_LIMIT);
  for (;;) {
    const card = render(queue, live, shown, options);
    if (shown === 0 || Buffer.byteLength(JSON.stringify(card)) <= MAX_CARD_BYTES) return card;
    shown -= 1;
  }
}

function render(queue: QueueCardQueue, live: readonly QuestionView[], shown: number, options: QueueCardOptions) {
  const reader = options.audience === 'reader';
  const body: object[] = [
    { type: 'TextBlock', text: 'Questions', weight: 'Bolder', size: 'Large', wrap: true },
    literalText(queue.sessionTitle, { weight: 'Bolder' }),
  ];
  if (options.notice) body.push(literalText(options.notice, { color: 'Attention' }));
  if (!queue.enabled) {
    body.push({ type: 'TextBlock', text: 'Q&A is off for this session.', wrap: true });
  } else if (live.length === 0) {
    body.push({
      type: 'TextBlock',
      text: 'No questions yet. Ask with "ask" followed by your question, or in the meeting side panel.',
      wrap: true,
    });
  }
  const canVote = !reader || queue.canAsk;
  for (const question of live.slice(0, shown)) {
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: questionItems(queue.sessionId, question, reader, canVote),
    });
  }
  if (live.length > shown) {
    const more = live.length - shown;
    body.push({
      type: 'TextBlock',
      text: `${more} more ${more === 1 ? 'question' : 'questions'} in the queue: see them all in the meeting side panel.`,
      isSubtle: true,
      wrap: true,
      separator: true,
    });
  }
  if (reader && queue.role === 'host' && queue.enabled) {
    body.push({
      type: 'ActionSet',
      separator: true,
      actions: [
        {
          type: 'Action.Execute',
          title: queue.nowAnswering ? 'Answered: next question' : 'Start with the top question',
          verb: CardVerbs.qnaNext,
          // What this card showed as answered: a second click on the same card moves on only once.
          data: { sessionId: queue.sessionId, after: queue.nowAnswering },
          style: 'positive',
        },
      ],
    });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    refresh: {
      action: {
        type: 'Action.Execute',
        title: 'Refresh',
        verb: CardVerbs.qnaRefresh,
        data: { sessionId: queue.sessionId },
      },
      ...(options.refreshUserIds ? { userIds: [...options.refreshUserIds] } : {}),
    },
    body,
  };
}

function questionItems(sessionId: string, question: QuestionView, reader: boolean, canVote: boolean): object[] {
  const items: object[] = [];
  if (question.pinned) {
    items.push({
      type: 'TextBlock',
      text: 'Now answering',
      color: 'Good',
      weight: 'Bolder',
      wrap: true,
      spacing: 'None',
    });
  }
  items.push(literalText(question.text));
  const votes = `${question.votes} ${question.votes === 1 ? 'vote' : 'votes'}`;
  const facts = [votes];
  if (question.state === 'pending') facts.push('waiting for approval');
  if (reader && question.votedByMe) facts.push('you voted');
  items.push({
    type: 'RichTextBlock',
    spacing: 'Small',
    inlines: [
      // Never the author of an anonymous question, not even to the asker: cards get seen on shared screens.
      { type: 'TextRun', text: question.anonymous ? 'Anonymous' : (question.askedBy ?? 'A colleague'), isSubtle: true },
      { type: 'TextRun', text: ` · ${facts.join(' · ')}`, isSubtle: true },
    ],
  });
  if (canVote && question.state === 'open') {
    const takeBack = reader && question.votedByMe;
    items.push({
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Execute',
          title: takeBack ? 'Take back my vote' : 'Vote',
          verb: CardVerbs.qnaVote,
          // Says what the click means (vote or take back), not "toggle": a double click counts once.
          data: { sessionId, questionId: question.id, vote: !takeBack },
          ...(takeBack ? {} : { style: 'positive' }),
        },
      ],
    });
  }
  return items;
}
