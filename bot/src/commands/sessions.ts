import type { Activity, AdaptiveCardInvokeResponse } from 'botbuilder';
import {
  isDomainError,
  listSessions,
  respondToSession,
  ValidationFailed,
  type Principal,
  type SessionDeps,
} from '@peerloop/core';
import { sessionsCard, type SessionsCardOptions } from '../cards/sessions-card.js';
import { CardInvokeResponseTypes } from './invoke-names.js';

/** "sessions" shows what starts in this many days, at most `UPCOMING_LIMIT` of them. */
export const UPCOMING_DAYS = 30;
export const UPCOMING_LIMIT = 8;

type CardView = Omit<SessionsCardOptions, 'now'>;

/**
 * Who sees what of a sessions card in this conversation. In a personal chat the card is the asker's own and
 * refreshes for them. Elsewhere the message everyone first sees shows nobody's answers; Teams then refreshes
 * it for each viewer (everyone in chats of up to 60 people; larger channels offer "Refresh card").
 */
export function cardViewFor(activity: Activity, purpose: 'message' | 'invoke'): CardView {
  if (activity.conversation?.conversationType === 'personal') {
    return { audience: 'reader', refreshUserIds: [activity.from.id] };
  }
  return { audience: purpose === 'invoke' ? 'reader' : 'everyone' };
}

/** The tenant's next sessions, as `actor` sees them: the "sessions" command and every refresh. */
export async function upcomingSessionsCard(deps: SessionDeps, actor: Principal, view: CardView) {
  const now = deps.clock.now();
  const sessions = await listSessions(deps, actor, {
    from: now.toISOString(),
    to: new Date(now.getTime() + UPCOMING_DAYS * 86_400_000).toISOString(),
  });
  return sessionsCard(sessions.slice(0, UPCOMING_LIMIT), `Coming up in the next ${UPCOMING_DAYS} days`, {
    ...view,
    now,
  });
}

/**
 * Going / Maybe / Can't go from the card: answers with the card redrawn for the person who clicked. What the
 * person can cause (RSVPs closed, members only, the session is gone) is shown on that card beside the
 * session, where they are looking, with the seats as they are now. An error answer would leave the old card
 * in place, and how Teams presents its message is undocumented. A malformed action (no session id, an
 * unknown answer) is a client bug, not something to explain to a person: a 400 error answer.
 */
export async function rsvpFromCard(
  deps: SessionDeps,
  actor: Principal,
  data: Record<string, unknown> | undefined,
  view: CardView,
): Promise<AdaptiveCardInvokeResponse> {
  const sessionId = data?.sessionId;
  if (typeof sessionId !== 'string' || sessionId.trim() === '') {
    return cardActionError('BadRequest', 'sessionId: is required');
  }
  try {
    await respondToSession(deps, actor, sessionId, { response: data?.response });
  } catch (error) {
    if (error instanceof ValidationFailed) return cardActionError('BadRequest', error.message);
    if (!isDomainError(error)) throw error;
    const notice = { sessionId, message: `Your answer was not saved: ${error.message}.` };
    return cardActionAnswer(await upcomingSessionsCard(deps, actor, { ...view, notice }));
  }
  return cardActionAnswer(await upcomingSessionsCard(deps, actor, view));
}

/** The card Teams shows in place of the one clicked, for the person who clicked. */
export function cardActionAnswer(card: Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CardInvokeResponseTypes.card, value: card };
}

export function cardActionError(code: 'BadRequest' | 'NotSupported', message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 400, type: CardInvokeResponseTypes.error, value: { code, message } };
}
