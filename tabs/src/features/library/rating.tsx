import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { describeRating, formatAverage } from './labels';
import { visuallyHidden } from '../../shared/visually-hidden';

const useStyles = makeStyles({
  stars: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  glyphs: { color: tokens.colorPaletteMarigoldForeground1, letterSpacing: '0.05em' },
  empty: { color: tokens.colorNeutralForeground4 },
  fieldset: { margin: 0, padding: 0, border: 'none', minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  choices: { display: 'flex', gap: tokens.spacingHorizontalXS },
  choice: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: '2.25rem',
    minHeight: '2.25rem',
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase500,
    color: tokens.colorNeutralForeground4,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-within': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  lit: {
    color: tokens.colorPaletteMarigoldForeground1,
    '@media (forced-colors: active)': { color: 'Highlight' },
  },
  disabled: { cursor: 'not-allowed', opacity: 0.6 },
  visuallyHidden,
});

/** An item's average as five stars, with its number and count in words for everyone. */
export function RatingStars({ rating }: { rating: { readonly average: number; readonly count: number } }) {
  const styles = useStyles();
  const full = Math.round(rating.average);
  return (
    <span className={styles.stars}>
      <span aria-hidden="true">
        <span className={styles.glyphs}>{'★'.repeat(full)}</span>
        <span className={styles.empty}>{'★'.repeat(5 - full)}</span>
      </span>
      <span aria-hidden="true">
        {rating.count === 0 ? 'No ratings' : `${formatAverage(rating.average)} (${rating.count})`}
      </span>
      <span className={styles.visuallyHidden}>{describeRating(rating)}</span>
    </span>
  );
}

export interface RatingInputProps {
  /** My rating, if I gave one. */
  readonly value: number | undefined;
  readonly onChange: (stars: number) => void;
  readonly disabled?: boolean;
  readonly legend?: string;
}

/**
 * My rating, 1 to 5 stars: a native radio group (arrow keys move and choose, Tab leaves it), each star a
 * label "3 stars"; the stars up to the chosen one are lit.
 */
export function RatingInput({ value, onChange, disabled = false, legend = 'Your rating' }: RatingInputProps) {
  const styles = useStyles();
  const name = useId();
  return (
    <fieldset className={styles.fieldset} disabled={disabled}>
      <legend className={styles.legend}>{legend}</legend>
      <div className={styles.choices}>
        {[1, 2, 3, 4, 5].map((stars) => (
          <label
            key={stars}
            className={mergeClasses(
              styles.choice,
              value !== undefined && stars <= value && styles.lit,
              disabled && styles.disabled,
            )}
          >
            <input
              type="radio"
              name={name}
              value={stars}
              checked={value === stars}
              disabled={disabled}
              className={styles.visuallyHidden}
              onChange={() => onChange(stars)}
            />
            <span aria-hidden="true">★</span>
            <span className={styles.visuallyHidden}>{stars === 1 ? '1 star' : `${stars} stars`}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
