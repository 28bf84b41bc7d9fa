import { eventBody, transactionIdOf, wallClock } from './graph-meetings';

const request = {
  subject: 'Book club: SRE, chapters 1-3',
  startsAt: '2026-03-29T00:30:00.000Z',
  endsAt: '2026-03-29T01:30:00.000Z',
  timeZone: 'Europe/London',
  body: 'Chapters 1-3\n\nScheduled in PeerLoop.',
  idempotencyKey: 'tenant-1/bookclub-sre',
};

describe('the Outlook event for a session', () => {
  it("carries the session's wall-clock times in its own zone, across a daylight-saving change", () => {
    // 29 March 2026: London moves to BST at 01:00 UTC.
    expect(eventBody(request)).toMatchObject({
      subject: 'Book club: SRE, chapters 1-3',
      start: { dateTime: '2026-03-29T00:30:00', timeZone: 'Europe/London' },
      end: { dateTime: '2026-03-29T02:30:00', timeZone: 'Europe/London' },
      body: { contentType: 'text', content: 'Chapters 1-3\n\nScheduled in PeerLoop.' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      allowNewTimeProposals: false,
    });
  });

  it('falls back to UTC for a zone Graph does not accept by its IANA name', () => {
    expect(eventBody({ ...request, timeZone: 'Europe/Dublin' })).toMatchObject({
      start: { dateTime: '2026-03-29T00:30:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-29T01:30:00', timeZone: 'UTC' },
    });
    expect(wallClock('2026-07-01T23:15:00Z', 'Asia/Tokyo')).toBe('2026-07-02T08:15:00');
  });

  it('has one stable, GUID-shaped transactionId per session', () => {
    const id = transactionIdOf('tenant-1/bookclub-sre');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(transactionIdOf('tenant-1/bookclub-sre')).toBe(id);
    expect(transactionIdOf('tenant-2/bookclub-sre')).not.toBe(id);
    expect(eventBody(request).transactionId).toBe(id);
  });
});
