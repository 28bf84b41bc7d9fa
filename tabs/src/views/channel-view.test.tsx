/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import '../test-support/jsdom-gaps';
import { aCohort, FakePeerLoopApi } from '../test-support/fake-api';
import { renderSignedIn } from '../test-support/render';
import { formatSessionStart } from '../features/cohorts/format';
import { aLibraryItem, FakeLibraryApi } from '../features/library/fake-library-api';
import { ChannelView } from './channel-view';

describe('channel view', () => {
  it('lists each cohort as an article with its member count, facilitator and next session', async () => {
    const api = new FakePeerLoopApi();
    const startsAt = '2031-03-04T12:30:00.000Z';
    api.cohorts = [
      aCohort({
        memberCount: 12,
        nextSession: { id: 's-1', title: 'Giving feedback', kind: 'fireside-chat', startsAt },
      }),
      aCohort({ id: 'c-2', name: 'Book club: Team Topologies', memberCount: 1, facilitators: [] }),
    ];
    renderSignedIn(<ChannelView programId="p-eng" />, api);

    expect(screen.getByRole('status')).toHaveProperty('textContent', expect.stringContaining('Loading cohorts'));
    const inCard = within(await screen.findByRole('article', { name: 'New managers circle' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Engineering circles' })).toBeTruthy();
    expect(inCard.getByRole('heading', { level: 2, name: 'New managers circle' })).toBeTruthy();
    expect(inCard.getByText('12 members')).toBeTruthy();
    expect(inCard.getByText('Grace Hopper')).toBeTruthy();
    expect(inCard.getByText('Level: Manager')).toBeTruthy();
    expect(inCard.getByText(formatSessionStart(startsAt)).getAttribute('datetime')).toBe(startsAt);
    expect(inCard.getByText(/Giving feedback/)).toBeTruthy();

    const other = within(screen.getByRole('article', { name: 'Book club: Team Topologies' }));
    expect(other.getByText('1 member')).toBeTruthy();
    expect(other.getByText('No upcoming session')).toBeTruthy();
    expect(api.requests.map((r) => r.url)).toContain('/api/cohorts?programId=p-eng');
  });

  it('shows an empty state, and hides "New cohort" from people who cannot form cohorts', async () => {
    const api = new FakePeerLoopApi();
    api.programs = api.programs.map((program) => ({ ...program, canManage: false }));
    renderSignedIn(<ChannelView />, api);

    expect(await screen.findByText('No cohorts yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New cohort' })).toBeNull();
  });

  it('offers a retry when cohorts cannot be loaded', async () => {
    const api = new FakePeerLoopApi();
    api.failNextRequestTo('/api/cohorts');
    renderSignedIn(<ChannelView />, api);

    expect(await screen.findByText(/PeerLoop could not be reached/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/No cohorts yet/)).toBeTruthy();
  });
});

describe('the channel library', () => {
  it('shows the program’s library in its own section', async () => {
    const api = new FakeLibraryApi();
    api.libraryItems = [aLibraryItem()];
    renderSignedIn(<ChannelView programId="p-eng" />, api);

    fireEvent.click(await screen.findByRole('tab', { name: 'Library' }));
    expect(screen.getByRole('tab', { name: 'Library' }).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByRole('article', { name: 'PowerShell for everyday admin work' })).toBeTruthy();
    expect(api.requests.map((r) => r.url)).toContain('/api/library/items?programId=p-eng&sort=relevance&limit=50');
  });

  it('opens the library on the item of an ?itemId= link', async () => {
    const api = new FakeLibraryApi();
    api.libraryItems = [aLibraryItem()];
    renderSignedIn(<ChannelView programId="p-eng" itemId="li-1" />, api);

    expect(await screen.findByRole('dialog', { name: 'PowerShell for everyday admin work' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Library', hidden: true }).getAttribute('aria-selected')).toBe('true');
  });
});

describe('new cohort form', () => {
  async function openForm(api: FakePeerLoopApi) {
    renderSignedIn(<ChannelView programId="p-eng" />, api);
    fireEvent.click(await screen.findByRole('button', { name: 'New cohort' }));
    return screen.findByRole('dialog');
  }

  function field(label: string) {
    return screen.getByLabelText(label) as HTMLInputElement;
  }

  function type(label: string, value: string) {
    fireEvent.change(field(label), { target: { value } });
  }

  it('shows each field error from a 400 on its field and keeps what was typed', async () => {
    const api = new FakePeerLoopApi();
    api.nextCreate = {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'The cohort is not valid.',
          fields: [
            { path: 'name', message: 'must be at least 3 characters' },
            { path: 'commonThreads.level', message: 'must be at most 100 characters' },
          ],
        },
      },
    };
    await openForm(api);
    type('Name', 'AB');
    type('Purpose', 'Practise hard conversations');
    type('Level', 'Senior');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Grace Hopper' })).toBeTruthy());
    type('Facilitator', 'u-grace');
    fireEvent.click(screen.getByRole('button', { name: 'Create cohort' }));

    expect(await screen.findByText('must be at least 3 characters')).toBeTruthy();
    expect(screen.getByText('must be at most 100 characters')).toBeTruthy();
    const name = field('Name');
    expect(name.value).toBe('AB');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    expect(field('Purpose').value).toBe('Practise hard conversations');
    expect(field('Level').value).toBe('Senior');
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/cohorts',
      body: { programId: 'p-eng', name: 'AB', commonThreads: { level: 'Senior' }, facilitatorId: 'u-grace' },
    });
  });

  it('adds the created cohort to the list without a reload', async () => {
    const api = new FakePeerLoopApi();
    await openForm(api);
    type('Name', 'Finance peers');
    type('Purpose', 'Close the books with less stress');
    type('Function', 'Finance');
    type('Capacity', '10');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Grace Hopper' })).toBeTruthy());
    type('Facilitator', 'u-grace');
    fireEvent.click(screen.getByRole('button', { name: 'Create cohort' }));

    const card = await screen.findByRole('article', { name: 'Finance peers' });
    expect(within(card).getByText('Function: Finance')).toBeTruthy();
    expect(screen.getByText(/Cohort “Finance peers” created/)).toBeTruthy();
    expect(api.requests.at(-1)?.body).toMatchObject({ capacity: 10, commonThreads: { function: 'Finance' } });
  });

  it('shows other errors in a message bar', async () => {
    const api = new FakePeerLoopApi();
    api.nextCreate = {
      status: 403,
      body: { error: { code: 'forbidden', message: 'Only program owners can form cohorts.' } },
    };
    await openForm(api);
    type('Name', 'Finance peers');
    fireEvent.click(screen.getByRole('button', { name: 'Create cohort' }));

    expect(await screen.findByText('Only program owners can form cohorts.')).toBeTruthy();
    expect(field('Name').value).toBe('Finance peers');
  });
});

describe('"Suggest cohorts"', () => {
  it('shows each suggestion with its reason and names, and opens "New cohort" prefilled from one', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext('POST /api/programs/p-eng/cohort-suggestions', {
      status: 200,
      body: {
        thread: 'level',
        size: 3,
        bounds: { min: 2, max: 4 },
        cohorts: [
          {
            key: 'Senior',
            threadValues: ['Senior'],
            memberIds: ['u-grace', 'u-linus'],
            explanation: 'These 2 people share the level Senior.',
          },
        ],
        unplaced: [{ personId: 'u-ada', reason: 'everyone else is in her reporting line' }],
        names: { 'u-grace': 'Grace Hopper', 'u-linus': 'Linus Pauling', 'u-ada': 'Ada Lovelace' },
      },
    });
    renderSignedIn(<ChannelView programId="p-eng" />, api);
    fireEvent.click(await screen.findByRole('button', { name: 'Suggest cohorts' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Suggest cohorts' }));
    fireEvent.change(dialog.getByLabelText('Members per cohort'), { target: { value: '3' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Suggest' }));

    expect(await dialog.findByText('These 2 people share the level Senior.')).toBeTruthy();
    expect(dialog.getByText('Members: Grace Hopper and Linus Pauling')).toBeTruthy();
    expect(dialog.getByText('Ada Lovelace: everyone else is in her reporting line')).toBeTruthy();
    expect(api.requests.at(-1)?.body).toEqual({ thread: 'level', size: 3 });

    fireEvent.click(dialog.getByRole('button', { name: 'Create this cohort: Senior' }));
    const form = within(await screen.findByRole('dialog', { name: 'New cohort' }));
    expect((form.getByLabelText('Name') as HTMLInputElement).value).toBe('Senior');
    expect((form.getByLabelText('Level') as HTMLInputElement).value).toBe('Senior');
    await waitFor(() => expect((form.getByLabelText('Facilitator') as HTMLSelectElement).value).toBe('u-grace'));
  });
});
