import { z } from 'zod';
import { updateMyNotificationPreferences } from '../people/notification-preferences.js';
import { Conflict, Forbidden, isDomainError, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import { respondToSession } from '../sessions/use-cases.js';
import type { RsvpResponse } from '../sessions/session.js';
import type { DeliveryMessage } from './channel.js';
import { newDelivery, type Delivery, type VersionedDelivery } from './delivery.js';
import type { ReminderDeps } from './deps.js';
import { DeliveryIds } from './ids.js';
import { sessionMessage } from './views.js';

/** What a clicked reminder card becomes: the card redrawn, or (a digest) a line of text. */
export type CardRedraw =
  | { readonly kind: 'message'; readonly message: DeliveryMessage & { readonly snoozedUntil?: string } }
  | { readonly kind: 'text'; readonly text: string };

/** The card's actions carry which delivery they belong to; only the tenant is taken from the verified actor. */
export interface CardDeliveryRef {
  readonly subjectId: string;
  readonly id: string;
}

const SNOOZABLE = new Set(['session-reminder', 'presenter-reminder', 'reminder-now', 'snoozed-reminder']);
const MAX_SNOOZES = 3;
/** A snooze never lands later than this before the start. */
const SNOOZE_MARGIN_MINUTES = 5;

async function ownDelivery(deps: ReminderDeps, actor: Principal, ref: CardDeliveryRef): Promise<VersionedDelivery> {
  const found = await deps.deliveries.get(actor.tenantId, ref.subjectId, ref.id);
  if (!found) throw new NotFound('reminder');
  if (found.delivery.recipientId !== actor.userId) throw new Forbidden('this card was sent to someone else');
  return found;
}

async function redraw(
  deps: ReminderDeps,
  delivery: Delivery,
  extra: { notice?: string; snoozedUntil?: string; recipientTeamsId?: string } = {},
): Promise<CardRedraw> {
  if (!delivery.sessionId) return { kind: 'text', text: extra.notice ?? 'Done.' };
  const session = await deps.sessions.get(delivery.tenantId, delivery.sessionId);
  if (!session) throw new NotFound('session');
  const message = sessionMessage(delivery, session, extra);
  return { kind: 'message', message: extra.snoozedUntil ? { ...message, snoozedUntil: extra.snoozedUntil } : message };
}

/** A reminder card redrawn as things are now (its refresh). */
export async function reminderCard(
  deps: ReminderDeps,
  actor: Principal,
  ref: CardDeliveryRef,
  recipientTeamsId?: string,
): Promise<CardRedraw> {
  const { delivery } = await ownDelivery(deps, actor, ref);
  return redraw(deps, delivery, recipientTeamsId ? { recipientTeamsId } : {});
}

/**
 * Going / Maybe / Can't make it, from a reminder or notice. Answers are idempotent (answering "can't make it"
 * twice frees one seat once); what the person cannot do (RSVPs closed, the session ended) shows on the card.
 */
export async function answerFromReminder(
  deps: ReminderDeps,
  actor: Principal,
  ref: CardDeliveryRef,
  response: RsvpResponse,
  recipientTeamsId?: string,
): Promise<CardRedraw> {
  const { delivery } = await ownDelivery(deps, actor, ref);
  if (!delivery.sessionId) throw new Conflict('this card is not about a session');
  let notice: string | undefined;
  try {
    await respondToSession(deps, actor, delivery.sessionId, { response });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    notice = `Your answer was not saved: ${error.message}.`;
  }
  return redraw(deps, delivery, { ...(notice ? { notice } : {}), ...(recipientTeamsId ? { recipientTeamsId } : {}) });
}

/**
 * "Remind me later": one more reminder `minutes` from now (never later than a few minutes before the start).
 * Its id comes from the snoozed delivery, so clicking twice snoozes once.
 */
export async function snoozeReminder(
  deps: ReminderDeps,
  actor: Principal,
  ref: CardDeliveryRef,
  minutes: number,
  recipientTeamsId?: string,
): Promise<CardRedraw> {
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 1440) {
    throw new Conflict('a snooze is between 5 minutes and a day');
  }
  const { delivery } = await ownDelivery(deps, actor, ref);
  if (!SNOOZABLE.has(delivery.kind) || !delivery.sessionId) throw new Conflict('this card cannot be snoozed');
  const extra = recipientTeamsId ? { recipientTeamsId } : {};
  const id = DeliveryIds.snooze(delivery.id);
  const existing = await deps.deliveries.get(actor.tenantId, delivery.subjectId, id);
  if (existing) return redraw(deps, delivery, { ...extra, snoozedUntil: existing.delivery.dueAt });
  if (delivery.id.split('.snoozed').length > MAX_SNOOZES) {
    return redraw(deps, delivery, { ...extra, notice: 'You have snoozed this reminder enough times already.' });
  }
  const session = await deps.sessions.get(actor.tenantId, delivery.sessionId);
  if (!session) throw new NotFound('session');
  const now = deps.clock.now();
  const latest = Date.parse(session.startsAt) - SNOOZE_MARGIN_MINUTES * 60_000;
  const due = Math.min(now.getTime() + minutes * 60_000, latest);
  if (session.status === 'cancelled' || due <= now.getTime() + 60_000) {
    return redraw(deps, delivery, { ...extra, notice: 'It starts too soon to snooze.' });
  }
  const dueAt = new Date(due).toISOString();
  await deps.deliveries.createMany([
    newDelivery(
      {
        tenantId: actor.tenantId,
        id,
        subjectId: delivery.subjectId,
        kind: 'snoozed-reminder',
        recipientId: actor.userId,
        sessionId: session.id,
        sessionStartsAt: session.startsAt,
        dueAt,
        expiresAt: session.startsAt,
        origin: { snoozeOf: delivery.id, ...(delivery.origin?.note ? { note: delivery.origin.note } : {}) },
      },
      now,
    ),
  ]);
  const stored = await deps.deliveries.get(actor.tenantId, delivery.subjectId, id);
  return redraw(deps, delivery, { ...extra, snoozedUntil: stored?.delivery.dueAt ?? dueAt });
}

/** The follow-up card's answer: how it went (1-5) and what the person will try before next time. */
export const followUpAnswerInput = z
  .object({
    rating: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1 to 5')
      .max(5, 'must be 1 to 5')
      .optional(),
    commitment: z.string().trim().max(500, 'must be at most 500 characters').optional(),
  })
  .transform((v) => ({
    ...(v.rating === undefined ? {} : { rating: v.rating }),
    ...(v.commitment ? { commitment: v.commitment } : {}),
  }))
  .refine((v) => Object.keys(v).length > 0, { message: 'give a rating or what you will try' });

/** Records (or replaces) a follow-up's answer on its delivery: sending it again changes nothing more. */
export async function answerFollowUp(
  deps: ReminderDeps,
  actor: Principal,
  ref: CardDeliveryRef,
  rawInput: unknown,
  recipientTeamsId?: string,
): Promise<CardRedraw> {
  const input = parseInput(followUpAnswerInput, rawInput);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await ownDelivery(deps, actor, ref);
    if (current.delivery.kind !== 'session-follow-up') throw new Conflict('this card does not take feedback');
    const at = deps.clock.now().toISOString();
    const next: Delivery = { ...current.delivery, response: { ...input, at }, updatedAt: at };
    const written = await deps.deliveries.transition(current, next);
    if (written) {
      return redraw(deps, written.delivery, {
        notice: 'Thanks — your answer was saved.',
        ...(recipientTeamsId ? { recipientTeamsId } : {}),
      });
    }
  }
  throw new Conflict('this card is being updated; please try again');
}

/** "Stop the weekly digest" from the digest card. */
export async function stopDigest(deps: ReminderDeps, actor: Principal): Promise<CardRedraw> {
  await updateMyNotificationPreferences(deps, actor, { weeklyDigest: false });
  return { kind: 'text', text: "You won't get the weekly digest any more. You can turn it back on in My profile." };
}
