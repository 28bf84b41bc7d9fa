import { Conflict, Forbidden, ValidationFailed } from '../shared/errors.js';
import type { ModerationAction, QnaRole, QuestionView } from './contracts.js';
import type { QnaQueue, Question } from './question.js';

/** Questions still waiting to be answered: what carry-over moves and the live queue shows. */
export const UNANSWERED = new Set(['pending', 'open']);

/** The live queue's order: the one being answered, then the hand order, then most votes, then oldest. */
export function compareQueue(nowAnswering: string | undefined) {
  return (a: Question, b: Question): number => {
    if (a.id === b.id) return 0;
    if (a.id === nowAnswering || b.id === nowAnswering) return a.id === nowAnswering ? -1 : 1;
    const pa = a.position ?? Number.POSITIVE_INFINITY;
    const pb = b.position ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa < pb ? -1 : 1;
    if (a.votes !== b.votes) return b.votes - a.votes;
    if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** Who sees a question: nobody a withdrawn one; hosts and the asker a pending or dismissed one; everyone else. */
export function isVisibleTo(question: Question, role: QnaRole, readerKey: string | null): boolean {
  if (question.state === 'withdrawn') return false;
  if (question.state === 'pending' || question.state === 'dismissed') {
    return role === 'host' || (readerKey !== null && question.authorKey === readerKey);
  }
  return true;
}

/**
 * The view of a question for one reader (readerKey null: the public view live events carry). Nothing that
 * could identify an anonymous asker is copied: not the author, not the author key, not the voters.
 */
export function toQuestionView(question: Question, queue: QnaQueue | null, readerKey: string | null): QuestionView {
  const mine = readerKey !== null && question.authorKey === readerKey;
  return {
    id: question.id,
    sessionId: question.sessionId,
    text: question.text,
    anonymous: question.anonymous,
    askedBy: question.anonymous ? null : (question.author?.displayName ?? null),
    state: question.state,
    votes: question.votes,
    pinned: queue?.nowAnswering === question.id,
    position: question.position ?? null,
    answer: question.answer ?? null,
    carriedFrom: question.carriedFrom ? { sessionId: question.carriedFrom.sessionId } : null,
    carriedTo: question.carriedTo ? { sessionId: question.carriedTo.sessionId } : null,
    createdAt: question.createdAt,
    updatedAt: question.updatedAt,
    revision: question.revision,
    votedByMe: readerKey !== null && question.voters[readerKey] !== undefined,
    mine,
    canEdit: mine && UNANSWERED.has(question.state),
  };
}

/** Splits a session's questions into the live queue (ordered) and the archive (newest first) for one reader. */
export function arrangeQueue(
  questions: readonly Question[],
  queue: QnaQueue | null,
  role: QnaRole,
  readerKey: string | null,
): { questions: QuestionView[]; archive: QuestionView[] } {
  const visible = questions.filter((q) => isVisibleTo(q, role, readerKey));
  const live = visible.filter((q) => UNANSWERED.has(q.state)).sort(compareQueue(queue?.nowAnswering));
  const archive = visible
    .filter((q) => !UNANSWERED.has(q.state))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  return {
    questions: live.map((q) => toQuestionView(q, queue, readerKey)),
    archive: archive.map((q) => toQuestionView(q, queue, readerKey)),
  };
}

function touched(question: Question, now: Date, fields: Partial<Question>): Question {
  return { ...question, ...fields, updatedAt: now.toISOString(), revision: question.revision + 1 };
}

/** The asker rewords their question; only while it waits to be answered. */
export function applyEdit(question: Question, authorKey: string, text: string, now: Date) {
  if (question.authorKey !== authorKey) throw new Forbidden('only the person who asked can edit this question');
  if (!UNANSWERED.has(question.state))
    throw new Conflict(`this question is ${question.state} and can no longer be edited`);
  if (question.text === text) return { next: question, result: question };
  const next = touched(question, now, { text });
  return { next, result: next };
}

/** The asker takes their question back; only while it waits to be answered. */
export function applyWithdraw(question: Question, authorKey: string, now: Date) {
  if (question.authorKey !== authorKey) throw new Forbidden('only the person who asked can withdraw this question');
  if (question.state === 'withdrawn') return { next: question, result: question };
  if (!UNANSWERED.has(question.state)) {
    throw new Conflict(`this question is ${question.state} and can no longer be withdrawn`);
  }
  const next = touched(question, now, { state: 'withdrawn', position: undefined });
  return { next, result: next };
}

const ALLOWED_FROM: Record<Exclude<ModerationAction, 'pin' | 'unpin'>, readonly Question['state'][]> = {
  approve: ['pending'],
  dismiss: ['pending', 'open'],
  restore: ['dismissed'],
  answer: ['open', 'answered', 'pending'],
  reopen: ['answered'],
};

/**
 * A host's action on one question (pin and unpin change the queue instead: see applyPin). Repeating an
 * action is harmless: approving an open question or answering an answered one with the same text changes nothing.
 */
export function applyModeration(
  question: Question,
  action: Exclude<ModerationAction, 'pin' | 'unpin'>,
  host: { displayName: string },
  now: Date,
  answerText?: string,
) {
  const target: Question['state'] =
    action === 'approve' || action === 'restore' || action === 'reopen'
      ? 'open'
      : action === 'dismiss'
        ? 'dismissed'
        : 'answered';
  const unchanged =
    question.state === target &&
    (action !== 'answer' || answerText === undefined || question.answer?.text === answerText);
  if (unchanged) return { next: question, result: question };
  if (!ALLOWED_FROM[action].includes(question.state)) {
    throw new Conflict(`a question that is ${question.state} cannot be ${PAST[action]}`);
  }
  const fields: { -readonly [K in keyof Question]?: Question[K] } = { state: target };
  if (action === 'answer') {
    fields.answer = answerText
      ? { text: answerText, answeredBy: host.displayName, at: now.toISOString() }
      : question.answer;
    fields.position = undefined;
  }
  if (action === 'dismiss') fields.position = undefined;
  const next = touched(question, now, fields);
  return { next, result: next };
}

const PAST: Record<Exclude<ModerationAction, 'pin' | 'unpin'>, string> = {
  approve: 'approved',
  dismiss: 'dismissed',
  restore: 'restored',
  answer: 'answered',
  reopen: 'reopened',
};

/** Pins a question as "now answering" (one at a time). */
export function applyPin(queue: QnaQueue, question: Question, now: Date) {
  if (question.state !== 'open') throw new Conflict('only an open question can be pinned as the one being answered');
  if (queue.nowAnswering === question.id) return { next: queue, result: queue };
  const next = { ...queue, nowAnswering: question.id, updatedAt: now.toISOString(), revision: queue.revision + 1 };
  return { next, result: next };
}

/** Unpins the question if it is the one pinned; anything else pinned stays. */
export function applyUnpin(queue: QnaQueue, questionId: string, now: Date) {
  if (queue.nowAnswering !== questionId) return { next: queue, result: queue };
  const next: QnaQueue = {
    ...queue,
    nowAnswering: undefined,
    updatedAt: now.toISOString(),
    revision: queue.revision + 1,
  };
  return { next, result: next };
}

/** Checks a hand order against the session's live questions: every id must be one of them. */
export function validateOrder(questionIds: readonly string[], questions: readonly Question[]): void {
  const live = new Set(questions.filter((q) => UNANSWERED.has(q.state)).map((q) => q.id));
  const unknown = questionIds.findIndex((id) => !live.has(id));
  if (unknown >= 0) {
    throw ValidationFailed.field(`questionIds.${unknown}`, 'is not a question waiting in this queue');
  }
}

/** Escapes one CSV cell; cells that a spreadsheet would run as a formula are quoted as text. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The queue as CSV for hosts; anonymous askers are "Anonymous", and no author key or voter ever appears. */
export function questionsCsv(questions: readonly Question[], queue: QnaQueue | null): string {
  const header = ['question', 'asked by', 'state', 'votes', 'asked at', 'answer', 'answered by', 'answered at'];
  const rows = questions
    .filter((q) => q.state !== 'withdrawn')
    .sort(compareQueue(queue?.nowAnswering))
    .map((q) => [
      q.text,
      q.anonymous ? 'Anonymous' : (q.author?.displayName ?? ''),
      q.state,
      q.votes,
      q.createdAt,
      q.answer?.text ?? '',
      q.answer?.answeredBy ?? '',
      q.answer?.at ?? '',
    ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
