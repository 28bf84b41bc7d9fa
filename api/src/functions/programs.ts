import { createProgram, NotFound, suggestProgramCohorts, updateProgram } from '@peerloop/core';
import { json, readJsonBody } from '../http/respond.js';
import { authenticatedRoute } from '../http/route.js';

/** GET /api/programs/{id} — purpose, owners and the current agreement texts. */
export const programGet = authenticatedRoute(
  'program-get',
  ['GET'],
  'programs/{id}',
  async ({ actor, request, runtime }) => {
    const program = await runtime.programs.get(actor.tenantId, request.params.id!);
    if (!program) throw new NotFound('program');
    return json(200, { ...program, canManage: program.ownerIds.includes(actor.userId) });
  },
);

/** POST /api/programs — start a program; the caller becomes an owner. */
export const programsPost = authenticatedRoute(
  'programs-post',
  ['POST'],
  'programs',
  async ({ actor, request, runtime }) => {
    const program = await createProgram(runtime, actor, await readJsonBody(request));
    return json(201, program, { location: `/api/programs/${program.id}` });
  },
);

/** PATCH /api/programs/{id} — owners change it; new agreement text is a new version members accept again. */
export const programPatch = authenticatedRoute(
  'program-patch',
  ['PATCH'],
  'programs/{id}',
  async ({ actor, request, runtime }) =>
    json(200, await updateProgram(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** POST /api/programs/{id}/cohort-suggestions — proposed cohorts by a common thread, with reasons. */
export const programCohortSuggestions = authenticatedRoute(
  'program-cohort-suggestions',
  ['POST'],
  'programs/{id}/cohort-suggestions',
  async ({ actor, request, runtime }) =>
    json(200, await suggestProgramCohorts(runtime, actor, request.params.id!, await readJsonBody(request))),
);
