import { arrangeQueue, qnaEnabled, type QnaDeps, type QnaQueue } from '@peerloop/core';
import type { QueueCardQueue } from '../cards/queue-card.js';

/**
 * A session's live queue as anyone in its meeting chat may see it (a participant with no votes of their
 * own), for the card the bot keeps up to date there. No person acts here, so there is no access check: the
 * card goes only to the chat the session is bound to, where a member posted it. Null when the session is gone.
 */
export async function publicQueue(
  deps: Pick<QnaDeps, 'questions' | 'sessions'>,
  tenantId: string,
  sessionId: string,
): Promise<{ readonly view: QueueCardQueue; readonly settings: QnaQueue | null } | null> {
  const [session, { questions, queue }] = await Promise.all([
    deps.sessions.get(tenantId, sessionId),
    deps.questions.listForSession(tenantId, sessionId),
  ]);
  if (!session) return null;
  const enabled = qnaEnabled(session) && session.status !== 'cancelled';
  const arranged = arrangeQueue(enabled ? questions : [], queue, 'participant', null);
  return {
    view: {
      sessionId,
      sessionTitle: session.title,
      enabled,
      role: 'participant',
      canAsk: enabled,
      nowAnswering: queue?.nowAnswering ?? null,
      questions: arranged.questions,
    },
    settings: queue,
  };
}
