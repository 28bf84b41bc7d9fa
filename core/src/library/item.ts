/**
 * The employee-shared library: presentations, documents, recordings, links, tip lists and book notes that
 * colleagues share with a program or one cohort, rated and used by peers.
 */

export const LIBRARY_ITEM_KINDS = ['presentation', 'document', 'recording', 'link', 'tip-list', 'book-note'] as const;
export type LibraryItemKind = (typeof LIBRARY_ITEM_KINDS)[number];

/** Kinds whose content is text written here (safe markdown); the others point at a file or page by URL. */
export const TEXT_KINDS: readonly LibraryItemKind[] = ['tip-list', 'book-note'];

export const LIBRARY_SORTS = ['relevance', 'rating', 'popularity', 'recent'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** What an edit may change; every earlier version is kept in `history`. */
export interface LibraryContent {
  readonly kind: LibraryItemKind;
  readonly title: string;
  readonly summary: string;
  /** A SharePoint/OneDrive file, a recording or any page: http(s) only. Links, not uploads. */
  readonly url?: string;
  /** Tips and notes: markdown, sanitised on the way in (no raw HTML, no script links). */
  readonly body?: string;
  /** Lower-case words people search and filter by. */
  readonly tags: readonly string[];
  readonly skills: readonly string[];
}

export interface LibraryRevision extends LibraryContent {
  /** The editor's display name. */
  readonly editedBy: string;
  readonly editedAt: string;
}

export interface LibraryReport {
  readonly userId: string;
  readonly reason: string;
  readonly at: string;
}

export interface LibraryItem extends LibraryContent {
  readonly tenantId: string;
  readonly id: string;
  readonly programId: string;
  /** Cohort-scoped items are seen only by that cohort's members who accepted its agreements (and its runners). */
  readonly cohortId?: string;
  readonly author: { readonly userId: string; readonly displayName: string };
  /** The session it came from (a learning lunch's slides, say). */
  readonly sessionId?: string;
  readonly state: 'visible' | 'hidden';
  readonly hidden?: { readonly by: string; readonly at: string; readonly reason?: string };
  readonly reports: readonly LibraryReport[];
  /** Earlier versions, oldest first (at most HISTORY_LIMIT). */
  readonly history: readonly LibraryRevision[];
  /** One rating per person: keyed by a one-way key of the rater (AuthorKeys), never a name; never leaves the API. */
  readonly ratings: Readonly<Record<string, number>>;
  readonly ratingCount: number;
  readonly ratingSum: number;
  /** ratingSum / ratingCount, kept for sorting (0 when unrated). */
  readonly ratingAverage: number;
  /** Times opened, and by how many different people. */
  readonly views: number;
  readonly viewers: number;
  readonly completions: number;
  readonly bookmarks: number;
  readonly comments: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const HISTORY_LIMIT = 20;

/** A newly shared item: visible, unrated, unused; what is given overrides (tests and demo data set figures). */
export function newLibraryItem(
  fields: Pick<LibraryItem, 'tenantId' | 'id' | 'programId' | 'kind' | 'title' | 'author' | 'createdAt'> &
    Partial<LibraryItem>,
): LibraryItem {
  return {
    summary: '',
    tags: [],
    skills: [],
    state: 'visible',
    reports: [],
    history: [],
    ratings: {},
    ratingCount: 0,
    ratingSum: 0,
    ratingAverage: 0,
    views: 0,
    viewers: 0,
    completions: 0,
    bookmarks: 0,
    comments: 0,
    updatedAt: fields.createdAt,
    ...fields,
  };
}

/** A person's own use of one item: their history, bookmark and "done". */
export interface LibraryUse {
  readonly tenantId: string;
  readonly itemId: string;
  readonly userId: string;
  readonly views: number;
  readonly firstViewedAt?: string;
  readonly lastViewedAt?: string;
  readonly bookmarkedAt?: string;
  readonly doneAt?: string;
}

export interface LibraryComment {
  readonly tenantId: string;
  readonly id: string;
  readonly itemId: string;
  readonly author: { readonly userId: string; readonly displayName: string };
  readonly text: string;
  readonly createdAt: string;
}

/** Who may see what: computed once per request from the person's programs and cohorts. */
export interface LibraryVisibility {
  readonly userId: string;
  /** Programs the person owns: all their items, hidden ones too. */
  readonly ownedProgramIds: readonly string[];
  /** Cohorts whose items the person sees: accepted members, observers who accepted, facilitators. */
  readonly cohortIds: readonly string[];
}

export interface LibrarySearch {
  readonly visibility: LibraryVisibility;
  /** Lower-case words; each must appear in the title, summary, tags or skills. */
  readonly words: readonly string[];
  readonly kind?: LibraryItemKind;
  readonly skill?: string;
  readonly cohortId?: string;
  readonly programId?: string;
  readonly authorId?: string;
  /** Only these items (a person's bookmarks or history). */
  readonly ids?: readonly string[];
  readonly sort: LibrarySort;
  readonly limit: number;
}

export type UseFlag = 'bookmark' | 'done';

export interface RatingOutcome {
  readonly changed: boolean;
  readonly item: LibraryItem;
}

export interface FlagOutcome {
  readonly changed: boolean;
  readonly use: LibraryUse;
}

export interface LibraryRepository {
  /** Conflict when the id exists. */
  create(item: LibraryItem): Promise<void>;
  get(tenantId: string, id: string): Promise<LibraryItem | null>;
  /** The items a search matches within what the person may see, in one single-partition query. */
  search(tenantId: string, search: LibrarySearch): Promise<LibraryItem[]>;
  /** Changes one item's content or care state under optimistic concurrency (ETag). */
  update<T>(
    tenantId: string,
    id: string,
    change: (current: LibraryItem) => { next: LibraryItem; result: T },
  ): Promise<T>;
  /**
   * Sets the rater's rating in one atomic conditional patch (count and sum move with it), then keeps the
   * average in step. A repeat of the same rating changes nothing. Conflict when the item is gone. `known`,
   * the item as the caller just read it, spares the first attempt a read (a stale one only costs a retry).
   */
  rate(tenantId: string, id: string, raterKey: string, stars: number, known?: LibraryItem): Promise<RatingOutcome>;
  /** Counts one view: the first by a person also counts a viewer. */
  recordView(tenantId: string, itemId: string, userId: string, at: Date): Promise<LibraryUse>;
  /** Sets or clears a bookmark or "done" for the person, idempotently; the item's count follows. */
  setFlag(tenantId: string, itemId: string, userId: string, flag: UseFlag, on: boolean, at: Date): Promise<FlagOutcome>;
  /** The person's uses, most recent first, or of the listed items only. */
  usesOf(tenantId: string, userId: string, itemIds?: readonly string[]): Promise<LibraryUse[]>;
  addComment(comment: LibraryComment): Promise<void>;
  /** An item's comments, oldest first. */
  commentsOf(tenantId: string, itemId: string, limit: number): Promise<LibraryComment[]>;
}
