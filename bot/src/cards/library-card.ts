import {
  markdownToPlainText,
  peerLoopLink,
  TEXT_KINDS,
  type LibraryItemKind,
  type LibraryItemView,
  type PeerLoopTarget,
  type SessionKind,
  type SessionView,
} from '@peerloop/core';
import { literalText, localDateTime } from './text.js';

/**
 * Cards the messaging extension inserts into a conversation: a library item or a session, as a search
 * result or an unfurled PeerLoop link. Everything user-written goes into TextRuns (shown literally), tips and
 * notes as plain text (never their markdown), and each card stays far below Teams' 28 KB limit whatever the
 * item holds: long text is shortened here.
 */

const KIND_LABELS: Record<LibraryItemKind, string> = {
  presentation: 'Presentation',
  document: 'Document',
  recording: 'Recording',
  link: 'Link',
  'tip-list': 'Tip list',
  'book-note': 'Book note',
};

const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  'learning-lunch': 'Learning lunch',
  'fireside-chat': 'Fireside chat',
  'book-club': 'Book club',
  workshop: 'Workshop',
  networking: 'Networking',
  reflection: 'Reflection',
};

/** How much of a summary, and of a tip's or note's text, a card shows. */
export const SUMMARY_SHOWN = 500;
export const EXCERPT_SHOWN = 400;

export function libraryKindLabel(kind: LibraryItemKind): string {
  return KIND_LABELS[kind];
}

export function sessionKindLabel(kind: SessionKind): string {
  return SESSION_KIND_LABELS[kind];
}

/** At most `max` characters (code points, so no character is split), with an ellipsis when shortened. */
export function clip(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max
    ? text
    : `${characters
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** "★ 4.5 · 12 ratings", or that nobody rated it yet. */
export function ratingLine(rating: LibraryItemView['rating']): string {
  if (rating.count === 0) return 'Not rated yet';
  return `★ ${rating.average.toFixed(1)} · ${rating.count} ${rating.count === 1 ? 'rating' : 'ratings'}`;
}

/** A tip's or note's text as plain words, or the summary of anything else. */
export function itemExcerpt(item: Pick<LibraryItemView, 'kind' | 'summary' | 'body'>): string {
  if (item.summary.trim() !== '') return clip(item.summary.trim(), SUMMARY_SHOWN);
  if (TEXT_KINDS.includes(item.kind) && item.body) return markdownToPlainText(item.body, EXCERPT_SHOWN);
  return '';
}

/** "Open in PeerLoop", when the tab's address is known. */
export function openInPeerLoop(tabBase: string | undefined, target: PeerLoopTarget): object[] {
  return tabBase ? [{ type: 'Action.OpenUrl', title: 'Open in PeerLoop', url: peerLoopLink(tabBase, target) }] : [];
}

function adaptiveCard(body: object[], actions: object[]) {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export interface LibraryCardOptions {
  /** The tab's base address, for "Open in PeerLoop". */
  readonly tabBase?: string | undefined;
}

/**
 * One library item: title, kind, summary (a tip's text as plain text), tags and skills, who shared it, its
 * rating, and buttons to open it in PeerLoop and to open the file or page it links to.
 */
export function libraryItemCard(item: LibraryItemView, options: LibraryCardOptions = {}) {
  const body: object[] = [
    literalText(clip(item.title, 200), { weight: 'Bolder', size: 'Medium' }),
    {
      type: 'TextBlock',
      text: `${libraryKindLabel(item.kind)} · ${ratingLine(item.rating)}`,
      isSubtle: true,
      wrap: true,
      spacing: 'None',
    },
  ];
  const excerpt = itemExcerpt(item);
  if (excerpt) body.push(literalText(excerpt));
  const labels = [...item.tags, ...item.skills.filter((s) => !item.tags.includes(s))];
  if (labels.length > 0) body.push(literalText(clip(labels.join(' · '), 300), { subtle: true }));
  body.push(literalText(`Shared by ${clip(item.author.displayName, 100)}`, { subtle: true }));
  if (item.cohortId) {
    body.push({
      type: 'TextBlock',
      text: 'Shared with one cohort: only its members can open it in PeerLoop.',
      isSubtle: true,
      wrap: true,
      size: 'Small',
    });
  }
  const actions = [...openInPeerLoop(options.tabBase, { kind: 'item', id: item.id })];
  if (item.url) actions.push({ type: 'Action.OpenUrl', title: linkTitle(item.kind), url: item.url });
  return adaptiveCard(body, actions);
}

function linkTitle(kind: LibraryItemKind): string {
  switch (kind) {
    case 'recording':
      return 'Watch the recording';
    case 'presentation':
    case 'document':
      return 'Open the file';
    default:
      return 'Open the link';
  }
}

/** The line under an item's title in the search list. */
export function libraryItemPreviewText(item: LibraryItemView): string {
  return `${libraryKindLabel(item.kind)} · ${ratingLine(item.rating)}`;
}

/**
 * One session, as the messaging extension inserts it: title, kind, local date and time, topic, presenters,
 * where, and buttons to open it in PeerLoop (where people answer and see who else goes) and to join.
 */
export function sessionResultCard(session: SessionView, options: LibraryCardOptions = {}) {
  const body: object[] = [
    literalText(session.title, { weight: 'Bolder', size: 'Medium' }),
    {
      type: 'TextBlock',
      text: `${sessionKindLabel(session.kind)} · ${localDateTime(session.startsAt)}`,
      isSubtle: true,
      wrap: true,
      spacing: 'None',
    },
  ];
  if (session.status === 'cancelled') {
    body.push({ type: 'TextBlock', text: 'Cancelled', color: 'Attention', weight: 'Bolder', wrap: true });
  }
  const about = session.topic ?? session.description;
  if (about) body.push(literalText(clip(about, SUMMARY_SHOWN)));
  if (session.presenters.length > 0) {
    body.push(literalText(`Presented by ${session.presenters.map((p) => p.displayName).join(', ')}`, { subtle: true }));
  }
  if (session.location) body.push(literalText(`Where: ${session.location}`, { subtle: true }));
  const seats =
    session.capacity === undefined
      ? `${session.seatsTaken} going`
      : `${session.seatsTaken} of ${session.capacity} seats taken`;
  body.push({ type: 'TextBlock', text: seats, isSubtle: true, wrap: true, spacing: 'None' });
  const actions = [...openInPeerLoop(options.tabBase, { kind: 'session', id: session.id })];
  if (session.meetingUrl && session.status !== 'cancelled') {
    actions.push({ type: 'Action.OpenUrl', title: 'Join the meeting', url: session.meetingUrl });
  }
  return adaptiveCard(body, actions);
}

/** A card with an "Open in PeerLoop" button added (cohort cards, made elsewhere). */
export function withOpenInPeerLoop<T extends object>(card: T, tabBase: string | undefined, target: PeerLoopTarget) {
  const actions = openInPeerLoop(tabBase, target);
  return actions.length > 0 ? { ...card, actions } : card;
}
