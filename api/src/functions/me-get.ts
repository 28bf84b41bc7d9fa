import { getMyProfile, updateMyProfile } from '@peerloop/core';
import { json, readJsonBody } from '../http/respond.js';
import { authenticatedRoute } from '../http/route.js';

/** Who the caller is, as the API sees them. */
export const meGet = authenticatedRoute('me-get', ['GET'], 'me', async ({ actor, runtime }) => {
  const person = await runtime.people.get(actor.tenantId, actor.userId);
  return json(200, {
    tenantId: actor.tenantId,
    userId: actor.userId,
    displayName: person?.displayName ?? actor.displayName ?? 'Unknown user',
  });
});

/** GET /api/me/profile — the caller's title, level, function, experience, skills, manager and time zone. */
export const myProfileGet = authenticatedRoute('my-profile-get', ['GET'], 'me/profile', async ({ actor, runtime }) =>
  json(200, await getMyProfile(runtime, actor)),
);

/** PATCH /api/me/profile — the caller keeps their profile up to date. */
export const myProfilePatch = authenticatedRoute(
  'my-profile-patch',
  ['PATCH'],
  'me/profile',
  async ({ actor, request, runtime }) => json(200, await updateMyProfile(runtime, actor, await readJsonBody(request))),
);
