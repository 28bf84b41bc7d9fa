import type { QnaSessionChoice } from '@peerloop/core';
import { addToQnaCard } from './add-to-qna-card';

const session = (id: string, title: string, timing: QnaSessionChoice['timing']): QnaSessionChoice => ({
  id,
  cohortId: 'c1',
  title,
  kind: 'fireside-chat',
  startsAt: '2026-12-01T12:00:00.000Z',
  endsAt: '2026-12-01T13:00:00.000Z',
  timing,
});

const inputs = (card: { body: object[] }) =>
  Object.fromEntries(
    JSON.parse(JSON.stringify(card.body))
      .filter((item: { id?: string }) => item.id)
      .map((item: { id: string }) => [item.id, item]),
  );

describe('the "Add to Q&A" task module', () => {
  const sessions = [
    session('now', 'Fireside chat: the outage', 'in-progress'),
    session('later', '**Book** club', 'starting-soon'),
  ];

  it('prefills the question, offers the sessions (the first chosen) and the anonymity choice, explained', () => {
    const card = addToQnaCard('How do you pick what to automate?', sessions);
    const fields = inputs(card);
    expect(fields.text).toMatchObject({
      type: 'Input.Text',
      value: 'How do you pick what to automate?',
      maxLength: 500,
    });
    expect(fields.sessionId).toMatchObject({
      type: 'Input.ChoiceSet',
      value: 'now',
      choices: [
        { title: 'Fireside chat: the outage (now)', value: 'now' },
        { title: '**Book** club (starting soon)', value: 'later' },
      ],
    });
    expect(fields.anonymous).toMatchObject({
      type: 'Input.Toggle',
      title: 'Ask anonymously',
      valueOn: 'true',
      valueOff: 'false',
    });
    expect(JSON.stringify(card)).toContain('Nobody sees who asked an anonymous question');
    expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Add to Q&A', style: 'positive' }]);
    expect(JSON.stringify(card)).toContain('"type":"TextRun","text":"**Book** club"');
  });

  it('shortens a long message to the question limit without splitting a character, and says so', () => {
    const card = addToQnaCard(`${'a'.repeat(499)}✓${'😀'.repeat(10)}`, sessions);
    const value = inputs(card).text.value as string;
    expect(value).toBe(`${'a'.repeat(499)}✓`);
    expect(JSON.stringify(card)).toContain('so it was shortened');
    const surrogate = addToQnaCard(`${'a'.repeat(499)}😀`, sessions);
    expect(inputs(surrogate).text.value).toBe('a'.repeat(499));
  });
});
