/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import '../../test-support/jsdom-gaps';
import { aCohort, aCohortDetail } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { aLibraryItem, FakeLibraryApi } from './fake-library-api';
import { LibrarySection } from './library-section';

const TITLE = 'PowerShell for everyday admin work';

/** Grace shared the slides (so she may edit them); Ada reads them. */
function setUp(configure: (api: FakeLibraryApi) => void = () => undefined) {
  const api = new FakeLibraryApi();
  api.personas = [...(api.personas ?? []), { userId: 'u-grace', displayName: 'Grace Hopper', title: 'Engineer' }];
  api.libraryItems = [aLibraryItem({ canEdit: true })];
  configure(api);
  return api;
}

async function openEditForm() {
  const dialog = within(await screen.findByRole('dialog', { name: TITLE }));
  fireEvent.click(await dialog.findByRole('button', { name: 'Edit' }));
  return { dialog, form: within(dialog.getByRole('form', { name: 'Edit this item' })) };
}

/** axe-core's WCAG A and AA rules that jsdom can judge (it lays nothing out, so no colour contrast). */
async function axeViolations(element: HTMLElement): Promise<string[]> {
  const { violations } = await axe.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const patches = (api: FakeLibraryApi) => api.requests.filter((r) => r.method === 'PATCH');

describe('editing a library item', () => {
  it('offers no "Edit" to readers who may not change the item', async () => {
    const api = setUp((fake) => {
      fake.libraryItems = [aLibraryItem({ canEdit: false })];
    });
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api);
    const dialog = within(await screen.findByRole('dialog', { name: TITLE }));
    await dialog.findByRole('heading', { name: 'Rating' });
    expect(dialog.queryByRole('button', { name: 'Edit' })).toBeNull();
  });

  it('fills the form with the item, sends only what changed, then shows the new version and its history', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api, 'u-grace');
    const { dialog, form } = await openEditForm();

    const title = form.getByRole('textbox', { name: /Title/ });
    expect(document.activeElement).toBe(title);
    expect(title).toHaveProperty('value', TITLE);
    expect(form.getByRole('textbox', { name: /Summary/ })).toHaveProperty(
      'value',
      'Ten scripts that save an hour a week each.',
    );
    expect(form.getByRole('textbox', { name: /Link/ })).toHaveProperty(
      'value',
      'https://contoso.sharepoint.com/slides.pptx',
    );
    expect(form.getByRole('textbox', { name: /Tags/ })).toHaveProperty('value', 'powershell, automation');
    expect(form.getByRole('textbox', { name: /Skills/ })).toHaveProperty('value', 'scripting');
    expect(form.queryByRole('combobox', { name: /Kind|Share with/ })).toBeNull();
    expect(form.getByText(/Presentation, shared with: Whole program/)).toBeTruthy();
    // The rest of the page waits while the form is open.
    expect(dialog.queryByRole('heading', { name: 'Rating' })).toBeNull();
    expect(await axeViolations(screen.getByRole('dialog'))).toEqual([]);

    fireEvent.change(title, { target: { value: 'PowerShell, week by week' } });
    fireEvent.change(form.getByRole('textbox', { name: /Tags/ }), { target: { value: 'Automation , powershell' } });
    fireEvent.change(form.getByRole('textbox', { name: /Tags/ }), { target: { value: 'powershell,automation' } });
    fireEvent.click(form.getByRole('button', { name: 'Save changes' }));
    expect(form.getByRole('status').textContent).toBe('Saving…');

    const renamed = within(await screen.findByRole('dialog', { name: 'PowerShell, week by week' }));
    expect(patches(api)).toEqual([
      expect.objectContaining({ url: '/api/library/items/li-1', body: { title: 'PowerShell, week by week' } }),
    ]);
    expect(renamed.queryByRole('form', { name: 'Edit this item' })).toBeNull();
    expect(renamed.getByText('Saved. The previous version is kept in the item’s history.')).toBeTruthy();
    expect(document.activeElement).toBe(renamed.getByRole('button', { name: 'Edit' }));
    expect(renamed.getByText('Edited 1 time')).toBeTruthy();
    expect(renamed.getByText(/“PowerShell for everyday admin work” changed by Grace Hopper/)).toBeTruthy();
    // The card behind the dialog follows.
    expect(screen.getByRole('article', { name: 'PowerShell, week by week', hidden: true })).toBeTruthy();

    fireEvent.click(renamed.getByRole('button', { name: 'Edit' }));
    fireEvent.change(renamed.getByRole('textbox', { name: /Summary/ }), { target: { value: 'Ten scripts.' } });
    fireEvent.click(renamed.getByRole('button', { name: 'Save changes' }));
    expect(await renamed.findByText('Edited 2 times')).toBeTruthy();
    expect(patches(api).at(-1)?.body).toEqual({ summary: 'Ten scripts.' });
    expect(renamed.getByText('Ten scripts.')).toBeTruthy();
  });

  it('places the API’s field error on its field and focuses it, keeping what was typed', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api, 'u-grace');
    const { form } = await openEditForm();
    const link = form.getByRole('textbox', { name: /Link/ });
    fireEvent.change(link, { target: { value: 'https://contoso.example/new-slides' } });
    api.answerNext('PATCH /api/library/items/li-1', {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'The request is not valid.',
          fields: [{ path: 'url', message: 'is not reachable from the organisation' }],
        },
      },
    });
    fireEvent.click(form.getByRole('button', { name: 'Save changes' }));

    expect(await form.findByText('Is not reachable from the organisation.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(link));
    expect(link.getAttribute('aria-invalid')).toBe('true');
    expect(link.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(link.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toContain(
      'Is not reachable from the organisation.',
    );
    expect(link).toHaveProperty('value', 'https://contoso.example/new-slides');
    expect(form.getByRole('textbox', { name: /Title/ }).getAttribute('aria-invalid')).not.toBe('true');
    expect(patches(api).map((r) => r.body)).toEqual([{ url: 'https://contoso.example/new-slides' }]);
  });

  it('checks the form first and sends nothing when nothing changed or a required field is empty', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api, 'u-grace');
    const { form } = await openEditForm();

    fireEvent.click(form.getByRole('button', { name: 'Save changes' }));
    expect(await form.findByText('Nothing has changed yet. Change a field, or cancel.')).toBeTruthy();

    const title = form.getByRole('textbox', { name: /Title/ });
    fireEvent.change(title, { target: { value: '  ' } });
    fireEvent.click(form.getByRole('button', { name: 'Save changes' }));
    expect(await form.findByText('Give it a title.')).toBeTruthy();
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(patches(api)).toEqual([]);
  });

  it('cancels: the page shows the item as it was and focus returns to "Edit"', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api, 'u-grace');
    const { dialog, form } = await openEditForm();
    fireEvent.change(form.getByRole('textbox', { name: /Title/ }), { target: { value: 'Something else' } });
    fireEvent.click(form.getByRole('button', { name: 'Cancel' }));

    expect(dialog.queryByRole('form', { name: 'Edit this item' })).toBeNull();
    expect(screen.getByRole('dialog', { name: TITLE })).toBeTruthy();
    expect(dialog.getByRole('heading', { name: 'Rating' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(dialog.getByRole('button', { name: 'Edit' })));
    expect(patches(api)).toEqual([]);
  });

  it('edits the text of tips in its own field, not a link', async () => {
    const api = setUp((fake) => {
      fake.libraryItems = [
        aLibraryItem({ canEdit: true, kind: 'tip-list', url: undefined, body: '- Write it down', tags: [] }),
      ];
    });
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api, 'u-grace');
    const { dialog, form } = await openEditForm();
    expect(form.queryByRole('textbox', { name: /Link/ })).toBeNull();
    const tips = form.getByRole('textbox', { name: /Tips/ });
    expect(tips).toHaveProperty('value', '- Write it down');
    fireEvent.change(tips, { target: { value: '- Write it down\n- **Ask** early' } });
    fireEvent.click(form.getByRole('button', { name: 'Save changes' }));

    await dialog.findByText('Edited 1 time');
    expect(patches(api).map((r) => r.body)).toEqual([{ body: '- Write it down\n- **Ask** early' }]);
    expect(dialog.getByRole('heading', { name: 'Tips' }).parentElement?.querySelector('strong')?.textContent).toBe(
      'Ask',
    );
  });
});

describe('a cohort’s items before its agreements are accepted', () => {
  /** Ada is a member of the circle but has not accepted the program's current agreements. */
  function withCircle(fake: FakeLibraryApi) {
    fake.libraryItems = [
      aLibraryItem(),
      aLibraryItem({ id: 'li-9', cohortId: 'c-1', title: 'Our first-year playbook' }),
    ];
    fake.cohorts = [aCohort({ id: 'c-1', name: 'New managers circle' })];
    fake.cohortDetails = [
      aCohortDetail({ id: 'c-1', myRole: 'member', myAgreementsAccepted: false, canManage: false }),
    ];
  }

  it('shows the cohort’s agreements on the item, and the item once they are accepted', async () => {
    const api = setUp(withCircle);
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-9" />, api);
    const dialog = within(await screen.findByRole('dialog', { name: 'Library item' }));

    expect(
      await dialog.findByText(/This item is shared with New managers circle only\. It opens to you once you accept/),
    ).toBeTruthy();
    const gate = within(dialog.getByRole('region', { name: 'Agreements' }));
    expect(gate.getByRole('heading', { name: 'Code of conduct (version 2)' })).toBeTruthy();
    expect(gate.getByText('Be curious and kind.')).toBeTruthy();
    expect(gate.getByText('What is said here stays here.')).toBeTruthy();
    expect(dialog.queryByText(/accept the code of conduct and confidentiality terms/)).toBeNull();
    expect(await axeViolations(screen.getByRole('dialog'))).toEqual([]);

    fireEvent.click(gate.getByRole('button', { name: 'I accept' }));
    const item = await screen.findByRole('dialog', { name: 'Our first-year playbook' });
    expect(api.requests.some((r) => r.method === 'POST' && r.url === '/api/cohorts/c-1/agreements')).toBe(true);
    expect(within(item).getByText('New managers circle only')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Our first-year playbook'));
    // The list behind the dialog now has the cohort's item too.
    expect(await screen.findByRole('article', { name: 'Our first-year playbook', hidden: true })).toBeTruthy();
  });

  it('shows the agreements instead of results when the library is filtered by that cohort', async () => {
    const api = setUp(withCircle);
    renderSignedIn(
      <LibrarySection programId="p-eng" cohorts={[aCohort({ id: 'c-1', name: 'New managers circle' })]} />,
      api,
    );
    await screen.findByRole('article', { name: TITLE });
    expect(screen.queryByRole('article', { name: 'Our first-year playbook' })).toBeNull();

    fireEvent.change(screen.getByRole('combobox', { name: 'Cohort' }), { target: { value: 'c-1' } });
    const gate = within(await screen.findByRole('region', { name: 'Agreements' }));
    expect(screen.getByText(/What is shared with New managers circle only is for its members/)).toBeTruthy();
    expect(screen.queryByText('The library could not be searched.')).toBeNull();

    fireEvent.click(gate.getByRole('button', { name: 'I accept' }));
    expect(await screen.findByRole('article', { name: 'Our first-year playbook' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Agreements' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Library items' }));
  });
});
