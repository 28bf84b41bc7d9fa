/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { aCohortDetail, FakePeerLoopApi } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { CohortHomeDialog } from './cohort-home-dialog';

function openHome(api: FakePeerLoopApi, userId = 'u-ada') {
  const changed = jest.fn();
  renderSignedIn(<CohortHomeDialog cohortId="c-1" open onClose={() => undefined} onChanged={changed} />, api, userId);
  return changed;
}

describe('cohort home', () => {
  it('warns about a reporting line, naming the people, and adds only on the explicit "Add anyway"', async () => {
    const api = new FakePeerLoopApi();
    api.people.push({ id: 'u-jordan', displayName: 'Jordan Patel', title: 'Lead', level: 'Senior', function: 'IT' });
    api.cohortDetails = [aCohortDetail()];
    api.answerNext('POST /api/cohorts/c-1/members', {
      status: 409,
      body: {
        error: {
          code: 'reporting_line',
          message: 'Jordan Patel would be grouped with their own reporting line',
          related: [
            { userId: 'u-sam', displayName: 'Sam Rivera', relation: 'report' },
            { userId: 'u-lee', displayName: 'Lee Kim', relation: 'report' },
          ],
        },
      },
    });
    const changed = openHome(api);

    const dialog = within(await screen.findByRole('dialog'));
    await waitFor(() => expect(dialog.getByRole('option', { name: 'Jordan Patel' })).toBeTruthy());
    fireEvent.change(dialog.getByLabelText('Person'), { target: { value: 'u-jordan' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Add member' }));

    expect(
      await dialog.findByText(/Jordan Patel would share this cohort with Sam Rivera and Lee Kim, who report to them/),
    ).toBeTruthy();
    expect(dialog.queryByRole('rowheader', { name: /Jordan Patel/ })).toBeNull();
    expect(api.requests.at(-1)?.body).toEqual({ userId: 'u-jordan', role: 'member', allowReportingLine: false });

    fireEvent.click(dialog.getByRole('button', { name: 'Add anyway' }));
    expect(await dialog.findByRole('rowheader', { name: /Jordan Patel/ })).toBeTruthy();
    const adds = api.requests.filter((r) => r.method === 'POST' && r.url === '/api/cohorts/c-1/members');
    expect(adds.map((r) => r.body)).toEqual([
      { userId: 'u-jordan', role: 'member', allowReportingLine: false },
      { userId: 'u-jordan', role: 'member', allowReportingLine: true },
    ]);
    expect(dialog.queryByText(/would share this cohort/)).toBeNull();
    expect(dialog.getByText('Jordan Patel was added as member.')).toBeTruthy();
    expect(changed).toHaveBeenCalled();
  });

  it('shows the agreements to a member who has not accepted them, and their version once accepted', async () => {
    const api = new FakePeerLoopApi();
    api.cohortDetails = [
      aCohortDetail({ myRole: 'member', myAgreementsAccepted: false, canManage: false, departures: undefined }),
    ];
    openHome(api, 'u-linus');

    const dialog = within(await screen.findByRole('dialog'));
    expect(await dialog.findByRole('heading', { name: 'Code of conduct (version 2)' })).toBeTruthy();
    expect(dialog.getByText('What is said here stays here.')).toBeTruthy();
    fireEvent.click(dialog.getByRole('button', { name: 'I accept' }));

    expect(
      await dialog.findByText('Accepted version 2 of the code of conduct and version 1 of the confidentiality terms.'),
    ).toBeTruthy();
    expect(dialog.queryByRole('button', { name: 'I accept' })).toBeNull();
    expect(api.requests).toContainEqual(
      expect.objectContaining({ method: 'POST', url: '/api/cohorts/c-1/agreements' }),
    );
  });

  it('offers "Join cohort" on an open cohort and hides the runners\' tools from others', async () => {
    const api = new FakePeerLoopApi();
    api.cohortDetails = [aCohortDetail({ joinPolicy: 'open', myRole: null, canManage: false, departures: undefined })];
    openHome(api, 'u-linus');

    const dialog = within(await screen.findByRole('dialog'));
    expect(await dialog.findByText('This cohort is open: anyone may join.')).toBeTruthy();
    expect(dialog.queryByRole('button', { name: 'Add member' })).toBeNull();
    fireEvent.click(dialog.getByRole('button', { name: 'Join cohort' }));
    expect(await dialog.findByText('You are in this cohort as member.')).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Leave cohort' })).toBeTruthy();
  });
  it('shows the Teams channel the cohort lives in, as a link into Teams', async () => {
    const api = new FakePeerLoopApi();
    api.cohortDetails = [
      aCohortDetail({
        myRole: 'member',
        canManage: false,
        departures: undefined,
        channel: {
          teamId: '0f6b5c2a-7d1e-4f3a-9b8c-2d4e6f8a0b1c',
          channelId: '19:admins@thread.tacv2',
          channelName: 'New admins',
        },
      }),
      aCohortDetail({ id: 'c-2', canManage: true }),
    ];
    openHome(api, 'u-linus');

    const dialog = within(await screen.findByRole('dialog'));
    const link = await dialog.findByRole('link', { name: 'New admins' });
    expect(link.getAttribute('href')).toBe(
      'https://teams.microsoft.com/l/channel/19%3Aadmins%40thread.tacv2/New%20admins?groupId=0f6b5c2a-7d1e-4f3a-9b8c-2d4e6f8a0b1c',
    );
    expect(link.closest('dd')?.previousElementSibling?.textContent).toBe('Channel');
  });

  it('tells those who run a cohort without a channel how to give it one', async () => {
    const api = new FakePeerLoopApi();
    api.cohortDetails = [aCohortDetail()];
    openHome(api);
    const dialog = within(await screen.findByRole('dialog'));
    expect(await dialog.findByText(/None yet: add PeerLoop as a tab in the cohort’s channel/)).toBeTruthy();
  });
});
