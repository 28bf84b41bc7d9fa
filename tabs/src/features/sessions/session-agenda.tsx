import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { SessionView } from '@peerloop/core';
import { useLinkStyles } from '../../shared/link-styles';
import { SESSION_KIND_LABELS } from '../cohorts/labels';
import { dayKey, formatDay } from '../calendar/calendar-dates';
import { RSVP_STATUS_LABELS, formatTimeRange } from './format';

const useStyles = makeStyles({
  days: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  day: {
    margin: `0 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  item: {
    listStyle: 'none',
    display: 'grid',
    gridTemplateColumns: 'minmax(7rem, auto) 1fr',
    columnGap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: 'anywhere',
  },
  time: { color: tokens.colorNeutralForeground2 },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  cancelled: { textDecorationLine: 'line-through' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface SessionAgendaProps {
  readonly sessions: readonly SessionView[];
  /** Names the list for screen readers. */
  readonly label: string;
  readonly onOpen?: (sessionId: string, opener: HTMLElement) => void;
  readonly cohortName?: (cohortId: string) => string | undefined;
  readonly headingLevel?: 2 | 3;
}

/** Sessions in time order, under a heading per local day, each with its time, kind, cohort and the reader's answer. */
export function SessionAgenda({ sessions, label, onOpen, cohortName, headingLevel = 3 }: SessionAgendaProps) {
  const styles = useStyles();
  const link = useLinkStyles();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const days = new Map<string, SessionView[]>();
  for (const session of [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))) {
    const key = dayKey(session.startsAt);
    days.set(key, [...(days.get(key) ?? []), session]);
  }
  return (
    <ul className={styles.days} aria-label={label}>
      {[...days].map(([day, list]) => (
        <li key={day} className={styles.list}>
          <Heading className={styles.day}>
            <time dateTime={day}>{formatDay(day, { weekday: 'long', month: 'long', day: 'numeric' })}</time>
          </Heading>
          <ul className={styles.list}>
            {list.map((session) => {
              const cancelled = session.status === 'cancelled';
              const facts = [
                SESSION_KIND_LABELS[session.kind] ?? session.kind,
                cohortName?.(session.cohortId),
                session.myRsvp ? `You: ${RSVP_STATUS_LABELS[session.myRsvp]}` : undefined,
                cancelled ? 'Cancelled' : undefined,
              ].filter(Boolean);
              return (
                <li key={session.id} className={styles.item}>
                  <Text className={styles.time}>{formatTimeRange(session.startsAt, session.endsAt)}</Text>
                  <div className={styles.body}>
                    {onOpen ? (
                      <button
                        type="button"
                        className={mergeClasses(link.link, cancelled && styles.cancelled)}
                        onClick={(event) => onOpen(session.id, event.currentTarget)}
                      >
                        {session.title}
                      </button>
                    ) : (
                      <Text weight="semibold" className={mergeClasses(cancelled && styles.cancelled)}>
                        {session.title}
                      </Text>
                    )}
                    <Text size={200} className={styles.muted}>
                      {facts.join(' · ')}
                    </Text>
                  </div>
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}
