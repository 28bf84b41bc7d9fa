import type { DeliveryKind, DeliveryReport, DeliveryReportLine, FailureReason, SkipReason } from '@peerloop/core';
import type { ClockOptions } from '../sessions/format';
import type { SendNowResponse } from './reminders-api';

/** What each kind of delivery is, as the report's table names it. */
export const KIND_LABELS: Record<DeliveryKind, string> = {
  'session-reminder': 'Reminder',
  'presenter-reminder': 'Presenter reminder',
  'reminder-now': 'Reminder sent now',
  'snoozed-reminder': 'Snoozed reminder',
  'waitlist-promoted': 'Seat freed up',
  'session-cancelled': 'Cancellation notice',
  'session-changed': 'Change notice',
  'session-follow-up': 'Follow-up',
  'weekly-digest': 'Weekly digest',
};

/** Why Teams never got a delivery, in words a facilitator can act on. */
export const FAILURE_LABELS: Record<FailureReason, string> = {
  'not-installed': 'PeerLoop is not installed in their Teams',
  'conversation-gone': 'Their chat with PeerLoop is gone (app removed or blocked)',
  rejected: 'Teams refused the message',
  'retries-exhausted': 'Teams kept failing; gave up after several tries',
};

/** Why a delivery was not sent, by decision. */
export const SKIP_LABELS: Record<SkipReason, string> = {
  'opted-out': 'Turned reminders off',
  'quiet-hours': 'Their quiet hours lasted past the session',
  expired: 'Too late to be useful',
  'session-cancelled': 'The session was cancelled',
  'session-moved': 'The session moved (its new time gets its own reminder)',
  'not-attending': 'No longer going',
  'nothing-upcoming': 'Nothing upcoming to mention',
};

/** The states the chart shows, in its order; opted out is told apart from the other skips. */
export type ChartState = 'sent' | 'pending' | 'failed' | 'optedOut' | 'skipped';

export const CHART_LABELS: Record<ChartState, string> = {
  sent: 'Sent',
  pending: 'Waiting to send',
  failed: 'Failed',
  optedOut: 'Opted out',
  skipped: 'Skipped',
};

export interface ChartBar {
  readonly state: ChartState;
  readonly label: string;
  readonly count: number;
}

/** The report's totals as the chart's bars: every state, even at zero, so the chart keeps its shape. */
export function chartBars(totals: DeliveryReport['totals']): ChartBar[] {
  const counts: Record<ChartState, number> = {
    sent: totals.sent,
    pending: totals.pending,
    failed: totals.failed,
    optedOut: totals.optedOut,
    skipped: totals.skipped - totals.optedOut,
  };
  return (Object.keys(counts) as ChartState[]).map((state) => ({
    state,
    label: CHART_LABELS[state],
    count: counts[state],
  }));
}

/** One line's state as the table shows it ("Opted out" rather than a bare "Skipped"). */
export function stateLabel(line: DeliveryReportLine): string {
  if (line.state === 'skipped') return line.skipped === 'opted-out' ? 'Opted out' : 'Skipped';
  if (line.state === 'sending') return 'Sending';
  return CHART_LABELS[line.state === 'pending' ? 'pending' : line.state];
}

/** Why a line failed or was skipped (with the HTTP status Teams answered), or '' when it was neither. */
export function reasonLabel(line: DeliveryReportLine): string {
  const parts: string[] = [];
  if (line.failure) {
    const status = line.failure.status ? ` (${line.failure.status})` : '';
    parts.push(`${FAILURE_LABELS[line.failure.reason]}${status}`);
  }
  if (line.skipped) parts.push(SKIP_LABELS[line.skipped]);
  if (line.resentAfterCrash) parts.push('Sent again after an interruption: it may have arrived twice');
  return parts.join('. ');
}

/** "4 Mar, 12:31" in the viewer's zone. */
export function formatMoment(iso: string, { locale, timeZone }: ClockOptions = {}): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/** What a "send reminder now" did, as one sentence for the live region. */
export function describeSendOutcome(result: SendNowResponse): string {
  if (result.recipients === 0) return 'Nobody is going or may go yet, so there was no one to remind.';
  if (result.created === 0)
    return `This reminder was already queued for ${people(result.recipients)}; nothing new was sent.`;
  const waiting = Math.max(0, result.created - result.sent - result.failed - result.skipped);
  const parts = [`${result.sent} sent`];
  if (result.failed > 0) parts.push(`${result.failed} failed`);
  if (result.skipped > 0) parts.push(`${result.skipped} skipped`);
  if (waiting > 0) parts.push(`${waiting} still to send`);
  return `Reminder queued for ${people(result.created)}: ${parts.join(', ')}.`;
}

const ISO_INSTANT = /\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z/g;

/** An API message with its ISO instants in the viewer's words ("…can be sent from 4 Mar, 12:41"), capitalised. */
export function readableMessage(message: string, clock: ClockOptions = {}): string {
  const text = message.replace(ISO_INSTANT, (iso) => formatMoment(iso, clock));
  return text.charAt(0).toUpperCase() + text.slice(1);
}
