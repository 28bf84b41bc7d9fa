import type { SendThrottle, StopSignal } from '@peerloop/core';

/** At most `max` messages in any `windowMs`. */
export interface RateWindow {
  readonly max: number;
  readonly windowMs: number;
}

/** Teams' limits per conversation for a bot: 7 messages a second and 60 in 30 seconds. */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = [
  { max: 7, windowMs: 1_000 },
  { max: 60, windowMs: 30_000 },
];

/** What we send per tenant by default: under Teams' ~50 requests a second per bot and tenant. */
export const DEFAULT_TENANT_RATE_PER_SECOND = 45;

export interface RateLimiterOptions {
  /** Messages a second per tenant (default 45). */
  readonly tenantPerSecond?: number;
  /**
   * Slots of tolerance per tenant (default 2): a sender that wakes a little late still gets its slot on time,
   * so timer lateness does not lower the rate. In any second at most `tenantPerSecond + tenantBurst - 1` go
   * out (46 by default), which must stay under Teams' own limit.
   */
  readonly tenantBurst?: number;
  readonly conversationLimits?: readonly RateWindow[];
  /**
   * Added to each conversation window (default 250 ms). A slot is granted before the claim's round trip to the
   * store and the request's trip to Teams, and Teams counts arrivals: two sends a window apart here can arrive
   * closer together there. A personal chat gets a few messages a day, so the margin costs nothing.
   */
  readonly conversationMarginMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: StopSignal) => Promise<void>;
}

interface TenantState {
  /** Theoretical time of the next slot (GCRA): evenly spaced slots, with `burst` slots of tolerance. */
  nextSlot: number;
  pausedUntil: number;
}

const PRUNE_ABOVE = 10_000;

/**
 * Paces proactive sends to Teams' limits in this process: per tenant an even rate (a generic cell rate
 * algorithm: one slot every 1/rate seconds, a small burst tolerance), per conversation sliding windows of 7 per
 * second and 60 per 30 seconds, and a pause of the whole tenant for a 429's Retry-After. A slot is taken
 * synchronously when granted, so concurrent senders never share one.
 */
export class TeamsRateLimiter implements SendThrottle {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private readonly windows: readonly RateWindow[];
  private readonly marginMs: number;
  private readonly keep: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: StopSignal) => Promise<void>;
  private readonly tenants = new Map<string, TenantState>();
  /** Recent send times per conversation (at most the largest window's count). */
  private readonly conversations = new Map<string, number[]>();

  constructor(options: RateLimiterOptions = {}) {
    const rate = options.tenantPerSecond ?? DEFAULT_TENANT_RATE_PER_SECOND;
    if (!(rate > 0)) throw new RangeError('the tenant rate must be positive');
    this.intervalMs = 1000 / rate;
    this.toleranceMs = this.intervalMs * (Math.max(1, options.tenantBurst ?? 2) - 1);
    this.windows = options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS;
    this.marginMs = options.conversationMarginMs ?? 250;
    this.keep = Math.max(1, ...this.windows.map((w) => w.max));
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? sleep;
  }

  async acquire(tenantId: string, conversationId: string, signal?: StopSignal): Promise<boolean> {
    const key = `${tenantId}\u0000${conversationId}`;
    for (;;) {
      if (signal?.aborted) return false;
      const now = this.now();
      const tenant = this.tenant(tenantId, now);
      const sent = this.conversations.get(key) ?? [];
      const ready = Math.max(tenant.pausedUntil, tenant.nextSlot - this.toleranceMs, this.conversationReady(sent, now));
      if (ready <= now) {
        tenant.nextSlot = Math.max(tenant.nextSlot, now) + this.intervalMs;
        sent.push(now);
        if (sent.length > this.keep) sent.splice(0, sent.length - this.keep);
        if (!this.conversations.has(key)) {
          if (this.conversations.size > PRUNE_ABOVE) this.prune(now);
          this.conversations.set(key, sent);
        }
        return true;
      }
      await this.sleep(ready - now, signal);
    }
  }

  pause(tenantId: string, retryAfterMs: number): void {
    const now = this.now();
    const tenant = this.tenant(tenantId, now);
    tenant.pausedUntil = Math.max(tenant.pausedUntil, now + retryAfterMs);
  }

  /** When the tenant may send again after a 429 (or now): for tests and diagnostics. */
  pausedUntil(tenantId: string): number {
    return this.tenants.get(tenantId)?.pausedUntil ?? 0;
  }

  private tenant(tenantId: string, now: number): TenantState {
    let state = this.tenants.get(tenantId);
    if (!state) {
      state = { nextSlot: now, pausedUntil: 0 };
      this.tenants.set(tenantId, state);
    }
    return state;
  }

  /** The earliest time one more message fits every window of a conversation. */
  private conversationReady(sent: readonly number[], now: number): number {
    let ready = now;
    for (const window of this.windows) {
      const span = window.windowMs + this.marginMs;
      const inWindow = sent.filter((t) => t > now - span);
      if (inWindow.length >= window.max) {
        ready = Math.max(ready, inWindow[inWindow.length - window.max]! + span);
      }
    }
    return ready;
  }

  private prune(now: number): void {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    for (const [key, sent] of this.conversations) {
      if ((sent.at(-1) ?? 0) <= now - longest) this.conversations.delete(key);
    }
  }
}

/** A real-time wait that ends early when the signal fires. */
export function sleep(ms: number, signal?: StopSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  const abortable = signal as
    (StopSignal & Partial<Pick<AbortSignal, 'addEventListener' | 'removeEventListener'>>) | undefined;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      abortable?.removeEventListener?.('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    abortable?.addEventListener?.('abort', done, { once: true });
  });
}
