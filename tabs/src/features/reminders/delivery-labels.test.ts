import { chartBars, describeSendOutcome, readableMessage, reasonLabel } from './delivery-labels';
import { aDeliveryLine } from './report-fixture';

const result = { recipients: 4, created: 4, waveId: 'w', sent: 4, failed: 0, skipped: 0, report: '/r' };

describe('how reminders are put into words', () => {
  it('says what "send reminder now" did, leaving out what did not happen', () => {
    expect(describeSendOutcome(result)).toBe('Reminder queued for 4 people: 4 sent.');
    expect(describeSendOutcome({ ...result, recipients: 1, created: 1, sent: 0 })).toBe(
      'Reminder queued for 1 person: 0 sent, 1 still to send.',
    );
    expect(describeSendOutcome({ ...result, sent: 1, failed: 2, skipped: 1 })).toBe(
      'Reminder queued for 4 people: 1 sent, 2 failed, 1 skipped.',
    );
  });

  it('tells a repeated press and an empty session apart from a send', () => {
    expect(describeSendOutcome({ ...result, created: 0, sent: 0 })).toBe(
      'This reminder was already queued for 4 people; nothing new was sent.',
    );
    expect(describeSendOutcome({ ...result, recipients: 0, created: 0, sent: 0 })).toBe(
      'Nobody is going or may go yet, so there was no one to remind.',
    );
  });

  it("shows the API's instants in the reader's clock", () => {
    expect(
      readableMessage('another can be sent from 2031-03-04T12:10:00.000Z', { locale: 'en-GB', timeZone: 'Asia/Tokyo' }),
    ).toBe('Another can be sent from 4 Mar, 21:10');
  });

  it('counts opted out apart from the other skips, so the bars add up to the total', () => {
    const bars = chartBars({ total: 10, pending: 1, sent: 4, failed: 2, skipped: 3, optedOut: 2 });
    expect(bars.map((b) => [b.label, b.count])).toEqual([
      ['Sent', 4],
      ['Waiting to send', 1],
      ['Failed', 2],
      ['Opted out', 2],
      ['Skipped', 1],
    ]);
    expect(bars.reduce((sum, b) => sum + b.count, 0)).toBe(10);
  });

  it('warns that a delivery sent again after an interruption may have arrived twice', () => {
    expect(reasonLabel(aDeliveryLine({ resentAfterCrash: true }))).toBe(
      'Sent again after an interruption: it may have arrived twice',
    );
    expect(reasonLabel(aDeliveryLine({ state: 'failed', failure: { reason: 'retries-exhausted', status: 503 } }))).toBe(
      'Teams kept failing; gave up after several tries (503)',
    );
  });
});
