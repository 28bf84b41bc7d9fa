import type { NotificationPreferences } from '@peerloop/core';
import type { FieldError } from '../../platform/api-client';
import type { NotificationPreferencesPatch } from './reminders-api';

/** The preferences form as the person edits it. */
export interface NotificationValues {
  /** The inverse of `optedOut`: the form asks the positive question. */
  readonly receiveReminders: boolean;
  readonly weeklyDigest: boolean;
  readonly quietHours: boolean;
  /** HH:mm, local; kept while quiet hours are off so turning them back on restores the times. */
  readonly quietStart: string;
  readonly quietEnd: string;
}

export type NotificationField = 'receiveReminders' | 'weeklyDigest' | 'quietStart' | 'quietEnd';

export type NotificationErrors = Partial<Record<NotificationField, string>>;

/** The form's labels, used to name a field in an error summary. */
export const NOTIFICATION_FIELD_LABELS: Record<NotificationField, string> = {
  receiveReminders: 'Send me reminders and notices',
  weeklyDigest: 'Weekly digest',
  quietStart: 'Quiet hours from',
  quietEnd: 'Quiet hours to',
};

/** What quiet hours start as when someone first turns them on. */
export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '07:00' } as const;

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The form's values for stored preferences. */
export function toNotificationValues(preferences: NotificationPreferences): NotificationValues {
  const quiet = preferences.quietHours;
  return {
    receiveReminders: !preferences.optedOut,
    weeklyDigest: preferences.weeklyDigest,
    quietHours: quiet !== undefined,
    quietStart: quiet?.start ?? DEFAULT_QUIET_HOURS.start,
    quietEnd: quiet?.end ?? DEFAULT_QUIET_HOURS.end,
  };
}

/**
 * Only what changed, as PATCH /api/me/notifications takes it (`quietHours: null` clears them), or the fields
 * the API would refuse, checked as core's contract checks them: HH:mm times that differ.
 */
export function toNotificationPatch(
  stored: NotificationValues,
  values: NotificationValues,
): { readonly patch: NotificationPreferencesPatch } | { readonly errors: NotificationErrors } {
  const errors: NotificationErrors = {};
  if (values.quietHours) {
    if (!LOCAL_TIME.test(values.quietStart)) errors.quietStart = 'Enter a time like 22:00.';
    if (!LOCAL_TIME.test(values.quietEnd)) errors.quietEnd = 'Enter a time like 07:00.';
    else if (values.quietEnd === values.quietStart) errors.quietEnd = 'Must differ from the start.';
  }
  if (Object.keys(errors).length > 0) return { errors };
  const patch: { -readonly [K in keyof NotificationPreferencesPatch]: NotificationPreferencesPatch[K] } = {};
  if (values.receiveReminders !== stored.receiveReminders) patch.optedOut = !values.receiveReminders;
  if (values.weeklyDigest !== stored.weeklyDigest) patch.weeklyDigest = values.weeklyDigest;
  if (values.quietHours) {
    const changed =
      !stored.quietHours || stored.quietStart !== values.quietStart || stored.quietEnd !== values.quietEnd;
    if (changed) patch.quietHours = { start: values.quietStart, end: values.quietEnd };
  } else if (stored.quietHours) {
    patch.quietHours = null;
  }
  return { patch };
}

const FIELD_OF_PATH: Record<string, NotificationField> = {
  optedOut: 'receiveReminders',
  weeklyDigest: 'weeklyDigest',
  quietHours: 'quietStart',
  'quietHours.start': 'quietStart',
  'quietHours.end': 'quietEnd',
};

const sentence = (message: string) => {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

/**
 * A 400's field errors on the form's fields, and a summary that names each field by its label
 * ("Quiet hours to: must differ from start"); errors on no field of the form are summarised by their path.
 */
export function toNotificationErrors(fields: readonly FieldError[]): {
  readonly byField: NotificationErrors;
  readonly summary: string[];
} {
  const byField: NotificationErrors = {};
  const summary: string[] = [];
  for (const { path, message } of fields) {
    const field = FIELD_OF_PATH[path];
    if (field) {
      byField[field] ??= sentence(message);
      summary.push(`${NOTIFICATION_FIELD_LABELS[field]}: ${message}`);
    } else {
      summary.push(path ? `${path}: ${message}` : sentence(message));
    }
  }
  return { byField, summary };
}
