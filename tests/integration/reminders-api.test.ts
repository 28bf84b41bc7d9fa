import { newSession, type Clock, type Session } from '@peerloop/core';
import type { LocalStack } from '../../api/src/local/stack';
import {
  attachReminders,
  personalChatId,
  rememberPersonalChats,
  type LocalReminders,
} from '../../api/src/reminders/local-reminders';
import { reminderSettings } from '../../api/src/reminders/reminders-runtime';
import { BotDeliveryChannel } from '../../bot/src/proactive/delivery-channel';
import { TeamsRateLimiter } from '../../bot/src/proactive/rate-limiter';
import { ConnectorStandIn, TEAMS_LIMITS } from '../support/connector-stand-in';
import { DEV_TENANT, startTestStack } from '../support/stack';

/** A clock the test moves: the reminders' notion of now (planning, due times, the send-now cooldown). */
class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

const MINUTE = 60_000;

describe('reminders over the HTTP API: send now, the delivery report, notification preferences, the digest', () => {
  let stack: LocalStack;
  let connector: ConnectorStandIn;
  let local: LocalReminders;
  const clock = new MovableClock();
  let session: Session;

  beforeAll(async () => {
    connector = await ConnectorStandIn.start({ limits: TEAMS_LIMITS });
    stack = await startTestStack();
    local = await attachReminders(stack, {
      channel: (adapter) => new BotDeliveryChannel({ adapter, appId: '', timeoutMs: 2_000, log: () => undefined }),
      throttle: new TeamsRateLimiter(),
      settings: reminderSettings(),
      clock,
      log: () => undefined,
    });
    await rememberPersonalChats(local.reminders, DEV_TENANT, connector.serviceUrl, [
      'sam-rivera',
      'lee-kim',
      'hana-suzuki',
    ]);
    const now = Date.now();
    const at = new Date(now).toISOString();
    session = newSession({
      tenantId: DEV_TENANT,
      id: 'api-reminders-circle',
      cohortId: 'new-admins-circle',
      programId: 'admin-community',
      kind: 'reflection',
      title: 'Circle: what surprised us this month',
      startsAt: new Date(now + 2 * 86_400_000).toISOString(),
      endsAt: new Date(now + 2 * 86_400_000 + 3_600_000).toISOString(),
      timeZone: 'Europe/London',
      rsvps: {
        'sam-rivera': { status: 'going', respondedAt: at },
        'lee-kim': { status: 'maybe', respondedAt: at },
        'hana-suzuki': { status: 'going', respondedAt: at },
      },
      createdBy: 'fatima-okafor',
      createdAt: at,
    });
    await stack.runtime.sessions.create(session);
  });
  afterAll(async () => {
    await local?.close();
    await stack?.close();
    await connector?.close();
  });

  async function call(
    path: string,
    as: string,
    init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { authorization: `Bearer dev:${as}`, ...init.headers };
    let body: string | undefined = init.rawBody;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${local.host!.url}${path}`, { method: init.method ?? 'GET', headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  const remind = (as: string, body?: unknown) =>
    call(`/api/sessions/${session.id}/reminders`, as, { method: 'POST', ...(body === undefined ? {} : { body }) });

  it('lets a facilitator send a reminder now, with a note shown as written, and delivers it in the request', async () => {
    // Early in a minute, so the next test's repeat falls in the same one.
    clock.set(new Date(Math.floor(Date.now() / MINUTE) * MINUTE + 2_000));
    const from = connector.activities.length;
    const response = await remind('fatima-okafor', { note: 'Bring one **surprise** from your week <b>please</b>' });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ recipients: 3, created: 3, sent: 3, failed: 0 });
    const sent = connector.activities.slice(from);
    expect(sent.map((a) => a.conversationId).sort()).toEqual(
      ['hana-suzuki', 'lee-kim', 'sam-rivera'].map(personalChatId).sort(),
    );
    const card = JSON.stringify(sent[0]!.activity.attachments);
    expect(card).toContain('A reminder from your facilitator');
    expect(card).toContain('"type":"TextRun","text":"Bring one **surprise** from your week <b>please</b>"');
  });

  it('takes the same request twice in a minute once, and refuses another within the cooldown, saying when', async () => {
    const from = connector.activities.length;
    const again = await remind('fatima-okafor');
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ created: 0, sent: 0 });
    clock.advance(2 * MINUTE);
    const soon = await remind('fatima-okafor');
    expect(soon.status).toBe(409);
    expect(soon.body.error.message).toMatch(/another can be sent from \d{4}-\d\d-\d\dT/);
    expect(connector.activities.length).toBe(from);
    clock.advance(10 * MINUTE);
  });

  it('refuses "send reminder now" to members, for unknown sessions and with bad input, naming the field', async () => {
    expect((await remind('sam-rivera')).status).toBe(403);
    expect((await call('/api/sessions/no-such-session/reminders', 'fatima-okafor', { method: 'POST' })).status).toBe(
      404,
    );
    const long = await remind('fatima-okafor', { note: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toEqual([{ path: 'note', message: 'must be at most 500 characters' }]);
    const extra = await remind('fatima-okafor', { note: 'hi', urgent: true });
    expect(extra.status).toBe(400);
    const notJson = await call(`/api/sessions/${session.id}/reminders`, 'fatima-okafor', {
      method: 'POST',
      rawBody: 'note=hi',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(415);
  });

  it('keeps notification preferences per person, validating each field', async () => {
    expect((await call('/api/me/notifications', 'lee-kim')).body).toEqual({ optedOut: false, weeklyDigest: false });
    const quiet = await call('/api/me/notifications', 'lee-kim', {
      method: 'PATCH',
      body: { quietHours: { start: '22:00', end: '07:00' } },
    });
    expect(quiet.status).toBe(200);
    expect(quiet.body).toMatchObject({ optedOut: false, quietHours: { start: '22:00', end: '07:00' } });
    const bad = await call('/api/me/notifications', 'lee-kim', {
      method: 'PATCH',
      body: { quietHours: { start: '25:00', end: '07:00' }, weeklyDigest: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'quietHours.start',
      'weeklyDigest',
    ]);
    expect((await call('/api/me/notifications', 'lee-kim', { method: 'PATCH', body: {} })).status).toBe(400);
    const cleared = await call('/api/me/notifications', 'lee-kim', {
      method: 'PATCH',
      body: { quietHours: null, optedOut: true },
    });
    expect(cleared.body).toMatchObject({ optedOut: true, weeklyDigest: false });
    expect(cleared.body.quietHours).toBeUndefined();
    expect((await call('/api/me/notifications', 'lee-kim')).body).toMatchObject({ optedOut: true });
    // Someone else's preferences are their own.
    expect((await call('/api/me/notifications', 'sam-rivera')).body).toEqual({ optedOut: false, weeklyDigest: false });
  });

  it('shows the facilitator a delivery report per session: sent, failed (why) and opted out, by name', async () => {
    connector.fail(404, { conversationId: personalChatId('hana-suzuki') });
    const response = await remind('fatima-okafor', { note: 'Second nudge' });
    expect(response.status).toBe(202);

    const report = await call(`/api/sessions/${session.id}/deliveries`, 'fatima-okafor');
    expect(report.status).toBe(200);
    expect(report.body.totals).toEqual({ total: 6, pending: 0, sent: 4, failed: 1, skipped: 1, optedOut: 1 });
    expect(report.body.failuresByReason).toEqual({ 'conversation-gone': 1 });
    expect(report.body.skippedByReason).toEqual({ 'opted-out': 1 });
    const lines = report.body.deliveries.filter(
      (d: { dueAt: string }) => d.dueAt === report.body.deliveries.at(-1).dueAt,
    );
    expect(
      lines
        .map((d: any) => [
          d.recipient.displayName,
          d.state,
          d.failure?.reason ?? d.skipped ?? null,
          d.failure?.status ?? null,
        ])
        .sort(),
    ).toEqual([
      ['Hana Suzuki', 'failed', 'conversation-gone', 404],
      ['Lee Kim', 'skipped', 'opted-out', null],
      ['Sam Rivera', 'sent', null, null],
    ]);
    expect((await call(`/api/sessions/${session.id}/deliveries`, 'sam-rivera')).status).toBe(403);
    expect((await call('/api/sessions/no-such-session/deliveries', 'fatima-okafor')).status).toBe(404);
  });

  it('sends the weekly digest on Monday morning, local time, to those who opted in', async () => {
    await call('/api/me/notifications', 'sam-rivera', { method: 'PATCH', body: { weeklyDigest: true } });
    await stack.runtime.people.upsert({
      ...(await stack.runtime.people.get(DEV_TENANT, 'sam-rivera'))!,
      timeZone: 'Asia/Tokyo',
    });
    // The coming Monday, 07:59 in Tokyo: the digest is planned but not due yet.
    const now = new Date(Date.now() + clockOffset());
    const monday = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + ((8 - now.getUTCDay()) % 7 || 7)),
    );
    const mondayDate = monday.toISOString().slice(0, 10);
    clock.set(new Date(`${mondayDate}T07:59:00+09:00`));
    const week = newSession({
      tenantId: DEV_TENANT,
      id: 'api-reminders-week',
      cohortId: 'new-admins-circle',
      programId: 'admin-community',
      kind: 'learning-lunch',
      title: 'Lunch in the week ahead',
      startsAt: new Date(clock.now().getTime() + 2 * 86_400_000).toISOString(),
      endsAt: new Date(clock.now().getTime() + 2 * 86_400_000 + 3_600_000).toISOString(),
      timeZone: 'Asia/Tokyo',
      createdBy: 'fatima-okafor',
      createdAt: new Date().toISOString(),
    });
    await stack.runtime.sessions.create(week);
    const from = connector.activities.length;
    // Ticks at this hour also plan the demo sessions' reminders and follow-ups: count the digests only.
    const digests = () =>
      connector.activities
        .slice(from)
        .filter(
          (a) =>
            a.conversationId === personalChatId('sam-rivera') &&
            JSON.stringify(a.activity.attachments).includes('Your week in PeerLoop'),
        );
    await local.reminders.tick();
    expect(digests()).toEqual([]);
    const [digest] = await local.reminders.deps.deliveries.listBySubject(DEV_TENANT, `digest.${mondayDate}`);
    expect(digest).toMatchObject({
      kind: 'weekly-digest',
      recipientId: 'sam-rivera',
      state: 'pending',
      dueAt: new Date(`${mondayDate}T08:00:00+09:00`).toISOString(),
    });

    clock.advance(2 * MINUTE);
    await local.reminders.tick();
    const sent = digests();
    expect(sent).toHaveLength(1);
    const card = JSON.stringify(sent[0]!.activity.attachments);
    expect(card).toContain('Your week in PeerLoop');
    expect(card).toContain('"type":"TextRun","text":"Lunch in the week ahead"');
    expect(card).toContain('Stop the weekly digest');
    await local.reminders.tick();
    expect(digests()).toHaveLength(1);
  });

  function clockOffset(): number {
    return clock.now().getTime() - Date.now();
  }
});
