import type { QnaLiveEvent } from '@peerloop/core';
import type { ApiClient } from '../../platform/api-client';
import type { LiveConnection } from './qna-api';

/** What a live connection reports to the queue that opened it. */
export interface LiveHandlers {
  /** Connected: from here on every change arrives as an event (the queue reads itself once more). */
  readonly onReady: () => void;
  readonly onEvent: (event: QnaLiveEvent) => void;
  /** The connection ended or failed; the queue decides when to try again. */
  readonly onClosed: (error?: unknown) => void;
}

/** An open live connection; `close` is safe to call twice and reports nothing. */
export interface LiveSubscription {
  close(): void;
}

/** The connection kind cannot work here (no streaming fetch, no WebSocket): poll instead, do not retry. */
export class LiveUnsupported extends Error {}

/** The parts of a browser WebSocket the queue uses (so tests can pass a fake). */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}

export type OpenSocket = (url: string) => SocketLike;

/** One server-sent event: its `event:` name (default "message") and its joined `data:` lines. */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
}

/**
 * Incremental text/event-stream parser: feed it decoded text as it arrives, get back the complete events.
 * Comments (heartbeats), `id:` and `retry:` lines are ignored; CRLF, CR and LF all end a line.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  feed(text: string): SseMessage[] {
    this.buffer += text;
    const messages: SseMessage[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const char = this.buffer[i];
      if (char !== '\n' && char !== '\r') continue;
      // A CR at the very end may be half of a CRLF: wait for the next chunk to tell.
      if (char === '\r' && i === this.buffer.length - 1) break;
      const line = this.buffer.slice(start, i);
      if (char === '\r' && this.buffer[i + 1] === '\n') i++;
      start = i + 1;
      const message = this.line(line);
      if (message) messages.push(message);
    }
    this.buffer = this.buffer.slice(start);
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      const message = this.data.length > 0 ? { event: this.event || 'message', data: this.data.join('\n') } : null;
      this.event = '';
      this.data = [];
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return null;
  }
}

/**
 * The API sends a comment every 15 s on an idle stream; this long without a byte means the connection died
 * silently (a laptop that slept, a proxy that dropped it), so it is closed and opened again.
 */
const SSE_IDLE_MS = 45_000;

/**
 * Opens the queue's live connection. Server-sent events are read with fetch and a stream reader, because
 * the API needs the Authorization header that EventSource cannot send; "ready" arrives once the server
 * listens, then each "qna" event carries a QnaLiveEvent. Web PubSub sends one QnaLiveEvent per text frame.
 */
export async function openLive(
  api: ApiClient,
  sessionId: string,
  connection: LiveConnection,
  handlers: LiveHandlers,
  openSocket: OpenSocket | null,
  idleMs = SSE_IDLE_MS,
): Promise<LiveSubscription> {
  if (connection.transport === 'websocket') {
    if (!openSocket) throw new LiveUnsupported('WebSocket is not available');
    return openWebSocket(connection.url, handlers, openSocket);
  }
  return openEventStream(api, ssePath(sessionId, connection.url), handlers, idleMs);
}

/** The API path of the event stream: the connection's URL without its `/api` prefix, else the known route. */
function ssePath(sessionId: string, url: string): string {
  return url.startsWith('/api/') ? url.slice(4) : `/sessions/${encodeURIComponent(sessionId)}/questions/live`;
}

async function openEventStream(
  api: ApiClient,
  path: string,
  handlers: LiveHandlers,
  idleMs: number,
): Promise<LiveSubscription> {
  if (typeof TextDecoder === 'undefined') throw new LiveUnsupported('no TextDecoder');
  const abort = new AbortController();
  const response = await api.request(path, { accept: 'text/event-stream', signal: abort.signal });
  const reader = response.body?.getReader();
  if (!reader) {
    abort.abort();
    throw new LiveUnsupported('the response cannot be streamed');
  }
  let closed = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const finish = (error?: unknown) => {
    clearTimeout(idle);
    if (closed) return;
    closed = true;
    abort.abort();
    handlers.onClosed(error);
  };
  const awake = () => {
    clearTimeout(idle);
    idle = setTimeout(() => finish(new Error('the event stream went quiet')), idleMs);
  };
  awake();
  void (async () => {
    const decoder = new TextDecoder();
    const parser = new SseParser();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || closed) break;
        awake();
        for (const message of parser.feed(decoder.decode(value, { stream: true }))) {
          if (closed) break;
          dispatch(message.event, message.data, handlers);
        }
      }
      finish();
    } catch (error) {
      finish(error);
    }
  })();
  return {
    close: () => {
      closed = true;
      clearTimeout(idle);
      abort.abort();
    },
  };
}

function dispatch(name: string, data: string, handlers: LiveHandlers): void {
  if (name === 'ready') handlers.onReady();
  else if (name === 'qna') handlers.onEvent(JSON.parse(data) as QnaLiveEvent);
}

function openWebSocket(url: string, handlers: LiveHandlers, openSocket: OpenSocket): LiveSubscription {
  const socket = openSocket(url);
  let closed = false;
  const finish = (error?: unknown) => {
    if (closed) return;
    closed = true;
    detach();
    handlers.onClosed(error);
  };
  const detach = () => {
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
  };
  socket.onopen = () => handlers.onReady();
  socket.onmessage = ({ data }) => {
    if (typeof data !== 'string') return;
    try {
      handlers.onEvent(JSON.parse(data) as QnaLiveEvent);
    } catch (error) {
      finish(error);
      socket.close();
    }
  };
  socket.onclose = () => finish();
  socket.onerror = (event) => finish(event);
  return {
    close: () => {
      closed = true;
      detach();
      socket.close();
    },
  };
}

/** The browser's WebSocket, where there is one. */
export const browserSocket: OpenSocket | null =
  typeof WebSocket === 'undefined' ? null : (url) => new WebSocket(url) as unknown as SocketLike;
