import { Conflict, Forbidden, ValidationFailed } from '../shared/errors';
import type { QnaRole } from './contracts';
import { QUESTION_STATES, type QnaQueue, type Question, type QuestionState } from './question';
import {
  applyEdit,
  applyModeration,
  applyPin,
  applyUnpin,
  applyWithdraw,
  arrangeQueue,
  compareQueue,
  csvCell,
  isVisibleTo,
  questionsCsv,
  toQuestionView,
  validateOrder,
} from './queue';

// Keyed pseudonyms look like the real HMACs: lower-case hex.
const ASKER = { userId: 'asha-asker', displayName: 'Asha Asker', key: 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5' };
const VOTER_KEY = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';
const OTHER_KEY = 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1';
const NOW = new Date('2026-12-01T12:30:00.000Z');
const HOST = { displayName: 'Fran Facilitator' };

/** A named, open question asked by ASKER at 12:00 plus `minute` minutes. */
function aQuestion(id: string, fields: Partial<Question> = {}, minute = 0): Question {
  const at = new Date(Date.UTC(2026, 11, 1, 12, minute)).toISOString();
  return {
    tenantId: 'tenant-1',
    sessionId: 'session-1',
    id,
    cohortId: 'cohort-1',
    programId: 'program-1',
    text: `Question ${id}`,
    anonymous: false,
    author: { userId: ASKER.userId, displayName: ASKER.displayName },
    authorKey: ASKER.key,
    state: 'open',
    votes: 0,
    voters: {},
    source: 'panel',
    createdAt: at,
    updatedAt: at,
    revision: 1,
    ...fields,
  };
}

/** An anonymous question as the store holds it: no author field at all. */
function anAnonymousQuestion(id: string, fields: Partial<Question> = {}): Question {
  const { author: _author, ...rest } = aQuestion(id, fields);
  return { ...rest, anonymous: true };
}

function aQueue(fields: Partial<QnaQueue> = {}): QnaQueue {
  return {
    tenantId: 'tenant-1',
    sessionId: 'session-1',
    moderated: false,
    updatedAt: '2026-12-01T12:00:00.000Z',
    revision: 3,
    ...fields,
  };
}

const sign = (n: number) => Math.sign(n) || 0;

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('the order of the live queue (compareQueue)', () => {
  const pinned = aQuestion('pinned', { votes: 0 }, 50);
  const handFirst = aQuestion('hand-1', { position: 1, votes: 0 }, 40);
  const handSecond = aQuestion('hand-2', { position: 2, votes: 9 }, 1);
  const popular = aQuestion('popular', { votes: 7 }, 30);
  const olderTie = aQuestion('older-tie', { votes: 3 }, 5);
  const newerTie = aQuestion('newer-tie', { votes: 3 }, 6);
  const sameTimeA = aQuestion('same-a', { votes: 1 }, 10);
  const sameTimeB = aQuestion('same-b', { votes: 1 }, 10);
  const expected = ['pinned', 'hand-1', 'hand-2', 'popular', 'older-tie', 'newer-tie', 'same-a', 'same-b'];
  const all = [sameTimeB, newerTie, popular, handSecond, pinned, sameTimeA, olderTie, handFirst];

  it('puts the question being answered first, then the hand order, then most votes, then oldest, then id', () => {
    expect([...all].sort(compareQueue('pinned')).map((q) => q.id)).toEqual(expected);
  });

  it('follows votes alone once nothing is pinned or placed by hand', () => {
    const plain = [olderTie, popular, sameTimeA, newerTie];
    expect(plain.sort(compareQueue(undefined)).map((q) => q.id)).toEqual([
      'popular',
      'older-tie',
      'newer-tie',
      'same-a',
    ]);
  });

  it('gives the same order whatever order the questions arrive in', () => {
    const sample = [pinned, handFirst, popular, olderTie, newerTie, sameTimeA, sameTimeB];
    const orders = new Set(
      permutations(sample).map((p) =>
        p
          .sort(compareQueue('pinned'))
          .map((q) => q.id)
          .join(),
      ),
    );
    expect([...orders]).toEqual([expected.filter((id) => id !== 'hand-2').join()]);
  });

  it('orders any two different questions one way, consistently and transitively', () => {
    const compare = compareQueue('pinned');
    for (const a of all) {
      for (const b of all) {
        if (a === b) continue;
        expect(compare(a, b)).not.toBe(0);
        expect(sign(compare(a, b))).toBe(-sign(compare(b, a)));
        for (const c of all) {
          if (compare(a, b) < 0 && compare(b, c) < 0) expect(compare(a, c)).toBeLessThan(0);
        }
      }
    }
  });

  // Array.prototype.sort needs a consistent comparator, and a consistent comparator says a == a.
  it('compares every question as equal to itself, the one being answered too', () => {
    const compare = compareQueue('pinned');
    expect(all.map((q) => [q.id, sign(compare(q, q))])).toEqual(all.map((q) => [q.id, 0]));
  });
});

describe('who sees a question (isVisibleTo)', () => {
  // What each reader sees, by state: hosts (whatever their key), the asker, another participant, and the
  // public view live events carry (no reader).
  const rule: Record<QuestionState, { host: boolean; asker: boolean; other: boolean; nobody: boolean }> = {
    pending: { host: true, asker: true, other: false, nobody: false },
    open: { host: true, asker: true, other: true, nobody: true },
    answered: { host: true, asker: true, other: true, nobody: true },
    dismissed: { host: true, asker: true, other: false, nobody: false },
    withdrawn: { host: false, asker: false, other: false, nobody: false },
    'carried-over': { host: true, asker: true, other: true, nobody: true },
  };
  const cases = QUESTION_STATES.flatMap((state) =>
    (
      [
        ['a host', 'host', OTHER_KEY, rule[state].host],
        ['a host with no key', 'host', null, rule[state].host],
        ['the asker', 'participant', ASKER.key, rule[state].asker],
        ['another participant', 'participant', OTHER_KEY, rule[state].other],
        ['the public view', 'participant', null, rule[state].nobody],
      ] as [string, QnaRole, string | null, boolean][]
    ).map(([who, role, key, seen]) => [state, who, role, key, seen] as const),
  );

  it.each(cases)('a %s question: %s sees it: %s', (state, _who, role, key, seen) => {
    expect(isVisibleTo(aQuestion('q', { state }), role, key)).toBe(seen);
  });

  it('lets the asker of an anonymous question see it while it is pending', () => {
    expect(isVisibleTo(anAnonymousQuestion('q', { state: 'pending' }), 'participant', ASKER.key)).toBe(true);
  });
});

describe("a reader's view of a question (toQuestionView)", () => {
  const voters = { [VOTER_KEY]: '2026-12-01T12:05:00.000Z', [ASKER.key]: '2026-12-01T12:06:00.000Z' };
  const readers: [string, string | null][] = [
    ['the public', null],
    ['the asker', ASKER.key],
    ['a voter', VOTER_KEY],
    ['a host', OTHER_KEY],
  ];

  it.each(readers)('gives %s nothing that identifies the asker of an anonymous question', (_who, readerKey) => {
    const question = anAnonymousQuestion('q', { votes: 2, voters });
    const view = toQuestionView(question, aQueue(), readerKey);
    const json = JSON.stringify(view);
    expect(view.askedBy).toBeNull();
    expect(view.anonymous).toBe(true);
    for (const secret of [ASKER.userId, ASKER.displayName, ASKER.key, VOTER_KEY]) expect(json).not.toContain(secret);
    for (const field of ['author', 'authorKey', 'voters']) expect(Object.keys(view)).not.toContain(field);
  });

  it('hides the author even of an anonymous question that wrongly still carries one', () => {
    const question = { ...aQuestion('q'), anonymous: true };
    const json = JSON.stringify(toQuestionView(question, null, OTHER_KEY));
    expect(json).not.toContain(ASKER.userId);
    expect(json).not.toContain(ASKER.displayName);
  });

  it("names the asker of a named question by display name only: never their id, key or the voters' keys", () => {
    const view = toQuestionView(aQuestion('q', { votes: 2, voters }), null, OTHER_KEY);
    expect(view.askedBy).toBe(ASKER.displayName);
    const json = JSON.stringify(view);
    for (const secret of [ASKER.userId, ASKER.key, VOTER_KEY]) expect(json).not.toContain(secret);
  });

  it('tells each reader only about themselves: votedByMe, mine and canEdit', () => {
    const question = anAnonymousQuestion('q', { votes: 1, voters: { [VOTER_KEY]: '2026-12-01T12:05:00.000Z' } });
    const flags = (key: string | null) => {
      const { votedByMe, mine, canEdit } = toQuestionView(question, null, key);
      return { votedByMe, mine, canEdit };
    };
    expect(flags(ASKER.key)).toEqual({ votedByMe: false, mine: true, canEdit: true });
    expect(flags(VOTER_KEY)).toEqual({ votedByMe: true, mine: false, canEdit: false });
    expect(flags(OTHER_KEY)).toEqual({ votedByMe: false, mine: false, canEdit: false });
    expect(flags(null)).toEqual({ votedByMe: false, mine: false, canEdit: false });
  });

  it.each([
    ['pending', true],
    ['open', true],
    ['answered', false],
    ['dismissed', false],
    ['carried-over', false],
  ] as [QuestionState, boolean][])('lets the asker edit a %s question: %s', (state, canEdit) => {
    expect(toQuestionView(aQuestion('q', { state }), null, ASKER.key).canEdit).toBe(canEdit);
  });

  it('marks the question being answered as pinned, shows its hand position, and only the session it moved to', () => {
    const question = aQuestion('q', {
      position: 2,
      carriedTo: { sessionId: 'session-2', questionId: 'q~session-2' },
      carriedFrom: { sessionId: 'session-0', questionId: 'q0' },
    });
    const view = toQuestionView(question, aQueue({ nowAnswering: 'q' }), null);
    expect(view).toMatchObject({
      pinned: true,
      position: 2,
      carriedTo: { sessionId: 'session-2' },
      carriedFrom: { sessionId: 'session-0' },
    });
    expect(JSON.stringify(view)).not.toContain('q~session-2');
    expect(toQuestionView(aQuestion('r'), aQueue({ nowAnswering: 'q' }), null)).toMatchObject({
      pinned: false,
      position: null,
      carriedTo: null,
    });
  });
});

describe('the queue and the archive as one reader sees them (arrangeQueue)', () => {
  const questions = [
    aQuestion('open-few', { votes: 1 }, 1),
    aQuestion('open-many', { votes: 5, authorKey: OTHER_KEY }, 2),
    aQuestion('pinned', { votes: 0, authorKey: OTHER_KEY }, 3),
    aQuestion('pending-mine', { state: 'pending' }, 4),
    aQuestion('pending-theirs', { state: 'pending', authorKey: OTHER_KEY }, 5),
    aQuestion('answered-early', { state: 'answered', updatedAt: '2026-12-01T12:10:00.000Z' }, 6),
    aQuestion('answered-late', { state: 'answered', updatedAt: '2026-12-01T12:20:00.000Z' }, 7),
    aQuestion('carried', { state: 'carried-over', updatedAt: '2026-12-01T12:15:00.000Z' }, 8),
    aQuestion('dismissed-mine', { state: 'dismissed', updatedAt: '2026-12-01T12:12:00.000Z' }, 9),
    aQuestion(
      'dismissed-theirs',
      { state: 'dismissed', authorKey: OTHER_KEY, updatedAt: '2026-12-01T12:25:00.000Z' },
      10,
    ),
    aQuestion('withdrawn', { state: 'withdrawn', updatedAt: '2026-12-01T12:29:00.000Z' }, 11),
  ];
  const queue = aQueue({ nowAnswering: 'pinned' });
  const ids = (views: readonly { id: string }[]) => views.map((v) => v.id);

  it('shows a participant the live queue in order with their own pending question, and the archive newest first', () => {
    const arranged = arrangeQueue(questions, queue, 'participant', ASKER.key);
    expect(ids(arranged.questions)).toEqual(['pinned', 'open-many', 'open-few', 'pending-mine']);
    expect(ids(arranged.archive)).toEqual(['answered-late', 'carried', 'dismissed-mine', 'answered-early']);
  });

  it("shows another participant neither someone else's pending nor dismissed questions", () => {
    const arranged = arrangeQueue(questions, queue, 'participant', VOTER_KEY);
    expect(ids(arranged.questions)).toEqual(['pinned', 'open-many', 'open-few']);
    expect(ids(arranged.archive)).toEqual(['answered-late', 'carried', 'answered-early']);
  });

  it('shows hosts every pending and dismissed question, and nobody a withdrawn one', () => {
    const arranged = arrangeQueue(questions, queue, 'host', VOTER_KEY);
    expect(ids(arranged.questions)).toEqual(['pinned', 'open-many', 'open-few', 'pending-mine', 'pending-theirs']);
    expect(ids(arranged.archive)).toEqual([
      'dismissed-theirs',
      'answered-late',
      'carried',
      'dismissed-mine',
      'answered-early',
    ]);
  });
});

describe('the asker rewording (applyEdit) and withdrawing (applyWithdraw)', () => {
  it('rewords a waiting question, bumping its revision', () => {
    for (const state of ['open', 'pending'] as const) {
      const { next } = applyEdit(aQuestion('q', { state }), ASKER.key, 'Reworded?', NOW);
      expect(next).toMatchObject({ text: 'Reworded?', state, updatedAt: NOW.toISOString(), revision: 2 });
    }
  });

  it('writes nothing when the text is the same', () => {
    const question = aQuestion('q');
    expect(applyEdit(question, ASKER.key, question.text, NOW).next).toBe(question);
  });

  it('lets nobody but the asker reword or withdraw', () => {
    expect(() => applyEdit(aQuestion('q'), OTHER_KEY, 'Mine now', NOW)).toThrow(Forbidden);
    expect(() => applyWithdraw(aQuestion('q'), OTHER_KEY, NOW)).toThrow(Forbidden);
  });

  it.each(['answered', 'dismissed', 'withdrawn', 'carried-over'] as const)(
    'refuses to reword a %s question',
    (state) => {
      expect(() => applyEdit(aQuestion('q', { state }), ASKER.key, 'Too late', NOW)).toThrow(Conflict);
    },
  );

  it('withdraws a waiting question and drops its hand position', () => {
    for (const state of ['open', 'pending'] as const) {
      const { next } = applyWithdraw(aQuestion('q', { state, position: 1 }), ASKER.key, NOW);
      expect(next).toMatchObject({ state: 'withdrawn', updatedAt: NOW.toISOString(), revision: 2 });
      expect(next.position).toBeUndefined();
    }
  });

  it('treats withdrawing twice as one withdrawal', () => {
    const withdrawn = aQuestion('q', { state: 'withdrawn' });
    expect(applyWithdraw(withdrawn, ASKER.key, NOW).next).toBe(withdrawn);
  });

  it.each(['answered', 'dismissed', 'carried-over'] as const)('refuses to withdraw a %s question', (state) => {
    expect(() => applyWithdraw(aQuestion('q', { state }), ASKER.key, NOW)).toThrow(/can no longer be withdrawn/);
  });
});

describe("a host's moderation (applyModeration)", () => {
  type Action = 'approve' | 'dismiss' | 'restore' | 'answer' | 'reopen';
  // For each action, from each state: the state it leads to, 'same' (a harmless repeat), or 'refused'.
  const transitions: Record<Action, Record<QuestionState, QuestionState | 'same' | 'refused'>> = {
    approve: {
      pending: 'open',
      open: 'same',
      answered: 'refused',
      dismissed: 'refused',
      withdrawn: 'refused',
      'carried-over': 'refused',
    },
    dismiss: {
      pending: 'dismissed',
      open: 'dismissed',
      answered: 'refused',
      dismissed: 'same',
      withdrawn: 'refused',
      'carried-over': 'refused',
    },
    restore: {
      pending: 'refused',
      open: 'same',
      answered: 'refused',
      dismissed: 'open',
      withdrawn: 'refused',
      'carried-over': 'refused',
    },
    answer: {
      pending: 'answered',
      open: 'answered',
      answered: 'same',
      dismissed: 'refused',
      withdrawn: 'refused',
      'carried-over': 'refused',
    },
    reopen: {
      pending: 'refused',
      open: 'same',
      answered: 'open',
      dismissed: 'refused',
      withdrawn: 'refused',
      'carried-over': 'refused',
    },
  };
  const cases = (Object.keys(transitions) as Action[]).flatMap((action) =>
    QUESTION_STATES.map((from) => [action, from, transitions[action][from]] as const),
  );

  it.each(cases)('%s a %s question: %s', (action, from, outcome) => {
    const question = aQuestion('q', { state: from });
    if (outcome === 'refused') {
      expect(() => applyModeration(question, action, HOST, NOW)).toThrow(Conflict);
    } else if (outcome === 'same') {
      expect(applyModeration(question, action, HOST, NOW).next).toBe(question);
    } else {
      const { next } = applyModeration(question, action, HOST, NOW);
      expect(next).toMatchObject({ state: outcome, updatedAt: NOW.toISOString(), revision: 2 });
    }
  });

  it.each(cases.filter(([, , outcome]) => outcome !== 'refused' && outcome !== 'same'))(
    '%s a %s question twice changes it once',
    (action, from) => {
      const once = applyModeration(aQuestion('q', { state: from }), action, HOST, NOW).next;
      expect(applyModeration(once, action, HOST, new Date(NOW.getTime() + 1000)).next).toBe(once);
    },
  );

  it("records a written answer in the host's own name and takes the question out of the hand order", () => {
    const { next } = applyModeration(aQuestion('q', { position: 1 }), 'answer', HOST, NOW, 'See the wiki.');
    expect(next.state).toBe('answered');
    expect(next.answer).toEqual({ text: 'See the wiki.', answeredBy: 'Fran Facilitator', at: NOW.toISOString() });
    expect(next.position).toBeUndefined();
  });

  it('answers aloud (no written answer) without inventing one', () => {
    const { next } = applyModeration(aQuestion('q', { position: 3 }), 'answer', HOST, NOW);
    expect(next.state).toBe('answered');
    expect(next.answer).toBeUndefined();
    expect(next.position).toBeUndefined();
  });

  it('keeps an answer given again with the same text, and lets another host correct it', () => {
    const answered = applyModeration(aQuestion('q'), 'answer', HOST, NOW, 'See the wiki.').next;
    expect(applyModeration(answered, 'answer', { displayName: 'Gina Guest' }, NOW, 'See the wiki.').next).toBe(
      answered,
    );
    expect(applyModeration(answered, 'answer', HOST, NOW).next).toBe(answered);
    const later = new Date(NOW.getTime() + 60_000);
    const corrected = applyModeration(answered, 'answer', { displayName: 'Gina Guest' }, later, 'See page 2.').next;
    expect(corrected.answer).toEqual({ text: 'See page 2.', answeredBy: 'Gina Guest', at: later.toISOString() });
    expect(corrected.revision).toBe(answered.revision + 1);
  });

  it('takes a dismissed question out of the hand order', () => {
    expect(applyModeration(aQuestion('q', { position: 2 }), 'dismiss', HOST, NOW).next.position).toBeUndefined();
  });
});

describe('pinning the question being answered (applyPin, applyUnpin)', () => {
  it('pins an open question, replacing the one pinned before', () => {
    const { next } = applyPin(aQueue({ nowAnswering: 'before' }), aQuestion('q'), NOW);
    expect(next).toMatchObject({ nowAnswering: 'q', updatedAt: NOW.toISOString(), revision: 4 });
  });

  it('writes nothing when the question is already pinned', () => {
    const queue = aQueue({ nowAnswering: 'q' });
    expect(applyPin(queue, aQuestion('q'), NOW).next).toBe(queue);
  });

  it.each(['pending', 'answered', 'dismissed', 'withdrawn', 'carried-over'] as const)(
    'refuses to pin a %s question',
    (state) => {
      expect(() => applyPin(aQueue(), aQuestion('q', { state }), NOW)).toThrow(Conflict);
    },
  );

  it('unpins the pinned question', () => {
    const { next } = applyUnpin(aQueue({ nowAnswering: 'q' }), 'q', NOW);
    expect(next.nowAnswering).toBeUndefined();
    expect(next.revision).toBe(4);
  });

  it('leaves another pinned question where it is', () => {
    const queue = aQueue({ nowAnswering: 'other' });
    expect(applyUnpin(queue, 'q', NOW).next).toBe(queue);
  });
});

describe('checking a hand order (validateOrder)', () => {
  const questions = [
    aQuestion('open'),
    aQuestion('pending', { state: 'pending' }),
    aQuestion('answered', { state: 'answered' }),
    aQuestion('withdrawn', { state: 'withdrawn' }),
  ];

  it('accepts the waiting questions in any order', () => {
    expect(() => validateOrder(['pending', 'open'], questions)).not.toThrow();
  });

  it.each([
    ['an answered question', ['open', 'answered'], 'questionIds.1'],
    ['a withdrawn question', ['withdrawn'], 'questionIds.0'],
    ['an unknown id', ['open', 'pending', 'nope'], 'questionIds.2'],
  ])('refuses %s, naming its place in the list', (_case, order, path) => {
    let error: unknown;
    try {
      validateOrder(order, questions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).fields).toEqual([{ path, message: 'is not a question waiting in this queue' }]);
  });
});

describe('CSV cells (csvCell)', () => {
  it.each([
    ['=', '=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+', '+1 555 0100', "'+1 555 0100"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@cmd', "'@cmd"],
    ['tab', '\t=1+1', "'\t=1+1"],
    ['carriage return', '\r=1+1', `"'\r=1+1"`],
  ])('defuses a cell starting with %s so a spreadsheet shows it as text', (_char, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes a formula that also needs quoting, doubling its quotes', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('quotes cells with commas, quotes or line breaks', () => {
    expect(csvCell('one, two')).toBe('"one, two"');
    expect(csvCell('say "why"')).toBe('"say ""why"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
  });

  it('leaves plain text, numbers and formula characters inside the text as they are', () => {
    expect(csvCell('Why is a=b?')).toBe('Why is a=b?');
    expect(csvCell(12)).toBe('12');
  });
});

describe('the CSV export (questionsCsv)', () => {
  const questions = [
    anAnonymousQuestion('anon', { text: 'Is the reorg real?', votes: 4, voters: { [VOTER_KEY]: 'x' } }),
    aQuestion('named', {
      text: '=cmd|calc',
      state: 'answered',
      votes: 2,
      answer: { text: 'No, it is not.', answeredBy: 'Fran Facilitator', at: '2026-12-01T12:20:00.000Z' },
    }),
    aQuestion('gone', { text: 'Never mind', state: 'withdrawn', votes: 9 }),
  ];
  const csv = questionsCsv(questions, null);
  const lines = csv.split('\r\n');

  it('writes a header and one row per question, most voted first, with CRLF line ends', () => {
    expect(lines[0]).toBe('question,asked by,state,votes,asked at,answer,answered by,answered at');
    expect(lines.slice(1)).toEqual([
      'Is the reorg real?,Anonymous,open,4,2026-12-01T12:00:00.000Z,,,',
      '\'=cmd|calc,Asha Asker,answered,2,2026-12-01T12:00:00.000Z,"No, it is not.",Fran Facilitator,2026-12-01T12:20:00.000Z',
      '',
    ]);
  });

  it('shows anonymous askers as "Anonymous", and never an author key, voter key or user id', () => {
    for (const secret of [ASKER.key, VOTER_KEY, ASKER.userId]) expect(csv).not.toContain(secret);
    const anonymousRow = lines.find((line) => line.startsWith('Is the reorg real?'));
    expect(anonymousRow).toContain(',Anonymous,');
    expect(anonymousRow).not.toContain(ASKER.displayName);
  });

  it('leaves withdrawn questions out', () => {
    expect(csv).not.toContain('Never mind');
  });
});
