import { DirectoryUnavailable, UserAssertion } from '@peerloop/core';
import { OnBehalfOfTokens } from './on-behalf-of';

describe('on-behalf-of tokens', () => {
  it('turns an Entra ID that cannot be reached into "Microsoft 365 unavailable", logging no token', async () => {
    const log: string[] = [];
    const tokens = new OnBehalfOfTokens(
      {
        clientId: 'app-client-id',
        credential: { kind: 'client-secret', secret: 'secret' },
        authorityHost: 'https://127.0.0.1:1',
        endpoint: 'http://127.0.0.1:1/v1.0',
        timeoutMs: 2000,
        maxAttempts: 1,
        maxRetryAfterSeconds: 0,
      },
      (line) => log.push(line),
    );
    try {
      const error = await tokens
        .accessToken(new UserAssertion('tenant-1', 'header.payload.sso-signature'), ['User.Read'])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DirectoryUnavailable);
      expect((error as DirectoryUnavailable).retryAfterSeconds).toBe(30);
      expect(log.join('\n')).not.toContain('sso-signature');
      expect(log.length).toBeGreaterThan(0);
    } finally {
      tokens.close();
    }
  });
});
