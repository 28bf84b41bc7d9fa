import { z } from 'zod';
import { ValidationFailed } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import type { Person } from '../people/person.js';

/** The common threads a program owner can ask cohorts to be grouped by. */
export const SUGGESTION_THREADS = ['title', 'level', 'function', 'experience', 'project'] as const;
export type SuggestionThread = (typeof SUGGESTION_THREADS)[number];

/** Smallest and largest target size (members per cohort) a program owner may ask for. */
export const SUGGESTED_COHORT_SIZE = { min: 3, max: 50 } as const;
/** Most people one suggestion may group: the pool of a program's sign-ups. */
export const MAX_SUGGESTION_POOL = 5000;

/** Label of a thread value a person has not given (no project, blank level, unknown years of experience). */
export const NOT_STATED = 'Not stated';

/** Experience bands, in whole years of experience. */
export const EXPERIENCE_BANDS = ['0-2 years', '3-5 years', '6-10 years', 'more than 10 years'] as const;

const id = z.string({ error: 'is required' }).trim().min(1, 'is required').max(100, 'must be at most 100 characters');

/** How to group: the common thread and the target number of members per cohort. */
export const suggestCohortsOptions = z.strictObject({
  thread: z.enum(SUGGESTION_THREADS, { error: `must be one of ${SUGGESTION_THREADS.join(', ')}` }),
  size: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(SUGGESTED_COHORT_SIZE.min, `must be at least ${SUGGESTED_COHORT_SIZE.min}`)
    .max(SUGGESTED_COHORT_SIZE.max, `must be at most ${SUGGESTED_COHORT_SIZE.max}`),
});
export type SuggestCohortsOptions = z.input<typeof suggestCohortsOptions>;

/**
 * Body of POST /api/programs/{programId}/cohort-suggestions: group the program's sign-ups (or only `personIds`)
 * by one common thread into cohorts of about `size` members.
 */
export const suggestCohortsInput = z.strictObject({
  programId: id,
  ...suggestCohortsOptions.shape,
  personIds: z
    .array(id, { error: 'must be a list of person ids' })
    .max(MAX_SUGGESTION_POOL, `must list at most ${MAX_SUGGESTION_POOL} people`)
    .optional(),
});
export type SuggestCohortsInput = z.input<typeof suggestCohortsInput>;

/** A person who may be grouped. `project` is the project or challenge they work on, when the caller knows it. */
export interface SuggestionCandidate extends Person {
  readonly project?: string;
}

/** One link of the organisation's reporting lines: a person and their manager. */
export type ReportingLine = Pick<Person, 'id' | 'managerId'>;

/** One proposed cohort. */
export interface SuggestedCohort {
  /** The thread value the members share, or the values joined with " + " when small groups were merged. */
  readonly key: string;
  /** The distinct thread values of the members (labels, e.g. "Senior" or "Not stated"), in thread order. */
  readonly threadValues: readonly string[];
  /** Member ids, sorted. */
  readonly memberIds: readonly string[];
  /** Plain sentences saying why these people are together, naming the thread. */
  readonly explanation: string;
}

/** Someone the suggestion could not place, and why. */
export interface UnplacedPerson {
  readonly personId: string;
  readonly reason: string;
}

export interface CohortSuggestions {
  readonly thread: SuggestionThread;
  readonly size: number;
  /** Every suggested cohort has between `min` and `max` members: see {@link suggestedCohortBounds}. */
  readonly bounds: { readonly min: number; readonly max: number };
  readonly cohorts: readonly SuggestedCohort[];
  readonly unplaced: readonly UnplacedPerson[];
}

/**
 * Member bounds of suggested cohorts for a target `size`: at least `max(2, ceil(size / 2))`, at most `size + 1`.
 * The one extra seat over `size` exists only for people added to an existing cohort because their own group was too
 * small or every cohort of their own thread held someone in their reporting line. One exception to `min`: people no
 * cohort could take form cohorts among themselves of as few as 2 rather than be left out, and the explanation says
 * the cohort is smaller than usual.
 */
export function suggestedCohortBounds(size: number): { readonly min: number; readonly max: number } {
  return { min: Math.max(2, Math.ceil(size / 2)), max: size + 1 };
}

/**
 * Proposes cohorts from a pool of people (a program's sign-ups), grouped by one common thread.
 *
 * Rules, in order of precedence:
 * - **Reporting lines.** Nobody shares a cohort with anyone in their reporting chain (manager, manager's manager,
 *   ... in either direction). Chains are traced through `reportingLines` (the organisation; defaults to the pool
 *   itself, so pass the whole directory to catch a chain through someone who did not sign up). A cycle in the
 *   manager data makes everyone on it one chain; a manager id nobody has ends the chain.
 * - **Nobody dropped silently.** Everyone is in exactly one cohort or in `unplaced` with a reason.
 * - **Sizes.** Cohorts keep to {@link suggestedCohortBounds}. The people who share a thread value are split into
 *   `ceil(n / size)` cohorts whose sizes differ by at most 1 (never above `size`); when reporting lines make that
 *   impossible, up to three more cohorts are tried, then one member is swapped out, then people are moved.
 * - **Threads.** A cohort's members share the thread value, except where its explanation says otherwise: values
 *   shared by fewer than `min` people are merged with their neighbours in thread order (alphabetical; experience
 *   bands by years; "Not stated" last), and a person who fits nowhere in their own thread joins the smallest
 *   cohort that has room and none of their reporting line (the nearest thread value on ties). Whoever is still
 *   left forms cohorts of their own, of at least 2; only then is anyone unplaced.
 *
 * Deterministic: the output depends on the set of people, not their order (ties are broken by id), and uses no
 * randomness. Thread values are compared trimmed and case-insensitively. Roughly linear in the pool for realistic
 * organisations (5,000 people in tens of milliseconds); the search for swaps has a fixed budget, so even
 * pathological manager data stays well under a second, at the cost of more people unplaced.
 *
 * @throws ValidationFailed naming `thread` or `size` for bad options, or `personIds` when an id repeats.
 */
export function suggestCohorts(
  people: readonly SuggestionCandidate[],
  options: SuggestCohortsOptions,
  reportingLines?: readonly ReportingLine[],
): CohortSuggestions {
  const { thread, size } = parseInput(suggestCohortsOptions, options);
  const bounds = suggestedCohortBounds(size);
  const pool = [...people].sort((a, b) => compareText(a.id, b.id));
  for (let i = 1; i < pool.length; i += 1) {
    if (pool[i]!.id === pool[i - 1]!.id) {
      throw ValidationFailed.field('personIds', `lists the person "${pool[i]!.id}" more than once`);
    }
  }
  const forest = ReportingForest.build(pool, reportingLines ?? pool);
  const { groups, groupOf } = groupByThread(pool, thread);
  const planner = new Planner(pool, forest, groups, groupOf, thread, size, bounds);
  return { thread, size, bounds, ...planner.plan() };
}

// ---------------------------------------------------------------------------------------------------------------
// Thread values

interface ThreadGroup {
  /** Position in thread order; also the index in the groups array. */
  readonly order: number;
  readonly label: string;
  readonly stated: boolean;
  /** Pool indices, ascending (so by id). */
  readonly members: number[];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function experienceBand(years: number | undefined): string | undefined {
  if (years === undefined || !Number.isFinite(years) || years < 0) return undefined;
  const whole = Math.floor(years);
  if (whole <= 2) return EXPERIENCE_BANDS[0];
  if (whole <= 5) return EXPERIENCE_BANDS[1];
  if (whole <= 10) return EXPERIENCE_BANDS[2];
  return EXPERIENCE_BANDS[3];
}

function threadValue(person: SuggestionCandidate, thread: SuggestionThread): string {
  const raw = thread === 'experience' ? experienceBand(person.yearsOfExperience) : person[thread];
  return typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
}

/** Groups the pool by thread value: case-insensitive, labelled with the most common spelling, in thread order. */
function groupByThread(pool: readonly SuggestionCandidate[], thread: SuggestionThread) {
  const byKey = new Map<string, { members: number[]; spellings: Map<string, number> }>();
  pool.forEach((person, index) => {
    const value = threadValue(person, thread);
    const key = value.toLowerCase();
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { members: [], spellings: new Map() }));
    entry.members.push(index);
    entry.spellings.set(value, (entry.spellings.get(value) ?? 0) + 1);
  });
  const rank = (key: string) =>
    key === '' ? Number.MAX_SAFE_INTEGER : thread === 'experience' ? EXPERIENCE_BANDS.findIndex((b) => b === key) : 0;
  const keys = [...byKey.keys()].sort((a, b) => rank(a) - rank(b) || compareText(a, b));
  const groups: ThreadGroup[] = keys.map((key, order) => {
    const entry = byKey.get(key)!;
    const [label] = [...entry.spellings].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]!;
    return { order, label: key === '' ? NOT_STATED : label, stated: key !== '', members: entry.members };
  });
  const groupOf = new Int32Array(pool.length);
  for (const group of groups) for (const member of group.members) groupOf[member] = group.order;
  return { groups, groupOf };
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting lines

/**
 * The manager relation as a forest, numbered so that "is one in the other's chain" is two comparisons. A cycle is
 * cut at its smallest id: everyone on a cycle is in everyone else's chain either way, so the relation is unchanged.
 */
class ReportingForest {
  private constructor(
    /** Forest node of each pool index. */
    readonly nodeOf: Int32Array,
    readonly parent: Int32Array,
    private readonly enter: Int32Array,
    private readonly exit: Int32Array,
  ) {
    this.scratch = new Int32Array(parent.length);
  }

  private readonly scratch: Int32Array;

  static build(pool: readonly SuggestionCandidate[], lines: readonly ReportingLine[]): ReportingForest {
    const managerOf = new Map<string, string | undefined>();
    const sortedLines = [...lines].sort(
      (a, b) => compareText(a.id, b.id) || compareText(a.managerId ?? '', b.managerId ?? ''),
    );
    for (const line of sortedLines) if (!managerOf.has(line.id)) managerOf.set(line.id, line.managerId);
    for (const person of pool) managerOf.set(person.id, person.managerId);

    const ids = [...managerOf.keys()].sort(compareText);
    const indexOf = new Map(ids.map((nodeId, index) => [nodeId, index]));
    const count = ids.length;
    const parent = new Int32Array(count).fill(-1);
    ids.forEach((nodeId, index) => {
      const manager = managerOf.get(nodeId);
      const managerIndex = manager === undefined ? undefined : indexOf.get(manager);
      if (managerIndex !== undefined && managerIndex !== index) parent[index] = managerIndex;
    });

    // Cut cycles: walk up from each node; meeting the current path again closes a cycle.
    const state = new Uint8Array(count); // 0 unseen, 1 on the current path, 2 done
    for (let start = 0; start < count; start += 1) {
      const path: number[] = [];
      let node = start;
      while (node !== -1 && state[node] === 0) {
        state[node] = 1;
        path.push(node);
        node = parent[node]!;
      }
      if (node !== -1 && state[node] === 1) {
        const cycle = path.slice(path.indexOf(node));
        parent[Math.min(...cycle)] = -1;
      }
      for (const visited of path) state[visited] = 2;
    }

    // Children lists, then one depth-first numbering: a node's subtree is the range enter..exit.
    const childStart = new Int32Array(count + 1);
    for (let node = 0; node < count; node += 1) if (parent[node]! !== -1) childStart[parent[node]! + 1]! += 1;
    for (let node = 0; node < count; node += 1) childStart[node + 1]! += childStart[node]!;
    const children = new Int32Array(Math.max(0, childStart[count]!));
    const fill = childStart.slice(0, count);
    for (let node = 0; node < count; node += 1) {
      const up = parent[node]!;
      if (up !== -1) children[fill[up]!++] = node;
    }
    const enter = new Int32Array(count);
    const exit = new Int32Array(count);
    const cursor = childStart.slice(0, count);
    let clock = 0;
    for (let root = 0; root < count; root += 1) {
      if (parent[root] !== -1) continue;
      const stack = [root];
      enter[root] = clock++;
      while (stack.length > 0) {
        const node = stack[stack.length - 1]!;
        if (cursor[node]! < childStart[node + 1]!) {
          const child = children[cursor[node]!++]!;
          enter[child] = clock++;
          stack.push(child);
        } else {
          exit[node] = clock - 1;
          stack.pop();
        }
      }
    }
    const nodeOf = new Int32Array(pool.map((person) => indexOf.get(person.id)!));
    return new ReportingForest(nodeOf, parent, enter, exit);
  }

  /** Whether either pool person is in the other's reporting chain. */
  related(a: number, b: number): boolean {
    if (a === b) return false;
    const x = this.nodeOf[a]!;
    const y = this.nodeOf[b]!;
    const ex = this.enter[x]!;
    const ey = this.enter[y]!;
    return (ex <= ey && ey <= this.exit[x]!) || (ey <= ex && ex <= this.exit[y]!);
  }

  /** For each of `people`, how many of the others are in their reporting chain (either direction). */
  conflictCounts(people: readonly number[]): Map<number, number> {
    const slot = this.scratch; // forest node -> 1 + position in `people`, 0 for anyone else
    people.forEach((person, position) => (slot[this.nodeOf[person]!] = position + 1));
    const counts = new Int32Array(people.length);
    people.forEach((person, position) => {
      for (let node = this.parent[this.nodeOf[person]!]!; node !== -1; node = this.parent[node]!) {
        const above = slot[node]!;
        if (above === 0) continue;
        counts[position]! += 1;
        counts[above - 1]! += 1;
      }
    });
    for (const person of people) slot[this.nodeOf[person]!] = 0;
    return new Map(people.map((person, position) => [person, counts[position]!]));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Planning

/** Why someone sits in a cohort outside its core: moved away from their reporting line, or from a too-small group. */
type Addition = 'reporting-line' | 'small-group';

interface Draft {
  readonly kind: 'thread' | 'merged' | 'leftover';
  /** For `thread`: the group, and how many cohorts it was split into. */
  readonly group: number;
  readonly siblings: number;
  readonly members: number[];
  readonly added: Map<number, Addition>;
}

interface Split {
  readonly cohorts: number[][];
  readonly pending: number[];
}

/** Smallest cohort formed from leftovers (people no other cohort could take): a cohort of one is no cohort. */
const LEFTOVER_MIN = 2;

/** Further cohort counts tried for one group when reporting lines keep people out at `ceil(n / size)`. */
const EXTRA_SPLITS = 3;

/**
 * Reporting-line checks one split attempt may spend per person and seat of the target size before it stops
 * searching and leaves the rest pending. Realistic organisations use a small fraction of it; it bounds the time
 * for pathological data (say, a single 5,000-person chain) while keeping the result deterministic.
 */
const CHECKS_PER_PERSON_AND_SEAT = 40;

/** Rounds of setting aside people who cannot share a cohort within their group (each round may free others). */
const ISOLATION_ROUNDS = 8;

class Planner {
  private readonly drafts: Draft[] = [];
  /** Why each person who left their own thread group's cohorts did so. */
  private readonly origin = new Map<number, Addition>();
  /** Reporting-line checks left in the current split attempt. */
  private checksLeft = Number.POSITIVE_INFINITY;

  constructor(
    private readonly pool: readonly SuggestionCandidate[],
    private readonly forest: ReportingForest,
    private readonly groups: readonly ThreadGroup[],
    private readonly groupOf: Int32Array,
    private readonly thread: SuggestionThread,
    private readonly size: number,
    private readonly bounds: { readonly min: number; readonly max: number },
  ) {}

  plan(): { cohorts: SuggestedCohort[]; unplaced: UnplacedPerson[] } {
    const { min } = this.bounds;
    const displaced: number[] = [];
    const smallGroups: number[] = [];

    for (const group of this.groups) {
      const { kept, isolated } = this.withoutIsolated(group.members, min);
      displaced.push(...isolated);
      if (kept.length < min) {
        smallGroups.push(...kept);
        continue;
      }
      const split = this.split(kept, 'spread', min);
      displaced.push(...split.pending);
      for (const members of split.cohorts) {
        this.drafts.push({
          kind: 'thread',
          group: group.order,
          siblings: split.cohorts.length,
          members,
          added: new Map(),
        });
      }
    }

    // Groups too small for a cohort of their own are merged with their neighbours in thread order.
    const tooFew: number[] = [];
    if (smallGroups.length >= min) {
      const split = this.split(smallGroups, 'fill', min);
      for (const members of split.cohorts) {
        this.drafts.push({ kind: 'merged', group: -1, siblings: split.cohorts.length, members, added: new Map() });
      }
      tooFew.push(...split.pending);
    } else {
      tooFew.push(...smallGroups);
    }

    for (const person of displaced) this.origin.set(person, 'reporting-line');
    for (const person of tooFew) this.origin.set(person, 'small-group');
    const byThreadOrder = (a: number, b: number) => this.groupOf[a]! - this.groupOf[b]! || a - b;
    const leftover = [...displaced.sort(byThreadOrder), ...tooFew.sort(byThreadOrder)].filter(
      (person) => !this.placeInExisting(person, this.origin.get(person)!),
    );

    // Whoever is still left forms cohorts of their own, smaller than `min` if need be, rather than be left out.
    const unplacedPeople: number[] = [];
    const { kept: groupable, isolated: alone } = this.withoutIsolated(leftover, LEFTOVER_MIN);
    unplacedPeople.push(...alone);
    if (groupable.length >= LEFTOVER_MIN) {
      const split = this.split(groupable.sort(byThreadOrder), 'fill', LEFTOVER_MIN);
      for (const members of split.cohorts) {
        this.drafts.push({ kind: 'leftover', group: -1, siblings: split.cohorts.length, members, added: new Map() });
      }
      unplacedPeople.push(...split.pending);
    } else {
      unplacedPeople.push(...groupable);
    }

    return {
      cohorts: this.drafts.map((draft) => this.describe(draft)),
      unplaced: unplacedPeople
        .sort((a, b) => a - b)
        .map((person) => ({
          personId: this.pool[person]!.id,
          reason: this.unplacedReason(person),
        })),
    };
  }

  /**
   * Sets aside, within one thread group, anyone with too few group-mates outside their reporting line to ever
   * share a cohort of `min` (a manager whose whole team shares the thread), repeating while that changes others
   * (at most {@link ISOLATION_ROUNDS} times; anyone missed is caught by the split's repair).
   */
  private withoutIsolated(members: readonly number[], min: number): { kept: number[]; isolated: number[] } {
    let kept = [...members];
    const isolated: number[] = [];
    for (let round = 0; round < ISOLATION_ROUNDS && kept.length >= min; round += 1) {
      const counts = this.forest.conflictCounts(kept);
      const out = kept.filter((person) => kept.length - 1 - counts.get(person)! < min - 1);
      if (out.length === 0) break;
      isolated.push(...out);
      const removed = new Set(out);
      kept = kept.filter((person) => !removed.has(person));
    }
    return { kept, isolated };
  }

  /**
   * Splits people (at least `min`) into balanced cohorts without reporting-line conflicts. `spread` places the most
   * entangled people first, each into the emptiest compatible cohort; `fill` keeps the given order and fills cohorts
   * one after another (so merged groups stay next to their neighbours). Tries `ceil(n / size)` cohorts first, then
   * up to {@link EXTRA_SPLITS} more while keeping every cohort at `min` or above, and keeps the attempt that leaves
   * the fewest people pending (cohorts that end below `min` are given up and their members left pending).
   */
  private split(people: readonly number[], strategy: 'spread' | 'fill', min: number): Split {
    const n = people.length;
    let order = people;
    if (strategy === 'spread') {
      const counts = this.forest.conflictCounts(people);
      order = [...people].sort((a, b) => counts.get(b)! - counts.get(a)! || a - b);
    }
    const first = Math.ceil(n / this.size);
    const last = Math.min(first + EXTRA_SPLITS, Math.floor(n / min));
    let best: Split | undefined;
    for (let k = first; k <= last; k += 1) {
      const attempt = this.assign(order, k, strategy, min);
      if (!best || attempt.pending.length < best.pending.length) best = attempt;
      if (attempt.pending.length === 0) break;
    }
    return best!;
  }

  private assign(order: readonly number[], k: number, strategy: 'spread' | 'fill', min: number): Split {
    const n = order.length;
    const targets = Array.from({ length: k }, (_, index) => Math.floor(n / k) + (index < n % k ? 1 : 0));
    const cohorts: number[][] = targets.map(() => []);
    const pending: number[] = [];
    let firstOpen = 0;
    this.checksLeft = CHECKS_PER_PERSON_AND_SEAT * n * this.size;
    for (const person of order) {
      let chosen = -1;
      if (this.checksLeft <= 0) {
        pending.push(person);
        continue;
      }
      if (strategy === 'spread') {
        let bestRoom = 0;
        for (let index = 0; index < k; index += 1) {
          const room = targets[index]! - cohorts[index]!.length;
          if (room > bestRoom && !this.conflicts(person, cohorts[index]!)) {
            bestRoom = room;
            chosen = index;
          }
        }
      } else {
        while (firstOpen < k && cohorts[firstOpen]!.length >= targets[firstOpen]!) firstOpen += 1;
        for (let index = firstOpen; index < k && chosen === -1; index += 1) {
          if (cohorts[index]!.length < targets[index]! && !this.conflicts(person, cohorts[index]!)) chosen = index;
        }
      }
      if (chosen === -1) pending.push(person);
      else cohorts[chosen]!.push(person);
    }
    const stillPending = pending.filter((person) => this.checksLeft <= 0 || !this.repair(person, cohorts, targets));
    this.checksLeft = Number.POSITIVE_INFINITY;
    // A cohort left below the minimum is given up; its members are placed elsewhere later.
    const kept: number[][] = [];
    for (const members of cohorts) {
      if (members.length >= min) kept.push(members.sort((a, b) => a - b));
      else stillPending.push(...members);
    }
    return { cohorts: kept, pending: stillPending };
  }

  /** Places a pending person into a cohort with room, directly or by moving one member to another cohort. */
  private repair(person: number, cohorts: number[][], targets: readonly number[]): boolean {
    const roomy = cohorts.flatMap((members, index) => (members.length < targets[index]! ? [index] : []));
    for (const index of roomy) {
      if (!this.conflicts(person, cohorts[index]!)) {
        cohorts[index]!.push(person);
        return true;
      }
    }
    for (const [index, members] of cohorts.entries()) {
      if (this.checksLeft <= 0) return false;
      this.checksLeft -= members.length;
      const blocking = members.filter((member) => this.forest.related(person, member));
      if (blocking.length > 1) continue;
      for (const moved of blocking.length === 1 ? blocking : [...members]) {
        const destination = roomy.find((other) => other !== index && !this.conflicts(moved, cohorts[other]!));
        if (destination === undefined) continue;
        members.splice(members.indexOf(moved), 1);
        cohorts[destination]!.push(moved);
        members.push(person);
        return true;
      }
    }
    return false;
  }

  /**
   * Adds someone to an existing cohort that has a seat (at most `size + 1`) and none of their reporting line:
   * one of their own thread value first, then the smallest, then the nearest value in thread order.
   */
  private placeInExisting(person: number, why: Addition): boolean {
    const group = this.groupOf[person]!;
    let best: Draft | undefined;
    let bestRank: readonly number[] = [];
    for (const draft of this.drafts) {
      if (draft.members.length >= this.bounds.max) continue;
      const values = this.coreGroups(draft);
      const distance = Math.min(...values.map((value) => Math.abs(value - group)));
      const rank = [distance === 0 ? 0 : 1, draft.members.length, distance];
      if (best && !isLess(rank, bestRank)) continue;
      if (this.conflicts(person, draft.members)) continue;
      best = draft;
      bestRank = rank;
    }
    if (!best) return false;
    best.members.push(person);
    best.added.set(person, why);
    return true;
  }

  private conflicts(person: number, members: readonly number[]): boolean {
    this.checksLeft -= members.length;
    for (const member of members) if (this.forest.related(person, member)) return true;
    return false;
  }

  /** The thread groups of a draft's members who were not added later, in thread order. */
  private coreGroups(draft: Draft): number[] {
    if (draft.kind === 'thread') return [draft.group];
    const seen = new Set<number>();
    for (const member of draft.members) if (!draft.added.has(member)) seen.add(this.groupOf[member]!);
    return [...seen].sort((a, b) => a - b);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Explanations

  private describe(draft: Draft): SuggestedCohort {
    const { thread } = this;
    const { min } = this.bounds;
    const core = draft.members.filter((member) => !draft.added.has(member));
    const coreParts = this.tally(core);
    let explanation: string;
    if (draft.kind === 'thread') {
      explanation = `${people(core.length)} ${this.whose(draft.group)}`;
      if (draft.siblings > 1) explanation += `, one of ${draft.siblings} similar-sized cohorts for this ${thread}`;
      explanation += '.';
    } else if (draft.kind === 'leftover' && this.drafts.some((other) => other.kind !== 'leftover')) {
      explanation =
        `${this.list(coreParts)}, brought together because every other cohort is full or includes someone ` +
        `in their reporting line.`;
    } else if (coreParts.length > 1) {
      explanation = `${this.list(coreParts)}, merged because none of these groups could form a cohort of ${min} on its own.`;
    } else {
      explanation = `${this.list(coreParts)}.`;
    }
    if (core.length < min) {
      explanation += ` This cohort is smaller than the usual ${min} because nobody else was left to join it.`;
    }
    for (const [why, ending] of [
      ['reporting-line', 'placed here to keep them away from their own reporting line'],
      ['small-group', `added because too few people share that ${thread} to form a cohort of ${min}`],
    ] as const) {
      const parts = this.tally(draft.members.filter((member) => draft.added.get(member) === why));
      if (parts.length > 0) explanation += ` Also ${this.list(parts)}, ${ending}.`;
    }
    const all = this.tally(draft.members);
    return {
      key:
        draft.kind === 'thread'
          ? this.groups[draft.group]!.label
          : coreParts.map(([g]) => this.groups[g]!.label).join(' + '),
      threadValues: all.map(([group]) => this.groups[group]!.label),
      memberIds: draft.members.map((member) => this.pool[member]!.id).sort(compareText),
      explanation,
    };
  }

  /** Members counted by thread group, in thread order. */
  private tally(members: readonly number[]): [group: number, count: number][] {
    const counts = new Map<number, number>();
    for (const member of members) counts.set(this.groupOf[member]!, (counts.get(this.groupOf[member]!) ?? 0) + 1);
    return [...counts].sort((a, b) => a[0] - b[0]);
  }

  /** "4 people whose function is Finance and 2 whose function is Legal". */
  private list(parts: readonly [group: number, count: number][]): string {
    const phrases = parts.map(([group, count], index) => `${index === 0 ? people(count) : count} ${this.whose(group)}`);
    return phrases.length <= 1 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)!}`;
  }

  private whose(group: number): string {
    const { label, stated } = this.groups[group]!;
    return `whose ${this.thread} is ${stated ? label : 'not stated'}`;
  }

  private unplacedReason(person: number): string {
    const nobody = 'nobody left over could form a cohort with them';
    if (this.drafts.length === 0) return `a cohort needs at least ${LEFTOVER_MIN} people, and ${nobody}`;
    const compatible = this.drafts.filter((draft) => !this.conflicts(person, draft.members));
    if (compatible.length === 0)
      return `every suggested cohort includes someone in their reporting line, and ${nobody}`;
    return (
      `every suggested cohort without someone in their reporting line already has ${this.bounds.max} members, ` +
      `and ${nobody}`
    );
  }
}

function people(count: number): string {
  return `${count} ${count === 1 ? 'person' : 'people'}`;
}

function isLess(a: readonly number[], b: readonly number[]): boolean {
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) return a[index]! < b[index]!;
  }
  return false;
}
