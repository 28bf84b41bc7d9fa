/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { aSession, FakePeerLoopApi } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { TeamsMeetingButton } from './teams-meeting-button';

const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_1%40thread.v2/0';
const available = { status: 200, body: { available: true } };

describe('"Create Teams meeting"', () => {
  it('creates the meeting for someone who runs the session, and hands back the session with its join link', async () => {
    const api = new FakePeerLoopApi();
    const session = aSession({ id: 's-7', canManage: true });
    api.answerNext('GET /api/directory/status', available);
    api.answerNext('POST /api/sessions/s-7/teams-meeting', {
      status: 201,
      body: {
        session: { ...session, meetingUrl: JOIN_URL },
        meeting: { joinUrl: JOIN_URL, chatId: '19:meeting_1@thread.v2', eventId: 'e-1', created: true },
      },
    });
    const created = jest.fn();
    renderSignedIn(<TeamsMeetingButton session={session} onCreated={created} />, api);

    fireEvent.click(await screen.findByRole('button', { name: 'Create Teams meeting' }));
    expect(
      await screen.findByText('The Teams meeting is in your Outlook calendar, and its side panel shows this session.'),
    ).toBeTruthy();
    expect(created).toHaveBeenCalledWith(expect.objectContaining({ id: 's-7', meetingUrl: JOIN_URL }));
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', url: '/api/sessions/s-7/teams-meeting' });
  });

  it('says why Microsoft 365 refused, e.g. missing consent', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext('GET /api/directory/status', available);
    api.answerNext('POST /api/sessions/s-1/teams-meeting', {
      status: 403,
      body: { error: { code: 'forbidden', message: 'Microsoft 365 refused PeerLoop access (ErrorAccessDenied).' } },
    });
    renderSignedIn(<TeamsMeetingButton session={aSession({ canManage: true })} onCreated={() => undefined} />, api);
    fireEvent.click(await screen.findByRole('button', { name: 'Create Teams meeting' }));
    expect(await screen.findByText('Microsoft 365 refused PeerLoop access (ErrorAccessDenied).')).toBeTruthy();
  });

  it('is not offered without Microsoft 365, to members, or for a session that has its meeting', async () => {
    const api = new FakePeerLoopApi(); // answers 404 to /api/directory/status
    const { unmount } = renderSignedIn(
      <TeamsMeetingButton session={aSession({ canManage: true })} onCreated={() => undefined} />,
      api,
    );
    await waitFor(() => expect(api.requests.some((r) => r.url === '/api/directory/status')).toBe(true));
    expect(screen.queryByRole('button')).toBeNull();
    unmount();

    for (const session of [aSession({ canManage: false }), aSession({ canManage: true, meetingUrl: JOIN_URL })]) {
      const other = new FakePeerLoopApi();
      other.answerNext('GET /api/directory/status', available);
      const view = renderSignedIn(<TeamsMeetingButton session={session} onCreated={() => undefined} />, other);
      await waitFor(() => expect(other.requests).toHaveLength(1));
      expect(screen.queryByRole('button')).toBeNull();
      view.unmount();
    }
  });
});
