import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from './api-client';
import type { TeamsContext } from './teams';

/** Where the tab runs: inside Teams (with its context) or in a plain browser with a dev persona. */
export type Host = { readonly kind: 'teams'; readonly context: TeamsContext } | { readonly kind: 'browser' };

interface Session {
  readonly api: ApiClient;
  readonly host: Host;
}

const SessionContext = createContext<Session | null>(null);

/** Makes the signed-in API client and the host available to the views below it. */
export function SessionProvider({ api, host, children }: Session & { children: ReactNode }) {
  return <SessionContext.Provider value={{ api, host }}>{children}</SessionContext.Provider>;
}

function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useApi and useHost need a SessionProvider above them.');
  return session;
}

/** The API client of the signed-in user. */
export function useApi(): ApiClient {
  return useSession().api;
}

/** Whether the tab runs in Teams or in a browser. */
export function useHost(): Host {
  return useSession().host;
}
