import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortDetail, CohortMemberView } from '@peerloop/core';
import { useId, useState } from 'react';
import { useApi } from '../../platform/api-context';
import { ActionOutcome } from '../../shared/action-outcome';
import { useAction } from '../../shared/use-action';
import { leaveCohort } from './membership-api';
import { ROLE_LABELS } from './membership-labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  scroll: { overflowX: 'auto' },
  table: { width: '100%', borderCollapse: 'collapse' },
  cell: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    textAlign: 'start',
    verticalAlign: 'top',
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  confirm: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** "12 Mar 2031" in the reader's locale. */
function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/**
 * Who is in the cohort. Runners see a table with each member's agreements and "Remove" (with a reason),
 * and who left; others see the names the API shows them (facilitators only for non-members).
 */
export function CohortMembers({ cohort, onChanged }: { cohort: CohortDetail; onChanged: () => Promise<void> }) {
  const styles = useStyles();
  const headingId = useId();
  const seesEveryone = cohort.canManage || cohort.myRole !== null;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {seesEveryone ? `Members (${cohort.members.length})` : 'Facilitators'}
      </h3>
      {cohort.canManage ? (
        <MembersTable cohort={cohort} onChanged={onChanged} />
      ) : (
        <ul className={styles.list} aria-labelledby={headingId}>
          {cohort.members.map((m) => (
            <li key={m.userId}>
              {m.displayName} <span className={styles.muted}>({ROLE_LABELS[m.role]})</span>
            </li>
          ))}
        </ul>
      )}
      {cohort.departures && cohort.departures.length > 0 && (
        <>
          <h3 className={styles.heading}>Departures</h3>
          <ul className={styles.list} aria-label="Departures">
            {cohort.departures.map((d) => (
              <li key={`${d.userId}-${d.leftAt}`}>
                {d.displayName} left on <time dateTime={d.leftAt}>{formatDate(d.leftAt)}</time>
                {d.reason ? `: ${d.reason}` : ' (no reason given)'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MembersTable({ cohort, onChanged }: { cohort: CohortDetail; onChanged: () => Promise<void> }) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const [removing, setRemoving] = useState<CohortMemberView | null>(null);
  const [reason, setReason] = useState('');

  const remove = (member: CohortMemberView) =>
    action.run(async () => {
      await leaveCohort(api, cohort.id, member.userId, reason);
      setRemoving(null);
      setReason('');
      await onChanged();
      return `${member.displayName} was removed from the cohort.`;
    });

  return (
    <>
      <div className={styles.scroll}>
        <table className={styles.table}>
          <caption className={styles.muted}>Members of {cohort.name}</caption>
          <thead>
            <tr>
              <th className={styles.cell} scope="col">
                Name
              </th>
              <th className={styles.cell} scope="col">
                Role
              </th>
              <th className={styles.cell} scope="col">
                Joined
              </th>
              <th className={styles.cell} scope="col">
                Agreements
              </th>
              <th className={styles.cell} scope="col">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {cohort.members.map((m) => (
              <tr key={m.userId}>
                <th className={styles.cell} scope="row">
                  {m.displayName}
                  {m.reportingLineAcknowledged ? (
                    <Text size={200} className={styles.muted} block>
                      Added despite a reporting line
                    </Text>
                  ) : null}
                </th>
                <td className={styles.cell}>{ROLE_LABELS[m.role]}</td>
                <td className={styles.cell}>
                  <time dateTime={m.joinedAt}>{formatDate(m.joinedAt)}</time>
                </td>
                <td className={styles.cell}>{m.acceptedCurrentAgreements ? 'Accepted' : 'Not yet'}</td>
                <td className={styles.cell}>
                  <Button
                    size="small"
                    aria-label={`Remove ${m.displayName}`}
                    onClick={() => {
                      setRemoving(m);
                      setReason('');
                    }}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {removing && (
        <div className={styles.confirm} role="group" aria-label={`Remove ${removing.displayName}`}>
          <Field label={`Reason for removing ${removing.displayName} (optional)`}>
            <Input value={reason} maxLength={500} onChange={(_, data) => setReason(data.value)} />
          </Field>
          <Button appearance="primary" disabledFocusable={action.busy} onClick={() => void remove(removing)}>
            Confirm removal
          </Button>
          <Button onClick={() => setRemoving(null)}>Keep {removing.displayName}</Button>
        </div>
      )}
      <ActionOutcome action={action} />
    </>
  );
}
