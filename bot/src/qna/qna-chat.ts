import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import {
  AgreementsRequired,
  answerNext,
  askQuestion,
  getQueue,
  isDomainError,
  NotFound,
  qnaSessionsFor,
  sessionForMeeting,
  TooManyRequests,
  ValidationFailed,
  type DomainError,
  type Principal,
  type QnaDeps,
  type QuestionView,
} from '@peerloop/core';
import { queueCard } from '../cards/queue-card.js';
import { messageCard } from '../cards/sessions-card.js';
import { literalText } from '../cards/text.js';
import { ANONYMOUSLY } from '../commands/invoke-names.js';
import { describeFailure } from './failures.js';

/** Writes one compact line: what failed and its HTTP status, never question text or who asked. */
export type QnaLogger = (line: string) => void;

/** Where a chat command goes: the session it targets, or what to tell the person instead. */
export type QnaTarget =
  | { readonly sessionId: string; readonly title: string; readonly place: 'personal-chat' | 'meeting-chat' }
  | { readonly refusal: string };

export const QnaMessages = {
  noCurrentSession:
    'You have no session with Q&A that is on now, starts in the next 2 hours or ended in the last hour. ' +
    'Q&A is on for fireside chats, and for other sessions when a host turns it on.',
  meetingNotLinked:
    "This meeting isn't linked to a PeerLoop session yet. A facilitator can link it: add PeerLoop to the " +
    'meeting and pick the session in its settings.',
  pickASession:
    "Questions go into a session's queue, and this chat isn't linked to one. Ask in the session's meeting " +
    'chat, send me "ask" and your question in a private chat (it goes to your next session with Q&A), or use ' +
    '"Add to Q&A" in any message\'s "More actions" menu to pick the session.',
  anonymousNeedsPrivacy:
    "I didn't add that question: here everyone can already see who sent the message. To ask anonymously, " +
    'send "ask anonymously" and your question to me in a private chat, or use the Q&A in the meeting side panel.',
  howToAsk: 'Type your question after "ask", for example: ask How do you decide what to automate first?',
  failed: 'Sorry, something went wrong on our side, and nothing was changed. Please try again.',
} as const;

/** "ask anonymously <question>" / "ask <question>": the question as typed, and whether it is anonymous. */
export function parseAsk(afterCommand: string): { anonymous: boolean; question: string } {
  const [first = '', ...rest] = afterCommand.split(/(\s+)/);
  if (first.toLowerCase() === ANONYMOUSLY) return { anonymous: true, question: rest.join('').trim() };
  return { anonymous: false, question: afterCommand.trim() };
}

function isPersonal(activity: Activity): boolean {
  return activity.conversation?.conversationType === 'personal';
}

function isMeeting(activity: Activity): boolean {
  const channelData = activity.channelData as { meeting?: { id?: unknown } } | undefined;
  return typeof channelData?.meeting?.id === 'string' || /^19:meeting_/.test(activity.conversation?.id ?? '');
}

/**
 * The session a chat command is about: in a meeting chat (or any chat a session is bound to by its chat id)
 * that session; in a personal chat the person's first current session (qnaSessionsFor); elsewhere none.
 */
export async function qnaTargetFor(deps: QnaDeps, actor: Principal, activity: Activity): Promise<QnaTarget> {
  if (isPersonal(activity)) {
    const [first] = await qnaSessionsFor(deps, actor, deps.clock.now());
    return first
      ? { sessionId: first.id, title: first.title, place: 'personal-chat' }
      : { refusal: QnaMessages.noCurrentSession };
  }
  const chatId = activity.conversation?.id ?? '';
  try {
    const session = await sessionForMeeting(deps, actor, chatId);
    return { sessionId: session.id, title: session.title, place: 'meeting-chat' };
  } catch (error) {
    if (!(error instanceof NotFound) && !(error instanceof ValidationFailed)) throw error;
  }
  return { refusal: isMeeting(activity) ? QnaMessages.meetingNotLinked : QnaMessages.pickASession };
}

/** What a person is told when core refuses: its message, as a sentence. */
export function problemText(error: DomainError): string {
  if (error instanceof ValidationFailed) {
    return error.fields
      .map((f) => `${f.path === 'text' ? 'Your question' : f.path || 'Your request'} ${f.message}.`)
      .join(' ');
  }
  const sentence = `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`;
  if (error instanceof AgreementsRequired)
    return `${sentence} You can read and accept them in the cohort's PeerLoop tab.`;
  if (error instanceof TooManyRequests) return `Please slow down: ${error.message}.`;
  return sentence;
}

/** Replies with a card when the text holds anything user-written (titles, names): TextRuns show it literally. */
async function replyLiterally(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(messageCard(text))));
}

/**
 * In a flow that must not reveal who acts, replies carry no addressee: botbuilder addresses each reply to
 * the sender (id, name, Entra id), which in a private chat is only ever the asker, but need not be written.
 */
function sendAnonymously(context: TurnContext): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) delete activity.recipient;
    return next();
  });
}

/** "ask <question>" and "ask anonymously <question>". */
export async function askFromChat(
  deps: QnaDeps,
  context: TurnContext,
  actor: Principal,
  afterCommand: string,
  log: QnaLogger,
): Promise<void> {
  const { anonymous, question } = parseAsk(afterCommand);
  if (anonymous) sendAnonymously(context);
  if (anonymous && !isPersonal(context.activity)) {
    // The message is already on screen with the sender's name: taking it in would only pretend.
    await context.sendActivity(QnaMessages.anonymousNeedsPrivacy);
    return;
  }
  if (!question) {
    await context.sendActivity(QnaMessages.howToAsk);
    return;
  }
  try {
    const target = await qnaTargetFor(deps, actor, context.activity);
    if ('refusal' in target) {
      await context.sendActivity(target.refusal);
      return;
    }
    const asked = await askQuestion(deps, actor, target.sessionId, { text: question, anonymous, source: 'bot' });
    const waits = asked.state === 'pending' ? ' It shows in the queue once a host approves it.' : '';
    await replyLiterally(
      context,
      anonymous
        ? `Your question is in the queue of "${target.title}", anonymously: nobody, hosts included, can see who asked.${waits}`
        : `Your question is in the queue of "${target.title}".${waits}`,
    );
  } catch (error) {
    await refuseOrFail(context, error, log, 'ask');
  }
}

/** "queue": the top of the queue with vote buttons; in a meeting chat the card the bot then keeps up to date. */
export async function queueFromChat(
  deps: QnaDeps,
  context: TurnContext,
  actor: Principal,
  log: QnaLogger,
): Promise<void> {
  try {
    const target = await qnaTargetFor(deps, actor, context.activity);
    if ('refusal' in target) {
      await context.sendActivity(target.refusal);
      return;
    }
    const view = await getQueue(deps, actor, target.sessionId);
    if (target.place === 'personal-chat') {
      const card = queueCard(view, { audience: 'reader', refreshUserIds: [context.activity.from.id] });
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      return;
    }
    // The whole meeting chat sees this card: nobody's votes, open questions only; Teams refreshes it per viewer.
    const posted = await context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(queueCard(view, { audience: 'everyone' }))),
    );
    if (posted?.id) await rememberMeetingCard(deps, context.activity, actor.tenantId, target.sessionId, posted.id, log);
  } catch (error) {
    await refuseOrFail(context, error, log, 'queue');
  }
}

/**
 * Remembers the card just posted in a meeting chat as the one to keep up to date (the newest "queue" wins:
 * older ones have scrolled away). Only where to reach the chat is kept, never who asked for the card.
 */
async function rememberMeetingCard(
  deps: QnaDeps,
  activity: Activity,
  tenantId: string,
  sessionId: string,
  activityId: string,
  log: QnaLogger,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  const meetingCard = {
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    conversationId: activity.conversation.id,
    ...(activity.conversation.conversationType ? { conversationType: activity.conversation.conversationType } : {}),
    botId: activity.recipient.id,
    activityId,
    postedAt: now,
  };
  try {
    await deps.questions.updateQueue(
      tenantId,
      sessionId,
      { tenantId, sessionId, moderated: false, updatedAt: now, revision: 0 },
      (current) => ({ next: { ...current, meetingCard }, result: undefined }),
    );
  } catch (error) {
    // The card is posted; it just won't update by itself. Votes on it still redraw it for the voter.
    log(`qna queue: could not remember the meeting card (${describeFailure(error)})`);
  }
}

/** "next" (hosts): the pinned question is answered, the top one pinned. */
export async function nextFromChat(
  deps: QnaDeps,
  context: TurnContext,
  actor: Principal,
  log: QnaLogger,
): Promise<void> {
  try {
    const target = await qnaTargetFor(deps, actor, context.activity);
    if ('refusal' in target) {
      await context.sendActivity(target.refusal);
      return;
    }
    const pinned = await answerNext(deps, actor, target.sessionId);
    if (!pinned) {
      await replyLiterally(context, `The queue of "${target.title}" is empty: there is no question to answer next.`);
      return;
    }
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(nowAnsweringCard(pinned))));
  } catch (error) {
    await refuseOrFail(context, error, log, 'next');
  }
}

function nowAnsweringCard(question: QuestionView) {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Now answering', color: 'Good', weight: 'Bolder', wrap: true },
      literalText(question.text),
      literalText(question.anonymous ? 'Anonymous' : (question.askedBy ?? 'A colleague'), { subtle: true }),
    ],
  };
}

/** What core refused is told to the person; anything else is logged compactly and apologised for. */
async function refuseOrFail(context: TurnContext, error: unknown, log: QnaLogger, command: string): Promise<void> {
  if (isDomainError(error)) {
    await replyLiterally(context, problemText(error));
    return;
  }
  log(`qna ${command} failed (${describeFailure(error)})`);
  try {
    await context.sendActivity(QnaMessages.failed);
  } catch (replyError) {
    log(`qna ${command}: could not say so (${describeFailure(replyError)})`);
  }
}
