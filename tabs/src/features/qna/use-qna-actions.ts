import type { ModerationAction, QuestionView } from '@peerloop/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import { describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { formatSessionStart } from '../cohorts/format';
import {
  answerNext,
  carryOver,
  downloadQuestionsCsv,
  editQuestion,
  moderate,
  setModerated,
  setOrder,
  vote,
  withdrawQuestion,
} from './qna-api';
import { applyOwn, patchMeta, patchQuestion, removeQuestion, withHandOrder } from './queue-state';
import type { LiveQueueHandle } from './use-live-queue';

export interface QnaActionState {
  /** What the last action achieved, for a polite live region. */
  readonly announcement: string;
  /** Why the last action failed, for an alert. */
  readonly failure: string;
  /** Questions with an action under way (their buttons wait); QUEUE_ACTION for the queue's own. */
  readonly busy: ReadonlySet<string>;
  /** The same object on every render, so unchanged question cards skip rendering. */
  readonly handlers: QnaHandlers;
}

export interface QnaHandlers {
  readonly vote: (question: QuestionView) => void;
  /** Resolves true once saved. */
  readonly edit: (question: QuestionView, text: string) => Promise<boolean>;
  readonly withdraw: (question: QuestionView) => Promise<boolean>;
  /** Resolves true once done. */
  readonly moderate: (question: QuestionView, action: ModerationAction, answer?: string) => Promise<boolean>;
  /** Moves a waiting question one place up (-1) or down (+1) in the hand order. */
  readonly move: (question: QuestionView, by: -1 | 1) => void;
  readonly clearOrder: () => void;
  readonly next: () => void;
  readonly setModerated: (moderated: boolean) => void;
  readonly carryOver: () => Promise<boolean>;
  readonly exportCsv: () => void;
}

/** The busy key of actions on the whole queue (Next, carry over, moderation, export). */
export const QUEUE_ACTION = '(queue)';

const DONE: Partial<Record<ModerationAction, string>> = {
  approve: 'Question approved: everyone sees it now.',
  dismiss: 'Question dismissed.',
  restore: 'Question restored to the queue.',
  pin: 'Pinned as now answering.',
  unpin: 'Unpinned.',
  reopen: 'Question reopened.',
};

/**
 * The reader's actions on a queue: each calls the API, merges its answer into the live copy and says what
 * happened. Actions on different questions may overlap; a vote shows at once and is undone if refused.
 */
export function useQnaActions(sessionId: string, live: LiveQueueHandle): QnaActionState {
  const api = useApi();
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const liveRef = useRef(live);
  liveRef.current = live;

  const run = useCallback(async (key: string, action: () => Promise<string>): Promise<boolean> => {
    setBusy((keys) => new Set(keys).add(key));
    setFailure('');
    try {
      setAnnouncement(await action());
      return true;
    } catch (error) {
      setAnnouncement('');
      setFailure(describeError(error));
      return false;
    } finally {
      setBusy((keys) => {
        const next = new Set(keys);
        next.delete(key);
        return next;
      });
    }
  }, []);

  const handlers = useMemo<QnaHandlers>(() => {
    const current = () => liveRef.current;
    return {
      vote: (question) => {
        const on = !question.votedByMe;
        current().update((state) =>
          patchQuestion(state, question.id, (q) => ({
            ...q,
            votedByMe: on,
            votes: Math.max(0, q.votes + (on ? 1 : -1)),
          })),
        );
        void run(question.id, async () => {
          try {
            const answer = await vote(api, sessionId, question.id, on);
            current().update((state) => applyOwn(state, answer));
          } catch (error) {
            current().refresh();
            throw error;
          }
          return on ? 'Vote added.' : 'Vote taken back.';
        });
      },
      move: (question, by) => {
        const { state, arranged, update } = current();
        if (!state) return;
        // The question being answered stays on top whatever its place, so it takes no part in the hand order.
        const order = arranged.live.filter((q) => q.id !== state.meta.nowAnswering);
        const from = order.findIndex((q) => q.id === question.id);
        const to = from + by;
        if (from < 0 || to < 0 || to >= order.length) return;
        const ids = order.map((q) => q.id);
        [ids[from], ids[to]] = [ids[to]!, ids[from]!];
        // Everything hand-placed keeps a place (the API clears the rest); those after follow by votes.
        const lastPlaced = order.reduce((last, q, index) => (q.position !== null ? index : last), -1);
        const questionIds = ids.slice(0, Math.max(from, to, lastPlaced) + 1);
        update((s) => withHandOrder(s, questionIds));
        void run(question.id, async () => {
          try {
            await setOrder(api, sessionId, questionIds);
          } catch (error) {
            current().refresh();
            throw error;
          }
          return `Moved ${by < 0 ? 'up' : 'down'} to place ${to + 1}.`;
        });
      },
      edit: (question, text) =>
        run(question.id, async () => {
          const answer = await editQuestion(api, sessionId, question.id, text);
          current().update((state) => applyOwn(state, answer));
          return 'Question saved.';
        }),
      withdraw: (question) =>
        run(question.id, async () => {
          await withdrawQuestion(api, sessionId, question.id);
          current().update((state) => {
            const next = removeQuestion(state, question.id);
            return next.meta.nowAnswering === question.id ? patchMeta(next, { nowAnswering: null }) : next;
          });
          return 'Question withdrawn.';
        }),
      moderate: (question, action, answer) =>
        run(question.id, async () => {
          const result = await moderate(api, sessionId, question.id, action, answer);
          current().update((state) => {
            let next = applyOwn(state, result);
            if (action === 'pin') next = patchMeta(next, { nowAnswering: question.id });
            const unpinned = action === 'unpin' || (result.state !== 'open' && result.state !== 'pending');
            if (unpinned && next.meta.nowAnswering === question.id) next = patchMeta(next, { nowAnswering: null });
            return next;
          });
          if (action === 'answer') return answer ? 'Marked answered, with your written answer.' : 'Marked answered.';
          return DONE[action] ?? 'Done.';
        }),
      clearOrder: () =>
        void run(QUEUE_ACTION, async () => {
          await setOrder(api, sessionId, []);
          current().update((state) => withHandOrder(state, []));
          return 'Hand order cleared: the queue follows votes.';
        }),
      next: () =>
        void run(QUEUE_ACTION, async () => {
          const pinned = await answerNext(api, sessionId);
          current().update((state) => {
            const next = patchMeta(state, { nowAnswering: pinned?.id ?? null });
            return pinned ? applyOwn(next, pinned) : next;
          });
          current().refresh();
          return pinned ? `Now answering: ${pinned.text}` : 'No question is waiting.';
        }),
      setModerated: (moderated) =>
        void run(QUEUE_ACTION, async () => {
          await setModerated(api, sessionId, moderated);
          current().update((state) => patchMeta(state, { moderated }));
          current().refresh();
          return moderated
            ? 'New questions now wait for approval.'
            : 'Questions now show at once; waiting ones were approved.';
        }),
      carryOver: () =>
        run(QUEUE_ACTION, async () => {
          const result = await carryOver(api, sessionId);
          current().refresh();
          const count = result.carried === 1 ? '1 question' : `${result.carried} questions`;
          return `Carried ${count} over to “${result.toSessionTitle}” (${formatSessionStart(result.toSessionStartsAt)}).`;
        }),
      exportCsv: () =>
        void run(QUEUE_ACTION, async () => {
          await downloadQuestionsCsv(api, sessionId, current().state?.meta.sessionStartsAt ?? '');
          return 'Questions exported as CSV.';
        }),
    };
  }, [api, sessionId, run]);

  return { announcement, failure, busy, handlers };
}
