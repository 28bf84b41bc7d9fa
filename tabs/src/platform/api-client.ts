/** Error codes the PeerLoop API answers with, plus the two the client adds itself. */
export type ApiErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'reporting_line'
  | 'bad_request'
  | 'agreements_required'
  | 'rate_limited'
  | 'network'
  | 'unexpected';

/** One invalid field of a request body, e.g. `{ path: 'commonThreads.level', message: 'must not be empty' }`. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** Someone a `reporting_line` conflict names: in the person's management chain, or reporting to them. */
export interface RelatedPerson {
  readonly userId: string;
  readonly displayName: string;
  readonly relation: 'manager' | 'report';
}

/** A failed API call, typed so views can react to the outcome rather than to a status number. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
    readonly fields: readonly FieldError[] = [],
    readonly related: readonly RelatedPerson[] = [],
    /** From a 429's Retry-After header: how long to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
    /** agreements_required: the cohort whose agreements to accept. */
    readonly cohortId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Authenticated JSON calls to the API under `<baseUrl>/api`. */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
  /**
   * The response itself, for what the JSON calls hide: ETags and 304 Not Modified (conditional GETs) and
   * streamed bodies (server-sent events). A status other than 2xx or 304 still rejects as an ApiError.
   */
  request(path: string, init?: RawRequestInit): Promise<Response>;
  /** A file answer (e.g. an .ics download) as a Blob; the bearer header rules out a plain link. */
  download(path: string): Promise<Blob>;
}

export interface RawRequestInit {
  readonly method?: Method;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Extra headers, e.g. `If-None-Match`; Authorization is always set. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly accept?: string;
  readonly signal?: AbortSignal;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Returns the bearer token for each call: a Teams SSO token, or `dev:<userId>` in browser mode. */
  readonly getToken: () => Promise<string>;
  readonly fetch: FetchLike;
  /** Origin of the API, e.g. `https://func-peerloop.azurewebsites.net`; empty (the default) for the tab's own. */
  readonly baseUrl?: string;
}

const KNOWN_CODES = new Set<string>([
  'validation_failed',
  'not_found',
  'forbidden',
  'unauthenticated',
  'conflict',
  'reporting_line',
  'bad_request',
  'agreements_required',
  'rate_limited',
]);

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The URL of an API path such as `/cohorts`: `<baseUrl>/api/cohorts`, ignoring a trailing slash on `baseUrl`. */
export function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api${path}`;
}

/** Creates the API client; every call carries `Authorization: Bearer <token>`. */
export function createApiClient({ getToken, fetch: fetchImpl, baseUrl = '' }: ApiClientOptions): ApiClient {
  async function send(method: Method, path: string, body: unknown, accept: string, init: RawRequestInit = {}) {
    const token = await getToken().catch((error: unknown) => {
      throw new ApiError('unauthenticated', `You could not be signed in (${String(error)}).`, 0);
    });
    const headers: Record<string, string> = { ...init.headers, Accept: accept, Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(apiUrl(baseUrl, path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError('network', 'PeerLoop could not be reached. Check your connection and try again.', 0);
    }
    if (!response.ok && response.status !== 304) {
      throw toApiError(response.status, await response.json().catch(() => undefined), retryAfter(response));
    }
    return response;
  }
  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const response = await send(method, path, body, 'application/json');
    return (await response.json().catch(() => undefined)) as T;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    delete: (path) => call('DELETE', path),
    request: (path, init = {}) => send(init.method ?? 'GET', path, init.body, init.accept ?? 'application/json', init),
    download: async (path) => (await send('GET', path, undefined, '*/*')).blob(),
  };
}

/** Seconds from a Retry-After header (the API sends seconds), or null. */
function retryAfter(response: Response): number | null {
  const seconds = Number.parseInt(response.headers?.get('Retry-After') ?? '', 10);
  return Number.isNaN(seconds) ? null : seconds;
}

function toApiError(status: number, payload: unknown, retryAfterSeconds: number | null = null): ApiError {
  const error = (
    payload as
      | { error?: { code?: unknown; message?: unknown; fields?: unknown; related?: unknown; cohortId?: unknown } }
      | undefined
  )?.error;
  const code =
    typeof error?.code === 'string' && KNOWN_CODES.has(error.code) ? (error.code as ApiErrorCode) : 'unexpected';
  const message =
    typeof error?.message === 'string' && error.message !== ''
      ? error.message
      : `PeerLoop answered with an unexpected error (${status}).`;
  const fields = Array.isArray(error?.fields)
    ? error.fields.filter((f): f is FieldError => typeof f?.path === 'string' && typeof f?.message === 'string')
    : [];
  const related = Array.isArray(error?.related)
    ? error.related.filter(
        (r): r is RelatedPerson => typeof r?.userId === 'string' && typeof r?.displayName === 'string',
      )
    : [];
  const cohortId = typeof error?.cohortId === 'string' ? error.cohortId : null;
  return new ApiError(code, message, status, fields, related, retryAfterSeconds, cohortId);
}

/** A message fit to show a user for any error thrown by an API call. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'unauthenticated' && error.status !== 0) {
      return 'Your sign-in has expired or is not valid. Reload the tab to sign in again.';
    }
    return error.message;
  }
  return 'Something went wrong. Try again.';
}
