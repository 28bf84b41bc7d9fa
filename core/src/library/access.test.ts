import type { Cohort } from '../cohorts/cohort.js';
import type { Program } from '../programs/program.js';
import { peerLoopLink, parsePeerLoopLink } from '../shared/links.js';
import { canSeeItem, libraryAccess } from './access.js';
import { newLibraryItem, type LibraryItem, type LibraryVisibility } from './item.js';
import { rankExperts, summariseConsumption } from './views.js';
import { relevance, searchWords } from './use-cases.js';

const program: Program = {
  tenantId: 't',
  id: 'p',
  name: 'Program',
  purpose: '',
  codeOfConduct: { version: 2, text: 'Be kind' },
  confidentiality: { version: 1, text: 'What is said here stays here' },
  ownerIds: ['owner'],
  createdAt: '2026-01-01T00:00:00.000Z',
};

const current = { codeOfConductVersion: 2, confidentialityVersion: 1, acceptedAt: '2026-01-02T00:00:00.000Z' };
const outdated = { ...current, codeOfConductVersion: 1 };
const member = (userId: string, role: 'member' | 'facilitator' | 'observer', agreements?: typeof current) => ({
  userId,
  displayName: userId,
  role,
  joinedAt: '2026-01-01T00:00:00.000Z',
  ...(agreements ? { agreements } : {}),
});
const cohort: Cohort = {
  tenantId: 't',
  id: 'c',
  programId: 'p',
  name: 'Cohort',
  purpose: '',
  kind: 'peer-learning-group',
  commonThreads: {},
  status: 'active',
  members: [
    member('accepted', 'member', current),
    member('stale', 'member', outdated),
    member('never', 'member'),
    member('watcher', 'observer', current),
    member('facilitator', 'facilitator'),
  ],
  createdBy: 'owner',
  createdAt: '2026-01-01T00:00:00.000Z',
};

function item(fields: Partial<LibraryItem> = {}): LibraryItem {
  return newLibraryItem({
    tenantId: 't',
    id: 'i',
    programId: 'p',
    kind: 'link',
    title: 'Azure cost basics',
    summary: 'How to read a bill',
    url: 'https://x.example',
    tags: ['finops'],
    skills: ['azure'],
    author: { userId: 'author', displayName: 'Author' },
    createdAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  });
}

async function visibilityOf(userId: string): Promise<LibraryVisibility> {
  const deps = {
    programs: { list: async () => [program] },
    cohorts: {
      listOfMember: async (_t: string, u: string) => (cohort.members.some((m) => m.userId === u) ? [cohort] : []),
    },
  };
  return (await libraryAccess(deps, { tenantId: 't', userId })).visibility;
}

describe('who sees a library item', () => {
  it.each([
    ['accepted', true],
    ['watcher', true],
    ['facilitator', true],
    ['owner', true],
    ['stale', false],
    ['never', false],
    ['stranger', false],
  ])('a cohort item is seen by %s: %s', async (userId, sees) => {
    expect(canSeeItem(item({ cohortId: 'c' }), await visibilityOf(userId))).toBe(sees);
  });

  it('a program item is seen by everyone in the organisation', async () => {
    expect(canSeeItem(item(), await visibilityOf('stranger'))).toBe(true);
  });

  it('a hidden item is seen only by the program owners and its author', async () => {
    const hidden = item({ state: 'hidden', hidden: { by: 'owner', at: '2026-01-03T00:00:00.000Z' } });
    expect(canSeeItem(hidden, await visibilityOf('owner'))).toBe(true);
    expect(
      canSeeItem({ ...hidden, author: { userId: 'accepted', displayName: 'A' } }, await visibilityOf('accepted')),
    ).toBe(true);
    expect(canSeeItem(hidden, await visibilityOf('accepted'))).toBe(false);
    expect(canSeeItem(hidden, await visibilityOf('facilitator'))).toBe(false);
  });
});

describe('finding items', () => {
  it('splits a query into at most eight distinct lower-case words, keeping c# and node.js', () => {
    expect(searchWords('  Azure, azure COST; C# node.js — ')).toEqual(['azure', 'cost', 'c#', 'node.js']);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
    expect(searchWords('!!! ...')).toEqual([]);
  });

  it('ranks a word in the title above one in the tags above one in the summary', () => {
    const inTitle = item({ title: 'Terraform' });
    const inTags = item({ title: 'x', tags: ['terraform'] });
    const inSummary = item({ title: 'x', summary: 'terraform' });
    const scores = [inTitle, inTags, inSummary].map((i) => relevance(i, ['terraform']));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores).size).toBe(3);
  });
});

describe('figures for facilitators and owners', () => {
  it('adds up consumption per item and per cohort, program-wide items under null', () => {
    const insights = summariseConsumption([
      item({ id: 'a', views: 10, viewers: 4, completions: 2, ratingCount: 2, ratingSum: 9 }),
      item({ id: 'b', cohortId: 'c', views: 3, viewers: 3, completions: 1, ratingCount: 1, ratingSum: 3 }),
    ]);
    expect(insights.totals).toMatchObject({
      items: 2,
      views: 13,
      viewers: 7,
      completions: 3,
      ratingCount: 3,
      ratingAverage: 4,
    });
    expect(insights.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(insights.byCohort).toEqual([
      expect.objectContaining({ cohortId: null, views: 10, ratingAverage: 4.5 }),
      expect.objectContaining({ cohortId: 'c', views: 3, ratingAverage: 3 }),
    ]);
  });

  it('ranks experts per skill by contributions, then by ratings that rest on more than one opinion', () => {
    const by = (userId: string, ratingCount: number, ratingSum: number, skills = ['azure']) =>
      item({ id: `${userId}-${ratingSum}`, author: { userId, displayName: userId }, skills, ratingCount, ratingSum });
    const experts = rankExperts([
      by('prolific', 0, 0),
      by('prolific', 0, 0),
      by('one-five-star', 1, 5),
      by('many-fours', 10, 42),
      by('other-skill', 3, 15, ['terraform']),
    ]);
    const azure = experts.find((s) => s.skill === 'azure')!;
    expect(azure.experts.map((e) => e.userId)).toEqual(['prolific', 'many-fours', 'one-five-star']);
    expect(rankExperts([by('x', 1, 5, ['terraform'])], 'azure')).toEqual([]);
  });
});

describe('PeerLoop links', () => {
  const base = 'https://peerloop.contoso.example/tab';

  it('round-trips a session, an item and a cohort', () => {
    for (const target of [
      { kind: 'session', id: 'lunch-1' },
      { kind: 'item', id: 'li-2f0c' },
      { kind: 'cohort', id: 'new-admins' },
    ] as const) {
      expect(parsePeerLoopLink(peerLoopLink(`${base}/`, target), base)).toEqual(target);
    }
  });

  it.each([
    'https://evil.example/tab/index.html?view=personal&itemId=li-1',
    'https://peerloop.contoso.example/other/index.html?itemId=li-1',
    `${base}/index.html?itemId=li-1&sessionId=s-1`,
    `${base}/index.html?view=personal`,
    `${base}/index.html?itemId=${encodeURIComponent('<script>')}`,
    'not a link',
  ])('refuses what is not one of ours: %s', (link) => {
    expect(parsePeerLoopLink(link, base)).toBeNull();
  });
});
