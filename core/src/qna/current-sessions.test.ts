import type { Cohort, CohortListing, CohortRepository } from '../cohorts/cohort';
import type { Program, ProgramRepository } from '../programs/program';
import { newSession, type Session, type SessionQuery, type SessionRepository } from '../sessions/session';
import { qnaSessionsFor } from './current-sessions';

// Fakes implement the ports; the Cosmos implementations are proven against the store in tests/integration.
class FakeSessions implements Pick<SessionRepository, 'list'> {
  readonly queries: SessionQuery[] = [];
  constructor(private readonly stored: Session[]) {}
  async list(tenantId: string, query: SessionQuery) {
    this.queries.push(query);
    return this.stored
      .filter(
        (s) =>
          s.tenantId === tenantId &&
          Date.parse(s.startsAt) >= query.from.getTime() &&
          Date.parse(s.startsAt) < query.to.getTime(),
      )
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  }
}

class FakeCohorts implements Pick<CohortRepository, 'list'> {
  constructor(private readonly stored: Cohort[]) {}
  async list(tenantId: string, filter: { memberId?: string }): Promise<CohortListing[]> {
    return this.stored
      .filter((c) => c.tenantId === tenantId && c.members.some((m) => m.userId === filter.memberId))
      .map((c) => ({
        id: c.id,
        programId: c.programId,
        name: c.name,
        purpose: c.purpose,
        kind: c.kind,
        commonThreads: c.commonThreads,
        status: c.status,
        facilitators: [],
        memberCount: c.members.length,
      }));
  }
}

class FakePrograms implements Pick<ProgramRepository, 'list'> {
  constructor(private readonly stored: Program[]) {}
  async list(tenantId: string) {
    return this.stored.filter((p) => p.tenantId === tenantId);
  }
}

const TENANT = 'tenant-1';
const NOW = new Date('2026-12-01T12:00:00.000Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000).toISOString();

function aCohort(
  id: string,
  programId: string,
  members: Record<string, 'member' | 'facilitator' | 'observer'>,
): Cohort {
  return {
    tenantId: TENANT,
    id,
    programId,
    name: id,
    purpose: 'p',
    kind: 'peer-learning-group',
    commonThreads: {},
    status: 'active',
    members: Object.entries(members).map(([userId, role]) => ({
      userId,
      displayName: userId,
      role,
      joinedAt: '2026-01-01T00:00:00.000Z',
    })),
    createdBy: 'owner',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A fireside chat (Q&A on by default) starting `start` minutes from NOW and lasting `length` minutes. */
function aFiresideChat(
  id: string,
  cohortId: string,
  start: number,
  length = 60,
  fields: Partial<Session> = {},
): Session {
  return newSession({
    tenantId: TENANT,
    id,
    cohortId,
    programId: cohortId === 'elsewhere' ? 'program-2' : 'program-1',
    kind: 'fireside-chat',
    title: `Chat ${id}`,
    startsAt: minutes(start),
    endsAt: minutes(start + length),
    timeZone: 'Europe/London',
    createdBy: 'fac',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  });
}

const program: Program = {
  tenantId: TENANT,
  id: 'program-1',
  name: 'Admin Community',
  purpose: 'p',
  codeOfConduct: { version: 1, text: 'c' },
  confidentiality: { version: 1, text: 'c' },
  ownerIds: ['owner'],
  createdAt: '2026-01-01T00:00:00.000Z',
};
const otherProgram: Program = { ...program, id: 'program-2', ownerIds: [] };

function setup(sessions: Session[]) {
  const fakeSessions = new FakeSessions(sessions);
  const deps = {
    sessions: fakeSessions as unknown as SessionRepository,
    cohorts: new FakeCohorts([
      aCohort('mine', 'program-1', { sam: 'member', fran: 'facilitator' }),
      aCohort('elsewhere', 'program-2', { lee: 'member' }),
    ]) as unknown as CohortRepository,
    programs: new FakePrograms([program, otherProgram]) as unknown as ProgramRepository,
  };
  return { deps, fakeSessions };
}

const sam = { tenantId: TENANT, userId: 'sam' };
const ids = async (sessions: Session[], actor = sam) =>
  (await qnaSessionsFor(setup(sessions).deps, actor, NOW)).map((s) => s.id);

describe('the sessions a person can ask in right now', () => {
  it('lists those in progress, starting within 2 hours and ended within the last hour, soonest first', async () => {
    const choices = await qnaSessionsFor(
      setup([
        aFiresideChat('ended-50-min-ago', 'mine', -110),
        aFiresideChat('ended-2-hours-ago', 'mine', -180),
        aFiresideChat('in-progress', 'mine', -30),
        aFiresideChat('in-90-min', 'mine', 90),
        aFiresideChat('in-10-min', 'mine', 10),
        aFiresideChat('in-3-hours', 'mine', 180),
        aFiresideChat('ended-10-min-ago', 'mine', -70),
      ]).deps,
      sam,
      NOW,
    );
    expect(choices.map((s) => [s.id, s.timing])).toEqual([
      ['in-progress', 'in-progress'],
      ['in-10-min', 'starting-soon'],
      ['in-90-min', 'starting-soon'],
      ['ended-10-min-ago', 'just-ended'],
      ['ended-50-min-ago', 'just-ended'],
    ]);
    expect(choices[0]).toEqual({
      id: 'in-progress',
      cohortId: 'mine',
      title: 'Chat in-progress',
      kind: 'fireside-chat',
      startsAt: minutes(-30),
      endsAt: minutes(30),
      timing: 'in-progress',
    });
  });

  it('finds a long session that started hours ago and is still running', async () => {
    expect(await ids([aFiresideChat('all-day', 'mine', -400, 480)])).toEqual(['all-day']);
  });

  it('includes the edges: starting in exactly 2 hours, ended exactly an hour ago', async () => {
    expect(await ids([aFiresideChat('edge-start', 'mine', 120), aFiresideChat('edge-end', 'mine', -120)])).toEqual([
      'edge-start',
      'edge-end',
    ]);
  });

  it('leaves out cancelled sessions and those with Q&A off', async () => {
    expect(
      await ids([
        aFiresideChat('cancelled', 'mine', 5, 60, { status: 'cancelled' }),
        aFiresideChat('qna-off', 'mine', 5, 60, { details: { qnaEnabled: false } }),
        aFiresideChat('lunch', 'mine', 5, 60, { kind: 'learning-lunch' }),
        aFiresideChat('lunch-with-qna', 'mine', 6, 60, { kind: 'learning-lunch', details: { qnaEnabled: true } }),
      ]),
    ).toEqual(['lunch-with-qna']);
  });

  it("leaves out other cohorts' sessions, unless the person owns their program or presents", async () => {
    const sessions = [
      aFiresideChat('theirs', 'elsewhere', 5),
      aFiresideChat('presenting', 'elsewhere', 6, 60, { presenters: [{ userId: 'sam', displayName: 'Sam' }] }),
      aFiresideChat('ours', 'mine', 7),
    ];
    expect(await ids(sessions)).toEqual(['presenting', 'ours']);
    expect(await ids(sessions, { tenantId: TENANT, userId: 'fran' })).toEqual(['ours']);
    // The owner of program-1 runs its cohorts without being a member.
    expect(await ids(sessions, { tenantId: TENANT, userId: 'owner' })).toEqual(['ours']);
    expect(await ids(sessions, { tenantId: TENANT, userId: 'stranger' })).toEqual([]);
  });

  it("never sees another tenant's sessions", async () => {
    expect(await ids([aFiresideChat('ours', 'mine', 5)], { tenantId: 'tenant-2', userId: 'sam' })).toEqual([]);
  });

  it('asks the store for one time window: from 9 hours back (the longest session plus an hour) to 2 hours ahead', async () => {
    const { deps, fakeSessions } = setup([]);
    await qnaSessionsFor(deps, sam, NOW);
    expect(fakeSessions.queries).toEqual([{ from: new Date(minutes(-540)), to: new Date(NOW.getTime() + 7_200_001) }]);
  });
});
