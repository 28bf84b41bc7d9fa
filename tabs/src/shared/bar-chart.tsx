import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { visuallyHidden } from './visually-hidden';

/**
 * A bar's parts: its track, its fill (the brand colour; the system's text colour in forced colours) and its
 * number. The bar chart uses them, and so can a meter in a table cell.
 */
export const useBarStyles = makeStyles({
  track: {
    flexGrow: 1,
    height: '0.75rem',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    overflow: 'hidden',
  },
  fill: {
    display: 'block',
    height: '100%',
    backgroundColor: tokens.colorBrandBackground,
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'CanvasText' },
  },
  number: { fontVariantNumeric: 'tabular-nums', textAlign: 'end' },
});

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  caption: { fontWeight: tokens.fontWeightSemibold },
  bars: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  // Fixed columns, so every row's label, bar and number line up with the others'.
  bar: {
    display: 'grid',
    gridTemplateColumns: '8rem minmax(4rem, 1fr) 3.5rem',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
  visuallyHidden,
});

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** Colours this bar's fill instead of the brand colour. */
  readonly fillClassName?: string;
  /** What the bar stands for, on its fill as `data-state`, where a chart tells states apart. */
  readonly state?: string;
}

export interface BarChartProps {
  readonly caption: string;
  readonly bars: readonly Bar[];
  /** What every figure is out of: the bars are drawn to it and read "3 of 7". The largest figure otherwise. */
  readonly total?: number;
  /** Other column widths (label, bar, number) for each row, where the labels need them. */
  readonly rowClassName?: string;
}

/**
 * Horizontal bars, one per figure, each with its label and number in text: the bars are for the eye, the
 * words for everyone (a screen reader hears "4 stars: 3 of 7"). Colours are Fluent tokens, and in forced
 * colours the bars take the system's text colour.
 */
export function BarChart({ caption, bars, total, rowClassName }: BarChartProps) {
  const styles = useStyles();
  const bar = useBarStyles();
  const captionId = useId();
  const widest = Math.max(1, total ?? Math.max(0, ...bars.map((b) => b.value)));
  return (
    <figure className={styles.figure} aria-labelledby={captionId}>
      <figcaption id={captionId} className={styles.caption}>
        {caption}
      </figcaption>
      <ul className={styles.bars}>
        {bars.map((b) => (
          <li key={b.key} className={mergeClasses(styles.bar, rowClassName)}>
            <span>{b.label}</span>
            <span className={bar.track} aria-hidden="true">
              <span
                className={mergeClasses(bar.fill, b.fillClassName)}
                style={{ width: `${(b.value / widest) * 100}%` }}
                data-value={b.value}
                data-state={b.state}
              />
            </span>
            <span className={bar.number}>
              {b.value}
              {total !== undefined && <span className={styles.visuallyHidden}> of {total}</span>}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
