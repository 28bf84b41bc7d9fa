import { TeamsRateLimiter } from './rate-limiter.js';

/** A limiter on a fake clock: waiting moves time forward instead of passing it. */
function fakeLimiter(options: { tenantPerSecond?: number; tenantBurst?: number } = {}) {
  let now = 0;
  const limiter = new TeamsRateLimiter({
    ...options,
    conversationMarginMs: 0,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  return { limiter, now: () => now, advance: (ms: number) => (now += ms) };
}

/** The most send times in any window of `windowMs`. */
function busiest(times: readonly number[], windowMs: number): number {
  // (less a hair: 45 slots of 1000/45 ms add up to a little under 1000 in floating point)
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs - 1e-6).length));
}

describe('the Teams rate limiter', () => {
  it('paces a tenant evenly at its rate, whatever the conversations', async () => {
    const { limiter, now } = fakeLimiter({ tenantPerSecond: 45 });
    const times: number[] = [];
    for (let i = 0; i < 450; i += 1) {
      await limiter.acquire('t', `c${i}`);
      times.push(now());
    }
    expect(busiest(times, 1000)).toBeLessThanOrEqual(46);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(9_900);
    expect(times.at(-1)! - times[0]!).toBeLessThanOrEqual(10_000);
  });

  it('keeps one conversation to 7 a second and 60 in 30 seconds', async () => {
    const { limiter, now } = fakeLimiter({ tenantPerSecond: 1000 });
    const times: number[] = [];
    for (let i = 0; i < 130; i += 1) {
      await limiter.acquire('t', 'one-chat');
      times.push(now());
    }
    expect(busiest(times, 1000)).toBe(7);
    expect(busiest(times, 30_000)).toBe(60);
  });

  it('pauses a whole tenant for Retry-After, and no other tenant', async () => {
    const { limiter, now } = fakeLimiter();
    await limiter.acquire('t', 'a');
    limiter.pause('t', 2_000);
    const pausedAt = now();
    await limiter.acquire('other', 'x');
    expect(now()).toBe(pausedAt);
    await limiter.acquire('t', 'b');
    expect(now() - pausedAt).toBeGreaterThanOrEqual(2_000);
  });

  it('gives up waiting when told to stop', async () => {
    const { limiter } = fakeLimiter();
    limiter.pause('t', 60_000);
    expect(await limiter.acquire('t', 'a', { aborted: true })).toBe(false);
  });
});
