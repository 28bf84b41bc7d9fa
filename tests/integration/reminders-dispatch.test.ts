import {
  cancelSession,
  DEFAULT_DISPATCH_SETTINGS,
  DEFAULT_REMINDERS,
  newSession,
  respondToSession,
  type Delivery,
  type DeliveryChannel,
  type Session,
  type SessionNotice,
} from '@peerloop/core';
import { setMaxListeners } from 'node:events';
import type { LocalStack } from '../../api/src/local/stack';
import {
  attachReminders,
  personalChatId,
  rememberPersonalChats,
  type LocalReminders,
} from '../../api/src/reminders/local-reminders';
import { reminderSettings, type ReminderSettingsOverrides } from '../../api/src/reminders/reminders-runtime';
import { BotDeliveryChannel } from '../../bot/src/proactive/delivery-channel';
import { TeamsRateLimiter } from '../../bot/src/proactive/rate-limiter';
import { ConnectorStandIn, TEAMS_LIMITS, type RecordedActivity } from '../support/connector-stand-in';
import { DEV_TENANT, startTestStack } from '../support/stack';

const TENANT = DEV_TENANT;
const PROGRAM = 'reminders-program';
const COHORT = 'reminders-cohort';
const FACILITATOR = 'ada-facilitator';
const MINUTE = 60_000;

const person = (i: number) => `person-${String(i).padStart(4, '0')}`;
const people = (from: number, count: number) => Array.from({ length: count }, (_, i) => person(from + i));

/** Short leases and backoff, so crashes and retries play out in seconds. */
const TEST_SETTINGS: ReminderSettingsOverrides = {
  dispatch: { leaseMs: 2_000, backoff: { baseMs: 100, capMs: 400 }, maxRetries: 3, lookaheadMs: 3_000 },
  maxTickMs: 60_000,
};

/** The delivery ids a recorded activity carries in its card's actions. */
function deliveryIdOf(recorded: RecordedActivity): string | undefined {
  return /"deliveryId":"([^"]+)"/.exec(JSON.stringify(recorded.activity.attachments ?? []))?.[1];
}

/** How many times each delivery of a session reached the stand-in. */
function arrivals(connector: ConnectorStandIn, sessionId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const recorded of connector.activities) {
    const id = deliveryIdOf(recorded);
    if (id?.includes(`.${sessionId}.`)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('reminders dispatched to Teams (through a stand-in Bot Connector that enforces its rate limits)', () => {
  let stack: LocalStack;
  let connector: ConnectorStandIn;
  let local: LocalReminders;
  const everyone = people(0, 400);
  let sessions = 0;

  async function attach(
    overrides: ReminderSettingsOverrides = {},
    options: { rate?: number; workerId?: string; channel?: (inner: DeliveryChannel) => DeliveryChannel } = {},
  ) {
    return attachReminders(stack, {
      channel: (adapter) => {
        const inner = new BotDeliveryChannel({ adapter, appId: '', timeoutMs: 1_000, log: () => undefined });
        return options.channel ? options.channel(inner) : inner;
      },
      throttle: new TeamsRateLimiter({ tenantPerSecond: options.rate ?? 45 }),
      settings: reminderSettings({
        ...TEST_SETTINGS,
        ...overrides,
        dispatch: { ...TEST_SETTINGS.dispatch, ...overrides.dispatch },
      }),
      serve: false,
      log: () => undefined,
      ...(options.workerId ? { workerId: options.workerId } : {}),
    });
  }

  beforeAll(async () => {
    connector = await ConnectorStandIn.start({ limits: TEAMS_LIMITS });
    stack = await startTestStack({ seed: false });
    const now = new Date().toISOString();
    await stack.runtime.programs.create({
      tenantId: TENANT,
      id: PROGRAM,
      name: 'Reminders program',
      purpose: 'Peer learning that people remember to attend.',
      codeOfConduct: { version: 1, text: 'Be kind.' },
      confidentiality: { version: 1, text: 'What is said here stays here.' },
      ownerIds: ['olu-owner'],
      reminderDefaults: DEFAULT_REMINDERS,
      createdAt: now,
    });
    await stack.runtime.cohorts.create({
      tenantId: TENANT,
      id: COHORT,
      programId: PROGRAM,
      name: 'Reminders cohort',
      purpose: 'People who get reminded.',
      kind: 'peer-learning-group',
      commonThreads: {},
      status: 'active',
      members: [
        { userId: FACILITATOR, displayName: 'Ada Facilitator', role: 'facilitator', joinedAt: now },
        ...everyone.map((userId) => ({
          userId,
          displayName: `Person ${userId}`,
          role: 'member' as const,
          joinedAt: now,
        })),
      ],
      createdBy: 'olu-owner',
      createdAt: now,
    });
    local = await attach();
    await rememberPersonalChats(local.reminders, TENANT, connector.serviceUrl, everyone);
  });
  afterAll(async () => {
    await local?.close();
    await stack?.close();
    await connector?.close();
  });

  /** A session of the cohort starting `startsInMinutes` from now, with these answers. */
  async function aSession(
    startsInMinutes: number,
    answers: { going?: string[]; maybe?: string[]; declined?: string[]; waitlisted?: string[] },
    fields: Partial<Session> = {},
  ): Promise<Session> {
    sessions += 1;
    const now = Date.now();
    const at = new Date(now).toISOString();
    const rsvps: Record<string, { status: 'going' | 'maybe' | 'declined' | 'waitlisted'; respondedAt: string }> = {};
    for (const status of ['going', 'maybe', 'declined', 'waitlisted'] as const) {
      for (const userId of answers[status] ?? []) rsvps[userId] = { status, respondedAt: at };
    }
    const session = newSession({
      tenantId: TENANT,
      id: `s${sessions}-${Math.random().toString(36).slice(2, 8)}`,
      cohortId: COHORT,
      programId: PROGRAM,
      kind: 'learning-lunch',
      title: `Lunch number ${sessions}`,
      startsAt: new Date(now + startsInMinutes * MINUTE).toISOString(),
      endsAt: new Date(now + (startsInMinutes + 60) * MINUTE).toISOString(),
      timeZone: 'Europe/London',
      rsvps,
      waitlist: answers.waitlisted ?? [],
      createdBy: FACILITATOR,
      createdAt: at,
      ...fields,
    });
    await stack.runtime.sessions.create(session);
    return session;
  }

  const deliveriesOf = (sessionId: string) => local.reminders.deps.deliveries.listBySubject(TENANT, sessionId);
  const byRecipient = (deliveries: Delivery[]) => new Map(deliveries.map((d) => [d.recipientId, d]));

  it('sends the 24-hour reminder to everyone going or maybe, once, however often the timer ticks', async () => {
    const session = await aSession(23 * 60 + 50, {
      going: people(0, 20),
      maybe: people(20, 2),
      declined: [person(22)],
    });
    const [first, second] = await Promise.all([local.reminders.tick(), local.reminders.engine.plan(TENANT)]);
    expect(first.overlapped).toBe(false);
    await local.reminders.tick();
    await local.reminders.tick();
    expect(second.created + first.planned.created).toBeGreaterThanOrEqual(22);

    const counts = arrivals(connector, session.id);
    expect(counts.size).toBe(22);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const deliveries = await deliveriesOf(session.id);
    expect(deliveries).toHaveLength(22);
    expect(
      deliveries.every((d) => d.state === 'sent' && d.kind === 'session-reminder' && d.minutesBefore === 1440),
    ).toBe(true);
    expect(deliveries.some((d) => d.recipientId === person(22))).toBe(false);
    const card = connector.activities.find((a) => deliveryIdOf(a)?.includes(session.id))!;
    expect(card.conversationId).toMatch(/^a:personal-person-00/);
    const content = JSON.stringify(card.activity.attachments![0]!.content);
    expect(content).toContain('Coming up in 24 hours');
    expect(content).toContain(session.title);
    expect(content).toContain("Can't make it");
    expect(card.activity.summary).toBe(`Reminder: ${session.title}`);
  });

  it('catches up a missed tick: a 24-hour reminder still goes 20 hours before; past both, only the 15-minute one', async () => {
    const late = await aSession(20 * 60, { going: [person(30)] });
    const soon = await aSession(10, { going: [person(31)] });
    await local.reminders.tick();
    const [lateReminder] = await deliveriesOf(late.id);
    expect(lateReminder).toMatchObject({ state: 'sent', minutesBefore: 1440 });
    const soonReminders = await deliveriesOf(soon.id);
    expect(soonReminders.map((d) => d.minutesBefore)).toEqual([15]);
    expect(soonReminders[0]!.state).toBe('sent');
  });

  it('has two dispatchers fan out the same deliveries and sends each exactly once', async () => {
    const recipients = people(40, 200);
    const session = await aSession(23 * 60, { going: recipients });
    await local.reminders.engine.plan(TENANT);
    const other = await attach({}, { rate: 20, workerId: 'second-dispatcher' });
    const first = await attach({}, { rate: 20, workerId: 'first-dispatcher' });
    try {
      const results = await Promise.all(
        [first, other].map((d) => d.reminders.engine.dispatch(TENANT, { budgetMs: 60_000, subjectId: session.id })),
      );
      expect(results[0]!.sent + results[1]!.sent).toBe(200);
      expect(results[0]!.sent).toBeGreaterThan(0);
      expect(results[1]!.sent).toBeGreaterThan(0);
    } finally {
      await first.close();
      await other.close();
    }
    const counts = arrivals(connector, session.id);
    expect(counts.size).toBe(200);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(connector.limited).toBe(0);
  });

  it('a dispatcher stopped mid fan-out, then another started, delivers every reminder exactly once', async () => {
    const recipients = people(40, 150);
    const session = await aSession(23 * 60 - 5, { going: recipients });
    await local.reminders.engine.plan(TENANT);
    const stop = new AbortController();
    setMaxListeners(100, stop.signal);
    const start = connector.activities.length;
    connector.onActivity((_recorded, count) => {
      if (count === start + 60) stop.abort();
    });
    const stopped = await attach({}, { workerId: 'stopped-dispatcher' });
    const first = await stopped.reminders.engine.dispatch(TENANT, {
      budgetMs: 60_000,
      subjectId: session.id,
      signal: stop.signal,
    });
    await stopped.close();
    expect(first.remaining).toBe(true);
    expect(first.sent).toBeGreaterThanOrEqual(60);
    expect(first.sent).toBeLessThan(150);

    const restarted = await attach({}, { workerId: 'restarted-dispatcher' });
    const second = await restarted.reminders.engine.dispatch(TENANT, { budgetMs: 60_000, subjectId: session.id });
    await restarted.close();
    expect(first.sent + second.sent).toBe(150);
    const counts = arrivals(connector, session.id);
    expect(counts.size).toBe(150);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
  });

  it('a dispatcher killed mid-send loses nothing: its claims expire and another resends what Teams may not have got', async () => {
    const recipients = people(200, 120);
    const session = await aSession(23 * 60 - 10, { going: recipients });
    await local.reminders.engine.plan(TENANT);
    // The process "dies" when the 40th reminder reaches Teams: from then on it neither hears back from Teams nor
    // writes anything, exactly like a killed host. Sends already on the wire still arrive.
    let dead = false;
    const start = connector.activities.length;
    connector.onActivity((_recorded, count) => {
      if (count === start + 40) dead = true;
    });
    const never = new Promise<never>(() => undefined);
    const dying = await attach(
      {},
      {
        workerId: 'killed-dispatcher',
        channel: (inner) => ({
          send: async (address, message) => {
            if (dead) return never;
            const outcome = await inner.send(address, message);
            return dead ? never : outcome;
          },
        }),
      },
    );
    void dying.reminders.engine.dispatch(TENANT, { budgetMs: 60_000, subjectId: session.id });
    while (!dead) await new Promise((resolve) => setTimeout(resolve, 20));
    // A new process starts once the dead one's leases (2 s here) have run out.
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    const arrivedBeforeRestart = new Map(arrivals(connector, session.id));
    const inDoubt = (await deliveriesOf(session.id)).filter((d) => d.state === 'sending').map((d) => d.id);
    expect(inDoubt.length).toBeGreaterThan(0);
    const restarted = await attach({}, { workerId: 'restarted-after-kill' });
    const result = await restarted.reminders.engine.dispatch(TENANT, { budgetMs: 60_000, subjectId: session.id });
    await restarted.close();

    const counts = arrivals(connector, session.id);
    expect(counts.size).toBe(120); // none missing
    const twice = [...counts.entries()].filter(([, n]) => n > 1).map(([id]) => id);
    expect([...counts.values()].every((n) => n <= 2)).toBe(true);
    // Only deliveries the dead process had in flight can arrive twice: they reached Teams, but the answer
    // never got back to be recorded. Bot Framework has no idempotency key to tell Teams it is a retry.
    for (const id of twice) {
      expect(inDoubt).toContain(id);
      expect(arrivedBeforeRestart.get(id)).toBe(1);
    }
    expect(twice.length).toBeLessThanOrEqual(DEFAULT_DISPATCH_SETTINGS.concurrency);
    const deliveries = await deliveriesOf(session.id);
    expect(deliveries.every((d) => d.state === 'sent')).toBe(true);
    const recovered = deliveries.filter((d) => d.recoveries > 0).map((d) => d.id);
    expect(recovered.sort()).toEqual([...inDoubt].sort());
    expect(result.sent).toBe(120 - [...arrivedBeforeRestart.keys()].filter((id) => !inDoubt.includes(id)).length);
    dead = true;
  });

  it('pauses the whole tenant for a 429 Retry-After, then sends everything once', async () => {
    const session = await aSession(23 * 60 - 15, { going: people(330, 10) });
    await local.reminders.engine.plan(TENANT);
    const from = connector.answers.length;
    connector.throttle(1, 2);
    const result = await local.reminders.engine.dispatch(TENANT, { budgetMs: 30_000, subjectId: session.id });
    expect(result.throttled).toBe(1);
    const answers = connector.answers.slice(from);
    const throttledAt = answers.find((a) => a.status === 429)!.at;
    // Once the 429 was answered nothing more went to the tenant until Retry-After had passed (a request
    // already on its way when Teams answered cannot be called back: allow it 100 ms to arrive).
    expect(answers.filter((a) => a.at > throttledAt + 100 && a.at < throttledAt + 1_950)).toEqual([]);
    expect(answers.filter((a) => a.at >= throttledAt + 1_950).length).toBeGreaterThan(0);
    const counts = arrivals(connector, session.id);
    expect(counts.size).toBe(10);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('retries 412, 502, 503 and 504 with backoff and records a failure that keeps coming', async () => {
    const recipients = people(340, 5);
    const session = await aSession(23 * 60 - 20, { going: recipients });
    await local.reminders.engine.plan(TENANT);
    connector.fail(412, { conversationId: personalChatId(recipients[0]!) });
    connector.fail(502, { conversationId: personalChatId(recipients[1]!) });
    connector.fail(503, { conversationId: personalChatId(recipients[2]!) });
    connector.fail(504, { conversationId: personalChatId(recipients[3]!), count: 2 });
    connector.fail(503, { conversationId: personalChatId(recipients[4]!), count: 10 });
    await local.reminders.engine.dispatch(TENANT, { budgetMs: 30_000, subjectId: session.id });

    const deliveries = byRecipient(await deliveriesOf(session.id));
    for (const [index, attempts] of [
      [0, 2],
      [1, 2],
      [2, 2],
      [3, 3],
    ] as const) {
      expect(deliveries.get(recipients[index]!)).toMatchObject({ state: 'sent', attempts, failures: attempts - 1 });
    }
    expect(deliveries.get(recipients[4]!)).toMatchObject({
      state: 'failed',
      attempts: 4,
      failure: { reason: 'retries-exhausted', status: 503 },
    });
    const counts = arrivals(connector, session.id);
    expect(counts.size).toBe(4);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('treats 403 and 404 as final: recorded, not retried, and the conversation marked stale', async () => {
    const [blocked, deleted, fine] = people(350, 3) as [string, string, string];
    const session = await aSession(23 * 60 - 25, { going: [blocked, deleted, fine] });
    await local.reminders.engine.plan(TENANT);
    connector.fail(403, { conversationId: personalChatId(blocked) });
    connector.fail(404, { conversationId: personalChatId(deleted) });
    await local.reminders.engine.dispatch(TENANT, { budgetMs: 30_000, subjectId: session.id });

    const deliveries = byRecipient(await deliveriesOf(session.id));
    expect(deliveries.get(blocked)).toMatchObject({
      state: 'failed',
      attempts: 1,
      failure: { reason: 'conversation-gone', status: 403 },
    });
    expect(deliveries.get(deleted)).toMatchObject({
      state: 'failed',
      failure: { reason: 'conversation-gone', status: 404 },
    });
    expect(deliveries.get(fine)).toMatchObject({ state: 'sent' });
    const conversations = local.reminders.conversations;
    expect((await conversations.personal(TENANT, blocked))!.stale).toMatchObject({ reason: 'forbidden' });
    expect((await conversations.personal(TENANT, deleted))!.stale).toMatchObject({ reason: 'not-found' });
    expect((await conversations.personal(TENANT, fine))!.stale).toBeUndefined();

    // What comes next for them is recorded as failed without calling Teams.
    const before = connector.answers.filter((a) => a.conversationId === personalChatId(blocked)).length;
    const next = await aSession(23 * 60 - 26, { going: [blocked] });
    await local.reminders.engine.plan(TENANT);
    await local.reminders.engine.dispatch(TENANT, { budgetMs: 10_000, subjectId: next.id });
    expect((await deliveriesOf(next.id))[0]).toMatchObject({
      state: 'failed',
      failure: { reason: 'conversation-gone' },
    });
    expect(connector.answers.filter((a) => a.conversationId === personalChatId(blocked)).length).toBe(before);
  });

  it('gives up on a stalled send after its timeout and sends it again: it arrives once', async () => {
    const [slow] = people(360, 1) as [string];
    const session = await aSession(23 * 60 - 30, { going: [slow] });
    await local.reminders.engine.plan(TENANT);
    connector.stall(3_000, { conversationId: personalChatId(slow) });
    await local.reminders.engine.dispatch(TENANT, { budgetMs: 15_000, subjectId: session.id });
    const [delivery] = await deliveriesOf(session.id);
    expect(delivery).toMatchObject({ state: 'sent', attempts: 2 });
    expect(delivery!.lastError?.code).toMatch(/Abort/);
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    expect(arrivals(connector, session.id).get(delivery!.id)).toBe(1);
  });

  it("keeps one conversation to Teams' 7 a second: 16 reminders to one person, none refused", async () => {
    const [busy] = people(370, 1) as [string];
    const limitedBefore = connector.limited;
    const many = await Promise.all(Array.from({ length: 16 }, (_, i) => aSession(23 * 60 - 40 - i, { going: [busy] })));
    await local.reminders.engine.plan(TENANT);
    const from = connector.activities.length;
    await Promise.all(many.map((s) => local.reminders.engine.dispatch(TENANT, { budgetMs: 30_000, subjectId: s.id })));
    const times = connector.activities
      .slice(from)
      .filter((a) => a.conversationId === personalChatId(busy))
      .map((a) => a.receivedAt);
    expect(times).toHaveLength(16);
    for (const at of times) expect(times.filter((t) => t > at - 1_000 && t <= at).length).toBeLessThanOrEqual(7);
    expect(connector.limited).toBe(limitedBefore);
  });

  it('turns session notices into deliveries: a freed seat, a cancellation; reminders of a cancelled session stay unsent', async () => {
    const [leaver, waiting, other] = people(380, 3) as [string, string, string];
    const session = await aSession(23 * 60 - 60, { going: [leaver, other], waitlisted: [waiting] }, { capacity: 2 });
    await respondToSession(stack.runtime, { tenantId: TENANT, userId: leaver }, session.id, { response: 'declined' });
    expect((await stack.runtime.sessions.get(TENANT, session.id))!.notices).toHaveLength(1);
    await local.reminders.tick();
    let deliveries = await deliveriesOf(session.id);
    const promoted = deliveries.find((d) => d.kind === 'waitlist-promoted')!;
    expect(promoted).toMatchObject({ recipientId: waiting, state: 'sent' });
    expect((await stack.runtime.sessions.get(TENANT, session.id))!.notices).toEqual([]);
    const card = connector.activities.find((a) => deliveryIdOf(a) === promoted.id)!;
    expect(JSON.stringify(card.activity.attachments)).toContain("A seat opened up: you're going");

    // A reminder planned but not sent yet, then the session is cancelled.
    const later = await aSession(23 * 60 - 61, { going: [other, waiting] });
    await local.reminders.engine.plan(TENANT);
    await cancelSession(stack.runtime, { tenantId: TENANT, userId: FACILITATOR }, later.id, {});
    await local.reminders.tick();
    deliveries = await deliveriesOf(later.id);
    expect(deliveries.filter((d) => d.kind === 'session-reminder').map((d) => d.skipped?.reason)).toEqual([
      'session-cancelled',
      'session-cancelled',
    ]);
    const cancelled = deliveries.filter((d) => d.kind === 'session-cancelled');
    expect(cancelled.map((d) => [d.recipientId, d.state]).sort()).toEqual(
      [
        [other, 'sent'],
        [waiting, 'sent'],
      ].sort(),
    );
    await local.reminders.tick();
    expect((await deliveriesOf(later.id)).length).toBe(deliveries.length);
  });

  it('tells the people who answered that a session changed, once for a burst of edits', async () => {
    const [going, waiting, declined] = people(386, 3) as [string, string, string];
    const session = await aSession(6 * 24 * 60, { going: [going], waitlisted: [waiting], declined: [declined] });
    // What core's editSession writes once the optional patch of issue 5 is in (docs/adr/0006).
    const changed = (at: string) =>
      ({ id: `session-changed:${at}`, type: 'session-changed', at }) as unknown as SessionNotice;
    await stack.runtime.sessions.update(TENANT, session.id, (current) => ({
      next: {
        ...current,
        location: 'Room 5',
        notices: [
          ...current.notices,
          changed(new Date(Date.now() - 2_000).toISOString()),
          changed(new Date().toISOString()),
        ],
      },
      result: undefined,
    }));
    await local.reminders.tick();
    const deliveries = await deliveriesOf(session.id);
    expect(deliveries.map((d) => [d.kind, d.recipientId, d.state]).sort()).toEqual(
      [
        ['session-changed', going, 'sent'],
        ['session-changed', waiting, 'sent'],
      ].sort(),
    );
    const card = connector.activities.find((a) => deliveryIdOf(a) === deliveries[0]!.id)!;
    const content = JSON.stringify(card.activity.attachments);
    expect(content).toContain('This session changed');
    expect(content).toContain('Where: Room 5');
    expect((await stack.runtime.sessions.get(TENANT, session.id))!.notices).toEqual([]);
  });

  it('reminds presenters three days before (the program default)', async () => {
    const [presenter, participant] = people(387, 2) as [string, string];
    const session = await aSession(
      3 * 24 * 60 - 30,
      { going: [participant] },
      {
        presenters: [{ userId: presenter, displayName: 'Pat Presenter' }],
      },
    );
    await local.reminders.tick();
    const deliveries = await deliveriesOf(session.id);
    expect(deliveries.map((d) => [d.kind, d.recipientId, d.minutesBefore, d.state])).toEqual([
      ['presenter-reminder', presenter, 4320, 'sent'],
    ]);
    const card = connector.activities.find((a) => deliveryIdOf(a) === deliveries[0]!.id)!;
    expect(JSON.stringify(card.activity.attachments)).toContain("You're presenting in 3 days");
  });

  it("reminds at a session's own leads, else its cohort's, before the program's", async () => {
    const [own, cohorts] = people(389, 2) as [string, string];
    const custom = await aSession(
      100,
      { going: [own] },
      { details: { reminders: { participantMinutesBefore: [120], presenterDaysBefore: 0 } } },
    );
    const cohort = (await stack.runtime.cohorts.get(TENANT, COHORT))!;
    await stack.runtime.cohorts.update(TENANT, COHORT, (current) => ({
      next: { ...current, reminderDefaults: { participantMinutesBefore: [300, 60], presenterDaysBefore: 1 } },
      result: undefined,
    }));
    try {
      const cohortWide = await aSession(250, { going: [cohorts] });
      await local.reminders.tick();
      expect((await deliveriesOf(custom.id)).map((d) => [d.recipientId, d.minutesBefore, d.state])).toEqual([
        [own, 120, 'sent'],
      ]);
      expect((await deliveriesOf(cohortWide.id)).map((d) => [d.recipientId, d.minutesBefore, d.state])).toEqual([
        [cohorts, 300, 'sent'],
      ]);
    } finally {
      await stack.runtime.cohorts.update(TENANT, COHORT, () => ({ next: cohort, result: undefined }));
    }
  });

  it('does not send a reminder planned for a session that has moved since; the new time gets its own', async () => {
    const [mover] = people(385, 1) as [string];
    const session = await aSession(22 * 60, { going: [mover] });
    await local.reminders.engine.plan(TENANT);
    const moved = new Date(Date.parse(session.startsAt) + 30 * MINUTE).toISOString();
    await stack.runtime.sessions.update(TENANT, session.id, (current) => ({
      next: { ...current, startsAt: moved, endsAt: new Date(Date.parse(moved) + 60 * MINUTE).toISOString() },
      result: undefined,
    }));
    await local.reminders.tick();
    const deliveries = await deliveriesOf(session.id);
    expect(deliveries.map((d) => [d.sessionStartsAt, d.state, d.skipped?.reason ?? null]).sort()).toEqual(
      [
        [session.startsAt, 'skipped', 'session-moved'],
        [moved, 'sent', null],
      ].sort(),
    );
  });

  it('respects opt-out (recorded as such) and quiet hours (held until they end)', async () => {
    const [optedOut, sleeping] = people(390, 2) as [string, string];
    const prefs = local.reminders.deps.notificationPreferences;
    await prefs.savePreferences(TENANT, optedOut, { optedOut: true, weeklyDigest: false });
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    await prefs.savePreferences(TENANT, sleeping, {
      optedOut: false,
      weeklyDigest: false,
      quietHours: {
        start: hhmm(new Date(now.getTime() - 60 * MINUTE)),
        end: hhmm(new Date(now.getTime() + 60 * MINUTE)),
      },
    });
    await stack.runtime.people.upsert({
      tenantId: TENANT,
      id: sleeping,
      displayName: 'Sleeping Person',
      title: 'Engineer',
      level: 'Mid',
      function: 'IT',
      timeZone: 'UTC',
    });
    const session = await aSession(23 * 60 - 70, { going: [optedOut, sleeping] });
    await local.reminders.tick();
    const deliveries = byRecipient(await deliveriesOf(session.id));
    expect(deliveries.get(optedOut)).toMatchObject({ state: 'skipped', skipped: { reason: 'opted-out' } });
    const held = deliveries.get(sleeping)!;
    expect(held.state).toBe('pending');
    expect(Date.parse(held.nextAt)).toBeGreaterThan(now.getTime() + 55 * MINUTE);
    expect(arrivals(connector, session.id).size).toBe(0);
  });

  it('sends the follow-up card after a session to the people who were there', async () => {
    const [attended, absent] = people(395, 2) as [string, string];
    const now = Date.now();
    const session = await aSession(
      -90,
      { going: [attended, absent] },
      {
        endsAt: new Date(now - 20 * MINUTE).toISOString(),
        attendance: {
          [attended]: { present: true, at: new Date(now - 80 * MINUTE).toISOString(), recordedBy: attended },
        },
      },
    );
    await local.reminders.tick();
    const deliveries = await deliveriesOf(session.id);
    expect(deliveries.map((d) => [d.kind, d.recipientId, d.state])).toEqual([['session-follow-up', attended, 'sent']]);
    const card = connector.activities.find((a) => deliveryIdOf(a) === deliveries[0]!.id)!;
    const content = JSON.stringify(card.activity.attachments);
    expect(content).toContain('How did it go?');
    expect(content).toContain('What will you try before next time?');
  });
  it('marks finished deliveries to expire (the container keeps them 400 days in Azure), never pending ones', async () => {
    const container = stack.runtime.cosmos.database(stack.config.cosmos.database).container('deliveries');
    const { resources } = await container.items
      .query<{ state: string; ttl?: number }>({
        query: 'SELECT c.state, c.ttl FROM c WHERE c.tenantId = @tenantId AND c.type = "delivery"',
        parameters: [{ name: '@tenantId', value: TENANT }],
      })
      .fetchAll();
    const finished = resources.filter((d) => ['sent', 'failed', 'skipped'].includes(d.state));
    expect(finished.length).toBeGreaterThan(0);
    expect(new Set(finished.map((d) => d.ttl))).toEqual(new Set([400 * 86_400]));
    expect(resources.filter((d) => d.state === 'pending' && d.ttl !== undefined)).toEqual([]);
  });
});
