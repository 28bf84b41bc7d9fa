import type {
  ConsumptionFigures,
  ExpertView,
  LibraryCommentView,
  LibraryInsights,
  LibraryItemDetail,
  LibraryItemView,
  SkillExperts,
} from './contracts.js';
import type { LibraryComment, LibraryItem, LibraryUse } from './item.js';

export interface ViewerContext {
  readonly userId: string;
  /** The reader's rater key (AuthorKeys): finds their own rating in the item's ratings. */
  readonly raterKey: string;
  /** Owns the item's program: moderates, sees reports. */
  readonly owner: boolean;
  readonly use?: LibraryUse;
}

export function toItemView(item: LibraryItem, viewer: ViewerContext): LibraryItemView {
  const mine = item.ratings[viewer.raterKey];
  return {
    id: item.id,
    programId: item.programId,
    ...(item.cohortId ? { cohortId: item.cohortId } : {}),
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    ...(item.url ? { url: item.url } : {}),
    ...(item.body ? { body: item.body } : {}),
    tags: item.tags,
    skills: item.skills,
    author: item.author,
    ...(item.sessionId ? { sessionId: item.sessionId } : {}),
    hidden: item.state === 'hidden',
    rating: { average: roundRating(item.ratingAverage), count: item.ratingCount, ...(mine ? { mine } : {}) },
    views: item.views,
    viewers: item.viewers,
    completions: item.completions,
    bookmarks: item.bookmarks,
    comments: item.comments,
    bookmarked: viewer.use?.bookmarkedAt !== undefined,
    done: viewer.use?.doneAt !== undefined,
    edits: item.history.length,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    canEdit: viewer.owner || item.author.userId === viewer.userId,
    canModerate: viewer.owner,
    ...(viewer.owner ? { reportCount: item.reports.length } : {}),
    ...((viewer.owner || item.author.userId === viewer.userId) && item.hidden?.reason
      ? { hiddenReason: item.hidden.reason }
      : {}),
  };
}

export function toItemDetail(
  item: LibraryItem,
  viewer: ViewerContext,
  comments: readonly LibraryComment[],
): LibraryItemDetail {
  const histogram: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const stars of Object.values(item.ratings))
    if (stars >= 1 && stars <= 5) histogram[stars - 1] = (histogram[stars - 1] ?? 0) + 1;
  return {
    ...toItemView(item, viewer),
    ratingHistogram: histogram,
    history: item.history.map((h) => ({ title: h.title, editedBy: h.editedBy, editedAt: h.editedAt })),
    commentList: comments.map(toCommentView),
    ...(viewer.owner ? { reports: item.reports.map((r) => ({ reason: r.reason, at: r.at })) } : {}),
  };
}

export function toCommentView(comment: LibraryComment): LibraryCommentView {
  return { id: comment.id, author: comment.author, text: comment.text, createdAt: comment.createdAt };
}

/** Averages to one decimal, as people read stars. */
export function roundRating(value: number): number {
  return Math.round(value * 10) / 10;
}

function figuresOf(items: readonly LibraryItem[]): ConsumptionFigures {
  const ratingCount = items.reduce((n, i) => n + i.ratingCount, 0);
  const ratingSum = items.reduce((n, i) => n + i.ratingSum, 0);
  return {
    items: items.length,
    views: items.reduce((n, i) => n + i.views, 0),
    viewers: items.reduce((n, i) => n + i.viewers, 0),
    completions: items.reduce((n, i) => n + i.completions, 0),
    bookmarks: items.reduce((n, i) => n + i.bookmarks, 0),
    ratingCount,
    ratingAverage: ratingCount === 0 ? 0 : roundRating(ratingSum / ratingCount),
  };
}

/** Per item (most used first) and per cohort (program-wide items under `null`). */
export function summariseConsumption(items: readonly LibraryItem[]): LibraryInsights {
  const byCohort = new Map<string | null, LibraryItem[]>();
  for (const item of items) {
    const key = item.cohortId ?? null;
    byCohort.set(key, [...(byCohort.get(key) ?? []), item]);
  }
  return {
    totals: figuresOf(items),
    items: [...items]
      .sort((a, b) => b.views - a.views || b.completions - a.completions || a.title.localeCompare(b.title))
      .map((item) => ({
        id: item.id,
        title: item.title,
        kind: item.kind,
        ...(item.cohortId ? { cohortId: item.cohortId } : {}),
        ...figuresOf([item]),
      })),
    byCohort: [...byCohort.entries()]
      .map(([cohortId, list]) => ({ cohortId, ...figuresOf(list) }))
      .sort((a, b) => b.views - a.views),
  };
}

/**
 * "Who shares what": for each skill, the people who shared items about it, ranked by how many, then by how
 * peers rated them (a rating average only counts once it rests on a few ratings), then by use.
 */
export function rankExperts(items: readonly LibraryItem[], onlySkill?: string, perSkill = 10): SkillExperts[] {
  const bySkill = new Map<string, Map<string, { name: string; items: LibraryItem[] }>>();
  for (const item of items) {
    for (const skill of item.skills) {
      if (onlySkill && skill !== onlySkill) continue;
      const people = bySkill.get(skill) ?? new Map<string, { name: string; items: LibraryItem[] }>();
      const entry = people.get(item.author.userId) ?? { name: item.author.displayName, items: [] };
      entry.items.push(item);
      people.set(item.author.userId, entry);
      bySkill.set(skill, people);
    }
  }
  return [...bySkill.entries()]
    .map(([skill, people]) => ({
      skill,
      experts: [...people.entries()]
        .map(([userId, { name, items: own }]): ExpertView => {
          const figures = figuresOf(own);
          return {
            userId,
            displayName: name,
            contributions: own.length,
            ratingAverage: figures.ratingAverage,
            ratingCount: figures.ratingCount,
            completions: figures.completions,
          };
        })
        .sort(
          (a, b) =>
            b.contributions - a.contributions ||
            trustedAverage(b) - trustedAverage(a) ||
            b.completions - a.completions ||
            a.displayName.localeCompare(b.displayName),
        )
        .slice(0, perSkill),
    }))
    .sort((a, b) => b.experts.length - a.experts.length || a.skill.localeCompare(b.skill));
}

/** Pulls averages resting on few ratings towards the middle (3 stars), so one 5-star rating is no crown. */
function trustedAverage(expert: ExpertView): number {
  const prior = 3;
  const weight = 3;
  return (expert.ratingAverage * expert.ratingCount + prior * weight) / (expert.ratingCount + weight);
}
