import { newSession, sendReminderNow, type Session } from '@peerloop/core';
import type { LocalStack } from '../../api/src/local/stack';
import { attachReminders, type LocalReminders } from '../../api/src/reminders/local-reminders';
import { reminderSettings } from '../../api/src/reminders/reminders-runtime';
import { BotDeliveryChannel } from '../../bot/src/proactive/delivery-channel';
import { TeamsRateLimiter } from '../../bot/src/proactive/rate-limiter';
import { ConnectorStandIn, TEAMS_LIMITS, type RecordedActivity } from '../support/connector-stand-in';
import { DEV_TENANT, startTestStack } from '../support/stack';

interface Person {
  readonly teamsId: string;
  readonly name: string;
  readonly aadObjectId: string;
}

const SAM: Person = { teamsId: '29:sam', name: 'Sam Rivera', aadObjectId: 'sam-rivera' };
const LEE: Person = { teamsId: '29:lee', name: 'Lee Kim', aadObjectId: 'lee-kim' };
const HANA: Person = { teamsId: '29:hana', name: 'Hana Suzuki', aadObjectId: 'hana-suzuki' };
const BOT = { id: '28:peerloop-bot', name: 'PeerLoop' };
const personalChat = (person: Person) => ({
  id: `a:personal-${person.aadObjectId}`,
  conversationType: 'personal',
  tenantId: DEV_TENANT,
});

interface Card {
  readonly refresh?: { action: { verb: string; data: Record<string, unknown> }; userIds?: string[] };
  readonly body: unknown[];
}

/** The actions of a card, wherever they sit. */
function actionsOf(card: unknown): { title: string; verb?: string; data?: Record<string, unknown> }[] {
  const found: { title: string; verb?: string; data?: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const item = node as Record<string, unknown>;
      if (typeof item.type === 'string' && item.type.startsWith('Action.')) found.push(item as never);
      // The card's refresh is not a button.
      Object.entries(item).forEach(([key, value]) => key !== 'refresh' && walk(value));
    }
  };
  walk(card);
  return found;
}

describe('the bot keeps conversation references and answers reminder cards in place', () => {
  let stack: LocalStack;
  let connector: ConnectorStandIn;
  let local: LocalReminders;
  let session: Session;

  beforeAll(async () => {
    connector = await ConnectorStandIn.start({ limits: TEAMS_LIMITS });
    stack = await startTestStack();
    local = await attachReminders(stack, {
      channel: (adapter) => new BotDeliveryChannel({ adapter, appId: '', timeoutMs: 2_000, log: () => undefined }),
      throttle: new TeamsRateLimiter(),
      settings: reminderSettings(),
      log: () => undefined,
    });
    const now = Date.now();
    session = newSession({
      tenantId: DEV_TENANT,
      id: 'bot-reminders-lunch',
      cohortId: 'new-admins-circle',
      programId: 'admin-community',
      kind: 'learning-lunch',
      title: 'Lunch: reading change logs [with links](http://example.invalid)',
      startsAt: new Date(now + 3 * 86_400_000).toISOString(),
      endsAt: new Date(now + 3 * 86_400_000 + 3_600_000).toISOString(),
      timeZone: 'Europe/London',
      capacity: 2,
      meetingUrl: 'https://teams.microsoft.com/l/meetup-join/bot-reminders',
      rsvps: {
        'sam-rivera': { status: 'going', respondedAt: new Date(now).toISOString() },
        'lee-kim': { status: 'going', respondedAt: new Date(now).toISOString() },
        'hana-suzuki': { status: 'waitlisted', respondedAt: new Date(now).toISOString() },
      },
      waitlist: ['hana-suzuki'],
      createdBy: 'fatima-okafor',
      createdAt: new Date(now).toISOString(),
    });
    await stack.runtime.sessions.create(session);
  });
  afterAll(async () => {
    await local?.close();
    await stack?.close();
    await connector?.close();
  });

  /** An activity as Teams would deliver it to /api/messages. */
  async function post(person: Person, fields: Record<string, unknown>) {
    const response = await fetch(`${local.host!.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        id: `activity-${Math.random().toString(36).slice(2)}`,
        timestamp: new Date().toISOString(),
        from: { id: person.teamsId, name: person.name, aadObjectId: person.aadObjectId },
        recipient: BOT,
        conversation: personalChat(person),
        channelData: { tenant: { id: DEV_TENANT } },
        ...fields,
      }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  const click = (person: Person, verb: string, data: Record<string, unknown>) =>
    post(person, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });

  const personal = (person: Person) => local.reminders.conversations.personal(DEV_TENANT, person.aadObjectId);

  /** Sends "reminder now" for the session and returns the card each person got. */
  async function remindEveryone(): Promise<Map<string, RecordedActivity>> {
    const from = connector.activities.length;
    await sendReminderNow(local.reminders.deps, { tenantId: DEV_TENANT, userId: 'fatima-okafor' }, session.id, {});
    await local.reminders.engine.dispatch(DEV_TENANT, { budgetMs: 10_000, subjectId: session.id });
    return new Map(connector.activities.slice(from).map((a) => [a.conversationId, a]));
  }

  it('records where to reach a person when they install PeerLoop, and still greets them', async () => {
    expect(await personal(SAM)).toBeNull();
    const before = connector.activities.length;
    const install = await post(SAM, { type: 'installationUpdate', action: 'add' });
    expect(install.status).toBe(200);
    expect(await personal(SAM)).toMatchObject({
      scope: 'personal',
      userId: 'sam-rivera',
      address: {
        serviceUrl: connector.serviceUrl,
        conversationId: 'a:personal-sam-rivera',
        conversationType: 'personal',
        tenantId: DEV_TENANT,
        botId: BOT.id,
        userTeamsId: '29:sam',
      },
    });
    // The greeting on conversationUpdate still comes, and recording is idempotent.
    await post(SAM, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] });
    const [greeting] = (await connector.waitFor(before + 1)).slice(before);
    expect(JSON.stringify(greeting!.activity.attachments)).toContain('PeerLoop helps your peer-learning program');
    for (const person of [LEE, HANA]) await post(person, { type: 'message', text: 'help' });
    expect((await personal(LEE))?.address.userTeamsId).toBe('29:lee');
  });

  it('marks the reference stale on uninstall and current again on re-install (with a new service URL)', async () => {
    await post(SAM, { type: 'installationUpdate', action: 'remove' });
    expect((await personal(SAM))?.stale).toMatchObject({ reason: 'uninstalled' });
    const moved = `${connector.serviceUrl}`.replace('127.0.0.1', 'localhost');
    const response = await fetch(`${local.host!.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'installationUpdate',
        action: 'add',
        channelId: 'msteams',
        serviceUrl: moved,
        id: 'reinstall-1',
        from: { id: SAM.teamsId, name: SAM.name, aadObjectId: SAM.aadObjectId },
        recipient: BOT,
        conversation: personalChat(SAM),
        channelData: { tenant: { id: DEV_TENANT } },
      }),
    });
    expect(response.status).toBe(200);
    const record = await personal(SAM);
    expect(record?.stale).toBeUndefined();
    expect(record?.address.serviceUrl).toBe(moved);
  });

  it('records team and group-chat installs and marks them stale when the bot is removed', async () => {
    const team = { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: DEV_TENANT };
    await post(SAM, {
      type: 'installationUpdate',
      action: 'add',
      conversation: team,
      channelData: { tenant: { id: DEV_TENANT }, team: { id: '19:general@thread.tacv2' } },
    });
    const chats = local.reminders.conversations;
    expect(await chats.chat(DEV_TENANT, team.id)).toMatchObject({ scope: 'team', address: { teamId: team.id } });
    const group = { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: DEV_TENANT };
    await post(SAM, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], conversation: group });
    expect(await chats.chat(DEV_TENANT, group.id)).toMatchObject({ scope: 'groupChat' });
    await post(SAM, { type: 'conversationUpdate', membersRemoved: [{ id: BOT.id }], conversation: group });
    expect((await chats.chat(DEV_TENANT, group.id))?.stale).toMatchObject({ reason: 'uninstalled' });
  });

  it('records nothing for a tenant PeerLoop is not enabled for', async () => {
    const stranger: Person = { teamsId: '29:x', name: 'X', aadObjectId: 'stranger' };
    await post(stranger, {
      type: 'installationUpdate',
      action: 'add',
      conversation: { id: 'a:stranger', conversationType: 'personal', tenantId: 'other-tenant' },
      channelData: { tenant: { id: 'other-tenant' } },
    });
    expect(await local.reminders.conversations.personal('other-tenant', 'stranger')).toBeNull();
  });

  it("answers Can't make it in place, idempotently: the freed seat goes to the first waiting, once", async () => {
    const cards = await remindEveryone();
    const samCard = cards.get('a:personal-sam-rivera')!.activity.attachments![0]!.content as Card;
    expect(samCard.refresh?.userIds).toEqual(['29:sam']);
    const text = JSON.stringify(samCard);
    expect(text).toContain('A reminder from your facilitator');
    expect(text).toContain('"type":"TextRun","text":"Lunch: reading change logs [with links](http://example.invalid)"');
    const cant = actionsOf(samCard).find((a) => a.title === "Can't make it")!;
    expect(cant.verb).toBe('reminderRsvp');
    expect(actionsOf(samCard).map((a) => a.title)).toEqual([
      'Going',
      'Maybe',
      "Can't make it",
      'Remind me later',
      'Join',
    ]);

    const first = await click(SAM, cant.verb!, cant.data!);
    expect(first.body.statusCode).toBe(200);
    expect(JSON.stringify(first.body.value)).toContain("You can't make it");
    const again = await click(SAM, cant.verb!, cant.data!);
    expect(JSON.stringify(again.body.value)).toContain("You can't make it");
    const stored = (await stack.runtime.sessions.get(DEV_TENANT, session.id))!;
    expect(stored.rsvps['sam-rivera']?.status).toBe('declined');
    expect(stored.rsvps['hana-suzuki']?.status).toBe('going');
    expect(stored.notices.filter((n) => n.type === 'waitlist-promoted')).toHaveLength(1);
  });

  it('snoozes once per card: "Remind me later" clicked twice plans one more reminder', async () => {
    const leeCard = [...connector.activities].reverse().find((a) => a.conversationId === 'a:personal-lee-kim')!;
    const snooze = actionsOf(leeCard.activity.attachments![0]!.content).find((a) => a.title === 'Remind me later')!;
    const first = await click(LEE, snooze.verb!, snooze.data!);
    expect(JSON.stringify(first.body.value)).toMatch(/I'll remind you again at \{\{DATE\(/);
    await click(LEE, snooze.verb!, snooze.data!);
    const deliveries = await local.reminders.deps.deliveries.listBySubject(DEV_TENANT, session.id);
    const snoozed = deliveries.filter((d) => d.kind === 'snoozed-reminder');
    expect(snoozed).toHaveLength(1);
    expect(snoozed[0]).toMatchObject({ recipientId: 'lee-kim', state: 'pending' });
    expect(Date.parse(snoozed[0]!.dueAt) - Date.now()).toBeGreaterThan(55 * 60_000);
  });

  it("refuses a click on someone else's card, and redraws a card as things are now", async () => {
    const leeCard = [...connector.activities].reverse().find((a) => a.conversationId === 'a:personal-lee-kim')!;
    const going = actionsOf(leeCard.activity.attachments![0]!.content).find((a) => a.title === 'Going')!;
    const stolen = await click(SAM, going.verb!, going.data!);
    expect(JSON.stringify(stolen.body.value)).toContain('this card was sent to someone else');
    expect((await stack.runtime.sessions.get(DEV_TENANT, session.id))!.rsvps['sam-rivera']?.status).toBe('declined');

    const refresh = (leeCard.activity.attachments![0]!.content as Card).refresh!.action;
    const redrawn = await click(LEE, refresh.verb, refresh.data);
    expect(JSON.stringify(redrawn.body.value)).toContain("You're going");
  });

  it('saves a follow-up answer from its card, and says what is wrong with a bad one', async () => {
    const ended = newSession({
      tenantId: DEV_TENANT,
      id: 'bot-reminders-ended',
      cohortId: 'new-admins-circle',
      programId: 'admin-community',
      kind: 'reflection',
      title: 'Reflection that just ended',
      startsAt: new Date(Date.now() - 90 * 60_000).toISOString(),
      endsAt: new Date(Date.now() - 15 * 60_000).toISOString(),
      timeZone: 'Europe/London',
      rsvps: { 'lee-kim': { status: 'going', respondedAt: new Date().toISOString() } },
      createdBy: 'fatima-okafor',
      createdAt: new Date().toISOString(),
    });
    await stack.runtime.sessions.create(ended);
    await local.reminders.engine.plan(DEV_TENANT);
    const from = connector.activities.length;
    await local.reminders.engine.dispatch(DEV_TENANT, { budgetMs: 10_000, subjectId: ended.id });
    const card = connector.activities.slice(from).find((a) => a.conversationId === 'a:personal-lee-kim')!;
    const send = actionsOf(card.activity.attachments![0]!.content).find((a) => a.title === 'Send')!;
    expect(send.verb).toBe('followUpAnswer');

    const bad = await click(LEE, send.verb!, { ...send.data, rating: '9' });
    expect(JSON.stringify(bad.body.value)).toContain('rating: must be 1 to 5');
    const good = await click(LEE, send.verb!, { ...send.data, rating: '4', commitment: 'Read the change log first' });
    const text = JSON.stringify(good.body.value);
    expect(text).toContain('You rated it 4 of 5.');
    expect(text).toContain('"type":"TextRun","text":"Read the change log first"');
    const [delivery] = await local.reminders.deps.deliveries.listBySubject(DEV_TENANT, ended.id);
    expect(delivery!.response).toMatchObject({ rating: 4, commitment: 'Read the change log first' });
  });

  it('stops and restarts reminders from the chat: "reminders off" is honoured by the next send', async () => {
    const say = async (person: Person, text: string, conversation = personalChat(person)) => {
      const from = connector.activities.length;
      expect((await post(person, { type: 'message', text, conversation })).status).toBe(200);
      const [reply] = (await connector.waitFor(from + 1)).slice(from);
      return String(reply!.activity.text);
    };
    const preferences = () => local.reminders.deps.notificationPreferences.getPreferences(DEV_TENANT, LEE.aadObjectId);
    const now = Date.now();
    const lunch = newSession({
      ...session,
      id: 'bot-reminders-off-lunch',
      rsvps: { 'lee-kim': { status: 'going', respondedAt: new Date(now).toISOString() } },
      waitlist: [],
    });
    await stack.runtime.sessions.create(lunch);
    const remind = async () => {
      await sendReminderNow(local.reminders.deps, { tenantId: DEV_TENANT, userId: 'fatima-okafor' }, lunch.id, {});
      await local.reminders.engine.dispatch(DEV_TENANT, { budgetMs: 10_000, subjectId: lunch.id });
      return local.reminders.deps.deliveries.listBySubject(DEV_TENANT, lunch.id);
    };

    expect(await say(LEE, 'reminders')).toMatch(/^Reminders are on\./);
    expect(await say(LEE, 'reminders off')).toMatch(/no reminders, notices, follow-ups or digests/);
    expect(await preferences()).toMatchObject({ optedOut: true });
    expect(await say(LEE, 'Reminders')).toMatch(/^Reminders are off/);
    const before = connector.activities.length;
    const deliveries = await remind();
    expect(deliveries.map((d) => [d.recipientId, d.state, d.skipped?.reason])).toEqual([
      ['lee-kim', 'skipped', 'opted-out'],
    ]);
    expect(connector.activities.slice(before).filter((a) => a.conversationId === personalChat(LEE).id)).toEqual([]);

    expect(await say(LEE, 'reminders on')).toMatch(/^Done: you will get reminders again/);
    expect(await preferences()).toMatchObject({ optedOut: false });
    // Only about oneself: not in a group chat.
    const group = { id: '19:group-chat@thread.v2', conversationType: 'groupChat', tenantId: DEV_TENANT };
    expect(await say(LEE, 'reminders off', group)).toMatch(/private chat/);
    expect(await preferences()).toMatchObject({ optedOut: false });
  });

  it('leaves the other card actions as they were', async () => {
    const unknown = await click(SAM, 'noSuchVerb', {});
    expect(unknown.body).toMatchObject({ statusCode: 400, value: { code: 'NotSupported' } });
    const malformed = await click(SAM, 'reminderRsvp', { response: 'going' });
    expect(malformed.body).toMatchObject({ statusCode: 400, value: { code: 'BadRequest' } });
  });
});
