import type { Clock } from '../shared/ports.js';
import type { QnaAccess } from './use-cases.js';

/**
 * Remembers granted Q&A access for a few seconds, so a live session's votes and questions do not re-read the
 * session, cohort and program on every click (the hot path's budget is two store round trips). Only grants
 * are kept: a refusal is always decided afresh, so someone who just accepted the agreements can ask at once.
 * The cost: a member removed from the cohort can still vote or ask for up to `ttlMs`.
 */
export class QnaAccessCache {
  private readonly entries = new Map<string, { access: QnaAccess; until: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(tenantId: string, sessionId: string, userId: string): QnaAccess | undefined {
    const key = keyOf(tenantId, sessionId, userId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.access;
  }

  set(tenantId: string, sessionId: string, userId: string, access: QnaAccess): void {
    const key = keyOf(tenantId, sessionId, userId);
    this.entries.delete(key);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { access, until: this.clock.now().getTime() + this.ttlMs });
  }

  /** Forgets a session's grants: its hosts, cohort or Q&A setting changed here. */
  forgetSession(tenantId: string, sessionId: string): void {
    const prefix = keyOf(tenantId, sessionId, '');
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

function keyOf(tenantId: string, sessionId: string, userId: string): string {
  return `${tenantId}\u0000${sessionId}\u0000${userId}`;
}
