/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import '../test-support/jsdom-gaps';
import { aCohort, aSession, FakePeerLoopApi } from '../test-support/fake-api';
import { renderSignedIn } from '../test-support/render';
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
});
