import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { SessionView } from '@peerloop/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { useFormStyles } from '../../shared/form-styles';
import { useResource } from '../../shared/use-resource';
import { listPeople } from '../people/people-api';
import { editSession } from './edit-session-api';
import { editFormFrom, isEditErrors, toEditErrors, toEditInput } from './edit-session-form';
import type { EditScope, EditSessionErrors, EditSessionField, EditSessionValues } from './edit-session-form';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const NO_ERRORS: EditSessionErrors = { byField: {}, other: [] };

export interface EditSessionProps {
  readonly session: SessionView;
  /** After a save: how many sessions changed, and whether the rest of the series did too. */
  readonly onSaved: (updated: number, scope: EditScope) => void;
  readonly onCancel: () => void;
}

/**
 * "Edit session" for those who run it: title, topic, description, time, duration, location, meeting link,
 * capacity and presenter, for this session only or (in a series) this and every later one; the API's field errors on their
 * fields. Only what changed is sent, so a series edit leaves everything else as each session has it.
 */
export default function EditSession({ session, onSaved, onCancel }: EditSessionProps) {
  const styles = useStyles();
  const form = useFormStyles();
  const api = useApi();
  const people = useResource(() => listPeople(api), 'people');
  const [initial] = useState(() => editFormFrom(session));
  const [values, setValues] = useState<EditSessionValues>(initial);
  const [scope, setScope] = useState<EditScope>('occurrence');
  const [errors, setErrors] = useState<EditSessionErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = `edit-${session.id}`;

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);
  useEffect(() => {
    if (errors !== NO_ERRORS) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const field = (name: EditSessionField) => {
    const message = errors.byField[name];
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const bind = (name: EditSessionField) => ({
    value: values[name],
    onChange: (_: unknown, data: { value: string }) => setValues((v) => ({ ...v, [name]: data.value })),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const input = toEditInput(values, initial, scope);
    if (isEditErrors(input)) {
      setErrors(input);
      setFailure(input.other.length > 0 ? input.other.join(' ') : null);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const { updated } = await editSession(api, session.id, input);
      onSaved(updated, scope);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const formErrors = toEditErrors(error.fields);
        setErrors(formErrors);
        setFailure(formErrors.other.length > 0 ? `${error.message} ${formErrors.other.join('; ')}` : null);
      } else {
        setErrors(NO_ERRORS);
        setFailure(describeError(error));
      }
    } finally {
      setSaving(false);
    }
  }

  const zone = session.timeZone;
  return (
    <form ref={formRef} className={styles.form} aria-labelledby={headingId} noValidate onSubmit={submit}>
      <h4 id={headingId} className={styles.heading}>
        Edit session
      </h4>
      {failure !== null && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      {session.seriesId && (
        <Field label="Apply the changes to" hint="A session changed on its own keeps its changes.">
          <Select value={scope} onChange={(_, data) => setScope(data.value as EditScope)}>
            <option value="occurrence">Only this session</option>
            <option value="series">This and all later sessions of the series</option>
          </Select>
        </Field>
      )}
      <Field label="Title" {...field('title')}>
        <Input {...bind('title')} required />
      </Field>
      <Field label="Topic" {...field('topic')}>
        <Input {...bind('topic')} />
      </Field>
      <Field label="Description" hint="The agenda people see before they answer." {...field('description')}>
        <Textarea {...bind('description')} resize="vertical" />
      </Field>
      <div className={form.fieldGrid}>
        {scope === 'series' ? (
          <Field
            label={`Start time (${zone})`}
            hint="Each session keeps its own date and moves to this time."
            {...field('startTime')}
          >
            <Input {...bind('startTime')} type="time" required />
          </Field>
        ) : (
          <Field label={`Start (${zone})`} hint="Date and time of this session." {...field('startLocal')}>
            <Input {...bind('startLocal')} type="datetime-local" required />
          </Field>
        )}
        <Field label="Duration (minutes)" hint="15 to 480." {...field('durationMinutes')}>
          <Input {...bind('durationMinutes')} type="number" inputMode="numeric" min={15} max={480} step={5} />
        </Field>
      </div>
      <div className={form.fieldGrid}>
        <Field label="Location" {...field('location')}>
          <Input {...bind('location')} />
        </Field>
        <Field label="Meeting link" hint="An https link." {...field('meetingUrl')}>
          <Input {...bind('meetingUrl')} type="url" />
        </Field>
        <Field label="Capacity" hint="Not below the people already going." {...field('capacity')}>
          <Input {...bind('capacity')} type="number" inputMode="numeric" min={1} max={1000} step={1} />
        </Field>
      </div>
      <Field
        label="Presenter"
        {...field('presenterId')}
        {...(people.resource.status === 'error' ? { validationMessage: 'People could not be loaded.' } : {})}
      >
        <Select {...bind('presenterId')} disabled={people.resource.status !== 'ready'}>
          <option value="">{people.resource.status === 'loading' ? 'Loading people…' : 'No presenter'}</option>
          {people.resource.status === 'ready' &&
            people.resource.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
        </Select>
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabledFocusable={saving}>
          Save changes
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
      <Text role="status">{saving ? 'Saving…' : ''}</Text>
    </form>
  );
}
