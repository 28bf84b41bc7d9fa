import { app, authentication, pages, FrameContexts } from '@microsoft/teams-js';

export type TeamsContext = app.Context;

/**
 * Resolves with the Teams context when the page runs inside Teams, or null otherwise.
 * Outside any frame `app.initialize()` rejects at once; inside a non-Teams frame it never settles,
 * hence the timeout.
 */
export async function detectTeams(timeoutMs = 3000): Promise<TeamsContext | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const initialized = app
    .initialize()
    .then(() => app.getContext())
    .catch(() => null);
  try {
    return await Promise.race([initialized, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Teams SSO token for the API (Teams caches and refreshes it). */
export function getTeamsToken(): Promise<string> {
  return authentication.getAuthToken();
}

/** Calls `handler` with the Teams theme name whenever the user changes it. */
export function onTeamsThemeChange(handler: (teamsTheme: string) => void): void {
  app.registerOnThemeChangeHandler(handler);
}

/** Tells Teams the app has started, so it can drop its loading indicator. */
export function notifyTeamsReady(): void {
  // Only hosts that show a loading indicator answer; a failure here leaves nothing to undo.
  app.notifySuccess().catch(() => undefined);
}

/** True when the tab is configured for a meeting (side panel, or any meeting context). */
export function isMeetingContext(context: TeamsContext | null): boolean {
  return context?.page.frameContext === FrameContexts.sidePanel || context?.meeting?.id !== undefined;
}

export interface TabConfig {
  readonly contentUrl: string;
  readonly entityId: string;
  readonly suggestedDisplayName: string;
}

/** The chat id of the meeting the tab runs in, if any (what a session is bound to). */
export function meetingChatId(context: TeamsContext | null): string | undefined {
  return isMeetingContext(context) ? context?.chat?.id : undefined;
}

/**
 * Wires the Teams configuration page: `current()` is read when the user presses Save, so the
 * latest choice is saved; `beforeSave` (e.g. binding the meeting to a session) runs first and may refuse.
 * Returns a function that marks the configuration valid or not.
 */
export function registerTabConfig(
  current: () => TabConfig | null,
  beforeSave: () => Promise<void> = () => Promise.resolve(),
): (valid: boolean) => void {
  pages.config.registerOnSaveHandler((saveEvent) => {
    const config = current();
    if (config === null) {
      saveEvent.notifyFailure('Choose a program first.');
      return;
    }
    beforeSave()
      .then(() => pages.config.setConfig(config))
      .then(() => saveEvent.notifySuccess())
      .catch((error: unknown) => saveEvent.notifyFailure(String(error)));
  });
  return (valid) => pages.config.setValidityState(valid);
}
