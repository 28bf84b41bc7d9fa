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
  makeStyles,
} from '@fluentui/react-components';
import type { Person } from '@peerloop/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { ErrorState, LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import { listPeople } from './people-api';
import type { PersonItem } from './people-api';
import { getMyProfile, updateMyProfile } from './profile-api';
import { timeZoneOptions, toProfileErrors, toProfilePatch, toProfileValues } from './profile-form';
import type { ProfileField, ProfileValues } from './profile-form';
import { useFormStyles } from '../../shared/form-styles';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(40rem, calc(100vw - 2rem))' },
});

export interface ProfileDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
}

/** "My profile": the common threads cohorts are formed around, the manager and the time zone. */
export function ProfileDialog({ open, onClose }: ProfileDialogProps) {
  const styles = useStyles();
  const form = useFormStyles();
  const api = useApi();
  const { resource, reload } = useResource(
    () => Promise.all([getMyProfile(api), listPeople(api)]).then(([profile, people]) => ({ profile, people })),
    'profile',
  );
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        {resource.status === 'ready' ? (
          <ProfileForm profile={resource.data.profile} people={resource.data.people} onClose={onClose} />
        ) : (
          <DialogBody>
            <DialogTitle>My profile</DialogTitle>
            <DialogContent className={form.content}>
              {resource.status === 'loading' && <LoadingState label="Loading your profile" />}
              {resource.status === 'error' && (
                <ErrorState title="Your profile could not be loaded." error={resource.error} onRetry={reload} />
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose}>Close</Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}

interface ProfileFormProps {
  readonly profile: Person;
  readonly people: readonly PersonItem[];
  readonly onClose: () => void;
}

function ProfileForm({ profile, people, onClose }: ProfileFormProps) {
  const form = useFormStyles();
  const api = useApi();
  const [stored, setStored] = useState(() => toProfileValues(profile));
  const [values, setValues] = useState(stored);
  const [errors, setErrors] = useState<Partial<Record<ProfileField, string>>>({});
  const [failure, setFailure] = useState('');
  const [saved, setSaved] = useState('');
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const zones = timeZoneOptions(stored.timeZone);

  useEffect(() => {
    if (Object.keys(errors).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const field = (name: ProfileField) => ({
    validationMessage: errors[name],
    validationState: errors[name] ? ('error' as const) : ('none' as const),
  });
  const text = (name: ProfileField) => ({
    value: values[name],
    onChange: (_: unknown, data: { value: string }) => setValues((v: ProfileValues) => ({ ...v, [name]: data.value })),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setSaved('');
    setFailure('');
    const result = toProfilePatch(stored, values);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    if (Object.keys(result.patch).length === 0) {
      setSaved('Nothing to change.');
      return;
    }
    setSaving(true);
    try {
      const next = toProfileValues(await updateMyProfile(api, result.patch));
      setStored(next);
      setValues(next);
      setSaved('Profile saved.');
    } catch (error) {
      const mapped = error instanceof ApiError ? toProfileErrors(error.fields) : { byField: {}, other: [] };
      setErrors(mapped.byField);
      if (Object.keys(mapped.byField).length === 0 || mapped.other.length > 0) {
        setFailure([describeError(error), ...mapped.other].join(' '));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={submit}>
      <DialogBody>
        <DialogTitle>My profile</DialogTitle>
        <DialogContent className={form.content}>
          {failure && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{failure}</MessageBarBody>
            </MessageBar>
          )}
          <div className={form.fieldGrid}>
            <Field label="Title" {...field('title')}>
              <Input {...text('title')} />
            </Field>
            <Field label="Level" {...field('level')}>
              <Input {...text('level')} />
            </Field>
            <Field label="Function" {...field('function')}>
              <Input {...text('function')} />
            </Field>
            <Field label="Years of experience" {...field('yearsOfExperience')}>
              <Input {...text('yearsOfExperience')} type="number" inputMode="numeric" min={0} max={60} step={1} />
            </Field>
          </div>
          <Field label="Skills to share" hint="Separate skills with commas." {...field('skillsToShare')}>
            <Input {...text('skillsToShare')} />
          </Field>
          <Field label="Skills to learn" hint="Separate skills with commas." {...field('skillsToLearn')}>
            <Input {...text('skillsToLearn')} />
          </Field>
          <Field label="Manager" hint="Cohorts keep people apart from their reporting line." {...field('managerId')}>
            <Select {...text('managerId')}>
              <option value="">No manager</option>
              {people
                .filter((p) => p.id !== profile.id)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                  </option>
                ))}
            </Select>
          </Field>
          <Field label="Time zone" {...field('timeZone')}>
            <Select {...text('timeZone')}>
              {stored.timeZone === '' && <option value="">Not set</option>}
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </Select>
          </Field>
          <div role="status">{saving ? 'Saving your profile…' : saved}</div>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
          <Button appearance="primary" type="submit" disabledFocusable={saving}>
            Save profile
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
