import type { LocalStack } from '../../api/src/local/stack';
import { api, DEV_TENANT, startTestStack } from '../support/stack';
import { OTHER_TENANT_ID, TestIdentityProvider } from '../support/test-identity';

const OWNER = 'dev:avery-chen';
const MEMBER = 'dev:sam-rivera';

const newCohort = (overrides: Record<string, unknown> = {}) => ({
  programId: 'admin-community',
  name: 'Service Desk Leads',
  purpose: 'Leads swap what works for first-line support.',
  kind: 'peer-learning-group',
  commonThreads: { function: 'Service Desk', level: 'Senior' },
  facilitatorId: 'priya-nair',
  ...overrides,
});

describe('cohorts through the API on the embedded store', () => {
  let stack: LocalStack;
  let identity: TestIdentityProvider;

  beforeAll(async () => {
    identity = await TestIdentityProvider.start();
    stack = await startTestStack({ identity, env: { ALLOWED_TENANT_IDS: OTHER_TENANT_ID } });
  });
  afterAll(async () => {
    await stack.close();
    await identity.close();
  });

  const cohortCount = async () => (await api(stack, '/api/cohorts', { token: OWNER })).body.items.length as number;

  it('lists the demo cohorts with member counts, facilitators and each next session', async () => {
    const { status, body } = await api(stack, '/api/cohorts', { token: MEMBER });
    expect(status).toBe(200);
    const byName = new Map(body.items.map((c: { name: string }) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual([
      'Cloud Migration Guild',
      'New Admins Circle',
      'Senior Admins Roundtable',
    ]);
    expect(byName.get('New Admins Circle')).toMatchObject({
      memberCount: 4,
      facilitators: [{ userId: 'fatima-okafor', displayName: 'Fatima Okafor' }],
      nextSession: { id: 'lunch-powershell', kind: 'learning-lunch' },
    });
  });

  it('lets a program owner create a cohort that then appears in the list, facilitated as chosen', async () => {
    const created = await api(stack, '/api/cohorts', { method: 'POST', token: OWNER, body: newCohort() });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/cohorts/${created.body.id}`);
    expect(created.body).toMatchObject({ name: 'Service Desk Leads', status: 'forming', tenantId: DEV_TENANT });

    const { body } = await api(stack, '/api/cohorts?programId=admin-community', { token: MEMBER });
    const listed = body.items.find((c: { id: string }) => c.id === created.body.id);
    expect(listed).toMatchObject({
      memberCount: 1,
      facilitators: [{ userId: 'priya-nair', displayName: 'Priya Nair' }],
      commonThreads: { function: 'Service Desk', level: 'Senior' },
      nextSession: null,
    });
  });

  it('shows "my" cohorts only to their members', async () => {
    const { body } = await api(stack, '/api/cohorts?mine=true', { token: 'dev:lee-kim' });
    expect(body.items.map((c: { name: string }) => c.name)).toEqual(['New Admins Circle']);
  });

  it('refuses a participant who is not a program owner with 403, and stores nothing', async () => {
    const before = await cohortCount();
    const { status, body } = await api(stack, '/api/cohorts', { method: 'POST', token: MEMBER, body: newCohort() });
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/only an owner of the program "Admin Community"/);
    expect(await cohortCount()).toBe(before);
  });

  it.each([
    ['malformed JSON', { rawBody: '{"name": "Broken' }, 400, 'body'],
    ['an empty body', { rawBody: '' }, 400, 'body'],
    ['a non-JSON content type', { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } }, 415, 'body'],
    ['a missing name', { body: newCohort({ name: undefined }) }, 400, 'name'],
    ['an oversized purpose', { body: newCohort({ purpose: 'x'.repeat(1001) }) }, 400, 'purpose'],
    [
      'an oversized common thread',
      { body: newCohort({ commonThreads: { level: 'x'.repeat(101) } }) },
      400,
      'commonThreads.level',
    ],
    ['an unknown field', { body: newCohort({ ownerOverride: true }) }, 400, ''],
    ['a body over 64 KB', { rawBody: JSON.stringify(newCohort({ purpose: 'y'.repeat(70_000) })) }, 413, 'body'],
    ['an unknown facilitator', { body: newCohort({ facilitatorId: 'nobody' }) }, 400, 'facilitatorId'],
    ['a capacity that is not a whole number', { body: newCohort({ capacity: 2.5 }) }, 400, 'capacity'],
  ])('answers %s with a 4xx naming the field, and stores nothing', async (_case, request, status, field) => {
    const before = await cohortCount();
    const response = await api(stack, '/api/cohorts', { method: 'POST', token: OWNER, ...request });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toMatch(/validation_failed|bad_request/);
    expect(response.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await cohortCount()).toBe(before);
  });

  it('answers an unknown program with 404 naming programId', async () => {
    const response = await api(stack, '/api/cohorts', {
      method: 'POST',
      token: OWNER,
      body: newCohort({ programId: 'nope' }),
    });
    expect(response.status).toBe(404);
    expect(response.body.error.fields).toEqual([{ path: 'programId', message: 'not found' }]);
  });

  it("never shows or accepts another tenant's data", async () => {
    const outsider = await identity.token({ tid: OTHER_TENANT_ID, oid: 'avery-chen' });
    const list = await api(stack, '/api/cohorts', { token: outsider });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const post = await api(stack, '/api/cohorts', { method: 'POST', token: outsider, body: newCohort() });
    expect(post.status).toBe(404);
    expect(post.body.error.message).toMatch(/programId/);
  });

  it('answers an unknown query parameter and a bad flag with 400', async () => {
    expect((await api(stack, '/api/cohorts?mine=yes', { token: MEMBER })).body.error.fields[0].path).toBe('mine');
    expect((await api(stack, '/api/cohorts?sort=name', { token: MEMBER })).status).toBe(400);
  });

  it('lists cohorts in at most two store round trips', async () => {
    await api(stack, '/api/cohorts', { token: MEMBER }); // warm: the SDK reads account and container metadata once
    const before = stack.store!.requestCount();
    const { status } = await api(stack, '/api/cohorts', { token: MEMBER });
    expect(status).toBe(200);
    expect(stack.store!.requestCount() - before).toBeLessThanOrEqual(2);
  });

  it('keeps health open and every other route closed without a token', async () => {
    expect((await api(stack, '/api/health')).status).toBe(200);
    for (const path of ['/api/me', '/api/programs', '/api/people', '/api/cohorts']) {
      const response = await api(stack, path);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('tells the tab which programs the caller may manage', async () => {
    const owner = await api(stack, '/api/programs', { token: OWNER });
    expect(owner.body.items).toEqual([expect.objectContaining({ name: 'Admin Community', canManage: true })]);
    const member = await api(stack, '/api/programs', { token: MEMBER });
    expect(member.body.items[0].canManage).toBe(false);
  });
});
