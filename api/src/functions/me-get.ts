import { json } from '../http/respond.js';
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
