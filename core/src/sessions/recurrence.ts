import { DateTime } from 'luxon';
import * as rruleModule from 'rrule';
import type { Options as RRuleOptions, Weekday } from 'rrule';

// rrule ships CommonJS without named exports Node's ESM loader can see (there RRule hangs off the default
// export); CommonJS interop (jest) puts it on the namespace. Take whichever has it.
const { RRule } =
  'RRule' in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;

/** How a series repeats. Quarterly is every 3 months; `interval` multiplies it (every N weeks/months/quarters). */
export interface Recurrence {
  readonly frequency: 'weekly' | 'monthly' | 'quarterly';
  readonly interval: number;
  /** Monthly and quarterly: on the same date (the 31st becomes the month's last day) or the same weekday (2nd Tuesday; a 5th becomes "last"). */
  readonly monthlyBy?: 'date' | 'weekday';
  /** Last local date (inclusive), YYYY-MM-DD. */
  readonly until?: string;
  readonly count?: number;
}

export interface Occurrence {
  /** The local date the rule produced, YYYY-MM-DD: an occurrence's stable identity. */
  readonly date: string;
  readonly startsAt: string;
  readonly endsAt: string;
}

const WEEKDAYS: readonly Weekday[] = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];

/**
 * Expands a series into occurrences. The rule runs on the wall clock of `timeZone` (rrule on "floating"
 * dates), and each local date and time is then placed in the zone with luxon, so a 12:00 lunch stays at
 * 12:00 local across daylight-saving changes. Stops at `limit` occurrences or `horizon`, whichever is first.
 */
export function expandRecurrence(
  recurrence: Recurrence,
  firstStartLocal: string,
  timeZone: string,
  durationMinutes: number,
  bounds: { readonly limit: number; readonly horizon: Date },
): Occurrence[] {
  const first = DateTime.fromISO(firstStartLocal, { zone: 'utc' });
  if (!first.isValid) throw new RangeError(`not a local date and time: ${firstStartLocal}`);
  const floatingStart = new Date(Date.UTC(first.year, first.month - 1, first.day, first.hour, first.minute));
  const months = recurrence.frequency === 'quarterly' ? 3 * recurrence.interval : recurrence.interval;
  const options: Partial<RRuleOptions> = {
    dtstart: floatingStart,
    count: Math.min(recurrence.count ?? bounds.limit, bounds.limit),
  };
  if (recurrence.until) {
    const until = DateTime.fromISO(recurrence.until, { zone: 'utc' });
    options.until = new Date(Date.UTC(until.year, until.month - 1, until.day, 23, 59, 59));
  }
  if (recurrence.frequency === 'weekly') {
    Object.assign(options, { freq: RRule.WEEKLY, interval: recurrence.interval });
  } else if (recurrence.monthlyBy === 'weekday') {
    const nth = Math.ceil(first.day / 7);
    const weekday = WEEKDAYS[first.weekday - 1]!;
    Object.assign(options, { freq: RRule.MONTHLY, interval: months, byweekday: [weekday.nth(nth === 5 ? -1 : nth)] });
  } else if (first.day > 28) {
    // The 29th-31st: that date, or the month's last day when it has none (BYSETPOS -1 of 28..day).
    const days = Array.from({ length: first.day - 27 }, (_, i) => 28 + i);
    Object.assign(options, { freq: RRule.MONTHLY, interval: months, bymonthday: days, bysetpos: [-1] });
  } else {
    Object.assign(options, { freq: RRule.MONTHLY, interval: months, bymonthday: [first.day] });
  }

  const occurrences: Occurrence[] = [];
  for (const floating of new RRule(options).all()) {
    const local = DateTime.fromObject(
      {
        year: floating.getUTCFullYear(),
        month: floating.getUTCMonth() + 1,
        day: floating.getUTCDate(),
        hour: floating.getUTCHours(),
        minute: floating.getUTCMinutes(),
      },
      { zone: timeZone },
    );
    if (local.toJSDate() > bounds.horizon) break;
    occurrences.push({
      date: local.toISODate()!,
      startsAt: local.toUTC().toISO({ suppressMilliseconds: false })!,
      endsAt: local.plus({ minutes: durationMinutes }).toUTC().toISO({ suppressMilliseconds: false })!,
    });
  }
  return occurrences;
}

/** Whether the zone is one luxon (and so the runtime's Intl) knows. */
export function isKnownTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** A local date and time in a zone as a UTC ISO instant; null when it does not parse. */
export function localToInstant(local: string, timeZone: string): string | null {
  const value = DateTime.fromISO(local, { zone: timeZone });
  return value.isValid ? value.toUTC().toISO() : null;
}
