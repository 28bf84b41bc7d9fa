/** @jest-environment jsdom */
import './test-support/jsdom-gaps';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from './app';
import type { FetchLike } from './platform/api-client';
import { FakePeerLoopApi } from './test-support/fake-api';

const outsideTeams = () => Promise.resolve(null);

function renderApp(api: FakePeerLoopApi, search = '?view=personal') {
  return render(<App params={new URLSearchParams(search)} detect={outsideTeams} fetch={api.fetch} />);
}

describe('browser mode', () => {
  beforeEach(() => localStorage.clear());

  it('signs in as the chosen persona, remembers it and sends Bearer dev:<userId>', async () => {
    const api = new FakePeerLoopApi();
    const first = renderApp(api);

    fireEvent.change(await screen.findByLabelText('Sign in as'), { target: { value: 'u-linus' } });

    expect(await screen.findByText('Signed in as Linus Pauling')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'My learning' })).toBeTruthy();
    await waitFor(() =>
      expect(api.requests).toContainEqual(
        expect.objectContaining({ url: '/api/cohorts?mine=true', authorization: 'Bearer dev:u-linus' }),
      ),
    );
    expect(api.requests.find((r) => r.url === '/api/dev/personas')?.authorization).toBeUndefined();

    first.unmount();
    renderApp(api);
    expect(await screen.findByText('Signed in as Linus Pauling')).toBeTruthy();
  });

  it('switches persona from the same picker', async () => {
    localStorage.setItem('peerloop.devPersona', 'u-linus');
    const api = new FakePeerLoopApi();
    renderApp(api, '?view=channel');

    await screen.findByText('Signed in as Linus Pauling');
    fireEvent.change(screen.getByLabelText('Sign in as'), { target: { value: 'u-ada' } });

    expect(await screen.findByText('Signed in as Ada Lovelace')).toBeTruthy();
    await waitFor(() =>
      expect(api.requests.at(-1)).toMatchObject({ url: '/api/cohorts', authorization: 'Bearer dev:u-ada' }),
    );
  });

  it('asks to open PeerLoop from Teams when the API is not in dev mode', async () => {
    const api = new FakePeerLoopApi();
    api.personas = null;
    renderApp(api);

    expect(await screen.findByText('Open PeerLoop from Microsoft Teams.')).toBeTruthy();
    expect(screen.queryByLabelText('Sign in as')).toBeNull();
  });

  it('applies the theme from the URL and offers all three themes', async () => {
    renderApp(new FakePeerLoopApi(), '?view=personal&theme=contrast');

    const theme = (await screen.findByLabelText('Theme')) as HTMLSelectElement;
    expect(theme.value).toBe('contrast');
    expect([...theme.options].map((o) => o.text)).toEqual(['Light', 'Dark', 'High contrast']);
  });

  it('calls the API on the origin it is given (VITE_API_ENDPOINT in Azure)', async () => {
    localStorage.setItem('peerloop.devPersona', 'u-linus');
    const api = new FakePeerLoopApi();
    const urls: string[] = [];
    const fetch: FetchLike = (input, init) => {
      urls.push(input);
      return api.fetch(input, init);
    };
    render(
      <App
        params={new URLSearchParams('?view=personal')}
        detect={outsideTeams}
        fetch={fetch}
        apiBaseUrl="https://func-peerloop.azurewebsites.net"
      />,
    );

    await waitFor(() => expect(urls).toContain('https://func-peerloop.azurewebsites.net/api/cohorts?mine=true'));
    expect(urls[0]).toBe('https://func-peerloop.azurewebsites.net/api/dev/personas');
  });
});
