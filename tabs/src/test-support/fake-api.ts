import type {
  CohortDetail,
  CohortSummary,
  CreateCohortInput,
  ModerationAction,
  Person,
  QuestionView,
  QueueView,
  RsvpResponse,
  ScheduleSessionInput,
  SessionView,
} from '@peerloop/core';
import type { FetchLike } from '../platform/api-client';
import type { Persona } from '../platform/browser-session';
import type { PersonItem } from '../features/people/people-api';
import type { ProgramItem } from '../features/programs/programs-api';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
  /** The ETag of a conditional read. */
  readonly ifNoneMatch?: string;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An in-memory stand-in for the PeerLoop API, reached through its `fetch`. It records every request
 * and answers the routes the tab uses; `nextCreate` overrides the answer to the next POST /api/cohorts.
 */
export class FakePeerLoopApi {
  readonly requests: RecordedRequest[] = [];
  /** null: the API is not in dev mode, so /api/dev/personas answers 404. */
  personas: Persona[] | null = [
    { userId: 'u-ada', displayName: 'Ada Lovelace', title: 'Program owner' },
    { userId: 'u-linus', displayName: 'Linus Pauling', title: 'Engineer' },
  ];
  programs: ProgramItem[] = [
    { id: 'p-eng', name: 'Engineering circles', purpose: 'Peers learning together', canManage: true },
  ];
  people: PersonItem[] = [
    { id: 'u-grace', displayName: 'Grace Hopper', title: 'Staff engineer', level: 'Senior', function: 'Engineering' },
  ];
  cohorts: CohortSummary[] = [];
  /** Cohort homes (GET /api/cohorts/{id}); the members, agreement and leave routes change them. */
  cohortDetails: CohortDetail[] = [];
  /** The reader's profile (GET and PATCH /api/me/profile). */
  profile: Person = { tenantId: 't', id: 'u-ada', displayName: 'Ada Lovelace', title: '', level: '', function: '' };
  sessions: SessionView[] = [];
  /** What PeerLoop sends the reader (GET and PATCH /api/me/notifications; `quietHours: null` clears them). */
  notifications: Record<string, unknown> = { optedOut: false, weeklyDigest: false };
  /**
   * Q&A queues by session id, as their reader sees them (GET /api/sessions/{id}/questions, with an ETag and
   * 304 on If-None-Match); the ask, vote, edit, withdraw and host routes change them. There is no live
   * connection (/questions/connection answers 404), so the tab polls.
   */
  queues = new Map<string, QueueView>();
  nextCreate: Reply | null = null;
  /** Answers for the next request to `METHOD /api/path` (e.g. `POST /api/sessions/s-1/check-in`). */
  private readonly nextReplies = new Map<string, Reply>();
  /** Paths whose next request fails as if the network were down. */
  private readonly unreachable = new Set<string>();

  /** Answers the next `METHOD /api/path` request with `reply` instead of the fake's own logic. */
  answerNext(route: string, reply: Reply): void {
    this.nextReplies.set(route, reply);
  }

  /** Makes the next request to `path` fail with a network error. */
  failNextRequestTo(path: string): void {
    this.unreachable.add(path);
  }

  readonly fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input, 'http://tab.test');
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({
      method,
      url: url.pathname + url.search,
      authorization: headers['Authorization'],
      body,
      ...(headers['If-None-Match'] ? { ifNoneMatch: headers['If-None-Match'] } : {}),
    });
    if (this.unreachable.delete(url.pathname)) throw new TypeError('Failed to fetch');
    const route = `${method} ${url.pathname}`;
    const reply = this.nextReplies.get(route);
    this.nextReplies.delete(route);
    if (reply) return toResponse(reply);
    if (/^\/api\/sessions\/[^/]+\/questions/.test(url.pathname)) {
      return toResponse(this.routeQuestions(method, url, body, headers));
    }
    return toResponse(this.route(method, url, body, headers['Authorization']));
  };

  /** The Q&A routes, against `queues`; every change bumps the question's and the queue's revision. */
  private routeQuestions(method: string, url: URL, body: unknown, headers: Record<string, string>): Reply {
    const [, , , sessionId = '', , questionId, action] = url.pathname.split('/');
    const queue = this.queues.get(sessionId);
    if (!queue) return notFound();
    const userId = (headers['Authorization'] ?? '').replace(/^Bearer dev:/, '');
    const save = (next: QueueView) => this.queues.set(sessionId, { ...next, revision: next.revision + 1 });
    const all = () => [...queue.questions, ...queue.archive];
    const put = (question: QuestionView) => {
      const others = all().filter((q) => q.id !== question.id);
      const live = [...others, question].filter((q) => q.state === 'open' || q.state === 'pending');
      const archive = [...others, question].filter((q) => q.state !== 'open' && q.state !== 'pending');
      save({ ...queue, questions: live, archive });
      return question;
    };
    const found = questionId ? all().find((q) => q.id === questionId) : undefined;
    const changed = (question: QuestionView, fields: Partial<QuestionView>) =>
      put({ ...question, ...fields, revision: question.revision + 1, updatedAt: new Date().toISOString() });

    if (method === 'GET' && questionId === undefined) {
      const etag = `"${queue.revision}"`;
      if (headers['If-None-Match'] === etag) return { status: 304, headers: { ETag: etag } };
      return { status: 200, body: queue, headers: { ETag: etag } };
    }
    if (method === 'GET' && questionId === 'connection') return notFound();
    if (method === 'GET' && questionId === 'export') return { status: 200, body: 'question,asked by\r\n' };
    if (method === 'POST' && questionId === undefined) {
      const input = body as { text: string; anonymous: boolean };
      const asker = this.personas?.find((p) => p.userId === userId)?.displayName ?? userId;
      const question = aQuestion({
        id: `q-${all().length + 1}`,
        sessionId,
        text: input.text,
        anonymous: input.anonymous,
        askedBy: input.anonymous ? null : asker,
        state: queue.moderated && queue.role !== 'host' ? 'pending' : 'open',
        createdAt: new Date().toISOString(),
        mine: true,
        canEdit: true,
      });
      return { status: 201, body: put(question) };
    }
    if (method === 'PUT' && questionId === 'settings') {
      save({ ...queue, moderated: (body as { moderated: boolean }).moderated });
      return { status: 200, body };
    }
    if (method === 'PUT' && questionId === 'order') {
      const ids = (body as { questionIds: string[] }).questionIds;
      const reorder = (q: QuestionView) => ({ ...q, position: ids.includes(q.id) ? ids.indexOf(q.id) + 1 : null });
      save({ ...queue, questions: queue.questions.map(reorder) });
      return { status: 200, body: { ordered: ids.length } };
    }
    if (method === 'POST' && questionId === 'next') {
      const top = queue.questions.find((q) => q.state === 'open' && q.id !== queue.nowAnswering) ?? null;
      save({ ...queue, nowAnswering: top?.id ?? null });
      return { status: 200, body: { question: top && { ...top, pinned: true } } };
    }
    if (!found) return notFound();
    if (method === 'PATCH' && action === undefined) {
      return { status: 200, body: changed(found, { text: (body as { text: string }).text }) };
    }
    if (method === 'DELETE' && action === undefined) {
      save({ ...queue, questions: queue.questions.filter((q) => q.id !== found.id) });
      return { status: 200, body: { withdrawn: true } };
    }
    if (action === 'vote' && (method === 'PUT' || method === 'DELETE')) {
      const on = method === 'PUT';
      if (found.votedByMe === on) return { status: 200, body: found };
      return { status: 200, body: changed(found, { votedByMe: on, votes: found.votes + (on ? 1 : -1) }) };
    }
    if (method === 'POST' && action === 'moderation') {
      const { action: act, answer } = body as { action: ModerationAction; answer?: string };
      if (act === 'pin' || act === 'unpin') {
        save({ ...queue, nowAnswering: act === 'pin' ? found.id : null });
        return { status: 200, body: { ...found, pinned: act === 'pin' } };
      }
      const state = (
        { approve: 'open', restore: 'open', reopen: 'open', dismiss: 'dismissed', answer: 'answered' } as const
      )[act];
      const written = answer
        ? { text: answer, answeredBy: 'Ada Lovelace', at: new Date().toISOString() }
        : found.answer;
      return { status: 200, body: changed(found, { state, answer: act === 'answer' ? written : found.answer }) };
    }
    return notFound();
  }

  private route(method: string, url: URL, body: unknown, authorization = ''): Reply {
    const route = `${method} ${url.pathname}`;
    const userId = authorization.replace(/^Bearer dev:/, '');
    if (route === 'GET /api/me') {
      const person = this.personas?.find((p) => p.userId === userId);
      return { status: 200, body: { tenantId: 't', userId, displayName: person?.displayName ?? userId } };
    }
    if (url.pathname.startsWith('/api/sessions')) return this.routeSession(method, url, body);
    if (url.pathname.startsWith('/api/cohorts/')) return this.routeCohort(method, url, body, userId);
    if (route === 'GET /api/me/profile') return { status: 200, body: { ...this.profile, exists: true } };
    if (route === 'PATCH /api/me/profile') {
      this.profile = { ...this.profile, ...(body as Partial<Person>) };
      return { status: 200, body: this.profile };
    }
    if (route === 'GET /api/me/notifications') return { status: 200, body: this.notifications };
    if (route === 'PATCH /api/me/notifications') {
      const change = body as Record<string, unknown>;
      const next = { ...this.notifications, ...change };
      if (change.quietHours === null) delete next.quietHours;
      this.notifications = next;
      return { status: 200, body: next };
    }
    if (route === 'GET /api/dev/personas') {
      return this.personas ? { status: 200, body: { personas: this.personas } } : notFound();
    }
    if (route === 'GET /api/programs') return { status: 200, body: { items: this.programs } };
    if (route === 'GET /api/people') return { status: 200, body: { items: this.people } };
    if (route === 'GET /api/cohorts') {
      const programId = url.searchParams.get('programId');
      return { status: 200, body: { items: this.cohorts.filter((c) => !programId || c.programId === programId) } };
    }
    if (route === 'POST /api/cohorts') return this.create(body as CreateCohortInput);
    return notFound();
  }

  private routeSession(method: string, url: URL, body: unknown): Reply {
    const [, , , id, action] = url.pathname.split('/');
    if (id === undefined) {
      if (method === 'POST') return this.schedule(body as ScheduleSessionInput);
      const from = Date.parse(url.searchParams.get('from') ?? '');
      const to = Date.parse(url.searchParams.get('to') ?? '');
      const items = this.sessions.filter((s) => Date.parse(s.startsAt) >= from && Date.parse(s.startsAt) < to);
      return { status: 200, body: { items } };
    }
    const index = this.sessions.findIndex((s) => s.id === id);
    const session = this.sessions[index];
    if (!session) return notFound();
    if (method === 'GET' && action === undefined) return { status: 200, body: session };
    if (method === 'GET' && action === 'ics') return { status: 200, body: 'BEGIN:VCALENDAR' };
    if (method === 'PATCH' && action === undefined) {
      const { changes } = body as { changes: { details?: SessionView['details'] } };
      this.sessions[index] = { ...session, details: { ...session.details, ...changes.details } };
      return { status: 200, body: { updated: 1 } };
    }
    if (method === 'PUT' && action === 'rsvp') {
      const { response } = body as { response: RsvpResponse };
      const full = response === 'going' && session.capacity !== undefined && session.seatsTaken >= session.capacity;
      const next: SessionView = {
        ...session,
        myRsvp: full ? 'waitlisted' : response,
        seatsTaken: session.seatsTaken + (response === 'going' && !full ? 1 : 0),
        waitlistLength: session.waitlistLength + (full ? 1 : 0),
        myWaitlistPosition: full ? session.waitlistLength + 1 : null,
      };
      this.sessions[index] = next;
      const result = { seatsTaken: next.seatsTaken, waitlistPosition: next.myWaitlistPosition };
      return { status: 200, body: { status: next.myRsvp, promoted: [], ...result } };
    }
    if (method === 'POST' && action === 'check-in') {
      this.sessions[index] = { ...session, checkedIn: true };
      return { status: 200, body: { checkedInAt: new Date().toISOString() } };
    }
    return notFound();
  }

  private routeCohort(method: string, url: URL, body: unknown, userId: string): Reply {
    const [, , , id, action, memberId, memberAction] = url.pathname.split('/');
    const index = this.cohortDetails.findIndex((c) => c.id === id);
    const cohort = this.cohortDetails[index];
    if (!cohort) return notFound();
    const save = (next: CohortDetail, reply: unknown) => {
      this.cohortDetails[index] = next;
      return { status: 200, body: reply };
    };
    if (method === 'GET' && action === undefined) return { status: 200, body: cohort };
    if (method === 'POST' && action === 'agreements') {
      return save({ ...cohort, myAgreementsAccepted: true }, { accepted: true });
    }
    if (method === 'POST' && action === 'members' && memberId === undefined) {
      const input = body as { userId?: string; role?: CohortDetail['members'][number]['role'] };
      const personId = input.userId ?? userId;
      const displayName = this.people.find((p) => p.id === personId)?.displayName ?? personId;
      const member = {
        userId: personId,
        displayName,
        role: input.role ?? 'member',
        joinedAt: new Date().toISOString(),
      };
      return save(
        {
          ...cohort,
          members: [...cohort.members, { ...member, acceptedCurrentAgreements: false }],
          myRole: personId === userId ? member.role : cohort.myRole,
        },
        { member, alreadyMember: false },
      );
    }
    if (method === 'POST' && action === 'members' && memberAction === 'leave') {
      const members = cohort.members.filter((m) => m.userId !== memberId);
      return save({ ...cohort, members, myRole: memberId === userId ? null : cohort.myRole }, { left: true });
    }
    return notFound();
  }

  private schedule(input: ScheduleSessionInput): Reply {
    const startsAt = new Date(`${input.startLocal}:00Z`).toISOString();
    const first = aSession({
      id: `s-${this.sessions.length + 1}`,
      cohortId: input.cohortId,
      kind: input.kind,
      title: input.title,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + input.durationMinutes * 60_000).toISOString(),
      timeZone: input.timeZone,
      capacity: input.capacity,
    });
    this.sessions.push(first);
    return { status: 201, body: { created: 1, seriesId: null, first } };
  }

  private create(input: CreateCohortInput): Reply {
    if (this.nextCreate) {
      const reply = this.nextCreate;
      this.nextCreate = null;
      return reply;
    }
    const facilitator = this.people.find((p) => p.id === input.facilitatorId);
    const cohort = aCohort({
      id: `c-${this.cohorts.length + 1}`,
      programId: input.programId,
      name: input.name,
      purpose: input.purpose,
      commonThreads: input.commonThreads ?? {},
      facilitators: facilitator ? [{ userId: facilitator.id, displayName: facilitator.displayName }] : [],
      memberCount: 1,
      nextSession: null,
    });
    this.cohorts.push(cohort);
    return { status: 201, body: cohort };
  }
}

/** A cohort summary with sensible defaults; override what the test is about. */
export function aCohort(overrides: Partial<CohortSummary> = {}): CohortSummary {
  return {
    id: 'c-1',
    programId: 'p-eng',
    name: 'New managers circle',
    purpose: 'Share what works in a first year of managing',
    kind: 'peer-learning-group',
    commonThreads: { level: 'Manager', function: 'Engineering' },
    status: 'active',
    facilitators: [{ userId: 'u-grace', displayName: 'Grace Hopper' }],
    memberCount: 8,
    nextSession: null,
    ...overrides,
  };
}

/** A cohort home as its facilitator sees it, with sensible defaults; override what the test is about. */
export function aCohortDetail(overrides: Partial<CohortDetail> = {}): CohortDetail {
  return {
    ...aCohort(),
    capacity: 10,
    joinPolicy: 'invitation',
    members: [
      {
        userId: 'u-grace',
        displayName: 'Grace Hopper',
        role: 'facilitator',
        joinedAt: '2031-01-05T09:00:00.000Z',
        acceptedCurrentAgreements: true,
      },
    ],
    myRole: 'facilitator',
    myAgreementsAccepted: true,
    invited: false,
    agreements: {
      codeOfConduct: { version: 2, text: 'Be curious and kind.' },
      confidentiality: { version: 1, text: 'What is said here stays here.' },
    },
    canManage: true,
    departures: [],
    ...overrides,
  };
}

/** A session as the calendar lists it, with sensible defaults; override what the test is about. */
export function aSession(overrides: Partial<SessionView> = {}): SessionView {
  return {
    id: 's-1',
    cohortId: 'c-1',
    programId: 'p-eng',
    kind: 'learning-lunch',
    title: 'Giving feedback that lands',
    presenters: [],
    startsAt: '2031-03-04T12:30:00.000Z',
    endsAt: '2031-03-04T13:30:00.000Z',
    timeZone: 'Europe/London',
    status: 'scheduled',
    details: {},
    seatsTaken: 0,
    waitlistLength: 0,
    myRsvp: null,
    myWaitlistPosition: null,
    checkedIn: false,
    canManage: false,
    ...overrides,
  };
}

/** A question as its reader sees it, with sensible defaults; override what the test is about. */
export function aQuestion(overrides: Partial<QuestionView> = {}): QuestionView {
  return {
    id: 'q-1',
    sessionId: 's-1',
    text: 'How did you decide what to automate first?',
    anonymous: false,
    askedBy: 'Grace Hopper',
    state: 'open',
    votes: 0,
    pinned: false,
    position: null,
    answer: null,
    carriedFrom: null,
    carriedTo: null,
    createdAt: '2031-03-04T12:35:00.000Z',
    updatedAt: '2031-03-04T12:35:00.000Z',
    revision: 1,
    votedByMe: false,
    mine: false,
    canEdit: false,
    ...overrides,
  };
}

/** A session's Q&A queue as a participant sees it, empty by default; override what the test is about. */
export function aQueue(overrides: Partial<QueueView> = {}): QueueView {
  return {
    sessionId: 's-1',
    sessionTitle: 'Fireside chat: the outage that taught us the most',
    sessionStartsAt: '2031-03-04T12:30:00.000Z',
    sessionEndsAt: '2031-03-04T13:30:00.000Z',
    enabled: true,
    moderated: false,
    nowAnswering: null,
    role: 'participant',
    canAsk: true,
    questions: [],
    archive: [],
    revision: 1,
    queueRevision: 0,
    ...overrides,
  };
}

function notFound(): Reply {
  return { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } };
}

function toResponse({ status, body, headers = {} }: Reply): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: new Headers(headers),
    json: async () => body,
    blob: async () => new Blob([String(body)], { type: 'text/calendar' }),
  } as Response;
}
