import type { DeliveryMessage, ReminderSessionView, RsvpResponse, SessionKind } from '@peerloop/core';
import { ReminderCardVerbs, SNOOZE_MINUTES } from '../proactive/reminder-verbs.js';
import { literalText, localDateTime } from './text.js';

const KIND_LABELS: Record<SessionKind, string> = {
  'learning-lunch': 'Learning lunch',
  'fireside-chat': 'Fireside chat',
  'book-club': 'Book club',
  workshop: 'Workshop',
  networking: 'Networking',
  reflection: 'Reflection',
};

type SessionMessage = Extract<DeliveryMessage, { session: ReminderSessionView }>;
/** A card as sent, or as redrawn after a click (with what the click did). */
export type ReminderCardMessage = SessionMessage & { readonly snoozedUntil?: string };

const RSVP_BUTTONS: readonly { readonly response: RsvpResponse; readonly title: string }[] = [
  { response: 'going', title: 'Going' },
  { response: 'maybe', title: 'Maybe' },
  { response: 'declined', title: "Can't make it" },
];

const REMINDER_KINDS = new Set(['session-reminder', 'snoozed-reminder', 'reminder-now', 'presenter-reminder']);

/** "15 minutes", "1 hour", "24 hours", "3 days". */
export function leadText(minutes: number): string {
  if (minutes % 1440 === 0 && minutes >= 2880) return `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function heading(message: ReminderCardMessage): string {
  switch (message.kind) {
    case 'session-reminder':
      return message.minutesBefore ? `Coming up in ${leadText(message.minutesBefore)}` : 'Coming up';
    case 'snoozed-reminder':
      return 'Here is your reminder';
    case 'reminder-now':
      return 'A reminder from your facilitator';
    case 'presenter-reminder':
      return message.minutesBefore ? `You're presenting in ${leadText(message.minutesBefore)}` : "You're presenting";
    case 'waitlist-promoted':
      return "A seat opened up: you're going";
    case 'session-cancelled':
      return 'Cancelled';
    case 'session-changed':
      return 'This session changed';
    case 'session-follow-up':
      return 'How did it go?';
  }
}

/** The notification line Teams shows for the message (plain text, never markdown). */
export function reminderSummary(message: DeliveryMessage): string {
  if (message.kind === 'weekly-digest') return 'Your week in PeerLoop';
  const title = message.session.title;
  switch (message.kind) {
    case 'session-cancelled':
      return `Cancelled: ${title}`;
    case 'session-changed':
      return `Changed: ${title}`;
    case 'waitlist-promoted':
      return `You got a seat: ${title}`;
    case 'session-follow-up':
      return `How was ${title}?`;
    default:
      return `Reminder: ${title}`;
  }
}

function statusText(session: ReminderSessionView): string {
  switch (session.myRsvp) {
    case 'going':
      return "You're going";
    case 'waitlisted':
      return "You're on the waitlist";
    case 'maybe':
      return 'You said maybe';
    case 'declined':
      return "You can't make it";
    case null:
      return "You haven't answered yet";
  }
}

function cardData(message: DeliveryMessage, extra: Record<string, unknown> = {}) {
  return { subjectId: message.delivery.subjectId, deliveryId: message.delivery.id, ...extra };
}

function refreshOf(message: DeliveryMessage) {
  if (!message.recipientTeamsId) return {};
  return {
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb: ReminderCardVerbs.refresh, data: cardData(message) },
      userIds: [message.recipientTeamsId],
    },
  };
}

function sessionFacts(session: ReminderSessionView): object[] {
  const items: object[] = [
    literalText(session.title, { weight: 'Bolder', size: 'Medium' }),
    {
      type: 'TextBlock',
      text: `${KIND_LABELS[session.kind]} · ${localDateTime(session.startsAt)}`,
      isSubtle: true,
      wrap: true,
      spacing: 'None',
    },
  ];
  if (session.location) items.push(literalText(`Where: ${session.location}`, { subtle: true }));
  if (session.presenters.length > 0) {
    items.push(literalText(`With ${session.presenters.map((p) => p.displayName).join(', ')}`, { subtle: true }));
  }
  return items;
}

/**
 * A reminder, notice or follow-up about one session, for its recipient's personal chat: what and when (in the
 * reader's own time zone and locale), their answer, and actions that work in place (Going / Maybe / Can't
 * make it, Remind me later, Join; the follow-up's rating and "what will you try"). Every click is idempotent
 * and redraws the card for the person who clicked. User-written text only ever goes into TextRuns.
 */
export function reminderCard(message: ReminderCardMessage) {
  const { session } = message;
  const body: object[] = [
    { type: 'TextBlock', text: heading(message), weight: 'Bolder', size: 'Large', wrap: true },
    ...sessionFacts(session),
  ];
  const cancelled = session.status === 'cancelled' || message.kind === 'session-cancelled';
  if (cancelled) {
    body.push({ type: 'TextBlock', text: 'This session was cancelled.', color: 'Attention', wrap: true });
  } else if (message.kind !== 'session-follow-up') {
    body.push({
      type: 'TextBlock',
      text: statusText(session),
      weight: 'Bolder',
      wrap: true,
      ...(session.myRsvp === 'going' ? { color: 'Good' } : {}),
    });
  }
  if (message.note) {
    body.push({ type: 'TextBlock', text: 'Message from your facilitator:', isSubtle: true, wrap: true });
    body.push(literalText(message.note));
  }
  if (message.notice) body.push(literalText(message.notice, { color: 'Attention' }));
  if (message.snoozedUntil) {
    body.push({
      type: 'TextBlock',
      text: `I'll remind you again at ${localDateTime(message.snoozedUntil)}.`,
      wrap: true,
      color: 'Good',
    });
  }
  if (message.kind === 'session-follow-up') body.push(...followUpItems(message));
  else if (!cancelled) body.push({ type: 'ActionSet', actions: sessionActions(message) });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...refreshOf(message),
    body,
  };
}

function sessionActions(message: ReminderCardMessage): object[] {
  const { session } = message;
  const actions: object[] = [];
  const buttons =
    message.kind === 'waitlist-promoted' ? RSVP_BUTTONS.filter((b) => b.response === 'declined') : RSVP_BUTTONS;
  if (message.kind !== 'presenter-reminder') {
    for (const button of buttons) {
      const current =
        session.myRsvp === button.response || (button.response === 'going' && session.myRsvp === 'waitlisted');
      actions.push({
        type: 'Action.Execute',
        title: button.title,
        verb: ReminderCardVerbs.rsvp,
        data: cardData(message, { response: button.response }),
        ...(current ? { style: 'positive' } : {}),
      });
    }
  }
  if (REMINDER_KINDS.has(message.kind) && !message.snoozedUntil) {
    actions.push({
      type: 'Action.Execute',
      title: 'Remind me later',
      verb: ReminderCardVerbs.snooze,
      data: cardData(message, { minutes: SNOOZE_MINUTES }),
    });
  }
  if (session.meetingUrl) actions.push({ type: 'Action.OpenUrl', title: 'Join', url: session.meetingUrl });
  return actions;
}

function followUpItems(message: ReminderCardMessage): object[] {
  const items: object[] = [];
  if (message.response) {
    if (message.response.rating) {
      items.push({ type: 'TextBlock', text: `You rated it ${message.response.rating} of 5.`, wrap: true });
    }
    if (message.response.commitment) {
      items.push({ type: 'TextBlock', text: "You'll try:", isSubtle: true, wrap: true });
      items.push(literalText(message.response.commitment));
    }
  }
  items.push(
    {
      type: 'Input.ChoiceSet',
      id: 'rating',
      label: 'How useful was it?',
      style: 'expanded',
      ...(message.response?.rating ? { value: String(message.response.rating) } : {}),
      choices: [1, 2, 3, 4, 5].map((n) => ({ title: String(n), value: String(n) })),
    },
    {
      type: 'Input.Text',
      id: 'commitment',
      label: 'What will you try before next time?',
      isMultiline: true,
      maxLength: 500,
      ...(message.response?.commitment ? { value: message.response.commitment } : {}),
    },
    {
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Execute',
          title: message.response ? 'Update' : 'Send',
          verb: ReminderCardVerbs.followUp,
          data: cardData(message),
        },
      ],
    },
  );
  return items;
}
