import { createCohort } from '@peerloop/core';
import { json, readJsonBody } from '../http/respond.js';
import { authenticatedRoute } from '../http/route.js';

/** POST /api/cohorts — a program owner forms a cohort. */
export const cohortsPost = authenticatedRoute(
  'cohorts-post',
  ['POST'],
  'cohorts',
  async ({ actor, request, runtime }) => {
    const cohort = await createCohort(runtime, actor, await readJsonBody(request));
    return json(201, cohort, { location: `/api/cohorts/${cohort.id}` });
  },
);
