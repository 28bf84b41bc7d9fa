import { randomUUID } from 'node:crypto';
import { DirectoryConsentRequired, DirectoryUnavailable, TooManyRequests } from '@peerloop/core';
import type { GraphLog } from './on-behalf-of.js';

/** One Microsoft Graph call. */
export interface GraphRequest {
  readonly method: 'GET' | 'POST';
  /** Below the endpoint, e.g. `/me/events`. */
  readonly path: string;
  /** Query parameters, e.g. `{ $select: 'id,displayName' }`; values are percent-encoded (spaces as %20). */
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** The scopes the access token was asked for: named when Graph refuses for want of consent. */
  readonly scopes: readonly string[];
  /**
   * Safe to send again after a timeout or a 5xx: a GET, or a POST that carries its own idempotency key (an
   * event's transactionId). A 429 is always retried, since Graph did not act on it.
   */
  readonly retryable: boolean;
  /** Answer 404 as null rather than failing (e.g. "no manager"). */
  readonly notFoundAsNull?: boolean;
}

export interface GraphHttpOptions {
  /** e.g. https://graph.microsoft.com/v1.0 */
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly maxRetryAfterSeconds: number;
  readonly log: GraphLog;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

interface GraphErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string };
}

const RETRIED_STATUSES = new Set([500, 502, 503, 504]);
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8000;

/**
 * Microsoft Graph over fetch: a timeout per attempt, 429 retried after its Retry-After (when that is short
 * enough to wait within a request), 5xx and timeouts retried with exponential backoff and jitter when the
 * request is safe to repeat, and every failure turned into a domain error a person can act on.
 */
export class GraphHttp {
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: GraphHttpOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  async send<T>(accessToken: string, request: GraphRequest): Promise<T | null> {
    const url = this.urlOf(request);
    const what = `${request.method} ${request.path}`;
    for (let attempt = 1; ; attempt += 1) {
      const last = attempt >= this.options.maxAttempts;
      let response: Response;
      try {
        response = await this.fetch(url, {
          method: request.method,
          headers: {
            authorization: `Bearer ${accessToken}`,
            accept: 'application/json',
            'client-request-id': randomUUID(),
            ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        const reason = (error as { name?: string }).name === 'TimeoutError' ? 'timed out' : 'could not connect';
        this.options.log(`${what}: ${reason} (attempt ${attempt})`);
        if (last || !request.retryable)
          throw new DirectoryUnavailable('Microsoft 365 did not answer in time: try again', 30);
        await this.sleep(this.backoff(attempt));
        continue;
      }

      if (response.ok) {
        const text = await response.text();
        try {
          return (text ? JSON.parse(text) : null) as T | null;
        } catch {
          throw new DirectoryUnavailable(`Microsoft 365 answered ${what} with something that is not JSON`);
        }
      }
      if (response.status === 404 && request.notFoundAsNull) {
        await response.body?.cancel();
        return null;
      }
      const body = (await response.json().catch(() => ({}))) as GraphErrorBody;
      const code = body.error?.code ?? 'unknown';
      const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
      this.options.log(
        `${what}: ${response.status} ${code} (attempt ${attempt}, request-id ${response.headers.get('request-id') ?? '-'})`,
      );

      if (response.status === 429) {
        const wait = retryAfter ?? this.backoff(attempt) / 1000;
        if (!last && wait <= this.options.maxRetryAfterSeconds) {
          await this.sleep(wait * 1000);
          continue;
        }
        throw new TooManyRequests(
          'Microsoft 365 is throttling PeerLoop right now: try again shortly',
          Math.max(1, Math.ceil(wait)),
        );
      }
      if (RETRIED_STATUSES.has(response.status)) {
        const wait = retryAfter !== undefined ? retryAfter * 1000 : this.backoff(attempt);
        if (!last && request.retryable && wait <= this.options.maxRetryAfterSeconds * 1000) {
          await this.sleep(wait);
          continue;
        }
        throw new DirectoryUnavailable('Microsoft 365 is not available right now: try again shortly', retryAfter ?? 30);
      }
      if (response.status === 403) {
        const named = request.scopes.map((scope) => scope.replace(/^https:\/\/graph\.microsoft\.com\//, ''));
        throw new DirectoryConsentRequired(
          named,
          `Microsoft 365 refused PeerLoop access (${code}). PeerLoop needs these delegated permissions for you: ` +
            `${named.join(', ')}. Ask your Microsoft 365 admin to grant them to PeerLoop (admin consent), then try again.`,
        );
      }
      if (response.status === 401) {
        throw new DirectoryUnavailable("Microsoft 365 did not accept PeerLoop's access token: try again shortly", 30);
      }
      throw new DirectoryUnavailable(`Microsoft 365 could not do this (${response.status} ${code})`);
    }
  }

  private urlOf(request: GraphRequest): string {
    const query = Object.entries(request.query ?? {})
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&');
    return `${this.options.endpoint}${request.path}${query ? `?${query}` : ''}`;
  }

  /** Exponential backoff with full jitter, in milliseconds. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}

/** Retry-After as seconds (Graph sends seconds; an HTTP date is accepted too). */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
