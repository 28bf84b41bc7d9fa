/**
 * A failure described without anything it carries: no message, no request or response body, no stack text.
 * Q&A errors may hold question text or an asker's identity (an SDK error keeps the request it failed on),
 * so Q&A flows log only this: the error's class, HTTP status and code.
 */
export function describeFailure(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  const name = error instanceof Error ? error.constructor.name || 'Error' : 'non-Error object';
  const status = typeof statusCode === 'number' ? ` HTTP ${statusCode}` : '';
  const reason = typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code) ? ` ${code}` : '';
  return `${name}${status}${reason}`;
}

/** The HTTP status of a failed Bot Connector call, when it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Seconds to wait before retrying a throttled (429) call, from its Retry-After header; `fallback` without one. */
export function retryAfterSeconds(error: unknown, fallback: number): number {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } } | null)
    ?.response?.headers;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  const seconds = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : fallback;
}
