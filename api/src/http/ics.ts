import { createEvents, type DateArray, type EventAttributes } from 'ics';
import type { SessionView } from '@peerloop/core';

type CalendarSession = Pick<
  SessionView,
  'id' | 'title' | 'topic' | 'description' | 'meetingUrl' | 'location' | 'startsAt' | 'endsAt' | 'status' | 'kind'
>;

function toDateArray(iso: string): DateArray {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

function toEvent(session: CalendarSession): EventAttributes {
  const description = [
    session.topic,
    session.description,
    session.meetingUrl ? `Join: ${session.meetingUrl}` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
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
}

/**
 * Sessions as an iCalendar (RFC 5545) file. Each event keeps a stable UID, so a re-import or a feed refresh
 * updates (or cancels) the event in Outlook instead of duplicating it.
 */
export function sessionsIcs(sessions: readonly CalendarSession[], calendarName?: string): string {
  const { error, value } = createEvents(sessions.map(toEvent), calendarName ? { calName: calendarName } : {});
  if (error || !value) throw error ?? new Error('the calendar file could not be made');
  return value;
}

/** One session as an iCalendar file. */
export function sessionIcs(session: CalendarSession): string {
  return sessionsIcs([session]);
}
