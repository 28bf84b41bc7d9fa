import {
  cancelSession,
  bindMeeting,
  checkIn,
  sessionForMeeting,
  editSession,
  getSession,
  listSessions,
  recordAttendance,
  respondToSession,
  scheduleSession,
} from '@peerloop/core';
import { json, queryObject, readJsonBody } from '../http/respond.js';
import { authenticatedRoute } from '../http/route.js';
import { sessionIcs } from '../http/ics.js';

/** GET /api/sessions?from=&to=&cohortId=&programId=&kind= — the calendar (month, week, agenda). */
export const sessionsList = authenticatedRoute(
  'sessions-list',
  ['GET'],
  'sessions',
  async ({ actor, request, runtime }) => json(200, { items: await listSessions(runtime, actor, queryObject(request)) }),
);

/** POST /api/sessions — schedule a session or a recurring series. */
export const sessionsPost = authenticatedRoute(
  'sessions-post',
  ['POST'],
  'sessions',
  async ({ actor, request, runtime }) => {
    const { sessions } = await scheduleSession(runtime, actor, await readJsonBody(request));
    const first = sessions[0]!;
    return json(
      201,
      { created: sessions.length, seriesId: first.seriesId ?? null, first: await getSession(runtime, actor, first.id) },
      { location: `/api/sessions/${first.id}` },
    );
  },
);

/** GET /api/sessions/{id} */
export const sessionGet = authenticatedRoute(
  'session-get',
  ['GET'],
  'sessions/{id}',
  async ({ actor, request, runtime }) => json(200, await getSession(runtime, actor, request.params.id!)),
);

/** PUT /api/sessions/{id}/meeting — bind the Teams meeting (its chat id) the session is held in. */
export const sessionMeetingPut = authenticatedRoute(
  'session-meeting-put',
  ['PUT'],
  'sessions/{id}/meeting',
  async ({ actor, request, runtime }) =>
    json(200, await bindMeeting(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** GET /api/meetings/{chatId}/session — the session the meeting side panel shows. */
export const meetingSessionGet = authenticatedRoute(
  'meeting-session-get',
  ['GET'],
  'meetings/{chatId}/session',
  async ({ actor, request, runtime }) => json(200, await sessionForMeeting(runtime, actor, request.params.chatId!)),
);

/** PATCH /api/sessions/{id} — edit one occurrence or the rest of its series. */
export const sessionPatch = authenticatedRoute(
  'session-patch',
  ['PATCH'],
  'sessions/{id}',
  async ({ actor, request, runtime }) =>
    json(200, await editSession(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** PUT /api/sessions/{id}/rsvp — going / maybe / declined. */
export const sessionRsvp = authenticatedRoute(
  'session-rsvp',
  ['PUT'],
  'sessions/{id}/rsvp',
  async ({ actor, request, runtime }) =>
    json(200, await respondToSession(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** POST /api/sessions/{id}/check-in — the caller checks in during the session window. */
export const sessionCheckIn = authenticatedRoute(
  'session-check-in',
  ['POST'],
  'sessions/{id}/check-in',
  async ({ actor, request, runtime }) => json(200, await checkIn(runtime, actor, request.params.id!)),
);

/** PUT /api/sessions/{id}/attendance — a facilitator records or corrects someone's attendance. */
export const sessionAttendance = authenticatedRoute(
  'session-attendance',
  ['PUT'],
  'sessions/{id}/attendance',
  async ({ actor, request, runtime }) =>
    json(200, await recordAttendance(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** POST /api/sessions/{id}/cancel — one occurrence, or the rest of its series. */
export const sessionCancel = authenticatedRoute(
  'session-cancel',
  ['POST'],
  'sessions/{id}/cancel',
  async ({ actor, request, runtime }) =>
    json(200, await cancelSession(runtime, actor, request.params.id!, await readJsonBody(request))),
);

/** GET /api/sessions/{id}/ics — the session as an iCalendar file, for Outlook and other calendars. */
export const sessionIcsGet = authenticatedRoute(
  'session-ics',
  ['GET'],
  'sessions/{id}/ics',
  async ({ actor, request, runtime }) => {
    const session = await getSession(runtime, actor, request.params.id!);
    return {
      status: 200,
      body: sessionIcs(session),
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="peerloop-${session.id}.ics"`,
        'cache-control': 'no-store',
      },
    };
  },
);
