import { ApiError, apiUrl, createApiClient } from './api-client';
import type { FetchLike } from './api-client';

function answering(status: number, body: unknown): { fetch: FetchLike; calls: [string, RequestInit | undefined][] } {
  const calls: [string, RequestInit | undefined][] = [];
  const fetch: FetchLike = async (input, init) => {
    calls.push([input, init]);
    return { ok: status < 300, status, json: async () => body } as Response;
  };
  return { fetch, calls };
}

describe('api client', () => {
  it('calls the same-origin API with the bearer token and a JSON body', async () => {
    const { fetch, calls } = answering(201, { id: 'c-1' });
    const api = createApiClient({ getToken: async () => 'dev:u-ada', fetch });

    await expect(api.post('/cohorts', { name: 'Finance peers' })).resolves.toEqual({ id: 'c-1' });
    expect(calls[0]?.[0]).toBe('/api/cohorts');
    expect(calls[0]?.[1]).toMatchObject({
      method: 'POST',
      body: '{"name":"Finance peers"}',
      headers: { Authorization: 'Bearer dev:u-ada', 'Content-Type': 'application/json' },
    });
  });

  it('calls an API on another origin when given its base URL', async () => {
    const { fetch, calls } = answering(200, { items: [] });
    const api = createApiClient({
      getToken: async () => 't',
      fetch,
      baseUrl: 'https://func-peerloop.azurewebsites.net',
    });

    await api.get('/cohorts?mine=true');
    expect(calls[0]?.[0]).toBe('https://func-peerloop.azurewebsites.net/api/cohorts?mine=true');
    expect(apiUrl('https://func-peerloop.azurewebsites.net/', '/me')).toBe(
      'https://func-peerloop.azurewebsites.net/api/me',
    );
    expect(apiUrl('', '/me')).toBe('/api/me');
  });

  it('turns an error body into a typed ApiError with its field errors', async () => {
    const body = {
      error: { code: 'validation_failed', message: 'Invalid', fields: [{ path: 'name', message: 'is required' }] },
    };
    const api = createApiClient({ getToken: async () => 't', fetch: answering(400, body).fetch });

    const error = await api.get('/cohorts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      status: 400,
      fields: [{ path: 'name', message: 'is required' }],
    });
  });

  it('keeps the people a reporting_line conflict names, and sends PATCH bodies', async () => {
    const related = [{ userId: 'u-sam', displayName: 'Sam Rivera', relation: 'report' }];
    const body = { error: { code: 'reporting_line', message: 'Reporting line', related } };
    const api = createApiClient({ getToken: async () => 't', fetch: answering(409, body).fetch });
    await expect(api.post('/cohorts/c-1/members', { userId: 'u-jordan' })).rejects.toMatchObject({
      code: 'reporting_line',
      status: 409,
      related,
    });

    const { fetch, calls } = answering(200, {});
    await createApiClient({ getToken: async () => 't', fetch }).patch('/me/profile', { level: 'Senior' });
    expect(calls[0]?.[1]).toMatchObject({ method: 'PATCH', body: '{"level":"Senior"}' });
  });

  it('sends PUT bodies and downloads files as a Blob with the bearer token', async () => {
    const { fetch, calls } = answering(200, { status: 'going' });
    const api = createApiClient({ getToken: async () => 'dev:u-ada', fetch });
    await api.put('/sessions/s-1/rsvp', { response: 'going' });
    expect(calls[0]?.[1]).toMatchObject({ method: 'PUT', body: '{"response":"going"}' });

    const file: FetchLike = async (input, init) => {
      calls.push([input, init]);
      return { ok: true, status: 200, blob: async () => new Blob(['BEGIN:VCALENDAR']) } as Response;
    };
    const blob = await createApiClient({ getToken: async () => 'dev:u-ada', fetch: file }).download(
      '/sessions/s-1/ics',
    );
    expect(await blob.text()).toBe('BEGIN:VCALENDAR');
    expect(calls[1]?.[1]).toMatchObject({ method: 'GET', headers: { Authorization: 'Bearer dev:u-ada' } });
  });

  it('reports an unreachable API and an unreadable error as their own codes', async () => {
    const offline = createApiClient({
      getToken: async () => 't',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(offline.get('/me')).rejects.toMatchObject({ code: 'network', status: 0 });

    const broken = createApiClient({ getToken: async () => 't', fetch: answering(502, undefined).fetch });
    await expect(broken.get('/me')).rejects.toMatchObject({ code: 'unexpected', status: 502 });
  });

  it('sends DELETE, and gives the raw response for conditional GETs (304 passes) and streams', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const fetch: FetchLike = async (input, init) => {
      calls.push([input, init]);
      return { ok: false, status: 304, json: async () => undefined, headers: new Headers() } as Response;
    };
    const api = createApiClient({ getToken: async () => 'dev:u-ada', fetch });
    const response = await api.request('/sessions/s-1/questions', { headers: { 'If-None-Match': '"7"' } });
    expect(response.status).toBe(304);
    expect(calls[0]?.[1]).toMatchObject({
      method: 'GET',
      headers: { 'If-None-Match': '"7"', Authorization: 'Bearer dev:u-ada', Accept: 'application/json' },
    });

    const { fetch: deleting, calls: deletes } = answering(200, { withdrawn: true });
    await expect(
      createApiClient({ getToken: async () => 't', fetch: deleting }).delete('/sessions/s-1/questions/q-1'),
    ).resolves.toEqual({ withdrawn: true });
    expect(deletes[0]?.[1]).toMatchObject({ method: 'DELETE' });
  });

  it("keeps a 429's code and Retry-After, and the agreements_required code", async () => {
    const limited: FetchLike = async () =>
      ({
        ok: false,
        status: 429,
        headers: new Headers({ 'Retry-After': '120' }),
        json: async () => ({ error: { code: 'rate_limited', message: 'Please wait a little' } }),
      }) as Response;
    await expect(
      createApiClient({ getToken: async () => 't', fetch: limited }).post('/sessions/s-1/questions', {}),
    ).rejects.toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 120 });

    const body = { error: { code: 'agreements_required', message: 'Accept the agreements first' } };
    const gated = createApiClient({ getToken: async () => 't', fetch: answering(403, body).fetch });
    await expect(gated.get('/sessions/s-1/questions')).rejects.toMatchObject({
      code: 'agreements_required',
      status: 403,
      retryAfterSeconds: null,
    });
  });
});
