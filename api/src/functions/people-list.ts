import { json } from '../http/respond.js';
import { authenticatedRoute } from '../http/route.js';

/** People of the caller's tenant with their common-thread attributes, for pickers (facilitator, members). */
export const peopleList = authenticatedRoute('people-list', ['GET'], 'people', async ({ actor, runtime }) => {
  const people = await runtime.people.list(actor.tenantId);
  return json(200, {
    items: people.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      title: p.title,
      level: p.level,
      function: p.function,
    })),
  });
});
