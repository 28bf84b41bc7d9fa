import { makeStyles, tokens } from '@fluentui/react-components';
import type { DeliveryReport } from '@peerloop/core';
import { BarChart } from '../../shared/bar-chart';
import { chartBars } from './delivery-labels';

const useStyles = makeStyles({
  // Wider labels ("Waiting to send"), narrower counts.
  row: { gridTemplateColumns: '9rem minmax(4rem, 1fr) 3rem' },
  sent: { backgroundColor: tokens.colorStatusSuccessBackground3 },
  pending: { backgroundColor: tokens.colorBrandBackground },
  failed: { backgroundColor: tokens.colorStatusDangerBackground3 },
  optedOut: { backgroundColor: tokens.colorNeutralStrokeAccessible },
  skipped: { backgroundColor: tokens.colorStatusWarningBackground3 },
});

/**
 * The report's totals as horizontal bars, one per state, each with its name and count in text: the bars are
 * for the eye, the words for everyone (a screen reader hears "Sent 4 of 6").
 */
export function DeliveryChart({ totals }: { totals: DeliveryReport['totals'] }) {
  const styles = useStyles();
  return (
    <BarChart
      caption={`Deliveries by state (${totals.total} in all)`}
      total={totals.total}
      rowClassName={styles.row}
      bars={chartBars(totals).map((bar) => ({
        key: bar.state,
        label: bar.label,
        value: bar.count,
        state: bar.state,
        fillClassName: styles[bar.state],
      }))}
    />
  );
}
