import { DateTime } from 'luxon';
import type { QuietHours } from '../people/notification-preferences.js';

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function local(at: Date, timeZone: string): DateTime {
  const value = DateTime.fromJSDate(at, { zone: timeZone });
  return value.isValid ? value : DateTime.fromJSDate(at, { zone: 'utc' });
}

/** Whether `at` falls in the quiet hours on the wall clock of `timeZone` (quiet hours may wrap midnight). */
export function inQuietHours(quiet: QuietHours, timeZone: string, at: Date): boolean {
  const time = local(at, timeZone);
  const now = time.hour * 60 + time.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The next moment after `at` when the quiet hours end, on the wall clock of `timeZone` (DST-aware). */
export function quietHoursEnd(quiet: QuietHours, timeZone: string, at: Date): Date {
  const time = local(at, timeZone);
  const end = minutesOf(quiet.end);
  let candidate = time.startOf('day').set({ hour: Math.floor(end / 60), minute: end % 60 });
  if (candidate.toMillis() <= at.getTime()) candidate = candidate.plus({ days: 1 });
  return candidate.toJSDate();
}

/** The Monday (local date, YYYY-MM-DD) of the week that `at` falls in, on the wall clock of `timeZone`. */
export function mondayOf(at: Date, timeZone: string): string {
  return local(at, timeZone).startOf('week').toISODate()!;
}

/** A local date and time of day in a zone as an instant (e.g. Monday 08:00 where the person lives). */
export function localInstant(date: string, hhmm: string, timeZone: string): Date {
  const zone = DateTime.local().setZone(timeZone).isValid ? timeZone : 'utc';
  return DateTime.fromISO(`${date}T${hhmm}`, { zone }).toJSDate();
}
