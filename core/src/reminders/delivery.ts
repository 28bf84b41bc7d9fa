/** What a delivery says. Each kind has its card (bot/src/cards/reminder-*.ts). */
export const DELIVERY_KINDS = [
  'session-reminder',
  'presenter-reminder',
  'reminder-now',
  'snoozed-reminder',
  'waitlist-promoted',
  'session-cancelled',
  'session-changed',
  'session-follow-up',
  'weekly-digest',
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/**
 * pending -> sending -> sent | failed, or pending -> skipped (nothing was sent, and why). A `sending` whose
 * lease ran out (its dispatcher died) is claimed again; see docs/adr/0006 for what that means.
 */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** Why a delivery was not sent, by decision rather than failure. */
export type SkipReason =
  | 'opted-out'
  | 'quiet-hours'
  | 'expired'
  | 'session-cancelled'
  | 'session-moved'
  | 'not-attending'
  | 'nothing-upcoming';

/** Why Teams never got it. */
export type FailureReason =
  /** The person never installed PeerLoop (no conversation reference to reach them). */
  | 'not-installed'
  /** 403/404: the app was removed, the chat deleted or the bot blocked. The reference is marked stale. */
  | 'conversation-gone'
  /** Another 4xx: Teams refused the message itself. */
  | 'rejected'
  /** 412/5xx/timeouts, retried with backoff until the attempts ran out. */
  | 'retries-exhausted';

export interface DeliveryError {
  readonly status?: number;
  readonly code: string;
  readonly at: string;
}

/** One durable proactive message to one person, stored before anything is sent. */
export interface Delivery {
  readonly tenantId: string;
  /** Deterministic: what, which occurrence, to whom (see ids.ts). Scheduling the same thing twice is a no-op. */
  readonly id: string;
  /**
   * What it is about: the session id, or a tenant-wide bucket such as `digest.2026-12-07`. With the tenant it
   * is the partition key, so a session's deliveries (its report) are one logical partition.
   */
  readonly subjectId: string;
  readonly kind: DeliveryKind;
  /** Entra object id of the person it goes to. */
  readonly recipientId: string;
  readonly sessionId?: string;
  /** The start the delivery was planned for: a session that moved since supersedes it. */
  readonly sessionStartsAt?: string;
  /** Reminders: how long before the start (minutes). */
  readonly minutesBefore?: number;
  /** When it should arrive. */
  readonly dueAt: string;
  /** After this it is no longer worth sending (the session started, ended, the week passed). */
  readonly expiresAt: string;
  readonly state: DeliveryState;
  /**
   * When a dispatcher should next look at it: the due time (or the retry time) while pending, the end of the
   * claim's lease while sending. The due query is one range on this field.
   */
  readonly nextAt: string;
  /** Claims so far (each is one send to Teams at most). */
  readonly attempts: number;
  /** Sends that failed in a way worth retrying (412, 5xx, timeouts): bounded by the retry budget. */
  readonly failures: number;
  /** Claims that found an earlier claim abandoned (lease expired without an outcome). */
  readonly recoveries: number;
  readonly claimedBy?: string;
  readonly claimedAt?: string;
  readonly lastError?: DeliveryError;
  readonly sentAt?: string;
  /** The Teams message id, to update the card later. */
  readonly activityId?: string;
  readonly failure?: { readonly reason: FailureReason; readonly status?: number; readonly at: string };
  readonly skipped?: { readonly reason: SkipReason; readonly at: string };
  /** Where it came from: the session notice, who asked ("send reminder now"), the delivery it snoozes. */
  readonly origin?: {
    readonly noticeId?: string;
    readonly requestedBy?: string;
    readonly note?: string;
    readonly snoozeOf?: string;
    readonly waveId?: string;
  };
  /** A follow-up card's answer (rating and what the person will try), kept with the delivery. */
  readonly response?: { readonly rating?: number; readonly commitment?: string; readonly at: string };
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A delivery as read, with the version (ETag) a conditional write must match. */
export interface VersionedDelivery {
  readonly delivery: Delivery;
  readonly version: string;
}

/**
 * A batch of deliveries planned together (a reminder for one session start and lead, a "send reminder now",
 * a week's digest). Its marker is written after its deliveries, so a plan that crashed half-way is redone (the
 * deliveries' ids make that harmless) and a finished one is not looked at again.
 */
export interface Wave {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly id: string;
  readonly kind: DeliveryKind;
  readonly dueAt: string;
  readonly recipients: number;
  readonly requestedBy?: string;
  readonly createdAt: string;
}

export interface DeliveryRepository {
  /**
   * Stores the deliveries that do not exist yet; existing ids are left exactly as they are (idempotent).
   * Returns how many were new.
   */
  createMany(deliveries: readonly Delivery[]): Promise<number>;
  get(tenantId: string, subjectId: string, id: string): Promise<VersionedDelivery | null>;
  /**
   * Work for a dispatcher: the tenant's deliveries that are pending, or sending with an expired lease, whose
   * `nextAt` is at or before `until`, soonest first, at most `limit` (optionally of one subject only).
   */
  listDue(tenantId: string, until: Date, limit: number, subjectId?: string): Promise<VersionedDelivery[]>;
  /** Every delivery of one subject (a session): the facilitator's report, one single-partition query. */
  listBySubject(tenantId: string, subjectId: string): Promise<Delivery[]>;
  /**
   * Writes `next` only if the delivery is still at `current.version` (ETag); null when someone else changed
   * it first. This is how a claim is taken and every state change is made.
   */
  transition(current: VersionedDelivery, next: Delivery): Promise<VersionedDelivery | null>;
  getWave(tenantId: string, subjectId: string, id: string): Promise<Wave | null>;
  /** Records a wave as planned (idempotent). */
  putWave(wave: Wave): Promise<void>;
  /** The latest wave of a kind for a subject (a session's last "send reminder now"). */
  latestWave(tenantId: string, subjectId: string, kind: DeliveryKind): Promise<Wave | null>;
}

/** Ids of the tenant's sessions whose notices outbox (ADR 0003) still holds notices for the reminders engine. */
export interface SessionNoticeOutbox {
  sessionsWithNotices(tenantId: string): Promise<string[]>;
}

/** A new pending delivery with its bookkeeping filled. */
export function newDelivery(
  fields: Pick<Delivery, 'tenantId' | 'id' | 'subjectId' | 'kind' | 'recipientId' | 'dueAt' | 'expiresAt'> &
    Partial<Delivery>,
  now: Date,
): Delivery {
  const at = now.toISOString();
  return {
    state: 'pending',
    nextAt: fields.dueAt,
    attempts: 0,
    failures: 0,
    recoveries: 0,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

export function isFinished(delivery: Delivery): boolean {
  return delivery.state === 'sent' || delivery.state === 'failed' || delivery.state === 'skipped';
}
