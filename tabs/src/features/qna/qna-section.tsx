import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { QuestionView } from '@peerloop/core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../platform/api-client';
import { ErrorState, LoadingState } from '../../shared/status';
import { AskForm } from './ask-form';
import { HostTools } from './host-tools';
import { QnaAgreements } from './qna-agreements';
import type { AskSource } from './qna-api';
import { QuestionCard, moveButtonId } from './question-card';
import { applyOwn } from './queue-state';
import type { QueueMeta } from './queue-state';
import { useLiveQueue } from './use-live-queue';
import type { LiveQueueTuning } from './use-live-queue';
import type { LiveMode } from './live-queue';
import { useQnaActions } from './use-qna-actions';
import type { QnaActionState, QnaHandlers } from './use-qna-actions';
import { visuallyHidden } from '../../shared/visually-hidden';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  compactList: { gap: tokens.spacingVerticalXS },
  archive: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  summary: {
    cursor: 'pointer',
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  error: { color: tokens.colorPaletteRedForeground1 },
  visuallyHidden,
});

const MODE_LABELS: Record<LiveMode, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Updating every few seconds',
  off: '',
};

export interface QnaSectionProps {
  readonly sessionId: string;
  /** The session's cohort, whose agreements a member may need to accept first. */
  readonly cohortId: string;
  /** Where questions are asked from: the meeting side panel or the channel tab. */
  readonly source: AskSource;
  /** The side panel's narrow layout (about 320 px): the archive starts folded. */
  readonly compact?: boolean;
  /** Tests tune the live connection's timers. */
  readonly tuning?: LiveQueueTuning;
}

/**
 * A session's Q&A: the live queue (ask, vote, edit or withdraw one's own; hosts run it), and the archive
 * of answered and carried-over questions with their written answers. Questions others add are announced
 * politely, a burst as one message.
 */
export function QnaSection({ sessionId, cohortId, source, compact = false, tuning }: QnaSectionProps) {
  const styles = useStyles();
  const headingId = useId();
  const live = useLiveQueue(sessionId, tuning);
  const actions = useQnaActions(sessionId, live);
  const { state, error } = live;

  let body;
  if (live.status === 'loading') body = <LoadingState label="Loading questions" />;
  else if (live.status === 'error') {
    if (error instanceof ApiError && error.code === 'agreements_required') {
      body = <QnaAgreements cohortId={cohortId} onAccepted={live.reload} />;
    } else if (error instanceof ApiError && error.code === 'forbidden') {
      body = <Text>Only members of this session’s cohort can see its questions.</Text>;
    } else {
      body = <ErrorState title="Questions could not be loaded." error={error} onRetry={live.reload} />;
    }
  } else if (state && !state.meta.enabled) {
    body = <Text>Questions are off for this session.</Text>;
  } else if (state) {
    body = <Queue meta={state.meta} live={live} actions={actions} source={source} compact={compact} />;
  }

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <div className={styles.header}>
        <h3 id={headingId} className={styles.heading}>
          Questions
        </h3>
        {live.status === 'ready' && (
          <Text size={200} className={styles.muted}>
            {MODE_LABELS[live.mode]}
          </Text>
        )}
      </div>
      {body}
      <div role="status" className={styles.visuallyHidden}>
        {live.arrivals}
      </div>
      <Text role="status">{actions.announcement}</Text>
      <Text role="alert" className={styles.error}>
        {actions.failure}
      </Text>
    </section>
  );
}

interface QueueProps {
  readonly meta: QueueMeta;
  readonly live: ReturnType<typeof useLiveQueue>;
  readonly actions: QnaActionState;
  readonly source: AskSource;
  readonly compact: boolean;
}

function Queue({ meta, live, actions, source, compact }: QueueProps) {
  const styles = useStyles();
  const host = meta.role === 'host';
  const [reordering, setReordering] = useState(false);
  const { handlers, busy } = actions;
  const { live: waiting, archive } = live.arranged;
  const cardHandlers = useFollowFocus(handlers, waiting);
  const orderable = waiting.filter((q) => q.id !== meta.nowAnswering);
  const card = (question: QuestionView) => (
    <li key={question.id}>
      <QuestionCard
        question={question}
        nowAnswering={question.id === meta.nowAnswering}
        role={meta.role}
        canVote={meta.canAsk}
        reordering={reordering}
        canMoveUp={orderable[0]?.id !== question.id}
        canMoveDown={orderable.at(-1)?.id !== question.id}
        busy={busy.has(question.id)}
        handlers={cardHandlers}
      />
    </li>
  );
  const ask = meta.canAsk && (
    <AskForm
      sessionId={meta.sessionId}
      source={source}
      awaitsApproval={meta.moderated && !host}
      onAsked={(question) => live.update((state) => applyOwn(state, question))}
    />
  );

  return (
    <>
      {host && (
        <HostTools
          meta={meta}
          arranged={live.arranged}
          actions={actions}
          reordering={reordering}
          onReorderingChange={setReordering}
        />
      )}
      {!host && ask}
      {waiting.length > 0 ? (
        <ol className={mergeClasses(styles.list, compact && styles.compactList)} aria-label="Question queue">
          {waiting.map(card)}
        </ol>
      ) : (
        <Text className={styles.muted}>
          {meta.canAsk ? 'No questions yet. Ask the first one.' : 'No questions yet.'}
        </Text>
      )}
      {archive.length > 0 && (
        <details className={styles.archive} open={!compact}>
          <summary className={styles.summary}>Answered and earlier questions ({archive.length})</summary>
          <ul className={styles.list} aria-label="Answered and earlier questions">
            {archive.map(card)}
          </ul>
        </details>
      )}
      {host && ask}
    </>
  );
}

/**
 * Handlers whose "move" keeps keyboard focus on the moved question's button: reordering the list moves
 * DOM nodes, which drops focus in some browsers.
 */
function useFollowFocus(handlers: QnaHandlers, order: readonly QuestionView[]): QnaHandlers {
  const pending = useRef<{ id: string; until: number } | null>(null);
  useEffect(() => {
    const target = pending.current;
    if (!target) return;
    if (Date.now() > target.until) {
      pending.current = null;
      return;
    }
    const button = document.getElementById(target.id);
    if (button && document.activeElement !== button) button.focus();
  }, [order]);
  return useMemo(
    () => ({
      ...handlers,
      move: (question, by) => {
        pending.current = { id: moveButtonId(question.id, by), until: Date.now() + 2000 };
        handlers.move(question, by);
      },
    }),
    [handlers],
  );
}

export default QnaSection;
