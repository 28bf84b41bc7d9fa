import { isProgramOwner } from '@peerloop/core';
import { json } from '../http/respond.js';
import { authenticatedRoute } from '../http/route.js';

/** The programs of the caller's tenant, and whether the caller may form cohorts in each. */
export const programsList = authenticatedRoute('programs-list', ['GET'], 'programs', async ({ actor, runtime }) => {
  const programs = await runtime.programs.list(actor.tenantId);
  return json(200, {
    items: programs.map((p) => ({
      id: p.id,
      name: p.name,
      purpose: p.purpose,
      canManage: isProgramOwner(p, actor.userId),
    })),
  });
});
