import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DeliveryReport } from '@peerloop/core';
import { useId } from 'react';
import { ErrorState, LoadingState } from '../../shared/status';
import type { ClockOptions } from '../sessions/format';
import type { SessionDetail } from '../sessions/sessions-api';
import { DeliveryChart } from './delivery-chart';
import { FAILURE_LABELS, SKIP_LABELS } from './delivery-labels';
import { DeliveryTable } from './delivery-table';
import { SendReminder } from './send-reminder';
import { useDeliveryReport } from './use-delivery-report';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground2 },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

export interface RemindersSectionProps {
  /** A session the reader can run (`canManage`): only its runners see what was sent to whom. */
  readonly session: Pick<SessionDetail, 'id' | 'status' | 'endsAt'>;
  /** Tests pin the locale and zone; the viewer's own otherwise. */
  readonly clock?: ClockOptions;
}

/**
 * For the people who run a session: "send reminder now", and the delivery report (what PeerLoop sent about the
 * session, to whom, what failed and why, who opted out) as a chart of counts and a table.
 */
export default function RemindersSection({ session, clock }: RemindersSectionProps) {
  const styles = useStyles();
  const headingId = useId();
  const reportHeadingId = useId();
  const { report, error, refreshing, refresh } = useDeliveryReport(session.id);
  const open = session.status === 'scheduled' && Date.parse(session.endsAt) > Date.now();

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        Reminders
      </h3>
      {open ? (
        <>
          <Text className={styles.muted}>
            Reminders go out on their own before the session. To nudge everyone who is going or may go right now, send
            one yourself.
          </Text>
          <SendReminder sessionId={session.id} onSent={() => void refresh()} clock={clock} />
        </>
      ) : (
        <Text className={styles.muted}>
          {session.status === 'cancelled'
            ? 'This session was cancelled, so no more reminders are sent.'
            : 'This session has ended, so no more reminders are sent.'}
        </Text>
      )}
      <section className={styles.root} aria-labelledby={reportHeadingId}>
        <div className={styles.header}>
          <h4 id={reportHeadingId} className={styles.subheading}>
            Delivery report
          </h4>
          <Button size="small" onClick={() => void refresh()} disabledFocusable={refreshing}>
            Refresh report
          </Button>
        </div>
        <div role="status" className={styles.muted}>
          {refreshing && report ? 'Refreshing the report…' : ''}
        </div>
        {report === null && refreshing && <LoadingState label="Loading the delivery report" />}
        {error !== null && (
          <ErrorState title="The delivery report could not be loaded." error={error} onRetry={() => void refresh()} />
        )}
        {report && <ReportBody report={report} clock={clock} />}
      </section>
    </section>
  );
}

function ReportBody({ report, clock }: { report: DeliveryReport; clock: ClockOptions | undefined }) {
  const styles = useStyles();
  if (report.totals.total === 0) {
    return (
      <Text>
        Nothing has been sent about this session yet. Reminders are planned shortly before it starts, for everyone going
        or maybe.
      </Text>
    );
  }
  const reasons = [
    ...Object.entries(report.failuresByReason).map(
      ([reason, n]) => `Failed: ${FAILURE_LABELS[reason as keyof typeof FAILURE_LABELS]} (${n})`,
    ),
    ...Object.entries(report.skippedByReason).map(
      ([reason, n]) => `Skipped: ${SKIP_LABELS[reason as keyof typeof SKIP_LABELS]} (${n})`,
    ),
  ];
  return (
    <>
      <DeliveryChart totals={report.totals} />
      {reasons.length > 0 && (
        <ul className={styles.reasons} aria-label="Why some were not sent">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <DeliveryTable lines={report.deliveries} clock={clock} />
    </>
  );
}
