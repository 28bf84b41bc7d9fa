import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { NotificationPreferences as Preferences } from '@peerloop/core';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { useFormStyles } from '../../shared/form-styles';
import { ErrorState, LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import { toNotificationErrors, toNotificationPatch, toNotificationValues } from './notification-form';
import type { NotificationErrors, NotificationField, NotificationValues } from './notification-form';
import { getNotificationPreferences, updateNotificationPreferences } from './reminders-api';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalL,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground2 },
  times: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

export interface NotificationPreferencesProps {
  /** The person's time zone from their profile, which quiet hours follow; empty when not set. */
  readonly timeZone?: string;
}

/**
 * "Notifications": what PeerLoop sends the reader in Teams — reminders and notices at all, quiet hours in their
 * own time zone, the Monday digest. Loads and saves GET/PATCH /api/me/notifications, apart from the profile.
 */
export default function NotificationPreferences({ timeZone = '' }: NotificationPreferencesProps) {
  const styles = useStyles();
  const api = useApi();
  const headingId = useId();
  const { resource, reload } = useResource(() => getNotificationPreferences(api), 'notifications');
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        Notifications
      </h3>
      {resource.status === 'loading' && <LoadingState label="Loading your notification settings" />}
      {resource.status === 'error' && (
        <ErrorState title="Your notification settings could not be loaded." error={resource.error} onRetry={reload} />
      )}
      {resource.status === 'ready' && <PreferencesForm preferences={resource.data} timeZone={timeZone} />}
    </section>
  );
}

function PreferencesForm({ preferences, timeZone }: { preferences: Preferences; timeZone: string }) {
  const styles = useStyles();
  const form = useFormStyles();
  const api = useApi();
  const legendId = useId();
  const [stored, setStored] = useState(() => toNotificationValues(preferences));
  const [values, setValues] = useState<NotificationValues>(stored);
  const [errors, setErrors] = useState<NotificationErrors>({});
  const [failure, setFailure] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (Object.keys(errors).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = (change: Partial<NotificationValues>) => {
    setSaved('');
    setValues((v) => ({ ...v, ...change }));
  };
  const field = (name: NotificationField) => ({
    validationMessage: errors[name],
    validationState: errors[name] ? ('error' as const) : ('none' as const),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setSaved('');
    setFailure([]);
    const result = toNotificationPatch(stored, values);
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
      const next = toNotificationValues(await updateNotificationPreferences(api, result.patch));
      setStored(next);
      setValues(next);
      setSaved('Notification settings saved.');
    } catch (error) {
      const mapped = error instanceof ApiError ? toNotificationErrors(error.fields) : { byField: {}, summary: [] };
      setErrors(mapped.byField);
      setFailure(mapped.summary.length > 0 ? mapped.summary : [describeError(error)]);
    } finally {
      setSaving(false);
    }
  }

  const zoneHint = timeZone
    ? `Times are in your time zone, ${timeZone}.`
    : 'Times follow your time zone once you set it above; until then, each session’s own time zone.';

  return (
    <form ref={formRef} className={form.content} aria-label="Notification settings" noValidate onSubmit={submit}>
      {failure.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Your notification settings were not saved.</MessageBarTitle> {failure.join('; ')}
          </MessageBarBody>
        </MessageBar>
      )}
      <Switch
        label="Send me reminders and notices"
        checked={values.receiveReminders}
        onChange={(_, data) => set({ receiveReminders: data.checked })}
      />
      <Switch
        label="Weekly digest of my upcoming sessions, on Mondays"
        checked={values.weeklyDigest}
        onChange={(_, data) => set({ weeklyDigest: data.checked })}
      />
      {!values.receiveReminders && (
        <Text className={styles.hint}>While reminders are off, PeerLoop sends you nothing, not even the digest.</Text>
      )}
      <fieldset className={form.fieldset} aria-describedby={`${legendId}-hint`}>
        <legend id={legendId} className={form.legend}>
          Quiet hours
        </legend>
        <Switch
          label="Hold messages during quiet hours"
          checked={values.quietHours}
          onChange={(_, data) => set({ quietHours: data.checked })}
        />
        <Text id={`${legendId}-hint`} block className={styles.hint}>
          {zoneHint} Messages due in quiet hours wait until they end.
        </Text>
        {values.quietHours && (
          <div className={styles.times}>
            <Field label="From" {...field('quietStart')}>
              <Input type="time" value={values.quietStart} onChange={(_, data) => set({ quietStart: data.value })} />
            </Field>
            <Field label="To" {...field('quietEnd')}>
              <Input type="time" value={values.quietEnd} onChange={(_, data) => set({ quietEnd: data.value })} />
            </Field>
          </div>
        )}
      </fieldset>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabledFocusable={saving}>
          Save notifications
        </Button>
        <div role="status">{saving ? 'Saving your notification settings…' : saved}</div>
      </div>
    </form>
  );
}
