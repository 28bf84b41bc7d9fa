const KEY = 'peerloop.devPersona';

/** The dev persona chosen last time in browser mode, if any. */
export function loadPersonaId(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Remembers the dev persona across reloads. */
export function savePersonaId(userId: string): void {
  try {
    localStorage.setItem(KEY, userId);
  } catch {
    // Storage can be disabled (private mode, strict iframes); the choice then lasts for this page only.
  }
}

/** The bearer token the API accepts for a dev persona, only when it runs in dev mode. */
export function devToken(userId: string): string {
  return `dev:${userId}`;
}
