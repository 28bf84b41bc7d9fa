import type { QnaLiveEvent, QueueView } from '@peerloop/core';
import { createApiClient } from '../../platform/api-client';
import type { FetchLike } from '../../platform/api-client';
import { aQuestion, aQueue } from '../../test-support/fake-api';
import { SseParser, openLive } from './live-connection';
import type { SocketLike } from './live-connection';
import { LiveQueue } from './live-queue';
import type { LiveQueueSnapshot } from './live-queue';
import { arrange } from './queue-state';

/** The queue routes of the API as this test needs them: a readable queue with ETags and an event stream. */
class QueueServer {
  view: QueueView = aQueue({ questions: [aQuestion({ id: 'q-1', text: 'First', mine: true, canEdit: true })] });
  /** What GET /questions/connection answers; null answers 404 (an API without live updates). */
  connection: unknown = { transport: 'sse', url: '/api/sessions/s-1/questions/live' };
  readonly reads: (string | undefined)[] = [];
  streamsOpened = 0;
  private streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  private readonly encoder = new TextEncoder();

  readonly fetch: FetchLike = async (input, init = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const path = new URL(input, 'http://tab.test').pathname;
    if (path === '/api/sessions/s-1/questions') {
      this.reads.push(headers['If-None-Match']);
      const etag = `"${this.view.revision}"`;
      if (headers['If-None-Match'] === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
      return Response.json(this.view, { headers: { ETag: etag } });
    }
    if (path === '/api/sessions/s-1/questions/connection') {
      return this.connection ? Response.json(this.connection) : Response.json({ error: {} }, { status: 404 });
    }
    if (path === '/api/sessions/s-1/questions/live') {
      this.streamsOpened += 1;
      let opened: ReadableStreamDefaultController<Uint8Array> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => {
          opened = controller;
          this.streams.push(controller);
          controller.enqueue(this.encoder.encode(': hello\n\nevent: ready\ndata: {}\n\n'));
        },
      });
      init.signal?.addEventListener('abort', () => {
        this.streams = this.streams.filter((stream) => stream !== opened);
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    }
    return Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
  };

  /** Changes the stored queue (a new revision) and sends the event to every open stream. */
  publish(event: QnaLiveEvent, view: QueueView = this.view): void {
    this.view = { ...view, revision: this.view.revision + 1 };
    const frame = `event: qna\ndata: ${JSON.stringify(event)}\n\n`;
    // Split mid-frame, as a network may: the parser must join the pieces.
    const middle = Math.floor(frame.length / 2);
    for (const stream of this.streams) {
      stream.enqueue(this.encoder.encode(frame.slice(0, middle)));
      stream.enqueue(this.encoder.encode(frame.slice(middle)));
    }
  }

  /** Ends every open stream, as a restarting server does. */
  drop(): void {
    for (const stream of this.streams.splice(0)) stream.close();
  }
}

async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

function start(server: QueueServer, options: { openSocket?: (url: string) => SocketLike } = {}) {
  const snapshots: LiveQueueSnapshot[] = [];
  const added: string[] = [];
  const queue = new LiveQueue({
    api: createApiClient({ getToken: async () => 'dev:u-ada', fetch: server.fetch }),
    sessionId: 's-1',
    onChange: (snapshot) => snapshots.push(snapshot),
    onAdded: (questions) => added.push(...questions.map((q) => q.text)),
    batchMs: 10,
    pollMs: 20,
    backoffMs: { first: 30, max: 60 },
    ...options,
  });
  queue.start();
  const last = () => snapshots.at(-1);
  const live = () => texts(last());
  return { queue, snapshots, added, last, live };
}

const texts = (snapshot: LiveQueueSnapshot | undefined) =>
  snapshot?.state ? arrange(snapshot.state).live.map((q) => q.text) : [];

const newQuestion = (id: string, text: string, fields = {}) =>
  aQuestion({ id, text, createdAt: `2031-03-04T12:3${id.length}:00.000Z`, ...fields });

describe('the live queue', () => {
  let running: LiveQueue | null = null;
  afterEach(() => running?.stop());

  it('reads the queue, goes live, reads again conditionally, and merges events as they arrive', async () => {
    const server = new QueueServer();
    const { queue, last, live, added } = start(server);
    running = queue;

    await eventually(() => expect(last()?.mode).toBe('live'));
    // The read after "ready" is conditional: nothing changed, so 304.
    await eventually(() => expect(server.reads).toEqual([undefined, '"1"']));
    expect(live()).toEqual(['First']);

    const second = newQuestion('q-22', 'Second', { votes: 2 });
    server.publish({ sessionId: 's-1', questions: [second], removed: [] });
    await eventually(() => expect(live()).toEqual(['Second', 'First']));
    expect(added).toEqual(['Second']);
    // The reader's own flags survive a public copy of their question.
    server.publish({
      sessionId: 's-1',
      questions: [aQuestion({ id: 'q-1', text: 'First', votes: 5, revision: 2 })],
      removed: [],
    });
    await eventually(() => expect(live()).toEqual(['First', 'Second']));
    expect(last()?.state?.byId.get('q-1')).toMatchObject({ mine: true, canEdit: true, votes: 5 });
  });

  it('renders a burst of events once', async () => {
    const server = new QueueServer();
    const { queue, last, snapshots, live } = start(server);
    running = queue;
    await eventually(() => expect(last()?.mode).toBe('live'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = snapshots.length;

    for (let i = 0; i < 20; i++) {
      server.publish({ sessionId: 's-1', questions: [newQuestion(`burst-${i}`, `Burst ${i}`)], removed: [] });
    }
    await eventually(() => expect(live()).toHaveLength(21));
    expect(snapshots.length - before).toBeLessThanOrEqual(2);
  });

  it('polls while the connection is down, reconnects, and reads what it missed', async () => {
    const server = new QueueServer();
    const { queue, last, live } = start(server);
    running = queue;
    await eventually(() => expect(last()?.mode).toBe('live'));

    server.drop();
    await eventually(() => expect(last()?.mode).toBe('polling'));
    // A change while nobody listens is read on the next poll or after reconnecting.
    server.view = {
      ...server.view,
      questions: [...server.view.questions, newQuestion('q-333', 'Missed')],
      revision: 9,
    };
    await eventually(() => expect(live()).toEqual(['First', 'Missed']));
    await eventually(() => expect(last()?.mode).toBe('live'));
    expect(server.streamsOpened).toBe(2);
    expect(server.reads).toContain('"1"');
  });

  it('only polls, with If-None-Match, when the API has no live connection', async () => {
    const server = new QueueServer();
    server.connection = null;
    const { queue, last, live } = start(server);
    running = queue;
    await eventually(() => expect(last()?.mode).toBe('polling'));
    await eventually(() => expect(server.reads.filter((etag) => etag === '"1"').length).toBeGreaterThanOrEqual(2));

    server.view = {
      ...server.view,
      questions: [...server.view.questions, newQuestion('q-4444', 'Polled')],
      revision: 5,
    };
    await eventually(() => expect(live()).toEqual(['First', 'Polled']));
    expect(server.streamsOpened).toBe(0);
  });

  it('reads again when an event removes one of the reader’s own questions (it may only be pending)', async () => {
    const server = new QueueServer();
    const { queue, last, live } = start(server);
    running = queue;
    await eventually(() => expect(last()?.mode).toBe('live'));
    const reads = server.reads.length;

    const pending = aQuestion({ id: 'q-1', text: 'First', state: 'pending', mine: true, canEdit: true, revision: 2 });
    server.publish({ sessionId: 's-1', questions: [], removed: ['q-1'] }, { ...server.view, questions: [pending] });
    await eventually(() => expect(server.reads.length).toBe(reads + 1));
    await eventually(() => expect(last()?.state?.byId.get('q-1')?.state).toBe('pending'));
    expect(live()).toEqual(['First']);
  });

  it('listens on a Web PubSub WebSocket when the API offers one', async () => {
    const server = new QueueServer();
    server.connection = { transport: 'websocket', url: 'wss://pubsub.example/client?token=t', expiresAt: '2031-01-01' };
    const sockets: (SocketLike & { url: string })[] = [];
    const openSocket = (url: string) => {
      const socket = { url, onopen: null, onmessage: null, onclose: null, onerror: null, close: jest.fn() };
      sockets.push(socket);
      return socket;
    };
    const { queue, last, live } = start(server, { openSocket });
    running = queue;
    await eventually(() => expect(sockets).toHaveLength(1));
    sockets[0]!.onopen?.({});
    await eventually(() => expect(last()?.mode).toBe('live'));
    const event = { sessionId: 's-1', questions: [newQuestion('q-55', 'Via socket', { votes: 1 })], removed: [] };
    sockets[0]!.onmessage?.({ data: JSON.stringify(event) });
    await eventually(() => expect(live()).toEqual(['Via socket', 'First']));
    expect(sockets[0]!.url).toBe('wss://pubsub.example/client?token=t');

    queue.stop();
    expect(sockets[0]!.close).toHaveBeenCalled();
  });
});

describe('server-sent events', () => {
  it('parses events split anywhere, with CRLF, comments and multi-line data', () => {
    const parser = new SseParser();
    const stream = ': heartbeat\r\n\r\nevent: qna\r\ndata: {"a":\r\ndata: 1}\r\n\r\nid: 7\nevent: ready\ndata: x\n\n';
    const messages = [];
    for (const char of stream) messages.push(...parser.feed(char));
    expect(messages).toEqual([
      { event: 'qna', data: '{"a":\n1}' },
      { event: 'ready', data: 'x' },
    ]);
  });

  it('sends the bearer token (EventSource could not), and reports the end of the stream', async () => {
    let authorization = '';
    const fetch: FetchLike = async (_input, init) => {
      authorization = (init?.headers as Record<string, string>).Authorization ?? '';
      return new Response('event: ready\ndata: {}\n\n', { headers: { 'Content-Type': 'text/event-stream' } });
    };
    const api = createApiClient({ getToken: async () => 'dev:u-ada', fetch });
    const seen: string[] = [];
    await openLive(
      api,
      's-1',
      { transport: 'sse', url: '/api/sessions/s-1/questions/live' },
      { onReady: () => seen.push('ready'), onEvent: () => seen.push('event'), onClosed: () => seen.push('closed') },
      null,
    );
    await eventually(() => expect(seen).toEqual(['ready', 'closed']));
    expect(authorization).toBe('Bearer dev:u-ada');
  });

  it('closes a stream that went quiet (no keep-alive), so the queue reconnects', async () => {
    const fetch: FetchLike = async () =>
      new Response(
        new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('event: ready\ndata: {}\n\n')) }),
      );
    const api = createApiClient({ getToken: async () => 't', fetch });
    const seen: string[] = [];
    await openLive(
      api,
      's-1',
      { transport: 'sse', url: '/api/sessions/s-1/questions/live' },
      { onReady: () => seen.push('ready'), onEvent: () => seen.push('event'), onClosed: () => seen.push('closed') },
      null,
      30,
    );
    await eventually(() => expect(seen).toEqual(['ready', 'closed']));
  });
});
