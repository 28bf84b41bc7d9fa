import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CohortDetail, MemberRole } from '@peerloop/core';
import { useId, useState } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import type { RelatedPerson } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { ActionOutcome } from '../../shared/action-outcome';
import { useAction } from '../../shared/use-action';
import { useResource } from '../../shared/use-resource';
import { listPeople } from '../people/people-api';
import type { PersonItem } from '../people/people-api';
import { formatNames } from './format';
import { addMember, invite } from './membership-api';
import { ROLE_LABELS } from './membership-labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  field: { minWidth: '12rem' },
  people: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 14rem), 1fr))',
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
});

const ADDABLE_ROLES: readonly MemberRole[] = ['member', 'facilitator', 'observer'];

interface Props {
  readonly cohort: CohortDetail;
  readonly onChanged: () => Promise<void>;
}

/** For runners: add someone (with the explicit reporting-line choice) and, for invitation cohorts, invite people. */
export function RunnerTools({ cohort, onChanged }: Props) {
  const api = useApi();
  const people = useResource(() => listPeople(api), 'people');
  const { resource, reload } = people;
  if (resource.status === 'loading') return null;
  if (resource.status === 'error') {
    return (
      <div>
        People could not be loaded. {describeError(resource.error)}{' '}
        <Button onClick={reload}>Retry loading people</Button>
      </div>
    );
  }
  const inCohort = new Set(cohort.members.map((m) => m.userId));
  const others = resource.data.filter((p) => !inCohort.has(p.id));
  return (
    <>
      <AddMember cohort={cohort} people={others} onChanged={onChanged} />
      {cohort.joinPolicy === 'invitation' && <InvitePeople cohort={cohort} people={others} onChanged={onChanged} />}
    </>
  );
}

interface PickerProps extends Props {
  readonly people: readonly PersonItem[];
}

function AddMember({ cohort, people, onChanged }: PickerProps) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const headingId = useId();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const [conflict, setConflict] = useState<{ name: string; related: readonly RelatedPerson[] } | null>(null);
  const name = people.find((p) => p.id === userId)?.displayName ?? userId;

  const add = (allowReportingLine: boolean) =>
    action.run(
      async () => {
        setConflict(null);
        await addMember(api, cohort.id, { userId, role, allowReportingLine });
        setUserId('');
        await onChanged();
        return `${name} was added as ${ROLE_LABELS[role].toLowerCase()}.`;
      },
      (error) => {
        if (!(error instanceof ApiError) || error.code !== 'reporting_line') return false;
        setConflict({ name, related: error.related });
        return true;
      },
    );

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        Add member
      </h3>
      <div className={styles.row}>
        <Field label="Person" className={styles.field}>
          <Select
            value={userId}
            onChange={(_, data) => {
              setUserId(data.value);
              setConflict(null);
            }}
          >
            <option value="">Choose a person</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Role" className={styles.field}>
          <Select value={role} onChange={(_, data) => setRole(data.value as MemberRole)}>
            {ADDABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Button disabledFocusable={action.busy || userId === ''} onClick={() => void add(false)}>
          Add member
        </Button>
      </div>
      {conflict && (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Reporting line</MessageBarTitle> {describeConflict(conflict.name, conflict.related)}
          </MessageBarBody>
          <MessageBarActions>
            <Button disabledFocusable={action.busy} onClick={() => void add(true)}>
              Add anyway
            </Button>
            <Button onClick={() => setConflict(null)}>Don't add</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <ActionOutcome action={action} />
    </section>
  );
}

/** "Jordan Patel would share this cohort with Sam Rivera and Lee Kim, who report to them. ..." */
export function describeConflict(name: string, related: readonly RelatedPerson[]): string {
  const managers = related.filter((r) => r.relation === 'manager').map((r) => r.displayName);
  const reports = related.filter((r) => r.relation === 'report').map((r) => r.displayName);
  const parts = [
    managers.length > 0 ? `${formatNames(managers)}, in their management chain` : '',
    reports.length > 0 ? `${formatNames(reports)}, who ${reports.length === 1 ? 'reports' : 'report'} to them` : '',
  ].filter(Boolean);
  return (
    `${name} would share this cohort with ${parts.join('; and ')}. ` +
    'PeerLoop keeps people apart from their own reporting line unless you choose otherwise.'
  );
}

function InvitePeople({ cohort, people, onChanged }: PickerProps) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const headingId = useId();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());

  function toggle(id: string, on: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const send = () =>
    action.run(async () => {
      const { invited } = await invite(api, cohort.id, [...chosen]);
      setChosen(new Set());
      await onChanged();
      if (invited === 0) return 'They were invited already.';
      return invited === 1 ? '1 person invited.' : `${invited} people invited.`;
    });

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        Invite
      </h3>
      <fieldset className={styles.people}>
        <legend className={styles.legend}>People to invite; they can then join themselves</legend>
        {people.map((p) => (
          <Checkbox
            key={p.id}
            label={p.displayName}
            checked={chosen.has(p.id)}
            onChange={(_, data) => toggle(p.id, data.checked === true)}
          />
        ))}
      </fieldset>
      <div className={styles.row}>
        <Button disabledFocusable={action.busy || chosen.size === 0} onClick={() => void send()}>
          Invite
        </Button>
      </div>
      <ActionOutcome action={action} />
    </section>
  );
}
