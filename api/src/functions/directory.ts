import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import {
  DirectoryNotConfigured,
  DirectoryUnavailable,
  UserAssertion,
  createTeamsMeetingForSession,
  syncMyProfileFromDirectory,
  type Principal,
} from '@peerloop/core';
import type { Runtime } from '../composition.js';
import type { GraphServices } from '../graph/index.js';
import { json, readJsonBody, type ErrorBody } from '../http/respond.js';
import { authenticatedRoute, type RouteDefinition } from '../http/route.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const DEV_TOKEN_PREFIX = 'dev:';

/** The Microsoft Graph adapters the composition root built (`runtime.graph`), or null when Graph is off. */
function graphOf(runtime: Runtime): GraphServices | null {
  return (runtime as Runtime & { readonly graph?: GraphServices | null }).graph ?? null;
}

/** The caller's own SSO token (already verified), wrapped so that it can only reach the token endpoint. */
function assertionOf(request: HttpRequest, actor: Principal): UserAssertion {
  const token = BEARER.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!token || token.startsWith(DEV_TOKEN_PREFIX)) {
    throw new DirectoryNotConfigured(
      'Microsoft 365 needs a Teams sign-in: a dev persona has no Microsoft 365 account to act for',
    );
  }
  return new UserAssertion(actor.tenantId, token);
}

/** Microsoft 365 down or refusing PeerLoop's own credentials is a 503 with Retry-After, not a PeerLoop fault. */
async function answering(handler: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  try {
    return await handler();
  } catch (error) {
    if (!(error instanceof DirectoryUnavailable)) throw error;
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    return json(503, body, error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {});
  }
}

/** GET /api/directory/status — whether the tab may offer "Fill from Microsoft 365" and "Create Teams meeting". */
export const directoryStatus = authenticatedRoute(
  'directory-status',
  ['GET'],
  'directory/status',
  async ({ request, runtime }) => {
    const configured = graphOf(runtime) !== null;
    const token = BEARER.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    const signedInWithTeams = token !== '' && !token.startsWith(DEV_TOKEN_PREFIX);
    if (configured && signedInWithTeams) return json(200, { available: true });
    return json(200, {
      available: false,
      reason: configured
        ? 'Microsoft 365 needs a Teams sign-in: a dev persona has no Microsoft 365 account'
        : 'Microsoft 365 (Microsoft Graph) is not configured for this PeerLoop',
    });
  },
);

/** POST /api/me/profile/sync — fill the caller's profile from Microsoft 365; body `{ replace?: [field…] }`. */
export const myProfileSync = authenticatedRoute(
  'my-profile-sync',
  ['POST'],
  'me/profile/sync',
  async ({ actor, request, runtime }) =>
    answering(async () => {
      const graph = graphOf(runtime);
      if (!graph) throw new DirectoryNotConfigured();
      const input = await readJsonBody(request);
      const result = await syncMyProfileFromDirectory(
        { people: runtime.people, directory: graph.directory },
        actor,
        assertionOf(request, actor),
        input,
      );
      return json(200, result);
    }),
);

/** POST /api/sessions/{id}/teams-meeting — create the session's Outlook event with a Teams meeting, once. */
export const sessionTeamsMeetingPost = authenticatedRoute(
  'session-teams-meeting-post',
  ['POST'],
  'sessions/{id}/teams-meeting',
  async ({ actor, request, runtime }) =>
    answering(async () => {
      const graph = graphOf(runtime);
      if (!graph) throw new DirectoryNotConfigured();
      const outcome = await createTeamsMeetingForSession(
        { ...runtime, meetings: graph.meetings },
        actor,
        assertionOf(request, actor),
        request.params.id!,
      );
      return json(outcome.meeting.created ? 201 : 200, outcome);
    }),
);

/** The Microsoft Graph routes, for routes.ts. */
export const directoryRoutes: readonly RouteDefinition[] = [directoryStatus, myProfileSync, sessionTeamsMeetingPost];
