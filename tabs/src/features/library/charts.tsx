import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { visuallyHidden } from './visually-hidden';

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
  meter: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: '8rem' },
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
  visuallyHidden,
});

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
}

/**
 * Horizontal bars, one per figure, each with its label and number in text: the bars are for the eye, the
 * words for everyone (a screen reader hears "4 stars: 3 of 7"). Colours are Fluent tokens, and in forced
 * colours the bars take the system's text colour.
 */
export function BarChart({ caption, bars, total }: { caption: string; bars: readonly Bar[]; total?: number }) {
  const styles = useStyles();
  const captionId = useId();
  const widest = Math.max(1, total ?? Math.max(0, ...bars.map((b) => b.value)));
  return (
    <figure className={styles.figure} aria-labelledby={captionId}>
      <figcaption id={captionId} className={styles.caption}>
        {caption}
      </figcaption>
      <ul className={styles.bars}>
        {bars.map((bar) => (
          <li key={bar.key} className={styles.bar}>
            <span>{bar.label}</span>
            <span className={styles.track} aria-hidden="true">
              <span
                className={styles.fill}
                style={{ width: `${(bar.value / widest) * 100}%` }}
                data-value={bar.value}
              />
            </span>
            <span className={styles.number}>
              {bar.value}
              {total !== undefined && <span className={styles.visuallyHidden}> of {total}</span>}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** A number with a bar beside it, for a table cell; the number is the cell's text. */
export function Meter({ value, max, text }: { value: number; max: number; text?: string }) {
  const styles = useStyles();
  return (
    <span className={styles.meter}>
      <span className={styles.number}>{text ?? value}</span>
      <span className={styles.track} aria-hidden="true">
        <span className={styles.fill} style={{ width: `${(value / Math.max(1, max)) * 100}%` }} />
      </span>
    </span>
  );
}
