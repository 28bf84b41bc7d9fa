import type { Person } from '../people/person.js';

/**
 * Synthetic organisations for tests and benchmarks (not exported from the package root). A deterministic
 * organisation: one chief executive, a vice president per function, and managers with 3 to 10
 * reports each, several levels deep. xorshift32 keeps it reproducible without Math.random.
 */
export function seeded(seed: number): () => number {
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

export function generateOrganisation(count: number, seed: number): Person[] {
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
