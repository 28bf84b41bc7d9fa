import { suggestCohorts, type Person, type SuggestionThread } from '@peerloop/core';
import { report, round, summarize } from './measure.js';

// cohort-suggestions: suggestCohorts (pure, in-process) on generated organisations of 1,000 and 5,000 sign-ups,
// against a baseline taken in the same run: sorting the same pool by id, the first step suggestCohorts itself
// must take, so the ratio says how many id-sorts the whole suggestion costs.
const SIZES = [1000, 5000] as const;
const THREAD: SuggestionThread = 'function';
const TARGET = 8;
const WARM_UP = 10;
const ROUNDS = 20;
const BATCH = 3;

// The same organisation generator as core/src/cohorts/suggest-cohorts.test.ts (bench cannot import test files):
// one chief executive, a vice president per function, and managers with 3 to 10 reports, several levels deep.
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

const FUNCTIONS = ['Finance', 'Legal', 'Sales', 'Marketing', 'Engineering', 'IT Operations', 'People', 'Support'];
const TITLES: Record<string, readonly string[]> = {
  Finance: ['Accountant', 'Financial Analyst', 'Controller', 'Payroll Specialist'],
  Legal: ['Counsel', 'Paralegal', 'Compliance Officer'],
  Sales: ['Account Executive', 'Sales Engineer', 'Sales Development Rep'],
  Marketing: ['Content Strategist', 'Product Marketer', 'Designer', 'Marketing Analyst'],
  Engineering: ['Software Engineer', 'QA Engineer', 'Site Reliability Engineer', 'Data Engineer', 'Architect'],
  'IT Operations': ['Systems Administrator', 'Service Desk Analyst', 'Network Engineer', 'Security Analyst'],
  People: ['Recruiter', 'HR Business Partner', 'Learning Specialist'],
  Support: ['Support Specialist', 'Technical Account Manager', 'Support Engineer'],
};
const IC_LEVELS = ['Associate', 'Professional', 'Professional', 'Senior', 'Senior', 'Principal'];

function generateOrganisation(count: number, seed: number): Person[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const taken = new Set<string>();
  const newId = () => {
    let id: string;
    do
      id = `p-${Math.floor(random() * 0xffffff)
        .toString(16)
        .padStart(6, '0')}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  const people: Person[] = [];
  const managers: { id: string; depth: number; fn: string }[] = [];
  const add = (person: Omit<Person, 'tenantId' | 'displayName'>, depth: number, manages: boolean) => {
    people.push({ tenantId: 't1', displayName: `Person ${people.length}`, ...person });
    if (manages) managers.push({ id: person.id, depth, fn: person.function });
  };
  add(
    { id: newId(), title: 'Chief Executive', level: 'Executive', function: 'Executive Office', yearsOfExperience: 25 },
    0,
    true,
  );
  while (people.length < count) {
    const manager = managers.shift() ?? { id: people.at(-1)!.id, depth: 4, fn: people.at(-1)!.function };
    const reports = manager.depth === 0 ? FUNCTIONS.length : 3 + Math.floor(random() * 8);
    for (let r = 0; r < reports && people.length < count; r += 1) {
      const depth = manager.depth + 1;
      const fn = depth === 1 ? FUNCTIONS[r]! : manager.fn;
      const manages = depth <= 2 || random() < 0.22;
      const level = depth === 1 ? 'Vice President' : depth === 2 ? 'Director' : manages ? 'Manager' : pick(IC_LEVELS);
      const title = depth === 1 ? `VP ${fn}` : manages ? `${fn} Manager` : pick(TITLES[fn]!);
      const base = { Associate: 0, Professional: 3, Senior: 6, Principal: 10, Manager: 7 }[level] ?? 12;
      const years = random() < 0.08 ? undefined : base + Math.floor(random() * 6);
      add(
        {
          id: newId(),
          title,
          level: random() < 0.02 ? '' : level,
          function: fn,
          managerId: manager.id,
          ...(years === undefined ? {} : { yearsOfExperience: years }),
        },
        depth,
        manages,
      );
    }
  }
  return people;
}

function timeSync(call: () => unknown): number {
  const start = process.hrtime.bigint();
  call();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// The chief executive is in everyone's reporting line; the sign-ups are everyone else. Every series is warmed up
// before any is measured, so the first size measured does not pay for the JIT.
const cases = SIZES.map((count) => {
  const organisation = generateOrganisation(count + 1, 20261123);
  const signUps = organisation.filter((person) => person.managerId !== undefined);
  return {
    count,
    signUps,
    suggest: () => suggestCohorts(signUps, { thread: THREAD, size: TARGET }, organisation),
    sortById: () => [...signUps].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
});
for (let i = 0; i < WARM_UP; i += 1) {
  for (const { suggest, sortById } of cases) {
    suggest();
    sortById();
  }
}

const figures: Record<string, unknown> = { thread: THREAD, size: TARGET };
for (const { count, signUps, suggest, sortById } of cases) {
  const suggestSamples: number[] = [];
  const baselineSamples: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    for (let i = 0; i < BATCH; i += 1) suggestSamples.push(timeSync(suggest));
    for (let i = 0; i < BATCH; i += 1) baselineSamples.push(timeSync(sortById));
  }
  const result = suggest();
  const stats = summarize(suggestSamples);
  const baseline = summarize(baselineSamples);
  const prefix = `n${count}_`;
  Object.assign(figures, {
    [`${prefix}people`]: signUps.length,
    [`${prefix}cohorts`]: result.cohorts.length,
    [`${prefix}unplaced`]: result.unplaced.length,
    [`${prefix}p50_ms`]: stats.p50,
    [`${prefix}p95_ms`]: stats.p95,
    [`${prefix}baseline_p50_ms`]: baseline.p50,
    [`${prefix}ratio_p50`]: round(stats.p50 / baseline.p50, 1),
    [`${prefix}samples`]: stats.count,
  });
}
report('cohort-suggestions', { baseline: 'sort the same pool by id', ...figures });
