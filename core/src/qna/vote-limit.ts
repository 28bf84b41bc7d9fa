import type { Clock } from '../shared/ports.js';

/**
 * A flood guard for votes: at most `limit` vote changes (vote or take back) per person per session in any
 * `windowMs`. A vote counts once however often it is sent, but every change is a live event for everyone
 * listening, so toggling in a loop is refused. Kept in the process's memory: each API instance guards its
 * own share, which is enough against flooding (questions are limited durably: see ASK_LIMIT).
 */
export class VoteLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    readonly limit = 60,
    readonly windowMs = 60_000,
    private readonly maxTracked = 50_000,
  ) {}

  /** Records a vote change; false (and nothing recorded) when the person is over the limit. */
  tryTake(tenantId: string, sessionId: string, userKey: string): boolean {
    const key = `${tenantId}\u0000${sessionId}\u0000${userKey}`;
    const now = this.clock.now().getTime();
    const times = (this.recent.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length >= this.limit) {
      this.recent.set(key, times);
      return false;
    }
    times.push(now);
    this.recent.delete(key);
    if (this.recent.size >= this.maxTracked) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(key, times);
    return true;
  }
}
