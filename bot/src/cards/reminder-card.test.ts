import type { DeliveryMessage, ReminderSessionView } from '@peerloop/core';
import { reminderCard, leadText, reminderSummary } from './reminder-card.js';
import { reminderDigestCard } from './reminder-digest-card.js';

const session: ReminderSessionView = {
  id: 's1',
  title: 'Lunch: [click](http://evil.example) **now**',
  kind: 'learning-lunch',
  startsAt: '2026-12-02T12:00:00.000Z',
  endsAt: '2026-12-02T13:00:00.000Z',
  timeZone: 'Europe/London',
  location: 'Room <b>4</b>',
  meetingUrl: 'https://teams.microsoft.com/l/meetup-join/x',
  status: 'scheduled',
  presenters: [{ userId: 'p', displayName: 'Pia Presenter' }],
  myRsvp: 'going',
  seatsTaken: 3,
};
const delivery = { tenantId: 't', subjectId: 's1', id: 'reminder.s1.20261202T1200Z.1440m.u' };
type SessionMessage = Extract<DeliveryMessage, { session: ReminderSessionView }>;
const message = (fields: Partial<SessionMessage> = {}): SessionMessage => ({
  kind: 'session-reminder',
  delivery,
  session,
  minutesBefore: 1440,
  recipientTeamsId: '29:u',
  ...fields,
});

function titles(card: unknown): string[] {
  const text = JSON.stringify(card);
  return [...text.matchAll(/"type":"Action\.(?:Execute|OpenUrl)","title":"([^"]+)"/g)].map((m) => m[1]!);
}

describe('reminder cards', () => {
  it("say when in the reader's own time zone, show user text literally and act in place", () => {
    const card = reminderCard(message());
    const text = JSON.stringify(card);
    expect(text).toContain('Coming up in 24 hours');
    expect(text).toContain('{{DATE(2026-12-02T12:00:00Z, SHORT)}} {{TIME(2026-12-02T12:00:00Z)}}');
    expect(text).toContain('"type":"TextRun","text":"Lunch: [click](http://evil.example) **now**"');
    expect(text).toContain('"type":"TextRun","text":"Where: Room <b>4</b>"');
    expect(text).not.toMatch(/"type":"TextBlock","text":"[^"]*evil/);
    expect(titles(card)).toEqual(['Refresh', 'Going', 'Maybe', "Can't make it", 'Remind me later', 'Join']);
    expect(card.refresh).toMatchObject({
      action: { verb: 'reminderRefresh', data: { deliveryId: delivery.id } },
      userIds: ['29:u'],
    });
    expect(Buffer.byteLength(text)).toBeLessThan(28 * 1024);
  });

  it('offer no answers once cancelled, only "can\'t make it" after a promotion, inputs on a follow-up', () => {
    expect(titles(reminderCard(message({ kind: 'session-cancelled' })))).toEqual(['Refresh']);
    expect(titles(reminderCard(message({ kind: 'waitlist-promoted' })))).toEqual(['Refresh', "Can't make it", 'Join']);
    const followUp = JSON.stringify(
      reminderCard(message({ kind: 'session-follow-up', response: { rating: 4, commitment: 'Try **it**' } })),
    );
    expect(followUp).toContain('"id":"rating"');
    expect(followUp).toContain('"id":"commitment"');
    expect(followUp).toContain('You rated it 4 of 5.');
    expect(followUp).toContain('"type":"TextRun","text":"Try **it**"');
  });

  it("show a facilitator's note literally and what a snooze did", () => {
    const text = JSON.stringify(
      reminderCard({
        ...message({ kind: 'reminder-now', note: '<at>all</at> bring **snacks**' }),
        snoozedUntil: '2026-12-02T11:00:00.000Z',
      }),
    );
    expect(text).toContain('"type":"TextRun","text":"<at>all</at> bring **snacks**"');
    expect(text).toContain("I'll remind you again at {{DATE(2026-12-02T11:00:00Z, SHORT)}}");
    expect(titles(JSON.parse(text))).not.toContain('Remind me later');
  });

  it('read leads naturally and give Teams a plain notification line', () => {
    expect([15, 60, 180, 1440, 4320].map(leadText)).toEqual(['15 minutes', '1 hour', '3 hours', '24 hours', '3 days']);
    expect(reminderSummary(message({ kind: 'session-cancelled' }))).toBe(`Cancelled: ${session.title}`);
  });

  it('list the week ahead on the digest, with a way to stop it', () => {
    const card = reminderDigestCard({
      kind: 'weekly-digest',
      delivery,
      weekOf: '2026-11-30',
      sessions: [session, { ...session, id: 's2', myRsvp: null }],
    });
    const text = JSON.stringify(card);
    expect(text).toContain("You're going");
    expect(text).toContain("You haven't answered yet");
    expect(titles(card)).toEqual(['Stop the weekly digest']);
  });
});
