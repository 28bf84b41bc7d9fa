import { NOTHING_CHANGED, editFormValues, isEditFormErrors, toEditInput } from './edit-form';
import { aLibraryItem } from './fake-library-api';

const slides = aLibraryItem({ kind: 'presentation', tags: ['powershell', 'automation'], skills: ['scripting'] });
const tips = aLibraryItem({ kind: 'tip-list', url: undefined, body: '- Write it down', tags: [], skills: [] });

describe('the edit form', () => {
  it('starts from the item: the link of a file, the text of tips, tags and skills as a list', () => {
    expect(editFormValues(slides)).toMatchObject({
      kind: 'presentation',
      title: 'PowerShell for everyday admin work',
      summary: 'Ten scripts that save an hour a week each.',
      url: 'https://contoso.sharepoint.com/slides.pptx',
      body: '',
      tags: 'powershell, automation',
      skills: 'scripting',
    });
    expect(editFormValues(tips)).toMatchObject({ url: '', body: '- Write it down' });
  });

  it('sends only what changed, as the API stores it', () => {
    const values = { ...editFormValues(slides), title: '  PowerShell, week by week ', tags: 'PowerShell, Scripts' };
    expect(toEditInput(slides, values)).toEqual({ title: 'PowerShell, week by week', tags: ['powershell', 'scripts'] });
  });

  it('counts retyped spacing and case in tags as no change, and says so instead of sending an empty edit', () => {
    const values = { ...editFormValues(slides), summary: `${slides.summary}  `, tags: 'POWERSHELL ,automation' };
    const result = toEditInput(slides, values);
    expect(isEditFormErrors(result) && result.other).toEqual([NOTHING_CHANGED]);
  });

  it('checks changed fields as the share form does, and never blames a field left as it was', () => {
    const old = aLibraryItem({ url: 'https://team@contoso.example/slides' });
    const cleared = toEditInput(old, { ...editFormValues(old), title: '' });
    expect(isEditFormErrors(cleared) && cleared.byField).toEqual({ title: 'Give it a title.' });

    expect(toEditInput(old, { ...editFormValues(old), summary: 'Shorter' })).toEqual({ summary: 'Shorter' });
    const link = toEditInput(old, { ...editFormValues(old), url: 'intranet/other' });
    expect(isEditFormErrors(link) && link.byField).toEqual({
      url: 'Use a web address starting with https:// or http://.',
    });
  });

  it('edits the text of tips, never their kind or scope', () => {
    const values = { ...editFormValues(tips), kind: 'link' as const, cohortId: 'c-9', body: '- Write it down\n- Ask' };
    expect(toEditInput(tips, values)).toEqual({ body: '- Write it down\n- Ask' });
  });
});
