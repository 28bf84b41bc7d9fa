import type { Activity, AdaptiveCardInvokeResponse } from 'botbuilder';
import {
  answerFollowUp,
  answerFromReminder,
  isDomainError,
  reminderCard,
  RSVP_RESPONSES,
  snoozeReminder,
  stopDigest,
  ValidationFailed,
  type CardDeliveryRef,
  type CardRedraw,
  type Principal,
  type ReminderDeps,
  type RsvpResponse,
} from '@peerloop/core';
import { messageCard } from '../cards/sessions-card.js';
import { cardActionAnswer, cardActionError } from '../commands/sessions.js';
import { describeFailure } from '../qna/failures.js';
import { deliveryCard } from './delivery-channel.js';
import { ReminderCardVerbs, type ReminderCardVerb } from './reminder-verbs.js';

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= 400;
}

function answerWith(redraw: CardRedraw): AdaptiveCardInvokeResponse {
  if (redraw.kind === 'text') return cardActionAnswer(messageCard(redraw.text));
  return cardActionAnswer(deliveryCard(redraw.message));
}

/**
 * A click on a reminder, notice, follow-up or digest card (or its refresh). Each is one core use case and
 * idempotent: Going / Maybe / Can't make it answer the session, Remind me later snoozes once per card, the
 * follow-up's answer replaces the previous one. The answer is the card redrawn for the person who clicked,
 * with what they could not do shown on it; a malformed action is a client bug (400).
 */
export async function reminderCardAction(
  deps: ReminderDeps,
  actor: Principal,
  activity: Activity,
  verb: ReminderCardVerb,
  data: Record<string, unknown> | undefined,
  log: (line: string) => void,
): Promise<AdaptiveCardInvokeResponse> {
  const recipientTeamsId = activity.conversation?.conversationType === 'personal' ? activity.from?.id : undefined;
  if (verb === ReminderCardVerbs.stopDigest) return answerWith(await stopDigest(deps, actor));
  const subjectId = data?.subjectId;
  const deliveryId = data?.deliveryId;
  if (!nonEmpty(subjectId)) return cardActionError('BadRequest', 'subjectId: is required');
  if (!nonEmpty(deliveryId)) return cardActionError('BadRequest', 'deliveryId: is required');
  const ref: CardDeliveryRef = { subjectId, id: deliveryId };
  try {
    switch (verb) {
      case ReminderCardVerbs.rsvp: {
        const response = data?.response;
        if (!(RSVP_RESPONSES as readonly unknown[]).includes(response)) {
          return cardActionError('BadRequest', 'response: must be going, maybe or declined');
        }
        return answerWith(await answerFromReminder(deps, actor, ref, response as RsvpResponse, recipientTeamsId));
      }
      case ReminderCardVerbs.snooze: {
        const minutes = data?.minutes;
        if (typeof minutes !== 'number') return cardActionError('BadRequest', 'minutes: must be a number');
        return answerWith(await snoozeReminder(deps, actor, ref, minutes, recipientTeamsId));
      }
      case ReminderCardVerbs.followUp:
        try {
          return answerWith(
            await answerFollowUp(
              deps,
              actor,
              ref,
              { rating: data?.rating || undefined, commitment: data?.commitment || undefined },
              recipientTeamsId,
            ),
          );
        } catch (error) {
          if (!(error instanceof ValidationFailed)) throw error;
          const redraw = await reminderCard(deps, actor, ref, recipientTeamsId);
          return redraw.kind === 'message'
            ? cardActionAnswer(deliveryCard({ ...redraw.message, notice: error.message }))
            : answerWith(redraw);
        }
      case ReminderCardVerbs.refresh:
        return answerWith(await reminderCard(deps, actor, ref, recipientTeamsId));
    }
  } catch (error) {
    if (isDomainError(error)) return cardActionAnswer(messageCard(error.message));
    log(`reminder card action ${verb} failed (${describeFailure(error)})`);
    return cardActionAnswer(messageCard('Sorry, something went wrong on our side. Please try again.'));
  }
}
