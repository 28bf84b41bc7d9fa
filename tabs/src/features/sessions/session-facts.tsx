import { makeStyles, tokens } from '@fluentui/react-components';
import type { SessionView } from '@peerloop/core';
import type { ReactNode } from 'react';
import { useLinkStyles } from '../../shared/link-styles';
import { formatNames } from '../cohorts/format';
import { SESSION_KIND_LABELS } from '../cohorts/labels';
import { CATERING_LABELS, formatSeats, formatWhen } from './format';

const useStyles = makeStyles({
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  row: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0, whiteSpace: 'pre-line' },
});

/** A session's facts as a description list; `brief` keeps what a 320 px side panel has room for. */
export function SessionFacts({
  session,
  cohortName,
  brief = false,
}: {
  session: SessionView;
  cohortName?: string;
  brief?: boolean;
}) {
  const styles = useStyles();
  const link = useLinkStyles();
  const { details } = session;
  const rows: [string, ReactNode][] = [
    ['Kind', SESSION_KIND_LABELS[session.kind] ?? session.kind],
    ['When', <time dateTime={session.startsAt}>{formatWhen(session.startsAt, session.endsAt)}</time>],
  ];
  if (session.status === 'cancelled') rows.push(['Status', 'Cancelled']);
  if (cohortName && !brief) rows.push(['Cohort', cohortName]);
  if (session.topic) rows.push(['Topic', session.topic]);
  if (session.description) rows.push(['Agenda', session.description]);
  if (session.presenters.length > 0)
    rows.push(['Presenters', formatNames(session.presenters.map((p) => p.displayName))]);
  if (details.guest) rows.push(['Guest', details.guest]);
  if (details.book)
    rows.push(['Book', details.chapters ? `${details.book}, chapters ${details.chapters}` : details.book]);
  if (details.catering && !brief) rows.push(['Catering', CATERING_LABELS[details.catering]]);
  if (session.location) rows.push(['Location', session.location]);
  if (session.meetingUrl) {
    rows.push([
      'Meeting link',
      <a className={link.link} href={session.meetingUrl} target="_blank" rel="noreferrer">
        Join the meeting
      </a>,
    ]);
  }
  rows.push(['Seats', formatSeats(session)]);
  if (session.waitlistLength > 0) rows.push(['Waitlist', `${session.waitlistLength} waiting`]);
  return (
    <dl className={styles.facts}>
      {rows.map(([term, value]) => (
        <div key={term} className={styles.row}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.detail}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
