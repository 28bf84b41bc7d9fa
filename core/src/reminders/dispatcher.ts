import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '../people/notification-preferences.js';
import type { Session } from '../sessions/session.js';
import type {
  DeliveryChannel,
  DeliveryMessage,
  ReminderSessionView,
  SendThrottle,
  Sleep,
  StopSignal,
} from './channel.js';
import type { ConversationAddress } from './conversations.js';
import type { Delivery, FailureReason, SkipReason, VersionedDelivery } from './delivery.js';
import type { ReminderDeps } from './deps.js';
import { inQuietHours, quietHoursEnd } from './quiet-hours.js';
import { backoffMs, handlingOf, type BackoffSettings } from './retry-policy.js';
import { reminderSessionView, refOf, sessionMessage } from './views.js';

export interface DispatcherDeps extends ReminderDeps {
  readonly channel: DeliveryChannel;
  readonly throttle: SendThrottle;
  /** Names this dispatcher in its claims (host and process), to tell whose claim a stuck delivery holds. */
  readonly workerId: string;
  /** Real-time waits (a 429 pause, a retry due in a moment). */
  readonly sleep: Sleep;
  /** One compact line per noteworthy event: ids and statuses, never message content. */
  readonly log: (line: string) => void;
}

export interface DispatchSettings {
  /**
   * Sends in flight per tenant. The throttle sets the pace; this hides the round trips (three store operations
   * and Teams' answer, a few hundred milliseconds), so it must cover about a second of the tenant rate. It also
   * bounds what a hard crash can leave in doubt (docs/adr/0006).
   */
  readonly concurrency: number;
  /** Due deliveries read per query. */
  readonly batchSize: number;
  /** How long a claim holds a delivery; longer than the slowest send (the sender's timeout). */
  readonly leaseMs: number;
  /** Retries of 412/5xx/timeouts before a delivery fails for good. */
  readonly maxRetries: number;
  readonly backoff: BackoffSettings;
  /** Deliveries due this soon are waited for instead of ending the run (429 pauses, quick retries). */
  readonly lookaheadMs: number;
}

export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = {
  concurrency: 48,
  batchSize: 500,
  leaseMs: 120_000,
  maxRetries: 5,
  backoff: { baseMs: 2_000, capMs: 300_000 },
  lookaheadMs: 5_000,
};

export interface DispatchOptions {
  /** Stop taking new deliveries after this long (in-flight ones finish and are recorded). */
  readonly budgetMs: number;
  /** Stop taking new deliveries (a shutdown); in-flight ones finish and are recorded. */
  readonly signal?: StopSignal;
  /** Only this subject's deliveries (a facilitator's "send reminder now"). */
  readonly subjectId?: string;
}

export interface DispatchSummary {
  sent: number;
  failed: number;
  skipped: number;
  /** Put back for later: quiet hours, a 429 pause, a retry after backoff. */
  deferred: number;
  /** 429s Teams answered. */
  throttled: number;
  /** Claims lost to another dispatcher (it took the delivery first): nothing was sent by this one. */
  lostClaims: number;
  /** A send succeeded but recording it failed because the lease had expired and another claim took over. */
  lateRecords: number;
  /** Whether due work was left when the run stopped (budget or signal). */
  remaining: boolean;
}

type Decision =
  | { readonly kind: 'send'; readonly address: ConversationAddress; readonly message: DeliveryMessage }
  | { readonly kind: 'skip'; readonly reason: SkipReason }
  | { readonly kind: 'fail'; readonly reason: FailureReason }
  | { readonly kind: 'defer'; readonly until: Date };

const SESSION_TTL_MS = 5_000;
/** Tries of one conditional write when the store does not answer, and the wait before each retry (times the try). */
const WRITE_ATTEMPTS = 4;
const WRITE_RETRY_MS = 200;
/** After a failed read of the due work, try again this much later. */
const READ_RETRY_MS = 1_000;
/** With nothing queued while others still send, read the due work again this often. */
const IDLE_READ_MS = 250;

/**
 * Sends a tenant's due deliveries through the throttle, each at most once per claim:
 *
 * 1. decide from fresh state (expired, opted out, quiet hours, session cancelled or moved, not attending,
 *    never installed) — a decision is itself a conditional write;
 * 2. claim: pending (or sending with an expired lease) -> sending, conditional on the version read (ETag), so
 *    of two dispatchers exactly one wins (and the loser takes no slot);
 * 3. wait for a slot (tenant rate, the conversation's 7/s and 60/30 s);
 * 4. send; 5. record sent, or put back with backoff (412/5xx/timeouts), pause the tenant (429), or fail for
 *    good (403/404 marks the conversation stale; other 4xx). Every write is conditional on the claim.
 *
 * A dispatcher that dies between 4 and 5 leaves its delivery `sending` until the lease ends; the next claim
 * sends it again (it may then arrive twice: Teams has no idempotency key — docs/adr/0006).
 */
export class Dispatcher {
  constructor(
    private readonly deps: DispatcherDeps,
    private readonly settings: DispatchSettings = DEFAULT_DISPATCH_SETTINGS,
  ) {}

  async dispatch(tenantId: string, options: DispatchOptions): Promise<DispatchSummary> {
    const run = new DispatchRun(this.deps, this.settings, this.deps.log, tenantId, options);
    return run.execute();
  }
}

class DispatchRun {
  private readonly summary: DispatchSummary = {
    sent: 0,
    failed: 0,
    skipped: 0,
    deferred: 0,
    throttled: 0,
    lostClaims: 0,
    lateRecords: 0,
    remaining: false,
  };
  private readonly queue: VersionedDelivery[] = [];
  /** Ids queued or being handled by this run, so a refill does not hand the same one to two workers. */
  private readonly taken = new Set<string>();
  /**
   * The version each delivery was handled from. A refill that was in flight while a delivery was handled can
   * return it as it was before; that stale copy is never queued again (a delivery put back for a retry has a new
   * version, so it comes back).
   */
  private readonly handled = new Map<string, string>();
  private refilling: Promise<number> | null = null;
  /** The last read returned a full batch: there may be more, worth reading ahead. */
  private lastReadFull = true;
  private inFlight = 0;
  private readonly deadline: number;
  private readonly sessions = new Map<string, { at: number; session: Promise<Session | null> }>();
  private readonly zones = new Map<string, Promise<string | undefined>>();
  private digestContext: Promise<DigestContext> | null = null;

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly settings: DispatchSettings,
    private readonly log: (line: string) => void,
    private readonly tenantId: string,
    private readonly options: DispatchOptions,
  ) {
    this.deadline = Date.now() + options.budgetMs;
  }

  async execute(): Promise<DispatchSummary> {
    await Promise.all(Array.from({ length: Math.max(1, this.settings.concurrency) }, () => this.worker()));
    if (this.stopping()) {
      const left = await this.deps.deliveries
        .listDue(this.tenantId, this.deps.clock.now(), 1, this.options.subjectId)
        .catch(() => [null]);
      this.summary.remaining = left.length > 0;
    }
    return this.summary;
  }

  private stopping(): boolean {
    return Date.now() >= this.deadline || (this.options.signal?.aborted ?? false);
  }

  private async worker(): Promise<void> {
    for (;;) {
      if (this.stopping()) return;
      const item = this.queue.shift();
      // Read the next batch while this one still has work, so no sender waits for the query.
      if (item && this.lastReadFull && !this.refilling && this.queue.length < this.settings.batchSize / 2) {
        void this.refill().catch(() => 0);
      }
      if (!item) {
        let found: number;
        try {
          found = await this.refill();
        } catch (error) {
          // A store hiccup (a reset connection, a timeout) ends nothing: read again shortly, within the budget.
          this.log(`reading due deliveries failed: ${describe(error)}; trying again`);
          await this.deps.sleep(READ_RETRY_MS, this.options.signal);
          continue;
        }
        if (found > 0 || this.queue.length > 0) continue;
        if (this.inFlight === 0) return;
        // Others are still sending: what they put back (a 429 pause, a quick retry) may soon be due. Each read
        // is a query over the tenant's due work, so not too often.
        await this.deps.sleep(IDLE_READ_MS, this.options.signal);
        continue;
      }
      this.inFlight += 1;
      try {
        const wait = Date.parse(item.delivery.nextAt) - this.deps.clock.now().getTime();
        if (wait > 0)
          await this.deps.sleep(Math.min(wait, Math.max(0, this.deadline - Date.now())), this.options.signal);
        if (this.stopping()) return;
        await this.handle(item);
      } catch (error) {
        this.log(`delivery ${item.delivery.id} not handled: ${describe(error)}`);
      } finally {
        this.inFlight -= 1;
        this.handled.set(item.delivery.id, item.version);
        this.taken.delete(item.delivery.id);
      }
    }
  }

  private refill(): Promise<number> {
    this.refilling ??= (async () => {
      try {
        const until = new Date(this.deps.clock.now().getTime() + this.settings.lookaheadMs);
        const due = await this.deps.deliveries.listDue(
          this.tenantId,
          until,
          this.settings.batchSize,
          this.options.subjectId,
        );
        this.lastReadFull = due.length >= this.settings.batchSize;
        let added = 0;
        for (const item of due) {
          if (this.taken.has(item.delivery.id) || this.handled.get(item.delivery.id) === item.version) continue;
          this.taken.add(item.delivery.id);
          this.queue.push(item);
          added += 1;
        }
        return added;
      } finally {
        this.refilling = null;
      }
    })();
    return this.refilling;
  }

  private async handle(item: VersionedDelivery): Promise<void> {
    const decision = await this.decide(item.delivery);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    switch (decision.kind) {
      case 'skip':
        if (await this.write(item, { state: 'skipped', skipped: { reason: decision.reason, at } }, now)) {
          this.summary.skipped += 1;
        }
        return;
      case 'fail':
        if (await this.write(item, { state: 'failed', failure: { reason: decision.reason, at } }, now)) {
          this.summary.failed += 1;
        }
        return;
      case 'defer':
        if (await this.write(item, { state: 'pending', nextAt: decision.until.toISOString() }, now)) {
          this.summary.deferred += 1;
        }
        return;
      case 'send':
        return this.send(item, decision.address, decision.message);
    }
  }

  private async send(item: VersionedDelivery, address: ConversationAddress, message: DeliveryMessage) {
    // Claim first, then wait for a slot: a claim lost to another dispatcher costs no slot, and the slot is
    // granted right before the request leaves.
    const claimedAt = this.deps.clock.now();
    const current = item.delivery;
    const claim = await this.transition(item, {
      ...current,
      state: 'sending',
      attempts: current.attempts + 1,
      recoveries: current.recoveries + (current.state === 'sending' ? 1 : 0),
      claimedBy: this.deps.workerId,
      claimedAt: claimedAt.toISOString(),
      nextAt: new Date(claimedAt.getTime() + this.settings.leaseMs).toISOString(),
      updatedAt: claimedAt.toISOString(),
    });
    if (!claim) {
      this.summary.lostClaims += 1;
      return;
    }
    const slot = await this.deps.throttle.acquire(this.tenantId, address.conversationId, this.options.signal);
    if (!slot) {
      // Stopping: hand the claim back unsent, for the next tick.
      if (
        await this.write(
          claim,
          { state: 'pending', nextAt: this.deps.clock.now().toISOString() },
          this.deps.clock.now(),
        )
      ) {
        this.summary.deferred += 1;
      }
      return;
    }
    const held = await this.renewedIfLate(claim, claimedAt);
    if (!held) {
      this.summary.lostClaims += 1;
      return;
    }
    if (current.state === 'sending') {
      this.log(
        `delivery ${current.id}: claim of ${current.claimedBy ?? '?'} expired without an outcome; sending again`,
      );
    }
    const outcome = await this.deps.channel.send(address, message);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    if (outcome.ok) {
      const recorded = await this.write(
        held,
        { state: 'sent', sentAt: at, ...(outcome.activityId ? { activityId: outcome.activityId } : {}) },
        now,
      );
      this.summary.sent += 1;
      if (!recorded) {
        this.summary.lateRecords += 1;
        this.log(`delivery ${current.id}: sent, but its lease had been taken over (it may arrive twice)`);
      }
      return;
    }
    const lastError = { ...(outcome.status === undefined ? {} : { status: outcome.status }), code: outcome.code, at };
    const handling = handlingOf(outcome);
    switch (handling.kind) {
      case 'throttled': {
        this.summary.throttled += 1;
        this.deps.throttle.pause(this.tenantId, handling.retryAfterMs);
        const until = new Date(now.getTime() + handling.retryAfterMs).toISOString();
        if (await this.write(held, { state: 'pending', nextAt: until, lastError }, now)) this.summary.deferred += 1;
        return;
      }
      case 'retry': {
        const failures = held.delivery.failures + 1;
        if (failures > this.settings.maxRetries) {
          const failure = { reason: 'retries-exhausted' as const, ...statusOf(outcome), at };
          if (await this.write(held, { state: 'failed', failures, failure, lastError }, now)) this.summary.failed += 1;
          return;
        }
        const until = new Date(now.getTime() + backoffMs(failures, this.settings.backoff)).toISOString();
        if (await this.write(held, { state: 'pending', failures, nextAt: until, lastError }, now)) {
          this.summary.deferred += 1;
        }
        return;
      }
      case 'gone': {
        const failure = { reason: 'conversation-gone' as const, ...statusOf(outcome), at };
        if (await this.write(held, { state: 'failed', failure, lastError }, now)) this.summary.failed += 1;
        await this.deps.conversations.markStale(
          this.tenantId,
          { userId: current.recipientId },
          address.conversationId,
          outcome.status === 403 ? 'forbidden' : 'not-found',
          now,
        );
        return;
      }
      case 'rejected': {
        const failure = { reason: 'rejected' as const, ...statusOf(outcome), at };
        if (await this.write(held, { state: 'failed', failure, lastError }, now)) this.summary.failed += 1;
        return;
      }
    }
  }

  /** A conditional state change from the version held; false when someone else changed the delivery first. */
  private async write(from: VersionedDelivery, change: Partial<Delivery>, now: Date): Promise<boolean> {
    const next: Delivery = { ...from.delivery, ...change, updatedAt: now.toISOString() };
    return (await this.transition(from, next)) !== null;
  }

  /**
   * The repository's conditional write, retried a few times when the store does not answer (a reset connection,
   * a timeout). Such a write may have landed before its answer was lost: a retry then finds the version moved
   * (412), and the delivery is read back to tell our own write (same worker, attempts, state and stamp) from
   * someone else's. Without this, losing the answer to "sent" would leave the delivery to be recovered and sent
   * again.
   */
  /**
   * A long wait for a slot (a busy conversation, a 429 pause) can eat into the claim's lease. Past half of it,
   * the claim is renewed before sending: conditionally, so if another dispatcher took the delivery over
   * meanwhile, this one sends nothing (null).
   */
  private async renewedIfLate(claim: VersionedDelivery, claimedAt: Date): Promise<VersionedDelivery | null> {
    const now = this.deps.clock.now();
    if (claimedAt.getTime() + this.settings.leaseMs - now.getTime() >= this.settings.leaseMs / 2) return claim;
    return this.transition(claim, {
      ...claim.delivery,
      claimedAt: now.toISOString(),
      nextAt: new Date(now.getTime() + this.settings.leaseMs).toISOString(),
      updatedAt: now.toISOString(),
    });
  }

  private async transition(from: VersionedDelivery, next: Delivery): Promise<VersionedDelivery | null> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const written = await this.deps.deliveries.transition(from, next);
        if (written || attempt === 1) return written;
        const now = await this.deps.deliveries.get(next.tenantId, next.subjectId, next.id);
        const mine =
          now?.delivery.updatedAt === next.updatedAt &&
          now.delivery.claimedBy === next.claimedBy &&
          now.delivery.attempts === next.attempts &&
          now.delivery.state === next.state;
        return mine ? now : null;
      } catch (error) {
        if (attempt >= WRITE_ATTEMPTS) throw error;
        this.log(`delivery ${next.id}: write failed (${describe(error)}); trying again`);
        await this.deps.sleep(WRITE_RETRY_MS * attempt);
      }
    }
  }

  private async decide(delivery: Delivery): Promise<Decision> {
    const now = this.deps.clock.now();
    if (Date.parse(delivery.expiresAt) <= now.getTime()) return { kind: 'skip', reason: 'expired' };
    const recipient = await this.deps.recipients.recipient(this.tenantId, delivery.recipientId);
    const preferences = recipient.preferences ?? DEFAULT_NOTIFICATION_PREFERENCES;
    if (preferences.optedOut) return { kind: 'skip', reason: 'opted-out' };
    if (delivery.kind === 'weekly-digest' && !preferences.weeklyDigest) return { kind: 'skip', reason: 'opted-out' };

    const session = delivery.sessionId ? await this.session(delivery.sessionId) : null;
    if (delivery.sessionId) {
      const refusal = sessionRefusal(delivery, session);
      if (refusal) return { kind: 'skip', reason: refusal };
    }
    const quiet = await this.quietUntil(delivery, preferences, session, now);
    if (quiet) {
      return quiet.getTime() >= Date.parse(delivery.expiresAt)
        ? { kind: 'skip', reason: 'quiet-hours' }
        : { kind: 'defer', until: quiet };
    }
    const { conversation } = recipient;
    if (!conversation) return { kind: 'fail', reason: 'not-installed' };
    if (conversation.stale) return { kind: 'fail', reason: 'conversation-gone' };
    const teamsId = conversation.address.userTeamsId;
    if (delivery.kind === 'weekly-digest') {
      const sessions = await this.digestSessions(delivery);
      if (sessions.length === 0) return { kind: 'skip', reason: 'nothing-upcoming' };
      const weekOf = delivery.subjectId.replace(/^digest\./, '');
      return {
        kind: 'send',
        address: conversation.address,
        message: {
          kind: 'weekly-digest',
          delivery: refOf(delivery),
          weekOf,
          sessions,
          ...(teamsId ? { recipientTeamsId: teamsId } : {}),
        },
      };
    }
    return {
      kind: 'send',
      address: conversation.address,
      message: sessionMessage(delivery, session!, teamsId ? { recipientTeamsId: teamsId } : {}),
    };
  }

  private async quietUntil(
    delivery: Delivery,
    preferences: NotificationPreferences,
    session: Session | null,
    now: Date,
  ): Promise<Date | null> {
    if (!preferences.quietHours) return null;
    const zone = (await this.zoneOf(delivery.recipientId)) ?? session?.timeZone ?? 'UTC';
    return inQuietHours(preferences.quietHours, zone, now) ? quietHoursEnd(preferences.quietHours, zone, now) : null;
  }

  private zoneOf(userId: string): Promise<string | undefined> {
    let zone = this.zones.get(userId);
    if (!zone) {
      zone = this.deps.people.get(this.tenantId, userId).then((p) => p?.timeZone);
      this.zones.set(userId, zone);
    }
    return zone;
  }

  /** Sessions change (answers, cancellations): read afresh every few seconds, shared by a fan-out's sends. */
  private session(sessionId: string): Promise<Session | null> {
    const cached = this.sessions.get(sessionId);
    if (cached && Date.now() - cached.at < SESSION_TTL_MS) return cached.session;
    const session = this.deps.sessions.get(this.tenantId, sessionId);
    this.sessions.set(sessionId, { at: Date.now(), session });
    return session;
  }

  private async digestSessions(delivery: Delivery): Promise<ReminderSessionView[]> {
    this.digestContext ??= loadDigestContext(this.deps, this.tenantId, this.deps.clock.now());
    const context = await this.digestContext;
    const userId = delivery.recipientId;
    const mine = context.memberships.get(userId) ?? new Set<string>();
    return context.sessions
      .filter((s) => {
        const answer = s.rsvps[userId]?.status;
        if (answer === 'declined') return false;
        return answer !== undefined || mine.has(s.cohortId);
      })
      .slice(0, 10)
      .map((s) => reminderSessionView(s, userId));
  }
}

const PARTICIPANT_KINDS = new Set(['session-reminder', 'reminder-now', 'snoozed-reminder']);

/** Why a session delivery should no longer go, judged against the session as it is now. */
export function sessionRefusal(delivery: Delivery, session: Session | null): SkipReason | null {
  if (!session) return 'session-cancelled';
  if (delivery.kind === 'session-cancelled') return null;
  if (session.status === 'cancelled') return 'session-cancelled';
  if (delivery.kind === 'session-follow-up') return null;
  if (
    delivery.sessionStartsAt &&
    delivery.sessionStartsAt !== session.startsAt &&
    delivery.kind !== 'session-changed'
  ) {
    return 'session-moved';
  }
  const answer = session.rsvps[delivery.recipientId]?.status;
  if (PARTICIPANT_KINDS.has(delivery.kind) && answer !== 'going' && answer !== 'maybe') return 'not-attending';
  if (delivery.kind === 'waitlist-promoted' && answer !== 'going') return 'not-attending';
  if (delivery.kind === 'presenter-reminder' && !session.presenters.some((p) => p.userId === delivery.recipientId)) {
    return 'not-attending';
  }
  return null;
}

interface DigestContext {
  readonly sessions: readonly Session[];
  readonly memberships: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The week ahead of a tenant, and who belongs to which cohort: read once per run for every digest. */
async function loadDigestContext(deps: ReminderDeps, tenantId: string, now: Date): Promise<DigestContext> {
  const sessions = (
    await deps.sessions.list(tenantId, { from: now, to: new Date(now.getTime() + 7 * 86_400_000) })
  ).filter((s) => s.status === 'scheduled');
  const memberships = new Map<string, Set<string>>();
  const cohortIds = [...new Set(sessions.map((s) => s.cohortId))];
  for (const cohortId of cohortIds) {
    const cohort = await deps.cohorts.get(tenantId, cohortId);
    for (const member of cohort?.members ?? []) {
      const set = memberships.get(member.userId) ?? new Set<string>();
      set.add(cohortId);
      memberships.set(member.userId, set);
    }
  }
  return { sessions, memberships };
}

function statusOf(outcome: { status?: number }): { status?: number } {
  return outcome.status === undefined ? {} : { status: outcome.status };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const status =
      (error as { code?: unknown; statusCode?: unknown }).code ?? (error as { statusCode?: unknown }).statusCode;
    return `${error.name}${typeof status === 'number' ? ` ${status}` : ''}`;
  }
  return typeof error;
}
