import type { NotificationPreferencesRepository } from '../people/notification-preferences.js';
import type { SessionDeps } from '../sessions/use-cases.js';
import type { ConversationRepository, RecipientDirectory } from './conversations.js';
import type { DeliveryRepository, SessionNoticeOutbox } from './delivery.js';

/** The ports the reminders use cases need, on top of the sessions' own. */
export interface ReminderDeps extends SessionDeps {
  readonly deliveries: DeliveryRepository;
  readonly conversations: ConversationRepository;
  /** The dispatcher's one read per delivery: conversation and preferences together. */
  readonly recipients: RecipientDirectory;
  readonly notificationPreferences: NotificationPreferencesRepository;
  readonly outbox: SessionNoticeOutbox;
}

/** When reminders and notices are planned (the program's reminderDefaults say how long before a session). */
export interface PlanSettings {
  /** Sessions starting this far ahead are read each tick: more than the longest reminder lead. */
  readonly horizonMinutes: number;
  /** The follow-up card goes this long after a session ends... */
  readonly followUpAfterMinutes: number;
  /** ...and is still planned (catching up) until this long after it ended. */
  readonly followUpWindowMinutes: number;
  /** The weekly digest: on Monday at this local time. */
  readonly digestLocalTime: string;
  /**
   * The rate reminders go out at (the tenant's throttle rate): a wave that takes longer than a minute to send
   * starts early enough to be through by its due time.
   */
  readonly sendRatePerSecond: number;
  /** How early a big wave may start at most (never more than a quarter of its lead either). */
  readonly earlyStartMaxMinutes: number;
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = {
  horizonMinutes: 8 * 1440,
  followUpAfterMinutes: 10,
  followUpWindowMinutes: 2 * 1440,
  digestLocalTime: '08:00',
  sendRatePerSecond: 45,
  earlyStartMaxMinutes: 30,
};
