import type { LocalStack } from '../../api/src/local/stack';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { api, DEV_TENANT, startTestStack } from '../support/stack';

interface Person {
  readonly teamsId: string;
  readonly name: string;
  readonly aadObjectId: string;
}

const SAM: Person = { teamsId: '29:sam', name: 'Sam Rivera', aadObjectId: 'sam-rivera' };
const DIEGO: Person = { teamsId: '29:diego', name: 'Diego Alvarez', aadObjectId: 'diego-alvarez' };
const LEE: Person = { teamsId: '29:lee', name: 'Lee Kim', aadObjectId: 'lee-kim' };

const PERSONAL_CHAT = { id: 'a:personal-chat', conversationType: 'personal', tenantId: DEV_TENANT };
const GROUP_CHAT = { id: '19:group-chat@thread.v2', conversationType: 'groupChat', tenantId: DEV_TENANT };

/** An activity as Teams would deliver it to /api/messages, from a person of the demo tenant. */
function teamsActivity(serviceUrl: string, person: Person, fields: Record<string, unknown>) {
  return {
    channelId: 'msteams',
    serviceUrl,
    id: `activity-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    from: { id: person.teamsId, name: person.name, aadObjectId: person.aadObjectId },
    recipient: { id: '28:peerloop-bot', name: 'PeerLoop' },
    conversation: PERSONAL_CHAT,
    channelData: { tenant: { id: DEV_TENANT } },
    ...fields,
  };
}

/** What Teams sends when someone clicks an Action.Execute button, or when a card refreshes itself. */
function cardAction(verb: string, data: Record<string, unknown> = {}, trigger: 'manual' | 'automatic' = 'manual') {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger },
  };
}

interface Card {
  readonly refresh?: { action: { type: string; verb: string }; userIds?: string[] };
  readonly body: unknown[];
}

/** The part of a sessions card about one session: its container names the session in its buttons. */
function sessionOn(card: Card, sessionId: string): string {
  const part = card.body.map((item) => JSON.stringify(item)).find((text) => text.includes(`"${sessionId}"`));
  if (!part) throw new Error(`the card does not list ${sessionId}`);
  return part;
}

function seatsTaken(card: Card, sessionId: string): number {
  const match = /Seats: (\d+) of 12 taken/.exec(sessionOn(card, sessionId));
  if (!match) throw new Error(`no seats line for ${sessionId}`);
  return Number(match[1]);
}

describe('the "sessions" card and RSVP from it (Universal Actions), over HTTP', () => {
  let stack: LocalStack;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    connector = await ConnectorStandIn.start();
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.close();
    await connector.close();
  });

  const post = (person: Person, fields: Record<string, unknown>) =>
    api(stack, '/api/messages', { method: 'POST', body: teamsActivity(connector.serviceUrl, person, fields) });

  /** Sends a chat message and returns the one card the bot replies with. */
  async function ask(person: Person, text: string, conversation = PERSONAL_CHAT): Promise<Card> {
    const before = connector.activities.length;
    const mention = {
      type: 'mention',
      text: '<at>PeerLoop</at>',
      mentioned: { id: '28:peerloop-bot', name: 'PeerLoop' },
    };
    const entities = text.includes(mention.text) ? [mention] : [];
    const { status } = await post(person, { type: 'message', text, conversation, entities });
    expect(status).toBe(200);
    const [reply] = (await connector.waitFor(before + 1)).slice(before);
    const attachment = reply!.activity.attachments?.[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    return attachment!.content as Card;
  }

  /** Clicks a card button (or refreshes) and returns the HTTP answer to the invoke. */
  const click = (person: Person, verb: string, data?: Record<string, unknown>, conversation = PERSONAL_CHAT) =>
    post(person, { ...cardAction(verb, data), conversation });

  it("lists the coming sessions on one card with Going / Maybe / Can't go buttons", async () => {
    const card = await ask(SAM, 'sessions');
    const text = JSON.stringify(card);
    for (const title of [
      'Learning lunch: PowerShell habits that save an hour a week',
      'Reflection: my first month on call',
      'Fireside chat: the outage that taught us the most',
      'Book club: Site Reliability Engineering, chapters 1-3',
    ])
      expect(text).toContain(`"type":"TextRun","text":"${title}"`);
    expect(text).toMatch(/\{\{DATE\(2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\} \{\{TIME\(/);
    expect(sessionOn(card, 'lunch-powershell')).toContain("You haven't answered yet");
    expect(JSON.parse(sessionOn(card, 'lunch-powershell')).items).toContainEqual({
      type: 'ActionSet',
      actions: [
        expect.objectContaining({
          type: 'Action.Execute',
          title: 'Going',
          verb: 'rsvp',
          data: { sessionId: 'lunch-powershell', response: 'going' },
        }),
        expect.objectContaining({ title: 'Maybe', data: { sessionId: 'lunch-powershell', response: 'maybe' } }),
        expect.objectContaining({ title: "Can't go", data: { sessionId: 'lunch-powershell', response: 'declined' } }),
      ],
    });
    // A personal chat: the card is Sam's own and refreshes for Sam.
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'refresh' },
      userIds: ['29:sam'],
    });
    expect(Buffer.byteLength(text)).toBeLessThan(28 * 1024);
  });

  it('answers "Going" with the card redrawn for Sam: going, one more seat taken; a second click changes nothing', async () => {
    const before = seatsTaken(await ask(SAM, 'sessions'), 'lunch-powershell');

    const first = await click(SAM, 'rsvp', { sessionId: 'lunch-powershell', response: 'going' });
    expect(first.status).toBe(200);
    expect(first.body.statusCode).toBe(200);
    expect(first.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(sessionOn(first.body.value, 'lunch-powershell')).toContain("You're going");
    expect(seatsTaken(first.body.value, 'lunch-powershell')).toBe(before + 1);

    const again = await click(SAM, 'rsvp', { sessionId: 'lunch-powershell', response: 'going' });
    expect(again.status).toBe(200);
    expect(sessionOn(again.body.value, 'lunch-powershell')).toContain("You're going");
    expect(seatsTaken(again.body.value, 'lunch-powershell')).toBe(before + 1);
  });

  it('refuses an RSVP to a members-only session on the card, beside that session', async () => {
    const { status, body } = await click(DIEGO, 'rsvp', { sessionId: 'reflection-first-month', response: 'going' });
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const reflection = sessionOn(body.value, 'reflection-first-month');
    expect(reflection).toContain('Your answer was not saved: only members of \\"New Admins Circle\\" can answer');
    expect(reflection).toContain("You haven't answered yet");
  });

  it('redraws the card on refresh for whoever is looking at it', async () => {
    const sams = await click(SAM, 'refresh');
    expect(sams.status).toBe(200);
    expect(sessionOn(sams.body.value, 'lunch-powershell')).toContain("You're going");

    const lees = await click(LEE, 'refresh');
    expect(sessionOn(lees.body.value, 'lunch-powershell')).toContain("You haven't answered yet");
    expect(lees.body.value.refresh.userIds).toEqual(['29:lee']);
  });

  it("in a group chat, shows nobody's answers until Teams refreshes the card for each viewer", async () => {
    const card = await ask(SAM, '<at>PeerLoop</at> sessions', GROUP_CHAT);
    expect(JSON.stringify(card)).not.toContain("You're going");
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: 'refresh' } });

    const { body } = await click(SAM, 'refresh', undefined, GROUP_CHAT);
    expect(sessionOn(body.value, 'lunch-powershell')).toContain("You're going");
  });

  it('answers a malformed action with a 400 error, and an unknown verb as not supported', async () => {
    const noSession = await click(SAM, 'rsvp', { response: 'going' });
    expect(noSession.status).toBe(400);
    expect(noSession.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });

    const badAnswer = await click(SAM, 'rsvp', { sessionId: 'lunch-powershell', response: 'perhaps' });
    expect(badAnswer.status).toBe(400);
    expect(badAnswer.body.value.message).toContain('response');

    const unknown = await click(SAM, 'dance');
    expect(unknown.status).toBe(400);
    expect(unknown.body.value).toMatchObject({ code: 'NotSupported' });
  });

  it('answers a person of a tenant PeerLoop is not enabled for with that, and no sessions', async () => {
    const elsewhere = { id: 'a:elsewhere', conversationType: 'personal', tenantId: 'some-other-tenant' };
    const { status, body } = await post(SAM, {
      ...cardAction('refresh'),
      conversation: elsewhere,
      channelData: { tenant: { id: 'some-other-tenant' } },
    });
    expect(status).toBe(200);
    expect(JSON.stringify(body.value)).toContain('PeerLoop is not enabled for your organisation.');
    expect(JSON.stringify(body.value)).not.toContain('lunch-powershell');
  });
});
