import { suggestCohorts, type SuggestionThread } from '@peerloop/core';
import { generateOrganisation } from '@peerloop/core/testing';
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
