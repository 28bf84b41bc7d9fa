import type { LibraryItemKind, LibrarySort } from '@peerloop/core';
import type { MineFilter } from './library-api';

/** Display names of the kinds, in the order the share form offers them (core's LIBRARY_ITEM_KINDS). */
export const KIND_LABELS: Record<LibraryItemKind, string> = {
  presentation: 'Presentation',
  document: 'Document',
  recording: 'Recording',
  link: 'Link',
  'tip-list': 'Tip list',
  'book-note': 'Book note',
};

export const KINDS = Object.keys(KIND_LABELS) as LibraryItemKind[];

/** Kinds written here as markdown; the others point at a file or page (core's TEXT_KINDS). */
export function isTextKind(kind: LibraryItemKind): boolean {
  return kind === 'tip-list' || kind === 'book-note';
}

export const SORT_LABELS: Record<LibrarySort, string> = {
  relevance: 'Relevance',
  rating: 'Rating',
  popularity: 'Popularity',
  recent: 'Most recent',
};

export const SORTS = Object.keys(SORT_LABELS) as LibrarySort[];

/** The "Show" choices: everything, or only my own use. */
export const MINE_LABELS: readonly (readonly [MineFilter | 'all', string])[] = [
  ['all', 'Everything'],
  ['bookmarked', 'Saved for later'],
  ['done', 'Done'],
  ['shared', 'Shared by me'],
];

/** "1 view", "12 views". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** An average as people read stars: "4.3", "4". */
export function formatAverage(average: number): string {
  return (Math.round(average * 10) / 10).toLocaleString('en', { maximumFractionDigits: 1 });
}

/** "Rated 4.3 out of 5 from 3 ratings", or "Not rated yet". */
export function describeRating(rating: { readonly average: number; readonly count: number }): string {
  return rating.count === 0
    ? 'Not rated yet'
    : `Rated ${formatAverage(rating.average)} out of 5 from ${count(rating.count, 'rating')}`;
}

/** A date as people read it in a list: "12 Mar 2031". */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}
