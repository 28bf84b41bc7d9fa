import { newSession } from '../sessions/session.js';
import { sessionRefusal } from './dispatcher.js';
import { newDelivery } from './delivery.js';
import { attendeesOf, dueLead } from './planner.js';

const start = '2026-12-02T12:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('which reminder is due', () => {
  const leads = [1440, 15];

  it('none before the first lead', () => {
    expect(dueLead(leads, start, at('2026-12-01T11:59:00Z'))).toBeNull();
  });
  it('the 24-hour one from 24 hours before, also when a tick was missed and it is late', () => {
    expect(dueLead(leads, start, at('2026-12-01T12:00:00Z'))).toBe(1440);
    expect(dueLead(leads, start, at('2026-12-02T08:00:00Z'))).toBe(1440);
  });
  it('only the closest to the start once several are due (someone answering late gets the 15-minute one)', () => {
    expect(dueLead(leads, start, at('2026-12-02T11:50:00Z'))).toBe(15);
  });
  it('none once the session started', () => {
    expect(dueLead(leads, start, at('2026-12-02T12:00:00Z'))).toBeNull();
  });
});

describe('who a session reminder is for, and when it no longer goes', () => {
  const session = newSession({
    tenantId: 't',
    id: 's',
    cohortId: 'c',
    programId: 'p',
    kind: 'learning-lunch',
    title: 'Lunch',
    startsAt: start,
    endsAt: '2026-12-02T13:00:00.000Z',
    timeZone: 'UTC',
    createdBy: 'f',
    createdAt: '2026-11-01T00:00:00.000Z',
    presenters: [{ userId: 'pia', displayName: 'Pia' }],
    rsvps: {
      going: { status: 'going', respondedAt: start },
      maybe: { status: 'maybe', respondedAt: start },
      declined: { status: 'declined', respondedAt: start },
      waiting: { status: 'waitlisted', respondedAt: start },
    },
  });
  const delivery = (kind: Parameters<typeof newDelivery>[0]['kind'], recipientId: string, startsAt = start) =>
    newDelivery(
      {
        tenantId: 't',
        id: 'd',
        subjectId: 's',
        kind,
        recipientId,
        dueAt: start,
        expiresAt: start,
        sessionId: 's',
        sessionStartsAt: startsAt,
      },
      new Date(start),
    );

  it('reminders go to those going or maybe', () => {
    expect(attendeesOf(session).sort()).toEqual(['going', 'maybe']);
  });

  it('a reminder is refused for a cancelled or moved session and for someone no longer attending', () => {
    expect(sessionRefusal(delivery('session-reminder', 'going'), session)).toBeNull();
    expect(sessionRefusal(delivery('session-reminder', 'declined'), session)).toBe('not-attending');
    expect(sessionRefusal(delivery('session-reminder', 'going', '2026-12-02T11:00:00.000Z'), session)).toBe(
      'session-moved',
    );
    expect(sessionRefusal(delivery('session-reminder', 'going'), { ...session, status: 'cancelled' })).toBe(
      'session-cancelled',
    );
    expect(sessionRefusal(delivery('session-reminder', 'going'), null)).toBe('session-cancelled');
    expect(sessionRefusal(delivery('presenter-reminder', 'pia'), session)).toBeNull();
    expect(sessionRefusal(delivery('presenter-reminder', 'going'), session)).toBe('not-attending');
  });

  it('a cancellation always goes; a promotion only while the seat is still theirs', () => {
    expect(sessionRefusal(delivery('session-cancelled', 'going'), { ...session, status: 'cancelled' })).toBeNull();
    expect(sessionRefusal(delivery('waitlist-promoted', 'going'), session)).toBeNull();
    expect(sessionRefusal(delivery('waitlist-promoted', 'maybe'), session)).toBe('not-attending');
  });
});
