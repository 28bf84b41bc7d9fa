import type { TurnContext } from 'botbuilder';
import {
  getMyNotificationPreferences,
  updateMyNotificationPreferences,
  type NotificationPreferences,
  type Principal,
  type ReminderDeps,
} from '@peerloop/core';

/** The words after "reminders": turn them off or on; anything else (or nothing) tells how things stand. */
const OFF = new Set(['off', 'stop', 'pause']);
const ON = new Set(['on', 'start', 'resume']);

/**
 * "reminders", "reminders off", "reminders on": a person stops or restarts everything PeerLoop sends them
 * unasked (reminders, notices, follow-ups, the digest), right from the chat. Only about oneself, so only in
 * the private chat with PeerLoop.
 */
export async function remindersFromChat(
  deps: Pick<ReminderDeps, 'notificationPreferences' | 'clock'>,
  context: TurnContext,
  actor: Principal,
  rest: string,
): Promise<void> {
  if (context.activity.conversation?.conversationType !== 'personal') {
    await context.sendActivity('Reminder settings are yours alone: change them in a private chat with me.');
    return;
  }
  const word = rest.trim().toLowerCase();
  if (OFF.has(word) || ON.has(word)) {
    const optedOut = OFF.has(word);
    const current = await getMyNotificationPreferences(deps, actor);
    const next =
      current.optedOut === optedOut ? current : await updateMyNotificationPreferences(deps, actor, { optedOut });
    await context.sendActivity(
      optedOut
        ? 'Done: I will send you no reminders, notices, follow-ups or digests. Type "reminders on" to get them again.'
        : `Done: you will get reminders again. ${describe(next)}`,
    );
    return;
  }
  await context.sendActivity(describe(await getMyNotificationPreferences(deps, actor)));
}

function describe(preferences: NotificationPreferences): string {
  if (preferences.optedOut)
    return 'Reminders are off: I send you nothing unasked. Type "reminders on" to turn them on.';
  const quiet = preferences.quietHours
    ? ` Nothing arrives between ${preferences.quietHours.start} and ${preferences.quietHours.end} (your time).`
    : '';
  const digest = preferences.weeklyDigest ? ' You get the Monday digest of your sessions.' : '';
  return `Reminders are on.${quiet}${digest} Type "reminders off" to stop them; quiet hours and the digest are in "My profile" in the PeerLoop tab.`;
}
