import type { Cohort, CohortListing, CohortMember, CohortRepository } from '../cohorts/cohort';
import type { Person, PersonRepository } from '../people/person';
import type { Program, ProgramRepository } from '../programs/program';
import {
  newSession,
  type Session,
  type SessionQuery,
  type SessionRepository,
  type SessionSummary,
} from '../sessions/session';
import { AgreementsRequired, Conflict, Forbidden, NotFound, TooManyRequests, ValidationFailed } from '../shared/errors';
import type { Clock } from '../shared/ports';
import type { Principal } from '../shared/principal';
import type {
  AuthorKeys,
  QnaChange,
  QnaChangeListener,
  QnaQueue,
  Question,
  QuestionRepository,
  VoteOutcome,
} from './question';
import {
  ASK_LIMIT,
  ASK_WINDOW_SECONDS,
  answerNext,
  askQuestion,
  carryOverQuestions,
  editQuestion,
  exportQuestionsCsv,
  getQueue,
  moderateQuestion,
  qnaAccess,
  reorderQuestions,
  setQueueSettings,
  voteOnQuestion,
  withdrawQuestion,
  type QnaDeps,
} from './use-cases';

// Fakes implement the ports; the Cosmos implementations are proven against the store in tests/integration.

/** What a document store hands back: a copy, without undefined fields. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

class FakeQuestions implements QuestionRepository {
  private readonly questions = new Map<string, Question>();
  private readonly queues = new Map<string, QnaQueue>();
  private key(tenantId: string, sessionId: string, id = '') {
    return `${tenantId}|${sessionId}|${id}`;
  }

  /** Every question of a session as stored (for assertions). */
  inSession(sessionId: string, tenantId = TENANT): Question[] {
    return [...this.questions.values()].filter((q) => q.tenantId === tenantId && q.sessionId === sessionId).map(copy);
  }

  async create(question: Question) {
    const key = this.key(question.tenantId, question.sessionId, question.id);
    if (this.questions.has(key)) throw new Conflict('a question with this id already exists');
    this.questions.set(key, copy(question));
  }
  async createMany(questions: readonly Question[]) {
    for (const question of questions) {
      const key = this.key(question.tenantId, question.sessionId, question.id);
      if (!this.questions.has(key)) this.questions.set(key, copy(question));
    }
  }
  async get(tenantId: string, sessionId: string, id: string) {
    const question = this.questions.get(this.key(tenantId, sessionId, id));
    return question ? copy(question) : null;
  }
  async getMany(tenantId: string, sessionId: string, ids: readonly string[]) {
    return this.inSession(sessionId, tenantId).filter((q) => ids.includes(q.id));
  }
  async listForSession(tenantId: string, sessionId: string) {
    return { questions: this.inSession(sessionId, tenantId), queue: await this.getQueue(tenantId, sessionId) };
  }
  async getQueue(tenantId: string, sessionId: string) {
    const queue = this.queues.get(this.key(tenantId, sessionId));
    return queue ? copy(queue) : null;
  }
  async countAskedSince(tenantId: string, sessionId: string, authorKey: string, since: Date) {
    return this.inSession(sessionId, tenantId).filter(
      (q) => q.authorKey === authorKey && q.createdAt >= since.toISOString(),
    ).length;
  }
  async update<T>(
    tenantId: string,
    sessionId: string,
    id: string,
    change: (current: Question) => { next: Question; result: T },
  ) {
    const current = await this.get(tenantId, sessionId, id);
    if (!current) throw new Conflict('the question no longer exists');
    const { next, result } = change(current);
    if (next !== current) this.questions.set(this.key(tenantId, sessionId, id), copy(next));
    return result;
  }
  // Like the real atomic patch: voting twice (or taking back a vote that is not there) changes nothing.
  async addVote(tenantId: string, sessionId: string, id: string, voterKey: string, at: Date): Promise<VoteOutcome> {
    const current = await this.votable(tenantId, sessionId, id, voterKey);
    if (current.voters[voterKey] !== undefined) return { changed: false, question: current };
    if (current.state !== 'open') throw new Conflict(`this question is ${current.state}; votes are closed`);
    const next = {
      ...current,
      voters: { ...current.voters, [voterKey]: at.toISOString() },
      votes: current.votes + 1,
      revision: current.revision + 1,
    };
    this.questions.set(this.key(tenantId, sessionId, id), copy(next));
    return { changed: true, question: next };
  }
  async removeVote(tenantId: string, sessionId: string, id: string, voterKey: string): Promise<VoteOutcome> {
    const current = await this.votable(tenantId, sessionId, id, voterKey);
    if (current.voters[voterKey] === undefined) return { changed: false, question: current };
    const { [voterKey]: _taken, ...voters } = current.voters;
    const next = { ...current, voters, votes: current.votes - 1, revision: current.revision + 1 };
    this.questions.set(this.key(tenantId, sessionId, id), copy(next));
    return { changed: true, question: next };
  }
  async updateQueue<T>(
    tenantId: string,
    sessionId: string,
    initial: QnaQueue,
    change: (current: QnaQueue) => { next: QnaQueue; result: T },
  ) {
    const key = this.key(tenantId, sessionId);
    if (!this.queues.has(key)) this.queues.set(key, copy(initial));
    const current = copy(this.queues.get(key)!);
    const { next, result } = change(current);
    if (next !== current) this.queues.set(key, copy(next));
    return result;
  }
  private async votable(tenantId: string, sessionId: string, id: string, voterKey: string) {
    // The real repository refuses anything but a keyed hash as a patch path.
    if (!/^[a-f0-9]{32,128}$/.test(voterKey)) throw new Error('voter key is not a keyed hash');
    const current = await this.get(tenantId, sessionId, id);
    if (!current) throw new Conflict('this question no longer exists');
    return current;
  }
}

class FakeSessions implements SessionRepository {
  constructor(private readonly stored: Session[]) {}
  async create(session: Session) {
    this.stored.push(session);
  }
  async createMany(sessions: readonly Session[]) {
    for (const session of sessions) if (!this.stored.some((s) => s.id === session.id)) this.stored.push(session);
  }
  async get(tenantId: string, id: string) {
    return this.stored.find((s) => s.tenantId === tenantId && s.id === id) ?? null;
  }
  async listByMeeting(tenantId: string, chatId: string) {
    return this.stored.filter((s) => s.tenantId === tenantId && s.meeting?.chatId === chatId);
  }
  async list(tenantId: string, query: SessionQuery) {
    return this.stored
      .filter(
        (s) =>
          s.tenantId === tenantId &&
          (query.cohortId === undefined || s.cohortId === query.cohortId) &&
          (query.programId === undefined || s.programId === query.programId) &&
          Date.parse(s.startsAt) >= query.from.getTime() &&
          Date.parse(s.startsAt) < query.to.getTime(),
      )
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  }
  async update<T>(tenantId: string, id: string, change: (current: Session) => { next: Session; result: T }) {
    const index = this.stored.findIndex((s) => s.tenantId === tenantId && s.id === id);
    const { next, result } = change(this.stored[index]!);
    this.stored[index] = next;
    return result;
  }
  async nextByCohort(tenantId: string, cohortIds: readonly string[], from: Date) {
    const next = new Map<string, SessionSummary>();
    for (const s of await this.list(tenantId, { from, to: new Date(8.64e15) })) {
      if (cohortIds.includes(s.cohortId) && !next.has(s.cohortId)) {
        next.set(s.cohortId, { id: s.id, title: s.title, kind: s.kind, startsAt: s.startsAt });
      }
    }
    return next;
  }
}

class FakeCohorts implements CohortRepository {
  constructor(private readonly stored: Cohort[]) {}
  async create(cohort: Cohort) {
    this.stored.push(cohort);
  }
  async get(tenantId: string, id: string) {
    return this.stored.find((c) => c.tenantId === tenantId && c.id === id) ?? null;
  }
  async list(tenantId: string): Promise<CohortListing[]> {
    return this.stored
      .filter((c) => c.tenantId === tenantId)
      .map((c) => ({
        id: c.id,
        programId: c.programId,
        name: c.name,
        purpose: c.purpose,
        kind: c.kind,
        commonThreads: c.commonThreads,
        status: c.status,
        facilitators: c.members.filter((m) => m.role === 'facilitator'),
        memberCount: c.members.length,
      }));
  }
  async update<T>(tenantId: string, id: string, change: (current: Cohort) => { next: Cohort; result: T }) {
    const index = this.stored.findIndex((c) => c.tenantId === tenantId && c.id === id);
    const { next, result } = change(this.stored[index]!);
    this.stored[index] = next;
    return result;
  }
  async searchByName(tenantId: string, text: string, limit: number) {
    return (await this.list(tenantId)).filter((c) => c.name.includes(text)).slice(0, limit);
  }
  async listOfMember(tenantId: string, userId: string) {
    return this.stored.filter((c) => c.tenantId === tenantId && c.members.some((m) => m.userId === userId));
  }
}

class FakePrograms implements ProgramRepository {
  constructor(private readonly stored: Program[]) {}
  async get(tenantId: string, id: string) {
    return this.stored.find((p) => p.tenantId === tenantId && p.id === id) ?? null;
  }
  async list(tenantId: string) {
    return this.stored.filter((p) => p.tenantId === tenantId);
  }
  async create(program: Program) {
    this.stored.push(program);
  }
  async update<T>(tenantId: string, id: string, change: (current: Program) => { next: Program; result: T }) {
    const index = this.stored.findIndex((p) => p.tenantId === tenantId && p.id === id);
    const { next, result } = change(this.stored[index]!);
    this.stored[index] = next;
    return result;
  }
}

class FakePeople implements PersonRepository {
  constructor(private readonly stored: Person[]) {}
  async get(tenantId: string, id: string) {
    return this.stored.find((p) => p.tenantId === tenantId && p.id === id) ?? null;
  }
  async list(tenantId: string) {
    return this.stored.filter((p) => p.tenantId === tenantId);
  }
  async upsert(person: Person) {
    this.stored.push(person);
  }
}

/** Lower-case hex like the real HMAC, one per person and tenant (readable in a failure: it is just hex). */
const fakeKeys: AuthorKeys = {
  keyFor: (tenantId, userId) =>
    [...`k:${tenantId}:${userId}`]
      .map((c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
      .join('')
      .padEnd(32, '0'),
};

/** Sorts object keys so two values can be compared as JSON whatever order their fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Records what each write announced. The live channel publishes the copies a writer hands over without reading
 * them again, so the listener also notes any handed-over question or queue that differs from what is stored.
 */
class RecordingListener implements QnaChangeListener {
  readonly changes: { tenantId: string; sessionId: string; questionIds: string[]; queueChanged: boolean }[] = [];
  readonly staleCopies: string[] = [];
  constructor(private readonly store: FakeQuestions) {}
  async changed(change: QnaChange) {
    this.changes.push({
      tenantId: change.tenantId,
      sessionId: change.sessionId,
      questionIds: [...change.questionIds],
      queueChanged: change.queueChanged ?? false,
    });
    for (const question of change.questions ?? []) {
      const stored = await this.store.get(change.tenantId, change.sessionId, question.id);
      if (canonical(stored) !== canonical(question)) this.staleCopies.push(`question ${question.id}`);
    }
    if (change.queue !== undefined) {
      const stored = await this.store.getQueue(change.tenantId, change.sessionId);
      if (canonical(stored) !== canonical(change.queue)) this.staleCopies.push(`queue of ${change.sessionId}`);
    }
  }
  /** Starts counting: the function returned gives the changes announced since. */
  mark() {
    const start = this.changes.length;
    return () => this.changes.slice(start);
  }
}

class TestClock implements Clock {
  constructor(private current: Date) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const TENANT = 'tenant-1';
const NOW = new Date('2026-12-01T12:10:00.000Z');
const ACCEPTED = { codeOfConductVersion: 2, confidentialityVersion: 1, acceptedAt: '2026-11-01T00:00:00.000Z' };

const program: Program = {
  tenantId: TENANT,
  id: 'program-1',
  name: 'Admin Community',
  purpose: 'p',
  codeOfConduct: { version: 2, text: 'Be kind.' },
  confidentiality: { version: 1, text: 'What is said here stays here.' },
  ownerIds: ['user-olive'],
  createdAt: '2026-01-01T00:00:00.000Z',
};

const NAMES: Record<string, string> = {
  'user-fran': 'Fran Facilitator',
  'user-olive': 'Olive Owner',
  'user-gina': 'Gina Guest',
  'user-pat': 'Pat Peer',
  'user-quinn': 'Quinn Peer',
  'user-rita': 'Rita Peer',
  'user-nora': 'Nora New',
  'user-otto': 'Otto Outdated',
  'user-oscar': 'Oscar Observer',
  'user-stranger': 'Sam Stranger',
};

function aMember(userId: string, role: CohortMember['role'], agreements?: CohortMember['agreements']): CohortMember {
  return {
    userId,
    displayName: NAMES[userId]!,
    role,
    joinedAt: '2026-10-01T00:00:00.000Z',
    ...(agreements ? { agreements } : {}),
  };
}

const cohort: Cohort = {
  tenantId: TENANT,
  id: 'cohort-1',
  programId: 'program-1',
  name: 'Senior Admins Roundtable',
  purpose: 'p',
  kind: 'peer-learning-group',
  commonThreads: {},
  status: 'active',
  members: [
    aMember('user-fran', 'facilitator'), // hosts need no acceptance to run the queue
    aMember('user-pat', 'member', ACCEPTED),
    aMember('user-quinn', 'member', ACCEPTED),
    aMember('user-rita', 'member', ACCEPTED),
    aMember('user-nora', 'member'),
    aMember('user-otto', 'member', { ...ACCEPTED, codeOfConductVersion: 1 }),
    aMember('user-oscar', 'observer', ACCEPTED),
  ],
  createdBy: 'user-olive',
  createdAt: '2026-01-01T00:00:00.000Z',
};

function aSession(id: string, startsAt: string, fields: Partial<Session> = {}): Session {
  return newSession({
    tenantId: TENANT,
    id,
    cohortId: 'cohort-1',
    programId: 'program-1',
    kind: 'fireside-chat',
    title: `Session ${id}`,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
    timeZone: 'Europe/London',
    createdBy: 'user-fran',
    createdAt: '2026-10-01T00:00:00.000Z',
    ...fields,
  });
}

const SESSION = 'fireside-1';

function setup() {
  const questions = new FakeQuestions();
  const listener = new RecordingListener(questions);
  const clock = new TestClock(NOW);
  let n = 0;
  const deps: QnaDeps = {
    questions,
    sessions: new FakeSessions([
      aSession(SESSION, '2026-12-01T12:00:00.000Z', {
        presenters: [{ userId: 'user-gina', displayName: 'Gina Guest' }],
      }),
      aSession('workshop-1', '2026-11-24T12:00:00.000Z', { kind: 'workshop' }),
      aSession('workshop-with-qna', '2026-11-25T12:00:00.000Z', { kind: 'workshop', details: { qnaEnabled: true } }),
      aSession('fireside-cancelled', '2026-12-08T12:00:00.000Z', { status: 'cancelled' }),
      aSession('fireside-2', '2026-12-15T12:00:00.000Z'),
    ]),
    cohorts: new FakeCohorts([cohort]),
    programs: new FakePrograms([program]),
    people: new FakePeople([
      { tenantId: TENANT, id: 'user-pat', displayName: 'Pat Peer', title: 'Admin', level: 'Senior', function: 'IT' },
    ]),
    authorKeys: fakeKeys,
    qnaChanges: listener,
    clock,
    ids: { newId: () => `q-${++n}` },
  };
  return { deps, questions, listener, clock };
}

/** A person signed in to the tenant, with the display name the sign-in carries. */
const as = (userId: string): Principal => ({ tenantId: TENANT, userId, displayName: NAMES[userId] });
const FRAN = as('user-fran');
const PAT = as('user-pat');
const QUINN = as('user-quinn');
const RITA = as('user-rita');

async function ask(deps: QnaDeps, who: Principal, text: string, fields: Record<string, unknown> = {}) {
  return askQuestion(deps, who, SESSION, { text, ...fields });
}

/** What an announcement for the test session says changed. */
const announced = (questionIds: string[], queueChanged = false, sessionId = SESSION) => ({
  tenantId: TENANT,
  sessionId,
  questionIds,
  queueChanged,
});

describe("who takes part in a session's Q&A (qnaAccess)", () => {
  it.each([
    ["the cohort's facilitator", 'user-fran'],
    ['a program owner who is not in the cohort', 'user-olive'],
    ["the session's presenter, who is not in the cohort", 'user-gina'],
  ])('treats %s as a host', async (_who, userId) => {
    const { deps } = setup();
    const access = await qnaAccess(deps, as(userId), SESSION);
    expect(access).toMatchObject({ role: 'host', mayTakePart: true, readerKey: fakeKeys.keyFor(TENANT, userId) });
  });

  it('lets a member who accepted the current agreements take part', async () => {
    const { deps } = setup();
    expect(await qnaAccess(deps, PAT, SESSION)).toMatchObject({ role: 'participant', mayTakePart: true });
  });

  it.each([
    ['never accepted them', 'user-nora'],
    ['accepted an older code of conduct', 'user-otto'],
  ])('asks a member who %s to accept the agreements first', async (_case, userId) => {
    const { deps } = setup();
    const error = await getQueue(deps, as(userId), SESSION).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgreementsRequired);
    expect((error as AgreementsRequired).cohortId).toBe('cohort-1');
    await expect(ask(deps, as(userId), 'Can I ask?')).rejects.toBeInstanceOf(AgreementsRequired);
  });

  it('refuses someone outside the cohort', async () => {
    const { deps, questions } = setup();
    await expect(getQueue(deps, as('user-stranger'), SESSION)).rejects.toBeInstanceOf(Forbidden);
    await expect(ask(deps, as('user-stranger'), 'Let me in?')).rejects.toBeInstanceOf(Forbidden);
    expect(questions.inSession(SESSION)).toEqual([]);
  });

  it('lets an observer read the queue but neither ask nor vote', async () => {
    const { deps, questions, listener } = setup();
    const asked = await ask(deps, PAT, 'What is on the roadmap?');
    const oscar = as('user-oscar');
    const view = await getQueue(deps, oscar, SESSION);
    expect(view).toMatchObject({ role: 'participant', canAsk: false });
    expect(view.questions.map((q) => q.id)).toEqual([asked.id]);
    await expect(ask(deps, oscar, 'Me too?')).rejects.toBeInstanceOf(Forbidden);
    await expect(voteOnQuestion(deps, oscar, SESSION, asked.id, true)).rejects.toBeInstanceOf(Forbidden);
    expect(questions.inSession(SESSION).map((q) => [q.id, q.votes])).toEqual([[asked.id, 0]]);
    expect(listener.changes).toHaveLength(1);
  });

  it('does not find a session that does not exist, or one of another tenant', async () => {
    const { deps } = setup();
    await expect(qnaAccess(deps, PAT, 'nope')).rejects.toBeInstanceOf(NotFound);
    await expect(qnaAccess(deps, { ...PAT, tenantId: 'tenant-2' }, SESSION)).rejects.toBeInstanceOf(NotFound);
  });
});

describe('asking (askQuestion)', () => {
  it('asks by name: the queue shows the name, the asker sees it as theirs, and it is announced', async () => {
    const { deps, questions, listener } = setup();
    const view = await ask(deps, PAT, '  How do you plan a quarter?  ');
    expect(view).toMatchObject({
      text: 'How do you plan a quarter?',
      askedBy: 'Pat Peer',
      anonymous: false,
      state: 'open',
      votes: 0,
      mine: true,
      canEdit: true,
    });
    expect(questions.inSession(SESSION)).toEqual([
      expect.objectContaining({
        id: view.id,
        author: { userId: 'user-pat', displayName: 'Pat Peer' },
        authorKey: fakeKeys.keyFor(TENANT, 'user-pat'),
        createdAt: NOW.toISOString(),
      }),
    ]);
    expect(listener.changes).toEqual([announced([view.id])]);
  });

  it("asks anonymously: only the asker's key is stored, and no reader learns who asked", async () => {
    const { deps, questions, listener } = setup();
    const view = await ask(deps, PAT, 'Is the reorg real?', { anonymous: true });
    const [stored] = questions.inSession(SESSION);
    expect(stored).not.toHaveProperty('author');
    expect(stored!.authorKey).toBe(fakeKeys.keyFor(TENANT, 'user-pat'));

    const own = await getQueue(deps, PAT, SESSION);
    const peer = await getQueue(deps, QUINN, SESSION);
    const host = await getQueue(deps, FRAN, SESSION);
    expect(own.questions[0]).toMatchObject({ askedBy: null, mine: true });
    for (const seen of [view, peer, host]) {
      const json = JSON.stringify(seen);
      for (const secret of ['user-pat', 'Pat Peer', fakeKeys.keyFor(TENANT, 'user-pat')]) {
        expect(json).not.toContain(secret);
      }
    }
    expect(peer.questions[0]).toMatchObject({ askedBy: null, mine: false });
    expect(listener.changes).toEqual([announced([view.id])]);
  });

  it('names the asker from their profile when the sign-in carries no name', async () => {
    const { deps } = setup();
    const view = await askQuestion(deps, { tenantId: TENANT, userId: 'user-pat' }, SESSION, { text: 'Hello?' });
    expect(view.askedBy).toBe('Pat Peer');
  });

  it("holds a participant's question for approval in a moderated queue, but not a host's", async () => {
    const { deps } = setup();
    await setQueueSettings(deps, FRAN, SESSION, { moderated: true });
    const waiting = await ask(deps, PAT, 'May I?');
    const fromHost = await ask(deps, FRAN, 'Let us start with this');
    expect(waiting.state).toBe('pending');
    expect(fromHost.state).toBe('open');
    const ids = async (who: Principal) => (await getQueue(deps, who, SESSION)).questions.map((q) => q.id).sort();
    expect(await ids(QUINN)).toEqual([fromHost.id]);
    expect(await ids(PAT)).toEqual([waiting.id, fromHost.id].sort());
    expect(await ids(FRAN)).toEqual([waiting.id, fromHost.id].sort());
  });

  it(`stops a ${ASK_LIMIT + 1}th question within ${ASK_WINDOW_SECONDS} seconds, anonymous or not, until the window has passed`, async () => {
    const { deps, clock, questions } = setup();
    for (let i = 0; i < ASK_LIMIT; i += 1) {
      await ask(deps, PAT, `Question ${i}`);
      clock.advance(10_000);
    }
    const error = await ask(deps, PAT, 'One more', { anonymous: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequests);
    expect((error as TooManyRequests).retryAfterSeconds).toBe(120);
    expect((error as TooManyRequests).message).toMatch(/5 questions every 2 minutes/);
    expect(questions.inSession(SESSION)).toHaveLength(ASK_LIMIT);

    await expect(ask(deps, QUINN, 'Someone else may still ask')).resolves.toMatchObject({ state: 'open' });
    // The first question was asked at NOW; 50 s have passed since. 71 s more and it falls out of the window.
    clock.advance(71_000);
    await expect(ask(deps, PAT, 'After the window')).resolves.toMatchObject({ state: 'open' });
  });

  it('refuses questions where Q&A is off (a workshop by default), and takes them where a host turned it on', async () => {
    const { deps, questions, listener } = setup();
    await expect(askQuestion(deps, PAT, 'workshop-1', { text: 'Anyone?' })).rejects.toThrow(/Q&A is off/);
    expect(questions.inSession('workshop-1')).toEqual([]);
    expect(listener.changes).toEqual([]);
    expect(await getQueue(deps, PAT, 'workshop-1')).toMatchObject({ enabled: false, canAsk: false, questions: [] });

    await expect(askQuestion(deps, PAT, 'workshop-with-qna', { text: 'Anyone?' })).resolves.toMatchObject({
      state: 'open',
    });
  });

  it('refuses questions for a cancelled session', async () => {
    const { deps, questions } = setup();
    const error = await askQuestion(deps, PAT, 'fireside-cancelled', { text: 'Still on?' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Conflict);
    expect((error as Conflict).message).toMatch(/cancelled/);
    expect(questions.inSession('fireside-cancelled')).toEqual([]);
  });

  it('refuses invalid input before storing or announcing anything', async () => {
    const { deps, questions, listener } = setup();
    const error = await ask(deps, PAT, '   ').catch((e: unknown) => e);
    expect((error as ValidationFailed).fields.map((f) => f.path)).toEqual(['text']);
    expect(questions.inSession(SESSION)).toEqual([]);
    expect(listener.changes).toEqual([]);
  });
});

describe('voting (voteOnQuestion)', () => {
  it('counts one vote per person however often it is sent, and announces only real changes', async () => {
    const { deps, listener } = setup();
    const question = await ask(deps, PAT, 'Which tools?');
    const first = await voteOnQuestion(deps, QUINN, SESSION, question.id, true);
    const again = await voteOnQuestion(deps, QUINN, SESSION, question.id, true);
    expect([first.votes, again.votes, again.votedByMe]).toEqual([1, 1, true]);
    await voteOnQuestion(deps, RITA, SESSION, question.id, true);
    const taken = await voteOnQuestion(deps, QUINN, SESSION, question.id, false);
    const takenAgain = await voteOnQuestion(deps, QUINN, SESSION, question.id, false);
    expect([taken.votes, takenAgain.votes, takenAgain.votedByMe]).toEqual([1, 1, false]);
    expect(listener.changes).toEqual([
      announced([question.id]), // asked
      announced([question.id]), // Quinn's vote
      announced([question.id]), // Rita's vote
      announced([question.id]), // Quinn's vote taken back
    ]);
  });

  it("answers 'not found' to a participant voting on someone else's question awaiting approval", async () => {
    const { deps } = setup();
    await setQueueSettings(deps, FRAN, SESSION, { moderated: true });
    const waiting = await ask(deps, PAT, 'Pending?');
    await expect(voteOnQuestion(deps, QUINN, SESSION, waiting.id, true)).rejects.toBeInstanceOf(NotFound);
    await expect(voteOnQuestion(deps, QUINN, SESSION, 'q-never', true)).rejects.toBeInstanceOf(NotFound);
  });
});

describe('rewording and withdrawing (editQuestion, withdrawQuestion)', () => {
  it('lets the asker reword their question, and announces it', async () => {
    const { deps, listener } = setup();
    const question = await ask(deps, PAT, 'Typo in tis');
    const announcedSince = listener.mark();
    const edited = await editQuestion(deps, PAT, SESSION, question.id, { text: 'Typo in this' });
    expect(edited).toMatchObject({ text: 'Typo in this', revision: 2, mine: true });
    await expect(editQuestion(deps, QUINN, SESSION, question.id, { text: 'Hijacked' })).rejects.toBeInstanceOf(
      Forbidden,
    );
    expect(announcedSince()).toEqual([announced([question.id])]);
  });

  it('lets the asker withdraw their question, which then disappears for everyone', async () => {
    const { deps, listener } = setup();
    const question = await ask(deps, PAT, 'Never mind');
    const announcedSince = listener.mark();
    await expect(withdrawQuestion(deps, QUINN, SESSION, question.id)).rejects.toBeInstanceOf(NotFound);
    expect(await withdrawQuestion(deps, PAT, SESSION, question.id)).toEqual({ withdrawn: true });
    expect(announcedSince()).toEqual([announced([question.id])]);
    for (const who of [PAT, QUINN, FRAN]) {
      const view = await getQueue(deps, who, SESSION);
      expect([...view.questions, ...view.archive]).toEqual([]);
    }
  });

  // Live clients learn that nothing is being answered any more only from a queue change.
  it('unpins the question being answered when its asker withdraws it, and announces the queue change', async () => {
    const { deps, listener } = setup();
    const question = await ask(deps, PAT, 'Pinned, then withdrawn');
    await moderateQuestion(deps, FRAN, SESSION, question.id, { action: 'pin' });
    const announcedSince = listener.mark();
    await withdrawQuestion(deps, PAT, SESSION, question.id);
    expect((await getQueue(deps, QUINN, SESSION)).nowAnswering).toBeNull();
    expect(announcedSince()).toEqual([announced([question.id], true)]);
  });
});

describe("a host's moderation (moderateQuestion)", () => {
  it('lets only hosts moderate', async () => {
    const { deps } = setup();
    const question = await ask(deps, PAT, 'Mine');
    await expect(moderateQuestion(deps, PAT, SESSION, question.id, { action: 'pin' })).rejects.toBeInstanceOf(
      Forbidden,
    );
  });

  it('approves a waiting question into the queue, and announces it', async () => {
    const { deps, listener } = setup();
    await setQueueSettings(deps, FRAN, SESSION, { moderated: true });
    const waiting = await ask(deps, PAT, 'Approve me');
    const announcedSince = listener.mark();
    const approved = await moderateQuestion(deps, FRAN, SESSION, waiting.id, { action: 'approve' });
    expect(approved.state).toBe('open');
    expect(announcedSince()).toEqual([announced([waiting.id])]);
    expect((await getQueue(deps, QUINN, SESSION)).questions.map((q) => q.id)).toEqual([waiting.id]);
  });

  it('pins a question as the one being answered, announcing the queue change', async () => {
    const { deps, listener } = setup();
    const question = await ask(deps, PAT, 'Pin me');
    const announcedSince = listener.mark();
    const pinned = await moderateQuestion(deps, FRAN, SESSION, question.id, { action: 'pin' });
    expect(pinned.pinned).toBe(true);
    expect(announcedSince()).toEqual([announced([question.id], true)]);
    expect((await getQueue(deps, QUINN, SESSION)).nowAnswering).toBe(question.id);
  });

  it("answers the pinned question in the host's name, unpins it, and announces both", async () => {
    const { deps, listener } = setup();
    const question = await ask(deps, PAT, 'Answer me', { anonymous: true });
    await moderateQuestion(deps, FRAN, SESSION, question.id, { action: 'pin' });
    const announcedSince = listener.mark();
    const answered = await moderateQuestion(deps, FRAN, SESSION, question.id, {
      action: 'answer',
      answer: 'It is in the handbook.',
    });
    expect(answered).toMatchObject({
      state: 'answered',
      askedBy: null,
      pinned: false,
      answer: { text: 'It is in the handbook.', answeredBy: 'Fran Facilitator', at: NOW.toISOString() },
    });
    expect(announcedSince()).toEqual([announced([question.id], true)]);
    const view = await getQueue(deps, QUINN, SESSION);
    expect(view.nowAnswering).toBeNull();
    expect(view.archive.map((q) => q.id)).toEqual([question.id]);
  });
});

describe('"Next" (answerNext)', () => {
  /** Pat's question with no votes, Quinn's with two, Rita's with one. */
  async function threeQuestions(deps: QnaDeps) {
    const pats = await ask(deps, PAT, 'No votes');
    const quinns = await ask(deps, QUINN, 'Two votes');
    const ritas = await ask(deps, RITA, 'One vote');
    await voteOnQuestion(deps, PAT, SESSION, quinns.id, true);
    await voteOnQuestion(deps, RITA, SESSION, quinns.id, true);
    await voteOnQuestion(deps, PAT, SESSION, ritas.id, true);
    return { pats, quinns, ritas };
  }

  it('answers the pinned question and pins the top of the queue, announcing both', async () => {
    const { deps, questions, listener } = setup();
    const { pats, quinns } = await threeQuestions(deps);
    await moderateQuestion(deps, FRAN, SESSION, pats.id, { action: 'pin' });
    const announcedSince = listener.mark();
    const next = await answerNext(deps, FRAN, SESSION);
    expect(next).toMatchObject({ id: quinns.id, pinned: true, state: 'open' });
    const stored = questions.inSession(SESSION);
    expect(stored.find((q) => q.id === pats.id)!.state).toBe('answered');
    expect((await getQueue(deps, QUINN, SESSION)).nowAnswering).toBe(quinns.id);
    expect(announcedSince()).toEqual([announced([pats.id, quinns.id], true)]);
  });

  it('works through the queue by votes, then returns null once it is empty', async () => {
    const { deps, questions } = setup();
    const { pats, quinns, ritas } = await threeQuestions(deps);
    const pinnedInTurn = [];
    for (let i = 0; i < 4; i += 1) pinnedInTurn.push((await answerNext(deps, FRAN, SESSION))?.id ?? null);
    expect(pinnedInTurn).toEqual([quinns.id, ritas.id, pats.id, null]);
    expect(questions.inSession(SESSION).map((q) => q.state)).toEqual(['answered', 'answered', 'answered']);
    expect((await getQueue(deps, FRAN, SESSION)).nowAnswering).toBeNull();
    expect(await answerNext(deps, FRAN, SESSION)).toBeNull();
  });

  it('is for hosts only', async () => {
    const { deps } = setup();
    await ask(deps, PAT, 'Next?');
    await expect(answerNext(deps, PAT, SESSION)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('moderation on and off (setQueueSettings)', () => {
  it('opens every waiting question when moderation is turned off, announcing them with the queue', async () => {
    const { deps, listener } = setup();
    await setQueueSettings(deps, FRAN, SESSION, { moderated: true });
    const pats = await ask(deps, PAT, 'Waiting one');
    const quinns = await ask(deps, QUINN, 'Waiting two');
    const hosts = await ask(deps, FRAN, 'Open already');
    const announcedSince = listener.mark();
    expect(await setQueueSettings(deps, FRAN, SESSION, { moderated: false })).toEqual({ moderated: false });

    const view = await getQueue(deps, RITA, SESSION);
    expect(view.moderated).toBe(false);
    expect(view.questions.map((q) => [q.id, q.state])).toEqual([
      [pats.id, 'open'],
      [quinns.id, 'open'],
      [hosts.id, 'open'],
    ]);
    expect(announcedSince()).toEqual([announced([pats.id, quinns.id], true)]);
  });

  it('is for hosts only', async () => {
    const { deps } = setup();
    await expect(setQueueSettings(deps, PAT, SESSION, { moderated: true })).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('the hand order (reorderQuestions)', () => {
  it('places the listed questions first, in order, the rest by votes; an empty list clears it', async () => {
    const { deps, questions, listener } = setup();
    const a = await ask(deps, PAT, 'A: no votes');
    const b = await ask(deps, QUINN, 'B: two votes');
    const c = await ask(deps, RITA, 'C: one vote');
    await voteOnQuestion(deps, PAT, SESSION, b.id, true);
    await voteOnQuestion(deps, RITA, SESSION, b.id, true);
    await voteOnQuestion(deps, PAT, SESSION, c.id, true);

    const placing = listener.mark();
    expect(await reorderQuestions(deps, FRAN, SESSION, { questionIds: [c.id, a.id] })).toEqual({ ordered: 2 });
    const positions = () => Object.fromEntries(questions.inSession(SESSION).map((q) => [q.id, q.position ?? null]));
    expect(positions()).toEqual({ [a.id]: 2, [b.id]: null, [c.id]: 1 });
    expect((await getQueue(deps, PAT, SESSION)).questions.map((q) => q.id)).toEqual([c.id, a.id, b.id]);
    expect(placing().map((change) => ({ ...change, questionIds: change.questionIds.sort() }))).toEqual([
      announced([a.id, c.id].sort()),
    ]);

    const clearing = listener.mark();
    await reorderQuestions(deps, FRAN, SESSION, { questionIds: [] });
    expect(positions()).toEqual({ [a.id]: null, [b.id]: null, [c.id]: null });
    expect((await getQueue(deps, PAT, SESSION)).questions.map((q) => q.id)).toEqual([b.id, c.id, a.id]);
    expect(clearing().map((change) => ({ ...change, questionIds: change.questionIds.sort() }))).toEqual([
      announced([a.id, c.id].sort()),
    ]);
  });

  it('refuses an order naming a question that is not waiting, or one twice, and changes nothing', async () => {
    const { deps, questions } = setup();
    const a = await ask(deps, PAT, 'A');
    const answered = await ask(deps, QUINN, 'Answered');
    await moderateQuestion(deps, FRAN, SESSION, answered.id, { action: 'answer' });
    const before = questions.inSession(SESSION);

    const notWaiting = await reorderQuestions(deps, FRAN, SESSION, { questionIds: [a.id, answered.id] }).catch(
      (e: unknown) => e,
    );
    expect((notWaiting as ValidationFailed).fields.map((f) => f.path)).toEqual(['questionIds.1']);
    const twice = await reorderQuestions(deps, FRAN, SESSION, { questionIds: [a.id, a.id] }).catch((e: unknown) => e);
    expect((twice as ValidationFailed).fields.map((f) => f.path)).toEqual(['questionIds']);
    expect(questions.inSession(SESSION)).toEqual(before);
  });

  it('is for hosts only', async () => {
    const { deps } = setup();
    await expect(reorderQuestions(deps, PAT, SESSION, { questionIds: [] })).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("carrying questions over to the cohort's next session (carryOverQuestions)", () => {
  /** An open question with two votes (pinned), a pending one, an answered one and a withdrawn one. */
  async function endOfSession(deps: QnaDeps) {
    const open = await ask(deps, PAT, 'Still open', { anonymous: true });
    await voteOnQuestion(deps, QUINN, SESSION, open.id, true);
    await voteOnQuestion(deps, RITA, SESSION, open.id, true);
    const answered = await ask(deps, QUINN, 'Answered already');
    await moderateQuestion(deps, FRAN, SESSION, answered.id, { action: 'answer' });
    const withdrawn = await ask(deps, RITA, 'Withdrawn');
    await withdrawQuestion(deps, RITA, SESSION, withdrawn.id);
    await setQueueSettings(deps, FRAN, SESSION, { moderated: true });
    const pending = await ask(deps, RITA, 'Waiting for approval');
    await moderateQuestion(deps, FRAN, SESSION, open.id, { action: 'pin' });
    return { open, answered, withdrawn, pending };
  }

  const nextSession = 'fireside-2'; // the cancelled fireside chat in between is skipped

  it('moves the unanswered questions with their votes to the next session, once', async () => {
    const { deps, questions, listener } = setup();
    const { open, pending } = await endOfSession(deps);
    const result = await carryOverQuestions(deps, FRAN, SESSION);
    expect(result).toEqual({
      carried: 2,
      toSessionId: nextSession,
      toSessionTitle: `Session ${nextSession}`,
      toSessionStartsAt: '2026-12-15T12:00:00.000Z',
    });

    const copies = questions.inSession(nextSession);
    expect(copies.map((q) => [q.id, q.state, q.votes, q.carriedFrom])).toEqual([
      [`${open.id}~${nextSession}`, 'open', 2, { sessionId: SESSION, questionId: open.id }],
      [`${pending.id}~${nextSession}`, 'pending', 0, { sessionId: SESSION, questionId: pending.id }],
    ]);
    const originals = questions.inSession(SESSION);
    expect(originals.filter((q) => q.state === 'carried-over').map((q) => [q.id, q.carriedTo?.sessionId])).toEqual([
      [open.id, nextSession],
      [pending.id, nextSession],
    ]);
    expect((await getQueue(deps, QUINN, SESSION)).nowAnswering).toBeNull();
    expect(listener.changes.slice(-2)).toEqual([
      announced([open.id, pending.id], true),
      announced(
        copies.map((q) => q.id),
        false,
        nextSession,
      ),
    ]);

    const again = await carryOverQuestions(deps, FRAN, SESSION);
    expect(again.carried).toBe(0);
    expect(questions.inSession(nextSession)).toHaveLength(2);
  });

  it('keeps the voters and the asker of a carried question: their votes and "mine" still hold there', async () => {
    const { deps } = setup();
    const { open } = await endOfSession(deps);
    await carryOverQuestions(deps, FRAN, SESSION);
    const copyId = `${open.id}~${nextSession}`;
    const asker = (await getQueue(deps, PAT, nextSession)).questions.find((q) => q.id === copyId);
    const voter = (await getQueue(deps, QUINN, nextSession)).questions.find((q) => q.id === copyId);
    expect(asker).toMatchObject({ mine: true, askedBy: null, votes: 2 });
    expect(voter).toMatchObject({ mine: false, votedByMe: true });
  });

  // Carried questions must land where Q&A is on, or nobody will see them there.
  it('skips a later session that has Q&A off, carrying to the next one that has it', async () => {
    const { deps, questions } = setup();
    await deps.sessions.create(aSession('workshop-between', '2026-12-02T12:00:00.000Z', { kind: 'workshop' }));
    const { open } = await endOfSession(deps);
    expect((await carryOverQuestions(deps, FRAN, SESSION)).toSessionId).toBe(nextSession);
    expect(questions.inSession('workshop-between')).toEqual([]);
    expect((await getQueue(deps, QUINN, nextSession)).questions.map((q) => q.id)).toEqual([
      `${open.id}~${nextSession}`,
    ]);
  });

  it('refuses when the cohort has no later session, changing and announcing nothing', async () => {
    const { deps, questions, listener } = setup();
    const last = nextSession;
    await askQuestion(deps, PAT, last, { text: 'Left over' });
    const before = questions.inSession(last);
    const announcements = listener.changes.length;
    await expect(carryOverQuestions(deps, FRAN, last)).rejects.toBeInstanceOf(Conflict);
    expect(questions.inSession(last)).toEqual(before);
    expect(listener.changes).toHaveLength(announcements);
  });

  it('is for hosts only', async () => {
    const { deps } = setup();
    await expect(carryOverQuestions(deps, PAT, SESSION)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('the CSV export (exportQuestionsCsv)', () => {
  it('gives hosts the queue named after the day, with anonymous askers as "Anonymous"', async () => {
    const { deps } = setup();
    await ask(deps, PAT, 'Secret?', { anonymous: true });
    const { filename, csv } = await exportQuestionsCsv(deps, FRAN, SESSION);
    expect(filename).toBe('questions-2026-12-01.csv');
    expect(csv).toContain('Secret?,Anonymous,open,0');
    expect(csv).not.toContain('Pat Peer');
    await expect(exportQuestionsCsv(deps, PAT, SESSION)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('what the writes hand to the live channel', () => {
  it('hands over the questions and queue exactly as written, so live clients never get a stale copy', async () => {
    const { deps, listener, clock } = setup();
    const a = await ask(deps, PAT, 'First', { anonymous: true });
    const b = await ask(deps, QUINN, 'Second');
    clock.advance(1000);
    await editQuestion(deps, PAT, SESSION, a.id, { text: 'First, reworded' });
    await voteOnQuestion(deps, RITA, SESSION, a.id, true);
    await voteOnQuestion(deps, QUINN, SESSION, a.id, true);
    await voteOnQuestion(deps, RITA, SESSION, a.id, false);
    await moderateQuestion(deps, FRAN, SESSION, a.id, { action: 'pin' });
    await moderateQuestion(deps, FRAN, SESSION, a.id, { action: 'answer', answer: 'Yes.' });
    await moderateQuestion(deps, FRAN, SESSION, a.id, { action: 'reopen' });
    await moderateQuestion(deps, FRAN, SESSION, b.id, { action: 'dismiss' });
    await moderateQuestion(deps, FRAN, SESSION, b.id, { action: 'restore' });
    await setQueueSettings(deps, FRAN, SESSION, { moderated: true });
    const c = await ask(deps, RITA, 'Third');
    await moderateQuestion(deps, FRAN, SESSION, c.id, { action: 'approve' });
    await reorderQuestions(deps, FRAN, SESSION, { questionIds: [c.id] });
    await answerNext(deps, FRAN, SESSION);
    await answerNext(deps, FRAN, SESSION);
    await withdrawQuestion(deps, QUINN, SESSION, b.id);
    await carryOverQuestions(deps, FRAN, SESSION);
    expect(listener.changes.length).toBeGreaterThanOrEqual(18);
    expect(listener.staleCopies).toEqual([]);
  });
});
