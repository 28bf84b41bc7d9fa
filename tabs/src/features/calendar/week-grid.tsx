import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import { formatDay } from './calendar-dates';
import type { DayKey } from './calendar-dates';
import type { GridProps } from './month-grid';
import { SessionEntry } from './session-entry';
import { layoutWeek } from './week-layout';
import type { WeekDayLayout } from './week-layout';

/** Height of one hour row. */
const HOUR_REM = 3;
/** Below this width the seven columns are too narrow to read: the week becomes a list of days. */
export const NARROW_WEEK_PX = 600;

const srOnly = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
} as const;

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: `3.5rem repeat(7, minmax(0, 1fr))`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  day: { display: 'contents' },
  stackDay: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: {
    margin: 0,
    gridRow: 1,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground2,
  },
  stackHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  number: {
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    color: tokens.colorNeutralForeground1,
  },
  todayNumber: {
    minWidth: '1.75rem',
    borderRadius: tokens.borderRadiusCircular,
    textAlign: 'center',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForegroundOnBrand,
    backgroundColor: tokens.colorBrandBackground,
  },
  todayHeading: { boxShadow: `inset 0 -${tokens.strokeWidthThick} 0 ${tokens.colorBrandStroke1}` },
  gutter: { gridRow: 2, gridColumn: 1, position: 'relative' },
  hourLabel: {
    position: 'absolute',
    right: tokens.spacingHorizontalXS,
    transform: 'translateY(-50%)',
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    color: tokens.colorNeutralForeground3,
    whiteSpace: 'nowrap',
  },
  body: {
    gridRow: 2,
    position: 'relative',
    minWidth: 0,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  hourLine: {
    position: 'absolute',
    left: 0,
    right: 0,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  list: { position: 'absolute', inset: 0, margin: 0, padding: 0, listStyle: 'none' },
  item: { position: 'absolute', boxSizing: 'border-box', padding: `1px ${tokens.spacingHorizontalXXS}`, zIndex: 1 },
  stackList: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  continued: {
    position: 'absolute',
    left: tokens.spacingHorizontalXXS,
    right: tokens.spacingHorizontalXXS,
    top: 0,
    boxSizing: 'border-box',
    overflow: 'hidden',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorBrandStroke2}`,
    borderTopStyle: 'none',
    borderRadius: `0 0 ${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
  },
  srOnly,
  none: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** True while the element is narrower than `threshold` pixels (never before it has been laid out). */
function useNarrow(ref: RefObject<HTMLElement | null>, threshold: number): boolean {
  const [narrow, setNarrow] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (width: number) => setNarrow(width > 0 && width < threshold);
    measure(element.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => entry && measure(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, threshold]);
  return narrow;
}

/**
 * The week as a time grid: a column per day under its heading, hours as rows, each session a button placed
 * at its local start and end (overlapping ones side by side). For screen readers and the keyboard it is a
 * heading and an ordered list of sessions (with their times) per day, in time order; the arrow keys move
 * between sessions (up and down within a day, left and right to the nearest one on another day).
 * Narrower than 600 px the same headings and lists stack as a list of days.
 */
export function WeekGrid({
  title,
  days,
  byDay,
  today,
  onOpen,
  timeZone,
}: GridProps & { days: DayKey[]; timeZone?: string }) {
  const styles = useStyles();
  const root = useRef<HTMLDivElement>(null);
  const narrow = useNarrow(root, NARROW_WEEK_PX);
  const layout = layoutWeek(days, byDay, timeZone);
  const hours = Array.from({ length: layout.lastHour - layout.firstHour }, (_, i) => layout.firstHour + i);
  const hourLabel = new Intl.DateTimeFormat(undefined, { hour: 'numeric', timeZone: 'UTC' });
  const top = (minutes: number) => `${((minutes - layout.firstHour * 60) / 60) * HOUR_REM}rem`;

  return (
    <div
      ref={root}
      role="group"
      aria-label={title}
      className={narrow ? styles.stack : styles.grid}
      style={narrow ? undefined : { gridTemplateRows: `auto ${hours.length * HOUR_REM}rem` }}
      onKeyDown={moveBetweenSessions}
    >
      {!narrow && (
        <div className={styles.gutter} aria-hidden="true">
          {hours.slice(1).map((hour) => (
            <span key={hour} className={styles.hourLabel} style={{ top: top(hour * 60) }}>
              {hourLabel.format(Date.UTC(2000, 0, 1, hour))}
            </span>
          ))}
        </div>
      )}
      {layout.days.map((dayLayout, index) => (
        <WeekDay
          key={dayLayout.day}
          layout={dayLayout}
          index={index}
          isToday={dayLayout.day === today}
          narrow={narrow}
          hours={hours}
          top={top}
          onOpen={onOpen}
        />
      ))}
    </div>
  );
}

function WeekDay({
  layout: { day, placed, continued },
  index,
  isToday,
  narrow,
  hours,
  top,
  onOpen,
}: {
  layout: WeekDayLayout;
  index: number;
  isToday: boolean;
  narrow: boolean;
  hours: readonly number[];
  top: (minutes: number) => string;
  onOpen: GridProps['onOpen'];
}) {
  const styles = useStyles();
  const headingId = `week-day-${day}`;
  const fullName = `${formatDay(day, { weekday: 'long', month: 'long', day: 'numeric' })}${isToday ? ', today' : ''}`;
  const sessions = (
    <ol className={narrow ? styles.stackList : styles.list} aria-labelledby={headingId}>
      {placed.map(({ session, start, end, lane, lanes }) => (
        <li
          key={session.id}
          data-day={index}
          data-start={start}
          className={narrow ? undefined : styles.item}
          style={
            narrow
              ? undefined
              : {
                  top: top(start),
                  height: `${((end - start) / 60) * HOUR_REM}rem`,
                  left: `${(lane / lanes) * 100}%`,
                  width: `${100 / lanes}%`,
                }
          }
        >
          <SessionEntry session={session} detailed fill={!narrow} onOpen={onOpen} />
        </li>
      ))}
    </ol>
  );
  const none = placed.length === 0 && <p className={narrow ? styles.none : styles.srOnly}>No sessions</p>;

  if (narrow) {
    return (
      <div className={styles.stackDay}>
        <h3 id={headingId} className={styles.stackHeading} aria-current={isToday ? 'date' : undefined}>
          {fullName}
        </h3>
        {none}
        {placed.length > 0 && sessions}
      </div>
    );
  }
  return (
    <div className={styles.day}>
      <h3
        id={headingId}
        className={mergeClasses(styles.heading, isToday && styles.todayHeading)}
        style={{ gridColumn: index + 2 }}
        aria-current={isToday ? 'date' : undefined}
      >
        <span aria-hidden="true">{formatDay(day, { weekday: 'short' })}</span>
        <span aria-hidden="true" className={mergeClasses(styles.number, isToday && styles.todayNumber)}>
          {formatDay(day, { day: 'numeric' })}
        </span>
        <span className={styles.srOnly}>{fullName}</span>
      </h3>
      <div className={styles.body} style={{ gridColumn: index + 2 }}>
        {hours.slice(1).map((hour) => (
          <div key={hour} className={styles.hourLine} style={{ top: top(hour * 60) }} aria-hidden="true" />
        ))}
        {continued.map(({ session, end }) => (
          <div
            key={session.id}
            className={styles.continued}
            // The grid starts at midnight whenever a session continues past it (see layoutWeek).
            style={{ height: top(end) }}
            aria-hidden="true"
          >
            {session.title} (continued)
          </div>
        ))}
        {none}
        {placed.length > 0 && sessions}
      </div>
    </div>
  );
}

/** Arrow keys between session buttons: up/down within a day, left/right to the nearest start on another day. */
function moveBetweenSessions(event: KeyboardEvent<HTMLElement>) {
  const keys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];
  if (!keys.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const from = (event.target as HTMLElement).closest<HTMLElement>('li[data-start]');
  if (!from) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('li[data-start]')];
  const day = Number(from.dataset.day);
  const start = Number(from.dataset.start);
  let target: HTMLElement | undefined;
  if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
    const sameDay = items.filter((item) => Number(item.dataset.day) === day);
    target = sameDay[sameDay.indexOf(from) + (event.key === 'ArrowDown' ? 1 : -1)];
  } else {
    const step = event.key === 'ArrowRight' ? 1 : -1;
    for (let other = day + step; other >= 0 && other < 7 && !target; other += step) {
      const candidates = items.filter((item) => Number(item.dataset.day) === other);
      target = candidates.reduce<HTMLElement | undefined>(
        (best, item) =>
          best === undefined ||
          Math.abs(Number(item.dataset.start) - start) < Math.abs(Number(best.dataset.start) - start)
            ? item
            : best,
        undefined,
      );
    }
  }
  if (!target) return;
  event.preventDefault();
  target.querySelector<HTMLElement>('button')?.focus();
}
