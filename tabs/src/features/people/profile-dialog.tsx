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
import type { DirectoryField, Person, ProfileSyncResult } from '@peerloop/core';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import type { ApiClient } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { ErrorState, LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import { listPeople } from './people-api';
import type { PersonItem } from './people-api';
import { getMyProfile, updateMyProfile } from './profile-api';
import { timeZoneOptions, toProfileErrors, toProfilePatch, toProfileValues } from './profile-form';
import type { ProfileField, ProfileValues } from './profile-form';
import { useFormStyles } from '../../shared/form-styles';

/** Notification settings (their own API, docs/adr/0006) load on demand, beside the profile. */
const NotificationPreferences = lazy(() => import('../reminders/notification-preferences'));

const useStyles = makeStyles({
  surface: { maxWidth: 'min(40rem, calc(100vw - 2rem))' },
  directory: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '0.5rem' },
  kept: { margin: 0, paddingLeft: '1.25rem' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.75rem' },
});

/** GET /api/directory/status: whether Microsoft 365 can fill the profile for this sign-in. */
interface DirectoryStatus {
  readonly available: boolean;
  readonly reason?: string;
}

/** Whether "Fill from Microsoft 365" can work here; anything but a clear yes hides it. */
function getDirectoryStatus(api: ApiClient): Promise<DirectoryStatus> {
  return api.get<DirectoryStatus>('/directory/status').catch(() => ({ available: false }));
}

/** POST /api/me/profile/sync: Microsoft 365 fills what is empty; `replace` takes its value for those fields. */
function syncFromDirectory(api: ApiClient, replace: readonly DirectoryField[] = []): Promise<ProfileSyncResult> {
  return api.post<ProfileSyncResult>('/me/profile/sync', { replace });
}

const DIRECTORY_LABELS: Record<DirectoryField, string> = {
  displayName: 'Name',
  title: 'Title',
  function: 'Function',
  email: 'Email',
  managerId: 'Manager',
};

/** What a sync did, in words: what was filled, and what became of the manager. */
function describeSync(result: ProfileSyncResult): string {
  const filled = result.updated.map((u) => DIRECTORY_LABELS[u.field]);
  const parts = [
    filled.length > 0 ? `Filled from Microsoft 365: ${filled.join(', ')}.` : 'Nothing new from Microsoft 365.',
  ];
  const manager = result.manager;
  if (manager.status === 'not_in_peerloop') {
    parts.push(`Your manager in Microsoft 365, ${manager.displayName}, is not in PeerLoop yet.`);
  } else if (manager.status === 'would_loop') {
    parts.push(`${manager.displayName} would make a loop in the reporting line, so your manager stays as it is.`);
  } else if (manager.status === 'consent_required') {
    parts.push(manager.message);
  }
  return parts.join(' ');
}

export interface ProfileDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
}

/**
 * "My profile": the common threads cohorts are formed around, the manager and the time zone; and, saved apart,
 * what PeerLoop sends the person (reminders, quiet hours, the weekly digest).
 */
export function ProfileDialog({ open, onClose }: ProfileDialogProps) {
  const styles = useStyles();
  const form = useFormStyles();
  const api = useApi();
  const { resource, reload } = useResource(
    () =>
      Promise.all([getMyProfile(api), listPeople(api), getDirectoryStatus(api)]).then(
        ([profile, people, directory]) => ({
          profile,
          people,
          directoryAvailable: directory.available,
        }),
      ),
    'profile',
  );
  const [timeZone, setTimeZone] = useState('');

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>My profile</DialogTitle>
          <DialogContent className={form.content}>
            {resource.status === 'loading' && <LoadingState label="Loading your profile" />}
            {resource.status === 'error' && (
              <ErrorState title="Your profile could not be loaded." error={resource.error} onRetry={reload} />
            )}
            {resource.status === 'ready' && (
              <ProfileForm
                profile={resource.data.profile}
                people={resource.data.people}
                directoryAvailable={resource.data.directoryAvailable}
                onTimeZone={setTimeZone}
              />
            )}
            {/* Saved on its own: each form's button sits under its own fields. */}
            <Suspense fallback={<LoadingState label="Loading your notification settings" />}>
              <NotificationPreferences timeZone={timeZone} />
            </Suspense>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

interface ProfileFormProps {
  readonly profile: Person;
  readonly people: readonly PersonItem[];
  /** Microsoft Graph is configured and the reader signed in with Teams. */
  readonly directoryAvailable: boolean;
  /** The saved time zone, which the notification settings' quiet hours follow. */
  readonly onTimeZone: (timeZone: string) => void;
}

function ProfileForm({ profile, people, directoryAvailable, onTimeZone }: ProfileFormProps) {
  const styles = useStyles();
  const form = useFormStyles();
  const api = useApi();
  const [stored, setStored] = useState(() => toProfileValues(profile));
  const [values, setValues] = useState(stored);
  const [errors, setErrors] = useState<Partial<Record<ProfileField, string>>>({});
  const [failure, setFailure] = useState('');
  const [saved, setSaved] = useState('');
  const [saving, setSaving] = useState(false);
  const [sync, setSync] = useState<ProfileSyncResult | null>(null);
  const [syncing, setSyncing] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const zones = timeZoneOptions(stored.timeZone);

  useEffect(() => onTimeZone(stored.timeZone), [stored.timeZone]);

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

  /** Fills from Microsoft 365; fields the reader is editing keep what they typed. */
  async function fillFromDirectory(replace: readonly DirectoryField[] = []) {
    if (syncing || saving) return;
    setSaved('');
    setFailure('');
    setSyncing(true);
    try {
      const result = await syncFromDirectory(api, replace);
      const next = toProfileValues(result.profile);
      setValues((typed) => {
        const merged = { ...typed };
        for (const key of Object.keys(next) as ProfileField[]) if (typed[key] === stored[key]) merged[key] = next[key];
        return merged;
      });
      setStored(next);
      setSync(result);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setSyncing(false);
    }
  }

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
    <form ref={formRef} className={form.content} aria-label="Profile" noValidate onSubmit={submit}>
      {failure && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      {directoryAvailable && (
        <div className={styles.directory}>
          <Button onClick={() => void fillFromDirectory()} disabledFocusable={syncing || saving}>
            Fill from Microsoft 365
          </Button>
          {sync && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                {describeSync(sync)}
                {sync.kept.length > 0 && (
                  <>
                    {' '}
                    Where yours differs, yours is kept:
                    <ul className={styles.kept}>
                      {sync.kept.map((k) => (
                        <li key={k.field}>
                          {DIRECTORY_LABELS[k.field]}: yours is "{k.yours}", Microsoft 365 says "{k.directory}".{' '}
                          <Button
                            size="small"
                            appearance="subtle"
                            onClick={() => void fillFromDirectory([k.field])}
                            disabledFocusable={syncing || saving}
                            aria-label={`Use Microsoft 365's ${DIRECTORY_LABELS[k.field].toLowerCase()}`}
                          >
                            Use Microsoft 365's
                          </Button>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
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
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabledFocusable={saving}>
          Save profile
        </Button>
        <div role="status">{saving ? 'Saving your profile…' : syncing ? 'Filling from Microsoft 365…' : saved}</div>
      </div>
    </form>
  );
}
