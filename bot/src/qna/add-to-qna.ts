import {
  CardFactory,
  type Activity,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
} from 'botbuilder';
import {
  askQuestion,
  isDomainError,
  NotFound,
  qnaSessionsFor,
  sessionForMeeting,
  type Principal,
  type QnaDeps,
  type QnaSessionChoice,
} from '@peerloop/core';
import { addToQnaCard, AddToQnaFields } from '../cards/add-to-qna-card.js';
import { describeFailure } from './failures.js';
import { htmlToPlainText } from './html-text.js';
import { problemText, type QnaLogger } from './qna-chat.js';

export const AddToQnaMessages = {
  noSession:
    'There is no session you can ask in right now. Q&A opens 2 hours before a session with Q&A starts and ' +
    'closes an hour after it ends.',
  noSessionPicked: 'Your question was not added: pick the session to ask in.',
  failed: 'Sorry, something went wrong on our side, and your question was not added. Please try again.',
} as const;

function taskMessage(text: string): MessagingExtensionActionResponse {
  return { task: { type: 'message', value: text } };
}

/** The chat's bound session first, when the message is in a meeting chat of one of the person's sessions. */
async function boundFirst(
  deps: QnaDeps,
  actor: Principal,
  activity: Activity,
  sessions: QnaSessionChoice[],
): Promise<QnaSessionChoice[]> {
  if (sessions.length < 2 || activity.conversation?.conversationType === 'personal') return sessions;
  try {
    const bound = await sessionForMeeting(deps, actor, activity.conversation?.id ?? '');
    const index = sessions.findIndex((s) => s.id === bound.id);
    return index <= 0 ? sessions : [sessions[index]!, ...sessions.slice(0, index), ...sessions.slice(index + 1)];
  } catch (error) {
    if (isDomainError(error)) return sessions;
    throw error;
  }
}

/**
 * "Add to Q&A" on a message, opened: a task module with the message's text as plain text to edit, the
 * sessions the person can ask in now, and the choice to ask anonymously.
 */
export async function addToQnaForm(
  deps: QnaDeps,
  actor: Principal,
  activity: Activity,
  action: MessagingExtensionAction,
  log: QnaLogger,
): Promise<MessagingExtensionActionResponse> {
  try {
    const body = action.messagePayload?.body;
    const text = htmlToPlainText(body?.content ?? '', body?.contentType ?? 'html');
    const sessions = await boundFirst(deps, actor, activity, await qnaSessionsFor(deps, actor, deps.clock.now()));
    if (sessions.length === 0) return taskMessage(AddToQnaMessages.noSession);
    return {
      task: {
        type: 'continue',
        value: {
          title: 'Add to Q&A',
          width: 'medium',
          height: 'medium',
          card: CardFactory.adaptiveCard(addToQnaCard(text, sessions)),
        },
      },
    };
  } catch (error) {
    log(`qna add-to-qna form failed (${describeFailure(error)})`);
    return taskMessage(AddToQnaMessages.failed);
  }
}

/**
 * "Add to Q&A", submitted: asks the question (source message-action) and confirms in a sentence that names
 * nobody. What core refuses (empty or too long text, not a member, too many questions) comes back as a task
 * module message naming the problem.
 */
export async function addToQnaSubmit(
  deps: QnaDeps,
  actor: Principal,
  action: MessagingExtensionAction,
  log: QnaLogger,
): Promise<MessagingExtensionActionResponse> {
  const data = (typeof action.data === 'object' && action.data !== null ? action.data : {}) as Record<string, unknown>;
  const sessionId = data[AddToQnaFields.sessionId];
  if (typeof sessionId !== 'string' || sessionId.trim() === '') return taskMessage(AddToQnaMessages.noSessionPicked);
  const anonymousChoice = data[AddToQnaFields.anonymous];
  const anonymous = anonymousChoice === true || anonymousChoice === 'true';
  try {
    const asked = await askQuestion(deps, actor, sessionId.trim(), {
      text: data[AddToQnaFields.text] ?? '',
      anonymous,
      source: 'message-action',
    });
    const waits = asked.state === 'pending' ? ' It shows in the queue once a host approves it.' : '';
    return taskMessage(
      anonymous
        ? `Your question was added to the Q&A anonymously: nobody, hosts included, can see who asked.${waits}`
        : `Your question was added to the Q&A.${waits}`,
    );
  } catch (error) {
    if (error instanceof NotFound) return taskMessage('Your question was not added: that session no longer exists.');
    if (isDomainError(error)) return taskMessage(`Your question was not added. ${problemText(error)}`);
    log(`qna add-to-qna failed (${describeFailure(error)})`);
    return taskMessage(AddToQnaMessages.failed);
  }
}
