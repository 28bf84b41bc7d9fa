import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { LibraryInsights, SkillExperts } from '@peerloop/core';
import { useId } from 'react';
import { Meter } from './charts';
import { KIND_LABELS, count, formatAverage } from './labels';
import { visuallyHidden } from '../../shared/visually-hidden';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  scroll: { overflowX: 'auto' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th': {
      textAlign: 'start',
      fontWeight: tokens.fontWeightSemibold,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    },
    '& td': {
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
  caption: { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
  skills: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 16rem), 1fr))',
    gap: tokens.spacingVerticalM,
  },
  experts: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground2 },
  visuallyHidden,
});

type Level = 2 | 3;
const H = (level: Level) => (level === 2 ? 'h2' : 'h3');
const Sub = (level: Level) => (level === 2 ? 'h3' : 'h4');

function ratingText(figures: { ratingAverage: number; ratingCount: number }): string {
  return figures.ratingCount === 0
    ? 'Not rated'
    : `${formatAverage(figures.ratingAverage)} (${count(figures.ratingCount, 'rating')})`;
}

export interface InsightsPanelProps {
  readonly insights: LibraryInsights;
  readonly cohortName: (cohortId: string) => string | undefined;
  readonly headingLevel: Level;
}

/**
 * For facilitators and owners: how the library is used and rated, per cohort and per item, as tables whose
 * number cells carry a bar each (the number is the text; the bar is hidden from screen readers).
 */
export function InsightsPanel({ insights, cohortName, headingLevel }: InsightsPanelProps) {
  const styles = useStyles();
  const headingId = useId();
  const Heading = H(headingLevel);
  const { totals } = insights;
  const maxCohortViews = Math.max(0, ...insights.byCohort.map((c) => c.views));
  const maxCohortDone = Math.max(0, ...insights.byCohort.map((c) => c.completions));
  const top = insights.items.slice(0, 10);
  const maxItemViews = Math.max(0, ...top.map((i) => i.views));
  const maxItemDone = Math.max(0, ...top.map((i) => i.completions));
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Heading id={headingId} className={styles.heading}>
        Library insights
      </Heading>
      <Text>
        {count(totals.items, 'item')}, {count(totals.views, 'view')} by {count(totals.viewers, 'person', 'people')},{' '}
        {count(totals.completions, 'completion')}, {count(totals.bookmarks, 'bookmark')}; average rating{' '}
        {ratingText(totals)}.
      </Text>
      {insights.byCohort.length > 0 && (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <caption className={styles.caption}>Use and rating by cohort</caption>
            <thead>
              <tr>
                <th scope="col">Shared with</th>
                <th scope="col">Items</th>
                <th scope="col">Views</th>
                <th scope="col">Completions</th>
                <th scope="col">Average rating</th>
              </tr>
            </thead>
            <tbody>
              {insights.byCohort.map((row) => (
                <tr key={row.cohortId ?? 'program'}>
                  <th scope="row">
                    {row.cohortId === null ? 'Whole program' : (cohortName(row.cohortId) ?? row.cohortId)}
                  </th>
                  <td>{row.items}</td>
                  <td>
                    <Meter value={row.views} max={maxCohortViews} />
                  </td>
                  <td>
                    <Meter value={row.completions} max={maxCohortDone} />
                  </td>
                  <td>{ratingText(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {top.length > 0 && (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <caption className={styles.caption}>
              Most used items
              {insights.items.length > top.length ? ` (top ${top.length} of ${insights.items.length})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Kind</th>
                <th scope="col">Views</th>
                <th scope="col">Completions</th>
                <th scope="col">Average rating</th>
              </tr>
            </thead>
            <tbody>
              {top.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.title}</th>
                  <td>{KIND_LABELS[row.kind]}</td>
                  <td>
                    <Meter value={row.views} max={maxItemViews} />
                  </td>
                  <td>
                    <Meter value={row.completions} max={maxItemDone} />
                  </td>
                  <td>{ratingText(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** "Who shares what": for each skill, the people who shared about it, most contributions first. */
export function ExpertsPanel({ skills, headingLevel }: { skills: readonly SkillExperts[]; headingLevel: Level }) {
  const styles = useStyles();
  const headingId = useId();
  const Heading = H(headingLevel);
  const SkillHeading = Sub(headingLevel);
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Heading id={headingId} className={styles.heading}>
        Who shares what
      </Heading>
      {skills.length === 0 ? (
        <Text className={styles.muted}>Nobody has shared anything with skills yet.</Text>
      ) : (
        <div className={styles.skills}>
          {skills.map((skill) => (
            <div key={skill.skill}>
              <SkillHeading className={styles.subheading}>{skill.skill}</SkillHeading>
              <ol className={styles.experts} aria-label={`People who share about ${skill.skill}`}>
                {skill.experts.map((expert) => (
                  <li key={expert.userId}>
                    <Text weight="semibold">{expert.displayName}</Text>{' '}
                    <Text className={styles.muted}>
                      {count(expert.contributions, 'item')}
                      {expert.ratingCount > 0
                        ? `, rated ${formatAverage(expert.ratingAverage)} from ${count(expert.ratingCount, 'rating')}`
                        : ', not rated yet'}
                      {expert.completions > 0 ? `, ${count(expert.completions, 'completion')}` : ''}
                    </Text>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
