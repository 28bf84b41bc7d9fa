import type { QnaLiveEvent, QuestionView, QueueView } from '@peerloop/core';

/** What the queue shows besides its questions (QueueView without the two lists). */
export type QueueMeta = Omit<QueueView, 'questions' | 'archive'>;

/**
 * The reader's copy of a queue, kept up to date from live events. Questions are kept by id, each at the
 * highest revision seen; the two ordered lists are built once per render batch by `arrange`.
 */
export interface QueueState {
  readonly meta: QueueMeta;
  readonly byId: ReadonlyMap<string, QuestionView>;
  /** The queue settings' revision: from the last read, or the last live event that carried a newer one. */
  readonly queueRevision: number;
}

export interface Arranged {
  /** Waiting questions (pending and open), in queue order. */
  readonly live: readonly QuestionView[];
  /** Answered, carried-over and (for hosts and askers) dismissed questions, newest first. */
  readonly archive: readonly QuestionView[];
}

export interface EventOutcome {
  readonly state: QueueState;
  /** Questions this event made visible for the first time (to announce them). */
  readonly added: readonly QuestionView[];
  /**
   * True when the event dropped one of the reader's own questions: live events are public views, so a
   * pending or dismissed question the asker still sees is "removed" there. A fresh read tells which.
   */
  readonly refetch: boolean;
}

const WAITING = new Set<string>(['pending', 'open']);

/** True while a question waits to be answered (pending or open): the live queue, not the archive. */
export function isWaiting(question: Pick<QuestionView, 'state'>): boolean {
  return WAITING.has(question.state);
}

/** Starts from a full read of the queue (which carries the reader's own flags). */
export function fromView(view: QueueView): QueueState {
  const { questions, archive, ...meta } = view;
  return {
    meta,
    byId: new Map([...questions, ...archive].map((q) => [q.id, q])),
    queueRevision: view.queueRevision,
  };
}

/**
 * Merges a live event: per question the highest revision wins (an older copy is ignored), the reader's own flags (votedByMe, mine,
 * canEdit: false in events) are kept from what the reader already had, and removed ids are dropped.
 */
export function applyEvent(state: QueueState, event: QnaLiveEvent): EventOutcome {
  if (event.sessionId !== state.meta.sessionId) return { state, added: [], refetch: false };
  let byId: Map<string, QuestionView> | null = null;
  const writable = () => (byId ??= new Map(state.byId));
  const added: QuestionView[] = [];
  let refetch = false;

  for (const incoming of event.questions) {
    const current = state.byId.get(incoming.id);
    // Equal revisions are taken too: the stream delivers in order, so the later copy is the fresher one.
    if (current && current.revision > incoming.revision) continue;
    writable().set(incoming.id, withOwnFlags(incoming, current));
    if (!current && isWaiting(incoming)) added.push(incoming);
  }
  for (const id of event.removed) {
    const current = state.byId.get(id);
    if (!current) continue;
    if (current.mine) {
      refetch = true;
      continue;
    }
    writable().delete(id);
  }

  let meta = state.meta;
  let queueRevision = state.queueRevision;
  // Equal is taken: an event after a read may carry the very revision the read saw (same settings).
  if (event.queue && event.queue.revision >= state.queueRevision) {
    const { moderated, nowAnswering, revision } = event.queue;
    if (moderated !== meta.moderated || nowAnswering !== meta.nowAnswering) meta = { ...meta, moderated, nowAnswering };
    queueRevision = revision;
  }
  if (byId === null && meta === state.meta && queueRevision === state.queueRevision) {
    return { state, added, refetch };
  }
  return { state: { meta, byId: byId ?? state.byId, queueRevision }, added, refetch };
}

/**
 * Merges the answer to the reader's own action (ask, edit, vote, moderation), which carries their flags:
 * the content of whichever copy is newer, with the flags of this answer.
 */
export function applyOwn(state: QueueState, question: QuestionView): QueueState {
  const current = state.byId.get(question.id);
  const next =
    current && current.revision > question.revision
      ? {
          ...current,
          votedByMe: question.votedByMe,
          mine: question.mine,
          canEdit: question.mine && isWaiting(current),
        }
      : question;
  const byId = new Map(state.byId);
  byId.set(question.id, next);
  return { ...state, byId };
}

/** Changes one question in place (an optimistic vote), keeping its revision so newer views still win. */
export function patchQuestion(
  state: QueueState,
  id: string,
  change: (question: QuestionView) => QuestionView,
): QueueState {
  const current = state.byId.get(id);
  if (!current) return state;
  const byId = new Map(state.byId);
  byId.set(id, change(current));
  return { ...state, byId };
}

/** Sets the hand positions of the listed questions (1, 2, …) and clears every other one, as the API does. */
export function withHandOrder(state: QueueState, questionIds: readonly string[]): QueueState {
  const positions = new Map(questionIds.map((id, index) => [id, index + 1]));
  const byId = new Map(state.byId);
  for (const question of state.byId.values()) {
    const position = positions.get(question.id) ?? null;
    if (question.position !== position) byId.set(question.id, { ...question, position });
  }
  return { ...state, byId };
}

/** Drops a question (the reader withdrew it). */
export function removeQuestion(state: QueueState, id: string): QueueState {
  if (!state.byId.has(id)) return state;
  const byId = new Map(state.byId);
  byId.delete(id);
  return { ...state, byId };
}

/** Changes the queue settings the reader just changed (moderation, "now answering"). */
export function patchMeta(
  state: QueueState,
  change: Partial<Pick<QueueMeta, 'moderated' | 'nowAnswering'>>,
): QueueState {
  return { ...state, meta: { ...state.meta, ...change } };
}

/**
 * The live queue's order, as core's compareQueue: the one being answered, then the hand order (lower
 * position first), then most votes, then oldest, then id.
 */
export function compareQueue(nowAnswering: string | null) {
  return (a: QuestionView, b: QuestionView): number => {
    if (a.id === nowAnswering || b.id === nowAnswering) return a.id === nowAnswering ? -1 : 1;
    const pa = a.position ?? Number.POSITIVE_INFINITY;
    const pb = b.position ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa < pb ? -1 : 1;
    if (a.votes !== b.votes) return b.votes - a.votes;
    if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** Splits the questions into the ordered live queue and the archive (newest first), as the API does. */
export function arrange(state: QueueState): Arranged {
  const live: QuestionView[] = [];
  const archive: QuestionView[] = [];
  for (const question of state.byId.values()) {
    if (question.state === 'withdrawn') continue;
    (isWaiting(question) ? live : archive).push(question);
  }
  live.sort(compareQueue(state.meta.nowAnswering));
  archive.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  return { live, archive };
}

function withOwnFlags(incoming: QuestionView, current: QuestionView | undefined): QuestionView {
  const mine = current?.mine ?? false;
  return {
    ...incoming,
    votedByMe: (current?.votedByMe ?? false) && incoming.votes > 0,
    mine,
    canEdit: mine && isWaiting(incoming),
  };
}
