/// <reference types="vite/client" />

/** Build-time settings of the tab, set by the Toolkit's deploy step (docs/deploy.md). */
interface ImportMetaEnv {
  /** Origin of the API (the Function App), e.g. `https://func-peerloop-dev.azurewebsites.net`; unset: same origin. */
  readonly VITE_API_ENDPOINT?: string;
  /** Client id of the Entra app used for Teams single sign-on. */
  readonly VITE_AAD_APP_CLIENT_ID?: string;
  /** The Teams app id, for deep links. */
  readonly VITE_TEAMS_APP_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
