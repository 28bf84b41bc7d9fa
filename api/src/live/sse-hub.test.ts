import type { ReadableStream } from 'node:stream/web';
import type { QnaLiveEvent } from '@peerloop/core';
import { SseHub } from './sse-hub';

/** One server-sent event as a browser's EventSource would parse it (comments kept, to see keep-alives). */
interface SseFrame {
  readonly event?: string;
  readonly data?: string;
  readonly retry?: number;
  readonly comment?: string;
}

function parseSse(text: string): SseFrame[] {
  return text
    .split('\n\n')
    .filter((block) => block.length > 0)
    .map((block) => {
      const frame: { event?: string; data?: string; retry?: number; comment?: string } = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comment = line.slice(1).trim();
        else {
          const colon = line.indexOf(':');
          const field = line.slice(0, colon);
          const value = line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') frame.event = value;
          else if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
          else if (field === 'retry') frame.retry = Number(value);
          else throw new Error(`unexpected SSE field "${field}" in ${JSON.stringify(block)}`);
        }
      }
      return frame;
    });
}

/** Reads until the stream ends. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
  return text;
}

/** Reads what has been queued so far, without waiting for more. */
async function readQueued(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setImmediate(() => resolve(null)))]);
    if (next === null || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  reader.releaseLock();
  return text;
}

const anEvent = (sessionId: string, text = 'How do you run a blameless post-mortem?'): QnaLiveEvent => ({
  sessionId,
  questions: [
    {
      id: 'q-1',
      sessionId,
      text,
      anonymous: true,
      askedBy: null,
      state: 'open',
      votes: 3,
      pinned: false,
      position: null,
      answer: null,
      carriedFrom: null,
      carriedTo: null,
      createdAt: '2030-01-07T12:05:00.000Z',
      updatedAt: '2030-01-07T12:06:00.000Z',
      revision: 4,
      votedByMe: false,
      mine: false,
      canEdit: false,
    },
  ],
  removed: ['q-0'],
});

describe('SseHub (live Q&A over server-sent events)', () => {
  afterEach(() => jest.useRealTimers());

  it('starts each stream with a reconnect delay and a ready event', async () => {
    const hub = new SseHub();
    const stream = hub.subscribe('tenant-a', 'session-1', 'participant');
    hub.close();
    expect(parseSse(await readAll(stream))).toEqual([
      { retry: 2000 },
      { event: 'ready', data: JSON.stringify({ sessionId: 'session-1' }) },
    ]);
  });

  it('delivers an event only to listeners of the same tenant, session and audience', async () => {
    const hub = new SseHub();
    const matching = hub.subscribe('tenant-a', 'session-1', 'participant');
    const alsoMatching = hub.subscribe('tenant-a', 'session-1', 'participant');
    const hosts = hub.subscribe('tenant-a', 'session-1', 'host');
    const otherSession = hub.subscribe('tenant-a', 'session-2', 'participant');
    const otherTenant = hub.subscribe('tenant-b', 'session-1', 'participant');

    const event = anEvent('session-1', 'Line one\nline two, "quoted" and </script>');
    await hub.publish('tenant-a', 'session-1', 'participant', event);
    hub.close();

    const [a, b, h, s, t] = await Promise.all([matching, alsoMatching, hosts, otherSession, otherTenant].map(readAll));
    for (const text of [a, b]) {
      const qna = parseSse(text!).filter((frame) => frame.event === 'qna');
      expect(qna).toHaveLength(1);
      expect(JSON.parse(qna[0]!.data!)).toEqual(event);
    }
    for (const text of [h, s, t])
      expect(parseSse(text!).map((frame) => frame.event ?? 'retry')).toEqual(['retry', 'ready']);
  });

  it('keeps its keep-alive timers from holding the process open', () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    const hub = new SseHub();
    try {
      hub.subscribe('tenant-a', 'session-1', 'host');
      hub.subscribe('tenant-a', 'session-2', 'host');
      expect(hub.subscriberCount()).toBe(2);
      expect(timers()).toBe(before);
    } finally {
      hub.close();
    }
  });

  it('keeps an idle stream alive with a comment every 15 seconds', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    const hub = new SseHub();
    const stream = hub.subscribe('tenant-a', 'session-1', 'host');
    await readQueued(stream);

    jest.advanceTimersByTime(14_999);
    expect(await readQueued(stream)).toBe('');
    jest.advanceTimersByTime(1);
    expect(parseSse(await readQueued(stream))).toEqual([{ comment: 'keep-alive' }]);
    hub.close();
  });

  it('forgets a listener and its timer when the reader cancels the stream', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    const hub = new SseHub();
    const stream = hub.subscribe('tenant-a', 'session-1', 'participant');
    const other = hub.subscribe('tenant-a', 'session-1', 'participant');
    expect(hub.subscriberCount()).toBe(2);
    expect(jest.getTimerCount()).toBe(2);

    await stream.cancel();
    expect(hub.subscriberCount()).toBe(1);
    expect(jest.getTimerCount()).toBe(1);
    await hub.publish('tenant-a', 'session-1', 'participant', anEvent('session-1'));

    hub.close();
    expect(hub.subscriberCount()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    expect(parseSse(await readAll(other)).filter((frame) => frame.event === 'qna')).toHaveLength(1);
  });

  it('ends a stream and forgets its listener when the request signal aborts', async () => {
    const hub = new SseHub();
    const request = new AbortController();
    const stream = hub.subscribe('tenant-a', 'session-1', 'participant', request.signal);
    expect(hub.subscriberCount()).toBe(1);
    request.abort();
    expect(hub.subscriberCount()).toBe(0);
    expect(parseSse(await readAll(stream)).map((frame) => frame.event ?? 'retry')).toEqual(['retry', 'ready']);

    const already = hub.subscribe('tenant-a', 'session-1', 'participant', AbortSignal.abort());
    expect(hub.subscriberCount()).toBe(0);
    expect(await readAll(already)).toBe('');
  });

  it('drops a listener that stopped reading instead of queueing without bound; it errors so the client reconnects', async () => {
    const hub = new SseHub({ maxQueuedFrames: 50 });
    const stuck = hub.subscribe('tenant-a', 'session-1', 'participant');
    const reading = hub.subscribe('tenant-a', 'session-1', 'participant');
    const received: string[] = [];
    const drain = (async () => {
      for await (const chunk of reading) received.push(new TextDecoder().decode(chunk));
    })();

    const publish = async (times: number) => {
      for (let i = 0; i < times; i++) {
        await hub.publish('tenant-a', 'session-1', 'participant', anEvent('session-1'));
        await new Promise((resolve) => setImmediate(resolve)); // the reading listener keeps up
      }
    };

    // retry + ready + 48 events = 50 frames queued for the stuck listener: still there.
    await publish(48);
    expect(hub.subscriberCount()).toBe(2);
    await publish(10);
    expect(hub.subscriberCount()).toBe(1);
    await expect(readAll(stuck)).rejects.toThrow(/fell \d+ frames behind/);

    hub.close();
    await drain;
    expect(parseSse(received.join('')).filter((frame) => frame.event === 'qna')).toHaveLength(58);
  });

  it('publishes to nobody without error, and by default tolerates a backlog of 500 frames', async () => {
    const hub = new SseHub();
    await expect(hub.publish('tenant-a', 'nobody-listens', 'host', anEvent('nobody-listens'))).resolves.toBeUndefined();
    const stuck = hub.subscribe('tenant-a', 'session-1', 'host');
    for (let i = 0; i < 497; i++) await hub.publish('tenant-a', 'session-1', 'host', anEvent('session-1'));
    expect(hub.subscriberCount()).toBe(1);
    for (let i = 0; i < 2; i++) await hub.publish('tenant-a', 'session-1', 'host', anEvent('session-1'));
    expect(hub.subscriberCount()).toBe(0);
    await expect(readAll(stuck)).rejects.toThrow(/behind/);
  });
});
