import type { Presenter, RsvpStatus, SessionKind } from '../sessions/session.js';
import type { ConversationAddress } from './conversations.js';
import type { DeliveryKind } from './delivery.js';

/** A session as a reminder card shows it to its recipient. */
export interface ReminderSessionView {
  readonly id: string;
  readonly title: string;
  readonly kind: SessionKind;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly location?: string;
  readonly meetingUrl?: string;
  readonly status: 'scheduled' | 'cancelled';
  readonly presenters: readonly Presenter[];
  /** The recipient's own answer, at the time the card was drawn. */
  readonly myRsvp: RsvpStatus | null;
  readonly capacity?: number;
  readonly seatsTaken: number;
}

/** Which delivery a card belongs to: its actions carry this back. */
export interface DeliveryRef {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly id: string;
}

export type SessionMessageKind = Exclude<DeliveryKind, 'weekly-digest'>;

/** What to say, for the bot to draw as a card: one shape per kind of delivery. */
export type DeliveryMessage =
  | {
      readonly kind: SessionMessageKind;
      readonly delivery: DeliveryRef;
      readonly session: ReminderSessionView;
      readonly minutesBefore?: number;
      /** The facilitator's words with a "send reminder now" (user text: shown literally). */
      readonly note?: string;
      /** Teams id of the recipient, so the card refreshes for them (personal chats). */
      readonly recipientTeamsId?: string;
      /** Shown on a redrawn card: what the last click did or why it did nothing. */
      readonly notice?: string;
      /** A follow-up already answered. */
      readonly response?: { readonly rating?: number; readonly commitment?: string };
    }
  | {
      readonly kind: 'weekly-digest';
      readonly delivery: DeliveryRef;
      readonly weekOf: string;
      readonly sessions: readonly ReminderSessionView[];
      readonly recipientTeamsId?: string;
      readonly notice?: string;
    };

/** What happened when a message was handed to Teams. */
export type SendOutcome =
  | { readonly ok: true; readonly activityId?: string }
  | {
      readonly ok: false;
      /** HTTP status from the Bot Connector; absent for timeouts and network failures (outcome unknown). */
      readonly status?: number;
      /** From a 429's Retry-After. */
      readonly retryAfterMs?: number;
      /** Short and free of content: an error class or code, never message text. */
      readonly code: string;
    };

/** What core needs of an AbortSignal (core has no DOM or Node types): whether to stop. */
export interface StopSignal {
  readonly aborted: boolean;
}

/** Waits in real time (timers are a runtime's, not the domain's): resolves early when the signal fires. */
export type Sleep = (ms: number, signal?: StopSignal) => Promise<void>;

/** Sends one message into a conversation outside a turn (botbuilder's proactive API behind it). */
export interface DeliveryChannel {
  send(address: ConversationAddress, message: DeliveryMessage): Promise<SendOutcome>;
}

/**
 * Teams' rate limits on the sending side: per conversation (7 per second, 60 per 30 seconds) and per tenant
 * (a configurable rate under Teams' ~50 requests per second). One per process; tenants are paced separately.
 */
export interface SendThrottle {
  /**
   * Waits until one more message may go to this conversation of this tenant and takes that slot (true), or
   * gives up when the signal fires (false).
   */
  acquire(tenantId: string, conversationId: string, signal?: StopSignal): Promise<boolean>;
  /** Teams answered 429: nothing more goes to this tenant before `retryAfterMs` has passed. */
  pause(tenantId: string, retryAfterMs: number): void;
}
