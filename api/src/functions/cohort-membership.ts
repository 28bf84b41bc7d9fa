import {
  acceptAgreements,
  getCohort,
  inviteToCohort,
  joinCohort,
  leaveCohort,
  setCohortChannel,
  updateCohort,
} from '@peerloop/core';
import { json, readJsonBody } from '../http/respond.js';
import { authenticatedRoute } from '../http/route.js';

/** GET /api/cohorts/{id} — the cohort's home: members, agreements, my standing. */
export const cohortGet = authenticatedRoute(
  'cohort-get',
  ['GET'],
  'cohorts/{id}',
  async ({ actor, request, runtime }) => json(200, await getCohort(runtime, actor, request.params.id!)),
);

/** PATCH /api/cohorts/{id} — owners and facilitators change it. */
export const cohortPatch = authenticatedRoute(
  'cohort-patch',
  ['PATCH'],
  'cohorts/{id}',
  async ({ actor, request, runtime }) =>
    json(200, await updateCohort(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** POST /api/cohorts/{id}/members — join, or add someone (409 reporting_line asks for an explicit choice). */
export const cohortMembersPost = authenticatedRoute(
  'cohort-members-post',
  ['POST'],
  'cohorts/{id}/members',
  async ({ actor, request, runtime }) => {
    const { member, alreadyMember } = await joinCohort(runtime, actor, request.params.id!, await readJsonBody(request));
    return json(alreadyMember ? 200 : 201, { member, alreadyMember });
  },
);

/** POST /api/cohorts/{id}/members/{userId}/leave — leave, or remove someone; recorded with date and reason. */
export const cohortMemberLeave = authenticatedRoute(
  'cohort-member-leave',
  ['POST'],
  'cohorts/{id}/members/{userId}/leave',
  async ({ actor, request, runtime }) =>
    json(
      200,
      await leaveCohort(runtime, actor, request.params.id!, request.params.userId!, await readJsonBody(request)),
    ),
);

/** POST /api/cohorts/{id}/agreements — accept the program's current code of conduct and confidentiality terms. */
export const cohortAgreementsPost = authenticatedRoute(
  'cohort-agreements-post',
  ['POST'],
  'cohorts/{id}/agreements',
  async ({ actor, request, runtime }) => json(200, await acceptAgreements(runtime, actor, request.params.id!)),
);

/** POST /api/cohorts/{id}/invitations — invite people to a cohort that is by invitation. */
export const cohortInvitationsPost = authenticatedRoute(
  'cohort-invitations-post',
  ['POST'],
  'cohorts/{id}/invitations',
  async ({ actor, request, runtime }) =>
    json(200, await inviteToCohort(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** PUT /api/cohorts/{id}/channel — record the Teams channel the cohort lives in (those who run it). */
export const cohortChannelPut = authenticatedRoute(
  'cohort-channel-put',
  ['PUT'],
  'cohorts/{id}/channel',
  async ({ actor, request, runtime }) =>
    json(200, await setCohortChannel(runtime, actor, request.params.id!, await readJsonBody(request))),
);
