import { ReadableStream } from 'node:stream/web';
import type { QnaRole } from '@peerloop/core';
import type { Runtime } from '../composition';
import type { RouteDefinition } from '../http/route';
import { startLocalHost, type LocalHost } from '../local/local-host';
import { SSE_HEADERS, SseHub } from './sse-hub';

// The local host serves streamed Functions responses the way the Functions host does with HTTP streams on:
// these tests run the SSE hub behind it over real HTTP, as a tab would in `npm start`.

const route = (name: string, path: string, handle: RouteDefinition['handle']): RouteDefinition => ({
  name,
  methods: ['GET'],
  route: path,
  handle,
});

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Reads a streamed body until `until` appears in what was read so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: string, sofar = ''): Promise<string> {
  const decoder = new TextDecoder();
  let text = sofar;
  while (!text.includes(until)) {
    const next = await reader.read();
    if (next.done) throw new Error(`stream ended before "${until}"; got ${JSON.stringify(text)}`);
    text += decoder.decode(next.value, { stream: true });
  }
  return text;
}

describe('local host: streamed responses (server-sent events)', () => {
  let hub: SseHub;
  let host: LocalHost;
  let generatorFinished: boolean;

  beforeEach(async () => {
    hub = new SseHub();
    generatorFinished = false;
    const routes = [
      route('live', 'sessions/{sessionId}/questions/live', async (request) => ({
        headers: SSE_HEADERS,
        body: hub.subscribe(
          'tenant-a',
          request.params.sessionId!,
          (request.query.get('as') ?? 'participant') as QnaRole,
        ),
      })),
      route('ticks', 'ticks', async () => ({
        headers: { 'content-type': 'text/plain' },
        body: (async function* () {
          try {
            for (let i = 0; ; i++) {
              yield new TextEncoder().encode(`tick ${i}\n`);
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
          } finally {
            generatorFinished = true;
          }
        })(),
      })),
      route('short', 'short', async () => ({
        body: (async function* () {
          yield new TextEncoder().encode('one ');
          yield new TextEncoder().encode('two');
        })(),
      })),
      route('broken', 'broken', async () => ({
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('partial'));
            setTimeout(() => controller.error(new Error('the source failed')), 20);
          },
        }),
      })),
      route('bytes', 'bytes', async () => ({ body: new TextEncoder().encode('plain bytes') })),
      route('json', 'json', async () => ({ status: 201, jsonBody: { ok: true } })),
    ];
    host = await startLocalHost({ runtime: {} as Runtime, routes, host: '127.0.0.1', port: 0 });
  });

  afterEach(async () => {
    hub.close();
    await host.close();
  });

  it('sends the event-stream headers at once, then each event as it is published', async () => {
    const client = new AbortController();
    const response = await fetch(`${host.url}/api/sessions/session-1/questions/live`, { signal: client.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');

    const reader = response.body!.getReader();
    let text = await readUntil(reader, 'event: ready\n');
    expect(text.startsWith('retry: 2000\n\n')).toBe(true);

    await hub.publish('tenant-a', 'session-1', 'participant', {
      sessionId: 'session-1',
      questions: [],
      removed: ['q-1'],
    });
    text = await readUntil(reader, '\n\nevent: qna\n', text);
    text = await readUntil(reader, '"removed":["q-1"]}\n\n', text);
    client.abort();
  });

  it('cancels the stream, and the hub forgets the listener, when the client disconnects', async () => {
    const client = new AbortController();
    const response = await fetch(`${host.url}/api/sessions/session-1/questions/live?as=host`, {
      signal: client.signal,
    });
    await readUntil(response.body!.getReader(), 'event: ready');
    expect(hub.subscriberCount()).toBe(1);

    client.abort();
    await waitFor(() => hub.subscriberCount() === 0, 'the hub to drop the disconnected listener');
  });

  it('streams an async iterable body and stops iterating when the client goes away', async () => {
    const client = new AbortController();
    const response = await fetch(`${host.url}/api/ticks`, { signal: client.signal });
    expect(response.headers.get('content-type')).toBe('text/plain');
    await readUntil(response.body!.getReader(), 'tick 2\n');
    client.abort();
    await waitFor(() => generatorFinished, 'the generator to be closed');
  });

  it('ends the response when a streamed body ends', async () => {
    const response = await fetch(`${host.url}/api/short`);
    expect(await response.text()).toBe('one two');
  });

  it('cuts the connection when a streamed body fails, so the client does not mistake it for complete', async () => {
    const response = await fetch(`${host.url}/api/broken`);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(response.text()).rejects.toThrow();
      expect(warn).toHaveBeenCalledWith('[host] response stream failed:', 'the source failed');
    } finally {
      warn.mockRestore();
    }
  });

  it('still answers JSON and byte bodies whole', async () => {
    const json = await fetch(`${host.url}/api/json`);
    expect(json.status).toBe(201);
    expect(json.headers.get('content-type')).toBe('application/json');
    expect(await json.json()).toEqual({ ok: true });

    const bytes = await fetch(`${host.url}/api/bytes`);
    expect(await bytes.text()).toBe('plain bytes');
  });
});
