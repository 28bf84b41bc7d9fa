import type { LocalStack } from '../../api/src/local/stack';
import { api, startTestStack } from '../support/stack';

const OWNER = 'dev:avery-chen';
const FATIMA = 'dev:fatima-okafor'; // facilitates New Admins Circle (by invitation) and Cloud Migration Guild (open)

describe('cohort membership, agreements and the reporting-line rule', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const cohort = (id: string, token: string) => api(stack, `/api/cohorts/${id}`, { token });
  const join = (id: string, token: string, body: Record<string, unknown> = {}) =>
    api(stack, `/api/cohorts/${id}/members`, { method: 'POST', token, body });

  it('asks for an explicit choice before grouping someone with their own reporting line', async () => {
    // Jordan manages Sam Rivera and Lee Kim, who are in New Admins Circle.
    const refused = await join('new-admins-circle', FATIMA, { userId: 'jordan-patel' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('reporting_line');
    expect(
      refused.body.error.related.map((r: { userId: string; relation: string }) => [r.userId, r.relation]).sort(),
    ).toEqual([
      ['lee-kim', 'report'],
      ['sam-rivera', 'report'],
    ]);
    expect(
      (await cohort('new-admins-circle', FATIMA)).body.members.map((m: { userId: string }) => m.userId),
    ).not.toContain('jordan-patel');

    const chosen = await join('new-admins-circle', FATIMA, { userId: 'jordan-patel', allowReportingLine: true });
    expect(chosen.status).toBe(201);
    const detail = await cohort('new-admins-circle', FATIMA);
    expect(detail.body.members.find((m: { userId: string }) => m.userId === 'jordan-patel')).toMatchObject({
      reportingLineAcknowledged: true,
    });
  });

  it('catches a manager further up the chain, not only the direct one', async () => {
    // Morgan Lee manages Jordan Patel, who manages Sam Rivera (in Cloud Migration Guild).
    const refused = await join('cloud-migration-guild', FATIMA, { userId: 'morgan-lee' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.related.map((r: { userId: string }) => r.userId)).toEqual(
      expect.arrayContaining(['sam-rivera', 'priya-nair']),
    );
  });

  it('lets people join an open cohort themselves, and records a leave with its reason', async () => {
    expect((await join('cloud-migration-guild', 'dev:hana-suzuki')).status).toBe(201);
    expect((await join('cloud-migration-guild', 'dev:hana-suzuki')).body.alreadyMember).toBe(true);
    const left = await api(stack, '/api/cohorts/cloud-migration-guild/members/hana-suzuki/leave', {
      method: 'POST',
      token: 'dev:hana-suzuki',
      body: { reason: 'Moved to the service desk project' },
    });
    expect(left.body).toEqual({ left: true });
    const detail = await cohort('cloud-migration-guild', FATIMA);
    expect(detail.body.members.map((m: { userId: string }) => m.userId)).not.toContain('hana-suzuki');
    expect(detail.body.departures).toEqual([
      expect.objectContaining({ userId: 'hana-suzuki', reason: 'Moved to the service desk project' }),
    ]);
    // Participants do not see who left or why.
    expect((await cohort('cloud-migration-guild', 'dev:priya-nair')).body.departures).toBeUndefined();
  });

  it('keeps invitation-only and owner-formed cohorts closed to self-service', async () => {
    const uninvited = await join('new-admins-circle', 'dev:diego-alvarez');
    expect(uninvited.status).toBe(403);
    expect(uninvited.body.error.message).toMatch(/by invitation/);
    await api(stack, '/api/cohorts/new-admins-circle/invitations', {
      method: 'POST',
      token: FATIMA,
      body: { userIds: ['diego-alvarez'] },
    });
    expect((await cohort('new-admins-circle', 'dev:diego-alvarez')).body.invited).toBe(true);
    expect((await join('new-admins-circle', 'dev:diego-alvarez')).status).toBe(201);

    const ownerFormed = await join('senior-admins-roundtable', 'dev:lee-kim');
    expect(ownerFormed.status).toBe(403);
    const byOutsider = await join('cloud-migration-guild', 'dev:lee-kim', {
      userId: 'fatima-okafor',
      role: 'facilitator',
    });
    expect(byOutsider.status).toBe(403);
  });

  it('gates on the current agreements, and asks again when the program publishes a new version', async () => {
    expect((await cohort('new-admins-circle', 'dev:sam-rivera')).body.myAgreementsAccepted).toBe(false);
    await api(stack, '/api/cohorts/new-admins-circle/agreements', { method: 'POST', token: 'dev:sam-rivera' });
    expect((await cohort('new-admins-circle', 'dev:sam-rivera')).body.myAgreementsAccepted).toBe(true);
    const facilitatorView = await cohort('new-admins-circle', FATIMA);
    expect(
      facilitatorView.body.members.find((m: { userId: string }) => m.userId === 'sam-rivera').acceptedCurrentAgreements,
    ).toBe(true);

    const updated = await api(stack, '/api/programs/admin-community', {
      method: 'PATCH',
      token: OWNER,
      body: { confidentiality: 'What is said here stays here. Lessons travel; names and stories do not, ever.' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.confidentiality.version).toBe(2);
    expect(updated.body.codeOfConduct.version).toBe(1);
    const after = await cohort('new-admins-circle', 'dev:sam-rivera');
    expect(after.body.myAgreementsAccepted).toBe(false);
    expect(after.body.agreements.confidentiality.version).toBe(2);
  });

  it('never exceeds capacity when twenty people join an open cohort at once', async () => {
    const created = await api(stack, '/api/cohorts', {
      method: 'POST',
      token: OWNER,
      body: {
        programId: 'admin-community',
        name: 'Tiny open circle',
        purpose: 'p',
        facilitatorId: 'fatima-okafor',
        capacity: 5,
      },
    });
    await api(stack, `/api/cohorts/${created.body.id}`, {
      method: 'PATCH',
      token: FATIMA,
      body: { joinPolicy: 'open' },
    });
    const people = [
      'avery-chen',
      'morgan-lee',
      'jordan-patel',
      'sam-rivera',
      'lee-kim',
      'priya-nair',
      'diego-alvarez',
      'hana-suzuki',
    ];
    const answers = await Promise.all(
      people.map((p) => join(created.body.id, `dev:${p}`, { allowReportingLine: true })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(4); // 5 seats, one is the facilitator's
    expect(answers.filter((a) => a.status === 409).every((a) => /is full/.test(a.body.error.message))).toBe(true);
    expect((await cohort(created.body.id, FATIMA)).body.memberCount).toBe(5);
  });

  it('refuses to leave a cohort without a facilitator, and shows only facilitators to outsiders', async () => {
    const last = await api(stack, '/api/cohorts/senior-admins-roundtable/members/hana-suzuki/leave', {
      method: 'POST',
      token: 'dev:hana-suzuki',
      body: {},
    });
    expect(last.status).toBe(409);
    expect(last.body.error.message).toMatch(/only facilitator/);
    const outsider = await cohort('senior-admins-roundtable', 'dev:lee-kim');
    expect(outsider.body.members.map((m: { role: string }) => m.role)).toEqual(['facilitator']);
    expect(outsider.body.memberCount).toBe(3);
  });

  it('names bad input: unknown people, bad policies, an empty change', async () => {
    expect((await join('cloud-migration-guild', FATIMA, { userId: 'ghost' })).body.error.fields[0].path).toBe('userId');
    const badPatch = await api(stack, '/api/cohorts/cloud-migration-guild', {
      method: 'PATCH',
      token: FATIMA,
      body: { joinPolicy: 'anyone' },
    });
    expect(badPatch.body.error.fields[0].path).toBe('joinPolicy');
    expect(
      (await api(stack, '/api/cohorts/cloud-migration-guild', { method: 'PATCH', token: FATIMA, body: {} })).status,
    ).toBe(400);
    expect((await api(stack, '/api/cohorts/nope', { token: FATIMA })).status).toBe(404);
  });

  it('records the Teams channel a cohort lives in, for those who run it, and shows it on the cohort home', async () => {
    const channel = {
      teamId: '2f9c3a4e-1b7d-4c55-9a0e-6f1d2b3c4d5e',
      channelId: '19:a1b2c3d4e5f6@thread.tacv2',
      channelName: 'New admins',
    };
    const put = (token: string, body: unknown, id = 'new-admins-circle') =>
      api(stack, `/api/cohorts/${id}/channel`, { method: 'PUT', token, body });

    const byMember = await put('dev:sam-rivera', channel);
    expect(byMember.status).toBe(403);
    expect((await cohort('new-admins-circle', FATIMA)).body.channel).toBeUndefined();

    const bound = await put(FATIMA, channel);
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ id: 'new-admins-circle', channel });
    // A program owner who does not facilitate may too; binding again moves the cohort to the new channel.
    const moved = await put(OWNER, { teamId: channel.teamId, channelId: '19:ffee@thread.tacv2' });
    expect(moved.status).toBe(200);
    expect(moved.body.channel).toEqual({ teamId: channel.teamId, channelId: '19:ffee@thread.tacv2' });
    // Everyone who sees the cohort sees where it lives.
    expect((await cohort('new-admins-circle', 'dev:sam-rivera')).body.channel).toEqual(moved.body.channel);

    const bad = await put(FATIMA, { teamId: '', channelId: 'has spaces in it', extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['', 'channelId', 'teamId']);
    expect((await put(FATIMA, channel, 'nope')).status).toBe(404);
    expect((await cohort('new-admins-circle', FATIMA)).body.channel.channelId).toBe('19:ffee@thread.tacv2');
  });

  it('lets anyone start a program and become its owner', async () => {
    const created = await api(stack, '/api/programs', {
      method: 'POST',
      token: 'dev:priya-nair',
      body: {
        name: 'Cloud Guild Program',
        purpose: 'Cloud practice',
        codeOfConduct: 'Be kind and curious.',
        confidentiality: 'Stories stay in the room.',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.ownerIds).toEqual(['priya-nair']);
    expect(created.body.reminderDefaults).toEqual({ participantMinutesBefore: [1440, 15], presenterDaysBefore: 3 });
    const tuned = await api(stack, `/api/programs/${created.body.id}`, {
      method: 'PATCH',
      token: 'dev:priya-nair',
      body: {
        defaultSessionKinds: ['book-club', 'workshop'],
        reminderDefaults: { participantMinutesBefore: [30, 2880], presenterDaysBefore: 2 },
      },
    });
    expect(tuned.body).toMatchObject({
      defaultSessionKinds: ['book-club', 'workshop'],
      reminderDefaults: { participantMinutesBefore: [2880, 30], presenterDaysBefore: 2 },
    });
    const badReminders = await api(stack, `/api/programs/${created.body.id}`, {
      method: 'PATCH',
      token: 'dev:priya-nair',
      body: { reminderDefaults: { participantMinutesBefore: [1], presenterDaysBefore: 2 } },
    });
    expect(badReminders.body.error.fields[0].path).toBe('reminderDefaults.participantMinutesBefore.0');
    const bad = await api(stack, '/api/programs', { method: 'POST', token: 'dev:priya-nair', body: { name: 'X' } });
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['name', 'purpose', 'codeOfConduct', 'confidentiality']),
    );
  });
});
