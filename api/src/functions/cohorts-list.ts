import { listCohorts } from '@peerloop/core';
import { json, queryObject } from '../http/respond.js';
import { authenticatedRoute } from '../http/route.js';

/** GET /api/cohorts?programId=&mine=true — the channel tab's and "My learning"'s cohort list. */
export const cohortsList = authenticatedRoute(
  'cohorts-list',
  ['GET'],
  'cohorts',
  async ({ actor, request, runtime }) => {
    const items = await listCohorts(runtime, actor, queryObject(request, ['mine']));
    return json(200, { items });
  },
);
