import { Forbidden, NotFound, ValidationFailed } from '../shared/errors';
import type { Person, PersonRepository } from '../people/person';
import type { Program, ProgramRepository } from '../programs/program';
import type { SessionRepository, SessionSummary } from '../sessions/session';
import type { Cohort, CohortListing, CohortRepository } from './cohort';
import { createCohort, listCohorts, searchCohorts } from './use-cases';

// Fakes implement the ports; the Cosmos implementations are proven against the store in tests/integration.
class FakePrograms implements ProgramRepository {
  constructor(private readonly programs: Program[]) {}
  async get(tenantId: string, id: string) {
    return this.programs.find((p) => p.tenantId === tenantId && p.id === id) ?? null;
  }
  async list(tenantId: string) {
    return this.programs.filter((p) => p.tenantId === tenantId);
  }
  async create(program: Program) {
    this.programs.push(program);
  }
  async update<T>(tenantId: string, id: string, change: (current: Program) => { next: Program; result: T }) {
    const index = this.programs.findIndex((p) => p.tenantId === tenantId && p.id === id);
    const { next, result } = change(this.programs[index]!);
    this.programs[index] = next;
    return result;
  }
}

class FakePeople implements PersonRepository {
  constructor(private readonly people: Person[]) {}
  async get(tenantId: string, id: string) {
    return this.people.find((p) => p.tenantId === tenantId && p.id === id) ?? null;
  }
  async list(tenantId: string) {
    return this.people.filter((p) => p.tenantId === tenantId);
  }
  async upsert(person: Person) {
    this.people.push(person);
  }
}

class FakeCohorts implements CohortRepository {
  readonly stored: Cohort[] = [];
  async create(cohort: Cohort) {
    this.stored.push(cohort);
  }
  async update<T>(tenantId: string, id: string, change: (current: Cohort) => { next: Cohort; result: T }) {
    const index = this.stored.findIndex((c) => c.tenantId === tenantId && c.id === id);
    const { next, result } = change(this.stored[index]!);
    this.stored[index] = next;
    return result;
  }
  async get(tenantId: string, id: string) {
    return this.stored.find((c) => c.tenantId === tenantId && c.id === id) ?? null;
  }
  async list(tenantId: string): Promise<CohortListing[]> {
    return this.stored.filter((c) => c.tenantId === tenantId).map(listing);
  }
  async searchByName(tenantId: string, text: string, limit: number) {
    return (await this.list(tenantId)).filter((c) => c.name.toLowerCase().includes(text.toLowerCase())).slice(0, limit);
  }
  async listOfMember(tenantId: string, userId: string) {
    return this.stored.filter((c) => c.tenantId === tenantId && c.members.some((m) => m.userId === userId));
  }
}

function listing(c: Cohort): CohortListing {
  return {
    id: c.id,
    programId: c.programId,
    name: c.name,
    purpose: c.purpose,
    kind: c.kind,
    commonThreads: c.commonThreads,
    status: c.status,
    facilitators: c.members.filter((m) => m.role === 'facilitator'),
    memberCount: c.members.length,
  };
}

class FakeSessions implements Pick<SessionRepository, 'nextByCohort'> {
  constructor(private readonly next: Record<string, SessionSummary> = {}) {}
  async nextByCohort(_tenantId: string, cohortIds: readonly string[]) {
    return new Map(cohortIds.filter((id) => this.next[id]).map((id) => [id, this.next[id]!]));
  }
}

const TENANT = 'tenant-1';
const program: Program = {
  tenantId: TENANT,
  id: 'program-1',
  name: 'Admin Community',
  purpose: 'p',
  codeOfConduct: { version: 1, text: 'c' },
  confidentiality: { version: 1, text: 'c' },
  ownerIds: ['owner-1'],
  createdAt: '2026-01-01T00:00:00.000Z',
};
const facilitator: Person = {
  tenantId: TENANT,
  id: 'fac-1',
  displayName: 'Fran Facilitator',
  title: 'PM',
  level: 'Senior',
  function: 'PMO',
};

function setup() {
  const cohorts = new FakeCohorts();
  let n = 0;
  const deps = {
    cohorts,
    programs: new FakePrograms([program]),
    people: new FakePeople([facilitator]),
    sessions: new FakeSessions(),
    clock: { now: () => new Date('2026-11-23T10:00:00.000Z') },
    ids: { newId: () => `cohort-${++n}` },
  };
  return { deps, cohorts };
}

const owner = { tenantId: TENANT, userId: 'owner-1' };
const input = { programId: 'program-1', name: '  Finance Peers  ', purpose: 'Learn together', facilitatorId: 'fac-1' };

describe('createCohort', () => {
  it('forms a cohort with trimmed fields, the facilitator as first member, and status forming', async () => {
    const { deps, cohorts } = setup();
    const cohort = await createCohort(deps, owner, { ...input, commonThreads: { function: 'Finance' } });
    expect(cohort).toMatchObject({
      id: 'cohort-1',
      tenantId: TENANT,
      name: 'Finance Peers',
      kind: 'peer-learning-group',
      status: 'forming',
      commonThreads: { function: 'Finance' },
      members: [
        { userId: 'fac-1', displayName: 'Fran Facilitator', role: 'facilitator', joinedAt: '2026-11-23T10:00:00.000Z' },
      ],
      createdBy: 'owner-1',
    });
    expect(cohorts.stored).toHaveLength(1);
  });

  it('refuses someone who does not own the program', async () => {
    const { deps, cohorts } = setup();
    await expect(createCohort(deps, { tenantId: TENANT, userId: 'member-9' }, input)).rejects.toBeInstanceOf(Forbidden);
    expect(cohorts.stored).toHaveLength(0);
  });

  it("does not find another tenant's program", async () => {
    const { deps } = setup();
    await expect(createCohort(deps, { tenantId: 'tenant-2', userId: 'owner-1' }, input)).rejects.toEqual(
      new NotFound('program', 'programId'),
    );
  });

  it('names every invalid field', async () => {
    const { deps } = setup();
    const error = await createCohort(deps, owner, { programId: 'program-1', name: 'ab', kind: 'party' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).fields.map((f) => f.path).sort()).toEqual([
      'facilitatorId',
      'kind',
      'name',
      'purpose',
    ]);
  });

  it('refuses a facilitator who is not a person of the tenant', async () => {
    const { deps } = setup();
    const error = await createCohort(deps, owner, { ...input, facilitatorId: 'ghost' }).catch((e: unknown) => e);
    expect((error as ValidationFailed).fields).toEqual([
      { path: 'facilitatorId', message: 'no person with this id in your organisation' },
    ]);
  });
});

describe('listing and searching cohorts', () => {
  it("attaches each cohort's next session, or null", async () => {
    const { deps } = setup();
    await createCohort(deps, owner, input);
    await createCohort(deps, owner, { ...input, name: 'Ops Peers' });
    const next = { id: 's1', title: 'Lunch', kind: 'learning-lunch' as const, startsAt: '2026-11-25T12:00:00.000Z' };
    const withSessions = { ...deps, sessions: new FakeSessions({ 'cohort-1': next }) };
    const listed = await listCohorts(withSessions, owner, {});
    expect(listed.map((c) => [c.name, c.nextSession?.id ?? null])).toEqual([
      ['Finance Peers', 's1'],
      ['Ops Peers', null],
    ]);
  });

  it('caps search text and limit', async () => {
    const { deps } = setup();
    await expect(searchCohorts(deps, owner, { text: 'x'.repeat(101) })).rejects.toBeInstanceOf(ValidationFailed);
    await expect(searchCohorts(deps, owner, { text: 'a', limit: 26 })).rejects.toBeInstanceOf(ValidationFailed);
  });
});
