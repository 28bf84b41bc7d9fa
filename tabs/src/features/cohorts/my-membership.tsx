import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortDetail } from '@peerloop/core';
import { useId, useState } from 'react';
import { useApi } from '../../platform/api-context';
import { ActionOutcome } from '../../shared/action-outcome';
import { useAction } from '../../shared/use-action';
import { getMe } from '../people/people-api';
import { addMember, leaveCohort } from './membership-api';
import { ROLE_LABELS } from './membership-labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  reason: { minWidth: 'min(100%, 20rem)', flexGrow: 1 },
});

/** The reader's standing: "Join cohort" when they may, or "Leave cohort" with an optional reason. */
export function MyMembership({ cohort, onChanged }: { cohort: CohortDetail; onChanged: () => Promise<void> }) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const mayJoin =
    cohort.myRole === null && cohort.status !== 'closed' && (cohort.joinPolicy === 'open' || cohort.invited);

  const join = () =>
    action.run(async () => {
      await addMember(api, cohort.id);
      await onChanged();
      return `You joined ${cohort.name}.`;
    });

  const leave = () =>
    action.run(async () => {
      const me = await getMe(api);
      await leaveCohort(api, cohort.id, me.userId, reason);
      setConfirming(false);
      setReason('');
      await onChanged();
      return `You left ${cohort.name}.`;
    });

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        Your membership
      </h3>
      <Text>{describeStanding(cohort, mayJoin)}</Text>
      {mayJoin && (
        <div className={styles.row}>
          <Button appearance="primary" disabledFocusable={action.busy} onClick={() => void join()}>
            Join cohort
          </Button>
        </div>
      )}
      {cohort.myRole !== null &&
        (confirming ? (
          <div className={styles.row}>
            <Field label="Reason (optional)" hint="Helps the program improve." className={styles.reason}>
              <Input value={reason} maxLength={500} onChange={(_, data) => setReason(data.value)} />
            </Field>
            <Button appearance="primary" disabledFocusable={action.busy} onClick={() => void leave()}>
              Confirm leaving
            </Button>
            <Button onClick={() => setConfirming(false)}>Stay in the cohort</Button>
          </div>
        ) : (
          <div className={styles.row}>
            <Button onClick={() => setConfirming(true)}>Leave cohort</Button>
          </div>
        ))}
      <ActionOutcome action={action} />
    </section>
  );
}

function describeStanding(cohort: CohortDetail, mayJoin: boolean): string {
  if (cohort.myRole !== null) return `You are in this cohort as ${ROLE_LABELS[cohort.myRole].toLowerCase()}.`;
  if (cohort.status === 'closed') return 'This cohort is closed.';
  if (cohort.invited && mayJoin) return 'You are invited to this cohort.';
  if (mayJoin) return 'This cohort is open: anyone may join.';
  return cohort.joinPolicy === 'invitation'
    ? 'This cohort is by invitation; ask its facilitator to invite you.'
    : 'This cohort is formed by its owners; ask its facilitator to add you.';
}
