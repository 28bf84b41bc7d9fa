import { createHash } from 'node:crypto';
import type { Container, PatchOperation, SqlParameter } from '@azure/cosmos';
import {
  Conflict,
  type FlagOutcome,
  type LibraryComment,
  type LibraryItem,
  type LibraryRepository,
  type LibrarySearch,
  type LibraryUse,
  type RatingOutcome,
  type UseFlag,
} from '@peerloop/core';
import { cosmosStatus } from './cosmos.js';
import { updateWithEtag } from './optimistic-update.js';

const SCHEMA_VERSION = 1;
/** Rater keys are keyed hashes (lower-case hex): safe as property names in patch paths and conditions. */
const SAFE_KEY = /^[a-f0-9]{32,128}$/;
const RATING_ATTEMPTS = 20;

interface ItemDoc extends LibraryItem {
  readonly type: 'library-item';
  readonly schemaVersion: number;
  /** Title, summary, tags and skills in lower case: what `CONTAINS` searches. */
  readonly searchText: string;
}

/**
 * A person's use of one item. The fields that patch conditions test are lower-case (opened, bookmarked,
 * done): the embedded store mishandles mixed-case property names in conditions (STACK-NOTES).
 */
interface UseDoc {
  readonly id: string;
  readonly type: 'library-use';
  readonly schemaVersion: number;
  readonly tenantId: string;
  readonly itemId: string;
  readonly userId: string;
  readonly views: number;
  /** First opened. */
  readonly opened?: string;
  readonly lastViewedAt?: string;
  readonly bookmarked?: string;
  readonly done?: string;
  /** The last time anything changed: a person's history is ordered by it. */
  readonly touchedAt: string;
}

interface CommentDoc extends LibraryComment {
  readonly type: 'library-comment';
  readonly schemaVersion: number;
}

const FLAG_FIELDS: Record<UseFlag, { field: 'bookmarked' | 'done'; counter: 'bookmarks' | 'completions' }> = {
  bookmark: { field: 'bookmarked', counter: 'bookmarks' },
  done: { field: 'done', counter: 'completions' },
};

/**
 * The library container (partition key /tenantId, docs/adr/0008): items, each person's use of an item, and
 * comments. Searches, a person's history and an item's comments are single-partition queries; ratings and
 * counters are atomic patches, never read-modify-write.
 */
export class CosmosLibraryRepository implements LibraryRepository {
  constructor(private readonly container: Container) {}

  async create(item: LibraryItem): Promise<void> {
    try {
      await this.container.items.create<ItemDoc>(toDoc(item));
    } catch (error) {
      if (cosmosStatus(error) === 409) throw new Conflict('a library item with this id exists');
      throw error;
    }
  }

  async get(tenantId: string, id: string): Promise<LibraryItem | null> {
    const doc = await this.read(tenantId, id);
    return doc ? toItem(doc) : null;
  }

  async search(tenantId: string, search: LibrarySearch): Promise<LibraryItem[]> {
    const parameters: SqlParameter[] = [
      { name: '@tenantId', value: tenantId },
      { name: '@limit', value: search.limit },
      { name: '@me', value: search.visibility.userId },
      { name: '@owned', value: [...search.visibility.ownedProgramIds] },
      { name: '@cohorts', value: [...search.visibility.cohortIds] },
    ];
    // The query mirrors core's canSeeItem: owners see all of their programs; others what is visible (or theirs)
    // and program-wide or in a cohort whose items they may see.
    const conditions = [
      'c.tenantId = @tenantId',
      'c.type = "library-item"',
      `(ARRAY_CONTAINS(@owned, c.programId) OR ((c.state = "visible" OR c.author.userId = @me)
        AND (NOT IS_DEFINED(c.cohortId) OR ARRAY_CONTAINS(@cohorts, c.cohortId))))`,
    ];
    search.words.forEach((word, index) => {
      conditions.push(`CONTAINS(c.searchText, @w${index})`);
      parameters.push({ name: `@w${index}`, value: word });
    });
    const equal = (field: string, name: string, value: string | undefined) => {
      if (value === undefined) return;
      conditions.push(`${field} = ${name}`);
      parameters.push({ name, value });
    };
    equal('c.kind', '@kind', search.kind);
    equal('c.cohortId', '@cohortId', search.cohortId);
    equal('c.programId', '@programId', search.programId);
    equal('c.author.userId', '@authorId', search.authorId);
    if (search.skill !== undefined) {
      conditions.push('ARRAY_CONTAINS(c.skills, @skill)');
      parameters.push({ name: '@skill', value: search.skill });
    }
    if (search.ids !== undefined) {
      conditions.push('ARRAY_CONTAINS(@ids, c.id)');
      parameters.push({ name: '@ids', value: [...search.ids] });
    }
    const order =
      search.sort === 'rating'
        ? 'c.ratingAverage DESC'
        : search.sort === 'popularity'
          ? 'c.viewers DESC'
          : 'c.createdAt DESC';
    const { resources } = await this.container.items
      .query<ItemDoc>(
        { query: `SELECT TOP @limit * FROM c WHERE ${conditions.join(' AND ')} ORDER BY ${order}`, parameters },
        { partitionKey: tenantId, maxItemCount: Math.max(search.limit, 10) },
      )
      .fetchAll();
    return resources.map(toItem);
  }

  update<T>(
    tenantId: string,
    id: string,
    change: (current: LibraryItem) => { next: LibraryItem; result: T },
  ): Promise<T> {
    return updateWithEtag({
      container: this.container,
      tenantId,
      id,
      read: () => this.read(tenantId, id),
      toEntity: toItem,
      toDoc,
      change,
      what: 'library item',
    });
  }

  /**
   * One conditional patch per attempt: the rater's entry, the count and the sum move together, and only if
   * the rater's entry is still what this attempt read (absent, or the old stars). Then the average is set,
   * on the condition (ETag) that nothing changed since this rating; if another rating came in between, its
   * own follow-up sets the average. Views compute the average from sum and count anyway; the stored one is
   * for sorting.
   */
  async rate(
    tenantId: string,
    id: string,
    raterKey: string,
    stars: number,
    known?: LibraryItem,
  ): Promise<RatingOutcome> {
    if (!SAFE_KEY.test(raterKey)) throw new Error('rater key is not a keyed hash');
    for (let attempt = 1; attempt <= RATING_ATTEMPTS; attempt += 1) {
      const current = attempt === 1 && known ? known : await this.get(tenantId, id);
      if (!current) throw new Conflict('this library item no longer exists');
      const before = current.ratings[raterKey];
      if (before === stars) return { changed: false, item: current };
      const operations: PatchOperation[] =
        before === undefined
          ? [
              { op: 'add', path: `/ratings/${raterKey}`, value: stars },
              { op: 'incr', path: '/ratingCount', value: 1 },
              { op: 'incr', path: '/ratingSum', value: stars },
            ]
          : [
              { op: 'set', path: `/ratings/${raterKey}`, value: stars },
              { op: 'incr', path: '/ratingSum', value: stars - before },
            ];
      const condition =
        before === undefined
          ? `FROM c WHERE NOT IS_DEFINED(c.ratings["${raterKey}"])`
          : `FROM c WHERE c.ratings["${raterKey}"] = ${before}`;
      try {
        const { resource } = await this.container.item(id, tenantId).patch<ItemDoc>({ condition, operations });
        return { changed: true, item: toItem(await this.settleAverage(tenantId, resource!)) };
      } catch (error) {
        const status = cosmosStatus(error);
        if (status === 404) throw new Conflict('this library item no longer exists');
        if (status !== 412) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 4 * 2 ** attempt)));
    }
    throw new Conflict('many people are rating this right now; please try again');
  }

  private async settleAverage(tenantId: string, doc: ItemDoc & { _etag?: string }): Promise<ItemDoc> {
    const average = doc.ratingCount > 0 ? doc.ratingSum / doc.ratingCount : 0;
    try {
      const { resource } = await this.container
        .item(doc.id, tenantId)
        .patch<ItemDoc>([{ op: 'set', path: '/ratingAverage', value: average }], {
          accessCondition: { type: 'IfMatch', condition: doc._etag! },
        });
      return resource!;
    } catch (error) {
      if (cosmosStatus(error) === 412) return { ...doc, ratingAverage: average };
      throw error;
    }
  }

  async recordView(tenantId: string, itemId: string, userId: string, at: Date): Promise<LibraryUse> {
    const when = at.toISOString();
    const id = useId(itemId, userId);
    const doc: UseDoc = {
      id,
      type: 'library-use',
      schemaVersion: SCHEMA_VERSION,
      tenantId,
      itemId,
      userId,
      views: 1,
      opened: when,
      lastViewedAt: when,
      touchedAt: when,
    };
    try {
      await this.container.items.create<UseDoc>(doc);
      await this.incrementItem(tenantId, itemId, { views: 1, viewers: 1 });
      return toUse(doc);
    } catch (error) {
      if (cosmosStatus(error) !== 409) throw error;
    }
    // Seen before: one patch. Saved before it was ever opened (no `opened` yet): the one request that sets it
    // counts the viewer.
    const { resource } = await this.container.item(id, tenantId).patch<UseDoc>([
      { op: 'incr', path: '/views', value: 1 },
      { op: 'set', path: '/lastViewedAt', value: when },
      { op: 'set', path: '/touchedAt', value: when },
    ]);
    let firstView = false;
    if (resource!.opened === undefined) {
      try {
        await this.container.item(id, tenantId).patch({
          condition: 'FROM c WHERE NOT IS_DEFINED(c.opened)',
          operations: [{ op: 'add', path: '/opened', value: when }],
        });
        firstView = true;
      } catch (error) {
        if (cosmosStatus(error) !== 412) throw error;
      }
    }
    await this.incrementItem(tenantId, itemId, firstView ? { views: 1, viewers: 1 } : { views: 1 });
    return toUse(resource!);
  }

  /**
   * A conditional patch of the person's use (field absent to set it, present to clear it), and only when it
   * changed, the item's counter: repeating an action changes nothing.
   */
  async setFlag(
    tenantId: string,
    itemId: string,
    userId: string,
    flag: UseFlag,
    on: boolean,
    at: Date,
  ): Promise<FlagOutcome> {
    const { field, counter } = FLAG_FIELDS[flag];
    const id = useId(itemId, userId);
    const when = at.toISOString();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      try {
        const { resource } = await this.container.item(id, tenantId).patch<UseDoc>({
          condition: on ? `FROM c WHERE NOT IS_DEFINED(c.${field})` : `FROM c WHERE IS_DEFINED(c.${field})`,
          operations: [
            on ? { op: 'add', path: `/${field}`, value: when } : { op: 'remove', path: `/${field}` },
            { op: 'set', path: '/touchedAt', value: when },
          ],
        });
        await this.incrementItem(tenantId, itemId, { [counter]: on ? 1 : -1 });
        return { changed: true, use: toUse(resource!) };
      } catch (error) {
        const status = cosmosStatus(error);
        if (status === 412) {
          const current = await this.readUse(tenantId, id);
          if (current) return { changed: false, use: toUse(current) };
          continue;
        }
        if (status !== 404) throw error;
      }
      if (!on) return { changed: false, use: { tenantId, itemId, userId, views: 0 } };
      const doc: UseDoc = {
        id,
        type: 'library-use',
        schemaVersion: SCHEMA_VERSION,
        tenantId,
        itemId,
        userId,
        views: 0,
        [field]: when,
        touchedAt: when,
      };
      try {
        await this.container.items.create<UseDoc>(doc);
        await this.incrementItem(tenantId, itemId, { [counter]: 1 });
        return { changed: true, use: toUse(doc) };
      } catch (error) {
        if (cosmosStatus(error) !== 409) throw error; // created meanwhile: patch it next time round
      }
    }
    throw new Conflict('this changed at the same moment elsewhere; please try again');
  }

  async usesOf(tenantId: string, userId: string, itemIds?: readonly string[]): Promise<LibraryUse[]> {
    if (itemIds?.length === 0) return [];
    if (itemIds?.length === 1) {
      // One item (its page, a rating): the use's id is known, so a point read rather than a query.
      const use = await this.readUse(tenantId, useId(itemIds[0]!, userId));
      return use && use.userId === userId ? [toUse(use)] : [];
    }
    const parameters: SqlParameter[] = [
      { name: '@tenantId', value: tenantId },
      { name: '@userId', value: userId },
    ];
    let filter = '';
    if (itemIds) {
      filter = ' AND ARRAY_CONTAINS(@ids, c.itemId)';
      parameters.push({ name: '@ids', value: [...itemIds] });
    }
    const { resources } = await this.container.items
      .query<UseDoc>(
        {
          query: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "library-use" AND c.userId = @userId${filter}
                  ORDER BY c.touchedAt DESC`,
          parameters,
        },
        { partitionKey: tenantId, maxItemCount: 1000 },
      )
      .fetchAll();
    return resources.map(toUse);
  }

  async addComment(comment: LibraryComment): Promise<void> {
    await this.container.items.create<CommentDoc>({
      ...comment,
      type: 'library-comment',
      schemaVersion: SCHEMA_VERSION,
    });
    await this.incrementItem(comment.tenantId, comment.itemId, { comments: 1 });
  }

  async commentsOf(tenantId: string, itemId: string, limit: number): Promise<LibraryComment[]> {
    const { resources } = await this.container.items
      .query<CommentDoc>(
        {
          query: `SELECT TOP @limit * FROM c WHERE c.tenantId = @tenantId AND c.type = "library-comment" AND c.itemId = @itemId
                  ORDER BY c.createdAt ASC`,
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@itemId', value: itemId },
            { name: '@limit', value: limit },
          ],
        },
        { partitionKey: tenantId, maxItemCount: limit },
      )
      .fetchAll();
    return resources.map((doc) => ({
      tenantId: doc.tenantId,
      id: doc.id,
      itemId: doc.itemId,
      author: doc.author,
      text: doc.text,
      createdAt: doc.createdAt,
    }));
  }

  private async incrementItem(
    tenantId: string,
    itemId: string,
    counters: Partial<Record<string, number>>,
  ): Promise<void> {
    const operations: PatchOperation[] = Object.entries(counters).map(([field, value]) => ({
      op: 'incr',
      path: `/${field}`,
      value: value!,
    }));
    try {
      await this.container.item(itemId, tenantId).patch({ operations });
    } catch (error) {
      if (cosmosStatus(error) !== 404) throw error; // the item went away meanwhile: nothing to count
    }
  }

  private async read(tenantId: string, id: string): Promise<(ItemDoc & { _etag?: string }) | null> {
    const { resource, statusCode } = await this.container.item(id, tenantId).read<ItemDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== 'library-item')
      return null;
    return resource;
  }

  private async readUse(tenantId: string, id: string): Promise<UseDoc | null> {
    const { resource, statusCode } = await this.container.item(id, tenantId).read<UseDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== 'library-use')
      return null;
    return resource;
  }
}

/** One use document per person and item; the user id is hashed so any id is a valid document id. */
function useId(itemId: string, userId: string): string {
  return `use.${itemId}.${createHash('sha256').update(userId).digest('hex').slice(0, 32)}`;
}

function toDoc(item: LibraryItem): ItemDoc {
  const searchText = [item.title, item.summary, item.tags.join(' '), item.skills.join(' ')].join('\n').toLowerCase();
  return { ...item, type: 'library-item', schemaVersion: SCHEMA_VERSION, searchText };
}

function toItem(doc: ItemDoc): LibraryItem {
  const ratingCount = doc.ratingCount ?? 0;
  const ratingSum = doc.ratingSum ?? 0;
  return {
    tenantId: doc.tenantId,
    id: doc.id,
    programId: doc.programId,
    ...(doc.cohortId ? { cohortId: doc.cohortId } : {}),
    kind: doc.kind,
    title: doc.title,
    summary: doc.summary ?? '',
    ...(doc.url ? { url: doc.url } : {}),
    ...(doc.body ? { body: doc.body } : {}),
    tags: doc.tags ?? [],
    skills: doc.skills ?? [],
    author: doc.author,
    ...(doc.sessionId ? { sessionId: doc.sessionId } : {}),
    state: doc.state,
    ...(doc.hidden ? { hidden: doc.hidden } : {}),
    reports: doc.reports ?? [],
    history: doc.history ?? [],
    ratings: doc.ratings ?? {},
    ratingCount,
    ratingSum,
    // Exact from sum and count, whatever the stored (sort-only) average says.
    ratingAverage: ratingCount > 0 ? ratingSum / ratingCount : 0,
    views: doc.views ?? 0,
    viewers: doc.viewers ?? 0,
    completions: doc.completions ?? 0,
    bookmarks: doc.bookmarks ?? 0,
    comments: doc.comments ?? 0,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toUse(doc: UseDoc): LibraryUse {
  return {
    tenantId: doc.tenantId,
    itemId: doc.itemId,
    userId: doc.userId,
    views: doc.views ?? 0,
    ...(doc.opened ? { firstViewedAt: doc.opened } : {}),
    ...(doc.lastViewedAt ? { lastViewedAt: doc.lastViewedAt } : {}),
    ...(doc.bookmarked ? { bookmarkedAt: doc.bookmarked } : {}),
    ...(doc.done ? { doneAt: doc.done } : {}),
  };
}
