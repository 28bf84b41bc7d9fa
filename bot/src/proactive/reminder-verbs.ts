/**
 * Verbs of the Action.Execute buttons on reminder, notice, follow-up and digest cards. Each click carries the
 * delivery it belongs to (`subjectId`, `deliveryId`), so the card redraws for that delivery's recipient only.
 */
export const ReminderCardVerbs = {
  /** Going / Maybe / Can't make it; data `{ subjectId, deliveryId, response }`. */
  rsvp: 'reminderRsvp',
  /** Remind me later; data `{ subjectId, deliveryId, minutes }`. */
  snooze: 'reminderSnooze',
  /** The follow-up's answer; data `{ subjectId, deliveryId }` plus the inputs `rating` and `commitment`. */
  followUp: 'followUpAnswer',
  /** The card's refresh: redraw it as things are now; data `{ subjectId, deliveryId }`. */
  refresh: 'reminderRefresh',
  /** Stop the weekly digest (from the digest card). */
  stopDigest: 'digestStop',
} as const;

export type ReminderCardVerb = (typeof ReminderCardVerbs)[keyof typeof ReminderCardVerbs];

export function isReminderVerb(verb: unknown): verb is ReminderCardVerb {
  return (Object.values(ReminderCardVerbs) as unknown[]).includes(verb);
}

/** How long "Remind me later" waits. */
export const SNOOZE_MINUTES = 60;
