/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import '../test-support/jsdom-gaps';
import type { TeamsContext } from '../platform/teams';
import { aCohort, aSession, FakePeerLoopApi } from '../test-support/fake-api';
import { renderSignedIn } from '../test-support/render';
import { SidepanelView } from './sidepanel-view';

const inMeeting = {
  kind: 'teams',
  context: { app: { theme: 'default' }, page: { frameContext: 'sidePanel' }, chat: { id: 'chat-1' } } as TeamsContext,
} as const;

describe('meeting side panel', () => {
  const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  it("shows the session bound to the meeting's chat", async () => {
    const api = new FakePeerLoopApi();
    api.answerNext('GET /api/meetings/chat-1/session', {
      status: 200,
      body: aSession({ title: 'Bound fireside chat', startsAt: soon(1), endsAt: soon(1.1) }),
    });
    renderSignedIn(<SidepanelView />, api, 'u-ada', inMeeting);
    expect(await screen.findByRole('heading', { level: 2, name: 'Bound fireside chat' })).toBeTruthy();
  });

  it('falls back to my next session when no session is bound (404)', async () => {
    const api = new FakePeerLoopApi();
    api.cohorts = [aCohort()];
    api.sessions = [aSession({ title: 'My next lunch', startsAt: soon(2), endsAt: soon(2.1) })];
    renderSignedIn(<SidepanelView />, api, 'u-ada', inMeeting);
    expect(await screen.findByRole('heading', { level: 2, name: 'My next lunch' })).toBeTruthy();
    expect(api.requests.map((r) => r.url)).toContain('/api/meetings/chat-1/session');
  });
});
