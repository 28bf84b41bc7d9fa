import type { SessionView } from '@peerloop/core';
import { addDays, dayKey } from './calendar-dates';
import type { DayKey } from './calendar-dates';

const DAY_MINUTES = 24 * 60;
/** The shortest block the grid draws, so a 15-minute session still has room for its time and title. */
export const MIN_BLOCK_MINUTES = 30;
/** The working day every week shows at least; earlier and later sessions widen it. */
export const DEFAULT_HOURS = { first: 8, last: 18 } as const;

/** A session placed in its day's column, by the wall clock of the viewer's time zone. */
export interface PlacedSession {
  readonly session: SessionView;
  /** Minutes after local midnight. */
  readonly start: number;
  /** Minutes after local midnight the block is drawn to: at least `MIN_BLOCK_MINUTES` long, at most midnight. */
  readonly end: number;
  /** Side by side with the sessions it overlaps: lane `lane` (from 0) of `lanes`. */
  readonly lane: number;
  readonly lanes: number;
}

/** The part after midnight of a session that started the day before: drawn, but not a second button. */
export interface Continuation {
  readonly session: SessionView;
  /** Minutes after local midnight it ends. */
  readonly end: number;
}

export interface WeekDayLayout {
  readonly day: DayKey;
  /** In start order: the reading and tab order. */
  readonly placed: readonly PlacedSession[];
  readonly continued: readonly Continuation[];
}

export interface WeekLayout {
  /** The hours shown as rows: from `firstHour` up to (not including) `lastHour`. */
  readonly firstHour: number;
  readonly lastHour: number;
  readonly days: readonly WeekDayLayout[];
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** Minutes after local midnight of an instant, on the wall clock of a time zone (the viewer's by default). */
export function minutesIntoDay(instant: string, timeZone?: string): number {
  const key = timeZone ?? '';
  let clock = clocks.get(key);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    clocks.set(key, clock);
  }
  const parts = clock.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/**
 * Lays a week out as a time grid: each day's sessions at their local start and end, overlapping ones side by
 * side (each group of overlapping sessions shares its lanes), a session running past midnight cut at midnight
 * with its remainder drawn on the next day, and the hours widened from 8:00–18:00 to fit every session.
 */
export function layoutWeek(
  days: readonly DayKey[],
  byDay: ReadonlyMap<DayKey, readonly SessionView[]>,
  timeZone?: string,
): WeekLayout {
  let first: number = DEFAULT_HOURS.first * 60;
  let last: number = DEFAULT_HOURS.last * 60;
  const continued = new Map<DayKey, Continuation[]>(days.map((day) => [day, []]));
  const blocks = new Map<DayKey, { session: SessionView; start: number; end: number }[]>();

  for (const day of days) {
    const list: { session: SessionView; start: number; end: number }[] = [];
    for (const session of byDay.get(day) ?? []) {
      const start = minutesIntoDay(session.startsAt, timeZone);
      const endDay = dayKey(session.endsAt, timeZone);
      const endClock = minutesIntoDay(session.endsAt, timeZone);
      const sameDay = endDay === day;
      const end = Math.min(DAY_MINUTES, Math.max(sameDay ? endClock : DAY_MINUTES, start + MIN_BLOCK_MINUTES));
      list.push({ session, start, end });
      first = Math.min(first, start);
      last = Math.max(last, end);
      const next = addDays(day, 1);
      if (!sameDay && endDay === next && endClock > 0) {
        continued.get(next)?.push({ session, end: endClock });
        first = 0;
      }
    }
    blocks.set(day, list);
  }

  return {
    firstHour: Math.floor(first / 60),
    lastHour: Math.min(24, Math.ceil(last / 60)),
    days: days.map((day) => ({
      day,
      placed: assignLanes(blocks.get(day) ?? []),
      continued: continued.get(day) ?? [],
    })),
  };
}

/** Side-by-side lanes: each block takes the first lane free at its start; a group of overlaps shares a width. */
function assignLanes(blocks: readonly { session: SessionView; start: number; end: number }[]): PlacedSession[] {
  const sorted = [...blocks].sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: PlacedSession[] = [];
  let group: { block: (typeof sorted)[number]; lane: number }[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -1;
  const closeGroup = () => {
    for (const { block, lane } of group) placed.push({ ...block, lane, lanes: laneEnds.length });
    group = [];
    laneEnds = [];
  };
  for (const block of sorted) {
    if (block.start >= groupEnd) closeGroup();
    let lane = laneEnds.findIndex((end) => end <= block.start);
    if (lane === -1) lane = laneEnds.push(block.end) - 1;
    else laneEnds[lane] = block.end;
    group.push({ block, lane });
    groupEnd = Math.max(groupEnd, block.end);
  }
  closeGroup();
  return placed;
}
