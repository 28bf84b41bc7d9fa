import { Label, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';

const useStyles = makeStyles({
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  hint: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface TextAreaFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Shown under the text area, e.g. the character count. */
  readonly hint: string;
  /** What is wrong, announced as it appears; empty when nothing is. */
  readonly error: string;
}

/**
 * A labelled text area with a hint and an error message, both tied to it with aria-describedby. Fluent's
 * Field would do the same, but in this lazy chunk it would split Field out of the Select chunk that the
 * first load of every surface shares, costing each about 0.5 kB gzip.
 */
export function TextAreaField({ label, value, onChange, hint, error }: TextAreaFieldProps) {
  const styles = useStyles();
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  return (
    <div className={styles.field}>
      <Label htmlFor={id}>{label}</Label>
      <Textarea
        id={id}
        value={value}
        resize="vertical"
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        aria-invalid={error ? true : undefined}
        onChange={(_, data) => onChange(data.value)}
      />
      <Text id={errorId} role="alert" size={200} className={styles.error}>
        {error}
      </Text>
      <Text id={hintId} size={200} className={styles.hint}>
        {hint}
      </Text>
    </div>
  );
}
