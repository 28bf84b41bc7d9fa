/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { FakePeerLoopApi } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { ProfileDialog } from './profile-dialog';

describe('"My profile" dialog', () => {
  it('shows a field error from the API on its field and keeps the choice', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext('PATCH /api/me/profile', {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'managerId: would make a loop in the reporting line',
          fields: [{ path: 'managerId', message: 'would make a loop in the reporting line' }],
        },
      },
    });
    renderSignedIn(<ProfileDialog open onClose={() => undefined} />, api);

    const dialog = within(await screen.findByRole('dialog'));
    const manager = (await dialog.findByLabelText('Manager')) as HTMLSelectElement;
    fireEvent.change(manager, { target: { value: 'u-grace' } });
    fireEvent.change(dialog.getByLabelText('Skills to share'), { target: { value: 'COBOL, compilers' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save profile' }));

    expect(await dialog.findByText('would make a loop in the reporting line')).toBeTruthy();
    expect(manager.getAttribute('aria-invalid')).toBe('true');
    expect(manager.value).toBe('u-grace');
    expect(api.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      url: '/api/me/profile',
      body: { skillsToShare: ['COBOL', 'compilers'], managerId: 'u-grace' },
    });

    fireEvent.click(dialog.getByRole('button', { name: 'Save profile' }));
    expect(await dialog.findByText('Profile saved.')).toBeTruthy();
    await waitFor(() => expect(manager.getAttribute('aria-invalid')).not.toBe('true'));
    expect(api.profile.managerId).toBe('u-grace');
  });

  it("offers every time zone, the browser's own first", async () => {
    renderSignedIn(<ProfileDialog open onClose={() => undefined} />, new FakePeerLoopApi());
    const zone = (await screen.findByLabelText('Time zone')) as HTMLSelectElement;
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect([...zone.options].map((o) => o.value).slice(0, 2)).toEqual(['', own]);
    expect(zone.options.length).toBeGreaterThan(300);
  });
});
