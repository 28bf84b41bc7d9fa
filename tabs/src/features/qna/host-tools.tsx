import { Button, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Arranged, QueueMeta } from './queue-state';
import { QUEUE_ACTION } from './use-qna-actions';
import type { QnaActionState } from './use-qna-actions';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  buttons: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface HostToolsProps {
  readonly meta: QueueMeta;
  readonly arranged: Arranged;
  readonly actions: QnaActionState;
  readonly reordering: boolean;
  readonly onReorderingChange: (reordering: boolean) => void;
}

/**
 * What facilitators and presenters do with the whole queue: moderation, "Next question", putting it in a
 * hand order (with buttons, not only by dragging), carrying the unanswered over, and CSV export.
 */
export function HostTools({ meta, arranged, actions, reordering, onReorderingChange }: HostToolsProps) {
  const styles = useStyles();
  const [confirmCarry, setConfirmCarry] = useState(false);
  const busy = actions.busy.has(QUEUE_ACTION);
  const { handlers } = actions;
  const waiting = arranged.live.length;
  const handOrdered = arranged.live.some((q) => q.position !== null);

  return (
    <section className={styles.root} aria-label="Facilitator controls">
      <Switch
        label="Approve questions before everyone sees them"
        checked={meta.moderated}
        onChange={(_, data) => handlers.setModerated(data.checked)}
      />
      <div className={styles.buttons}>
        <Button appearance="primary" disabledFocusable={busy} onClick={handlers.next}>
          Next question
        </Button>
        {(waiting > 1 || reordering) && (
          <Button aria-pressed={reordering} onClick={() => onReorderingChange(!reordering)}>
            Reorder by hand
          </Button>
        )}
        {handOrdered && (
          <Button disabledFocusable={busy} onClick={handlers.clearOrder}>
            Order by votes
          </Button>
        )}
        {waiting > 0 && !confirmCarry && (
          <Button disabledFocusable={busy} onClick={() => setConfirmCarry(true)}>
            Carry over unanswered
          </Button>
        )}
        <Button disabledFocusable={busy} onClick={handlers.exportCsv}>
          Export CSV
        </Button>
      </div>
      {confirmCarry && (
        <div className={styles.buttons} role="group" aria-label="Carry over unanswered questions">
          <Text>
            Move {waiting === 1 ? 'the 1 unanswered question' : `the ${waiting} unanswered questions`}, with their
            votes, to the cohort’s next session?
          </Text>
          <Button
            appearance="primary"
            size="small"
            disabledFocusable={busy}
            onClick={() => void handlers.carryOver().then(() => setConfirmCarry(false))}
          >
            Carry over
          </Button>
          <Button size="small" onClick={() => setConfirmCarry(false)}>
            Cancel
          </Button>
        </div>
      )}
    </section>
  );
}
