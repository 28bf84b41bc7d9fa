import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { TextAreaField } from './text-area-field';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface TextFormProps {
  readonly label: string;
  readonly initial?: string;
  readonly maxLength: number;
  /** Whether an empty text may be submitted (a written answer is optional). */
  readonly optional?: boolean;
  readonly submitLabel: string;
  readonly busy: boolean;
  /** Resolves true once saved; the form then closes. */
  readonly onSubmit: (text: string) => Promise<boolean>;
  readonly onCancel: () => void;
}

/** A short inline form with one text area: editing one's question, or writing an answer. */
export function TextForm({
  label,
  initial = '',
  maxLength,
  optional,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
}: TextFormProps) {
  const styles = useStyles();
  const [text, setText] = useState(initial);
  const [error, setError] = useState('');
  const length = text.trim().length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!optional && length === 0) return setError('Write something first.');
    if (length > maxLength) return setError(`Keep it to ${maxLength} characters.`);
    setError('');
    if (await onSubmit(text.trim())) onCancel();
  }

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)}>
      <TextAreaField
        label={label}
        value={text}
        hint={`${length} of ${maxLength} characters`}
        error={error}
        onChange={setText}
      />
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" size="small" disabledFocusable={busy}>
          {submitLabel}
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
