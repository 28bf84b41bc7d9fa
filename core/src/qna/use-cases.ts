import { canRunCohort, roleIn } from '../cohorts/access.js';
import type { Cohort, CohortRepository } from '../cohorts/cohort.js';
import { hasAcceptedCurrentAgreements } from '../cohorts/membership.js';
import type { PersonRepository } from '../people/person.js';
import type { Program, ProgramRepository } from '../programs/program.js';
import type { Session, SessionRepository } from '../sessions/session.js';
import { AgreementsRequired, Conflict, Forbidden, NotFound, TooManyRequests } from '../shared/errors.js';
import type { Clock, IdGenerator } from '../shared/ports.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import {
  answerNextInput,
  askQuestionInput,
  editQuestionInput,
  moderateQuestionInput,
  queueSettingsInput,
  reorderQuestionsInput,
  type QnaRole,
  type QuestionView,
  type QueueView,
} from './contracts.js';
import {
  applyEdit,
  applyModeration,
  applyPin,
  applyUnpin,
  applyWithdraw,
  arrangeQueue,
  compareQueue,
  questionsCsv,
  toQuestionView,
  UNANSWERED,
  validateOrder,
} from './queue.js';
import type { QnaAccessCache } from './access-cache.js';
import type { VoteLimiter } from './vote-limit.js';
import type { AuthorKeys, QnaChangeListener, QnaQueue, Question, QuestionRepository } from './question.js';

export interface QnaDeps {
  readonly questions: QuestionRepository;
  readonly sessions: SessionRepository;
  readonly cohorts: CohortRepository;
  readonly programs: ProgramRepository;
  readonly people: PersonRepository;
  readonly authorKeys: AuthorKeys;
  readonly qnaChanges: QnaChangeListener;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Granted access, remembered for a few seconds (optional: without it every call reads afresh). */
  readonly qnaAccessCache?: QnaAccessCache;
  /** Refuses vote toggling in a loop (optional). */
  readonly voteLimiter?: VoteLimiter;
}

/** At most this many questions per person per session in any window of ASK_WINDOW_SECONDS. */
export const ASK_LIMIT = 5;
export const ASK_WINDOW_SECONDS = 120;

/** How far ahead carry-over looks for the cohort's next session. */
const CARRY_OVER_HORIZON_DAYS = 400;

/** Q&A is on by default for fireside chats, and where a host turned it on. */
export function qnaEnabled(session: Session): boolean {
  return session.details.qnaEnabled ?? session.kind === 'fireside-chat';
}

export interface QnaAccess {
  readonly session: Session;
  readonly cohort: Cohort;
  readonly program: Program | null;
  readonly role: QnaRole;
  /** Members (not observers) ask and vote; hosts too. */
  readonly mayTakePart: boolean;
  readonly readerKey: string;
}

/**
 * Who may use a session's Q&A: hosts (the cohort's facilitators, the program's owners, the session's
 * presenters) always; members and observers once they accepted the program's current agreements.
 */
export async function qnaAccess(
  deps: Pick<QnaDeps, 'sessions' | 'cohorts' | 'programs' | 'authorKeys' | 'qnaAccessCache'>,
  actor: Principal,
  sessionId: string,
): Promise<QnaAccess> {
  const cached = deps.qnaAccessCache?.get(actor.tenantId, sessionId, actor.userId);
  if (cached) return cached;
  const access = await decideAccess(deps, actor, sessionId);
  deps.qnaAccessCache?.set(actor.tenantId, sessionId, actor.userId, access);
  return access;
}

async function decideAccess(
  deps: Pick<QnaDeps, 'sessions' | 'cohorts' | 'programs' | 'authorKeys'>,
  actor: Principal,
  sessionId: string,
): Promise<QnaAccess> {
  const session = await deps.sessions.get(actor.tenantId, sessionId);
  if (!session) throw new NotFound('session');
  const [cohort, program] = await Promise.all([
    deps.cohorts.get(actor.tenantId, session.cohortId),
    deps.programs.get(actor.tenantId, session.programId),
  ]);
  if (!cohort) throw new NotFound('session');
  const readerKey = deps.authorKeys.keyFor(actor.tenantId, actor.userId);
  const host = canRunCohort(cohort, program, actor.userId) || session.presenters.some((p) => p.userId === actor.userId);
  if (host) return { session, cohort, program, role: 'host', mayTakePart: true, readerKey };
  const role = roleIn(cohort, actor.userId);
  const member = cohort.members.find((m) => m.userId === actor.userId);
  if (!role || !member) throw new Forbidden(`only members of "${cohort.name}" can see this session's questions`);
  if (!program || !hasAcceptedCurrentAgreements(member, program)) throw new AgreementsRequired(cohort.id, cohort.name);
  return { session, cohort, program, role: 'participant', mayTakePart: role !== 'observer', readerKey };
}

/** The actor's name as the token gives it, else their profile's; SSO tokens usually carry it. */
async function displayNameOf(deps: Pick<QnaDeps, 'people'>, actor: Principal, fallback: string): Promise<string> {
  return actor.displayName ?? (await deps.people.get(actor.tenantId, actor.userId))?.displayName ?? fallback;
}

function requireHost(access: QnaAccess): void {
  if (access.role !== 'host') {
    throw new Forbidden(`only a facilitator or presenter of "${access.session.title}" can do this`);
  }
}

function requireOpenQueue(access: QnaAccess): void {
  if (!qnaEnabled(access.session)) throw new Conflict('Q&A is off for this session');
  if (access.session.status === 'cancelled') throw new Conflict('this session was cancelled');
}

function requireParticipant(access: QnaAccess): void {
  requireOpenQueue(access);
  if (!access.mayTakePart) throw new Forbidden('observers can read the questions but not ask or vote');
}

async function loadQuestion(deps: Pick<QnaDeps, 'questions'>, access: QnaAccess, questionId: string) {
  return visibleOrNotFound(await deps.questions.get(access.session.tenantId, access.session.id, questionId), access);
}

function visibleOrNotFound(question: Question | null, access: QnaAccess): Question {
  // Hidden questions are "not found" to those who may not see them, so ids reveal nothing.
  if (!question || question.state === 'withdrawn') throw new NotFound('question');
  if (
    access.role !== 'host' &&
    (question.state === 'pending' || question.state === 'dismissed') &&
    question.authorKey !== access.readerKey
  ) {
    throw new NotFound('question');
  }
  return question;
}

function emptyQueue(session: Session, now: Date): QnaQueue {
  return {
    tenantId: session.tenantId,
    sessionId: session.id,
    moderated: false,
    updatedAt: now.toISOString(),
    revision: 0,
  };
}

async function announce(
  deps: Pick<QnaDeps, 'qnaChanges'>,
  session: Session,
  questionIds: string[],
  written: { queueChanged?: boolean; questions?: Question[]; queue?: QnaQueue | null } = {},
) {
  await deps.qnaChanges.changed({ tenantId: session.tenantId, sessionId: session.id, questionIds, ...written });
}

/** The session's queue and archive as the actor may see them. */
export async function getQueue(deps: QnaDeps, actor: Principal, sessionId: string): Promise<QueueView> {
  const access = await qnaAccess(deps, actor, sessionId);
  const { session } = access;
  const enabled = qnaEnabled(session);
  const { questions, queue } = enabled
    ? await deps.questions.listForSession(actor.tenantId, sessionId)
    : { questions: [], queue: null };
  const arranged = arrangeQueue(questions, queue, access.role, access.readerKey);
  return {
    sessionId: session.id,
    sessionTitle: session.title,
    sessionStartsAt: session.startsAt,
    sessionEndsAt: session.endsAt,
    enabled,
    moderated: queue?.moderated ?? false,
    nowAnswering: queue?.nowAnswering ?? null,
    role: access.role,
    canAsk: enabled && session.status !== 'cancelled' && access.mayTakePart,
    ...arranged,
    revision: questions.reduce((sum, q) => sum + q.revision, queue?.revision ?? 0),
    queueRevision: queue?.revision ?? 0,
  };
}

/** A participant (or host) asks, by name or anonymously; in a moderated queue a participant's question waits for approval. */
export async function askQuestion(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
  rawInput: unknown,
): Promise<QuestionView> {
  const input = parseInput(askQuestionInput, rawInput);
  const access = await qnaAccess(deps, actor, sessionId);
  requireParticipant(access);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - ASK_WINDOW_SECONDS * 1000);
  const asked = await deps.questions.countAskedSince(actor.tenantId, sessionId, access.readerKey, since);
  if (asked >= ASK_LIMIT) {
    throw new TooManyRequests(
      `you can ask ${ASK_LIMIT} questions every ${ASK_WINDOW_SECONDS / 60} minutes in a session; please wait a little`,
      ASK_WINDOW_SECONDS,
    );
  }
  const queue = await deps.questions.getQueue(actor.tenantId, sessionId);
  const displayName = input.anonymous ? undefined : await displayNameOf(deps, actor, 'A colleague');
  const question: Question = {
    tenantId: actor.tenantId,
    sessionId,
    id: deps.ids.newId(),
    cohortId: access.session.cohortId,
    programId: access.session.programId,
    text: input.text,
    anonymous: input.anonymous,
    ...(displayName === undefined ? {} : { author: { userId: actor.userId, displayName } }),
    authorKey: access.readerKey,
    state: queue?.moderated && access.role !== 'host' ? 'pending' : 'open',
    votes: 0,
    voters: {},
    source: input.source,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    revision: 1,
  };
  await deps.questions.create(question);
  await announce(deps, access.session, [question.id], { questions: [question], queue });
  return toQuestionView(question, queue, access.readerKey);
}

/** The asker rewords their question until it is answered. */
export async function editQuestion(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
  questionId: string,
  rawInput: unknown,
): Promise<QuestionView> {
  const input = parseInput(editQuestionInput, rawInput);
  const access = await qnaAccess(deps, actor, sessionId);
  await loadQuestion(deps, access, questionId);
  const next = await deps.questions.update(actor.tenantId, sessionId, questionId, (current) =>
    applyEdit(current, access.readerKey, input.text, deps.clock.now()),
  );
  const queue = await deps.questions.getQueue(actor.tenantId, sessionId);
  await announce(deps, access.session, [questionId], { questions: [next], queue });
  return toQuestionView(next, queue, access.readerKey);
}

/** The asker takes their question back until it is answered. */
export async function withdrawQuestion(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
  questionId: string,
): Promise<{ withdrawn: true }> {
  const access = await qnaAccess(deps, actor, sessionId);
  const question = await deps.questions.get(actor.tenantId, sessionId, questionId);
  if (!question || question.authorKey !== access.readerKey) throw new NotFound('question');
  if (question.state === 'withdrawn') return { withdrawn: true };
  const next = await deps.questions.update(actor.tenantId, sessionId, questionId, (current) =>
    applyWithdraw(current, access.readerKey, deps.clock.now()),
  );
  const unpinned = await unpinIfPinned(deps, access.session, questionId);
  await announce(deps, access.session, [questionId], { queueChanged: unpinned, questions: [next] });
  return { withdrawn: true };
}

/** One vote per person per question; voting again, or taking back a vote that is not there, changes nothing. */
export async function voteOnQuestion(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
  questionId: string,
  vote: boolean,
): Promise<QuestionView> {
  // The hot path: the question and queue are read alongside the access check (and shown only after it).
  const [access, stored, queue] = await Promise.all([
    qnaAccess(deps, actor, sessionId),
    deps.questions.get(actor.tenantId, sessionId, questionId),
    deps.questions.getQueue(actor.tenantId, sessionId),
  ]);
  requireParticipant(access);
  const question = visibleOrNotFound(stored, access);
  const alreadyThere = (question.voters[access.readerKey] !== undefined) === vote;
  if (!alreadyThere && deps.voteLimiter && !deps.voteLimiter.tryTake(actor.tenantId, sessionId, access.readerKey)) {
    const { limit, windowMs } = deps.voteLimiter;
    throw new TooManyRequests(
      `you changed your votes ${limit} times in the last ${windowMs / 1000} seconds; please wait a little`,
      Math.ceil(windowMs / 1000),
    );
  }
  const now = deps.clock.now();
  const outcome = vote
    ? await deps.questions.addVote(actor.tenantId, sessionId, question.id, access.readerKey, now)
    : await deps.questions.removeVote(actor.tenantId, sessionId, question.id, access.readerKey, now);
  if (outcome.changed) await announce(deps, access.session, [questionId], { questions: [outcome.question], queue });
  return toQuestionView(outcome.question, queue, access.readerKey);
}

async function unpinIfPinned(deps: QnaDeps, session: Session, questionId: string): Promise<boolean> {
  const queue = await deps.questions.getQueue(session.tenantId, session.id);
  if (queue?.nowAnswering !== questionId) return false;
  await deps.questions.updateQueue(session.tenantId, session.id, emptyQueue(session, deps.clock.now()), (current) =>
    applyUnpin(current, questionId, deps.clock.now()),
  );
  return true;
}

/** A host approves, dismisses, restores, pins, unpins, answers (optionally in writing) or reopens a question. */
export async function moderateQuestion(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
  questionId: string,
  rawInput: unknown,
): Promise<QuestionView> {
  const input = parseInput(moderateQuestionInput, rawInput);
  const access = await qnaAccess(deps, actor, sessionId);
  requireHost(access);
  const question = await loadQuestion(deps, access, questionId);
  const now = deps.clock.now();
  const { session } = access;
  if (input.action === 'pin' || input.action === 'unpin') {
    requireOpenQueue(access);
    const queue = await deps.questions.updateQueue(actor.tenantId, sessionId, emptyQueue(session, now), (current) =>
      input.action === 'pin' ? applyPin(current, question, now) : applyUnpin(current, question.id, now),
    );
    await announce(deps, session, [questionId], { queueChanged: true, questions: [question], queue });
    return toQuestionView(question, queue, access.readerKey);
  }
  const host = {
    displayName: await displayNameOf(deps, actor, 'A host'),
  };
  const next = await deps.questions.update(actor.tenantId, sessionId, questionId, (current) =>
    applyModeration(current, input.action as Exclude<typeof input.action, 'pin' | 'unpin'>, host, now, input.answer),
  );
  const unpinned = UNANSWERED.has(next.state) ? false : await unpinIfPinned(deps, session, questionId);
  const queue = await deps.questions.getQueue(actor.tenantId, sessionId);
  await announce(deps, session, [questionId], { queueChanged: unpinned, questions: [next], queue });
  return toQuestionView(next, queue, access.readerKey);
}

/**
 * "Next": the top of the queue is pinned and the question pinned before it is marked answered. Null when the
 * queue is empty. With `after` (the question the caller saw pinned, or null for none) it moves only if the
 * queue still stands there, so two hosts (or a double click) never skip a question: the second gets Conflict.
 */
export async function answerNext(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
  rawOptions: unknown = {},
): Promise<QuestionView | null> {
  const options = parseInput(answerNextInput, rawOptions);
  const access = await qnaAccess(deps, actor, sessionId);
  requireHost(access);
  requireOpenQueue(access);
  const { session } = access;
  const { questions, queue } = await deps.questions.listForSession(actor.tenantId, sessionId);
  // "Next" answers aloud (no written answer), so no name is recorded and none needs reading.
  const host = { displayName: actor.displayName ?? 'A host' };
  const now = deps.clock.now();
  const movedOn = (nowAnswering: string | undefined) =>
    options.after !== undefined && (nowAnswering ?? null) !== options.after;
  if (movedOn(queue?.nowAnswering)) throw new Conflict('the queue has already moved on to another question');
  const pinned = queue?.nowAnswering ? questions.find((q) => q.id === queue.nowAnswering) : undefined;
  const top = questions.filter((q) => q.state === 'open' && q.id !== pinned?.id).sort(compareQueue(undefined))[0];
  // The pin moves first, under the queue's ETag: of two hosts pressing "Next" at once, one moves it.
  const nextQueue = await deps.questions.updateQueue(actor.tenantId, sessionId, emptyQueue(session, now), (current) => {
    if (current.nowAnswering !== queue?.nowAnswering) {
      throw new Conflict('the queue has already moved on to another question');
    }
    return top ? applyPin(current, top, now) : applyUnpin(current, current.nowAnswering ?? '', now);
  });
  const changed: string[] = [];
  if (pinned?.state === 'open') {
    await deps.questions.update(actor.tenantId, sessionId, pinned.id, (current) =>
      current.state === 'open' ? applyModeration(current, 'answer', host, now) : { next: current, result: current },
    );
    changed.push(pinned.id);
  }
  if (top) changed.push(top.id);
  await announce(deps, session, changed, { queueChanged: true, queue: nextQueue });
  return top ? toQuestionView(top, nextQueue, access.readerKey) : null;
}

/** A host turns moderation on or off. Turning it off opens every pending question. */
export async function setQueueSettings(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
  rawInput: unknown,
): Promise<{ moderated: boolean }> {
  const input = parseInput(queueSettingsInput, rawInput);
  const access = await qnaAccess(deps, actor, sessionId);
  requireHost(access);
  requireOpenQueue(access);
  const now = deps.clock.now();
  await deps.questions.updateQueue(actor.tenantId, sessionId, emptyQueue(access.session, now), (current) =>
    current.moderated === input.moderated
      ? { next: current, result: current }
      : {
          next: {
            ...current,
            moderated: input.moderated,
            updatedAt: now.toISOString(),
            revision: current.revision + 1,
          },
          result: current,
        },
  );
  const opened: string[] = [];
  if (!input.moderated) {
    const { questions } = await deps.questions.listForSession(actor.tenantId, sessionId);
    for (const pending of questions.filter((q) => q.state === 'pending')) {
      await deps.questions.update(actor.tenantId, sessionId, pending.id, (current) =>
        current.state === 'pending'
          ? applyModeration(current, 'approve', { displayName: '' }, now)
          : { next: current, result: current },
      );
      opened.push(pending.id);
    }
  }
  await announce(deps, access.session, opened, { queueChanged: true });
  return { moderated: input.moderated };
}

/** A host puts questions in a hand order; the rest follow by votes. An empty list clears the hand order. */
export async function reorderQuestions(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
  rawInput: unknown,
): Promise<{ ordered: number }> {
  const input = parseInput(reorderQuestionsInput, rawInput);
  const access = await qnaAccess(deps, actor, sessionId);
  requireHost(access);
  requireOpenQueue(access);
  const { questions } = await deps.questions.listForSession(actor.tenantId, sessionId);
  validateOrder(input.questionIds, questions);
  const now = deps.clock.now();
  const wanted = new Map(input.questionIds.map((id, index) => [id, index + 1]));
  const changed: string[] = [];
  for (const question of questions) {
    const position = wanted.get(question.id);
    if (question.position === position) continue;
    await deps.questions.update(actor.tenantId, sessionId, question.id, (current) =>
      current.position === position
        ? { next: current, result: null }
        : {
            next: { ...current, position, updatedAt: now.toISOString(), revision: current.revision + 1 },
            result: null,
          },
    );
    changed.push(question.id);
  }
  await announce(deps, access.session, changed);
  return { ordered: input.questionIds.length };
}

/**
 * At the end, a host moves the unanswered questions (with their votes) to the cohort's next session. The
 * copies have ids derived from the originals, so running it again moves nothing twice.
 */
export async function carryOverQuestions(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
): Promise<{ carried: number; toSessionId: string; toSessionTitle: string; toSessionStartsAt: string }> {
  const access = await qnaAccess(deps, actor, sessionId);
  requireHost(access);
  const { session } = access;
  const later = await deps.sessions.list(actor.tenantId, {
    cohortId: session.cohortId,
    from: new Date(Date.parse(session.startsAt) + 1),
    to: new Date(Date.parse(session.startsAt) + CARRY_OVER_HORIZON_DAYS * 86_400_000),
  });
  const target = later.find((s) => s.id !== session.id && s.status === 'scheduled' && qnaEnabled(s));
  if (!target) throw new Conflict('this cohort has no later session with Q&A on to carry the questions to');
  const { questions } = await deps.questions.listForSession(actor.tenantId, sessionId);
  const unanswered = questions.filter((q) => UNANSWERED.has(q.state));
  const now = deps.clock.now().toISOString();
  const copies: Question[] = unanswered.map((q) => ({
    ...q,
    sessionId: target.id,
    id: `${q.id}~${target.id}`.slice(0, 250),
    position: undefined,
    carriedFrom: { sessionId, questionId: q.id },
    carriedTo: undefined,
    updatedAt: now,
    revision: 1,
  }));
  await deps.questions.createMany(copies);
  for (const [index, original] of unanswered.entries()) {
    const copy = copies[index]!;
    await deps.questions.update(actor.tenantId, sessionId, original.id, (current) =>
      UNANSWERED.has(current.state)
        ? {
            next: {
              ...current,
              state: 'carried-over',
              position: undefined,
              carriedTo: { sessionId: target.id, questionId: copy.id },
              updatedAt: now,
              revision: current.revision + 1,
            },
            result: null,
          }
        : { next: current, result: null },
    );
  }
  await unpinAll(deps, session);
  await announce(
    deps,
    session,
    unanswered.map((q) => q.id),
    { queueChanged: true },
  );
  await announce(
    deps,
    target,
    copies.map((q) => q.id),
    { questions: copies },
  );
  return {
    carried: unanswered.length,
    toSessionId: target.id,
    toSessionTitle: target.title,
    toSessionStartsAt: target.startsAt,
  };
}

async function unpinAll(deps: QnaDeps, session: Session): Promise<void> {
  const queue = await deps.questions.getQueue(session.tenantId, session.id);
  if (queue?.nowAnswering) await unpinIfPinned(deps, session, queue.nowAnswering);
}

/** The queue as CSV for hosts: anonymous askers appear as "Anonymous". */
export async function exportQuestionsCsv(
  deps: QnaDeps,
  actor: Principal,
  sessionId: string,
): Promise<{ filename: string; csv: string }> {
  const access = await qnaAccess(deps, actor, sessionId);
  requireHost(access);
  const { questions, queue } = await deps.questions.listForSession(actor.tenantId, sessionId);
  const day = access.session.startsAt.slice(0, 10);
  return { filename: `questions-${day}.csv`, csv: questionsCsv(questions, queue) };
}
