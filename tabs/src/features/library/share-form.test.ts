import { emptyShareForm, isShareFormErrors, splitWords, toShareFormErrors, toShareInput } from './share-form';

describe('the share form', () => {
  it('asks for a title and a link for files and pages, and sends nothing else', () => {
    const result = toShareInput({ ...emptyShareForm('p-eng'), kind: 'presentation' });
    expect(isShareFormErrors(result) && result.byField).toEqual({
      title: 'Give it a title.',
      url: 'Add the link to the file or page.',
    });
  });

  it('refuses a link that is not a web address', () => {
    for (const url of ['javascript:alert(1)', 'file:///c:/secrets.txt', 'contoso.sharepoint.com/x']) {
      const result = toShareInput({ ...emptyShareForm('p-eng'), title: 'Slides', url });
      expect(isShareFormErrors(result) && result.byField.url).toBe(
        'Use a web address starting with https:// or http://.',
      );
    }
  });

  it('asks tips and notes for their text instead of a link', () => {
    const result = toShareInput({
      ...emptyShareForm('p-eng'),
      kind: 'tip-list',
      title: 'Tips',
      url: 'https://x.example',
    });
    expect(isShareFormErrors(result) && result.byField).toEqual({ body: 'Write the tips or notes.' });
  });

  it('builds the request: trimmed text, the cohort when chosen, tags and skills as distinct lower-case words', () => {
    const result = toShareInput({
      ...emptyShareForm('p-eng', 'c-1'),
      kind: 'tip-list',
      title: '  Tips for week one ',
      body: '- Write it down\n',
      url: 'https://ignored.example',
      tags: 'Onboarding, service desk,, onboarding',
      skills: 'Ticketing',
    });
    expect(result).toEqual({
      programId: 'p-eng',
      cohortId: 'c-1',
      kind: 'tip-list',
      title: 'Tips for week one',
      summary: '',
      body: '- Write it down',
      tags: ['onboarding', 'service desk'],
      skills: ['ticketing'],
    });
  });

  it('limits tags to ten', () => {
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}`).join(',');
    const result = toShareInput({ ...emptyShareForm('p-eng'), title: 'x', url: 'https://x.example', tags });
    expect(isShareFormErrors(result) && result.byField.tags).toBe('Use at most 10 tags.');
    expect(splitWords(' A ,b;c\nA ')).toEqual(['a', 'b', 'c']);
  });

  it('places the API field errors on their fields, and keeps the others apart', () => {
    expect(
      toShareFormErrors([
        { path: 'url', message: 'must be a web address starting with https:// or http://' },
        { path: 'tags.3', message: 'must be at most 40 characters' },
        { path: 'sessionId', message: 'no session with this id' },
      ]),
    ).toEqual({
      byField: {
        url: 'Must be a web address starting with https:// or http://.',
        tags: 'Must be at most 40 characters.',
      },
      other: ['sessionId no session with this id'],
    });
  });
});
