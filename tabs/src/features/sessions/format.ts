import type { RsvpStatus, SessionView } from '@peerloop/core';

/** Where the viewer's clock is read: their locale and zone unless a test names others. */
export interface ClockOptions {
  readonly locale?: string;
  readonly timeZone?: string;
}

/** "12:30 PM" in the viewer's zone. */
export function formatTime(iso: string, { locale, timeZone }: ClockOptions = {}): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** "12:30 – 1:30 PM" in the viewer's zone. */
export function formatTimeRange(startsAt: string, endsAt: string, { locale, timeZone }: ClockOptions = {}): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).formatRange(
    new Date(startsAt),
    new Date(endsAt),
  );
}

/** "Tue, Jan 13, 2026, 12:30 – 1:30 PM UTC": the whole when, in the viewer's zone. */
export function formatWhen(startsAt: string, endsAt: string, { locale, timeZone }: ClockOptions = {}): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).formatRange(new Date(startsAt), new Date(endsAt));
}

/** "3 of 12 taken" with a capacity, "3 going" without. */
export function formatSeats({ seatsTaken, capacity }: Pick<SessionView, 'seatsTaken' | 'capacity'>): string {
  return capacity === undefined ? `${seatsTaken} going` : `${seatsTaken} of ${capacity} taken`;
}

/** Short names of where a person stands, as lists show them. */
export const RSVP_STATUS_LABELS: Record<RsvpStatus, string> = {
  going: 'Going',
  maybe: 'Maybe',
  declined: "Can't go",
  waitlisted: 'Waitlisted',
};

/** The reader's own answer as a sentence. */
export function describeMyRsvp(status: RsvpStatus | null, waitlistPosition: number | null): string {
  if (status === 'going') return 'You are going.';
  if (status === 'maybe') return 'You might go.';
  if (status === 'declined') return "You can't go.";
  if (status === 'waitlisted') return `You are on the waitlist, position ${waitlistPosition ?? '?'}.`;
  return 'You have not answered yet.';
}

export const CATERING_LABELS = { catered: 'Catered', 'bring-your-own': 'Bring your own' } as const;
