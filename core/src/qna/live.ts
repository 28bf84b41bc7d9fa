import type { QnaLiveEvent, QnaRole } from './contracts.js';
import { isVisibleTo, toQuestionView } from './queue.js';
import type { QnaChange, QnaChangeListener, QnaQueue, Question, QuestionRepository } from './question.js';

/** Sends a live event to everyone listening to a session's queue in one audience (hosts or participants). */
export interface LivePublisher {
  publish(tenantId: string, sessionId: string, audience: QnaRole, event: QnaLiveEvent): Promise<void>;
}

/** What one audience may learn of the changed questions: views of what it sees, ids of what it must drop. */
export function liveEventFor(
  audience: QnaRole,
  sessionId: string,
  questions: readonly Question[],
  queue: QnaQueue | null,
  queueChanged: boolean,
): QnaLiveEvent {
  const visible = questions.filter((q) => isVisibleTo(q, audience, null));
  return {
    sessionId,
    ...(queueChanged
      ? {
          queue: {
            moderated: queue?.moderated ?? false,
            nowAnswering: queue?.nowAnswering ?? null,
            revision: queue?.revision ?? 0,
          },
        }
      : {}),
    questions: visible.map((q) => toQuestionView(q, queue, null)),
    removed: questions.filter((q) => !isVisibleTo(q, audience, null)).map((q) => q.id),
  };
}

interface Pending {
  readonly ids: Set<string>;
  /** The newest copy of each changed question the writers handed over (highest revision wins). */
  readonly fresh: Map<string, Question>;
  queueChanged: boolean;
  queue?: QnaQueue | null;
  readonly waiters: (() => void)[];
}

/**
 * Turns queue changes into live events, coalescing bursts per session: while one event is being read and
 * published, later changes gather and go out together in the next one. Each caller's promise settles once
 * an event containing its change has been published (so a serverless instance never freezes with it
 * unsent), and a publishing failure is reported, never thrown at the person who voted.
 */
export class QnaBroadcaster implements QnaChangeListener {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Set<string>();

  constructor(
    private readonly questions: Pick<QuestionRepository, 'getMany' | 'getQueue'>,
    private readonly publisher: LivePublisher,
    private readonly report: (message: string, error: unknown) => void,
  ) {}

  changed(change: QnaChange): Promise<void> {
    const key = `${change.tenantId}\u0000${change.sessionId}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { ids: new Set(), fresh: new Map(), queueChanged: false, waiters: [] };
      this.pending.set(key, entry);
    }
    const handed = new Set((change.questions ?? []).map((q) => q.id));
    for (const id of change.questionIds) {
      entry.ids.add(id);
      // Named without a copy: whatever copy an earlier change handed over may be stale, so read it.
      if (!handed.has(id)) entry.fresh.delete(id);
    }
    for (const question of change.questions ?? []) {
      const known = entry.fresh.get(question.id);
      if (!known || known.revision < question.revision) entry.fresh.set(question.id, question);
    }
    if (change.queueChanged) {
      // The queue as written, or (not handed over) read fresh when publishing.
      entry.queue = change.queue;
      entry.queueChanged = true;
    } else if (change.queue !== undefined && !entry.queueChanged) {
      entry.queue = change.queue;
    }
    const settled = new Promise<void>((resolve) => entry.waiters.push(resolve));
    if (!this.running.has(key)) void this.drain(key, change.tenantId, change.sessionId);
    return settled;
  }

  private async drain(key: string, tenantId: string, sessionId: string): Promise<void> {
    this.running.add(key);
    try {
      for (let entry = this.pending.get(key); entry; entry = this.pending.get(key)) {
        this.pending.delete(key);
        try {
          await this.publish(tenantId, sessionId, entry);
        } catch (error) {
          this.report(`live update for a session's questions failed`, error);
        } finally {
          for (const resolve of entry.waiters) resolve();
        }
      }
    } finally {
      this.running.delete(key);
    }
  }

  private async publish(tenantId: string, sessionId: string, entry: Pending): Promise<void> {
    if (entry.ids.size === 0 && !entry.queueChanged) return;
    const missing = [...entry.ids].filter((id) => !entry.fresh.has(id));
    const [read, queue] = await Promise.all([
      missing.length > 0 ? this.questions.getMany(tenantId, sessionId, missing) : Promise.resolve([]),
      entry.queue !== undefined ? Promise.resolve(entry.queue) : this.questions.getQueue(tenantId, sessionId),
    ]);
    const questions = [...entry.fresh.values(), ...read];
    const outcomes = await Promise.allSettled(
      (['host', 'participant'] as const).map((audience) =>
        this.publisher.publish(
          tenantId,
          sessionId,
          audience,
          liveEventFor(audience, sessionId, questions, queue, entry.queueChanged),
        ),
      ),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
