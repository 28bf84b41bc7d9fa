import { parseAsk } from './qna-chat';

describe('reading "ask"', () => {
  it('takes the question as typed, and "anonymously" first as the choice to ask anonymously', () => {
    expect(parseAsk('How do you Triage?')).toEqual({ anonymous: false, question: 'How do you Triage?' });
    expect(parseAsk('Anonymously  What   if I disagree?')).toEqual({
      anonymous: true,
      question: 'What   if I disagree?',
    });
    expect(parseAsk('anonymously')).toEqual({ anonymous: true, question: '' });
    expect(parseAsk('anonymous-ish question')).toEqual({ anonymous: false, question: 'anonymous-ish question' });
  });
});
