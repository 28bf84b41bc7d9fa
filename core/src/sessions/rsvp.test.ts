import { Conflict } from '../shared/errors';
import { applyCheckIn, applyRsvp } from './rsvp';
import { newSession, type Session } from './session';

const base = (fields: Partial<Session> = {}): Session =>
  newSession({
    tenantId: 't',
    id: 's',
    cohortId: 'c',
    programId: 'p',
    kind: 'learning-lunch',
    title: 'Lunch',
    startsAt: '2027-01-05T12:00:00.000Z',
    endsAt: '2027-01-05T13:00:00.000Z',
    timeZone: 'UTC',
    createdBy: 'f',
    createdAt: '2027-01-01T00:00:00.000Z',
    ...fields,
  });
const before = new Date('2027-01-04T10:00:00.000Z');

function answer(session: Session, userId: string, response: 'going' | 'maybe' | 'declined', at = before) {
  return applyRsvp(session, userId, response, at);
}

describe('RSVP', () => {
  it('seats people up to capacity, then waitlists them in order', () => {
    let session = base({ capacity: 2 });
    const outcomes = ['a', 'b', 'c', 'd'].map((user) => {
      const { next, result } = answer(session, user, 'going');
      session = next;
      return [user, result.status, result.waitlistPosition];
    });
    expect(outcomes).toEqual([
      ['a', 'going', null],
      ['b', 'going', null],
      ['c', 'waitlisted', 1],
      ['d', 'waitlisted', 2],
    ]);
  });

  it('gives a freed seat to the first person waiting and records a notice for them', () => {
    let session = base({ capacity: 1 });
    session = answer(session, 'a', 'going').next;
    session = answer(session, 'b', 'going').next;
    const { next, result } = answer(session, 'a', 'declined');
    expect(result.promoted).toEqual(['b']);
    expect(next.rsvps.b?.status).toBe('going');
    expect(next.waitlist).toEqual([]);
    expect(next.notices).toEqual([expect.objectContaining({ type: 'waitlist-promoted', userId: 'b' })]);
  });

  it('frees nobody when someone waiting gives up, and takes them off the list', () => {
    let session = base({ capacity: 1 });
    for (const user of ['a', 'b', 'c']) session = answer(session, user, 'going').next;
    const { next, result } = answer(session, 'b', 'maybe');
    expect(result.promoted).toEqual([]);
    expect(next.waitlist).toEqual(['c']);
  });

  it('treats "going" twice as one answer', () => {
    const once = answer(base({ capacity: 5 }), 'a', 'going').next;
    expect(answer(once, 'a', 'going').next).toBe(once);
  });

  it('refuses answers after RSVPs close, after the end, and for a cancelled session', () => {
    expect(() => answer(base({ rsvpClosesAt: '2027-01-04T09:00:00.000Z' }), 'a', 'going')).toThrow(Conflict);
    expect(() => answer(base(), 'a', 'going', new Date('2027-01-05T13:00:00.000Z'))).toThrow(/ended/);
    expect(() => answer(base({ status: 'cancelled' }), 'a', 'going')).toThrow(/cancelled/);
  });
});

describe('check-in', () => {
  it('opens 15 minutes before the start and closes at the end', () => {
    expect(() => applyCheckIn(base(), 'a', new Date('2027-01-05T11:44:00.000Z'))).toThrow(/opens 15 minutes/);
    expect(applyCheckIn(base(), 'a', new Date('2027-01-05T11:46:00.000Z')).next.attendance.a?.present).toBe(true);
    expect(() => applyCheckIn(base(), 'a', new Date('2027-01-05T13:01:00.000Z'))).toThrow(/closed/);
  });
});
