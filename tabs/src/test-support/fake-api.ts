import type { CohortSummary, CreateCohortInput } from '@peerloop/core';
import type { FetchLike } from '../platform/api-client';
import type { Persona } from '../platform/browser-session';
import type { PersonItem } from '../features/people/people-api';
import type { ProgramItem } from '../features/programs/programs-api';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
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
  nextCreate: Reply | null = null;
  /** Paths whose next request fails as if the network were down. */
  private readonly unreachable = new Set<string>();

  /** Makes the next request to `path` fail with a network error. */
  failNextRequestTo(path: string): void {
    this.unreachable.add(path);
  }

  readonly fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input, 'http://tab.test');
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, url: url.pathname + url.search, authorization: headers['Authorization'], body });
    if (this.unreachable.delete(url.pathname)) throw new TypeError('Failed to fetch');
    return toResponse(this.route(method, url, body));
  };

  private route(method: string, url: URL, body: unknown): Reply {
    const route = `${method} ${url.pathname}`;
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

function notFound(): Reply {
  return { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } };
}

function toResponse({ status, body }: Reply): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => body,
  } as Response;
}
