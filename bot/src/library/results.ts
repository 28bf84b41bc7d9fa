import { CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResponse } from 'botbuilder';
import type { CohortSummary, LibraryItemView, SessionView } from '@peerloop/core';
import { cohortCard, kindLabel } from '../cards/cohort-card.js';
import {
  clip,
  libraryItemCard,
  libraryItemPreviewText,
  sessionKindLabel,
  sessionResultCard,
  withOpenInPeerLoop,
} from '../cards/library-card.js';

/**
 * Messaging-extension results: each an Adaptive Card to insert with its preview (the line Teams lists in
 * the search flyout, and the unfurled link's collapsed view). Previews are plain text.
 */

export function itemResult(item: LibraryItemView, tabBase: string | undefined): MessagingExtensionAttachment {
  return {
    ...CardFactory.adaptiveCard(libraryItemCard(item, { tabBase })),
    preview: CardFactory.thumbnailCard(clip(item.title, 200), libraryItemPreviewText(item)),
  };
}

export function sessionResult(
  session: SessionView,
  tabBase: string | undefined,
  when: (iso: string) => string,
): MessagingExtensionAttachment {
  return {
    ...CardFactory.adaptiveCard(sessionResultCard(session, { tabBase })),
    preview: CardFactory.thumbnailCard(
      session.title,
      `Session · ${sessionKindLabel(session.kind)} · ${when(session.startsAt)}`,
    ),
  };
}

/** `mixed`: among items and sessions, so the preview says it is a cohort. */
export function cohortResult(
  cohort: CohortSummary,
  tabBase: string | undefined,
  list: 'mixed' | 'cohorts-only' = 'mixed',
): MessagingExtensionAttachment {
  const line = `${kindLabel(cohort.kind)} · ${cohort.memberCount} members`;
  return {
    ...CardFactory.adaptiveCard(withOpenInPeerLoop(cohortCard(cohort), tabBase, { kind: 'cohort', id: cohort.id })),
    preview: CardFactory.thumbnailCard(cohort.name, list === 'mixed' ? `Cohort · ${line}` : line),
  };
}

export function resultList(attachments: MessagingExtensionAttachment[]): MessagingExtensionResponse {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

export function messageResult(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}

/** What Teams says of the person on an activity: their time zone (IANA) and language. */
export interface ReaderSettings {
  readonly localTimezone?: string | undefined;
  readonly locale?: string | undefined;
}

/**
 * A start time as the searcher reads it in a preview (plain text, where the card's own date functions do not
 * work): in the time zone and language Teams reports for them, UTC when it reports none.
 */
export function previewTimeFor(activity: ReaderSettings): (iso: string) => string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  };
  const utc: Intl.DateTimeFormatOptions = { ...options, timeZone: 'UTC', timeZoneName: 'short' };
  let format: Intl.DateTimeFormat;
  try {
    const zone = activity.localTimezone;
    format = new Intl.DateTimeFormat(activity.locale || 'en-GB', zone ? { ...options, timeZone: zone } : utc);
  } catch {
    // An unknown zone or language tag: the same in UTC, said so.
    format = new Intl.DateTimeFormat('en-GB', utc);
  }
  return (iso) => format.format(new Date(iso));
}
