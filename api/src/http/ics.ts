import { createEvent, type DateArray, type EventAttributes } from 'ics';
import type { SessionView } from '@peerloop/core';

function toDateArray(iso: string): DateArray {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

/** One session as an iCalendar (RFC 5545) file, with a stable UID so re-imports update rather than duplicate. */
export function sessionIcs(session: SessionView): string {
  const description = [
    session.topic,
    session.description,
    session.meetingUrl ? `Join: ${session.meetingUrl}` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  const event: EventAttributes = {
    uid: `${session.id}@peerloop`,
    title: session.title,
    start: toDateArray(session.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: toDateArray(session.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    productId: 'peerloop/sessions',
    ...(description ? { description } : {}),
    ...(session.location ? { location: session.location } : {}),
    ...(session.meetingUrl ? { url: session.meetingUrl } : {}),
    categories: [session.kind],
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('the calendar file could not be made');
  return value;
}
