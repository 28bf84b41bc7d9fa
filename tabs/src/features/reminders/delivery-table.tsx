import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { DeliveryReportLine } from '@peerloop/core';
import type { ClockOptions } from '../sessions/format';
import { KIND_LABELS, formatMoment, reasonLabel, stateLabel } from './delivery-labels';

const useStyles = makeStyles({
  // Wide tables scroll on their own in the narrow dialog; the region takes focus so keyboards can scroll it.
  scroll: {
    overflowX: 'auto',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: { width: '100%', borderCollapse: 'collapse' },
  caption: { textAlign: 'start', color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXS },
  cell: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    textAlign: 'start',
    verticalAlign: 'top',
  },
  rowHeader: { fontWeight: tokens.fontWeightRegular },
});

export interface DeliveryTableProps {
  readonly lines: readonly DeliveryReportLine[];
  readonly clock?: ClockOptions;
}

/** One row per delivery: to whom, what, its state, why it failed or was skipped, and when it went or is due. */
export function DeliveryTable({ lines, clock }: DeliveryTableProps) {
  const styles = useStyles();
  return (
    <div className={styles.scroll} role="region" aria-label="Deliveries, scrollable" tabIndex={0}>
      <table className={styles.table}>
        <caption className={styles.caption}>Deliveries for this session, soonest due first</caption>
        <thead>
          <tr>
            {['Recipient', 'Kind', 'State', 'Reason', 'Time'].map((name) => (
              <th key={name} className={styles.cell} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const at = line.sentAt ?? line.dueAt;
            return (
              <tr key={line.id}>
                <th className={mergeClasses(styles.cell, styles.rowHeader)} scope="row">
                  {line.recipient.displayName}
                </th>
                <td className={styles.cell}>{KIND_LABELS[line.kind]}</td>
                <td className={styles.cell}>{stateLabel(line)}</td>
                <td className={styles.cell}>{reasonLabel(line)}</td>
                <td className={styles.cell}>
                  {line.sentAt ? 'Sent ' : 'Due '}
                  <time dateTime={at}>{formatMoment(at, clock)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
