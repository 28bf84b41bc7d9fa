import type { Cohort, CohortRepository } from '../cohorts/cohort';
import type { PersonRepository } from '../people/person';
import type { Program, ProgramRepository } from '../programs/program';
import { Conflict, Forbidden } from '../shared/errors';
import { newSession, type Session, type SessionRepository } from '../sessions/session';
import {
  DirectoryNotConfigured,
  UserAssertion,
  type MeetingScheduler,
  type TeamsMeeting,
  type TeamsMeetingRequest,
} from './directory';
import { createTeamsMeetingForSession, type TeamsMeetingDeps } from './teams-meeting';

// Fakes implement the ports; the Graph adapter is proven against a stand-in in tests/integration/graph.test.ts.
class FakeSessions implements SessionRepository {
  constructor(readonly stored: Session[]) {}
  async create(session: Session) {
    this.stored.push(session);
  }
  async createMany() {}
  async get(tenantId: string, id: string) {
    return this.stored.find((s) => s.tenantId === tenantId && s.id === id) ?? null;
  }
  async listByMeeting() {
    return [];
  }
  async list() {
    return [];
  }
  async update<T>(tenantId: string, id: string, change: (current: Session) => { next: Session; result: T }) {
    const index = this.stored.findIndex((s) => s.tenantId === tenantId && s.id === id);
    const { next, result } = change(this.stored[index]!);
    this.stored[index] = next;
    return result;
  }
  async nextByCohort() {
    return new Map();
  }
}

class FakeMeetings implements MeetingScheduler {
  readonly requests: TeamsMeetingRequest[] = [];
  lookups = 0;
  constructor(private chatId: string | null = '19:meeting_abc@thread.v2') {}
  findable(chatId: string) {
    this.chatId = chatId;
  }
  async createTeamsMeeting(_assertion: UserAssertion, request: TeamsMeetingRequest): Promise<TeamsMeeting> {
    this.requests.push(request);
    return { eventId: 'event-1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc', chatId: this.chatId };
  }
  async meetingChatId() {
    this.lookups += 1;
    return this.chatId;
  }
}

const T = 'tenant-1';
const now = new Date('2026-12-01T09:00:00Z');
const cohort: Cohort = {
  tenantId: T,
  id: 'c-1',
  programId: 'p-1',
  name: 'New Admins Circle',
  purpose: 'Compare notes',
  kind: 'peer-learning-group',
  commonThreads: {},
  status: 'active',
  members: [
    { userId: 'u-fac', displayName: 'Fatima', role: 'facilitator', joinedAt: now.toISOString() },
    { userId: 'u-mem', displayName: 'Sam', role: 'member', joinedAt: now.toISOString() },
  ],
  createdBy: 'u-owner',
  createdAt: now.toISOString(),
};
const program = { tenantId: T, id: 'p-1', ownerIds: ['u-owner'] } as unknown as Program;
const lunch = newSession({
  tenantId: T,
  id: 's-1',
  cohortId: 'c-1',
  programId: 'p-1',
  kind: 'learning-lunch',
  title: 'PowerShell habits',
  topic: 'Automating the boring parts',
  startsAt: '2026-12-03T12:00:00.000Z',
  endsAt: '2026-12-03T13:00:00.000Z',
  timeZone: 'Europe/London',
  location: 'Room 4.12',
  createdBy: 'u-fac',
  createdAt: now.toISOString(),
});

function deps(
  meetings: MeetingScheduler | null,
  sessions = new FakeSessions([lunch]),
): TeamsMeetingDeps & {
  sessions: FakeSessions;
} {
  return {
    sessions,
    cohorts: {
      get: async (_t: string, id: string) => (id === cohort.id ? cohort : null),
    } as unknown as CohortRepository,
    programs: { get: async () => program } as unknown as ProgramRepository,
    people: {} as PersonRepository,
    clock: { now: () => now },
    ids: { newId: () => 'id' },
    meetings,
  };
}
const as = (userId: string) => ({ tenantId: T, userId });
const assertion = new UserAssertion(T, 'sso-token');

describe('creating the Teams meeting for a session', () => {
  it("creates the event from the session's title, times and zone, and binds the meeting chat", async () => {
    const meetings = new FakeMeetings();
    const d = deps(meetings);
    const outcome = await createTeamsMeetingForSession(d, as('u-fac'), assertion, 's-1');
    expect(meetings.requests).toEqual([
      {
        subject: 'PowerShell habits',
        startsAt: '2026-12-03T12:00:00.000Z',
        endsAt: '2026-12-03T13:00:00.000Z',
        timeZone: 'Europe/London',
        body: 'Automating the boring parts\n\nScheduled in PeerLoop.',
        location: 'Room 4.12',
        idempotencyKey: 'tenant-1/s-1',
      },
    ]);
    expect(outcome.meeting).toEqual({
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
      chatId: '19:meeting_abc@thread.v2',
      eventId: 'event-1',
      created: true,
    });
    expect(outcome.session.meetingUrl).toBe('https://teams.microsoft.com/l/meetup-join/abc');
    expect(d.sessions.stored[0]).toMatchObject({
      meeting: { chatId: '19:meeting_abc@thread.v2', boundBy: 'u-fac' },
      outlookEvent: { id: 'event-1', organizerId: 'u-fac' },
    });
  });

  it('answers the existing meeting the second time, creating nothing', async () => {
    const meetings = new FakeMeetings();
    const d = deps(meetings);
    await createTeamsMeetingForSession(d, as('u-fac'), assertion, 's-1');
    const again = await createTeamsMeetingForSession(d, as('u-owner'), assertion, 's-1');
    expect(meetings.requests).toHaveLength(1);
    expect(again.meeting).toMatchObject({ eventId: 'event-1', chatId: '19:meeting_abc@thread.v2', created: false });
  });

  it('only looks the chat up again when the event exists but its chat was not findable yet', async () => {
    const meetings = new FakeMeetings(null);
    const d = deps(meetings);
    const first = await createTeamsMeetingForSession(d, as('u-fac'), assertion, 's-1');
    expect(first.meeting).toMatchObject({ chatId: null, eventId: 'event-1', created: true });
    expect(d.sessions.stored[0]!.meeting).toBeUndefined();

    meetings.findable('19:meeting_late@thread.v2');
    const second = await createTeamsMeetingForSession(d, as('u-fac'), assertion, 's-1');
    expect(meetings.requests).toHaveLength(1);
    expect(meetings.lookups).toBe(1);
    expect(second.meeting).toMatchObject({ chatId: '19:meeting_late@thread.v2', eventId: 'event-1', created: false });
    expect(d.sessions.stored[0]!.meeting?.chatId).toBe('19:meeting_late@thread.v2');
  });

  it('refuses members, sessions that are cancelled or over, and a PeerLoop without Microsoft Graph', async () => {
    const meetings = new FakeMeetings();
    await expect(createTeamsMeetingForSession(deps(meetings), as('u-mem'), assertion, 's-1')).rejects.toThrow(
      Forbidden,
    );
    const cancelled = new FakeSessions([{ ...lunch, status: 'cancelled' }]);
    await expect(
      createTeamsMeetingForSession(deps(meetings, cancelled), as('u-fac'), assertion, 's-1'),
    ).rejects.toThrow(Conflict);
    const over = new FakeSessions([{ ...lunch, endsAt: '2026-11-30T13:00:00.000Z' }]);
    await expect(createTeamsMeetingForSession(deps(meetings, over), as('u-fac'), assertion, 's-1')).rejects.toThrow(
      'has ended',
    );
    await expect(createTeamsMeetingForSession(deps(null), as('u-fac'), assertion, 's-1')).rejects.toThrow(
      DirectoryNotConfigured,
    );
    expect(meetings.requests).toEqual([]);
  });
});
