import { Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { apiUrl, createApiClient } from './api-client';
import type { FetchLike } from './api-client';
import { SessionProvider } from './api-context';
import { devToken, loadPersonaId, savePersonaId } from './persona-store';
import { THEME_LABELS } from './theme';
import type { ThemeName } from './theme';
import { Page } from '../shared/page';
import { ErrorState, LoadingState } from '../shared/status';
import { useResource } from '../shared/use-resource';

/** A person the API offers to sign in as when it runs in dev mode. */
export interface Persona {
  readonly userId: string;
  readonly displayName: string;
  readonly title: string;
}

class DevModeUnavailable extends Error {}

const BROWSER_HOST = { kind: 'browser' } as const;

async function loadPersonas(fetchImpl: FetchLike, baseUrl: string): Promise<Persona[]> {
  const response = await fetchImpl(apiUrl(baseUrl, '/dev/personas'), { headers: { Accept: 'application/json' } });
  if (response.status === 404) throw new DevModeUnavailable();
  if (!response.ok) throw new Error(`The personas could not be loaded (${response.status}).`);
  const { personas } = (await response.json()) as { personas: Persona[] };
  return personas;
}

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  signedIn: { flexGrow: 1, paddingBottom: tokens.spacingVerticalSNudge },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface BrowserSessionProps {
  readonly theme: ThemeName;
  readonly onThemeChange: (theme: ThemeName) => void;
  readonly fetch: FetchLike;
  /** Origin of the API; empty for the tab's own. */
  readonly apiBaseUrl?: string;
  readonly children: ReactNode;
}

/**
 * Local development outside Teams: a bar to sign in as one of the API's dev personas (remembered in
 * localStorage, sent as `Bearer dev:<userId>`) and to switch theme. Without the API's dev mode it only
 * says to open the app from Teams.
 */
export function BrowserSession({
  theme,
  onThemeChange,
  fetch: fetchImpl,
  apiBaseUrl = '',
  children,
}: BrowserSessionProps) {
  const styles = useStyles();
  const { resource, reload } = useResource(() => loadPersonas(fetchImpl, apiBaseUrl), 'personas');
  const [personaId, setPersonaId] = useState(loadPersonaId);
  const personas = resource.status === 'ready' ? resource.data : [];
  const persona = personas.find((p) => p.userId === personaId);
  const api = useMemo(
    () =>
      persona
        ? createApiClient({ getToken: async () => devToken(persona.userId), fetch: fetchImpl, baseUrl: apiBaseUrl })
        : null,
    [persona, fetchImpl, apiBaseUrl],
  );

  if (resource.status === 'loading') return <LoadingState label="Starting PeerLoop" />;
  if (resource.status === 'error') {
    return resource.error instanceof DevModeUnavailable ? (
      <Page title="PeerLoop">
        <Text>Open PeerLoop from Microsoft Teams.</Text>
      </Page>
    ) : (
      <Page title="PeerLoop">
        <ErrorState title="PeerLoop could not start." error={resource.error} onRetry={reload} />
      </Page>
    );
  }

  function choose(userId: string) {
    savePersonaId(userId);
    setPersonaId(userId);
  }

  return (
    <>
      <header className={styles.bar} aria-label="Local development">
        <Field label="Sign in as">
          <Select value={persona?.userId ?? ''} onChange={(_, data) => choose(data.value)}>
            {!persona && <option value="">Choose a person</option>}
            {personas.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <div className={styles.signedIn}>
          <Text role="status">{persona ? `Signed in as ${persona.displayName}` : 'Not signed in'}</Text>
          {persona?.title ? <Text className={styles.muted}> · {persona.title}</Text> : null}
        </div>
        <Field label="Theme">
          <Select value={theme} onChange={(_, data) => onThemeChange(data.value as ThemeName)}>
            {Object.entries(THEME_LABELS).map(([name, label]) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
      </header>
      {persona && api ? (
        <SessionProvider key={persona.userId} api={api} host={BROWSER_HOST}>
          {children}
        </SessionProvider>
      ) : (
        <Page title="PeerLoop">
          <Text>Running outside Teams. Choose a person in “Sign in as” to try PeerLoop as them.</Text>
        </Page>
      )}
    </>
  );
}
