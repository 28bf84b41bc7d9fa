import {
  answerNext,
  askQuestion,
  carryOverQuestions,
  editQuestion,
  exportQuestionsCsv,
  getQueue,
  moderateQuestion,
  qnaAccess,
  reorderQuestions,
  setQueueSettings,
  voteOnQuestion,
  withdrawQuestion,
} from '@peerloop/core';
import { json, readJsonBody } from '../http/respond.js';
import { authenticatedRoute } from '../http/route.js';
import { SSE_HEADERS } from '../live/sse-hub.js';

// Routes with a fixed last segment are listed (and matched) before those ending in {questionId}.

/** GET /api/sessions/{id}/questions — the queue and archive as the caller may see them (ETag, 304). */
export const questionsList = authenticatedRoute(
  'questions-list',
  ['GET'],
  'sessions/{id}/questions',
  async ({ actor, request, runtime }) => {
    const view = await getQueue(runtime, actor, request.params.id!);
    const etag = `W/"${view.role}.${view.enabled ? 1 : 0}.${view.revision}"`;
    if (request.headers.get('if-none-match') === etag) {
      return { status: 304, headers: { etag, 'cache-control': 'no-cache' } };
    }
    return json(200, view, { etag, 'cache-control': 'no-cache' });
  },
);

/** POST /api/sessions/{id}/questions — ask, by name or anonymously. */
export const questionsPost = authenticatedRoute(
  'questions-post',
  ['POST'],
  'sessions/{id}/questions',
  async ({ actor, request, runtime }) =>
    json(201, await askQuestion(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** POST /api/sessions/{id}/questions/next — hosts: answer the pinned question and pin the top one. */
export const questionsNext = authenticatedRoute(
  'questions-next',
  ['POST'],
  'sessions/{id}/questions/next',
  async ({ actor, request, runtime }) => {
    // The body is optional: `{ after }` moves on only if the queue still stands at that question.
    const options = request.headers.get('content-type') ? await readJsonBody(request) : {};
    return json(200, { question: await answerNext(runtime, actor, request.params.id!, options) });
  },
);

/** PUT /api/sessions/{id}/questions/settings — hosts: moderation on or off. */
export const questionsSettings = authenticatedRoute(
  'questions-settings',
  ['PUT'],
  'sessions/{id}/questions/settings',
  async ({ actor, request, runtime }) =>
    json(200, await setQueueSettings(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** PUT /api/sessions/{id}/questions/order — hosts: the hand order. */
export const questionsOrder = authenticatedRoute(
  'questions-order',
  ['PUT'],
  'sessions/{id}/questions/order',
  async ({ actor, request, runtime }) =>
    json(200, await reorderQuestions(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** POST /api/sessions/{id}/questions/carry-over — hosts: unanswered questions move to the cohort's next session. */
export const questionsCarryOver = authenticatedRoute(
  'questions-carry-over',
  ['POST'],
  'sessions/{id}/questions/carry-over',
  async ({ actor, request, runtime }) => json(200, await carryOverQuestions(runtime, actor, request.params.id!)),
);

/** GET /api/sessions/{id}/questions/export — hosts: the queue as CSV; anonymous askers are "Anonymous". */
export const questionsExport = authenticatedRoute(
  'questions-export',
  ['GET'],
  'sessions/{id}/questions/export',
  async ({ actor, request, runtime }) => {
    const { filename, csv } = await exportQuestionsCsv(runtime, actor, request.params.id!);
    return {
      status: 200,
      // A byte-order mark so spreadsheet apps read the UTF-8 names and questions correctly.
      body: `\uFEFF${csv}`,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
    };
  },
);

/** GET /api/sessions/{id}/questions/connection — how to listen live: server-sent events here, or Web PubSub. */
export const questionsConnection = authenticatedRoute(
  'questions-connection',
  ['GET'],
  'sessions/{id}/questions/connection',
  async ({ actor, request, runtime }) => {
    const access = await qnaAccess(runtime, actor, request.params.id!);
    return json(200, await runtime.live.connectionFor(actor.tenantId, access.session.id, access.role));
  },
);

/** GET /api/sessions/{id}/questions/live — server-sent events of the queue (when this process is the hub). */
export const questionsLive = authenticatedRoute(
  'questions-live',
  ['GET'],
  'sessions/{id}/questions/live',
  async ({ actor, request, runtime }) => {
    const access = await qnaAccess(runtime, actor, request.params.id!);
    const hub = runtime.live.sseHub;
    if (!hub) {
      return json(409, {
        error: {
          code: 'use_connection',
          message: 'live updates go through Web PubSub here: ask /questions/connection',
        },
      });
    }
    return {
      status: 200,
      body: hub.subscribe(actor.tenantId, access.session.id, access.role),
      headers: { ...SSE_HEADERS },
    };
  },
);

/** PUT /api/sessions/{id}/questions/{questionId}/vote — vote (once); DELETE takes it back. */
export const questionVote = authenticatedRoute(
  'question-vote',
  ['PUT', 'DELETE'],
  'sessions/{id}/questions/{questionId}/vote',
  async ({ actor, request, runtime }) =>
    json(
      200,
      await voteOnQuestion(runtime, actor, request.params.id!, request.params.questionId!, request.method === 'PUT'),
    ),
);

/** POST /api/sessions/{id}/questions/{questionId}/moderation — hosts: approve, dismiss, pin, answer... */
export const questionModeration = authenticatedRoute(
  'question-moderation',
  ['POST'],
  'sessions/{id}/questions/{questionId}/moderation',
  async ({ actor, request, runtime }) =>
    json(
      200,
      await moderateQuestion(
        runtime,
        actor,
        request.params.id!,
        request.params.questionId!,
        await readJsonBody(request),
      ),
    ),
);

/** PATCH /api/sessions/{id}/questions/{questionId} — the asker rewords; DELETE withdraws. */
export const questionChange = authenticatedRoute(
  'question-change',
  ['PATCH', 'DELETE'],
  'sessions/{id}/questions/{questionId}',
  async ({ actor, request, runtime }) => {
    const { id, questionId } = request.params as { id: string; questionId: string };
    if (request.method === 'DELETE') return json(200, await withdrawQuestion(runtime, actor, id, questionId));
    return json(200, await editQuestion(runtime, actor, id, questionId, await readJsonBody(request)));
  },
);

export const qnaRoutes = [
  questionsList,
  questionsPost,
  questionsNext,
  questionsSettings,
  questionsOrder,
  questionsCarryOver,
  questionsExport,
  questionsConnection,
  questionsLive,
  questionVote,
  questionModeration,
  questionChange,
];
