import { z } from 'zod';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';

/** Local quiet hours, e.g. 22:00 to 07:00 (wrapping midnight) in the person's own time zone. */
export interface QuietHours {
  /** HH:mm, local: nothing is sent from this time... */
  readonly start: string;
  /** ...until this one (exclusive). */
  readonly end: string;
}

/** What a person wants PeerLoop to send them proactively (reminders, notices, digests). */
export interface NotificationPreferences {
  /** Nothing proactive at all: no reminders, notices, follow-ups or digest. Card answers still work. */
  readonly optedOut: boolean;
  /** The Monday digest of their upcoming sessions (opt-in). */
  readonly weeklyDigest: boolean;
  readonly quietHours?: QuietHours;
  readonly updatedAt?: string;
}

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = { optedOut: false, weeklyDigest: false };

/** Where preferences are kept (with the person's conversation reference: see docs/adr/0006). */
export interface NotificationPreferencesRepository {
  getPreferences(tenantId: string, userId: string): Promise<NotificationPreferences | null>;
  /** Replaces the person's preferences (creating their record when they have none). */
  savePreferences(tenantId: string, userId: string, preferences: NotificationPreferences): Promise<void>;
  /** Ids of the people of a tenant who opted in to the weekly digest and did not opt out, in one query. */
  listDigestSubscribers(tenantId: string): Promise<string[]>;
}

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 22:00');

/** PATCH /api/me/notifications (and the bot's preference buttons). */
export const updateNotificationPreferencesInput = z
  .strictObject({
    optedOut: z.boolean({ error: 'must be true or false' }).optional(),
    weeklyDigest: z.boolean({ error: 'must be true or false' }).optional(),
    /** null clears them. */
    quietHours: z
      .strictObject({ start: localTime, end: localTime })
      .refine((q) => q.start !== q.end, { path: ['end'], message: 'must differ from start' })
      .nullable()
      .optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to change' });

/** The reader's notification preferences (the defaults when they never set any). */
export async function getMyNotificationPreferences(
  deps: { notificationPreferences: NotificationPreferencesRepository },
  actor: Principal,
): Promise<NotificationPreferences> {
  return (
    (await deps.notificationPreferences.getPreferences(actor.tenantId, actor.userId)) ??
    DEFAULT_NOTIFICATION_PREFERENCES
  );
}

/** A person changes what PeerLoop sends them; deliveries already scheduled honour it when they fall due. */
export async function updateMyNotificationPreferences(
  deps: { notificationPreferences: NotificationPreferencesRepository; clock: { now(): Date } },
  actor: Principal,
  rawInput: unknown,
): Promise<NotificationPreferences> {
  const input = parseInput(updateNotificationPreferencesInput, rawInput);
  const current = await getMyNotificationPreferences(deps, actor);
  const { quietHours, ...flags } = input;
  const base: NotificationPreferences = { ...current, ...flags, updatedAt: deps.clock.now().toISOString() };
  let next: NotificationPreferences = base;
  if (quietHours === null) {
    const { quietHours: _cleared, ...rest } = base;
    next = rest;
  } else if (quietHours) {
    next = { ...base, quietHours };
  }
  await deps.notificationPreferences.savePreferences(actor.tenantId, actor.userId, next);
  return next;
}
