import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, startTransition, useEffect, useMemo, useState } from 'react';
import type { ComponentType } from 'react';
import { createApiClient } from './platform/api-client';
import type { FetchLike } from './platform/api-client';
import { SessionProvider } from './platform/api-context';
import type { Host } from './platform/api-context';
import { detectTeams, getTeamsToken, notifyTeamsReady, onTeamsThemeChange } from './platform/teams';
import type { TeamsContext } from './platform/teams';
import { fluentTheme, themeFromTeams, themeFromUrl } from './platform/theme';
import type { ThemeName } from './platform/theme';
import { LoadingState } from './shared/status';

export type ViewName = 'config' | 'channel' | 'personal' | 'sidepanel';

interface ViewProps {
  readonly programId?: string;
  /** A session to show (`?sessionId=`): the channel view opens it, the side panel shows it. */
  readonly sessionId?: string;
  /** A cohort whose home to open (`?cohortId=`, channel view). */
  readonly cohortId?: string;
  /** A library item to open (`?itemId=`, channel and personal views). */
  readonly itemId?: string;
}

type ViewModule = { readonly default: ComponentType<ViewProps> };

/** Each surface is its own chunk, so a surface loads only its own code. */
const VIEW_LOADERS: Record<ViewName, () => Promise<ViewModule>> = {
  config: () => import('./views/config-view').then((m) => ({ default: m.ConfigView })),
  channel: () => import('./views/channel-view').then((m) => ({ default: m.ChannelView })),
  personal: () => import('./views/personal-view').then((m) => ({ default: m.PersonalView })),
  sidepanel: () => import('./views/sidepanel-view').then((m) => ({ default: m.SidepanelView })),
};

/** Starts loading the view's chunk now, while Teams is detected and the user signed in. */
function lazyView(name: ViewName) {
  const loading = VIEW_LOADERS[name]();
  return lazy(() => loading);
}

/** Browser mode (local development) only: Teams never loads the persona picker. */
const BrowserSession = lazy(() => import('./platform/browser-session').then((m) => ({ default: m.BrowserSession })));

/** The view named by `?view=`; the channel view when absent or unknown. */
export function viewFromUrl(params: URLSearchParams): ViewName {
  const view = params.get('view');
  return view !== null && Object.hasOwn(VIEW_LOADERS, view) ? (view as ViewName) : 'channel';
}

const browserFetch: FetchLike = (input, init) => fetch(input, init);

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
});

export interface AppProps {
  readonly params: URLSearchParams;
  /** Injected in tests; by default Teams is detected with teams-js. */
  readonly detect?: () => Promise<TeamsContext | null>;
  readonly fetch?: FetchLike;
  /** Origin of the API (`VITE_API_ENDPOINT` in Azure, where it is a Function App); empty for the tab's own. */
  readonly apiBaseUrl?: string;
}

/** The whole tab: detects Teams or browser mode, applies the theme, signs in and shows the chosen view. */
export function App({ params, detect = detectTeams, fetch: fetchImpl = browserFetch, apiBaseUrl = '' }: AppProps) {
  const styles = useStyles();
  const [theme, setTheme] = useState<ThemeName>(() => themeFromUrl(params));
  const [host, setHost] = useState<Host | null>(null);

  useEffect(() => {
    let current = true;
    void detect().then((context) => {
      if (!current) return;
      if (context === null) {
        startTransition(() => setHost({ kind: 'browser' }));
        return;
      }
      setTheme(themeFromTeams(context.app.theme));
      onTeamsThemeChange((teamsTheme) => setTheme(themeFromTeams(teamsTheme)));
      startTransition(() => setHost({ kind: 'teams', context }));
      notifyTeamsReady();
    });
    return () => {
      current = false;
    };
  }, [detect]);

  const teamsApi = useMemo(
    () => createApiClient({ getToken: getTeamsToken, fetch: fetchImpl, baseUrl: apiBaseUrl }),
    [fetchImpl, apiBaseUrl],
  );
  const View = useMemo(() => lazyView(viewFromUrl(params)), [params]);
  const view = (
    <View
      programId={params.get('programId') ?? undefined}
      sessionId={params.get('sessionId') ?? undefined}
      cohortId={params.get('cohortId') ?? undefined}
      itemId={params.get('itemId') ?? undefined}
    />
  );

  // One boundary, shown from the first paint: code and data arrive in transitions, so React keeps the
  // loading state on screen until a view can render, instead of flashing a second fallback.
  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.root}>
      <Suspense fallback={<LoadingState label="Starting PeerLoop" />}>
        {host === null && <LoadingState label="Starting PeerLoop" />}
        {host?.kind === 'teams' && (
          <SessionProvider api={teamsApi} host={host}>
            {view}
          </SessionProvider>
        )}
        {host?.kind === 'browser' && (
          <BrowserSession
            theme={theme}
            onThemeChange={(next) => setTheme(rememberTheme(next))}
            fetch={fetchImpl}
            apiBaseUrl={apiBaseUrl}
          >
            {view}
          </BrowserSession>
        )}
      </Suspense>
    </FluentProvider>
  );
}

/** Keeps the browser-mode theme in the URL (`?theme=`), so a reload shows the same theme. */
function rememberTheme(theme: ThemeName): ThemeName {
  const url = new URL(window.location.href);
  if (theme === 'light') url.searchParams.delete('theme');
  else url.searchParams.set('theme', theme);
  window.history.replaceState(null, '', url);
  return theme;
}
