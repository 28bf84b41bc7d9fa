import type { DeliveryReport, DeliveryReportLine } from '@peerloop/core';

/** One line of a delivery report, sent by default; override what the test is about. */
export function aDeliveryLine(overrides: Partial<DeliveryReportLine> = {}): DeliveryReportLine {
  return {
    id: 'now.s-1.203103041200.u-sam',
    kind: 'reminder-now',
    recipient: { userId: 'u-sam', displayName: 'Sam Rivera' },
    state: 'sent',
    dueAt: '2031-03-04T12:00:00.000Z',
    attempts: 1,
    sentAt: '2031-03-04T12:00:02.000Z',
    resentAfterCrash: false,
    ...overrides,
  };
}

/**
 * A report as GET /api/sessions/s-1/deliveries answers it after a "send reminder now" to six people: three
 * sent, one failed (chat gone, 404), one opted out, one still waiting.
 */
export function aDeliveryReport(overrides: Partial<DeliveryReport> = {}): DeliveryReport {
  return {
    sessionId: 's-1',
    title: 'Giving feedback that lands',
    startsAt: '2031-03-04T12:30:00.000Z',
    totals: { total: 6, pending: 1, sent: 3, failed: 1, skipped: 1, optedOut: 1 },
    failuresByReason: { 'conversation-gone': 1 },
    skippedByReason: { 'opted-out': 1 },
    deliveries: [
      aDeliveryLine(),
      aDeliveryLine({ id: 'd-2', recipient: { userId: 'u-lee', displayName: 'Lee Kim' } }),
      aDeliveryLine({ id: 'd-3', recipient: { userId: 'u-ada', displayName: 'Ada Lovelace' } }),
      aDeliveryLine({
        id: 'd-4',
        recipient: { userId: 'u-hana', displayName: 'Hana Suzuki' },
        state: 'failed',
        sentAt: undefined,
        failure: { reason: 'conversation-gone', status: 404 },
      }),
      aDeliveryLine({
        id: 'd-5',
        recipient: { userId: 'u-grace', displayName: 'Grace Hopper' },
        state: 'skipped',
        sentAt: undefined,
        skipped: 'opted-out',
      }),
      aDeliveryLine({
        id: 'd-6',
        kind: 'session-reminder',
        recipient: { userId: 'u-linus', displayName: 'Linus Pauling' },
        state: 'pending',
        dueAt: '2031-03-04T12:15:00.000Z',
        sentAt: undefined,
        attempts: 0,
      }),
    ],
    ...overrides,
  };
}
