import type { ModerationAction, QuestionView, QueueView } from '@peerloop/core';
import type { ApiClient } from '../../platform/api-client';

/** Where a question was asked from in the tab: the meeting side panel or the channel tab. */
export type AskSource = 'panel' | 'tab';

export interface AskInput {
  readonly text: string;
  readonly anonymous: boolean;
  readonly source: AskSource;
}

/** How to listen to a queue: server-sent events from the API, or Azure Web PubSub (one event per text frame). */
export type LiveConnection =
  | { readonly transport: 'sse'; readonly url: string }
  | { readonly transport: 'websocket'; readonly url: string; readonly expiresAt: string };

export interface CarryOverResult {
  readonly carried: number;
  readonly toSessionId: string;
  readonly toSessionTitle: string;
  readonly toSessionStartsAt: string;
}

/** A conditional read: `notModified` when the queue is unchanged since `etag`. */
export type QueueRead =
  | { readonly notModified: true }
  | { readonly notModified: false; readonly view: QueueView; readonly etag: string | null };

/** The longest question, as core's QUESTION_MAX_LENGTH (tabs import core for types only). */
export const QUESTION_MAX_LENGTH = 500;
/** The longest written answer, as core's ANSWER_MAX_LENGTH. */
export const ANSWER_MAX_LENGTH = 4000;

const questions = (sessionId: string, rest = '') => `/sessions/${encodeURIComponent(sessionId)}/questions${rest}`;
const question = (sessionId: string, questionId: string, rest = '') =>
  questions(sessionId, `/${encodeURIComponent(questionId)}${rest}`);

/** The queue and archive as the reader may see them; with an ETag, `notModified` when nothing changed. */
export async function readQueue(api: ApiClient, sessionId: string, etag?: string | null): Promise<QueueRead> {
  const response = await api.request(questions(sessionId), etag ? { headers: { 'If-None-Match': etag } } : {});
  if (response.status === 304) return { notModified: true };
  const view = (await response.json()) as QueueView;
  return { notModified: false, view, etag: response.headers?.get('ETag') ?? null };
}

/** Asks a question; rejects with `rate_limited` (and retryAfterSeconds) or field errors on `text`. */
export function askQuestion(api: ApiClient, sessionId: string, input: AskInput): Promise<QuestionView> {
  return api.post<QuestionView>(questions(sessionId), input);
}

/** The asker rewords their question. */
export function editQuestion(
  api: ApiClient,
  sessionId: string,
  questionId: string,
  text: string,
): Promise<QuestionView> {
  return api.patch<QuestionView>(question(sessionId, questionId), { text });
}

/** The asker takes their question back. */
export function withdrawQuestion(api: ApiClient, sessionId: string, questionId: string): Promise<unknown> {
  return api.delete(question(sessionId, questionId));
}

/** Votes for a question, or takes the vote back; both are idempotent. */
export function vote(api: ApiClient, sessionId: string, questionId: string, on: boolean): Promise<QuestionView> {
  const path = question(sessionId, questionId, '/vote');
  return on ? api.put<QuestionView>(path, {}) : api.delete<QuestionView>(path);
}

/** A host approves, dismisses, restores, pins, unpins, answers (optionally in writing) or reopens a question. */
export function moderate(
  api: ApiClient,
  sessionId: string,
  questionId: string,
  action: ModerationAction,
  answer?: string,
): Promise<QuestionView> {
  return api.post<QuestionView>(
    question(sessionId, questionId, '/moderation'),
    answer === undefined ? { action } : { action, answer },
  );
}

/** "Next": the pinned question is answered and the top one pinned; null when the queue is empty. */
export async function answerNext(api: ApiClient, sessionId: string): Promise<QuestionView | null> {
  const { question: next } = await api.post<{ question: QuestionView | null }>(questions(sessionId, '/next'), {});
  return next;
}

/** Turns moderation (approval before questions show) on or off. */
export function setModerated(api: ApiClient, sessionId: string, moderated: boolean): Promise<unknown> {
  return api.put(questions(sessionId, '/settings'), { moderated });
}

/** Puts questions in a hand order, first to last; the others follow by votes. An empty list clears it. */
export function setOrder(api: ApiClient, sessionId: string, questionIds: readonly string[]): Promise<unknown> {
  return api.put(questions(sessionId, '/order'), { questionIds });
}

/** Moves the unanswered questions to the cohort's next session; rejects with `conflict` when there is none. */
export function carryOver(api: ApiClient, sessionId: string): Promise<CarryOverResult> {
  return api.post<CarryOverResult>(questions(sessionId, '/carry-over'), {});
}

/** Where to listen for the queue's live events. */
export function liveConnection(api: ApiClient, sessionId: string): Promise<LiveConnection> {
  return api.get<LiveConnection>(questions(sessionId, '/connection'));
}

/** Downloads the queue as CSV through a temporary object URL (the bearer header rules out a plain link). */
export async function downloadQuestionsCsv(api: ApiClient, sessionId: string, sessionStartsAt: string): Promise<void> {
  const url = URL.createObjectURL(await api.download(questions(sessionId, '/export')));
  const link = document.createElement('a');
  link.href = url;
  link.download = `questions-${sessionStartsAt.slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
