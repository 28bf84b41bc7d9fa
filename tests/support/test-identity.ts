import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyObject } from 'jose';

export const TEST_CLIENT_ID = '6b0c1a1e-7f3a-4c1e-9d55-0a5f0c1d2e3f';
export const TEST_TENANT_ID = '72f988bf-0000-4000-8000-000000000001';
export const OTHER_TENANT_ID = '9a1b2c3d-0000-4000-8000-000000000002';

/**
 * A stand-in for Entra ID: an RS256 key pair whose public half is served as a JWKS on loopback, and a way
 * to mint Teams-SSO-shaped tokens (or deliberately broken ones).
 */
export class TestIdentityProvider {
  private constructor(
    private readonly server: http.Server,
    private readonly privateKey: KeyObject | CryptoKey,
    readonly publicJwk: JWK,
    readonly jwksUrl: string,
    readonly kid: string,
    private readonly requests: { count: number },
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = 'test-key-1';
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const requests = { count: 0 };
    const server = http.createServer((_req, res) => {
      requests.count += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new TestIdentityProvider(server, privateKey, publicJwk, `http://127.0.0.1:${port}/keys`, kid, requests);
  }

  /** How many times the JWKS was fetched: it must be cached, not fetched per request. */
  get jwksFetches(): number {
    return this.requests.count;
  }

  /** A valid Teams SSO token for `oid` in `tid`, with any claim overridden. */
  async token(claims: Partial<JWTPayload> & Record<string, unknown> = {}, options: { kid?: string } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const tid = (claims.tid as string | undefined) ?? TEST_TENANT_ID;
    return new SignJWT({
      aud: TEST_CLIENT_ID,
      iss: `https://login.microsoftonline.com/${tid}/v2.0`,
      tid,
      oid: 'sso-user-1',
      name: 'Sasha SSO',
      scp: 'access_as_user',
      iat: now,
      nbf: now - 5,
      exp: now + 3600,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? this.kid, typ: 'JWT' })
      .sign(this.privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
