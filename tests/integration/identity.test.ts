import { createPublicKey } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { LocalStack } from '../../api/src/local/stack';
import { api, startTestStack } from '../support/stack';
import { TEST_CLIENT_ID, TEST_TENANT_ID, TestIdentityProvider } from '../support/test-identity';

describe('Teams SSO tokens at the API', () => {
  let identity: TestIdentityProvider;
  let stack: LocalStack;

  beforeAll(async () => {
    identity = await TestIdentityProvider.start();
    stack = await startTestStack({ identity });
  });
  afterAll(async () => {
    await stack.close();
    await identity.close();
  });

  const me = (token: string) => api(stack, '/api/me', { token });

  it('accepts a valid token and acts as its user in its tenant', async () => {
    const { status, body } = await me(await identity.token({ oid: 'sso-user-7', name: 'Robin Reyes' }));
    expect(status).toBe(200);
    expect(body).toEqual({ tenantId: TEST_TENANT_ID, userId: 'sso-user-7', displayName: 'Robin Reyes' });
  });

  it('accepts the api:// audience form too', async () => {
    const stackWithUri = await startTestStack({
      identity,
      env: { AUTH_AUDIENCES: `api://localhost/${TEST_CLIENT_ID}` },
      seed: false,
    });
    try {
      const token = await identity.token({ aud: `api://localhost/${TEST_CLIENT_ID}` });
      expect((await api(stackWithUri, '/api/me', { token })).status).toBe(200);
    } finally {
      await stackWithUri.close();
    }
  });

  it('fetches the JWKS once and caches it across requests', async () => {
    const before = identity.jwksFetches;
    for (let i = 0; i < 5; i += 1) expect((await me(await identity.token())).status).toBe(200);
    expect(identity.jwksFetches - before).toBe(0);
  });

  const refusals: [string, () => Promise<string>, RegExp][] = [
    [
      'alg none',
      async () =>
        new UnsecuredJWT({
          aud: TEST_CLIENT_ID,
          tid: TEST_TENANT_ID,
          oid: 'x',
          scp: 'access_as_user',
          iss: `https://login.microsoftonline.com/${TEST_TENANT_ID}/v2.0`,
        })
          .setExpirationTime('1h')
          .encode(),
      /RS256|not valid/,
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const publicPem = createPublicKey({ key: identity.publicJwk as never, format: 'jwk' }).export({
          type: 'spki',
          format: 'pem',
        });
        return new SignJWT({
          aud: TEST_CLIENT_ID,
          tid: TEST_TENANT_ID,
          oid: 'x',
          scp: 'access_as_user',
          iss: `https://login.microsoftonline.com/${TEST_TENANT_ID}/v2.0`,
        })
          .setProtectedHeader({ alg: 'HS256', kid: identity.kid })
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(String(publicPem)));
      },
      /RS256/,
    ],
    ['an unknown kid', () => identity.token({}, { kid: 'someone-elses-key' }), /unknown key/],
    [
      'an expired token',
      () => identity.token({ exp: Math.floor(Date.now() / 1000) - 600, iat: Math.floor(Date.now() / 1000) - 4000 }),
      /expired/,
    ],
    ['a token not yet valid', () => identity.token({ nbf: Math.floor(Date.now() / 1000) + 600 }), /"nbf"/],
    ['a wrong audience', () => identity.token({ aud: 'some-other-api' }), /"aud"/],
    [
      'a tenant not on the allow-list',
      () => identity.token({ tid: '00000000-dead-4000-8000-000000000bad' }),
      /not enabled for this tenant/,
    ],
    [
      'an issuer of another tenant',
      () => identity.token({ iss: 'https://login.microsoftonline.com/00000000-dead-4000-8000-000000000bad/v2.0' }),
      /issuer/,
    ],
    ['a missing scope', () => identity.token({ scp: 'User.Read' }), /access_as_user/],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await identity.token()).split('.');
        const forged = Buffer.from(
          JSON.stringify({
            aud: TEST_CLIENT_ID,
            tid: TEST_TENANT_ID,
            oid: 'admin',
            scp: 'access_as_user',
            exp: 9999999999,
            iss: `https://login.microsoftonline.com/${TEST_TENANT_ID}/v2.0`,
          }),
        ).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
      /signature/,
    ],
    ['garbage', async () => 'not-a-jwt', /not valid/],
  ];

  it.each(refusals)('refuses %s with 401 and a reason', async (_case, makeToken, reason) => {
    const { status, body, headers } = await me(await makeToken());
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toContain('invalid_token');
    expect(body.error.message).toMatch(reason);
  });
});

describe('dev identities', () => {
  it('are accepted in dev mode on loopback', async () => {
    const stack = await startTestStack({ seed: false });
    try {
      expect((await api(stack, '/api/me', { token: 'dev:avery-chen' })).status).toBe(200);
      expect((await api(stack, '/api/dev/personas')).status).toBe(200);
    } finally {
      await stack.close();
    }
  });

  it('are refused, and the persona list is gone, when dev mode is off', async () => {
    const identity = await TestIdentityProvider.start();
    const stack = await startTestStack({
      identity,
      seed: false,
      env: {
        PEERLOOP_DEV_MODE: 'false',
        BOT_ID: 'b0t00000-0000-4000-8000-000000000001',
        BOT_PASSWORD: 'test-only',
        BOT_TENANT_ID: TEST_TENANT_ID,
        FEED_SIGNING_KEY: 'test-only-feed-signing-key-32-characters',
        ANONYMITY_HASH_KEY: 'test-only-anonymity-hash-key-32-characters',
      },
    });
    try {
      const dev = await api(stack, '/api/me', { token: 'dev:avery-chen' });
      expect(dev.status).toBe(401);
      expect(dev.body.error.message).toMatch(/only in dev mode/);
      expect((await api(stack, '/api/dev/personas')).status).toBe(404);
      expect((await api(stack, '/api/me', { token: await identity.token() })).status).toBe(200);
    } finally {
      await stack.close();
      await identity.close();
    }
  });
});
