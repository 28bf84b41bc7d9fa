import { Button, Checkbox, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { QuestionView } from '@peerloop/core';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { QUESTION_MAX_LENGTH, askQuestion } from './qna-api';
import type { AskSource } from './qna-api';
import { TextAreaField } from './text-area-field';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  anonymous: { display: 'flex', flexDirection: 'column' },
  hint: { color: tokens.colorNeutralForeground2, paddingLeft: tokens.spacingHorizontalXXL },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** What is wrong with a question before it is sent, or '' when nothing is. */
export function checkQuestion(text: string): string {
  const length = text.trim().length;
  if (length === 0) return 'Write your question first.';
  if (length > QUESTION_MAX_LENGTH)
    return `Keep your question to ${QUESTION_MAX_LENGTH} characters (it has ${length}).`;
  return '';
}

/** "you can ask 5 questions…; please wait a little" as a sentence, with when to try again. */
export function describeRefusal(error: unknown): string {
  if (!(error instanceof ApiError)) return describeError(error);
  const sentence = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  const message = /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
  if (error.code !== 'rate_limited' || error.retryAfterSeconds === null) return message;
  const seconds = error.retryAfterSeconds;
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
  return `${message} Try again in ${wait}.`;
}

export interface AskFormProps {
  readonly sessionId: string;
  readonly source: AskSource;
  /** Whether the reader's question will wait for approval (a moderated queue, asked by a participant). */
  readonly awaitsApproval: boolean;
  readonly onAsked: (question: QuestionView) => void;
}

/**
 * Asking: the question (plain text, with a live count to the limit) and "Ask anonymously"; validation and
 * rate-limit messages show by the field.
 */
export function AskForm({ sessionId, source, awaitsApproval, onAsked }: AskFormProps) {
  const styles = useStyles();
  const api = useApi();
  const hintId = useId();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [fieldError, setFieldError] = useState('');
  const [failure, setFailure] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const length = text.trim().length;
  const tooLong = length > QUESTION_MAX_LENGTH;
  const message = fieldError || (tooLong ? checkQuestion(text) : '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const problem = checkQuestion(text);
    setFieldError(problem);
    setFailure('');
    setStatus('');
    if (problem) return;
    setBusy(true);
    try {
      const question = await askQuestion(api, sessionId, { text: text.trim(), anonymous, source });
      onAsked(question);
      setText('');
      setStatus(
        question.state === 'pending' || awaitsApproval
          ? 'Your question was sent. It shows in the queue once a facilitator approves it.'
          : 'Your question is in the queue.',
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed' && error.fields.length > 0) {
        const field = error.fields.find((f) => f.path === 'text') ?? error.fields[0]!;
        setFieldError(field.path === 'text' ? `Your question ${field.message}.` : `${field.path} ${field.message}.`);
      } else if (error instanceof ApiError && error.code === 'rate_limited') {
        setFieldError(describeRefusal(error));
      } else {
        setFailure(describeRefusal(error));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} aria-label="Ask a question">
      <TextAreaField
        label="Your question"
        value={text}
        hint={`${length} of ${QUESTION_MAX_LENGTH} characters`}
        error={message}
        onChange={(value) => {
          setText(value);
          if (fieldError) setFieldError('');
        }}
      />
      <div className={styles.anonymous}>
        <Checkbox
          label="Ask anonymously"
          checked={anonymous}
          aria-describedby={hintId}
          onChange={(_, data) => setAnonymous(data.checked === true)}
        />
        <Text id={hintId} size={200} className={styles.hint}>
          Facilitators won’t see who asked, and nor will anyone else.
        </Text>
      </div>
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          Ask
        </Button>
        <Text role="status">{status}</Text>
      </div>
      <Text role="alert" className={styles.error}>
        {failure}
      </Text>
    </form>
  );
}
