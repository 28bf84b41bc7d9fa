import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { SessionView } from '@peerloop/core';
import { formatDay } from './calendar-dates';
import type { DayKey } from './calendar-dates';
import { SessionEntry } from './session-entry';

export const useGridStyles = makeStyles({
  table: { width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse' },
  caption: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  head: {
    padding: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    textAlign: 'start',
    color: tokens.colorNeutralForeground2,
  },
  cell: {
    verticalAlign: 'top',
    height: '6.5rem',
    padding: tokens.spacingVerticalXXS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  outside: { backgroundColor: tokens.colorNeutralBackground2 },
  today: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  number: { display: 'block', fontSize: tokens.fontSizeBase200, padding: `0 ${tokens.spacingHorizontalXS}` },
  todayNumber: { fontWeight: tokens.fontWeightBold },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
});

export interface GridProps {
  readonly title: string;
  readonly byDay: ReadonlyMap<DayKey, readonly SessionView[]>;
  readonly today: DayKey;
  readonly onOpen: (sessionId: string, opener: HTMLElement) => void;
}

/** The month as a 7-column table of weeks; each day lists its sessions as compact buttons. */
export function MonthGrid({
  title,
  weeks,
  month,
  byDay,
  today,
  onOpen,
}: GridProps & { weeks: DayKey[][]; month: string }) {
  const styles = useGridStyles();
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>{title}</caption>
      <thead>
        <tr>
          {weeks[0]!.map((day) => (
            <th key={day} scope="col" className={styles.head} abbr={formatDay(day, { weekday: 'long' })}>
              {formatDay(day, { weekday: 'short' })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((day) => {
              const isToday = day === today;
              return (
                <td
                  key={day}
                  className={mergeClasses(
                    styles.cell,
                    !day.startsWith(month) && styles.outside,
                    isToday && styles.today,
                  )}
                  aria-current={isToday ? 'date' : undefined}
                >
                  <time dateTime={day} className={mergeClasses(styles.number, isToday && styles.todayNumber)}>
                    {isToday ? `Today, ${formatDay(day, { day: 'numeric' })}` : formatDay(day, { day: 'numeric' })}
                  </time>
                  <DayList sessions={byDay.get(day) ?? []} onOpen={onOpen} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A day's sessions as a list of buttons (nothing when the day has none). */
export function DayList({
  sessions,
  detailed = false,
  onOpen,
}: {
  sessions: readonly SessionView[];
  detailed?: boolean;
  onOpen: (sessionId: string, opener: HTMLElement) => void;
}) {
  const styles = useGridStyles();
  if (sessions.length === 0) return null;
  return (
    <ul className={styles.list}>
      {sessions.map((session) => (
        <li key={session.id}>
          <SessionEntry session={session} detailed={detailed} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  );
}
