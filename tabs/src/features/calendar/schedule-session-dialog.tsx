import {
  Checkbox,
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
  tokens,
} from '@fluentui/react-components';
import type { CohortSummary } from '@peerloop/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { useResource } from '../../shared/use-resource';
import { SESSION_KIND_LABELS } from '../cohorts/labels';
import { listPeople } from '../people/people-api';
import { scheduleSession } from '../sessions/sessions-api';
import type { ScheduleResult } from '../sessions/sessions-api';
import { emptyScheduleForm, isScheduleErrors, qnaOn, toScheduleErrors, toScheduleInput } from './schedule-form';
import type { ScheduleFormErrors, ScheduleFormField, ScheduleFormValues } from './schedule-form';
import { useFormStyles } from '../../shared/form-styles';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(44rem, calc(100vw - 2rem))' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const NO_ERRORS: ScheduleFormErrors = { byField: {}, other: [] };

const REPEATS = [
  ['none', 'Does not repeat'],
  ['weekly', 'Weekly'],
  ['monthly', 'Monthly'],
  ['quarterly', 'Quarterly'],
] as const;

export interface ScheduleSessionDialogProps {
  readonly open: boolean;
  /** The cohorts the user runs. */
  readonly cohorts: readonly CohortSummary[];
  readonly defaultCohortId: string;
  readonly onScheduled: (result: ScheduleResult) => void;
  readonly onClose: () => void;
}

/** The "Schedule session" form in a modal dialog: one session or a series; the API's field errors on their fields. */
export function ScheduleSessionDialog({
  open,
  cohorts,
  defaultCohortId,
  onScheduled,
  onClose,
}: ScheduleSessionDialogProps) {
  const styles = useStyles();
  const form = useFormStyles();
  const api = useApi();
  const people = useResource(() => listPeople(api), 'people');
  const [values, setValues] = useState<ScheduleFormValues>(() =>
    emptyScheduleForm(defaultCohortId, Intl.DateTimeFormat().resolvedOptions().timeZone),
  );
  const [errors, setErrors] = useState<ScheduleFormErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (errors !== NO_ERRORS) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const field = (name: ScheduleFormField) => {
    const message = errors.byField[name];
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const bind = (name: ScheduleFormField) => ({
    value: values[name],
    onChange: (_: unknown, data: { value: string }) => setValues((v) => ({ ...v, [name]: data.value })),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const input = toScheduleInput(values);
    if (isScheduleErrors(input)) {
      setErrors(input);
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      onScheduled(await scheduleSession(api, input));
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const formErrors = toScheduleErrors(error.fields);
        setErrors(formErrors);
        setFailure(formErrors.other.length > 0 ? `${error.message} ${formErrors.other.join('; ')}` : null);
      } else {
        setErrors(NO_ERRORS);
        setFailure(describeError(error));
      }
    } finally {
      setSubmitting(false);
    }
  }

  const repeating = values.repeats !== 'none';
  const unit = values.repeats === 'weekly' ? 'weeks' : values.repeats === 'monthly' ? 'months' : 'quarters';
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <form ref={formRef} noValidate onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Schedule session</DialogTitle>
            <DialogContent className={form.content}>
              <Text>Cohort, Session kind, Title, Start, Duration and Time zone are required.</Text>
              {failure !== null && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              )}
              <div className={form.fieldGrid}>
                <Field label="Cohort" {...field('cohortId')}>
                  <Select {...bind('cohortId')} required>
                    {cohorts.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label="Session kind" {...field('kind')}>
                  <Select {...bind('kind')} required>
                    {Object.entries(SESSION_KIND_LABELS).map(([kind, label]) => (
                      <option key={kind} value={kind}>
                        {label}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
              <Field label="Title" {...field('title')}>
                <Input {...bind('title')} required />
              </Field>
              <Field label="Topic" hint="Optional." {...field('topic')}>
                <Input {...bind('topic')} />
              </Field>
              <Field
                label="Description"
                hint="Optional. The agenda people see before they answer."
                {...field('description')}
              >
                <Textarea {...bind('description')} resize="vertical" />
              </Field>
              <div className={form.fieldGrid}>
                <Field label="Start" hint="Date and time in the time zone below." {...field('startLocal')}>
                  <Input {...bind('startLocal')} type="datetime-local" required />
                </Field>
                <Field label="Duration (minutes)" hint="15 to 480." {...field('durationMinutes')}>
                  <Input {...bind('durationMinutes')} type="number" inputMode="numeric" min={15} max={480} step={5} />
                </Field>
                <Field label="Time zone" hint="An IANA name, e.g. Europe/London." {...field('timeZone')}>
                  <Input {...bind('timeZone')} required />
                </Field>
              </div>
              <div className={form.fieldGrid}>
                <Field label="Location" hint="Optional." {...field('location')}>
                  <Input {...bind('location')} />
                </Field>
                <Field label="Meeting link" hint="Optional. An https link." {...field('meetingUrl')}>
                  <Input {...bind('meetingUrl')} type="url" />
                </Field>
                <Field label="Capacity" hint="Optional. Seats before a waitlist starts." {...field('capacity')}>
                  <Input {...bind('capacity')} type="number" inputMode="numeric" min={1} max={1000} step={1} />
                </Field>
                <Field
                  label="RSVPs close (minutes before the start)"
                  hint="Optional. 0 closes them at the start, 1440 a day before; at most 10080 (a week)."
                  {...field('rsvpCloses')}
                >
                  <Input {...bind('rsvpCloses')} type="number" inputMode="numeric" min={0} max={10080} step={5} />
                </Field>
              </div>
              <Field
                label="Presenters"
                hint="Optional."
                validationMessage={
                  errors.byField.presenterId ??
                  (people.resource.status === 'error' ? 'People could not be loaded.' : undefined)
                }
                validationState={errors.byField.presenterId || people.resource.status === 'error' ? 'error' : 'none'}
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
              {values.kind === 'learning-lunch' && (
                <Field label="Catering" hint="Optional." {...field('catering')}>
                  <Select {...bind('catering')}>
                    <option value="">Not decided</option>
                    <option value="catered">Catered</option>
                    <option value="bring-your-own">Bring your own</option>
                  </Select>
                </Field>
              )}
              {values.kind === 'fireside-chat' && (
                <Field label="Guest" hint="Optional." {...field('guest')}>
                  <Input {...bind('guest')} />
                </Field>
              )}
              <Checkbox
                label="Live Q&A queue (people ask and vote on questions during the session)"
                checked={qnaOn(values)}
                onChange={(_, data) => setValues((v) => ({ ...v, qna: data.checked === true ? 'on' : 'off' }))}
              />
              {values.kind === 'book-club' && (
                <div className={form.fieldGrid}>
                  <Field label="Book" hint="Optional." {...field('book')}>
                    <Input {...bind('book')} />
                  </Field>
                  <Field label="Chapters" hint="Optional, e.g. 1-3." {...field('chapters')}>
                    <Input {...bind('chapters')} />
                  </Field>
                </div>
              )}
              <fieldset className={mergeClasses(form.fieldset, styles.group)}>
                <legend className={form.legend}>Recurrence</legend>
                <div className={form.fieldGrid}>
                  <Field label="Repeats" {...field('repeats')}>
                    <Select {...bind('repeats')}>
                      {REPEATS.map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  {repeating && (
                    <Field label="Every" hint={`1 to 12 ${unit}.`} {...field('interval')}>
                      <Input {...bind('interval')} type="number" inputMode="numeric" min={1} max={12} step={1} />
                    </Field>
                  )}
                  {(values.repeats === 'monthly' || values.repeats === 'quarterly') && (
                    <Field label="Monthly on" {...field('monthlyBy')}>
                      <Select {...bind('monthlyBy')}>
                        <option value="date">The same date</option>
                        <option value="weekday">The same weekday</option>
                      </Select>
                    </Field>
                  )}
                  {repeating && (
                    <Field
                      label="Ends after (occurrences)"
                      hint="Optional. Up to 260; otherwise until the date given, or a year ahead."
                      {...field('count')}
                    >
                      <Input {...bind('count')} type="number" inputMode="numeric" min={1} max={260} step={1} />
                    </Field>
                  )}
                  {repeating && (
                    <Field
                      label="Repeat until"
                      hint="Optional. The last date a session may fall on."
                      {...field('until')}
                    >
                      <Input {...bind('until')} type="date" />
                    </Field>
                  )}
                </div>
              </fieldset>
              <div role="status">{submitting ? 'Scheduling…' : ''}</div>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabledFocusable={submitting}>
                Schedule
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
