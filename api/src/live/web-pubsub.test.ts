import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { QnaLiveEvent } from '@peerloop/core';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { createLiveTransport } from './live-transport';
import { groupFor, WebPubSubPublisher } from './web-pubsub';

/** What the stand-in for the Web PubSub REST API received. */
interface Recorded {
  readonly method: string;
  readonly url: URL;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

type Answer = (request: Recorded, res: http.ServerResponse) => void;

const accepted: Answer = (_request, res) => res.writeHead(202).end();

/** A loopback server standing in for the Web PubSub data-plane REST API (http, or https with a test certificate). */
async function startStandIn(options: { tls?: boolean } = {}) {
  const requests: Recorded[] = [];
  let answer: Answer = accepted;
  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://stand-in'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      answer(recorded, res);
    });
  };
  // The embedded Cosmos server's self-signed certificate: good enough for a loopback TLS stand-in.
  const certDir = dirname(require.resolve('@vercel/cosmosdb-server/package.json'));
  const server = options.tls
    ? https.createServer(
        { cert: readFileSync(join(certDir, 'cert.pem')), key: readFileSync(join(certDir, 'key.pem')) },
        listener,
      )
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    answerWith(next: Answer) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ACCESS_KEY = Buffer.from('a-test-access-key-for-the-loopback-web-pubsub').toString('base64');
const secret = new TextEncoder().encode(ACCESS_KEY);

const anEvent = (sessionId: string): QnaLiveEvent => ({
  sessionId,
  queue: { moderated: true, nowAnswering: 'q-1', revision: 7 },
  questions: [],
  removed: ['q-2'],
});

describe('Web PubSub publisher (connection string, against a loopback stand-in)', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let publisher: WebPubSubPublisher;
  beforeEach(async () => {
    standIn = await startStandIn();
    publisher = new WebPubSubPublisher({
      hub: 'qna',
      connectionString: `Endpoint=http://127.0.0.1:${standIn.port};AccessKey=${ACCESS_KEY};Version=1.0;`,
    });
  });
  afterEach(() => standIn.close());

  it('sends each event to the group of its tenant, session and audience, as JSON, signed with the access key', async () => {
    const event = anEvent('session-1');
    await publisher.publish('tenant-a', 'session-1', 'participant', event);

    expect(standIn.requests).toHaveLength(1);
    const [sent] = standIn.requests;
    expect(sent!.method).toBe('POST');
    const group = groupFor('tenant-a', 'session-1', 'participant');
    expect(sent!.url.pathname).toBe(`/api/hubs/qna/groups/${group}/:send`);
    expect(sent!.url.searchParams.get('api-version')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent!.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(sent!.body)).toEqual(event);

    const authorization = sent!.headers.authorization ?? '';
    expect(authorization).toMatch(/^Bearer /);
    const { payload } = await jwtVerify(authorization.slice('Bearer '.length), secret, {
      algorithms: ['HS256'],
      audience: `http://127.0.0.1:${standIn.port}${sent!.url.pathname}${sent!.url.search}`,
    });
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it('keeps audiences, sessions and tenants in separate groups whose names follow the service rules', async () => {
    const groups = [
      groupFor('tenant-a', 'session-1', 'participant'),
      groupFor('tenant-a', 'session-1', 'host'),
      groupFor('tenant-a', 'session-2', 'participant'),
      groupFor('tenant-b', 'session-1', 'participant'),
      groupFor('tenant-a', 'session-1\u0000host', 'participant'),
    ];
    expect(new Set(groups).size).toBe(groups.length);
    for (const group of groups) {
      expect(group).toMatch(/^qna\.[A-Za-z0-9_-]{43}\.(host|participant)$/);
      expect(group).not.toMatch(/tenant|session/);
    }
    // Ids with characters that are awkward in a URL path still make a plain group name.
    await publisher.publish('tenant/../a', 'série 1?x=#', 'host', anEvent('série 1?x=#'));
    expect(standIn.requests[0]!.url.pathname).toBe(
      `/api/hubs/qna/groups/${groupFor('tenant/../a', 'série 1?x=#', 'host')}/:send`,
    );
  });

  it('fails the publish when the service refuses it, so the broadcaster can report it', async () => {
    standIn.answerWith((_request, res) =>
      res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'Forbidden' })),
    );
    await expect(publisher.publish('tenant-a', 'session-1', 'host', anEvent('session-1'))).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('gives up on a publish the service does not answer in time', async () => {
    standIn.answerWith(() => undefined);
    const impatient = new WebPubSubPublisher(
      {
        hub: 'qna',
        connectionString: `Endpoint=http://127.0.0.1:${standIn.port};AccessKey=${ACCESS_KEY};Version=1.0;`,
      },
      { publishTimeoutMs: 200 },
    );
    const started = Date.now();
    await expect(impatient.publish('tenant-a', 'session-1', 'host', anEvent('session-1'))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('hands out a WebSocket URL whose token joins only that group, names nobody, grants nothing and expires in an hour', async () => {
    const connection = await publisher.connectionFor('tenant-a', 'session-1', 'participant');

    expect(standIn.requests).toHaveLength(0); // signed locally with the key
    const url = new URL(connection.url);
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`ws://127.0.0.1:${standIn.port}/client/hubs/qna`);
    expect([...url.searchParams.keys()]).toEqual(['access_token']);
    const { payload } = await jwtVerify(url.searchParams.get('access_token')!, secret, {
      algorithms: ['HS256'],
      audience: `http://127.0.0.1:${standIn.port}/client/hubs/qna`,
    });
    expect(payload['webpubsub.group']).toEqual([groupFor('tenant-a', 'session-1', 'participant')]);
    expect(payload.sub).toBeUndefined();
    expect(payload.role).toBeUndefined();
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'webpubsub.group']);
    expect(payload.exp! - payload.iat!).toBe(60 * 60);
    expect(connection.expiresAt).toBe(new Date(payload.exp! * 1000).toISOString());
  });

  it('is what createLiveTransport picks for a connection string, answering with a websocket connection', async () => {
    const transport = createLiveTransport({
      hub: 'qna',
      connectionString: `Endpoint=http://127.0.0.1:${standIn.port};AccessKey=${ACCESS_KEY};Version=1.0;`,
    });
    expect(transport.sseHub).toBeNull();
    const connection = await transport.connectionFor('tenant-a', 'session-1', 'host');
    expect(connection).toMatchObject({ transport: 'websocket', url: expect.stringMatching(/^ws:\/\//) });
    expect(connection.transport === 'websocket' && Date.parse(connection.expiresAt)).toBeGreaterThan(Date.now());
    await transport.publisher.publish('tenant-a', 'session-1', 'host', anEvent('session-1'));
    expect(standIn.requests[0]!.url.pathname).toContain(groupFor('tenant-a', 'session-1', 'host'));
    transport.close();
  });
});

/** Stands in for the Function App's managed identity. */
class FakeCredential implements TokenCredential {
  readonly scopes: string[] = [];
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(...[scopes].flat());
    return { token: 'entra-token-of-the-function-app', expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

describe('Web PubSub publisher (endpoint and managed identity, against a loopback TLS stand-in)', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let credential: FakeCredential;
  let publisher: WebPubSubPublisher;
  beforeEach(async () => {
    standIn = await startStandIn({ tls: true });
    credential = new FakeCredential();
    publisher = new WebPubSubPublisher(
      { hub: 'qna', endpoint: `https://127.0.0.1:${standIn.port}`, credential },
      { agent: new https.Agent({ rejectUnauthorized: false }) },
    );
  });
  afterEach(() => standIn.close());

  it('publishes with an Entra token for Web PubSub instead of a key', async () => {
    await publisher.publish('tenant-a', 'session-1', 'host', anEvent('session-1'));
    const [sent] = standIn.requests;
    expect(sent!.url.pathname).toBe(`/api/hubs/qna/groups/${groupFor('tenant-a', 'session-1', 'host')}/:send`);
    expect(sent!.headers.authorization).toBe('Bearer entra-token-of-the-function-app');
    expect(credential.scopes).toEqual(['https://webpubsub.azure.com/.default']);
  });

  it('asks the service for a client token with the group and a lifetime, and no user id or roles', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const serviceToken = await new SignJWT({ 'webpubsub.group': ['from-the-service'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode('service-side-key'));
    standIn.answerWith((_request, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: serviceToken })),
    );

    const connection = await publisher.connectionFor('tenant-a', 'session-1', 'participant');

    const [asked] = standIn.requests;
    expect(asked!.method).toBe('POST');
    expect(asked!.url.pathname).toBe('/api/hubs/qna/:generateToken');
    expect(asked!.headers.authorization).toBe('Bearer entra-token-of-the-function-app');
    const query = asked!.url.searchParams;
    expect(query.getAll('group')).toEqual([groupFor('tenant-a', 'session-1', 'participant')]);
    expect(query.get('minutesToExpire')).toBe('60');
    expect(query.has('userId')).toBe(false);
    expect(query.has('role')).toBe(false);
    expect(connection).toEqual({
      url: `wss://127.0.0.1:${standIn.port}/client/hubs/qna?access_token=${serviceToken}`,
      expiresAt: new Date(exp * 1000).toISOString(),
    });
    expect(decodeJwt(serviceToken).exp).toBe(exp);
  });
});
