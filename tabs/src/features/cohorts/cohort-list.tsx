import { makeStyles, tokens } from '@fluentui/react-components';
import type { CohortSummary } from '@peerloop/core';
import { CohortCard } from './cohort-card';
import type { CohortCardProps } from './cohort-card';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 20rem), 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
});

/** Cohort cards in a responsive grid; an accessible list of articles. */
export function CohortList({
  cohorts,
  label,
  headingLevel = 2,
  onOpen,
}: {
  cohorts: readonly CohortSummary[];
  label: string;
  headingLevel?: 2 | 3;
  onOpen?: CohortCardProps['onOpen'];
}) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {cohorts.map((cohort) => (
        <li key={cohort.id}>
          <CohortCard cohort={cohort} headingLevel={headingLevel} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  );
}

/** Soonest next session first; cohorts without one keep their order at the end. */
export function byNextSession(a: CohortSummary, b: CohortSummary): number {
  if (a.nextSession && b.nextSession) return Date.parse(a.nextSession.startsAt) - Date.parse(b.nextSession.startsAt);
  return (a.nextSession ? 0 : 1) - (b.nextSession ? 0 : 1);
}
