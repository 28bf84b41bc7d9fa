import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortSummary } from '@peerloop/core';
import { useLinkStyles } from '../../shared/link-styles';
import { formatMemberCount, formatNames, formatSessionStart } from './format';
import { COHORT_KIND_LABELS, SESSION_KIND_LABELS, STATUS_LABELS, THREAD_LABELS, THREAD_NAMES } from './labels';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    height: '100%',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    overflowWrap: 'anywhere',
  },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  name: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  threads: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0 },
});

export interface CohortCardProps {
  readonly cohort: CohortSummary;
  readonly headingLevel?: 2 | 3;
  /** Opens the cohort's home; its name becomes the button that does it. */
  readonly onOpen?: (cohortId: string, opener: HTMLElement) => void;
}

/** One cohort as an article: name, purpose, kind, common threads, facilitators, size and next session. */
export function CohortCard({ cohort, headingLevel = 2, onOpen }: CohortCardProps) {
  const styles = useStyles();
  const link = useLinkStyles();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `cohort-${cohort.id}-name`;
  const threads = THREAD_NAMES.flatMap((name) => {
    const value = cohort.commonThreads[name];
    return value ? [{ name, value }] : [];
  });
  const next = cohort.nextSession;
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <div className={styles.header}>
        <Heading id={headingId} className={styles.name}>
          {onOpen ? (
            <button type="button" className={link.link} onClick={(event) => onOpen(cohort.id, event.currentTarget)}>
              {cohort.name}
            </button>
          ) : (
            cohort.name
          )}
        </Heading>
        <Badge appearance="outline" color="informative">
          {STATUS_LABELS[cohort.status]}
        </Badge>
      </div>
      <Text>{cohort.purpose}</Text>
      {threads.length > 0 && (
        <ul className={styles.threads} aria-label="Common threads">
          {threads.map(({ name, value }) => (
            <li key={name}>
              <Badge appearance="tint" color="brand">
                {THREAD_LABELS[name]}: {value}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <dl className={styles.facts}>
        <dt className={styles.term}>Kind</dt>
        <dd className={styles.detail}>{COHORT_KIND_LABELS[cohort.kind] ?? cohort.kind}</dd>
        <dt className={styles.term}>Facilitated by</dt>
        <dd className={styles.detail}>
          {cohort.facilitators.length > 0
            ? formatNames(cohort.facilitators.map((f) => f.displayName))
            : 'No facilitator yet'}
        </dd>
        <dt className={styles.term}>Members</dt>
        <dd className={styles.detail}>{formatMemberCount(cohort.memberCount)}</dd>
        <dt className={styles.term}>Next session</dt>
        <dd className={styles.detail}>
          {next ? (
            <>
              {next.title} ({SESSION_KIND_LABELS[next.kind] ?? next.kind}),{' '}
              <time dateTime={next.startsAt}>{formatSessionStart(next.startsAt)}</time>
            </>
          ) : (
            'No upcoming session'
          )}
        </dd>
      </dl>
    </article>
  );
}
