import type { ConversationReference, TurnContext } from 'botbuilder';
import {
  newSession,
  type QnaQueue,
  type Question,
  type QuestionRepository,
  type SessionRepository,
} from '@peerloop/core';
import { MeetingQueueCards, type ConversationContinuer } from './meeting-queue-cards';

const TENANT = 'tenant-1';
const posted: NonNullable<QnaQueue['meetingCard']> = {
  serviceUrl: 'https://smba.example/',
  channelId: 'msteams',
  conversationId: '19:meeting_abc@thread.v2',
  conversationType: 'groupChat',
  botId: '28:bot',
  activityId: 'card-1',
  postedAt: '2026-12-01T12:00:00.000Z',
};

function aQuestion(id: string, fields: Partial<Question> = {}): Question {
  return {
    tenantId: TENANT,
    sessionId: 'fireside',
    id,
    cohortId: 'c1',
    programId: 'p1',
    text: `Question ${id}`,
    anonymous: false,
    author: { userId: 'diego-alvarez', displayName: 'Diego Alvarez' },
    authorKey: 'key-diego',
    state: 'open',
    votes: 0,
    voters: {},
    source: 'bot',
    createdAt: '2026-12-01T12:00:00.000Z',
    updatedAt: '2026-12-01T12:00:00.000Z',
    revision: 1,
    ...fields,
  };
}

/** The repositories the updater reads; the queue document holds where the card is. */
class FakeStore {
  queue: QnaQueue | null = {
    tenantId: TENANT,
    sessionId: 'fireside',
    moderated: false,
    meetingCard: posted,
    updatedAt: '2026-12-01T12:00:00.000Z',
    revision: 0,
  };
  questions: Question[] = [aQuestion('q1')];
  readonly questionRepository = {
    getQueue: async () => this.queue,
    listForSession: async () => ({ questions: this.questions, queue: this.queue }),
    updateQueue: async <T>(
      _t: string,
      _s: string,
      initial: QnaQueue,
      change: (q: QnaQueue) => { next: QnaQueue; result: T },
    ) => {
      const { next, result } = change(this.queue ?? initial);
      this.queue = next;
      return result;
    },
  } as unknown as QuestionRepository;
  readonly sessionRepository = {
    get: async () =>
      newSession({
        tenantId: TENANT,
        id: 'fireside',
        cohortId: 'c1',
        programId: 'p1',
        kind: 'fireside-chat',
        title: 'Fireside chat',
        startsAt: '2026-12-01T12:00:00.000Z',
        endsAt: '2026-12-01T13:00:00.000Z',
        timeZone: 'Europe/London',
        createdBy: 'fac',
        createdAt: '2026-12-01T00:00:00.000Z',
      }),
  } as unknown as SessionRepository;
}

interface Update {
  readonly at: number;
  readonly reference: Partial<ConversationReference>;
  readonly activity: Record<string, unknown>;
}

/** Stands in for the CloudAdapter: records each updateActivity, or fails the next ones as told. */
class FakeAdapter implements ConversationContinuer {
  readonly updates: Update[] = [];
  readonly failures: unknown[] = [];
  async continueConversationAsync(
    _appId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ) {
    const context = {
      updateActivity: async (activity: Record<string, unknown>) => {
        const failure = this.failures.shift();
        if (failure) throw failure;
        this.updates.push({ at: Date.now(), reference, activity });
      },
    };
    await logic(context as unknown as TurnContext);
  }
}

function throttled(retryAfter: string) {
  return Object.assign(new Error('Too many requests'), {
    statusCode: 429,
    response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 3 s, for loaded machines) until `check` passes. */
async function eventually(check: () => void): Promise<void> {
  const deadline = Date.now() + 3000;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}
const change = { tenantId: TENANT, sessionId: 'fireside', questionIds: ['q1'] };

function setup(options: { intervalMs?: number } = {}) {
  const store = new FakeStore();
  const adapter = new FakeAdapter();
  const lines: string[] = [];
  const cards = new MeetingQueueCards({
    adapter,
    appId: 'app',
    deps: { questions: store.questionRepository, sessions: store.sessionRepository },
    log: (line) => lines.push(line),
    intervalMs: options.intervalMs ?? 300,
    settleMs: 10,
  });
  return { store, adapter, lines, cards };
}

describe('the meeting chat queue card', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('updates the posted card in its chat with the queue everyone may see', async () => {
    const { store, adapter, cards } = setup();
    cleanup = () => cards.close();
    store.questions = [
      aQuestion('q1', { votes: 3 }),
      aQuestion('anon', { anonymous: true, author: undefined, text: 'Who decided that?', votes: 5 }),
      aQuestion('waiting', { state: 'pending', text: 'Not approved' }),
    ];
    await cards.changed(change);
    await eventually(() => expect(adapter.updates).toHaveLength(1));
    const [update] = adapter.updates;
    expect(update!.reference).toMatchObject({
      serviceUrl: posted.serviceUrl,
      conversation: { id: posted.conversationId },
      bot: { id: '28:bot' },
    });
    expect(update!.reference).not.toHaveProperty('user');
    expect(update!.activity.id).toBe('card-1');
    const card = JSON.stringify(update!.activity.attachments);
    expect(card.indexOf('Who decided that?')).toBeLessThan(card.indexOf('Question q1'));
    expect(card).toContain('"text":"Anonymous"');
    expect(card).not.toContain('Not approved');
    expect(card).not.toContain('diego');
    expect(card).not.toContain('key-diego');
  });

  it('coalesces a burst: the first change shows at once, the rest in one trailing update after the interval', async () => {
    jest.useFakeTimers();
    const { adapter, cards } = setup({ intervalMs: 3000 });
    cleanup = () => {
      cards.close();
      jest.useRealTimers();
    };
    for (let i = 0; i < 20; i += 1) {
      await cards.changed(change);
      await jest.advanceTimersByTimeAsync(50);
    }
    // One second in: the first vote's update went out, the other 19 wait.
    expect(adapter.updates).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1900);
    expect(adapter.updates).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(200);
    expect(adapter.updates).toHaveLength(2);
    expect(adapter.updates[1]!.at - adapter.updates[0]!.at).toBeGreaterThanOrEqual(3000);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(adapter.updates).toHaveLength(2);
  });

  it('does nothing for a session without a posted card', async () => {
    const { store, adapter, cards } = setup();
    cleanup = () => cards.close();
    store.queue = null;
    await cards.changed(change);
    await sleep(60);
    expect(adapter.updates).toHaveLength(0);
  });

  it('waits for Retry-After when throttled, then updates', async () => {
    jest.useFakeTimers();
    const { adapter, cards, lines } = setup();
    cleanup = () => {
      cards.close();
      jest.useRealTimers();
    };
    adapter.failures.push(throttled('2'));
    const started = Date.now();
    await cards.changed(change);
    await jest.advanceTimersByTimeAsync(1900);
    expect(adapter.updates).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(200);
    expect(adapter.updates).toHaveLength(1);
    expect(adapter.updates[0]!.at - started).toBeGreaterThanOrEqual(2000);
    expect(lines).toEqual([]);
  });

  it('never throws into the caller, and logs a compact line without the error message when an update fails', async () => {
    const { store, adapter, cards, lines } = setup();
    cleanup = () => cards.close();
    store.questions = [aQuestion('secret', { text: 'my secret question', anonymous: true, author: undefined })];
    adapter.failures.push(Object.assign(new Error('failed to send my secret question for diego'), { statusCode: 400 }));
    await expect(cards.changed(change)).resolves.toBeUndefined();
    await eventually(() => expect(lines).toEqual(['meeting queue card update failed (Error HTTP 400)']));
  });

  it('stops updating a card that was deleted (404), forgetting it', async () => {
    const { store, adapter, cards, lines } = setup();
    cleanup = () => cards.close();
    adapter.failures.push(Object.assign(new Error('gone'), { statusCode: 404 }));
    await cards.changed(change);
    await eventually(() => expect(store.queue?.meetingCard).toBeUndefined());
    expect(lines).toEqual(['meeting queue card is gone (HTTP 404); it will no longer be updated']);
  });
});
