import { makeStyles, tokens } from '@fluentui/react-components';
import { useBarStyles } from '../../shared/bar-chart';

export { BarChart } from '../../shared/bar-chart';

const useStyles = makeStyles({
  meter: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: '8rem' },
});

/** A number with a bar beside it, for a table cell; the number is the cell's text. */
export function Meter({ value, max, text }: { value: number; max: number; text?: string }) {
  const styles = useStyles();
  const bar = useBarStyles();
  return (
    <span className={styles.meter}>
      <span className={bar.number}>{text ?? value}</span>
      <span className={bar.track} aria-hidden="true">
        <span className={bar.fill} style={{ width: `${(value / Math.max(1, max)) * 100}%` }} />
      </span>
    </span>
  );
}
