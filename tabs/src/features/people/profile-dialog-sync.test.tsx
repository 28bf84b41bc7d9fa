/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { FakePeerLoopApi } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { ProfileDialog } from './profile-dialog';

const ada = { tenantId: 't', id: 'u-ada', displayName: 'Ada Lovelace', level: 'Senior', managerId: 'u-grace' };

describe('"Fill from Microsoft 365" in "My profile"', () => {
  it('fills the form from Microsoft 365, lists what it kept, and takes a value only when asked', async () => {
    const api = new FakePeerLoopApi();
    api.profile = { ...ada, title: 'Analyst', function: '' };
    api.answerNext('GET /api/directory/status', { status: 200, body: { available: true } });
    api.answerNext('POST /api/me/profile/sync', {
      status: 200,
      body: {
        profile: { ...ada, title: 'Analyst', function: 'Engineering' },
        updated: [{ field: 'function', value: 'Engineering' }],
        kept: [{ field: 'title', yours: 'Analyst', directory: 'Principal Analyst' }],
        manager: { status: 'unchanged', managerId: 'u-grace', displayName: 'Grace Hopper' },
      },
    });
    renderSignedIn(<ProfileDialog open onClose={() => undefined} />, api);
    const dialog = within(await screen.findByRole('dialog'));

    fireEvent.click(await dialog.findByRole('button', { name: 'Fill from Microsoft 365' }));
    expect(await dialog.findByText(/Filled from Microsoft 365: Function\./)).toBeTruthy();
    expect(((await dialog.findByLabelText('Function')) as HTMLInputElement).value).toBe('Engineering');
    expect(dialog.getByText(/Title: yours is "Analyst", Microsoft 365 says "Principal Analyst"/)).toBeTruthy();
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', url: '/api/me/profile/sync', body: { replace: [] } });

    api.answerNext('POST /api/me/profile/sync', {
      status: 200,
      body: {
        profile: { ...ada, title: 'Principal Analyst', function: 'Engineering' },
        updated: [{ field: 'title', value: 'Principal Analyst' }],
        kept: [],
        manager: { status: 'unchanged', managerId: 'u-grace', displayName: 'Grace Hopper' },
      },
    });
    fireEvent.click(dialog.getByRole('button', { name: "Use Microsoft 365's title" }));
    await waitFor(() => expect((dialog.getByLabelText('Title') as HTMLInputElement).value).toBe('Principal Analyst'));
    expect(api.requests.at(-1)).toMatchObject({ body: { replace: ['title'] } });
  });

  it('keeps what the reader is typing, and explains a refusal', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext('GET /api/directory/status', { status: 200, body: { available: true } });
    api.answerNext('POST /api/me/profile/sync', {
      status: 409,
      body: { error: { code: 'conflict', message: 'Microsoft 365 needs a Teams sign-in' } },
    });
    renderSignedIn(<ProfileDialog open onClose={() => undefined} />, api);
    const dialog = within(await screen.findByRole('dialog'));
    const title = (await dialog.findByLabelText('Title')) as HTMLInputElement;
    fireEvent.change(title, { target: { value: 'Engineer' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Fill from Microsoft 365' }));
    expect(await dialog.findByText('Microsoft 365 needs a Teams sign-in')).toBeTruthy();
    expect(title.value).toBe('Engineer');
  });

  it('is not offered when the API says Microsoft 365 is not available', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext('GET /api/directory/status', { status: 200, body: { available: false, reason: 'not configured' } });
    renderSignedIn(<ProfileDialog open onClose={() => undefined} />, api);
    const dialog = within(await screen.findByRole('dialog'));
    await dialog.findByLabelText('Title');
    expect(dialog.queryByRole('button', { name: 'Fill from Microsoft 365' })).toBeNull();
  });
});
