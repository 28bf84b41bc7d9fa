import type { SessionView } from '@peerloop/core';
import { sessionsCard, type SessionsCardOptions } from './sessions-card';

const NOW = new Date('2026-11-30T09:00:00Z');

/** A session as the reader sees it; fields overridden per test. */
function aSession(fields: Partial<SessionView> = {}): SessionView {
  return {
    id: 'lunch-1',
    cohortId: 'c1',
    programId: 'p1',
    kind: 'learning-lunch',
    title: 'Learning lunch: PowerShell',
    presenters: [],
    startsAt: '2026-12-01T12:30:00.000Z',
    endsAt: '2026-12-01T13:30:00.000Z',
    timeZone: 'Europe/London',
    status: 'scheduled',
    details: {},
    capacity: 12,
    seatsTaken: 3,
    waitlistLength: 0,
    myRsvp: null,
    myWaitlistPosition: null,
    checkedIn: false,
    canManage: false,
    ...fields,
  };
}

const forReader: SessionsCardOptions = { audience: 'reader', now: NOW };
const json = (card: unknown) => JSON.stringify(card);

describe('the upcoming sessions card', () => {
  const longTitle = '[Join now](https://evil.example) **free pizza** '.repeat(3).slice(0, 120);
  const eight = Array.from({ length: 8 }, (_, i) =>
    aSession({ id: `session-${'x'.repeat(90)}-${i}`, title: longTitle, description: 'd'.repeat(2000) }),
  );

  it('stays well under the 28 KB Teams allows for a message, with 8 sessions with long titles', () => {
    const card = sessionsCard(eight, 'Coming up in the next 30 days', { ...forReader, refreshUserIds: ['29:sam'] });
    expect(Buffer.byteLength(json(card))).toBeLessThan(28 * 1024);
  });

  it('carries titles only in TextRuns, which Teams shows literally (no markdown, no links)', () => {
    const card = json(sessionsCard(eight, 'Coming up', forReader));
    const textBlocks = [...card.matchAll(/"type":"TextBlock","text":"([^"]*)"/g)].map((m) => m[1]);
    for (const text of textBlocks) expect(text).not.toContain('evil.example');
    expect(card.split(`"type":"TextRun","text":${JSON.stringify(longTitle)}`)).toHaveLength(9);
  });

  it("shows kind and start in the reader's own time zone via the card's date functions", () => {
    expect(json(sessionsCard([aSession()], 'Coming up', forReader))).toContain(
      'Learning lunch · {{DATE(2026-12-01T12:30:00Z, SHORT)}} {{TIME(2026-12-01T12:30:00Z)}}',
    );
  });

  it("offers Going, Maybe and Can't go as Universal Actions naming the session and the answer", () => {
    const card = sessionsCard([aSession()], 'Coming up', forReader);
    const actionSet = json(card.body).match(/"type":"ActionSet","actions":(\[.*?\])}/)![1]!;
    expect(JSON.parse(actionSet)).toEqual([
      { type: 'Action.Execute', title: 'Going', verb: 'rsvp', data: { sessionId: 'lunch-1', response: 'going' } },
      { type: 'Action.Execute', title: 'Maybe', verb: 'rsvp', data: { sessionId: 'lunch-1', response: 'maybe' } },
      {
        type: 'Action.Execute',
        title: "Can't go",
        verb: 'rsvp',
        data: { sessionId: 'lunch-1', response: 'declined' },
      },
    ]);
    expect(card.version).toBe('1.5');
  });

  it("states seats and the reader's own answer, marking the chosen button", () => {
    const going = json(sessionsCard([aSession({ myRsvp: 'going', seatsTaken: 4 })], 'Coming up', forReader));
    expect(going).toContain('Seats: 4 of 12 taken');
    expect(going).toContain("You're going");
    expect(going).toContain(
      '"title":"Going","verb":"rsvp","data":{"sessionId":"lunch-1","response":"going"},"style":"positive"',
    );

    const waiting = json(
      sessionsCard(
        [aSession({ myRsvp: 'waitlisted', myWaitlistPosition: 3, seatsTaken: 12, waitlistLength: 3 })],
        'Coming up',
        forReader,
      ),
    );
    expect(waiting).toContain('Seats: 12 of 12 taken · 3 on the waitlist');
    expect(waiting).toContain("You're on the waitlist (#3)");

    const open = json(sessionsCard([aSession({ capacity: undefined, seatsTaken: 5 })], 'Coming up', forReader));
    expect(open).toContain('5 going');
    expect(open).toContain("You haven't answered yet");
  });

  it("shows nobody's answers on the card a whole chat sees first, and refreshes it for every viewer", () => {
    const card = sessionsCard([aSession({ myRsvp: 'going' })], 'Coming up', { audience: 'everyone', now: NOW });
    expect(json(card)).not.toContain("You're going");
    expect(json(card)).not.toContain('positive');
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: 'refresh' } });
  });

  it('refreshes automatically for the listed people only, when given', () => {
    const card = sessionsCard([aSession()], 'Coming up', { ...forReader, refreshUserIds: ['29:sam'] });
    expect(card.refresh).toMatchObject({ userIds: ['29:sam'] });
  });

  it('offers no buttons on a cancelled session or once RSVPs closed', () => {
    const card = json(
      sessionsCard(
        [aSession({ status: 'cancelled' }), aSession({ id: 'closed', rsvpClosesAt: '2026-11-30T08:00:00.000Z' })],
        'Coming up',
        forReader,
      ),
    );
    expect(card).not.toContain('Action.Execute","title":"Going');
    expect(card).toContain('Cancelled');
    expect(card).toContain('RSVPs are closed');
  });

  it('shows why a click changed nothing beside that session, literally', () => {
    const card = json(
      sessionsCard([aSession()], 'Coming up', {
        ...forReader,
        notice: { sessionId: 'lunch-1', message: 'Your answer was not saved: only members of "**Club**" can answer.' },
      }),
    );
    expect(card).toContain(
      '"type":"TextRun","text":"Your answer was not saved: only members of \\"**Club**\\" can answer.","color":"Attention"',
    );
  });
});
