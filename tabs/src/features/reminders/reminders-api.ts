import type { DeliveryReport, NotificationPreferences, SendNowResult } from '@peerloop/core';
import type { ApiClient } from '../../platform/api-client';

/** The answer to "send reminder now" (202): what was stored, and what this request already delivered. */
export interface SendNowResponse extends SendNowResult {
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
  /** The path of the session's delivery report. */
  readonly report: string;
}

/** PATCH /api/me/notifications: only what changed; `quietHours: null` clears them. */
export interface NotificationPreferencesPatch {
  readonly optedOut?: boolean;
  readonly weeklyDigest?: boolean;
  readonly quietHours?: { readonly start: string; readonly end: string } | null;
}

/** The longest note a facilitator may add, as core's sendReminderNowInput allows. */
export const NOTE_MAX_LENGTH = 500;

const session = (sessionId: string, rest: string) => `/sessions/${encodeURIComponent(sessionId)}${rest}`;

/** What PeerLoop sent about a session (runners only): totals, reasons and one line per delivery. */
export function getDeliveryReport(api: ApiClient, sessionId: string): Promise<DeliveryReport> {
  return api.get<DeliveryReport>(session(sessionId, '/deliveries'));
}

/**
 * A runner's "send reminder now" to the people going or maybe, with an optional note. Rejects with
 * `conflict` within the cooldown or once the session ended or was cancelled, and with a field error on `note`.
 */
export function sendReminderNow(api: ApiClient, sessionId: string, note: string): Promise<SendNowResponse> {
  const trimmed = note.trim();
  return api.post<SendNowResponse>(session(sessionId, '/reminders'), trimmed ? { note: trimmed } : {});
}

/** The reader's notification preferences (the defaults when they never set any). */
export function getNotificationPreferences(api: ApiClient): Promise<NotificationPreferences> {
  return api.get<NotificationPreferences>('/me/notifications');
}

/** Saves changes to the reader's notification preferences; rejects with field errors (e.g. `quietHours.end`). */
export function updateNotificationPreferences(
  api: ApiClient,
  patch: NotificationPreferencesPatch,
): Promise<NotificationPreferences> {
  return api.patch<NotificationPreferences>('/me/notifications', patch);
}
