import { ActivityHandler } from 'botbuilder';
import { BotEndpoint } from './bot-endpoint';

describe('the bot endpoint', () => {
  it('refuses an activity without a token when an app id is configured (managed identity, as in Azure)', async () => {
    const endpoint = new BotEndpoint(
      { appId: '00000000-0000-4000-8000-00000000b07d', appType: 'UserAssignedMSI', appTenantId: 'tenant-1' },
      new ActivityHandler(),
      () => undefined,
    );
    const answer = await endpoint.process({
      method: 'POST',
      headers: {},
      body: { type: 'message', text: 'help', serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams' },
    });
    expect(answer.status).toBe(401);
  });
});
