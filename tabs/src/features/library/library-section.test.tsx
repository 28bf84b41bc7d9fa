/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { aCohort } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { aLibraryItem, FakeLibraryApi } from './fake-library-api';
import { LibrarySection } from './library-section';

function setUp(configure: (api: FakeLibraryApi) => void = () => undefined) {
  const api = new FakeLibraryApi();
  api.libraryItems = [
    aLibraryItem(),
    aLibraryItem({
      id: 'li-2',
      kind: 'tip-list',
      title: 'Tips for your first month',
      url: undefined,
      body: '- **Write it down**\n- <script>alert(1)</script>',
      tags: ['onboarding'],
      author: { userId: 'u-linus', displayName: 'Linus Pauling' },
      rating: { average: 0, count: 0 },
      views: 1,
      ratingHistogram: [0, 0, 0, 0, 0],
    }),
  ];
  configure(api);
  return api;
}

const searches = (api: FakeLibraryApi) =>
  api.requests.filter((r) => r.method === 'GET' && r.url.startsWith('/api/library/items')).map((r) => r.url);

describe('the library', () => {
  it('lists items as cards with their kind, author, rating, views and tags', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" />, api);

    const card = within(await screen.findByRole('article', { name: 'PowerShell for everyday admin work' }));
    expect(card.getByRole('heading', { level: 3 })).toBeTruthy();
    expect(card.getByText('Presentation')).toBeTruthy();
    expect(card.getByText('by Grace Hopper')).toBeTruthy();
    expect(card.getByText('Rated 4.5 out of 5 from 2 ratings')).toBeTruthy();
    expect(card.getByText('7 views')).toBeTruthy();
    expect(
      within(card.getByRole('list', { name: 'Tags' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['powershell', 'automation']);
    const other = within(screen.getByRole('article', { name: 'Tips for your first month' }));
    expect(other.getByText('Tip list')).toBeTruthy();
    expect(other.getByText('Not rated yet')).toBeTruthy();
    expect(other.getByText('1 view')).toBeTruthy();
    expect(screen.getByText('2 items')).toBeTruthy();
    expect(searches(api)[0]).toBe('/api/library/items?programId=p-eng&sort=relevance&limit=50');
  });

  it('searches once typing pauses, and filters by kind and "Saved for later"', async () => {
    const api = setUp((fake) => {
      fake.libraryItems[0] = { ...fake.libraryItems[0]!, bookmarked: true };
    });
    renderSignedIn(<LibrarySection programId="p-eng" />, api);
    await screen.findByRole('article', { name: 'Tips for your first month' });

    const box = screen.getByRole('searchbox', { name: 'Search the library' });
    fireEvent.change(box, { target: { value: 'p' } });
    fireEvent.change(box, { target: { value: 'po' } });
    fireEvent.change(box, { target: { value: 'power' } });
    expect(await screen.findByText('1 item')).toBeTruthy();
    expect(screen.getByRole('article', { name: 'PowerShell for everyday admin work' })).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Tips for your first month' })).toBeNull();
    const typed = searches(api).filter((url) => /[?&]q=p/.test(url));
    expect(typed).toEqual(['/api/library/items?q=power&programId=p-eng&sort=relevance&limit=50']);

    fireEvent.change(box, { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Kind' }), { target: { value: 'tip-list' } });
    await waitFor(() => expect(searches(api).at(-1)).toContain('kind=tip-list'));
    await screen.findByRole('article', { name: 'Tips for your first month' });

    fireEvent.change(screen.getByRole('combobox', { name: 'Kind' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Saved for later', pressed: false }));
    expect(screen.getByRole('button', { name: 'Saved for later', pressed: true })).toBeTruthy();
    await waitFor(() => expect(searches(api).at(-1)).toContain('mine=bookmarked'));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Tips for your first month' })).toBeNull());
    expect(screen.getByRole('heading', { name: 'Saved for later' })).toBeTruthy();
  });

  it('shares a link: checks the form first, shows the API field errors on their fields, then lists the item', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" />, api);
    const share = await screen.findByRole('button', { name: 'Share something' });
    await waitFor(() => expect(share).toHaveProperty('disabled', false));
    fireEvent.click(share);
    const dialog = within(await screen.findByRole('dialog', { name: 'Share something' }));

    fireEvent.click(dialog.getByRole('button', { name: 'Share' }));
    expect(await dialog.findByText('Give it a title.')).toBeTruthy();
    expect(dialog.getByText('Add the link to the file or page.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(dialog.getByRole('textbox', { name: /Title/ }), { target: { value: 'Patching runbook' } });
    fireEvent.change(dialog.getByRole('textbox', { name: /Link/ }), { target: { value: 'https://contoso.example/r' } });
    fireEvent.change(dialog.getByRole('textbox', { name: /Tags/ }), { target: { value: 'Patching, Windows' } });
    api.answerNext('POST /api/library/items', {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'The request is not valid.',
          fields: [{ path: 'url', message: 'is not reachable from the organisation' }],
        },
      },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Share' }));
    const link = dialog.getByRole('textbox', { name: /Link/ });
    expect(await dialog.findByText('Is not reachable from the organisation.')).toBeTruthy();
    await waitFor(() => expect(link.getAttribute('aria-invalid')).toBe('true'));
    expect(link).toHaveProperty('value', 'https://contoso.example/r');

    fireEvent.click(dialog.getByRole('button', { name: 'Share' }));
    await screen.findByRole('article', { name: 'Patching runbook' });
    const posted = api.requests.filter((r) => r.method === 'POST' && r.url === '/api/library/items').at(-1);
    expect(posted?.body).toEqual({
      programId: 'p-eng',
      kind: 'link',
      title: 'Patching runbook',
      summary: '',
      url: 'https://contoso.example/r',
      tags: ['patching', 'windows'],
      skills: [],
    });
    expect(screen.getByText('Shared “Patching runbook”.')).toBeTruthy();
  });

  it('opens an item: counts the view, renders its tips safely, and takes my rating', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" />, api, 'u-ada');
    const card = within(await screen.findByRole('article', { name: 'Tips for your first month' }));
    fireEvent.click(card.getByRole('button', { name: 'Tips for your first month' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Tips for your first month' }));

    await waitFor(() =>
      expect(api.requests.some((r) => r.method === 'POST' && r.url === '/api/library/items/li-2/views')).toBe(true),
    );
    const tips = dialog.getByRole('heading', { name: 'Tips' }).parentElement!;
    expect(tips.querySelector('strong')?.textContent).toBe('Write it down');
    expect(tips.querySelector('script')).toBeNull();
    expect(tips.textContent).toContain('<script>alert(1)</script>');

    fireEvent.click(dialog.getByRole('radio', { name: '4 stars' }));
    expect(await dialog.findByText(/You rated it 4 out of 5/)).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toEqual({ stars: 4 });
    expect(dialog.getByRole('radio', { name: '4 stars' })).toHaveProperty('checked', true);
    expect(dialog.getAllByText('Rated 4 out of 5 from 1 rating').length).toBeGreaterThan(0);
    // The list behind the dialog follows.
    expect(card.getByText('Rated 4 out of 5 from 1 rating')).toBeTruthy();
    expect(card.getByText('2 views')).toBeTruthy();

    fireEvent.click(dialog.getByRole('button', { name: 'Save for later', pressed: false }));
    await dialog.findByText('Saved for later.');
    expect(dialog.getByRole('button', { name: 'Save for later', pressed: true })).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'PUT').at(-1)).toMatchObject({
      url: '/api/library/items/li-2/bookmark',
      body: { on: true },
    });
  });

  it('does not offer to rate my own item', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" />, api, 'u-grace');
    fireEvent.click(await screen.findByRole('button', { name: 'PowerShell for everyday admin work' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'PowerShell for everyday admin work' }));
    expect(await dialog.findByText('You shared this; your colleagues rate it.')).toBeTruthy();
    expect(dialog.queryByRole('radio')).toBeNull();
    const open = dialog.getByRole('link', { name: 'Open the presentation (opens in a new tab)' });
    expect(open.getAttribute('href')).toBe('https://contoso.sharepoint.com/slides.pptx');
    expect(open.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('adds a comment to the item', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api);
    const dialog = within(await screen.findByRole('dialog', { name: 'PowerShell for everyday admin work' }));
    expect(await dialog.findByText('No comments yet.')).toBeTruthy();
    fireEvent.click(dialog.getByRole('button', { name: 'Add comment' }));
    expect(await dialog.findByText('Write a comment first.')).toBeTruthy();
    fireEvent.change(dialog.getByRole('textbox', { name: 'Your comment' }), {
      target: { value: 'Script 4 saved my Monday' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Add comment' }));
    const comments = within(await dialog.findByRole('list', { name: 'Comments' }));
    expect(comments.getByText('Script 4 saved my Monday')).toBeTruthy();
    expect(dialog.getByRole('heading', { name: 'Comments (1)' })).toBeTruthy();
  });

  it('hides the insights from people the API refuses them to, and the item charts with them', async () => {
    const api = setUp();
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api);
    const dialog = within(await screen.findByRole('dialog', { name: 'PowerShell for everyday admin work' }));
    await dialog.findByRole('heading', { name: 'Rating' });
    await waitFor(() => expect(api.requests.some((r) => r.url === '/api/library/insights?programId=p-eng')).toBe(true));
    // "Who shares what" loads alongside the insights: once it shows, the insights have answered too.
    await screen.findByText('Nobody has shared anything with skills yet.', {}, { timeout: 5000 });
    expect(dialog.queryByRole('heading', { name: 'Use and ratings' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Library insights', hidden: true })).toBeNull();
    expect(screen.queryByText('Library insights could not be loaded.')).toBeNull();
  });

  it('shows facilitators the insights per cohort and item, and each item’s use and rating charts', async () => {
    const api = setUp((fake) => {
      const figures = {
        items: 1,
        views: 7,
        viewers: 4,
        completions: 2,
        bookmarks: 1,
        ratingCount: 2,
        ratingAverage: 4.5,
      };
      fake.insights = {
        totals: { ...figures, items: 2, views: 8 },
        byCohort: [
          { cohortId: null, ...figures },
          { cohortId: 'c-1', ...figures, views: 1, ratingCount: 0, ratingAverage: 0 },
        ],
        items: [{ id: 'li-1', title: 'PowerShell for everyday admin work', kind: 'presentation', ...figures }],
      };
      fake.experts = [
        {
          skill: 'scripting',
          experts: [
            {
              userId: 'u-grace',
              displayName: 'Grace Hopper',
              contributions: 2,
              ratingAverage: 4.5,
              ratingCount: 2,
              completions: 2,
            },
          ],
        },
      ];
    });
    renderSignedIn(
      <LibrarySection programId="p-eng" cohorts={[aCohort({ id: 'c-1', name: 'New managers circle' })]} />,
      api,
    );

    const insights = within(
      (await screen.findByRole('heading', { name: 'Library insights' })).closest('section') as HTMLElement,
    );
    const byCohort = within(insights.getByRole('table', { name: 'Use and rating by cohort' }));
    const wholeProgram = within(byCohort.getByRole('row', { name: /Whole program/ }));
    expect(wholeProgram.getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '7', '2', '4.5 (2 ratings)']);
    const cohort = within(byCohort.getByRole('row', { name: /New managers circle/ }));
    expect(cohort.getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '1', '2', 'Not rated']);
    expect(insights.getByRole('table', { name: 'Most used items' })).toBeTruthy();

    const experts = within(await screen.findByRole('list', { name: 'People who share about scripting' }));
    expect(experts.getByText('Grace Hopper')).toBeTruthy();
    expect(experts.getByText(/2 items, rated 4.5 from 2 ratings/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'PowerShell for everyday admin work' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'PowerShell for everyday admin work' }));
    const distribution = within(await dialog.findByRole('figure', { name: 'Rating distribution (2 ratings)' }));
    expect(distribution.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '5 stars1 of 2',
      '4 stars1 of 2',
      '3 stars0 of 2',
      '2 stars0 of 2',
      '1 star0 of 2',
    ]);
    const use = within(dialog.getByRole('figure', { name: 'Use of this item' }));
    expect(use.getByText('Completions').parentElement?.textContent).toBe('Completions2');
  });

  it('lets a reader report an item, and an owner read the reports and hide it', async () => {
    const api = setUp((fake) => {
      fake.libraryItems[0] = {
        ...fake.libraryItems[0]!,
        canModerate: true,
        reportCount: 1,
        reports: [{ reason: 'The link asks for a password', at: '2031-03-02T09:00:00.000Z' }],
      };
    });
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api);
    const dialog = within(await screen.findByRole('dialog', { name: 'PowerShell for everyday admin work' }));

    fireEvent.click(await dialog.findByRole('button', { name: 'Report this item' }));
    fireEvent.change(dialog.getByRole('textbox', { name: 'What is wrong with it?' }), {
      target: { value: 'Out of date since the upgrade' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Send report' }));
    expect(await dialog.findByText('Thank you. The program owners will look at it.')).toBeTruthy();
    expect(api.requests.find((r) => r.url === '/api/library/items/li-1/reports')?.body).toEqual({
      reason: 'Out of date since the upgrade',
    });

    const reports = within(dialog.getByRole('list', { name: 'Reports' }));
    expect(reports.getByText('The link asks for a password')).toBeTruthy();
    fireEvent.change(dialog.getByRole('textbox', { name: 'Reason for hiding (optional)' }), {
      target: { value: 'Needs a public link' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Hide this item' }));
    expect(await dialog.findByText('Hidden. Only owners and the author see it now.')).toBeTruthy();
    expect(api.requests.find((r) => r.url === '/api/library/items/li-1/care')?.body).toEqual({
      action: 'hide',
      reason: 'Needs a public link',
    });
    expect(dialog.getByRole('button', { name: 'Restore for everyone' })).toBeTruthy();
    expect(dialog.queryByRole('radio')).toBeNull();
  });

  it('shows a cohort item’s charts to its facilitator, whom the program’s insights refuse', async () => {
    const api = setUp((fake) => {
      fake.libraryItems[0] = { ...fake.libraryItems[0]!, cohortId: 'c-1' };
      const none = { items: 0, views: 0, viewers: 0, completions: 0, bookmarks: 0, ratingCount: 0, ratingAverage: 0 };
      fake.cohortInsights.set('c-1', { totals: none, byCohort: [], items: [] });
    });
    renderSignedIn(<LibrarySection programId="p-eng" initialItemId="li-1" />, api);
    const dialog = within(await screen.findByRole('dialog', { name: 'PowerShell for everyday admin work' }));
    expect(await dialog.findByRole('heading', { name: 'Use and ratings' })).toBeTruthy();
    expect(api.requests.map((r) => r.url)).toContain('/api/library/insights?programId=p-eng');
    expect(api.requests.map((r) => r.url)).toContain('/api/library/insights?cohortId=c-1');
  });
});
