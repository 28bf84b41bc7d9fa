import { backoffMs, DEFAULT_RETRY_AFTER_MS, handlingOf } from './retry-policy.js';

describe('what a failed send leads to', () => {
  const failed = (status?: number, retryAfterMs?: number) => ({
    ok: false as const,
    code: 'x',
    ...(status === undefined ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

  it('429 pauses the tenant for Retry-After (1 s without one)', () => {
    expect(handlingOf(failed(429, 3000))).toEqual({ kind: 'throttled', retryAfterMs: 3000 });
    expect(handlingOf(failed(429))).toEqual({ kind: 'throttled', retryAfterMs: DEFAULT_RETRY_AFTER_MS });
  });

  it('412, 5xx, timeouts and network failures are retried; 403/404 mean the conversation is gone; other 4xx are refused', () => {
    for (const status of [412, 500, 502, 503, 504, 408, undefined])
      expect(handlingOf(failed(status)).kind).toBe('retry');
    expect(handlingOf(failed(403)).kind).toBe('gone');
    expect(handlingOf(failed(404)).kind).toBe('gone');
    expect(handlingOf(failed(400)).kind).toBe('rejected');
    expect(handlingOf(failed(401)).kind).toBe('rejected');
  });

  it('backs off exponentially up to a cap, with half of each wait random', () => {
    const settings = { baseMs: 1000, capMs: 8000 };
    expect(backoffMs(1, settings, () => 0)).toBe(500);
    expect(backoffMs(1, settings, () => 1)).toBe(1000);
    expect(backoffMs(3, settings, () => 0)).toBe(2000);
    expect(backoffMs(3, settings, () => 1)).toBe(4000);
    expect(backoffMs(10, settings, () => 1)).toBe(8000);
    expect(backoffMs(10, settings, () => 0)).toBe(4000);
  });
});
