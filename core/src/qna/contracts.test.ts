import type { z } from 'zod';
import { ValidationFailed, type FieldProblem } from '../shared/errors';
import { parseInput } from '../shared/validation';
import {
  ANSWER_MAX_LENGTH,
  askQuestionInput,
  editQuestionInput,
  moderateQuestionInput,
  QUESTION_MAX_LENGTH,
  queueSettingsInput,
  reorderQuestionsInput,
} from './contracts';

/** The field problems a refused input reports; fails the test when the input is accepted. */
function problems(schema: z.ZodType, input: unknown): FieldProblem[] {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof ValidationFailed) return [...error.fields];
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe('asking a question (askQuestionInput)', () => {
  it('trims the space around the text', () => {
    expect(parseInput(askQuestionInput, { text: '   How do you plan a quarter?  \n ' }).text).toBe(
      'How do you plan a quarter?',
    );
  });

  it('replaces control characters with spaces but keeps line breaks, writing every break as \\n', () => {
    const typed = 'One\u0000two\u0007three\tfour\u001bfive\u007fsix\u0085seven\r\neight\rnine\nten';
    expect(parseInput(askQuestionInput, { text: typed }).text).toBe(
      'One two three four five six seven\neight\nnine\nten',
    );
  });

  it('keeps markup exactly as typed (it is shown as text everywhere)', () => {
    expect(parseInput(askQuestionInput, { text: '<b>Why</b> **this**?' }).text).toBe('<b>Why</b> **this**?');
  });

  it('accepts 500 characters, counted after trimming, and refuses 501 naming the field', () => {
    const longest = 'x'.repeat(QUESTION_MAX_LENGTH);
    expect(QUESTION_MAX_LENGTH).toBe(500);
    expect(parseInput(askQuestionInput, { text: `  ${longest}  ` }).text).toBe(longest);
    expect(problems(askQuestionInput, { text: `${longest}y` })).toEqual([
      { path: 'text', message: 'must be at most 500 characters' },
    ]);
  });

  it.each([
    ['an empty text', ''],
    ['only spaces and line breaks', '  \n \r\n  '],
    ['only control characters', '\u0000\u0007\t'],
  ])('refuses %s as empty, naming the field', (_case, text) => {
    expect(problems(askQuestionInput, { text })).toEqual([{ path: 'text', message: 'must not be empty' }]);
  });

  it('refuses a missing or non-text question, naming the field', () => {
    expect(problems(askQuestionInput, {})).toEqual([{ path: 'text', message: 'is required' }]);
    expect(problems(askQuestionInput, { text: 42 }).map((p) => p.path)).toEqual(['text']);
  });

  it('asks by name unless anonymity is chosen, from the panel unless said otherwise', () => {
    expect(parseInput(askQuestionInput, { text: 'Hi?' })).toEqual({ text: 'Hi?', anonymous: false, source: 'panel' });
    expect(parseInput(askQuestionInput, { text: 'Hi?', anonymous: true, source: 'bot' })).toEqual({
      text: 'Hi?',
      anonymous: true,
      source: 'bot',
    });
  });

  it('refuses an anonymity flag that is not a boolean, naming the field', () => {
    expect(problems(askQuestionInput, { text: 'Hi?', anonymous: 'yes' })).toEqual([
      { path: 'anonymous', message: 'must be true or false' },
    ]);
  });

  it('refuses an unknown source, naming the field', () => {
    expect(problems(askQuestionInput, { text: 'Hi?', source: 'email' }).map((p) => p.path)).toEqual(['source']);
  });

  it('refuses unknown fields (an asker cannot set their own author or state), naming them', () => {
    const refused = problems(askQuestionInput, { text: 'Hi?', authorKey: 'abc', state: 'answered' });
    expect(refused).toHaveLength(1);
    expect(refused[0]!.path).toBe('');
    expect(refused[0]!.message).toMatch(/authorKey/);
    expect(refused[0]!.message).toMatch(/state/);
  });

  it('names every invalid field at once', () => {
    expect(
      problems(askQuestionInput, { text: '', anonymous: 1 })
        .map((p) => p.path)
        .sort(),
    ).toEqual(['anonymous', 'text']);
  });
});

describe('rewording a question (editQuestionInput)', () => {
  it('cleans the text like a new question', () => {
    expect(parseInput(editQuestionInput, { text: ' Better\u0000worded\r\nnow ' })).toEqual({
      text: 'Better worded\nnow',
    });
  });

  it('refuses an empty or over-long text, naming the field', () => {
    expect(problems(editQuestionInput, { text: ' ' })).toEqual([{ path: 'text', message: 'must not be empty' }]);
    expect(problems(editQuestionInput, { text: 'x'.repeat(501) })).toEqual([
      { path: 'text', message: 'must be at most 500 characters' },
    ]);
  });

  it('refuses turning a question anonymous (or named) by editing it', () => {
    const refused = problems(editQuestionInput, { text: 'Hi?', anonymous: true });
    expect(refused).toHaveLength(1);
    expect(refused[0]!.message).toMatch(/anonymous/);
  });
});

describe("a host's moderation (moderateQuestionInput)", () => {
  it('takes a written answer with the action "answer", cleaned like a question', () => {
    expect(parseInput(moderateQuestionInput, { action: 'answer', answer: '  See the\r\nwiki\u0000page ' })).toEqual({
      action: 'answer',
      answer: 'See the\nwiki page',
    });
    expect(parseInput(moderateQuestionInput, { action: 'answer' })).toEqual({ action: 'answer' });
  });

  it.each(['approve', 'dismiss', 'restore', 'pin', 'unpin', 'reopen'])(
    'refuses a written answer with the action "%s", naming the answer field',
    (action) => {
      expect(problems(moderateQuestionInput, { action, answer: 'Because.' })).toEqual([
        { path: 'answer', message: 'goes only with the action "answer"' },
      ]);
    },
  );

  it('refuses an unknown action, naming the field and the actions there are', () => {
    const refused = problems(moderateQuestionInput, { action: 'delete' });
    expect(refused).toHaveLength(1);
    expect(refused[0]!.path).toBe('action');
    expect(refused[0]!.message).toMatch(/approve, dismiss, restore, pin, unpin, answer, reopen/);
  });

  it('limits a written answer to 4000 characters and refuses an empty one', () => {
    expect(ANSWER_MAX_LENGTH).toBe(4000);
    expect(parseInput(moderateQuestionInput, { action: 'answer', answer: 'a'.repeat(4000) }).answer).toHaveLength(4000);
    expect(problems(moderateQuestionInput, { action: 'answer', answer: 'a'.repeat(4001) })).toEqual([
      { path: 'answer', message: 'must be at most 4000 characters' },
    ]);
    expect(problems(moderateQuestionInput, { action: 'answer', answer: '   ' })).toEqual([
      { path: 'answer', message: 'must not be empty' },
    ]);
  });

  it('refuses unknown fields', () => {
    expect(problems(moderateQuestionInput, { action: 'approve', state: 'answered' })[0]!.message).toMatch(/state/);
  });
});

describe('queue settings (queueSettingsInput)', () => {
  it('needs moderation said as true or false', () => {
    expect(parseInput(queueSettingsInput, { moderated: true })).toEqual({ moderated: true });
    expect(problems(queueSettingsInput, {})).toEqual([{ path: 'moderated', message: 'must be true or false' }]);
    expect(problems(queueSettingsInput, { moderated: 'on' })).toEqual([
      { path: 'moderated', message: 'must be true or false' },
    ]);
  });
});

describe('the hand order (reorderQuestionsInput)', () => {
  it('accepts distinct ids in order, trimmed, and an empty list', () => {
    expect(parseInput(reorderQuestionsInput, { questionIds: [' q3 ', 'q1'] })).toEqual({ questionIds: ['q3', 'q1'] });
    expect(parseInput(reorderQuestionsInput, { questionIds: [] })).toEqual({ questionIds: [] });
  });

  it('refuses a question listed twice, naming the list', () => {
    expect(problems(reorderQuestionsInput, { questionIds: ['q1', 'q2', 'q1'] })).toEqual([
      { path: 'questionIds', message: 'lists a question twice' },
    ]);
  });

  it('sees through surrounding space when looking for duplicates', () => {
    expect(problems(reorderQuestionsInput, { questionIds: ['q1', ' q1'] })).toEqual([
      { path: 'questionIds', message: 'lists a question twice' },
    ]);
  });

  it('names the position of an empty id', () => {
    expect(problems(reorderQuestionsInput, { questionIds: ['q1', '  '] })).toEqual([
      { path: 'questionIds.1', message: 'is required' },
    ]);
  });

  it('refuses more than 200 questions', () => {
    const ids = Array.from({ length: 201 }, (_, i) => `q${i}`);
    expect(problems(reorderQuestionsInput, { questionIds: ids })).toEqual([
      { path: 'questionIds', message: 'at most 200 questions' },
    ]);
  });
});
