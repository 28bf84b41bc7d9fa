import { z } from 'zod';
import { QUESTION_SOURCES, type QuestionState, type WrittenAnswer } from './question.js';

/** The longest question, in characters: a question, not an essay. */
export const QUESTION_MAX_LENGTH = 500;
export const ANSWER_MAX_LENGTH = 4000;

/**
 * Plain text: control characters go (they break cards and CSV), line breaks are kept, outer space trimmed.
 * Markup is kept as typed and shown as text everywhere (React text nodes, Adaptive Card TextRuns, CSV).
 */
const plainText = (max: number) =>
  z
    .string({ error: 'is required' })
    .transform((value) =>
      value
        .replace(/\r\n?/g, '\n')
        .replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : ' '))
        .trim(),
    )
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

const id = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');

/** Body of POST /api/sessions/{id}/questions. */
export const askQuestionInput = z.strictObject({
  text: plainText(QUESTION_MAX_LENGTH),
  anonymous: z.boolean({ error: 'must be true or false' }).default(false),
  source: z.enum(QUESTION_SOURCES).default('panel'),
});

/** Body of PATCH /api/sessions/{id}/questions/{questionId}: the asker rewords their question. */
export const editQuestionInput = z.strictObject({ text: plainText(QUESTION_MAX_LENGTH) });

export const MODERATION_ACTIONS = ['approve', 'dismiss', 'restore', 'pin', 'unpin', 'answer', 'reopen'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Body of POST /api/sessions/{id}/questions/{questionId}/moderation: a host's action on a question. */
export const moderateQuestionInput = z
  .strictObject({
    action: z.enum(MODERATION_ACTIONS, { error: `must be one of ${MODERATION_ACTIONS.join(', ')}` }),
    /** With "answer": the written answer (optional: a question answered aloud needs none). */
    answer: plainText(ANSWER_MAX_LENGTH).optional(),
  })
  .refine((input) => input.answer === undefined || input.action === 'answer', {
    path: ['answer'],
    message: 'goes only with the action "answer"',
  });

/** Body of PUT /api/sessions/{id}/questions/settings. */
export const queueSettingsInput = z.strictObject({
  moderated: z.boolean({ error: 'must be true or false' }),
});

/** Body of PUT /api/sessions/{id}/questions/order: the hand order, first to last; others follow by votes. */
export const reorderQuestionsInput = z.strictObject({
  questionIds: z
    .array(id)
    .max(200, 'at most 200 questions')
    .refine((ids) => new Set(ids).size === ids.length, {
      message: 'lists a question twice',
    }),
});

/** Body of POST /api/sessions/{id}/questions/next (optional): the question the caller saw pinned, or null. */
export const answerNextInput = z.strictObject({
  after: z.string().trim().min(1).max(250, 'must be at most 250 characters').nullable().optional(),
});

/** One question as a reader sees it: an anonymous question has askedBy null, and nothing else about its author. */
export interface QuestionView {
  readonly id: string;
  readonly sessionId: string;
  readonly text: string;
  readonly anonymous: boolean;
  readonly askedBy: string | null;
  readonly state: QuestionState;
  readonly votes: number;
  readonly pinned: boolean;
  readonly position: number | null;
  readonly answer: WrittenAnswer | null;
  readonly carriedFrom: { readonly sessionId: string } | null;
  readonly carriedTo: { readonly sessionId: string } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly revision: number;
  /** For the reader only. */
  readonly votedByMe: boolean;
  readonly mine: boolean;
  /** The asker may edit or withdraw until it is answered. */
  readonly canEdit: boolean;
}

export type QnaRole = 'host' | 'participant';

/** GET /api/sessions/{id}/questions */
export interface QueueView {
  readonly sessionId: string;
  readonly sessionTitle: string;
  readonly sessionStartsAt: string;
  readonly sessionEndsAt: string;
  /** Q&A on for this session (default: fireside chats). */
  readonly enabled: boolean;
  readonly moderated: boolean;
  readonly nowAnswering: string | null;
  /** Hosts are the cohort's facilitators, the program's owners and the session's presenters. */
  readonly role: QnaRole;
  readonly canAsk: boolean;
  /** The live queue, in order: pinned, hand-placed, then most votes, then oldest. Pending ones to hosts and their askers. */
  readonly questions: readonly QuestionView[];
  /** Answered and carried-over questions (and, for hosts, dismissed ones), newest first. */
  readonly archive: readonly QuestionView[];
  /** Grows with every change of the queue or a question in it (the ETag). */
  readonly revision: number;
  /** The queue settings' own revision, which live events' `queue.revision` continues. */
  readonly queueRevision: number;
}

/** What a live client receives: fresh public views of the questions that changed, and those it must drop. */
export interface QnaLiveEvent {
  readonly sessionId: string;
  readonly queue?: { readonly moderated: boolean; readonly nowAnswering: string | null; readonly revision: number };
  /** votedByMe, mine and canEdit are false here: clients keep their own. */
  readonly questions: readonly QuestionView[];
  /** Ids no longer visible to this audience (withdrawn, or dismissed/pending for participants). */
  readonly removed: readonly string[];
}
