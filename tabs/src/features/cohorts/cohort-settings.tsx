import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortDetail, CohortStatus, JoinPolicy } from '@peerloop/core';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { ActionOutcome } from '../../shared/action-outcome';
import { useAction } from '../../shared/use-action';
import { STATUS_LABELS } from './labels';
import { updateCohortSettings } from './membership-api';
import type { CohortSettings } from './membership-api';
import { JOIN_POLICY_LABELS } from './membership-labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  field: { minWidth: '12rem' },
  actions: { display: 'flex' },
});

type SettingsField = 'status' | 'capacity' | 'joinPolicy';

/** The settings to send: only what changed; a blank capacity removes the limit. */
export function changedSettings(
  cohort: Pick<CohortDetail, 'status' | 'joinPolicy' | 'capacity'>,
  values: { status: CohortStatus; joinPolicy: JoinPolicy; capacity: string },
): { readonly settings: CohortSettings } | { readonly capacityError: string } {
  const text = values.capacity.trim();
  const capacity = text === '' ? null : Number(text);
  if (capacity !== null && !Number.isInteger(capacity)) return { capacityError: 'must be a whole number' };
  return {
    settings: {
      ...(values.status === cohort.status ? {} : { status: values.status }),
      ...(values.joinPolicy === cohort.joinPolicy ? {} : { joinPolicy: values.joinPolicy }),
      ...(capacity === (cohort.capacity ?? null) ? {} : { capacity }),
    },
  };
}

/** For runners: change the cohort's status, capacity and join policy (PATCH), with errors on their fields. */
export function CohortSettingsForm({ cohort, onSaved }: { cohort: CohortDetail; onSaved: () => Promise<void> }) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const headingId = useId();
  const [status, setStatus] = useState(cohort.status);
  const [joinPolicy, setJoinPolicy] = useState(cohort.joinPolicy);
  const [capacity, setCapacity] = useState(cohort.capacity === undefined ? '' : String(cohort.capacity));
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const state = (field: SettingsField) => ({
    validationMessage: errors[field],
    validationState: errors[field] ? ('error' as const) : ('none' as const),
  });

  function save(event: FormEvent) {
    event.preventDefault();
    const changes = changedSettings(cohort, { status, joinPolicy, capacity });
    if ('capacityError' in changes) {
      setErrors({ capacity: changes.capacityError });
      return;
    }
    const { settings } = changes;
    setErrors({});
    void action.run(
      async () => {
        if (Object.keys(settings).length === 0) return 'Nothing to change.';
        await updateCohortSettings(api, cohort.id, settings);
        await onSaved();
        return 'Changes saved.';
      },
      (error) => {
        if (!(error instanceof ApiError) || error.fields.length === 0) return false;
        const byField: Partial<Record<SettingsField, string>> = {};
        for (const { path, message } of error.fields) {
          if (path === 'status' || path === 'capacity' || path === 'joinPolicy') byField[path] ??= message;
        }
        setErrors(byField);
        return Object.keys(byField).length > 0;
      },
    );
  }

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        Settings
      </h3>
      <form noValidate onSubmit={save} className={styles.root}>
        <div className={styles.row}>
          <Field label="Status" className={styles.field} {...state('status')}>
            <Select value={status} onChange={(_, data) => setStatus(data.value as CohortStatus)}>
              {Object.entries(STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Capacity" hint="Blank for no limit." className={styles.field} {...state('capacity')}>
            <Input
              type="number"
              inputMode="numeric"
              min={2}
              max={500}
              step={1}
              value={capacity}
              onChange={(_, data) => setCapacity(data.value)}
            />
          </Field>
          <Field label="Join policy" className={styles.field} {...state('joinPolicy')}>
            <Select value={joinPolicy} onChange={(_, data) => setJoinPolicy(data.value as JoinPolicy)}>
              {Object.entries(JOIN_POLICY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className={styles.actions}>
          <Button type="submit" disabledFocusable={action.busy}>
            Save changes
          </Button>
        </div>
      </form>
      <ActionOutcome action={action} />
    </section>
  );
}
