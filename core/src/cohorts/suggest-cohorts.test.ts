import { ValidationFailed } from '../shared/errors';
import { parseInput } from '../shared/validation';
import {
  SUGGESTION_THREADS,
  suggestCohorts,
  suggestCohortsInput,
  suggestedCohortBounds,
  type CohortSuggestions,
  type ReportingLine,
  type SuggestionCandidate,
  type SuggestionThread,
} from './suggest-cohorts';
import { generateOrganisation, seeded } from '../testing/synthetic-organisation';

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seeded(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The full reporting chain above a person, traced independently of the code under test. */
function chainAbove(id: string, lines: readonly ReportingLine[]): Set<string> {
  const managerOf = new Map(lines.map((line) => [line.id, line.managerId]));
  const chain = new Set<string>();
  for (
    let next = managerOf.get(id);
    next !== undefined && next !== id && !chain.has(next);
    next = managerOf.get(next)
  ) {
    chain.add(next);
  }
  return chain;
}

function valueOf(person: SuggestionCandidate, thread: SuggestionThread): string {
  if (thread === 'experience') {
    const years = person.yearsOfExperience;
    if (years === undefined) return 'not stated';
    return years <= 2 ? '0-2 years' : years <= 5 ? '3-5 years' : years <= 10 ? '6-10 years' : 'more than 10 years';
  }
  return person[thread]?.trim().toLowerCase() || 'not stated';
}

/** Asserts every promise the suggestion makes, for any pool. */
function expectSound(
  result: CohortSuggestions,
  pool: readonly SuggestionCandidate[],
  thread: SuggestionThread,
  size: number,
  lines: readonly ReportingLine[] = pool,
) {
  const placed = result.cohorts.flatMap((c) => c.memberIds);
  const everyone = [...placed, ...result.unplaced.map((u) => u.personId)].sort();
  expect(everyone).toEqual(pool.map((p) => p.id).sort());
  for (const u of result.unplaced) expect(u.reason.length).toBeGreaterThan(20);

  const chains = new Map(pool.map((p) => [p.id, chainAbove(p.id, lines)]));
  const byId = new Map(pool.map((p) => [p.id, p]));
  const { min, max } = suggestedCohortBounds(size);
  for (const cohort of result.cohorts) {
    expect(cohort.memberIds.length).toBeGreaterThanOrEqual(2);
    if (cohort.memberIds.length < min) expect(cohort.explanation).toContain(`smaller than the usual ${min}`);
    expect(cohort.memberIds.length).toBeLessThanOrEqual(max);
    for (const a of cohort.memberIds) {
      for (const b of cohort.memberIds) {
        if (a !== b && chains.get(a)!.has(b)) throw new Error(`${a} is with ${b}, who is in their reporting line`);
      }
    }
    expect(cohort.explanation).toMatch(/^\d+ (person|people) .+\.$/);
    expect(cohort.explanation).toContain(`whose ${thread} is `);
    const values = new Set(cohort.memberIds.map((id) => valueOf(byId.get(id)!, thread)));
    expect(cohort.threadValues.map((v) => v.toLowerCase()).sort()).toEqual([...values].sort());
    if (values.size > 1)
      expect(cohort.explanation).toMatch(/merged because|placed here|added because|brought together/);
    for (const value of values) expect(cohort.explanation.toLowerCase()).toContain(`whose ${thread} is ${value}`);
  }
}

function person(id: string, fields: Partial<SuggestionCandidate> = {}): SuggestionCandidate {
  return { tenantId: 't1', id, displayName: id, title: 'Analyst', level: 'Senior', function: 'Finance', ...fields };
}

// The chief executive is in everyone's reporting line, so can share a cohort with nobody: the 1,000 sign-ups are
// everyone else, and the whole organisation is passed to trace reporting chains.
const organisation = generateOrganisation(1001, 20261123);
const signUps = organisation.filter((p) => p.managerId !== undefined);

describe('suggestCohorts on a generated organisation of 1,000 people', () => {
  it('has the shape of a real organisation: managers with 3 to 10 reports over several levels', () => {
    const reports = new Map<string, number>();
    for (const p of organisation) if (p.managerId) reports.set(p.managerId, (reports.get(p.managerId) ?? 0) + 1);
    const depth = Math.max(...organisation.map((p) => chainAbove(p.id, organisation).size));
    expect(signUps).toHaveLength(1000);
    expect(reports.size).toBeGreaterThan(100);
    expect(depth).toBeGreaterThanOrEqual(4);
  });

  for (const thread of SUGGESTION_THREADS) {
    for (const size of [3, 6, 12, 50]) {
      it(`places everyone by ${thread} in cohorts of about ${size}, away from their reporting lines`, () => {
        const result = suggestCohorts(signUps, { thread, size }, organisation);
        expectSound(result, signUps, thread, size, organisation);
        expect(result.unplaced).toEqual([]);
      });
    }
  }

  it('keeps most cohorts to one thread value, sized close to the target', () => {
    const result = suggestCohorts(signUps, { thread: 'level', size: 8 }, organisation);
    const pure = result.cohorts.filter((c) => c.threadValues.length === 1);
    expect(pure.length / result.cohorts.length).toBeGreaterThan(0.9);
    const sizes = result.cohorts.map((c) => c.memberIds.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(9);
  });

  it('gives the same suggestion whatever order the people come in', () => {
    for (const thread of ['function', 'title', 'experience'] as const) {
      const first = suggestCohorts(signUps, { thread, size: 7 }, organisation);
      const again = suggestCohorts(shuffled(signUps, 99), { thread, size: 7 }, shuffled(organisation, 5));
      expect(again).toEqual(first);
    }
  });

  it('traces reporting chains through people who did not sign up', () => {
    const some = shuffled(signUps, 7).slice(0, 400);
    const result = suggestCohorts(some, { thread: 'function', size: 6 }, organisation);
    expectSound(result, some, 'function', 6, organisation);
  });

  it("lists the chief executive, who is in everyone else's reporting line, as the only one unplaced", () => {
    const result = suggestCohorts(organisation, { thread: 'level', size: 6 });
    expectSound(result, organisation, 'level', 6);
    expect(result.unplaced).toEqual([
      {
        personId: organisation[0]!.id,
        reason:
          'every suggested cohort includes someone in their reporting line, and nobody left over could form a cohort with them',
      },
    ]);
  });
});

describe('suggestCohorts explanations and thread values', () => {
  it('explains a plain cohort in one sentence naming the thread and value', () => {
    const pool = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => person(id));
    const result = suggestCohorts(pool, { thread: 'level', size: 6 });
    expect(result.cohorts).toEqual([
      {
        key: 'Senior',
        threadValues: ['Senior'],
        memberIds: ['a', 'b', 'c', 'd', 'e', 'f'],
        explanation: '6 people whose level is Senior.',
      },
    ]);
  });

  it('splits a large group into cohorts whose sizes differ by at most one', () => {
    const pool = Array.from({ length: 17 }, (_, i) => person(`p${String(i).padStart(2, '0')}`));
    const result = suggestCohorts(pool, { thread: 'function', size: 6 });
    expect(result.cohorts.map((c) => c.memberIds.length)).toEqual([6, 6, 5]);
    expect(result.cohorts[0]!.explanation).toBe(
      '6 people whose function is Finance, one of 3 similar-sized cohorts for this function.',
    );
  });

  it('merges groups too small for a cohort with their neighbours and says so', () => {
    const pool = [
      ...['f1', 'f2'].map((id) => person(id, { function: 'Finance' })),
      ...['l1', 'l2'].map((id) => person(id, { function: 'Legal' })),
      ...['s1', 's2', 's3', 's4', 's5', 's6'].map((id) => person(id, { function: 'Sales' })),
    ];
    const result = suggestCohorts(pool, { thread: 'function', size: 6 });
    expectSound(result, pool, 'function', 6);
    expect(result.cohorts.find((c) => c.key === 'Finance + Legal')).toEqual({
      key: 'Finance + Legal',
      threadValues: ['Finance', 'Legal'],
      memberIds: ['f1', 'f2', 'l1', 'l2'],
      explanation:
        '2 people whose function is Finance and 2 whose function is Legal, ' +
        'merged because none of these groups could form a cohort of 3 on its own.',
    });
  });

  it('adds a lone person to the smallest cohort and explains why', () => {
    const pool = [
      person('l1', { function: 'Legal' }),
      ...Array.from({ length: 11 }, (_, i) => person(`s${i + 10}`, { function: 'Sales' })),
    ];
    const result = suggestCohorts(pool, { thread: 'function', size: 6 });
    expectSound(result, pool, 'function', 6);
    const withLegal = result.cohorts.find((c) => c.memberIds.includes('l1'))!;
    expect(withLegal.memberIds).toHaveLength(6);
    expect(withLegal.explanation).toBe(
      '5 people whose function is Sales, one of 2 similar-sized cohorts for this function. ' +
        'Also 1 person whose function is Legal, added because too few people share that function to form a cohort of 3.',
    );
  });

  it('groups thread values case-insensitively and gathers missing values as "Not stated"', () => {
    const pool = [
      ...['a', 'b', 'c'].map((id) => person(id, { level: 'Senior' })),
      person('d', { level: ' senior ' }),
      ...['e', 'f', 'g'].map((id) => person(id, { level: '' })),
    ];
    const result = suggestCohorts(pool, { thread: 'level', size: 4 });
    expect(result.cohorts.map((c) => [c.key, c.memberIds, c.explanation])).toEqual([
      ['Senior', ['a', 'b', 'c', 'd'], '4 people whose level is Senior.'],
      ['Not stated', ['e', 'f', 'g'], '3 people whose level is not stated.'],
    ]);
  });

  it('bands experience in years and groups by project when the caller knows it', () => {
    const pool = [0, 2, 2.5, 3, 5, 6, 10, 11, 30].map((years, i) => person(`x${i}`, { yearsOfExperience: years }));
    const bands = suggestCohorts(pool, { thread: 'experience', size: 3 });
    expect(bands.cohorts.map((c) => c.key)).toEqual(['0-2 years', '3-5 years', '6-10 years', 'more than 10 years']);
    expect(bands.cohorts[3]!.explanation).toContain('whose experience is more than 10 years');

    const projects = suggestCohorts(
      [...pool.slice(0, 4).map((p) => ({ ...p, project: 'Cloud migration' })), ...pool.slice(4)],
      { thread: 'project', size: 5 },
    );
    expect(projects.cohorts.map((c) => [c.key, c.explanation])).toEqual([
      ['Cloud migration', '4 people whose project is Cloud migration.'],
      ['Not stated', '5 people whose project is not stated.'],
    ]);
  });
});

describe('suggestCohorts and reporting lines', () => {
  it('never puts a manager with any of their reports, even when the whole team shares the thread', () => {
    const team = [person('boss'), ...Array.from({ length: 7 }, (_, i) => person(`r${i}`, { managerId: 'boss' }))];
    const others = Array.from({ length: 6 }, (_, i) => person(`o${i}`, { function: 'Legal' }));
    const pool = [...team, ...others];
    const result = suggestCohorts(pool, { thread: 'function', size: 6 });
    expectSound(result, pool, 'function', 6);
    expect(result.unplaced).toEqual([]);
    const bossCohort = result.cohorts.find((c) => c.memberIds.includes('boss'))!;
    expect(bossCohort.memberIds.filter((id) => id.startsWith('r'))).toEqual([]);
    expect(bossCohort.explanation).toContain(
      'Also 1 person whose function is Finance, placed here to keep them away from their own reporting line.',
    );
  });

  it('splits a group into more cohorts when two teams would otherwise meet their managers', () => {
    const pool = ['m1', 'm2'].flatMap((m) => [
      person(m),
      ...[1, 2, 3, 4].map((i) => person(`${m}-r${i}`, { managerId: m })),
    ]);
    const result = suggestCohorts(pool, { thread: 'function', size: 10 });
    expectSound(result, pool, 'function', 10);
    expect(result.cohorts.map((c) => c.memberIds)).toEqual([
      ['m1', 'm2-r1', 'm2-r2', 'm2-r3', 'm2-r4'],
      ['m1-r1', 'm1-r2', 'm1-r3', 'm1-r4', 'm2'],
    ]);
  });

  it('checks the whole chain, not only the direct manager', () => {
    const pool = [
      person('vp'),
      person('dir', { managerId: 'vp' }),
      person('ic', { managerId: 'dir' }),
      ...['a', 'b', 'c', 'd'].map((id) => person(id)),
    ];
    const withoutDirector = pool.filter((p) => p.id !== 'dir');
    const result = suggestCohorts(withoutDirector, { thread: 'function', size: 3 }, pool);
    expectSound(result, withoutDirector, 'function', 3, pool);
    const vpCohort = result.cohorts.find((c) => c.memberIds.includes('vp'))!;
    expect(vpCohort.memberIds).not.toContain('ic');
  });

  it('survives cycles in manager data and treats everyone on a cycle as one chain', () => {
    const pool = [
      person('a', { managerId: 'c' }),
      person('b', { managerId: 'a' }),
      person('c', { managerId: 'b' }),
      person('self', { managerId: 'self' }),
      ...['d', 'e', 'f', 'g', 'h'].map((id) => person(id)),
    ];
    const result = suggestCohorts(pool, { thread: 'level', size: 3 });
    expectSound(result, pool, 'level', 3);
    expect(result.unplaced).toEqual([]);
    const cohortOf = (id: string) => result.cohorts.findIndex((c) => c.memberIds.includes(id));
    expect(new Set([cohortOf('a'), cohortOf('b'), cohortOf('c')]).size).toBe(3);
    expect(suggestCohorts(shuffled(pool, 3), { thread: 'level', size: 3 })).toEqual(result);
  });

  it('lists everyone in a single long chain as unplaced, each with the reason', () => {
    const pool = Array.from({ length: 300 }, (_, i) =>
      person(`c${1000 + i}`, i > 0 ? { managerId: `c${999 + i}` } : {}),
    );
    const result = suggestCohorts(shuffled(pool, 1), { thread: 'level', size: 6 });
    expectSound(result, pool, 'level', 6);
    expect(result.cohorts).toEqual([]);
    expect(new Set(result.unplaced.map((u) => u.reason))).toEqual(
      new Set(['a cohort needs at least 2 people, and nobody left over could form a cohort with them']),
    );
  });

  it('forms a smaller cohort, and says so, from people every other cohort is closed to', () => {
    // Two heads of department whose teams fill every Senior cohort: they can only be grouped with each other.
    const teams = ['h1', 'h2'].flatMap((head) =>
      Array.from({ length: 6 }, (_, i) => person(`${head}-r${i}`, { managerId: head })),
    );
    const pool = [person('h1', { level: 'Head' }), person('h2', { level: 'Head' }), ...teams];
    const result = suggestCohorts(pool, { thread: 'level', size: 6 });
    expectSound(result, pool, 'level', 6);
    expect(result.unplaced).toEqual([]);
    expect(result.cohorts.find((c) => c.memberIds.includes('h1'))).toMatchObject({
      memberIds: ['h1', 'h2'],
      explanation:
        '2 people whose level is Head, brought together because every other cohort is full or includes someone in ' +
        'their reporting line. This cohort is smaller than the usual 3 because nobody else was left to join it.',
    });
  });

  it('ends a chain at a manager id nobody has', () => {
    const pool = ['a', 'b', 'c'].map((id) => person(id, { managerId: 'ghost' }));
    const result = suggestCohorts(pool, { thread: 'level', size: 3 });
    expect(result.cohorts.map((c) => c.memberIds)).toEqual([['a', 'b', 'c']]);
  });

  it('lists someone as unplaced, with the reason, when every cohort holds their reporting line', () => {
    const pool = [person('boss'), person('r1', { managerId: 'boss' }), person('r2', { managerId: 'boss' })];
    const result = suggestCohorts(pool, { thread: 'function', size: 3 });
    expect(result.cohorts.map((c) => c.memberIds)).toEqual([['r1', 'r2']]);
    expect(result.unplaced).toEqual([
      {
        personId: 'boss',
        reason:
          'every suggested cohort includes someone in their reporting line, and nobody left over could form a cohort with them',
      },
    ]);
  });
});

describe('suggestCohorts edge cases and validation', () => {
  it('suggests nothing for an empty pool', () => {
    expect(suggestCohorts([], { thread: 'level', size: 6 })).toEqual({
      thread: 'level',
      size: 6,
      bounds: { min: 3, max: 7 },
      cohorts: [],
      unplaced: [],
    });
  });

  it('forms one smaller cohort from a pool smaller than the size, if it reaches the minimum', () => {
    const pool = ['a', 'b', 'c', 'd'].map((id) => person(id, { level: id === 'd' ? 'Junior' : 'Senior' }));
    const result = suggestCohorts(pool, { thread: 'level', size: 8 });
    expectSound(result, pool, 'level', 8);
    expect(result.cohorts.map((c) => c.memberIds)).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('keeps a pool below the minimum together, saying the cohort is smaller than usual', () => {
    const result = suggestCohorts([person('a'), person('b')], { thread: 'level', size: 6 });
    expect(result.unplaced).toEqual([]);
    expect(result.cohorts).toEqual([
      {
        key: 'Senior',
        threadValues: ['Senior'],
        memberIds: ['a', 'b'],
        explanation:
          '2 people whose level is Senior. This cohort is smaller than the usual 3 because nobody else was left to join it.',
      },
    ]);
  });

  it('lists a pool of one as unplaced, with the reason', () => {
    expect(suggestCohorts([person('a')], { thread: 'level', size: 6 })).toMatchObject({
      cohorts: [],
      unplaced: [
        {
          personId: 'a',
          reason: 'a cohort needs at least 2 people, and nobody left over could form a cohort with them',
        },
      ],
    });
  });

  it.each([2, 51, 4.5, Number.NaN])('refuses size %p, naming the field', (size) => {
    const error = (() => {
      try {
        suggestCohorts([person('a')], { thread: 'level', size });
      } catch (e: unknown) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).fields.map((f) => f.path)).toEqual(['size']);
  });

  it('refuses an unknown thread and a person listed twice', () => {
    expect(() => suggestCohorts([], { thread: 'hobby' as SuggestionThread, size: 6 })).toThrow(
      new ValidationFailed([{ path: 'thread', message: 'must be one of title, level, function, experience, project' }]),
    );
    expect(() => suggestCohorts([person('a'), person('a')], { thread: 'level', size: 6 })).toThrow(ValidationFailed);
  });

  it('validates the API body, naming each bad field', () => {
    expect(parseInput(suggestCohortsInput, { programId: ' p1 ', thread: 'level', size: 6 })).toEqual({
      programId: 'p1',
      thread: 'level',
      size: 6,
    });
    const error = (() => {
      try {
        parseInput(suggestCohortsInput, {
          thread: 'level',
          size: 60,
          personIds: Array.from({ length: 5001 }, (_, i) => `p${i}`),
          extra: true,
        });
      } catch (e: unknown) {
        return e as ValidationFailed;
      }
    })();
    expect(error?.fields.map((f) => f.path).sort()).toEqual(['', 'personIds', 'programId', 'size']);
  });
});
