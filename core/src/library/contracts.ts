import { z } from 'zod';
import { LIBRARY_ITEM_KINDS, LIBRARY_SORTS, TEXT_KINDS, type LibraryItemKind } from './item.js';
import { sanitizeMarkdown } from './markdown.js';

export const TITLE_MAX_LENGTH = 200;
export const SUMMARY_MAX_LENGTH = 1000;
export const BODY_MAX_LENGTH = 10_000;
export const URL_MAX_LENGTH = 2000;
export const COMMENT_MAX_LENGTH = 2000;
export const MAX_TAGS = 10;

/** One line of plain text: control characters and line breaks become spaces, outer space trimmed. */
const line = (max: number, min = 1) =>
  z
    .string({ error: 'is required' })
    .transform((value) => value.replace(/\p{Cc}/gu, ' ').trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`),
    );

/** Plain text with line breaks kept (comments, summaries). */
const text = (max: number, min = 1) =>
  z
    .string({ error: 'is required' })
    .transform((value) =>
      value
        .replace(/\r\n?/g, '\n')
        .replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : ' '))
        .trim(),
    )
    .pipe(z.string().min(min, 'must not be empty').max(max, `must be at most ${max} characters`));

/** Markdown for tips and notes: sanitised (no raw HTML, no script or data links), then length-checked. */
const markdown = z
  .string({ error: 'must be text' })
  .transform(sanitizeMarkdown)
  .pipe(z.string().min(1, 'must not be empty').max(BODY_MAX_LENGTH, `must be at most ${BODY_MAX_LENGTH} characters`));

/** A link to a file or page: http(s) only, so nobody shares a `javascript:` or `file:` link. */
const link = z
  .string({ error: 'must be a web address' })
  .trim()
  .max(URL_MAX_LENGTH, `must be at most ${URL_MAX_LENGTH} characters`)
  .refine(isWebAddress, 'must be a web address starting with https:// or http://');

const word = z
  .string({ error: 'must be text' })
  .transform((value) =>
    value
      .replace(/\p{Cc}/gu, ' ')
      .trim()
      .replace(/\s+/g, ' ')
      .toLowerCase(),
  )
  .pipe(z.string().min(1, 'must not be empty').max(40, 'must be at most 40 characters'));

const words = z
  .array(word, { error: 'must be a list' })
  .max(MAX_TAGS, `at most ${MAX_TAGS}`)
  .transform((list) => [...new Set(list)]);

const id = z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters');

/** An absolute http(s) address with a host and no spaces (core has no URL parser: no platform APIs here). */
const WEB_ADDRESS = /^https?:\/\/[^\s/?#@:]+(:\d{1,5})?([/?#][^\s]*)?$/i;

export function isWebAddress(value: string): boolean {
  return WEB_ADDRESS.test(value);
}

/** Links for files and pages, text for tips and notes: each kind says which it needs. */
function contentRule<T extends { kind?: LibraryItemKind; url?: string; body?: string }>(
  input: T,
  context: z.RefinementCtx,
): void {
  if (!input.kind) return;
  if (TEXT_KINDS.includes(input.kind)) {
    if (input.body === undefined)
      context.addIssue({ code: 'custom', path: ['body'], message: 'is required for tips and notes' });
  } else if (input.url === undefined) {
    context.addIssue({ code: 'custom', path: ['url'], message: 'is required: share a link to the file or page' });
  }
}

/** Body of POST /api/library/items: share something with a program or one of its cohorts. */
export const shareItemInput = z
  .strictObject({
    programId: id,
    cohortId: id.optional(),
    kind: z.enum(LIBRARY_ITEM_KINDS, { error: `must be one of ${LIBRARY_ITEM_KINDS.join(', ')}` }),
    title: line(TITLE_MAX_LENGTH),
    summary: text(SUMMARY_MAX_LENGTH, 0).default(''),
    url: link.optional(),
    body: markdown.optional(),
    tags: words.default([]),
    skills: words.default([]),
    sessionId: id.optional(),
  })
  .superRefine(contentRule);
export type ShareItemInput = z.output<typeof shareItemInput>;

/** Body of PATCH /api/library/items/{id}: the author (or an owner) changes what they shared; history is kept. */
export const editItemInput = z
  .strictObject({
    title: line(TITLE_MAX_LENGTH).optional(),
    summary: text(SUMMARY_MAX_LENGTH, 0).optional(),
    url: link.nullable().optional(),
    body: markdown.nullable().optional(),
    tags: words.optional(),
    skills: words.optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: 'change at least one of title, summary, url, body, tags, skills',
  });
export type EditItemInput = z.output<typeof editItemInput>;

/** Body of PUT /api/library/items/{id}/rating. */
export const rateItemInput = z.strictObject({
  stars: z
    .number({ error: 'must be a whole number from 1 to 5' })
    .int('must be a whole number from 1 to 5')
    .min(1, 'must be a whole number from 1 to 5')
    .max(5, 'must be a whole number from 1 to 5'),
});

/** Body of PUT /api/library/items/{id}/bookmark and /done. */
export const flagInput = z.strictObject({ on: z.boolean({ error: 'must be true or false' }) });

/** Body of POST /api/library/items/{id}/comments. */
export const commentInput = z.strictObject({ text: text(COMMENT_MAX_LENGTH) });

/** Body of POST /api/library/items/{id}/reports. */
export const reportItemInput = z.strictObject({ reason: text(500) });

/** Body of POST /api/library/items/{id}/care: an owner hides an item or restores it. */
export const careInput = z.strictObject({
  action: z.enum(['hide', 'restore'], { error: 'must be hide or restore' }),
  reason: text(500).optional(),
});

/** Query of GET /api/library/items (and the messaging extension's search). */
export const searchLibraryQuery = z.strictObject({
  q: z.string({ error: 'must be text' }).max(200, 'must be at most 200 characters').default(''),
  kind: z.enum(LIBRARY_ITEM_KINDS, { error: `must be one of ${LIBRARY_ITEM_KINDS.join(', ')}` }).optional(),
  skill: word.optional(),
  cohortId: id.optional(),
  programId: id.optional(),
  sort: z.enum(LIBRARY_SORTS, { error: `must be one of ${LIBRARY_SORTS.join(', ')}` }).default('relevance'),
  /** Only what I saved for later, or only what I shared. */
  mine: z.enum(['bookmarked', 'shared', 'done']).optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(50, 'must be at most 50')
    .default(20),
});
export type SearchLibraryQuery = z.output<typeof searchLibraryQuery>;

/** Query of GET /api/library/insights and /experts. */
export const libraryScopeQuery = z
  .strictObject({ programId: id.optional(), cohortId: id.optional(), skill: word.optional() })
  .refine((q) => q.programId !== undefined || q.cohortId !== undefined, {
    path: ['programId'],
    message: 'give a programId or a cohortId',
  });

// ---- views --------------------------------------------------------------------------------------------------

export interface LibraryItemView {
  readonly id: string;
  readonly programId: string;
  readonly cohortId?: string;
  readonly kind: LibraryItemKind;
  readonly title: string;
  readonly summary: string;
  readonly url?: string;
  readonly body?: string;
  readonly tags: readonly string[];
  readonly skills: readonly string[];
  readonly author: { readonly userId: string; readonly displayName: string };
  readonly sessionId?: string;
  readonly hidden: boolean;
  readonly rating: { readonly average: number; readonly count: number; readonly mine?: number };
  readonly views: number;
  readonly viewers: number;
  readonly completions: number;
  readonly bookmarks: number;
  readonly comments: number;
  /** The reader's own use. */
  readonly bookmarked: boolean;
  readonly done: boolean;
  readonly edits: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The author and program owners may edit. */
  readonly canEdit: boolean;
  /** Program owners hide and restore, and see reports. */
  readonly canModerate: boolean;
  readonly reportCount?: number;
  readonly hiddenReason?: string;
}

export interface LibraryItemDetail extends LibraryItemView {
  /** How many people gave 1, 2, 3, 4 and 5 stars. */
  readonly ratingHistogram: readonly [number, number, number, number, number];
  readonly history: readonly { readonly title: string; readonly editedBy: string; readonly editedAt: string }[];
  readonly commentList: readonly LibraryCommentView[];
  readonly reports?: readonly { readonly reason: string; readonly at: string }[];
}

export interface LibraryCommentView {
  readonly id: string;
  readonly author: { readonly userId: string; readonly displayName: string };
  readonly text: string;
  readonly createdAt: string;
}

export interface LibraryHistoryEntry {
  readonly item: LibraryItemView;
  readonly views: number;
  readonly lastViewedAt?: string;
  readonly bookmarkedAt?: string;
  readonly doneAt?: string;
}

export interface ConsumptionFigures {
  readonly items: number;
  readonly views: number;
  readonly viewers: number;
  readonly completions: number;
  readonly bookmarks: number;
  readonly ratingCount: number;
  readonly ratingAverage: number;
}

/** For facilitators and owners: what is used and how it is rated, per item and per cohort. */
export interface LibraryInsights {
  readonly totals: ConsumptionFigures;
  readonly items: readonly (ConsumptionFigures & {
    readonly id: string;
    readonly title: string;
    readonly kind: LibraryItemKind;
    readonly cohortId?: string;
  })[];
  readonly byCohort: readonly (ConsumptionFigures & { readonly cohortId: string | null })[];
}

export interface ExpertView {
  readonly userId: string;
  readonly displayName: string;
  readonly contributions: number;
  readonly ratingAverage: number;
  readonly ratingCount: number;
  readonly completions: number;
}

/** "Who shares what": per skill, people ranked by what they shared and how peers rated it. */
export interface SkillExperts {
  readonly skill: string;
  readonly experts: readonly ExpertView[];
}
