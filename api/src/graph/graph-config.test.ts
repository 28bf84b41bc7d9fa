import { readGraphConfig } from './graph-config';

const app = { clientId: 'app-client-id', production: false };

describe('GRAPH_* settings', () => {
  it('leave Graph off when no credential is given', () => {
    expect(readGraphConfig({}, app)).toEqual({ config: null, problems: [] });
  });

  it('turn Graph on with a federated credential (preferred) or a client secret, with safe defaults', () => {
    const { config } = readGraphConfig({ GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID: 'mi-client-id' }, app);
    expect(config).toEqual({
      clientId: 'app-client-id',
      credential: { kind: 'federated-managed-identity', managedIdentityClientId: 'mi-client-id' },
      authorityHost: 'https://login.microsoftonline.com',
      endpoint: 'https://graph.microsoft.com/v1.0',
      timeoutMs: 10_000,
      maxAttempts: 3,
      maxRetryAfterSeconds: 10,
    });
    expect(readGraphConfig({ GRAPH_CLIENT_SECRET: 's3cret' }, app).config?.credential).toEqual({
      kind: 'client-secret',
      secret: 's3cret',
    });
  });

  it('name every problem: two credentials, no SSO app, plain http, stand-ins in production', () => {
    expect(
      readGraphConfig({ GRAPH_CLIENT_SECRET: 's', GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID: 'm' }, { ...app, clientId: '' })
        .problems,
    ).toEqual([
      'set only one of GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID and GRAPH_CLIENT_SECRET',
      'AAD_APP_CLIENT_ID is required for Microsoft Graph (on-behalf-of is done as the Teams SSO app)',
    ]);
    expect(
      readGraphConfig(
        {
          GRAPH_CLIENT_SECRET: 's',
          GRAPH_AUTHORITY_HOST: 'http://login.example',
          GRAPH_ENDPOINT: 'http://graph.example',
        },
        app,
      ).problems,
    ).toEqual(['GRAPH_AUTHORITY_HOST must use https', 'GRAPH_ENDPOINT must use https']);
    expect(
      readGraphConfig(
        {
          GRAPH_CLIENT_SECRET: 's',
          GRAPH_AUTHORITY_HOST: 'https://127.0.0.1:4443',
          GRAPH_ENDPOINT: 'http://127.0.0.1:8080/v1.0',
        },
        { ...app, production: true },
      ).problems,
    ).toEqual(['GRAPH_AUTHORITY_HOST and GRAPH_ENDPOINT cannot be loopback stand-ins in production']);
    expect(readGraphConfig({ GRAPH_CLIENT_SECRET: 's', GRAPH_TIMEOUT_MS: 'soon' }, app).problems[0]).toMatch(
      /^GRAPH_TIMEOUT_MS:/,
    );
  });
});
