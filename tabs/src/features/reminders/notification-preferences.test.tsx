/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { FakePeerLoopApi } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { ProfileDialog } from '../people/profile-dialog';

const READ = 'GET /api/me/notifications';
const SAVE = 'PATCH /api/me/notifications';

/** "My profile" open, with its notification settings (loaded on demand) ready. */
async function openNotifications(api: FakePeerLoopApi) {
  renderSignedIn(<ProfileDialog open onClose={() => undefined} />, api);
  const section = within(await screen.findByRole('region', { name: 'Notifications' }));
  await section.findByRole('form', { name: 'Notification settings' });
  return section;
}

const saves = (api: FakePeerLoopApi) =>
  api.requests.filter((r) => r.method === 'PATCH' && r.url === '/api/me/notifications');

describe('notification settings in "My profile"', () => {
  it('shows the stored settings, in the time zone of the profile', async () => {
    const api = new FakePeerLoopApi();
    api.profile = { ...api.profile, timeZone: 'Europe/Lisbon' };
    api.answerNext(READ, {
      status: 200,
      body: { optedOut: true, weeklyDigest: true, quietHours: { start: '21:00', end: '06:30' } },
    });
    const section = await openNotifications(api);
    expect((section.getByRole('switch', { name: 'Send me reminders and notices' }) as HTMLInputElement).checked).toBe(
      false,
    );
    expect(section.getByText('While reminders are off, PeerLoop sends you nothing, not even the digest.')).toBeTruthy();
    expect(
      (section.getByRole('switch', { name: 'Weekly digest of my upcoming sessions, on Mondays' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect((section.getByLabelText('From') as HTMLInputElement).value).toBe('21:00');
    expect((section.getByLabelText('To') as HTMLInputElement).value).toBe('06:30');
    await section.findByText(/Times are in your time zone, Europe\/Lisbon\./);
  });

  it('turns quiet hours on and saves only them, with progress and then a confirmation', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(READ, { status: 200, body: { optedOut: false, weeklyDigest: false } });
    const section = await openNotifications(api);
    expect(section.queryByLabelText('From')).toBeNull();

    fireEvent.click(section.getByRole('switch', { name: 'Hold messages during quiet hours' }));
    expect((section.getByLabelText('From') as HTMLInputElement).value).toBe('22:00');
    fireEvent.change(section.getByLabelText('To'), { target: { value: '06:30' } });
    api.answerNext(SAVE, {
      status: 200,
      body: { optedOut: false, weeklyDigest: false, quietHours: { start: '22:00', end: '06:30' } },
    });
    fireEvent.click(section.getByRole('button', { name: 'Save notifications' }));
    expect(section.getByText('Saving your notification settings…')).toBeTruthy();
    expect(await section.findByText('Notification settings saved.')).toBeTruthy();
    expect(saves(api).map((r) => r.body)).toEqual([{ quietHours: { start: '22:00', end: '06:30' } }]);

    // Saved settings are the new baseline: saving again changes nothing.
    fireEvent.click(section.getByRole('button', { name: 'Save notifications' }));
    expect(await section.findByText('Nothing to change.')).toBeTruthy();
    expect(saves(api)).toHaveLength(1);
  });

  it('refuses equal times on the "To" field without asking the API', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(READ, { status: 200, body: { optedOut: false, weeklyDigest: false } });
    const section = await openNotifications(api);
    fireEvent.click(section.getByRole('switch', { name: 'Hold messages during quiet hours' }));
    fireEvent.change(section.getByLabelText('To'), { target: { value: '22:00' } });
    fireEvent.click(section.getByRole('button', { name: 'Save notifications' }));
    expect(await section.findByText('Must differ from the start.')).toBeTruthy();
    const to = section.getByLabelText('To');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(to));
    expect(saves(api)).toHaveLength(0);
  });

  it('names the field the API refused (400) and keeps what was chosen', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(READ, { status: 200, body: { optedOut: false, weeklyDigest: false } });
    const section = await openNotifications(api);
    fireEvent.click(section.getByRole('switch', { name: 'Hold messages during quiet hours' }));
    fireEvent.change(section.getByLabelText('From'), { target: { value: '23:15' } });
    api.answerNext(SAVE, {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'quietHours.end: must differ from start',
          fields: [{ path: 'quietHours.end', message: 'must differ from start' }],
        },
      },
    });
    fireEvent.click(section.getByRole('button', { name: 'Save notifications' }));
    expect(await section.findByText(/Quiet hours to: must differ from start/)).toBeTruthy();
    expect(section.getByText('Your notification settings were not saved.')).toBeTruthy();
    expect(section.getByLabelText('To').getAttribute('aria-invalid')).toBe('true');
    expect(section.getByText('Must differ from start.')).toBeTruthy();
    expect((section.getByLabelText('From') as HTMLInputElement).value).toBe('23:15');
    expect(section.queryByText('Notification settings saved.')).toBeNull();
  });

  it('keeps the profile form and its own "Save profile" working beside it', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(READ, { status: 200, body: { optedOut: false, weeklyDigest: false } });
    await openNotifications(api);
    const dialog = within(screen.getByRole('dialog'));
    fireEvent.change(await dialog.findByLabelText('Title'), { target: { value: 'Analyst' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save profile' }));
    expect(await dialog.findByText('Profile saved.')).toBeTruthy();
    expect(api.profile.title).toBe('Analyst');
    expect(saves(api)).toHaveLength(0);
  });
});
