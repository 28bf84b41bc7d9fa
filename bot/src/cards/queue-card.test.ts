import type { QuestionView } from '@peerloop/core';
import { queueCard, type QueueCardQueue } from './queue-card';

/** A question as a reader sees it; fields overridden per test. */
function aQuestion(id: string, fields: Partial<QuestionView> = {}): QuestionView {
  return {
    id,
    sessionId: 'fireside-1',
    text: `Question ${id}`,
    anonymous: false,
    askedBy: 'Diego Alvarez',
    state: 'open',
    votes: 0,
    pinned: false,
    position: null,
    answer: null,
    carriedFrom: null,
    carriedTo: null,
    createdAt: '2026-12-01T12:00:00.000Z',
    updatedAt: '2026-12-01T12:00:00.000Z',
    revision: 1,
    votedByMe: false,
    mine: false,
    canEdit: false,
    ...fields,
  };
}

function aQueue(questions: QuestionView[], fields: Partial<QueueCardQueue> = {}): QueueCardQueue {
  return {
    sessionId: 'fireside-1',
    sessionTitle: 'Fireside chat: the outage',
    enabled: true,
    role: 'participant',
    canAsk: true,
    nowAnswering: null,
    questions,
    ...fields,
  };
}

const json = (card: unknown) => JSON.stringify(card);

/** The Action.Execute buttons of a card, as [title, verb, data]. */
function buttons(card: unknown) {
  return [...json(card).matchAll(/"type":"Action\.Execute","title":"([^"]*)","verb":"(\w+)","data":(\{[^}]*\})/g)]
    .filter((m) => m[2] !== 'qnaRefresh')
    .map((m) => [m[1], m[2], JSON.parse(m[3]!)]);
}

describe('the Q&A queue card', () => {
  it('lists questions in queue order with their votes, marks the pinned one and says "Anonymous" for anonymous askers', () => {
    const card = json(
      queueCard(
        aQueue(
          [
            aQuestion('q1', { pinned: true, votes: 1 }),
            aQuestion('q2', { anonymous: true, askedBy: null, votes: 7 }),
            aQuestion('q3', { votes: 2 }),
          ],
          { nowAnswering: 'q1' },
        ),
        { audience: 'everyone' },
      ),
    );
    expect(card.indexOf('Question q1')).toBeLessThan(card.indexOf('Question q2'));
    expect(card.indexOf('Question q2')).toBeLessThan(card.indexOf('Question q3'));
    expect(card.match(/Now answering/g)).toHaveLength(1);
    expect(card.indexOf('Now answering')).toBeLessThan(card.indexOf('Question q1'));
    expect(card).toContain('"text":"Anonymous","isSubtle":true},{"type":"TextRun","text":" · 7 votes"');
    expect(card).toContain('"text":"Diego Alvarez","isSubtle":true},{"type":"TextRun","text":" · 1 vote"');
  });

  it('carries question text and names only in TextRuns, which Teams shows literally', () => {
    const evil = '[Click](https://evil.example) **now** <img src=x onerror=alert(1)>';
    const card = json(
      queueCard(aQueue([aQuestion('q1', { text: evil, askedBy: `${evil} name` })]), { audience: 'reader' }),
    );
    const textBlocks = [...card.matchAll(/"type":"TextBlock","text":"([^"]*)"/g)].map((m) => m[1]);
    for (const text of textBlocks) expect(text).not.toContain('evil.example');
    expect(card).toContain(`"type":"TextRun","text":${JSON.stringify(evil)}`);
    expect(card).toContain(`"type":"TextRun","text":${JSON.stringify(`${evil} name`)}`);
  });

  it('offers Vote, or Take back my vote where the reader voted, naming what the click means', () => {
    const card = queueCard(aQueue([aQuestion('q1'), aQuestion('q2', { votedByMe: true, votes: 1 })]), {
      audience: 'reader',
    });
    expect(buttons(card)).toEqual([
      ['Vote', 'qnaVote', { sessionId: 'fireside-1', questionId: 'q1', vote: true }],
      ['Take back my vote', 'qnaVote', { sessionId: 'fireside-1', questionId: 'q2', vote: false }],
    ]);
    expect(json(card)).toContain('1 vote · you voted');
  });

  it("on the card a whole chat sees: nobody's votes, no host controls, no questions waiting for approval", () => {
    const card = queueCard(
      aQueue(
        [aQuestion('q1', { votedByMe: true }), aQuestion('waiting', { state: 'pending', text: 'Not approved yet' })],
        { role: 'host' },
      ),
      { audience: 'everyone' },
    );
    expect(buttons(card)).toEqual([['Vote', 'qnaVote', { sessionId: 'fireside-1', questionId: 'q1', vote: true }]]);
    expect(json(card)).not.toContain('you voted');
    expect(json(card)).not.toContain('Not approved yet');
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'qnaRefresh', data: { sessionId: 'fireside-1' } },
    });
  });

  it('gives hosts reading their own card Next, naming the question the card shows pinned', () => {
    const host = queueCard(aQueue([aQuestion('q1', { pinned: true })], { role: 'host', nowAnswering: 'q1' }), {
      audience: 'reader',
    });
    expect(buttons(host)).toContainEqual([
      'Answered: next question',
      'qnaNext',
      { sessionId: 'fireside-1', after: 'q1' },
    ]);
    const starting = queueCard(aQueue([aQuestion('q1')], { role: 'host' }), { audience: 'reader' });
    expect(buttons(starting)).toContainEqual([
      'Start with the top question',
      'qnaNext',
      { sessionId: 'fireside-1', after: null },
    ]);
    const participant = queueCard(aQueue([aQuestion('q1')]), { audience: 'reader' });
    expect(json(participant)).not.toContain('qnaNext');
  });

  it('shows a pending question to its reader as waiting, without a vote button; observers get no buttons', () => {
    const card = queueCard(aQueue([aQuestion('mine', { state: 'pending' })]), { audience: 'reader' });
    expect(json(card)).toContain('waiting for approval');
    expect(buttons(card)).toEqual([]);
    const observer = queueCard(aQueue([aQuestion('q1')], { canAsk: false }), { audience: 'reader' });
    expect(buttons(observer)).toEqual([]);
  });

  it('refreshes for the listed people only, when given', () => {
    expect(queueCard(aQueue([]), { audience: 'reader', refreshUserIds: ['29:sam'] }).refresh).toMatchObject({
      userIds: ['29:sam'],
    });
  });

  it('says so when the queue is empty or Q&A is off, and shows a notice literally', () => {
    expect(json(queueCard(aQueue([]), { audience: 'everyone' }))).toContain('No questions yet');
    expect(json(queueCard(aQueue([], { enabled: false }), { audience: 'everyone' }))).toContain('Q&A is off');
    expect(json(queueCard(aQueue([]), { audience: 'reader', notice: 'Nothing changed: **x**' }))).toContain(
      '"type":"TextRun","text":"Nothing changed: **x**","color":"Attention"',
    );
  });

  it('lists the top 10 and counts the rest; stays under 28 KB even with the longest texts and names', () => {
    const long = (i: number) => `${'"<>&\\ ✓ 質問 '.repeat(60)}`.slice(0, 500 - String(i).length) + i;
    const many = Array.from({ length: 40 }, (_, i) =>
      aQuestion(`question-${'x'.repeat(200)}-${i}`, { text: long(i), askedBy: 'N'.repeat(256), votes: 40 - i }),
    );
    const card = queueCard(aQueue(many, { role: 'host', sessionTitle: 'T'.repeat(120) }), {
      audience: 'reader',
      refreshUserIds: ['29:sam'],
    });
    expect(Buffer.byteLength(json(card))).toBeLessThan(28 * 1024);
    expect(buttons(card).filter(([, verb]) => verb === 'qnaVote').length).toBeGreaterThanOrEqual(8);
    expect(json(card)).toMatch(/\d+ more questions in the queue/);
  });
});
