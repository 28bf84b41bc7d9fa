import { ConfigError, loadConfig } from './config';

const production = {
  PEERLOOP_ENV: 'production',
  COSMOS_ENDPOINT: 'https://peerloop.documents.azure.com:443/',
  AAD_APP_CLIENT_ID: 'client-id',
  ALLOWED_TENANT_IDS: 'tenant-a, tenant-b',
  BOT_ID: 'bot-id',
  BOT_APP_TYPE: 'UserAssignedMSI',
  BOT_TENANT_ID: 'tenant-a',
  FEED_SIGNING_KEY: 'a-production-feed-signing-key-of-32-chars-or-more',
  ANONYMITY_HASH_KEY: 'a-production-anonymity-hash-key-of-32-chars-or-more',
};

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
};

describe('configuration', () => {
  it('accepts a complete production configuration, with managed identity for Cosmos (no key)', () => {
    const config = loadConfig(production);
    expect(config).toMatchObject({ env: 'production', devMode: false, cosmos: { key: undefined } });
    expect(config.auth.allowedTenantIds).toEqual(['tenant-a', 'tenant-b']);
  });

  it('defaults to production when PEERLOOP_ENV is unset, so a forgotten setting is never dev mode', () => {
    expect(problemsOf({ COSMOS_ENDPOINT: 'https://x.documents.azure.com/' })).toMatch(/AAD_APP_CLIENT_ID is required/);
  });

  it('refuses dev mode in production', () => {
    expect(problemsOf({ ...production, PEERLOOP_DEV_MODE: 'true' })).toMatch(
      /PEERLOOP_DEV_MODE=true is refused in production/,
    );
  });

  it('refuses dev mode on Azure even if PEERLOOP_ENV says development', () => {
    const env = {
      ...production,
      PEERLOOP_ENV: 'development',
      PEERLOOP_DEV_MODE: 'true',
      WEBSITE_SITE_NAME: 'peerloop-func',
    };
    expect(problemsOf(env)).toMatch(/refused on Azure/);
  });

  it('refuses dev mode off loopback', () => {
    const env = {
      PEERLOOP_ENV: 'development',
      PEERLOOP_DEV_MODE: 'true',
      HOST: '0.0.0.0',
      COSMOS_ENDPOINT: 'https://127.0.0.1:8081',
    };
    expect(problemsOf(env)).toMatch(/needs HOST on loopback, not "0.0.0.0"/);
  });

  it('refuses to start the bot without an app id outside dev mode', () => {
    expect(problemsOf({ ...production, BOT_ID: '' })).toMatch(/BOT_ID is required outside dev mode/);
  });

  it('treats only the exact word "true" as dev mode', () => {
    expect(problemsOf({ ...production, PEERLOOP_DEV_MODE: 'yes' })).toMatch(
      /PEERLOOP_DEV_MODE: must be "true" or "false"/,
    );
    expect(loadConfig({ ...production, PEERLOOP_DEV_MODE: 'false' }).devMode).toBe(false);
  });

  it('refuses a plain-http Cosmos endpoint in production', () => {
    expect(problemsOf({ ...production, COSMOS_ENDPOINT: 'http://peerloop.documents.azure.com/' })).toMatch(
      /must use https/,
    );
  });

  it('requires its own calendar-feed signing key outside dev mode', () => {
    expect(problemsOf({ ...production, FEED_SIGNING_KEY: '' })).toMatch(/FEED_SIGNING_KEY/);
  });

  it('requires its own anonymity hash key outside dev mode', () => {
    expect(problemsOf({ ...production, ANONYMITY_HASH_KEY: '' })).toMatch(/ANONYMITY_HASH_KEY/);
    expect(problemsOf({ ...production, ANONYMITY_HASH_KEY: 'short' })).toMatch(
      /ANONYMITY_HASH_KEY: must be at least 32/,
    );
  });

  it('refuses a Web PubSub access key in production, and takes its endpoint', () => {
    expect(
      problemsOf({
        ...production,
        WEB_PUBSUB_CONNECTION_STRING: 'Endpoint=https://x.webpubsub.azure.com;AccessKey=k;Version=1.0;',
      }),
    ).toMatch(/managed identity/);
    const config = loadConfig({ ...production, WEB_PUBSUB_ENDPOINT: 'https://peerloop.webpubsub.azure.com' });
    expect(config.webPubSub).toEqual({
      endpoint: 'https://peerloop.webpubsub.azure.com',
      connectionString: undefined,
      hub: 'qna',
    });
    expect(loadConfig(production).webPubSub).toBeUndefined();
  });

  it('names every problem at once', () => {
    const message = problemsOf({ COSMOS_ENDPOINT: 'https://x.documents.azure.com/' });
    expect(message).toMatch(/AAD_APP_CLIENT_ID/);
    expect(message).toMatch(/ALLOWED_TENANT_IDS/);
    expect(message).toMatch(/BOT_ID/);
  });
});
