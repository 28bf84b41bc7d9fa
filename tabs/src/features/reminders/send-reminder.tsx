import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { TextAreaField } from '../qna/text-area-field';
import type { ClockOptions } from '../sessions/format';
import { describeSendOutcome, readableMessage } from './delivery-labels';
import { NOTE_MAX_LENGTH, sendReminderNow } from './reminders-api';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface SendReminderProps {
  readonly sessionId: string;
  /** Called after a reminder was queued, so the report can show it. */
  readonly onSent: () => void;
  readonly clock?: ClockOptions;
}

/**
 * "Send reminder now" with an optional note: the reminder goes to everyone going or maybe. Shows progress
 * while the API stores and starts sending the deliveries, then how many were queued, sent and failed.
 */
export function SendReminder({ sessionId, onSent, clock }: SendReminderProps) {
  const styles = useStyles();
  const api = useApi();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [failure, setFailure] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setOutcome('');
    setFailure('');
    if (note.trim().length > NOTE_MAX_LENGTH) {
      setNoteError(`The note must be at most ${NOTE_MAX_LENGTH} characters.`);
      return;
    }
    setNoteError('');
    setSending(true);
    try {
      const result = await sendReminderNow(api, sessionId, note);
      setNote('');
      setOutcome(describeSendOutcome(result));
      onSent();
    } catch (error) {
      const onNote = error instanceof ApiError ? error.fields.find((f) => f.path === 'note') : undefined;
      if (onNote) setNoteError(`The note ${onNote.message}.`);
      else setFailure(error instanceof ApiError ? readableMessage(describeError(error), clock) : describeError(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className={styles.form} aria-label="Send reminder now" noValidate onSubmit={submit}>
      <TextAreaField
        label="Note (optional)"
        value={note}
        onChange={setNote}
        hint={`Shown on the reminder card. ${note.trim().length} of ${NOTE_MAX_LENGTH} characters.`}
        error={noteError}
      />
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabledFocusable={sending}>
          Send reminder now
        </Button>
        <div role="status">
          {sending ? (
            <Spinner size="tiny" label="Sending the reminder…" labelPosition="after" />
          ) : (
            <Text>{outcome}</Text>
          )}
        </div>
      </div>
      <Text role="alert" className={styles.error}>
        {failure}
      </Text>
    </form>
  );
}
