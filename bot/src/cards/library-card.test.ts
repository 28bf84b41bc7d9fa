import {
  BODY_MAX_LENGTH,
  MAX_TAGS,
  SUMMARY_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  URL_MAX_LENGTH,
  type LibraryItemView,
  type SessionView,
} from '@peerloop/core';
import { CardFactory } from 'botbuilder';
import { clip, libraryItemCard, ratingLine, sessionResultCard } from './library-card';

const TAB = 'https://tabs.example';

function anItem(fields: Partial<LibraryItemView> = {}): LibraryItemView {
  return {
    id: 'li-1',
    programId: 'p1',
    kind: 'tip-list',
    title: 'PowerShell habits',
    summary: '',
    body: '## Habits\n\n- Use **Get-Help -Examples**\n- Read [the docs](https://learn.example)',
    tags: ['powershell'],
    skills: ['scripting'],
    author: { userId: 'u1', displayName: 'Jordan Patel' },
    hidden: false,
    rating: { average: 4.5, count: 2 },
    views: 3,
    viewers: 2,
    completions: 1,
    bookmarks: 0,
    comments: 0,
    bookmarked: false,
    done: false,
    edits: 0,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    canEdit: false,
    canModerate: false,
    ...fields,
  };
}

const textRuns = (card: object) =>
  [...JSON.stringify(card).matchAll(/"type":"TextRun","text":"((?:[^"\\]|\\.)*)"/g)].map((m) =>
    JSON.parse(`"${m[1]}"`),
  );
const textBlocks = (card: object) =>
  [...JSON.stringify(card).matchAll(/"type":"TextBlock","text":"((?:[^"\\]|\\.)*)"/g)].map((m) =>
    JSON.parse(`"${m[1]}"`),
  );
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('library item cards', () => {
  it("show a tip's text as plain text: no markdown, no HTML, no links of its own", () => {
    const card = libraryItemCard(anItem(), { tabBase: TAB });
    expect(textRuns(card)).toContain('Habits Use Get-Help -Examples Read the docs');
    expect(JSON.stringify(card)).not.toContain('**');
    expect(JSON.stringify(card)).not.toContain('https://learn.example');
  });

  it('carry user-written text only in TextRuns, so a title made of markdown stays text', () => {
    const card = libraryItemCard(anItem({ title: '[Click](https://evil.example) <b>now</b>' }));
    expect(textRuns(card)[0]).toBe('[Click](https://evil.example) <b>now</b>');
    for (const text of textBlocks(card)) {
      expect(text).not.toContain('evil.example');
      expect(text).not.toContain('<b>');
    }
  });

  it('state the kind and rating, and who shared it', () => {
    const card = JSON.stringify(libraryItemCard(anItem()));
    expect(card).toContain('"text":"Tip list · ★ 4.5 · 2 ratings"');
    expect(card).toContain('"text":"Shared by Jordan Patel"');
    expect(ratingLine({ average: 0, count: 0 })).toBe('Not rated yet');
    expect(ratingLine({ average: 5, count: 1 })).toBe('★ 5.0 · 1 rating');
  });

  it('open the item in PeerLoop when the tab is known, and the file or page it links to', () => {
    const link = anItem({ kind: 'recording', url: 'https://stream.example/v/1', body: undefined, summary: 'Q3 demo' });
    expect(libraryItemCard(link, { tabBase: TAB }).actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in PeerLoop', url: `${TAB}/index.html?view=personal&itemId=li-1` },
      { type: 'Action.OpenUrl', title: 'Watch the recording', url: 'https://stream.example/v/1' },
    ]);
    expect(libraryItemCard(anItem()).actions).toBeUndefined();
  });

  it('say when an item is shared with one cohort only', () => {
    expect(JSON.stringify(libraryItemCard(anItem({ cohortId: 'c1' })))).toContain('only its members can open it');
    expect(JSON.stringify(libraryItemCard(anItem()))).not.toContain('only its members');
  });

  it('stay far below 28 KB with every field at its longest, in characters that take most bytes', () => {
    const wide = (length: number) => '語"\\'.repeat(Math.ceil(length / 3)).slice(0, length);
    const longest = anItem({
      kind: 'link',
      title: wide(TITLE_MAX_LENGTH),
      summary: wide(SUMMARY_MAX_LENGTH),
      body: wide(BODY_MAX_LENGTH),
      url: `https://example.com/${'a'.repeat(URL_MAX_LENGTH - 20)}`,
      tags: Array.from({ length: MAX_TAGS }, (_, i) => `${i}${wide(39)}`),
      skills: Array.from({ length: MAX_TAGS }, (_, i) => `s${i}${wide(38)}`),
      author: { userId: 'u1', displayName: wide(200) },
      cohortId: 'c1',
    });
    const attachment = {
      ...CardFactory.adaptiveCard(libraryItemCard(longest, { tabBase: TAB })),
      preview: CardFactory.thumbnailCard(clip(longest.title, 200), 'Link · ★ 4.5 · 2 ratings'),
    };
    expect(bytes(attachment)).toBeLessThan(28 * 1024);
    const tip = libraryItemCard(anItem({ body: wide(BODY_MAX_LENGTH), summary: '' }), { tabBase: TAB });
    expect(bytes(tip)).toBeLessThan(8 * 1024);
  });

  it('shorten by whole characters, with an ellipsis', () => {
    expect(clip('😀😀😀', 2)).toBe('😀…');
    expect(clip('short', 10)).toBe('short');
  });
});

describe('session result cards', () => {
  const session: SessionView = {
    id: 'lunch-1',
    cohortId: 'c1',
    programId: 'p1',
    kind: 'learning-lunch',
    title: 'Learning lunch: **PowerShell**',
    topic: 'Automating the boring parts',
    presenters: [{ userId: 'u1', displayName: 'Jordan Patel' }],
    startsAt: '2026-12-01T12:30:00.000Z',
    endsAt: '2026-12-01T13:30:00.000Z',
    timeZone: 'Europe/London',
    meetingUrl: 'https://teams.example/meet/1',
    status: 'scheduled',
    details: {},
    capacity: 12,
    seatsTaken: 4,
    waitlistLength: 0,
    myRsvp: null,
    myWaitlistPosition: null,
    checkedIn: false,
    canManage: false,
  };

  it("show the title literally, the kind and the start in the reader's time zone, the topic and seats", () => {
    const card = sessionResultCard(session, { tabBase: TAB });
    expect(textRuns(card)).toEqual(
      expect.arrayContaining([
        'Learning lunch: **PowerShell**',
        'Automating the boring parts',
        'Presented by Jordan Patel',
      ]),
    );
    const text = JSON.stringify(card);
    expect(text).toContain('Learning lunch · {{DATE(2026-12-01T12:30:00Z, SHORT)}} {{TIME(2026-12-01T12:30:00Z)}}');
    expect(text).toContain('4 of 12 seats taken');
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in PeerLoop', url: `${TAB}/index.html?view=personal&sessionId=lunch-1` },
      { type: 'Action.OpenUrl', title: 'Join the meeting', url: 'https://teams.example/meet/1' },
    ]);
  });

  it('say a cancelled session is cancelled, without a join button', () => {
    const card = sessionResultCard({ ...session, status: 'cancelled' }, { tabBase: TAB });
    expect(JSON.stringify(card)).toContain('"text":"Cancelled"');
    expect(card.actions).toHaveLength(1);
  });
});
