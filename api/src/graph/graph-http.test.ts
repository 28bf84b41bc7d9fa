import { DirectoryConsentRequired, DirectoryUnavailable, TooManyRequests } from '@peerloop/core';
import { GraphHttp, retryAfterSeconds, type GraphRequest } from './graph-http';

/** A scripted Graph: answers each call with the next reply (or throws it), recording what was sent. */
class ScriptedGraph {
  readonly sent: { url: string; init: RequestInit }[] = [];
  constructor(private readonly replies: (Response | Error)[]) {}
  readonly fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    this.sent.push({ url: String(url), init: init ?? {} });
    const next = this.replies.shift();
    if (!next) throw new Error('no more scripted replies');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const timeout = () => Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });

function client(script: ScriptedGraph, sleeps: number[] = [], log: string[] = []) {
  return new GraphHttp({
    endpoint: 'https://graph.example/v1.0',
    timeoutMs: 1000,
    maxAttempts: 3,
    maxRetryAfterSeconds: 10,
    log: (line) => log.push(line),
    fetch: script.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
}

const get: GraphRequest = {
  method: 'GET',
  path: '/me',
  query: { $select: 'id,displayName' },
  scopes: ['User.Read'],
  retryable: true,
};
const post: GraphRequest = {
  method: 'POST',
  path: '/me/events',
  body: { subject: 'x' },
  scopes: ['Calendars.ReadWrite'],
  retryable: false,
};

describe('Graph over HTTP', () => {
  it('sends the access token, the query percent-encoded, and reads the JSON answer', async () => {
    const script = new ScriptedGraph([json(200, { id: 'u-1' })]);
    expect(await client(script).send('graph-token', get)).toEqual({ id: 'u-1' });
    expect(script.sent[0]!.url).toBe('https://graph.example/v1.0/me?$select=id%2CdisplayName');
    expect((script.sent[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer graph-token');
  });

  it('waits out a 429 for its Retry-After, and retries 503s and timeouts with backoff', async () => {
    const sleeps: number[] = [];
    const throttled = new ScriptedGraph([json(429, {}, { 'retry-after': '3' }), json(200, { id: 'u-1' })]);
    expect(await client(throttled, sleeps).send('t', get)).toEqual({ id: 'u-1' });
    expect(sleeps).toEqual([3000]);

    const flaky = new ScriptedGraph([json(503, { error: { code: 'serviceNotAvailable' } }), timeout(), json(200, {})]);
    sleeps.length = 0;
    expect(await client(flaky, sleeps).send('t', get)).toEqual({});
    expect(sleeps).toEqual([375, 750]);
  });

  it('gives up with 429 + Retry-After when asked to wait too long, and after its last attempt', async () => {
    const long = new ScriptedGraph([json(429, {}, { 'retry-after': '90' })]);
    await expect(client(long).send('t', get)).rejects.toEqual(expect.any(TooManyRequests));
    const always = new ScriptedGraph([json(503, {}), json(503, {}), json(503, {}, { 'retry-after': '7' })]);
    const error = await client(always)
      .send('t', get)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryUnavailable);
    expect((error as DirectoryUnavailable).retryAfterSeconds).toBe(7);
  });

  it('does not repeat a request that is unsafe to repeat after a 5xx or a timeout, but does after a 429', async () => {
    const failed = new ScriptedGraph([json(504, {})]);
    await expect(client(failed).send('t', post)).rejects.toBeInstanceOf(DirectoryUnavailable);
    expect(failed.sent).toHaveLength(1);
    const slow = new ScriptedGraph([timeout()]);
    await expect(client(slow).send('t', post)).rejects.toThrow('did not answer in time');
    const throttled = new ScriptedGraph([json(429, {}, { 'retry-after': '1' }), json(201, { id: 'e-1' })]);
    expect(await client(throttled).send('t', post)).toEqual({ id: 'e-1' });
  });

  it('turns a 403 into a consent error naming the scopes, and a 404 into null when asked', async () => {
    const log: string[] = [];
    const denied = new ScriptedGraph([json(403, { error: { code: 'ErrorAccessDenied' } }, { 'request-id': 'r-1' })]);
    const error = (await client(denied, [], log)
      .send('t', post)
      .catch((e: unknown) => e)) as DirectoryConsentRequired;
    expect(error).toBeInstanceOf(DirectoryConsentRequired);
    expect(error.scopes).toEqual(['Calendars.ReadWrite']);
    expect(error.message).toContain('admin consent');
    expect(log).toEqual(['POST /me/events: 403 ErrorAccessDenied (attempt 1, request-id r-1)']);

    const missing = new ScriptedGraph([json(404, { error: { code: 'Request_ResourceNotFound' } })]);
    expect(await client(missing).send('t', { ...get, path: '/me/manager', notFoundAsNull: true })).toBeNull();
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('12')).toBe(12);
    expect(retryAfterSeconds(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(30);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});
