import type { QuestionView } from '@peerloop/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../platform/api-context';
import { browserSocket } from './live-connection';
import { LiveQueue } from './live-queue';
import type { LiveMode, LiveQueueOptions, LiveQueueSnapshot } from './live-queue';
import { arrange } from './queue-state';
import type { Arranged, QueueState } from './queue-state';

export interface LiveQueueHandle {
  readonly status: 'loading' | 'error' | 'ready';
  readonly state: QueueState | null;
  readonly arranged: Arranged;
  readonly error: unknown;
  readonly mode: LiveMode;
  /** What arrived lately, for a polite live region: at most one message per few seconds. */
  readonly arrivals: string;
  /** Applies the answer to the reader's own action. */
  readonly update: (change: (state: QueueState) => QueueState) => void;
  /** Reads the queue again (conditionally). */
  readonly refresh: () => void;
  /** Starts over: reads the queue and reconnects (after an error, or once the agreements are accepted). */
  readonly reload: () => void;
}

const EMPTY: Arranged = { live: [], archive: [] };

/** Gathers new questions this long before one announcement, so a burst is announced once. */
const ARRIVALS_WINDOW_MS = 3000;

/** Tests may replace how the queue connects and waits. */
export type LiveQueueTuning = Partial<Pick<LiveQueueOptions, 'openSocket' | 'timers' | 'batchMs' | 'pollMs'>> & {
  /** How long new questions gather before one announcement (default 3 s). */
  readonly announceAfterMs?: number;
};

/**
 * A session's queue kept live: read, then updated from live events (or by polling), re-rendered at most
 * once per small batch. New questions from others are announced politely, a burst as one message.
 */
export function useLiveQueue(sessionId: string, tuning: LiveQueueTuning = {}): LiveQueueHandle {
  const api = useApi();
  const [snapshot, setSnapshot] = useState<LiveQueueSnapshot>({ state: null, error: null, mode: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const queue = useRef<LiveQueue | null>(null);
  const tuningRef = useRef(tuning);
  const arrivals = useArrivals(() => queue.current, tuning.announceAfterMs ?? ARRIVALS_WINDOW_MS);

  useEffect(() => {
    setSnapshot({ state: null, error: null, mode: 'connecting' });
    const { openSocket = browserSocket, timers, batchMs, pollMs } = tuningRef.current;
    const live = new LiveQueue({
      api,
      sessionId,
      onChange: setSnapshot,
      onAdded: arrivals.notify,
      openSocket,
      timers,
      batchMs,
      pollMs,
    });
    queue.current = live;
    live.start();
    return () => {
      live.stop();
      if (queue.current === live) queue.current = null;
    };
  }, [api, sessionId, attempt, arrivals.notify]);

  const arranged = useMemo(() => (snapshot.state ? arrange(snapshot.state) : EMPTY), [snapshot.state]);
  const update = useCallback((change: (state: QueueState) => QueueState) => queue.current?.update(change), []);
  const refresh = useCallback(() => void queue.current?.refresh(), []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const status = snapshot.state ? 'ready' : snapshot.error ? 'error' : 'loading';
  return {
    status,
    state: snapshot.state,
    arranged,
    error: snapshot.error,
    mode: snapshot.mode,
    arrivals: arrivals.message,
    update,
    refresh,
    reload,
  };
}

/** One message per window for the questions others added; the reader's own are left out. */
function useArrivals(current: () => LiveQueue | null, windowMs: number) {
  const [message, setMessage] = useState('');
  const pending = useRef<QuestionView[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const currentRef = useRef(current);
  currentRef.current = current;

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const notify = useCallback(
    (questions: readonly QuestionView[]) => {
      pending.current.push(...questions);
      if (timer.current !== null) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        const state = currentRef.current()?.current();
        const arrived = pending.current.splice(0).filter((q) => !state?.byId.get(q.id)?.mine);
        if (arrived.length > 0) setMessage(describeArrivals(arrived));
      }, windowMs);
    },
    [windowMs],
  );
  return { message, notify };
}

/** "New question: …" for one, "3 new questions." for a burst. */
export function describeArrivals(questions: readonly QuestionView[]): string {
  if (questions.length === 1) {
    const [question] = questions as [QuestionView];
    const text = question.text.length > 140 ? `${question.text.slice(0, 139)}…` : question.text;
    return `${question.state === 'pending' ? 'New question waiting for approval' : 'New question'}: ${text}`;
  }
  return `${questions.length} new questions.`;
}
