import type { QnaLiveEvent, QuestionView } from '@peerloop/core';
import { ApiError } from '../../platform/api-client';
import type { ApiClient } from '../../platform/api-client';
import { LiveUnsupported, openLive } from './live-connection';
import type { LiveSubscription, OpenSocket } from './live-connection';
import { liveConnection, readQueue } from './qna-api';
import { applyEvent, arrange, fromView } from './queue-state';
import type { QueueState } from './queue-state';

/**
 * - connecting: opening the live connection (the queue shows what it read)
 * - live: changes arrive as they happen
 * - polling: no live connection (yet): the queue is read again every few seconds, cheaply (ETag)
 * - off: nothing to listen to (Q&A is off, or the queue could not be read)
 */
export type LiveMode = 'connecting' | 'live' | 'polling' | 'off';

export interface LiveQueueSnapshot {
  readonly state: QueueState | null;
  /** Why the queue could not be read, while there is nothing to show. */
  readonly error: unknown;
  readonly mode: LiveMode;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export interface LiveQueueOptions {
  readonly api: ApiClient;
  readonly sessionId: string;
  /** Called at most once per batch window with the latest snapshot, so a burst of events renders once. */
  readonly onChange: (snapshot: LiveQueueSnapshot) => void;
  /** Questions that appeared from live updates (not the reader's own), to announce them. */
  readonly onAdded?: (questions: readonly QuestionView[]) => void;
  readonly openSocket?: OpenSocket | null;
  readonly timers?: Timers;
  /** How long changes gather before one render (default 50 ms). */
  readonly batchMs?: number;
  /** How often the queue is read while there is no live connection (default 4 s). */
  readonly pollMs?: number;
  /** First and longest wait before reconnecting (default 1 s and 30 s, doubling, with jitter). */
  readonly backoffMs?: { readonly first: number; readonly max: number };
}

const BROWSER_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: Math.random,
};

/** Errors after which reading again cannot help until something changes (signing the agreements, a role). */
function isFinal(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    ['agreements_required', 'forbidden', 'not_found', 'unauthenticated', 'validation_failed'].includes(error.code)
  );
}

/**
 * One reader's live copy of a session's queue. It reads the queue, opens the live connection and merges
 * its events; when the connection opens (again) it reads the queue once more with If-None-Match, so
 * nothing missed in between is lost; when the connection drops it retries with growing waits and reads
 * the queue every few seconds meanwhile; where live updates cannot work at all it only polls.
 */
export class LiveQueue {
  private state: QueueState | null = null;
  private etag: string | null = null;
  private error: unknown = null;
  private mode: LiveMode = 'connecting';
  private stopped = false;
  private subscription: LiveSubscription | null = null;
  /** Events that arrived while a read was under way, replayed on top of its answer. */
  private buffered: QnaLiveEvent[] | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private failures = 0;
  private attempt = 0;
  private flushTimer: unknown = null;
  private pollTimer: unknown = null;
  private reconnectTimer: unknown = null;
  private readonly timers: Timers;

  constructor(private readonly options: LiveQueueOptions) {
    this.timers = options.timers ?? BROWSER_TIMERS;
  }

  /** Reads the queue and starts listening. */
  start(): void {
    void this.read().then(() => {
      if (this.stopped) return;
      if (this.state?.meta.enabled) void this.connect();
      else this.setMode('off');
    });
  }

  /** Stops listening and polling; nothing is reported after this. */
  stop(): void {
    this.stopped = true;
    this.disconnect();
    for (const timer of [this.flushTimer, this.pollTimer, this.reconnectTimer]) {
      if (timer !== null) this.timers.clearTimeout(timer);
    }
  }

  /** Applies a local change (the answer to the reader's own action) and renders it with the next batch. */
  update(change: (state: QueueState) => QueueState): void {
    if (this.stopped || this.state === null) return;
    this.state = change(this.state);
    this.scheduleFlush();
  }

  /** The queue as it is now, perhaps ahead of the last render. */
  current(): QueueState | null {
    return this.state;
  }

  /** Reads the queue again now (conditionally). */
  refresh(): Promise<void> {
    return this.read();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setMode(this.failures === 0 ? 'connecting' : 'polling');
    // Handlers of an earlier connection, or of one being closed on purpose, report nothing.
    const attempt = ++this.attempt;
    const current = () => attempt === this.attempt && !this.stopped;
    try {
      const connection = await liveConnection(this.options.api, this.options.sessionId);
      if (!current()) return;
      const subscription = await openLive(
        this.options.api,
        this.options.sessionId,
        connection,
        {
          onReady: () => {
            if (current()) this.onReady();
          },
          onEvent: (event) => {
            if (current()) this.onEvent(event);
          },
          onClosed: () => {
            if (current()) this.onClosed();
          },
        },
        this.options.openSocket ?? null,
      );
      if (current()) this.subscription = subscription;
      else subscription.close();
    } catch (error) {
      if (!current()) return;
      // An API without live updates (404), or a browser without streams: polling is all there is.
      if (error instanceof LiveUnsupported || (error instanceof ApiError && error.status === 404)) {
        this.setMode('polling');
        this.schedulePoll();
        return;
      }
      this.onClosed();
    }
  }

  /** Closes the live connection on purpose: its handlers fall silent. */
  private disconnect(): void {
    this.attempt += 1;
    this.subscription?.close();
    this.subscription = null;
  }

  private onReady(): void {
    if (this.stopped) return;
    this.failures = 0;
    this.setMode('live');
    if (this.pollTimer !== null) this.timers.clearTimeout(this.pollTimer);
    this.pollTimer = null;
    void this.read();
  }

  private onEvent(event: QnaLiveEvent): void {
    if (this.stopped || this.state === null) return;
    this.buffered?.push(event);
    const outcome = applyEvent(this.state, event);
    this.state = outcome.state;
    if (outcome.added.length > 0) this.options.onAdded?.(outcome.added);
    if (outcome.refetch) void this.read();
    this.scheduleFlush();
  }

  private onClosed(): void {
    this.disconnect();
    this.failures += 1;
    const { first, max } = this.options.backoffMs ?? { first: 1000, max: 30_000 };
    const wait = Math.min(max, first * 2 ** (this.failures - 1)) * (0.8 + 0.4 * this.timers.random());
    this.setMode('polling');
    this.schedulePoll();
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, wait);
  }

  /** Reads the queue (If-None-Match once there is an ETag); one read at a time, a second request runs after. */
  private read(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = this.readOnce().finally(() => {
      this.reading = null;
      if (this.readAgain && !this.stopped) {
        this.readAgain = false;
        void this.read();
      }
    });
    return this.reading;
  }

  private async readOnce(): Promise<void> {
    this.buffered = [];
    try {
      const answer = await readQueue(this.options.api, this.options.sessionId, this.state ? this.etag : null);
      if (this.stopped || answer.notModified) return;
      const missed = this.buffered;
      let state = fromView(answer.view);
      for (const event of missed) state = applyEvent(state, event).state;
      // What a read shows for the first time (polling, or missed while disconnected) is new to the reader too.
      const before = this.state;
      if (before) {
        const added = arrange(state).live.filter((q) => !before.byId.has(q.id) && !q.mine);
        if (added.length > 0) this.options.onAdded?.(added);
      }
      this.state = state;
      this.etag = answer.etag;
      this.error = null;
    } catch (error) {
      if (this.stopped) return;
      // A failed read keeps what is shown; only a first read (or a lost right to read) shows the error.
      if (this.state === null || isFinal(error)) {
        this.state = null;
        this.error = error;
        this.setMode('off');
        this.disconnect();
      }
    } finally {
      this.buffered = null;
      this.scheduleFlush();
    }
  }

  private schedulePoll(): void {
    if (this.stopped || this.pollTimer !== null) return;
    this.pollTimer = this.timers.setTimeout(() => {
      this.pollTimer = null;
      if (this.mode !== 'polling') return;
      void this.read().then(() => this.schedulePoll());
    }, this.options.pollMs ?? 4000);
  }

  private setMode(mode: LiveMode): void {
    if (this.mode === mode) return;
    this.mode = mode;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.stopped || this.flushTimer !== null) return;
    this.flushTimer = this.timers.setTimeout(() => {
      this.flushTimer = null;
      if (!this.stopped) this.options.onChange({ state: this.state, error: this.error, mode: this.mode });
    }, this.options.batchMs ?? 50);
  }
}
