import type { LocalStack } from '../../api/src/local/stack';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { api, DEV_TENANT, startTestStack } from '../support/stack';

/** An activity as Teams would deliver it to /api/messages, from a person of the demo tenant. */
function teamsActivity(serviceUrl: string, fields: Record<string, unknown>) {
  return {
    channelId: 'msteams',
    serviceUrl,
    id: `activity-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    from: { id: '29:sam', name: 'Sam Rivera', aadObjectId: 'sam-rivera' },
    recipient: { id: '28:peerloop-bot', name: 'PeerLoop' },
    conversation: { id: 'a:personal-chat-sam', conversationType: 'personal', tenantId: DEV_TENANT },
    channelData: { tenant: { id: DEV_TENANT } },
    ...fields,
  };
}

function cardText(card: unknown): string {
  return JSON.stringify(card);
}

describe('the bot over HTTP, replying through a stand-in Bot Connector', () => {
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

  const send = (fields: Record<string, unknown>) =>
    api(stack, '/api/messages', { method: 'POST', body: teamsActivity(connector.serviceUrl, fields) });

  it('answers "help" with a card naming its commands', async () => {
    const before = connector.activities.length;
    const { status } = await send({ type: 'message', text: 'help' });
    expect(status).toBe(200);
    const [reply] = (await connector.waitFor(before + 1)).slice(before);
    expect(reply!.conversationId).toBe('a:personal-chat-sam');
    expect(reply!.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const text = cardText(reply!.activity.attachments?.[0]?.content);
    expect(text).toContain('cohorts');
    expect(text).toContain('help');
  });

  it('answers "cohorts" (even with an @mention) with the tenant\'s cohorts and their next sessions', async () => {
    const before = connector.activities.length;
    await send({
      type: 'message',
      text: '<at>PeerLoop</at> cohorts',
      entities: [
        { type: 'mention', text: '<at>PeerLoop</at>', mentioned: { id: '28:peerloop-bot', name: 'PeerLoop' } },
      ],
    });
    const [reply] = (await connector.waitFor(before + 1)).slice(before);
    const text = cardText(reply!.activity.attachments?.[0]?.content);
    for (const name of ['New Admins Circle', 'Senior Admins Roundtable', 'Cloud Migration Guild'])
      expect(text).toContain(name);
    expect(text).toContain('Learning lunch: PowerShell habits');
    expect(text).toMatch(/\{\{DATE\(2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\}/);
  });

  it('answers an unknown command with a pointer to help', async () => {
    const before = connector.activities.length;
    await send({ type: 'message', text: 'dance' });
    const [reply] = (await connector.waitFor(before + 1)).slice(before);
    expect(reply!.activity.text).toMatch(/don't know "dance".*help/);
  });

  it('refuses a tenant PeerLoop is not enabled for', async () => {
    const before = connector.activities.length;
    await send({
      type: 'message',
      text: 'cohorts',
      conversation: { id: 'a:elsewhere', conversationType: 'personal', tenantId: 'some-other-tenant' },
      channelData: { tenant: { id: 'some-other-tenant' } },
    });
    const [reply] = (await connector.waitFor(before + 1)).slice(before);
    expect(reply!.activity.text).toBe('PeerLoop is not enabled for your organisation.');
    expect(cardText(reply!.activity)).not.toContain('New Admins Circle');
  });

  it('finds cohorts by name in the messaging extension and returns Adaptive Cards in the invoke response', async () => {
    const { status, body } = await send({
      type: 'invoke',
      name: 'composeExtension/query',
      value: {
        commandId: 'searchCohorts',
        parameters: [{ name: 'query', value: 'admin' }],
        queryOptions: { skip: 0, count: 25 },
      },
    });
    expect(status).toBe(200);
    expect(body.composeExtension.type).toBe('result');
    const names = body.composeExtension.attachments.map(
      (a: { preview: { content: { title: string } } }) => a.preview.content.title,
    );
    expect(names).toEqual(['New Admins Circle', 'Senior Admins Roundtable']);
    const card = body.composeExtension.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content)).toContain('Fatima Okafor');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });

  it('answers a search with no match with an empty result, not an error', async () => {
    const { body } = await send({
      type: 'invoke',
      name: 'composeExtension/query',
      value: { commandId: 'searchCohorts', parameters: [{ name: 'query', value: 'zzz-no-such-cohort' }] },
    });
    expect(body.composeExtension).toMatchObject({ type: 'result', attachments: [] });
  });
});

describe('the bot with an app id configured', () => {
  let stack: LocalStack;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    connector = await ConnectorStandIn.start();
    stack = await startTestStack({
      env: {
        BOT_ID: 'c0ffee00-0000-4000-8000-00000000b07d',
        BOT_PASSWORD: 'test-only-not-a-secret',
        BOT_TENANT_ID: DEV_TENANT,
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await connector.close();
  });

  it('refuses an activity without a Bot Connector token and sends nothing', async () => {
    const response = await api(stack, '/api/messages', {
      method: 'POST',
      body: teamsActivity(connector.serviceUrl, { type: 'message', text: 'cohorts' }),
    });
    expect(response.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.activities).toHaveLength(0);
  });
});
