import { ReadableStream, type ReadableStreamDefaultController } from 'node:stream/web';
import type { LivePublisher, QnaLiveEvent, QnaRole } from '@peerloop/core';

/** Headers for a server-sent events response: no caching or buffering on the way to the tab. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

export interface SseHubOptions {
  /** How often an idle stream gets a comment, so proxies and the browser keep it open. */
  readonly keepAliveMs?: number;
  /** Frames a listener may fall behind before it is dropped (it reconnects and refetches the queue). */
  readonly maxQueuedFrames?: number;
}

/** What the browser waits before reconnecting a dropped stream, in ms (the `retry:` field). */
const RECONNECT_MS = 2000;

const encoder = new TextEncoder();
const KEEP_ALIVE = encoder.encode(': keep-alive\n\n');

interface Subscriber {
  readonly key: string;
  readonly controller: ReadableStreamDefaultController<Uint8Array>;
  readonly keepAlive: NodeJS.Timeout;
  readonly onAbort: () => void;
  readonly signal?: AbortSignal;
}

/** One frame of the stream; JSON never contains a raw line break, so one `data:` line carries it. */
function frame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

const keyOf = (tenantId: string, sessionId: string, audience: QnaRole) =>
  `${tenantId}\u0000${sessionId}\u0000${audience}`;

/**
 * Live Q&A over server-sent events from this process: each open side panel holds one stream, and a publish
 * reaches the streams of that tenant, session and audience only. Used by the local host; in Azure, Functions
 * scale out across instances, so live updates go through Azure Web PubSub instead (docs/adr/0004).
 *
 * A listener is only its stream: who is listening is never recorded here.
 */
export class SseHub implements LivePublisher {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly keepAliveMs: number;
  private readonly maxQueuedFrames: number;

  constructor(options: SseHubOptions = {}) {
    this.keepAliveMs = options.keepAliveMs ?? 15_000;
    this.maxQueuedFrames = options.maxQueuedFrames ?? 500;
  }

  /**
   * A `text/event-stream` body for one listener: a `retry:` hint and a `ready` event, then an `qna` event per
   * publish to this tenant, session and audience. It ends when the reader cancels, the signal aborts or the
   * hub closes, and errors (so the client reconnects) if the reader falls too far behind.
   */
  subscribe(tenantId: string, sessionId: string, audience: QnaRole, signal?: AbortSignal): ReadableStream<Uint8Array> {
    let subscriber: Subscriber | undefined;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        if (signal?.aborted) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(`retry: ${RECONNECT_MS}\n\n`));
        controller.enqueue(frame('ready', { sessionId }));
        const key = keyOf(tenantId, sessionId, audience);
        const keepAlive = setInterval(() => this.deliver(subscriber!, KEEP_ALIVE), this.keepAliveMs);
        keepAlive.unref();
        const onAbort = () => {
          if (this.remove(subscriber!)) controller.close();
        };
        subscriber = { key, controller, keepAlive, onAbort, ...(signal ? { signal } : {}) };
        signal?.addEventListener('abort', onAbort, { once: true });
        let set = this.subscribers.get(key);
        if (!set) {
          set = new Set();
          this.subscribers.set(key, set);
        }
        set.add(subscriber);
      },
      cancel: () => {
        if (subscriber) this.remove(subscriber);
      },
    });
  }

  async publish(tenantId: string, sessionId: string, audience: QnaRole, event: QnaLiveEvent): Promise<void> {
    const set = this.subscribers.get(keyOf(tenantId, sessionId, audience));
    if (!set || set.size === 0) return;
    const bytes = frame('qna', event);
    for (const subscriber of [...set]) this.deliver(subscriber, bytes);
  }

  /** Open streams, across all sessions (for tests and diagnostics). */
  subscriberCount(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /** Ends every stream (the host is shutting down). */
  close(): void {
    for (const set of [...this.subscribers.values()]) {
      for (const subscriber of [...set]) {
        if (this.remove(subscriber)) subscriber.controller.close();
      }
    }
  }

  private deliver(subscriber: Subscriber, bytes: Uint8Array): void {
    // desiredSize is the high-water mark (1 frame) minus what is queued: a reader that stopped reading
    // would otherwise make every publish grow its queue for as long as the session lasts.
    const queued = 1 - (subscriber.controller.desiredSize ?? 0);
    if (queued >= this.maxQueuedFrames) {
      if (this.remove(subscriber)) {
        subscriber.controller.error(new Error(`live stream dropped: the listener fell ${queued} frames behind`));
      }
      return;
    }
    subscriber.controller.enqueue(bytes);
  }

  /** Forgets a subscriber; true if it was still registered (so its stream is still open). */
  private remove(subscriber: Subscriber): boolean {
    const set = this.subscribers.get(subscriber.key);
    if (!set?.delete(subscriber)) return false;
    if (set.size === 0) this.subscribers.delete(subscriber.key);
    clearInterval(subscriber.keepAlive);
    subscriber.signal?.removeEventListener('abort', subscriber.onAbort);
    return true;
  }
}
