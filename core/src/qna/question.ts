/**
 * The fireside-chat Q&A queue: questions asked during (or before) a session, voted on by peers and worked
 * through by the facilitators and presenters. Anonymity is a promise: see docs/adr/0005.
 */

/**
 * - pending: waiting for a host's approval (moderated queues only); seen by hosts and the asker
 * - open: in the queue
 * - answered: done, with an optional written answer
 * - dismissed: hidden by a host; seen by hosts and the asker
 * - withdrawn: taken back by the asker; seen by nobody
 * - carried-over: moved to the cohort's next session (a copy lives there)
 */
export const QUESTION_STATES = ['pending', 'open', 'answered', 'dismissed', 'withdrawn', 'carried-over'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];

/** Where a question was asked from (for the insights, never for identification). */
export const QUESTION_SOURCES = ['panel', 'tab', 'bot', 'message-action'] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];

export interface WrittenAnswer {
  readonly text: string;
  /** The host's display name: hosts answer in their own name. */
  readonly answeredBy: string;
  readonly at: string;
}

export interface Question {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly id: string;
  readonly cohortId: string;
  readonly programId: string;
  readonly text: string;
  readonly anonymous: boolean;
  /** Named questions only: an anonymous question has no author field at all. */
  readonly author?: { readonly userId: string; readonly displayName: string };
  /**
   * Keyed hash of the asker (AuthorKeys): lets the asker find, edit and withdraw their own question and
   * counts toward rate limits. It never leaves the API.
   */
  readonly authorKey: string;
  readonly state: QuestionState;
  readonly votes: number;
  /** Keyed hashes of the voters, with when they voted: one vote per person, and no names. */
  readonly voters: Readonly<Record<string, string>>;
  /** A host's hand-set place in the queue (lower first); questions without one follow by votes. */
  readonly position?: number;
  readonly answer?: WrittenAnswer;
  readonly carriedFrom?: { readonly sessionId: string; readonly questionId: string };
  readonly carriedTo?: { readonly sessionId: string; readonly questionId: string };
  readonly source: QuestionSource;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Grows with every change: live clients keep the highest revision they saw of each question. */
  readonly revision: number;
}

/** A session's queue settings and the question being answered now. */
export interface QnaQueue {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly moderated: boolean;
  readonly nowAnswering?: string;
  /**
   * The queue card the bot posted in the session's meeting chat, which it keeps up to date: where to reach
   * the chat and which message to update. No person is in it. Not part of the queue's revision.
   */
  readonly meetingCard?: {
    readonly serviceUrl: string;
    readonly channelId: string;
    readonly conversationId: string;
    readonly conversationType?: string;
    readonly botId: string;
    readonly activityId: string;
    readonly postedAt: string;
  };
  readonly updatedAt: string;
  readonly revision: number;
}

export interface VoteOutcome {
  /** False when the vote was already there (or already gone): votes are idempotent. */
  readonly changed: boolean;
  readonly question: Question;
}

export interface QuestionRepository {
  /** Conflict when the id exists. */
  create(question: Question): Promise<void>;
  /** Creates copies (carry-over); ids that exist are left as they are, so a retry is harmless. */
  createMany(questions: readonly Question[]): Promise<void>;
  get(tenantId: string, sessionId: string, id: string): Promise<Question | null>;
  /** The questions of several ids in one session, in one single-partition query. */
  getMany(tenantId: string, sessionId: string, ids: readonly string[]): Promise<Question[]>;
  /** Every question of a session (withdrawn ones included) and its queue settings, in one single-partition query. */
  listForSession(tenantId: string, sessionId: string): Promise<{ questions: Question[]; queue: QnaQueue | null }>;
  /** The session's queue settings (point read); null until a host changes one. */
  getQueue(tenantId: string, sessionId: string): Promise<QnaQueue | null>;
  /** Questions asked under `authorKey` in the session since `since`: the rate limit's count. */
  countAskedSince(tenantId: string, sessionId: string, authorKey: string, since: Date): Promise<number>;
  /**
   * Changes one question under optimistic concurrency (ETag), like SessionRepository.update. `change` may
   * return the current question unchanged to write nothing.
   */
  update<T>(
    tenantId: string,
    sessionId: string,
    id: string,
    change: (current: Question) => { next: Question; result: T },
  ): Promise<T>;
  /**
   * Adds a vote in one atomic conditional patch of the question (voter absent and question open), or does
   * nothing when the voter already voted. Conflict when the question is not open.
   */
  addVote(tenantId: string, sessionId: string, id: string, voterKey: string, at: Date): Promise<VoteOutcome>;
  /** Takes a vote back in one atomic conditional patch; nothing when there was none. */
  removeVote(tenantId: string, sessionId: string, id: string, voterKey: string, at: Date): Promise<VoteOutcome>;
  /** Changes (or creates, from `initial`) the session's queue settings under optimistic concurrency. */
  updateQueue<T>(
    tenantId: string,
    sessionId: string,
    initial: QnaQueue,
    change: (current: QnaQueue) => { next: QnaQueue; result: T },
  ): Promise<T>;
}

/**
 * Keyed one-way pseudonyms for people (HMAC with a secret from configuration): the same person gets the same
 * key in a tenant, and nobody without the secret can tell who it is.
 */
export interface AuthorKeys {
  keyFor(tenantId: string, userId: string): string;
}

/** What happened to a session's queue, for the live channel (which coalesces bursts). */
export interface QnaChange {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly questionIds: readonly string[];
  readonly queueChanged?: boolean;
  /** The changed questions as written, when the writer has them: spares the live channel a read. */
  readonly questions?: readonly Question[];
  /** The queue settings as written (or read) by the writer, when it has them. */
  readonly queue?: QnaQueue | null;
}

/** Tells open side panels and tabs that a queue changed. Implemented in api/ (coalescing + transport). */
export interface QnaChangeListener {
  changed(change: QnaChange): Promise<void>;
}
