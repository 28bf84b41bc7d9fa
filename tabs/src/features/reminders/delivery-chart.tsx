import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { DeliveryReport } from '@peerloop/core';
import { useId } from 'react';
import { chartBars } from './delivery-labels';
import { visuallyHidden } from './visually-hidden';

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  caption: { fontWeight: tokens.fontWeightSemibold },
  bars: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  // Fixed columns, so every row's label, bar and count line up with the others'.
  bar: {
    display: 'grid',
    gridTemplateColumns: '9rem minmax(4rem, 1fr) 3rem',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
  track: {
    height: '0.75rem',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    overflow: 'hidden',
  },
  fill: {
    display: 'block',
    height: '100%',
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'CanvasText' },
  },
  sent: { backgroundColor: tokens.colorStatusSuccessBackground3 },
  pending: { backgroundColor: tokens.colorBrandBackground },
  failed: { backgroundColor: tokens.colorStatusDangerBackground3 },
  optedOut: { backgroundColor: tokens.colorNeutralStrokeAccessible },
  skipped: { backgroundColor: tokens.colorStatusWarningBackground3 },
  count: { fontVariantNumeric: 'tabular-nums', textAlign: 'end' },
  visuallyHidden,
});

/**
 * The report's totals as horizontal bars, one per state, each with its name and count in text: the bars are
 * for the eye, the words for everyone (a screen reader hears "Sent 4 of 6").
 */
export function DeliveryChart({ totals }: { totals: DeliveryReport['totals'] }) {
  const styles = useStyles();
  const captionId = useId();
  const widest = Math.max(1, totals.total);
  return (
    <figure className={styles.figure} aria-labelledby={captionId}>
      <figcaption id={captionId} className={styles.caption}>
        Deliveries by state ({totals.total} in all)
      </figcaption>
      <ul className={styles.bars}>
        {chartBars(totals).map((bar) => (
          <li key={bar.state} className={styles.bar}>
            <span>{bar.label}</span>
            <span className={styles.track} aria-hidden="true">
              <span
                className={mergeClasses(styles.fill, styles[bar.state])}
                style={{ width: `${(bar.count / widest) * 100}%` }}
                data-state={bar.state}
              />
            </span>
            <span className={styles.count}>
              {bar.count}
              <span className={styles.visuallyHidden}> of {totals.total}</span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
