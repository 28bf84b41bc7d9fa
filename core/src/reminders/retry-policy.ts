import type { SendOutcome } from './channel.js';

/** How the dispatcher treats a failed send. */
export type FailureHandling =
  /** 429: pause the whole tenant for Retry-After, then try again (does not use up the retry budget). */
  | { readonly kind: 'throttled'; readonly retryAfterMs: number }
  /** 412, 5xx, timeouts and network failures: back off with jitter and try again, a bounded number of times. */
  | { readonly kind: 'retry' }
  /** 403/404: the conversation is gone (uninstalled, blocked, deleted); terminal. */
  | { readonly kind: 'gone' }
  /** Any other 4xx: Teams refused this message; terminal. */
  | { readonly kind: 'rejected' };

const RETRYABLE = new Set([408, 412, 500, 502, 503, 504]);

/** Retry-After when a 429 carries none. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

export function handlingOf(outcome: Extract<SendOutcome, { ok: false }>): FailureHandling {
  const { status } = outcome;
  if (status === 429) return { kind: 'throttled', retryAfterMs: outcome.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS };
  if (status === 403 || status === 404) return { kind: 'gone' };
  if (status === undefined || RETRYABLE.has(status)) return { kind: 'retry' };
  return { kind: 'rejected' };
}

export interface BackoffSettings {
  readonly baseMs: number;
  readonly capMs: number;
}

/**
 * The wait before retry number `failures` (1 for the first retry): exponential with a cap, and "equal
 * jitter" (half fixed, half random) so that a burst of failures spreads out but each still waits.
 */
export function backoffMs(failures: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
