import { newSession } from '../sessions/session.js';
import type { DeliveryChannel, DeliveryMessage, SendOutcome } from './channel.js';
import type { ConversationAddress, Recipient } from './conversations.js';
import { newDelivery, type Delivery, type DeliveryRepository, type VersionedDelivery, type Wave } from './delivery.js';
import { Dispatcher, DEFAULT_DISPATCH_SETTINGS, type DispatcherDeps } from './dispatcher.js';

const NOW = new Date('2026-12-01T12:00:00.000Z');

/** Deliveries in memory, versioned like ETags; can apply a write and then "lose" its answer, as a reset connection does. */
class FakeDeliveries implements DeliveryRepository {
  readonly docs = new Map<string, VersionedDelivery>();
  private version = 0;
  /** The next transitions into these states are applied, then fail as if the answer never arrived. */
  readonly loseAnswerFor = new Set<string>();

  async createMany(deliveries: readonly Delivery[]) {
    for (const delivery of deliveries) this.docs.set(delivery.id, { delivery, version: `v${++this.version}` });
    return deliveries.length;
  }
  async get(_tenantId: string, _subjectId: string, id: string) {
    return this.docs.get(id) ?? null;
  }
  async listDue(_tenantId: string, until: Date) {
    return [...this.docs.values()].filter(
      (d) =>
        (d.delivery.state === 'pending' || d.delivery.state === 'sending') &&
        Date.parse(d.delivery.nextAt) <= until.getTime(),
    );
  }
  async listBySubject() {
    return [...this.docs.values()].map((d) => d.delivery);
  }
  async transition(current: VersionedDelivery, next: Delivery) {
    const stored = this.docs.get(next.id);
    if (!stored || stored.version !== current.version) return null;
    const written = { delivery: next, version: `v${++this.version}` };
    this.docs.set(next.id, written);
    if (this.loseAnswerFor.delete(next.state)) throw Object.assign(new Error('read ECONNRESET'), { name: 'RestError' });
    return written;
  }
  async getWave(): Promise<Wave | null> {
    return null;
  }
  async putWave() {}
  async latestWave() {
    return null;
  }
}

class RecordingChannel implements DeliveryChannel {
  readonly sent: DeliveryMessage[] = [];
  async send(_address: ConversationAddress, message: DeliveryMessage): Promise<SendOutcome> {
    this.sent.push(message);
    return { ok: true, activityId: `activity-${this.sent.length}` };
  }
}

function setUp() {
  const deliveries = new FakeDeliveries();
  const channel = new RecordingChannel();
  const session = newSession({
    tenantId: 't',
    id: 's',
    cohortId: 'c',
    programId: 'p',
    kind: 'learning-lunch',
    title: 'Lunch',
    startsAt: '2026-12-02T12:00:00.000Z',
    endsAt: '2026-12-02T13:00:00.000Z',
    timeZone: 'UTC',
    createdBy: 'f',
    createdAt: NOW.toISOString(),
    rsvps: { u: { status: 'going', respondedAt: NOW.toISOString() } },
  });
  const recipient: Recipient = {
    preferences: null,
    conversation: {
      tenantId: 't',
      scope: 'personal',
      userId: 'u',
      address: {
        channelId: 'msteams',
        serviceUrl: 'https://x/',
        conversationId: 'a:u',
        conversationType: 'personal',
        tenantId: 't',
        botId: '28:b',
      },
      installedAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    },
  };
  const deps = {
    deliveries,
    channel,
    recipients: { recipient: async () => recipient },
    sessions: { get: async () => session },
    throttle: { acquire: async () => true, pause: () => undefined },
    clock: { now: () => NOW },
    sleep: async () => undefined,
    log: () => undefined,
    workerId: 'worker-1',
  } as unknown as DispatcherDeps;
  const dispatcher = new Dispatcher(deps, { ...DEFAULT_DISPATCH_SETTINGS, concurrency: 2, lookaheadMs: 0 });
  return { deliveries, channel, dispatcher };
}

const reminder = newDelivery(
  {
    tenantId: 't',
    id: 'r1',
    subjectId: 's',
    kind: 'session-reminder',
    recipientId: 'u',
    sessionId: 's',
    sessionStartsAt: '2026-12-02T12:00:00.000Z',
    dueAt: NOW.toISOString(),
    expiresAt: '2026-12-02T12:00:00.000Z',
  },
  NOW,
);

describe('the dispatcher when the store loses an answer', () => {
  it('records a send whose "sent" answer was lost, instead of leaving it to be sent again', async () => {
    const { deliveries, channel, dispatcher } = setUp();
    await deliveries.createMany([reminder]);
    deliveries.loseAnswerFor.add('sent');
    const first = await dispatcher.dispatch('t', { budgetMs: 5_000 });
    expect(first.sent).toBe(1);
    expect(first.lateRecords).toBe(0);
    expect(deliveries.docs.get('r1')!.delivery).toMatchObject({ state: 'sent', attempts: 1, claimedBy: 'worker-1' });
    await dispatcher.dispatch('t', { budgetMs: 5_000 });
    expect(channel.sent).toHaveLength(1);
  });

  it('keeps a claim whose answer was lost: the delivery is sent once', async () => {
    const { deliveries, channel, dispatcher } = setUp();
    await deliveries.createMany([reminder]);
    deliveries.loseAnswerFor.add('sending');
    await dispatcher.dispatch('t', { budgetMs: 5_000 });
    expect(channel.sent).toHaveLength(1);
    expect(deliveries.docs.get('r1')!.delivery).toMatchObject({ state: 'sent', attempts: 1 });
  });
});

describe('the dispatcher when a slot is long in coming', () => {
  /** A clock the throttle moves: waiting for a slot takes `waitMs` of (test) time. */
  function withSlowSlots(waitMs: number, onSlot?: (deliveries: FakeDeliveries) => void) {
    const setup = setUp();
    let now = NOW.getTime();
    const deps = (setup.dispatcher as unknown as { deps: DispatcherDeps }).deps as unknown as Record<string, unknown>;
    deps.clock = { now: () => new Date(now) };
    deps.throttle = {
      acquire: async () => {
        now += waitMs;
        onSlot?.(setup.deliveries);
        return true;
      },
      pause: () => undefined,
    };
    return { ...setup, now: () => now };
  }

  it('renews a claim the wait ate into, then sends once', async () => {
    const leaseMs = DEFAULT_DISPATCH_SETTINGS.leaseMs;
    const { deliveries, channel, dispatcher, now } = withSlowSlots(leaseMs * 0.75);
    await deliveries.createMany([reminder]);
    const summary = await dispatcher.dispatch('t', { budgetMs: 5_000 });
    expect(summary.sent).toBe(1);
    expect(channel.sent).toHaveLength(1);
    const stored = deliveries.docs.get('r1')!.delivery;
    expect(stored).toMatchObject({ state: 'sent', attempts: 1 });
    // Renewed at the moment the slot came, not when it was first claimed.
    expect(Date.parse(stored.claimedAt!)).toBe(now());
  });

  it('sends nothing when another dispatcher took the delivery over during the wait', async () => {
    const { deliveries, channel, dispatcher } = withSlowSlots(DEFAULT_DISPATCH_SETTINGS.leaseMs * 2, (store) => {
      const current = store.docs.get('r1')!;
      store.docs.set('r1', { delivery: { ...current.delivery, claimedBy: 'worker-2' }, version: 'taken-over' });
    });
    await deliveries.createMany([reminder]);
    const summary = await dispatcher.dispatch('t', { budgetMs: 5_000 });
    expect(channel.sent).toHaveLength(0);
    expect(summary.lostClaims).toBeGreaterThanOrEqual(1);
    expect(deliveries.docs.get('r1')!.delivery.claimedBy).toBe('worker-2');
  });
});
