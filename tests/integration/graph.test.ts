import type { Runtime } from '../../api/src/composition';
import { directoryRoutes } from '../../api/src/functions/directory';
import { routes } from '../../api/src/functions/routes';
import { createGraphServices, readGraphConfig, type GraphServices } from '../../api/src/graph/index';
import { startLocalHost, type LocalHost } from '../../api/src/local/local-host';
import type { LocalStack } from '../../api/src/local/stack';
import { GraphStandIn } from '../support/graph-stand-in';
import { DEV_TENANT, startTestStack } from '../support/stack';
import { TEST_CLIENT_ID, TestIdentityProvider } from '../support/test-identity';

const CLIENT_SECRET = 'stand-in-client-secret';

/** JSON over HTTP against one of the hosts below, as the tab calls the API. */
async function call(host: LocalHost, path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${host.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

describe('Microsoft Graph on behalf of the signed-in person (against a loopback stand-in)', () => {
  let identity: TestIdentityProvider;
  let standIn: GraphStandIn;
  let stack: LocalStack;
  let graph: GraphServices;
  /** The API with Graph configured. */
  let host: LocalHost;
  /** The same API without Graph. */
  let bare: LocalHost;
  const graphLog: string[] = [];
  const ssoTokens: string[] = [];
  const consoleOutput: string[] = [];

  /** A Teams SSO token for a person of the demo tenant (the API verifies it against the test JWKS). */
  async function signIn(userId: string): Promise<string> {
    const token = await identity.token({ tid: DEV_TENANT, oid: userId, name: userId });
    ssoTokens.push(token);
    return token;
  }

  beforeAll(async () => {
    identity = await TestIdentityProvider.start();
    standIn = await GraphStandIn.start({ id: TEST_CLIENT_ID, secret: CLIENT_SECRET });
    stack = await startTestStack({ identity });
    const { config, problems } = readGraphConfig(
      {
        GRAPH_CLIENT_SECRET: CLIENT_SECRET,
        GRAPH_AUTHORITY_HOST: standIn.authorityHost,
        GRAPH_ENDPOINT: standIn.endpoint,
        GRAPH_MAX_RETRY_AFTER_SECONDS: '2',
      },
      { clientId: stack.config.auth.clientId, production: false },
    );
    expect(problems).toEqual([]);
    graph = createGraphServices(config, (message) => graphLog.push(message))!;
    const withGraph: Runtime = Object.assign({}, stack.runtime, { graph });
    const withoutGraph: Runtime = Object.assign({}, stack.runtime, { graph: null });
    host = await startLocalHost({
      runtime: withGraph,
      routes: [...directoryRoutes, ...routes],
      host: '127.0.0.1',
      port: 0,
    });
    bare = await startLocalHost({ runtime: withoutGraph, routes: directoryRoutes, host: '127.0.0.1', port: 0 });
    const person = (id: string, displayName: string, jobTitle: string, department: string, managerId?: string) => ({
      id,
      tenantId: DEV_TENANT,
      displayName,
      jobTitle,
      department,
      mail: `${id}@contoso.com`,
      userPrincipalName: `${id}@contoso.com`,
      ...(managerId ? { managerId } : {}),
    });
    standIn.addUsers(
      person('noor-haddad', 'Noor Haddad', 'Service Desk Analyst', 'Service Desk', 'hana-suzuki'),
      person('hana-suzuki', 'Hana Suzuki', 'Service Desk Engineer', 'Service Desk'),
      person('sam-rivera', 'Sam Rivera', 'Systems Administrator II', 'IT Operations', 'jordan-patel'),
      person('jordan-patel', 'Jordan Patel', 'Senior Systems Administrator', 'IT Operations', 'morgan-lee'),
      person('lee-kim', 'Lee Kim', 'Junior Systems Administrator', 'IT Operations', 'contractor-manager'),
      person('contractor-manager', 'Casey Contractor', 'Vendor Manager', 'Vendors'),
      person('fatima-okafor', 'Fatima Okafor', 'Program Manager', 'PMO'),
      person('avery-chen', 'Avery Chen', 'Learning & Development Lead', 'People & Culture'),
    );
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleOutput.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
      });
    }
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await host?.close();
    await bare?.close();
    graph?.close();
    await stack?.close();
    await standIn?.close();
    await identity?.close();
  });

  describe('my profile, filled from Microsoft 365', () => {
    it('fills a first-time profile from the directory and resolves the manager to a PeerLoop person', async () => {
      const token = await signIn('noor-haddad');
      expect((await call(host, '/api/directory/status', token)).body).toEqual({ available: true });
      const synced = await call(host, '/api/me/profile/sync', token, { method: 'POST', body: {} });
      expect(synced.status).toBe(200);
      expect(synced.body.profile).toMatchObject({
        id: 'noor-haddad',
        displayName: 'Noor Haddad',
        title: 'Service Desk Analyst',
        function: 'Service Desk',
        email: 'noor-haddad@contoso.com',
        managerId: 'hana-suzuki',
      });
      expect(synced.body.manager).toEqual({ status: 'set', managerId: 'hana-suzuki', displayName: 'Hana Suzuki' });

      const profile = await call(host, '/api/me/profile', token);
      expect(profile.body).toMatchObject({ exists: true, title: 'Service Desk Analyst', managerId: 'hana-suzuki' });
      const exchanges = standIn.tokenExchanges().filter((form) => form.get('assertion') === token);
      expect(exchanges.map((form) => form.get('scope'))).toEqual(
        expect.arrayContaining([
          expect.stringContaining('https://graph.microsoft.com/User.Read'),
          expect.stringContaining('https://graph.microsoft.com/User.Read.All'),
        ]),
      );
    });

    it("keeps what the person wrote themselves and takes the directory's value only when asked", async () => {
      const token = await signIn('sam-rivera');
      const first = await call(host, '/api/me/profile/sync', token, { method: 'POST', body: {} });
      expect(first.status).toBe(200);
      expect(first.body.kept).toEqual([
        { field: 'title', yours: 'Systems Administrator', directory: 'Systems Administrator II' },
        { field: 'email', yours: 'sam@contoso.example', directory: 'sam-rivera@contoso.com' },
      ]);
      expect(first.body.manager).toEqual({
        status: 'unchanged',
        managerId: 'jordan-patel',
        displayName: 'Jordan Patel',
      });
      expect(first.body.profile).toMatchObject({ title: 'Systems Administrator', level: 'Associate' });

      const chosen = await call(host, '/api/me/profile/sync', token, { method: 'POST', body: { replace: ['title'] } });
      expect(chosen.body.updated).toEqual([{ field: 'title', value: 'Systems Administrator II' }]);
      expect((await call(host, '/api/me/profile', token)).body).toMatchObject({
        title: 'Systems Administrator II',
        email: 'sam@contoso.example',
        level: 'Associate',
      });

      const unknownField = await call(host, '/api/me/profile/sync', token, {
        method: 'POST',
        body: { replace: ['level'] },
      });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.error.fields[0].path).toBe('replace.0');
    });

    it('leaves the manager alone when they are not in PeerLoop, or when reading them lacks consent', async () => {
      const lee = await signIn('lee-kim');
      const unknown = await call(host, '/api/me/profile/sync', lee, {
        method: 'POST',
        body: { replace: ['managerId'] },
      });
      expect(unknown.body.manager).toEqual({ status: 'not_in_peerloop', displayName: 'Casey Contractor' });
      expect(unknown.body.profile.managerId).toBe('jordan-patel');

      standIn.withholdConsent('https://graph.microsoft.com/User.Read.All');
      const jordan = await signIn('jordan-patel');
      const partial = await call(host, '/api/me/profile/sync', jordan, { method: 'POST', body: {} });
      expect(partial.status).toBe(200);
      expect(partial.body.manager.status).toBe('consent_required');
      expect(partial.body.manager.message).toContain('User.Read.All');
    });

    it('is refused without Microsoft Graph configured, and for a dev persona', async () => {
      const token = await signIn('sam-rivera');
      const refused = await call(bare, '/api/me/profile/sync', token, { method: 'POST', body: {} });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(
        /not configured.*GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID or GRAPH_CLIENT_SECRET/,
      );
      expect((await call(bare, '/api/directory/status', token)).body).toMatchObject({ available: false });

      const persona = await call(host, '/api/me/profile/sync', 'dev:sam-rivera', { method: 'POST', body: {} });
      expect(persona.status).toBe(409);
      expect(persona.body.error.message).toContain('needs a Teams sign-in');
      expect((await call(host, '/api/directory/status', 'dev:sam-rivera')).body.available).toBe(false);
    });
  });

  describe('the Teams meeting of a session', () => {
    const createMeeting = (sessionId: string, token: string) =>
      call(host, `/api/sessions/${sessionId}/teams-meeting`, token, { method: 'POST' });
    const eventPostsFor = (subject: string) =>
      standIn.graphCalls('POST', '/v1.0/me/events').filter((c) => JSON.parse(c.body).subject === subject);

    it("creates the Outlook event with the session's title, times and zone, and binds the meeting chat", async () => {
      const fatima = await signIn('fatima-okafor');
      const session = (await call(host, '/api/sessions/lunch-powershell', fatima)).body;
      expect(session.meetingUrl).toBeUndefined();

      const created = await createMeeting('lunch-powershell', fatima);
      expect(created.status).toBe(201);
      const [event] = standIn.events.filter((e) => e.request.subject === session.title);
      expect(event!.request).toMatchObject({
        subject: 'Learning lunch: PowerShell habits that save an hour a week',
        start: { dateTime: londonWallClock(session.startsAt), timeZone: 'Europe/London' },
        end: { dateTime: londonWallClock(session.endsAt), timeZone: 'Europe/London' },
        location: { displayName: 'Room 4.12 and Teams' },
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
        body: { contentType: 'text', content: expect.stringContaining('Automating the boring parts of the week') },
      });
      expect(event!.request.transactionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(created.body.meeting).toEqual({
        joinUrl: event!.joinUrl,
        chatId: event!.chatId,
        eventId: event!.id,
        created: true,
      });
      expect(created.body.session.meetingUrl).toBe(event!.joinUrl);

      // The meeting side panel, which knows only the meeting chat, now finds the session.
      const panel = await call(host, `/api/meetings/${encodeURIComponent(event!.chatId)}/session`, fatima);
      expect(panel.status).toBe(200);
      expect(panel.body.id).toBe('lunch-powershell');
    });

    it('answers the same meeting the second time without creating another event', async () => {
      const avery = await signIn('avery-chen'); // an owner of the program
      const again = await createMeeting('lunch-powershell', avery);
      expect(again.status).toBe(200);
      const [event] = standIn.events.filter((e) => e.request.subject.startsWith('Learning lunch: PowerShell'));
      expect(again.body.meeting).toMatchObject({ chatId: event!.chatId, joinUrl: event!.joinUrl, created: false });
      expect(eventPostsFor('Learning lunch: PowerShell habits that save an hour a week')).toHaveLength(1);
    });

    it('is refused to a member who does not run the cohort, and without Microsoft Graph', async () => {
      const sam = await signIn('sam-rivera');
      const refused = await createMeeting('reflection-first-month', sam);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('only a facilitator of "New Admins Circle"');
      const fatima = await signIn('fatima-okafor');
      const unconfigured = await call(bare, '/api/sessions/reflection-first-month/teams-meeting', fatima, {
        method: 'POST',
      });
      expect(unconfigured.status).toBe(409);
      expect(eventPostsFor('Reflection: my first month on call')).toHaveLength(0);
    });

    it('waits out a Graph 429 Retry-After and then creates the meeting once', async () => {
      const fatima = await signIn('fatima-okafor');
      standIn.failNext('POST', '/v1.0/me/events', {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } },
      });
      const started = Date.now();
      const created = await createMeeting('reflection-first-month', fatima);
      expect(created.status).toBe(201);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(eventPostsFor('Reflection: my first month on call')).toHaveLength(2);
      expect(standIn.events.filter((e) => e.request.subject === 'Reflection: my first month on call')).toHaveLength(1);
      expect(graphLog.some((line) => line.includes('POST /me/events: 429 ApplicationThrottled'))).toBe(true);
    });

    it('answers 429 with Retry-After when Graph asks to wait longer than a request should', async () => {
      const hana = await signIn('hana-suzuki');
      standIn.failNext('POST', '/v1.0/me/events', { status: 429, headers: { 'retry-after': '120' }, body: {} });
      const throttled = await createMeeting('fireside-incident', hana);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('120');
      expect(throttled.body.error.message).toContain('throttling');
      expect((await createMeeting('fireside-incident', hana)).status).toBe(201);
    });

    it('explains a 403 for want of consent, naming the permissions', async () => {
      const fatima = await signIn('fatima-okafor');
      standIn.failNext('POST', '/v1.0/me/events', {
        status: 403,
        body: { error: { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' } },
      });
      const refused = await createMeeting('bookclub-sre', fatima);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('Microsoft 365 refused PeerLoop access (ErrorAccessDenied)');
      expect(refused.body.error.message).toContain('Calendars.ReadWrite, OnlineMeetings.Read');
      expect(refused.body.error.message).toContain('admin consent');
      expect((await call(host, '/api/sessions/bookclub-sre', fatima)).body.meetingUrl).toBeUndefined();
    });
  });

  it("answers 503 naming the cause when Entra ID refuses PeerLoop's own credentials", async () => {
    const { config } = readGraphConfig(
      {
        GRAPH_CLIENT_SECRET: 'not-the-secret',
        GRAPH_AUTHORITY_HOST: standIn.authorityHost,
        GRAPH_ENDPOINT: standIn.endpoint,
      },
      { clientId: stack.config.auth.clientId, production: false },
    );
    const misconfigured = createGraphServices(config, (message) => graphLog.push(message))!;
    const wrong = await startLocalHost({
      runtime: Object.assign({}, stack.runtime, { graph: misconfigured }),
      routes: directoryRoutes,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const refused = await call(wrong, '/api/me/profile/sync', await signIn('hana-suzuki'), {
        method: 'POST',
        body: {},
      });
      expect(refused.status).toBe(503);
      expect(refused.body.error).toMatchObject({ code: 'directory_unavailable' });
      expect(refused.body.error.message).toContain("refused PeerLoop's own credentials");
      expect(refused.headers.get('retry-after')).toBeNull();
      expect(graphLog).toContain('on-behalf-of refused: invalid_client');
    } finally {
      await wrong.close();
      misconfigured.close();
    }
  });

  it('sent the SSO tokens to the token endpoint only: never to Graph, and never to a log', () => {
    expect(ssoTokens.length).toBeGreaterThan(5);
    const exchanged = new Set(standIn.tokenExchanges().map((form) => form.get('assertion')));
    const graphTraffic = standIn.graphCalls().map((c) => `${c.url} ${JSON.stringify(c.headers)} ${c.body}`);
    expect(graphTraffic.length).toBeGreaterThan(5);
    for (const token of ssoTokens.filter((t) => exchanged.has(t))) {
      const signature = token.split('.')[2]!;
      expect(graphTraffic.filter((line) => line.includes(signature))).toEqual([]);
      expect([...graphLog, ...consoleOutput].filter((line) => line.includes(signature))).toEqual([]);
    }
    expect(exchanged.size).toBeGreaterThan(3);
    for (const c of standIn.graphCalls()) expect(c.headers.authorization).toMatch(/^Bearer stand-in-graph-token-\d+$/);
    // At the token endpoint, only in the body of the on-behalf-of exchange: never in a URL.
    const signatures = ssoTokens.map((t) => t.split('.')[2]!);
    const tokenUrls = standIn.calls.filter((c) => c.server === 'token').map((c) => c.url);
    expect(tokenUrls.filter((url) => signatures.some((s) => url.includes(s)))).toEqual([]);
  });
});

function londonWallClock(instant: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
