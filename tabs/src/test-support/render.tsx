import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createApiClient } from '../platform/api-client';
import { SessionProvider } from '../platform/api-context';
import type { Host } from '../platform/api-context';
import type { FakePeerLoopApi } from './fake-api';

const BROWSER: Host = { kind: 'browser' };

/** Renders a view signed in as `userId` (in browser mode unless a host is given), talking to the fake API. */
export function renderSignedIn(ui: ReactElement, api: FakePeerLoopApi, userId = 'u-ada', host: Host = BROWSER) {
  const client = createApiClient({ getToken: async () => `dev:${userId}`, fetch: api.fetch });
  return render(
    <FluentProvider theme={teamsLightTheme}>
      <SessionProvider api={client} host={host}>
        {ui}
      </SessionProvider>
    </FluentProvider>,
  );
}
