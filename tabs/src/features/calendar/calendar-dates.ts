import type { SessionView } from '@peerloop/core';

/** A calendar date, `YYYY-MM-DD`: a day as the viewer's wall calendar names it, independent of any zone. */
export type DayKey = string;

export type CalendarView = 'month' | 'week' | 'agenda';

const DAY_MS = 86_400_000;

function toUtc(key: DayKey): Date {
  return new Date(`${key}T00:00:00Z`);
}

function fromUtc(date: Date): DayKey {
  return date.toISOString().slice(0, 10);
}

/** The day an instant falls on in a time zone (the viewer's by default). */
export function dayKey(instant: string | Date, timeZone?: string): DayKey {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(
    new Date(instant),
  );
}

export function addDays(key: DayKey, days: number): DayKey {
  return fromUtc(new Date(toUtc(key).getTime() + days * DAY_MS));
}

/** The first day of the month `months` after the one of `key`. */
export function addMonths(key: DayKey, months: number): DayKey {
  const date = toUtc(key);
  return fromUtc(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)));
}

/** ISO weekday of a day: 1 Monday ... 7 Sunday. */
export function isoWeekday(key: DayKey): number {
  return toUtc(key).getUTCDay() || 7;
}

/** The first day of the week in a locale (1 Monday ... 7 Sunday); Monday when the runtime cannot tell. */
export function weekStartOf(locale?: string): number {
  try {
    const tag = new Intl.Locale(locale ?? new Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    return (tag.getWeekInfo?.() ?? tag.weekInfo)?.firstDay ?? 1;
  } catch {
    return 1;
  }
}

export function startOfWeek(key: DayKey, weekStart: number): DayKey {
  return addDays(key, -((isoWeekday(key) - weekStart + 7) % 7));
}

/** The seven days of the week holding `key`. */
export function weekOf(key: DayKey, weekStart: number): DayKey[] {
  const first = startOfWeek(key, weekStart);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/** The month of `key` as whole weeks (4 to 6 rows of 7 days), padded with days of the months around it. */
export function monthWeeks(key: DayKey, weekStart: number): DayKey[][] {
  const first = addMonths(key, 0);
  const next = addMonths(key, 1);
  const weeks: DayKey[][] = [];
  for (let day = startOfWeek(first, weekStart); day < next; day = addDays(day, 7)) weeks.push(weekOf(day, weekStart));
  return weeks;
}

/** The days a view shows around `anchor`, in order. */
export function daysShown(view: CalendarView, anchor: DayKey, weekStart: number): DayKey[] {
  if (view === 'week') return weekOf(anchor, weekStart);
  if (view === 'month') return monthWeeks(anchor, weekStart).flat();
  const days: DayKey[] = [];
  for (let day = addMonths(anchor, 0); day < addMonths(anchor, 1); day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The instants to ask the API for: the shown days widened by a day on each side, so every zone's local
 * days are covered (UTC-12 to UTC+14); what falls outside the shown days is dropped when placed.
 */
export function fetchRange(days: readonly DayKey[]): { from: string; to: string } {
  return { from: `${addDays(days[0]!, -1)}T00:00:00.000Z`, to: `${addDays(days.at(-1)!, 2)}T00:00:00.000Z` };
}

/** Moves the anchor a month (month and agenda views) or a week back or forth. */
export function shiftAnchor(view: CalendarView, anchor: DayKey, step: -1 | 1): DayKey {
  return view === 'week' ? addDays(anchor, 7 * step) : addMonths(anchor, step);
}

/** Sessions by the local day they start on, for the days shown; each day's list stays soonest first. */
export function sessionsByDay(
  sessions: readonly SessionView[],
  days: readonly DayKey[],
  timeZone?: string,
): Map<DayKey, SessionView[]> {
  const byDay = new Map<DayKey, SessionView[]>(days.map((day) => [day, []]));
  for (const session of sessions) byDay.get(dayKey(session.startsAt, timeZone))?.push(session);
  for (const list of byDay.values()) list.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return byDay;
}

/** "January 2031" (month, agenda) or "Jan 12 – 18, 2031" (week). */
export function viewTitle(view: CalendarView, days: readonly DayKey[], locale?: string): string {
  const utc = { timeZone: 'UTC' } as const;
  if (view !== 'week') {
    const middle = days[Math.floor(days.length / 2)]!;
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', ...utc }).format(toUtc(middle));
  }
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', ...utc }).formatRange(
    toUtc(days[0]!),
    toUtc(days.at(-1)!),
  );
}

/** A day as a heading or cell label names it, e.g. "Tuesday, January 13". */
export function formatDay(key: DayKey, options: Intl.DateTimeFormatOptions, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(toUtc(key));
}
