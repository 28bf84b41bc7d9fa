import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './stack';

/** A person in the stand-in's directory (Entra ID as Microsoft Graph shows it). */
export interface DirectoryUser {
  readonly id: string;
  readonly tenantId: string;
  readonly displayName?: string;
  readonly jobTitle?: string;
  readonly department?: string;
  readonly mail?: string;
  readonly userPrincipalName?: string;
  /** Object id of their manager in the directory. */
  readonly managerId?: string;
}

/** One request either server received, as it arrived. */
export interface RecordedCall {
  readonly server: 'token' | 'graph';
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface CannedReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface StoredEvent {
  readonly id: string;
  readonly userId: string;
  readonly transactionId?: string;
  readonly request: Record<string, any>;
  readonly joinUrl: string;
  readonly chatId: string;
}

interface IssuedToken {
  readonly userId: string;
  readonly tenantId: string;
  readonly scopes: readonly string[];
}

// The embedded store's self-signed certificate: MSAL insists on https for an authority, and PeerLoop trusts
// a self-signed certificate on loopback only.
const CERT_DIR = join(REPO_ROOT, 'node_modules', '@vercel', 'cosmosdb-server');

/**
 * Loopback servers standing in for Microsoft's cloud, which tests cannot reach: an Entra ID token endpoint
 * (https, on-behalf-of exchanges, per-tenant OpenID metadata) and Microsoft Graph (http) with the few
 * resources PeerLoop uses — `/me`, `/me/manager`, `POST /me/events` (deduplicated by transactionId) and
 * `/me/onlineMeetings?$filter=JoinWebUrl eq '…'`. Every request is recorded; any can be answered with a
 * canned failure (429 + Retry-After, 403, 503) first.
 */
export class GraphStandIn {
  readonly calls: RecordedCall[] = [];
  readonly events: StoredEvent[] = [];
  private readonly users = new Map<string, DirectoryUser>();
  private readonly issued = new Map<string, IssuedToken>();
  private readonly withheld = new Set<string>();
  private readonly faults: { method: string; path: string; reply: CannedReply; remaining: number }[] = [];
  private tokenCount = 0;
  private meetingCount = 0;

  private constructor(
    private readonly tokenServer: https.Server,
    private readonly graphServer: http.Server,
    private readonly client: { id: string; secret: string },
  ) {}

  static async start(client: { id: string; secret: string }): Promise<GraphStandIn> {
    const ref: { standIn?: GraphStandIn } = {};
    const tokenServer = https.createServer(
      { cert: readFileSync(join(CERT_DIR, 'cert.pem')), key: readFileSync(join(CERT_DIR, 'key.pem')) },
      (req, res) => ref.standIn!.receive('token', req, res),
    );
    const graphServer = http.createServer((req, res) => ref.standIn!.receive('graph', req, res));
    await Promise.all(
      [tokenServer, graphServer].map(
        (server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve())),
      ),
    );
    ref.standIn = new GraphStandIn(tokenServer, graphServer, client);
    return ref.standIn;
  }

  /** GRAPH_AUTHORITY_HOST for PeerLoop. */
  get authorityHost(): string {
    return `https://127.0.0.1:${(this.tokenServer.address() as AddressInfo).port}`;
  }

  /** GRAPH_ENDPOINT for PeerLoop. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.graphServer.address() as AddressInfo).port}/v1.0`;
  }

  addUsers(...users: DirectoryUser[]): void {
    for (const user of users) this.users.set(user.id, user);
  }

  /** Exchanges asking for `scope` fail as Entra ID does when nobody consented (AADSTS65001). */
  withholdConsent(scope: string): void {
    this.withheld.add(scope);
  }

  /** The next `times` Graph requests `METHOD /v1.0/path` (query ignored) get `reply` instead. */
  failNext(method: string, path: string, reply: CannedReply, times = 1): void {
    this.faults.push({ method, path, reply, remaining: times });
  }

  /** Graph requests received, optionally only `METHOD /v1.0/path`. */
  graphCalls(method?: string, path?: string): RecordedCall[] {
    return this.calls.filter(
      (c) => c.server === 'graph' && (!method || c.method === method) && (!path || c.url.split('?')[0] === path),
    );
  }

  /** Form bodies of the on-behalf-of exchanges received. */
  tokenExchanges(): URLSearchParams[] {
    return this.calls
      .filter((c) => c.server === 'token' && c.method === 'POST')
      .map((c) => new URLSearchParams(c.body));
  }

  close(): Promise<void> {
    return Promise.all(
      [this.tokenServer, this.graphServer].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    ).then(() => undefined);
  }

  private receive(server: 'token' | 'graph', req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const call: RecordedCall = {
        server,
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.calls.push(call);
      const reply = server === 'token' ? this.answerToken(call) : this.answerGraph(call);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  }

  // --- Entra ID ---------------------------------------------------------------------------------------

  private answerToken(call: RecordedCall): CannedReply {
    const url = new URL(call.url, this.authorityHost);
    const metadata = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (call.method === 'GET' && metadata) return { status: 200, body: this.openIdConfiguration(metadata[1]!) };
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (call.method !== 'POST' || !token) return { status: 404, body: { error: 'not_found' } };

    const form = new URLSearchParams(call.body);
    if (form.get('client_id') !== this.client.id || form.get('client_secret') !== this.client.secret) {
      return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    }
    if (
      form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ||
      form.get('requested_token_use') !== 'on_behalf_of'
    ) {
      return oauthError(400, 'unsupported_grant_type', 'AADSTS70003: only on-behalf-of here');
    }
    const claims = decodeJwt(form.get('assertion') ?? '');
    if (!claims || claims.aud !== this.client.id || claims.tid !== decodeURIComponent(token[1]!)) {
      return oauthError(400, 'invalid_grant', 'AADSTS50013: Assertion failed signature validation.');
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s.startsWith('https://graph.microsoft.com/'));
    if (scopes.some((scope) => this.withheld.has(scope))) {
      return {
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description:
            'AADSTS65001: The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.',
          error_codes: [65001],
          suberror: 'consent_required',
        },
      };
    }
    this.tokenCount += 1;
    const accessToken = `stand-in-graph-token-${this.tokenCount}`;
    const userId = String(claims.oid);
    const tenantId = String(claims.tid);
    this.issued.set(accessToken, { userId, tenantId, scopes });
    const now = Math.floor(Date.now() / 1000);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        scope: scopes.join(' '),
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: accessToken,
        refresh_token: `stand-in-refresh-${this.tokenCount}`,
        id_token: unsignedJwt({
          aud: this.client.id,
          iss: `${this.authorityHost}/${tenantId}/v2.0`,
          iat: now,
          nbf: now,
          exp: now + 3600,
          oid: userId,
          sub: `sub-${userId}`,
          tid: tenantId,
          name: this.users.get(userId)?.displayName ?? userId,
          preferred_username: this.users.get(userId)?.userPrincipalName ?? `${userId}@stand-in.example`,
          ver: '2.0',
        }),
        client_info: Buffer.from(JSON.stringify({ uid: userId, utid: tenantId })).toString('base64url'),
      },
    };
  }

  private openIdConfiguration(tenant: string) {
    const base = `${this.authorityHost}/${tenant}`;
    return {
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'oid', 'tid', 'name'],
      tenant_region_scope: 'EU',
    };
  }

  // --- Microsoft Graph --------------------------------------------------------------------------------

  private answerGraph(call: RecordedCall): CannedReply {
    const url = new URL(call.url, this.endpoint);
    const fault = this.faults.find((f) => f.method === call.method && f.path === url.pathname && f.remaining > 0);
    if (fault) {
      fault.remaining -= 1;
      return fault.reply;
    }
    const bearer = /^Bearer (\S+)$/.exec(call.headers.authorization ?? '')?.[1] ?? '';
    const caller = this.issued.get(bearer);
    if (!caller) {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    }
    const me = this.users.get(caller.userId);
    const route = `${call.method} ${url.pathname}`;
    if (route === 'GET /v1.0/me') {
      if (!me) return graphError(404, 'Request_ResourceNotFound', 'User not found.');
      return { status: 200, body: selected(me, url.searchParams.get('$select')) };
    }
    if (route === 'GET /v1.0/me/manager') {
      const manager = me?.managerId ? this.users.get(me.managerId) : undefined;
      if (!manager) return graphError(404, 'Request_ResourceNotFound', "Resource 'manager' does not exist.");
      return { status: 200, body: selected(manager, url.searchParams.get('$select')) };
    }
    if (route === 'POST /v1.0/me/events') return this.createEvent(caller, JSON.parse(call.body || '{}'));
    if (route === 'GET /v1.0/me/onlineMeetings') {
      const filter = /^JoinWebUrl eq '(.*)'$/.exec(url.searchParams.get('$filter') ?? '');
      const joinUrl = filter?.[1]?.replace(/''/g, "'");
      const event = this.events.find((e) => e.userId === caller.userId && e.joinUrl === joinUrl);
      return {
        status: 200,
        body: {
          value: event
            ? [
                {
                  id: `meeting-${event.id}`,
                  joinWebUrl: event.joinUrl,
                  chatInfo: { threadId: event.chatId, messageId: '0' },
                },
              ]
            : [],
        },
      };
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${url.pathname}'.`);
  }

  private createEvent(caller: IssuedToken, request: Record<string, any>): CannedReply {
    const transactionId = typeof request.transactionId === 'string' ? request.transactionId : undefined;
    const existing = transactionId
      ? this.events.find((e) => e.userId === caller.userId && e.transactionId === transactionId)
      : undefined;
    let event = existing;
    if (!event) {
      this.meetingCount += 1;
      const n = this.meetingCount;
      const context = encodeURIComponent(JSON.stringify({ Tid: caller.tenantId, Oid: caller.userId }));
      event = {
        id: `AAMkAD-stand-in-event-${n}`,
        userId: caller.userId,
        ...(transactionId ? { transactionId } : {}),
        request,
        joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_standin${n}%40thread.v2/0?context=${context}`,
        chatId: `19:meeting_standin${n}@thread.v2`,
      };
      this.events.push(event);
    }
    return {
      status: 201,
      body: {
        id: event.id,
        subject: request.subject,
        start: request.start,
        end: request.end,
        isOnlineMeeting: request.isOnlineMeeting === true,
        onlineMeetingProvider: request.onlineMeetingProvider ?? 'unknown',
        onlineMeeting: request.isOnlineMeeting === true ? { joinUrl: event.joinUrl } : null,
        ...(transactionId ? { transactionId } : {}),
      },
    };
  }
}

function oauthError(status: number, error: string, description: string): CannedReply {
  return {
    status,
    body: { error, error_description: description, error_codes: [Number(/\d+/.exec(description)?.[0])] },
  };
}

function graphError(status: number, code: string, message: string): CannedReply {
  return {
    status,
    body: { error: { code, message, innerError: { 'request-id': 'stand-in', date: new Date().toISOString() } } },
  };
}

function selected(user: DirectoryUser, select: string | null): Record<string, unknown> {
  const fields = select ? select.split(',') : ['id', 'displayName', 'jobTitle', 'mail', 'userPrincipalName'];
  return Object.fromEntries(fields.map((f) => [f, (user as unknown as Record<string, unknown>)[f] ?? null]));
}

function decodeJwt(token: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
