/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import '../test-support/jsdom-gaps';
import type { TeamsContext } from '../platform/teams';
import { aCohort, aQuestion, aQueue, aSession, FakePeerLoopApi } from '../test-support/fake-api';
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

  it("shows a fireside chat's live question queue, and none for other kinds of session", async () => {
    const api = new FakePeerLoopApi();
    api.sessions = [
      aSession({ id: 's-1', kind: 'fireside-chat', title: 'Fireside chat', startsAt: soon(1), endsAt: soon(1.1) }),
      aSession({ id: 's-2', kind: 'learning-lunch', title: 'Lunch', startsAt: soon(2), endsAt: soon(2.1) }),
    ];
    api.queues.set('s-1', aQueue({ questions: [aQuestion({ text: 'What broke first?' })] }));
    const { unmount } = renderSignedIn(<SidepanelView sessionId="s-1" />, api, 'u-ada');
    const questions = await screen.findByRole('region', { name: 'Questions' });
    expect(await within(questions).findByText('What broke first?')).toBeTruthy();
    expect(within(questions).getByRole('form', { name: 'Ask a question' })).toBeTruthy();
    unmount();

    renderSignedIn(<SidepanelView sessionId="s-2" />, api, 'u-ada');
    expect(await screen.findByRole('heading', { level: 2, name: 'Lunch' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Questions' })).toBeNull();
    expect(api.requests.some((r) => r.url.startsWith('/api/sessions/s-2/questions'))).toBe(false);
  });
});
