import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { QnaRole, QuestionView } from '@peerloop/core';
import { memo, useState } from 'react';
import { ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH } from './qna-api';
import { TextForm } from './text-form';
import type { QnaHandlers } from './use-qna-actions';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: 'anywhere',
  },
  nowAnswering: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  // Plain text: line breaks as typed, markup shown as the characters it is.
  text: { margin: 0, whiteSpace: 'pre-wrap', fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  meta: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  answer: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  answerText: { margin: 0, whiteSpace: 'pre-wrap' },
});

const STATE_LABELS: Record<QuestionView['state'], string> = {
  pending: 'Waiting for approval',
  open: 'Open',
  answered: 'Answered',
  dismissed: 'Dismissed',
  withdrawn: 'Withdrawn',
  'carried-over': 'Carried over',
};

type Editing = 'none' | 'edit' | 'answer' | 'withdraw';

export interface QuestionCardProps {
  readonly question: QuestionView;
  readonly nowAnswering: boolean;
  readonly role: QnaRole;
  /** Whether the reader may vote (members and hosts of an open queue, not observers). */
  readonly canVote: boolean;
  /** Hosts putting the queue in a hand order: the card offers Move up and Move down. */
  readonly reordering: boolean;
  readonly canMoveUp: boolean;
  readonly canMoveDown: boolean;
  readonly busy: boolean;
  readonly handlers: QnaHandlers;
}

/** Ids of a card's move buttons, so focus can follow a question the list just moved. */
export const moveButtonId = (questionId: string, by: -1 | 1) => `qna-move-${by < 0 ? 'up' : 'down'}-${questionId}`;

/**
 * One question: its text (plain text, never markup), who asked ("Anonymous" when anonymous), votes and
 * state, and what the reader may do with it: vote, edit or withdraw their own, or a host's actions.
 */
export const QuestionCard = memo(function QuestionCard({
  question,
  nowAnswering,
  role,
  canVote,
  reordering,
  canMoveUp,
  canMoveDown,
  busy,
  handlers,
}: QuestionCardProps) {
  const styles = useStyles();
  const [editing, setEditing] = useState<Editing>('none');
  const textId = `qna-text-${question.id}`;
  const host = role === 'host';
  const waiting = question.state === 'open' || question.state === 'pending';
  const votes = question.votes === 1 ? '1 vote' : `${question.votes} votes`;
  const close = () => setEditing('none');
  const answerForm = (submitLabel: string) => (
    <TextForm
      label="Written answer (optional)"
      initial={question.answer?.text ?? ''}
      maxLength={ANSWER_MAX_LENGTH}
      optional
      submitLabel={submitLabel}
      busy={busy}
      onSubmit={(text) => handlers.moderate(question, 'answer', text || undefined)}
      onCancel={close}
    />
  );

  return (
    <article className={mergeClasses(styles.card, nowAnswering && styles.nowAnswering)} aria-labelledby={textId}>
      {(nowAnswering || question.state !== 'open' || question.mine) && (
        <div className={styles.badges}>
          {nowAnswering && (
            <Badge appearance="filled" color="brand">
              Now answering
            </Badge>
          )}
          {question.state !== 'open' && (
            <Badge appearance="tint" color={question.state === 'pending' ? 'warning' : 'informative'}>
              {STATE_LABELS[question.state]}
            </Badge>
          )}
          {question.mine && (
            <Badge appearance="outline" color="informative">
              {question.anonymous ? 'Your question, asked anonymously' : 'Your question'}
            </Badge>
          )}
        </div>
      )}
      <p id={textId} className={styles.text}>
        {question.text}
      </p>
      <Text size={200} className={styles.meta}>
        {question.anonymous ? 'Anonymous' : (question.askedBy ?? 'A colleague')} · {votes}
      </Text>

      {question.answer && editing !== 'answer' && (
        <div className={styles.answer}>
          <Text size={200} weight="semibold">
            Answer from {question.answer.answeredBy}
          </Text>
          <p className={styles.answerText}>{question.answer.text}</p>
        </div>
      )}
      {question.state === 'carried-over' && (
        <Text size={200} className={styles.meta}>
          Carried over to the cohort’s next session.
        </Text>
      )}

      {editing === 'none' && (
        <div className={styles.actions}>
          {canVote && question.state === 'open' && (
            <Button
              size="small"
              appearance={question.votedByMe ? 'primary' : 'secondary'}
              aria-pressed={question.votedByMe}
              aria-describedby={textId}
              disabledFocusable={busy}
              onClick={() => handlers.vote(question)}
            >
              Vote
            </Button>
          )}
          {question.canEdit && (
            <>
              <Button size="small" aria-describedby={textId} onClick={() => setEditing('edit')}>
                Edit
              </Button>
              <Button size="small" aria-describedby={textId} onClick={() => setEditing('withdraw')}>
                Withdraw
              </Button>
            </>
          )}
          {host && (
            <HostActions
              question={question}
              nowAnswering={nowAnswering}
              reordering={reordering && waiting}
              canMoveUp={canMoveUp}
              canMoveDown={canMoveDown}
              busy={busy}
              describedBy={textId}
              handlers={handlers}
              onAnswer={() => setEditing('answer')}
            />
          )}
        </div>
      )}

      {editing === 'edit' && (
        <TextForm
          label="Your question"
          initial={question.text}
          maxLength={QUESTION_MAX_LENGTH}
          submitLabel="Save"
          busy={busy}
          onSubmit={(text) => handlers.edit(question, text)}
          onCancel={close}
        />
      )}
      {editing === 'withdraw' && (
        <div className={styles.actions} role="group" aria-label="Withdraw this question?">
          <Text>Withdraw this question? It leaves the queue for everyone.</Text>
          <Button
            size="small"
            appearance="primary"
            disabledFocusable={busy}
            onClick={() => void handlers.withdraw(question).then(close)}
          >
            Withdraw
          </Button>
          <Button size="small" onClick={close}>
            Keep it
          </Button>
        </div>
      )}
      {editing === 'answer' && answerForm(question.state === 'answered' ? 'Save answer' : 'Mark answered')}
    </article>
  );
});

interface HostActionsProps {
  readonly question: QuestionView;
  readonly nowAnswering: boolean;
  readonly reordering: boolean;
  readonly canMoveUp: boolean;
  readonly canMoveDown: boolean;
  readonly busy: boolean;
  readonly describedBy: string;
  readonly handlers: QnaHandlers;
  readonly onAnswer: () => void;
}

/** A host's buttons for one question, by its state; in reorder mode, Move up and Move down only. */
function HostActions({
  question,
  nowAnswering,
  reordering,
  canMoveUp,
  canMoveDown,
  busy,
  describedBy,
  handlers,
  onAnswer,
}: HostActionsProps) {
  const common = { size: 'small', 'aria-describedby': describedBy, disabledFocusable: busy } as const;
  if (reordering) {
    return nowAnswering ? null : (
      <>
        <Button
          {...common}
          id={moveButtonId(question.id, -1)}
          disabledFocusable={busy || !canMoveUp}
          onClick={() => handlers.move(question, -1)}
        >
          Move up
        </Button>
        <Button
          {...common}
          id={moveButtonId(question.id, 1)}
          disabledFocusable={busy || !canMoveDown}
          onClick={() => handlers.move(question, 1)}
        >
          Move down
        </Button>
      </>
    );
  }
  const act = (action: Parameters<QnaHandlers['moderate']>[1]) => () => void handlers.moderate(question, action);
  switch (question.state) {
    case 'pending':
      return (
        <>
          <Button {...common} appearance="primary" onClick={act('approve')}>
            Approve
          </Button>
          <Button {...common} onClick={act('dismiss')}>
            Dismiss
          </Button>
        </>
      );
    case 'open':
      return (
        <>
          <Button {...common} onClick={act(nowAnswering ? 'unpin' : 'pin')}>
            {nowAnswering ? 'Unpin' : 'Pin'}
          </Button>
          <Button {...common} onClick={onAnswer}>
            Mark answered
          </Button>
          <Button {...common} onClick={act('dismiss')}>
            Dismiss
          </Button>
        </>
      );
    case 'answered':
      return (
        <>
          <Button {...common} onClick={onAnswer}>
            {question.answer ? 'Edit answer' : 'Write an answer'}
          </Button>
          <Button {...common} onClick={act('reopen')}>
            Reopen
          </Button>
        </>
      );
    case 'dismissed':
      return (
        <Button {...common} onClick={act('restore')}>
          Restore
        </Button>
      );
    default:
      return null;
  }
}
