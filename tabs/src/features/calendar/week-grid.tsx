import { mergeClasses } from '@fluentui/react-components';
import { formatDay } from './calendar-dates';
import type { DayKey } from './calendar-dates';
import { DayList, useGridStyles } from './month-grid';
import type { GridProps } from './month-grid';

/** The week as seven columns, each day's sessions with their times and kinds. */
export function WeekGrid({ title, days, byDay, today, onOpen }: GridProps & { days: DayKey[] }) {
  const styles = useGridStyles();
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>{title}</caption>
      <thead>
        <tr>
          {days.map((day) => (
            <th key={day} scope="col" className={styles.head} aria-current={day === today ? 'date' : undefined}>
              <time dateTime={day}>{formatDay(day, { weekday: 'short', day: 'numeric', month: 'short' })}</time>
              {day === today ? ' (today)' : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          {days.map((day) => (
            <td key={day} className={mergeClasses(styles.cell, day === today && styles.today)}>
              <DayList sessions={byDay.get(day) ?? []} detailed onOpen={onOpen} />
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
