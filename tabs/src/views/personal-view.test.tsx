/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import '../test-support/jsdom-gaps';
import { aCohort, aSession, FakePeerLoopApi } from '../test-support/fake-api';
import { renderSignedIn } from '../test-support/render';
import { aLibraryItem, FakeLibraryApi } from '../features/library/fake-library-api';
import { PersonalView } from './personal-view';

describe('"My learning"', () => {
  it('lists my upcoming sessions: those of my cohorts and those I answered, with my answer', async () => {
    const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const api = new FakePeerLoopApi();
    api.cohorts = [aCohort()];
    api.sessions = [
      aSession({ id: 's-1', title: 'Cohort lunch', startsAt: soon(2), endsAt: soon(2.1) }),
      aSession({
        id: 's-2',
        title: 'Open networking',
        cohortId: 'c-9',
        myRsvp: 'waitlisted',
        startsAt: soon(3),
        endsAt: soon(3.1),
      }),
      aSession({ id: 's-3', title: 'Not for me', cohortId: 'c-9', startsAt: soon(4), endsAt: soon(4.1) }),
    ];
    renderSignedIn(<PersonalView />, api);

    const list = within(await screen.findByRole('list', { name: 'My upcoming sessions' }));
    expect(list.getByRole('button', { name: 'Cohort lunch' })).toBeTruthy();
    expect(list.getByText(/You: Waitlisted/)).toBeTruthy();
    expect(list.queryByText('Not for me')).toBeNull();
    expect(screen.getByRole('heading', { level: 3, name: 'New managers circle' })).toBeTruthy();
  });

  it('shows the library with my history, and opens the item of an ?itemId= link', async () => {
    const api = new FakeLibraryApi();
    api.libraryItems = [aLibraryItem({ views: 3 }), aLibraryItem({ id: 'li-2', title: 'Never opened', views: 0 })];
    renderSignedIn(<PersonalView itemId="li-2" />, api);

    expect(await screen.findByRole('dialog', { name: 'Never opened' })).toBeTruthy();
    const library = within(screen.getByRole('region', { name: 'Library', hidden: true }));
    const history = await library.findByRole('heading', { level: 3, name: 'My history', hidden: true });
    expect(within(history.closest('section')!).getByText('PowerShell for everyday admin work')).toBeTruthy();
    expect(within(history.closest('section')!).queryByText('Never opened')).toBeNull();
  });
});
