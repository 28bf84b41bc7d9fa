import type { LibraryCommentView, LibraryInsights, LibraryItemDetail, SkillExperts } from '@peerloop/core';
import type { FetchLike } from '../../platform/api-client';
import { FakePeerLoopApi } from '../../test-support/fake-api';

interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

/**
 * The fake API with the library's routes (tests only): items as their reader sees them, searched by words
 * and filters, with ratings, flags, comments, reports, care and edits (which keep the version before in the
 * history) changing them; insights and experts answer what the test sets (null: 403, as for someone who does
 * not run the scope). Items of a cohort whose home (`cohortDetails`) says the reader has not accepted its
 * agreements answer 403 agreements_required, as the API does, until the base fake's accept route is called.
 */
export class FakeLibraryApi extends FakePeerLoopApi {
  libraryItems: LibraryItemDetail[] = [];
  insights: LibraryInsights | null = null;
  /** Insights of one cohort (`?cohortId=`), as its facilitator gets them; others answer 403. */
  cohortInsights = new Map<string, LibraryInsights>();
  experts: SkillExperts[] = [];
  private readonly libraryReplies = new Map<string, Reply>();

  constructor() {
    super();
    // The base fake answers everything else; `fetch` is its (read-only) arrow property, so wrap it here.
    const base = this.fetch;
    (this as unknown as { fetch: FetchLike }).fetch = (input, init = {}) => {
      const { pathname } = new URL(input, 'http://tab.test');
      return /^\/api\/(library\/|me$|me\/library$)/.test(pathname) ? this.library(input, init) : base(input, init);
    };
  }

  /** Answers the next `METHOD /api/path` request with `reply`, library routes included. */
  override answerNext(route: string, reply: Reply): void {
    this.libraryReplies.set(route, reply);
    super.answerNext(route, reply);
  }

  private async library(input: string, init: RequestInit): Promise<Response> {
    const url = new URL(input, 'http://tab.test');
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, url: url.pathname + url.search, authorization: headers['Authorization'], body });
    const userId = (headers['Authorization'] ?? '').replace(/^Bearer dev:/, '');
    const route = `${method} ${url.pathname}`;
    const reply = this.libraryReplies.get(route) ?? this.routeLibrary(method, url, body, userId);
    this.libraryReplies.delete(route);
    return {
      ok: reply.status >= 200 && reply.status < 300,
      status: reply.status,
      headers: new Headers(),
      json: async () => reply.body,
    } as Response;
  }

  private routeLibrary(method: string, url: URL, body: unknown, userId: string): Reply {
    const path = url.pathname;
    if (path === '/api/me') return ok({ userId, displayName: userId });
    if (path === '/api/me/library') {
      return ok({
        items: this.libraryItems
          .filter((i) => i.views > 0)
          .map((item) => ({ item, views: 1, lastViewedAt: item.updatedAt })),
      });
    }
    if (path === '/api/library/insights') {
      const cohortId = url.searchParams.get('cohortId');
      const insights = cohortId ? this.cohortInsights.get(cohortId) : this.insights;
      return insights ? ok(insights) : forbidden();
    }
    if (path === '/api/library/experts') return ok({ items: this.experts });
    if (path === '/api/library/items' && method === 'GET') {
      const cohortId = url.searchParams.get('cohortId');
      const pending = cohortId ? this.agreementsPending(cohortId) : undefined;
      return pending ? agreementsRequired(pending) : ok({ items: this.search(url.searchParams, userId) });
    }
    if (path === '/api/library/items' && method === 'POST') {
      const input = body as Partial<LibraryItemDetail>;
      const item = aLibraryItem({
        ...input,
        id: `li-${this.libraryItems.length + 1}`,
        author: { userId, displayName: userId },
        canEdit: true,
      });
      this.libraryItems.unshift(item);
      return { status: 201, body: item };
    }
    const [, , , , id = '', action] = path.split('/');
    const index = this.libraryItems.findIndex((i) => i.id === decodeURIComponent(id));
    const item = this.libraryItems[index];
    if (!item) return { status: 404, body: { error: { code: 'not_found', message: 'library item not found' } } };
    const pending = item.cohortId ? this.agreementsPending(item.cohortId) : undefined;
    if (pending) return agreementsRequired(pending);
    const save = (next: LibraryItemDetail) => {
      this.libraryItems[index] = next;
      return next;
    };
    if (method === 'GET' && action === undefined) return ok(item);
    if (method === 'PATCH' && action === undefined)
      return this.edit(item, body as Partial<LibraryItemDetail>, userId, save);
    if (action === 'views') return ok({ views: save({ ...item, views: item.views + 1 }).views });
    if (action === 'rating') {
      const { stars } = body as { stars: number };
      if (item.author.userId === userId) return forbidden('you cannot rate what you shared');
      const before = item.rating.mine;
      const sum = item.rating.average * item.rating.count - (before ?? 0) + stars;
      const n = item.rating.count + (before === undefined ? 1 : 0);
      const histogram = [...item.ratingHistogram] as [number, number, number, number, number];
      if (before !== undefined) histogram[before - 1]! -= 1;
      histogram[stars - 1]! += 1;
      const rated = save({
        ...item,
        rating: { average: Math.round((sum / n) * 10) / 10, count: n, mine: stars },
        ratingHistogram: histogram,
      });
      const { ratingHistogram: _h, history: _e, commentList: _c, reports: _r, ...view } = rated;
      return ok({ ...view, bookmarked: false, done: false });
    }
    if (action === 'bookmark' || action === 'done') {
      const { on } = body as { on: boolean };
      save(action === 'bookmark' ? { ...item, bookmarked: on } : { ...item, done: on });
      return ok({ on, changed: true });
    }
    if (action === 'comments') {
      const comment: LibraryCommentView = {
        id: `lc-${item.commentList.length + 1}`,
        author: { userId, displayName: userId },
        text: (body as { text: string }).text,
        createdAt: '2031-03-05T10:00:00.000Z',
      };
      save({ ...item, comments: item.comments + 1, commentList: [...item.commentList, comment] });
      return { status: 201, body: comment };
    }
    if (action === 'reports') return ok({ reported: true });
    if (action === 'care') {
      const hidden = (body as { action: string }).action === 'hide';
      return ok(save({ ...item, hidden }));
    }
    return { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } };
  }

  /** As core's editLibraryItem: only what the body names changes, and the version before goes into the history. */
  private edit(
    item: LibraryItemDetail,
    changes: Partial<LibraryItemDetail>,
    userId: string,
    save: (next: LibraryItemDetail) => LibraryItemDetail,
  ): Reply {
    if (!item.canEdit) return forbidden('only the person who shared it and the program owners can edit it');
    const known = ['title', 'summary', 'url', 'body', 'tags', 'skills'] as const;
    if (!known.some((field) => changes[field] !== undefined)) {
      const message = `change at least one of ${known.join(', ')}`;
      return { status: 400, body: { error: { code: 'validation_failed', message, fields: [{ path: '', message }] } } };
    }
    if (changes.title !== undefined && changes.title.trim() === '') {
      const fields = [{ path: 'title', message: 'must not be empty' }];
      return {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'title: must not be empty', fields } },
      };
    }
    const editedBy = this.personas?.find((p) => p.userId === userId)?.displayName ?? userId;
    const editedAt = '2031-03-06T10:00:00.000Z';
    const edited = save({
      ...item,
      ...Object.fromEntries(known.filter((f) => changes[f] !== undefined).map((f) => [f, changes[f]])),
      history: [...item.history, { title: item.title, editedBy, editedAt }],
      edits: item.edits + 1,
      updatedAt: editedAt,
    });
    const { ratingHistogram: _h, history: _e, commentList: _c, reports: _r, ...view } = edited;
    return ok(view);
  }

  /** The cohort, when the reader has not accepted its current agreements (its home says so). */
  private agreementsPending(cohortId: string): { id: string; name: string } | undefined {
    return this.cohortDetails.find((c) => c.id === cohortId && !c.myAgreementsAccepted);
  }

  private search(params: URLSearchParams, userId: string): LibraryItemDetail[] {
    const words = (params.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    return this.libraryItems.filter((item) => {
      if (item.cohortId && this.agreementsPending(item.cohortId)) return false;
      const text = `${item.title} ${item.summary} ${item.tags.join(' ')}`.toLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
      if (params.get('kind') && item.kind !== params.get('kind')) return false;
      if (params.get('skill') && !item.skills.includes(params.get('skill')!)) return false;
      if (params.get('cohortId') && item.cohortId !== params.get('cohortId')) return false;
      const mine = params.get('mine');
      if (mine === 'bookmarked' && !item.bookmarked) return false;
      if (mine === 'done' && !item.done) return false;
      if (mine === 'shared' && item.author.userId !== userId) return false;
      return true;
    });
  }
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function forbidden(message = 'only facilitators and owners'): Reply {
  return { status: 403, body: { error: { code: 'forbidden', message } } };
}

function agreementsRequired(cohort: { id: string; name: string }): Reply {
  const message = `accept the code of conduct and confidentiality terms of "${cohort.name}" first`;
  return { status: 403, body: { error: { code: 'agreements_required', message, cohortId: cohort.id } } };
}

/** A library item as its page shows it, with sensible defaults; override what the test is about. */
export function aLibraryItem(overrides: Partial<LibraryItemDetail> = {}): LibraryItemDetail {
  return {
    id: 'li-1',
    programId: 'p-eng',
    kind: 'presentation',
    title: 'PowerShell for everyday admin work',
    summary: 'Ten scripts that save an hour a week each.',
    url: 'https://contoso.sharepoint.com/slides.pptx',
    tags: ['powershell', 'automation'],
    skills: ['scripting'],
    author: { userId: 'u-grace', displayName: 'Grace Hopper' },
    hidden: false,
    rating: { average: 4.5, count: 2 },
    views: 7,
    viewers: 4,
    completions: 2,
    bookmarks: 1,
    comments: 0,
    bookmarked: false,
    done: false,
    edits: 0,
    createdAt: '2031-03-01T09:00:00.000Z',
    updatedAt: '2031-03-01T09:00:00.000Z',
    canEdit: false,
    canModerate: false,
    ratingHistogram: [0, 0, 0, 1, 1],
    history: [],
    commentList: [],
    ...overrides,
  };
}
