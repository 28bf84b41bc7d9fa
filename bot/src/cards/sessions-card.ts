import type { RsvpResponse, SessionKind, SessionView } from '@peerloop/core';
import { CardVerbs } from '../commands/invoke-names.js';
import { literalText, localDateTime } from './text.js';

const KIND_LABELS: Record<SessionKind, string> = {
  'learning-lunch': 'Learning lunch',
  'fireside-chat': 'Fireside chat',
  'book-club': 'Book club',
  workshop: 'Workshop',
  networking: 'Networking',
  reflection: 'Reflection',
};

/** The RSVP buttons, in the order a person reads them. */
const RSVP_BUTTONS: readonly { readonly response: RsvpResponse; readonly title: string }[] = [
  { response: 'going', title: 'Going' },
  { response: 'maybe', title: 'Maybe' },
  { response: 'declined', title: "Can't go" },
];

export interface SessionsCardOptions {
  /**
   * `reader`: the card shows the reader's own answers (a personal chat, or a card refreshed for one person).
   * `everyone`: the card a whole group chat or channel sees before Teams refreshes it for each viewer, so it
   * shows nobody's answers.
   */
  readonly audience: 'reader' | 'everyone';
  /**
   * Teams ids (MRIs) of the people whose card refreshes automatically. Omitted, Teams refreshes it for
   * everyone in conversations of up to 60 people and offers "Refresh card" in larger ones.
   */
  readonly refreshUserIds?: readonly string[];
  /** Why the reader's last click changed nothing: shown beside that session, or at the top. */
  readonly notice?: { readonly sessionId?: string; readonly message: string };
  /** To tell which sessions still take answers. */
  readonly now: Date;
}

/**
 * The upcoming sessions as one card: per session its title, kind, local date and time, seats, the reader's
 * answer and Going / Maybe / Can't go buttons (Universal Actions, so a click redraws the card for the person
 * who clicked). One card rather than a carousel: a click answers with one card, a viewer costs one refresh
 * rather than one per session, and a list reads top to bottom in a narrow chat pane and on mobile.
 */
export function sessionsCard(sessions: readonly SessionView[], heading: string, options: SessionsCardOptions) {
  const body: object[] = [{ type: 'TextBlock', text: heading, weight: 'Bolder', size: 'Large', wrap: true }];
  const notice = options.notice;
  const noticeBeside = notice?.sessionId && sessions.some((s) => s.id === notice.sessionId) ? notice : undefined;
  if (notice && !noticeBeside) body.push(literalText(notice.message, { color: 'Attention' }));
  if (sessions.length === 0) {
    body.push({ type: 'TextBlock', text: 'Nothing is scheduled yet.', wrap: true });
  }
  for (const session of sessions) {
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: sessionItems(session, options, noticeBeside?.sessionId === session.id ? noticeBeside.message : null),
    });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb: CardVerbs.refresh },
      ...(options.refreshUserIds ? { userIds: [...options.refreshUserIds] } : {}),
    },
    body,
  };
}

function sessionItems(session: SessionView, options: SessionsCardOptions, notice: string | null): object[] {
  const items: object[] = [
    literalText(session.title, { weight: 'Bolder' }),
    {
      type: 'TextBlock',
      text: `${KIND_LABELS[session.kind]} · ${localDateTime(session.startsAt)}`,
      isSubtle: true,
      wrap: true,
      spacing: 'None',
    },
    { type: 'TextBlock', text: seatsLine(session), isSubtle: true, wrap: true, spacing: 'None' },
  ];
  const closed = closedReason(session, options.now);
  if (options.audience === 'reader' && !closed) {
    items.push({
      type: 'TextBlock',
      text: readerStatus(session),
      wrap: true,
      weight: 'Bolder',
      ...(session.myRsvp === 'going' ? { color: 'Good' } : {}),
    });
  }
  if (notice) items.push(literalText(notice, { color: 'Attention' }));
  if (closed) {
    items.push({ type: 'TextBlock', text: closed, wrap: true, color: 'Attention' });
    return items;
  }
  items.push({ type: 'ActionSet', actions: RSVP_BUTTONS.map((button) => rsvpAction(session, button, options)) });
  return items;
}

function rsvpAction(session: SessionView, button: (typeof RSVP_BUTTONS)[number], options: SessionsCardOptions): object {
  const current =
    options.audience === 'reader' &&
    (session.myRsvp === button.response || (button.response === 'going' && session.myRsvp === 'waitlisted'));
  return {
    type: 'Action.Execute',
    title: button.title,
    verb: CardVerbs.rsvp,
    data: { sessionId: session.id, response: button.response },
    ...(current ? { style: 'positive' } : {}),
  };
}

function seatsLine(session: SessionView): string {
  if (session.capacity === undefined) return `${session.seatsTaken} going`;
  const waiting = session.waitlistLength > 0 ? ` · ${session.waitlistLength} on the waitlist` : '';
  return `Seats: ${session.seatsTaken} of ${session.capacity} taken${waiting}`;
}

function readerStatus(session: SessionView): string {
  switch (session.myRsvp) {
    case 'going':
      return "You're going";
    case 'waitlisted':
      return `You're on the waitlist (#${session.myWaitlistPosition ?? '?'})`;
    case 'maybe':
      return 'You said maybe';
    case 'declined':
      return "You can't go";
    case null:
      return "You haven't answered yet";
  }
}

/** Why a session takes no more answers, or null while it does. */
function closedReason(session: SessionView, now: Date): string | null {
  if (session.status === 'cancelled') return 'Cancelled';
  if (session.rsvpClosesAt && now.getTime() > Date.parse(session.rsvpClosesAt)) return 'RSVPs are closed';
  return null;
}

/** A card that only says something: what replaces the sessions card when the person may not see it. */
export function messageCard(text: string) {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [literalText(text)],
  };
}
