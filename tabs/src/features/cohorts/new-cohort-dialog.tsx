import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
} from '@fluentui/react-components';
import type { CohortKind, CohortSummary } from '@peerloop/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { useResource } from '../../shared/use-resource';
import type { ResourceHandle } from '../../shared/use-resource';
import { listPeople } from '../people/people-api';
import type { PersonItem } from '../people/people-api';
import type { ProgramItem } from '../programs/programs-api';
import { createCohort } from './cohorts-api';
import { emptyCohortForm, isFormErrors, toCreateCohortInput, toFormErrors } from './cohort-form';
import type { CohortFormErrors, CohortFormField, CohortFormValues } from './cohort-form';
import { COHORT_KIND_LABELS, THREAD_LABELS, THREAD_NAMES } from './labels';
import { useFormStyles } from '../../shared/form-styles';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(40rem, calc(100vw - 2rem))' },
  legendHint: { gridColumn: '1 / -1' },
});

const NO_ERRORS: CohortFormErrors = { byField: {}, other: [] };

export interface NewCohortDialogProps {
  readonly open: boolean;
  /** Programs the user may form cohorts in. */
  readonly programs: readonly ProgramItem[];
  readonly defaultProgramId: string;
  /** Values to start from, e.g. a suggested cohort's thread and facilitator. */
  readonly initialValues?: Partial<CohortFormValues>;
  readonly onCreated: (cohort: CohortSummary) => void;
  readonly onClose: () => void;
}

/** The "New cohort" form in a modal dialog; shows the API's field errors on their fields and keeps the input. */
export function NewCohortDialog({
  open,
  programs,
  defaultProgramId,
  initialValues,
  onCreated,
  onClose,
}: NewCohortDialogProps) {
  const styles = useStyles();
  const form = useFormStyles();
  const api = useApi();
  const people = useResource(() => listPeople(api), 'people');
  const [values, setValues] = useState<CohortFormValues>(() => ({
    ...emptyCohortForm(defaultProgramId),
    ...initialValues,
  }));
  const [errors, setErrors] = useState<CohortFormErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (errors !== NO_ERRORS) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = (field: CohortFormField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const fieldProps = (field: CohortFormField) => {
    const message = errors.byField[field];
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const text = (field: CohortFormField) => ({
    value: values[field],
    onChange: (_: unknown, data: { value: string }) => set(field)(data.value),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const input = toCreateCohortInput(values);
    if (isFormErrors(input)) {
      setErrors(input);
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const created = await createCohort(api, input);
      setValues(emptyCohortForm(values.programId));
      setErrors(NO_ERRORS);
      onCreated(created);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const formErrors = toFormErrors(error.fields);
        setErrors(formErrors);
        if (formErrors.other.length > 0) setFailure(`${error.message} ${formErrors.other.join('; ')}`);
      } else {
        setErrors(NO_ERRORS);
        setFailure(describeError(error));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <form ref={formRef} noValidate onSubmit={submit}>
          <DialogBody>
            <DialogTitle>New cohort</DialogTitle>
            <DialogContent className={form.content}>
              <Text>Program, Name, Purpose and Facilitator are required; the rest is optional.</Text>
              {failure !== null && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              )}
              <Field label="Program" {...fieldProps('programId')}>
                <Select {...text('programId')} required>
                  {programs.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Name" {...fieldProps('name')}>
                <Input {...text('name')} required />
              </Field>
              <Field label="Purpose" hint="What the group wants to learn together." {...fieldProps('purpose')}>
                <Textarea {...text('purpose')} required resize="vertical" />
              </Field>
              <Field label="Kind" {...fieldProps('kind')}>
                <Select
                  value={values.kind}
                  onChange={(_, data) => setValues((v) => ({ ...v, kind: data.value as CohortKind }))}
                >
                  {Object.entries(COHORT_KIND_LABELS).map(([kind, label]) => (
                    <option key={kind} value={kind}>
                      {label}
                    </option>
                  ))}
                </Select>
              </Field>
              <fieldset className={mergeClasses(form.fieldset, form.fieldGrid)}>
                <legend className={form.legend}>Common threads</legend>
                <Text className={styles.legendHint} size={200}>
                  Optional. Fill in what the members share.
                </Text>
                {THREAD_NAMES.map((name) => (
                  <Field key={name} label={THREAD_LABELS[name]} {...fieldProps(name)}>
                    <Input {...text(name)} />
                  </Field>
                ))}
              </fieldset>
              <FacilitatorField
                people={people}
                value={values.facilitatorId}
                onChange={set('facilitatorId')}
                {...fieldProps('facilitatorId')}
              />
              <Field label="Capacity" hint="Optional. Between 2 and 500 people." {...fieldProps('capacity')}>
                <Input {...text('capacity')} type="number" inputMode="numeric" min={2} max={500} step={1} />
              </Field>
              <div role="status">{submitting ? 'Creating cohort…' : ''}</div>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabledFocusable={submitting}>
                Create cohort
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

interface FacilitatorFieldProps {
  readonly people: ResourceHandle<PersonItem[]>;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly validationMessage: string | undefined;
  readonly validationState: 'error' | 'none';
}

function FacilitatorField({ people, value, onChange, validationMessage, validationState }: FacilitatorFieldProps) {
  const { resource, reload } = people;
  const loadError =
    resource.status === 'error' ? `People could not be loaded. ${describeError(resource.error)}` : undefined;
  return (
    <>
      <Field
        label="Facilitator"
        validationMessage={validationMessage ?? loadError}
        validationState={loadError ? 'error' : validationState}
      >
        <Select
          value={value}
          onChange={(_, data) => onChange(data.value)}
          disabled={resource.status !== 'ready'}
          required
        >
          <option value="">{resource.status === 'loading' ? 'Loading people…' : 'Choose a facilitator'}</option>
          {resource.status === 'ready' &&
            resource.data.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
        </Select>
      </Field>
      {resource.status === 'error' && <Button onClick={reload}>Retry loading people</Button>}
    </>
  );
}
