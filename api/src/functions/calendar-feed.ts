import { getCohort, NotFound } from '@peerloop/core';
import { isValidFeedToken, feedToken } from '../http/feed-token.js';
import { sessionsIcs } from '../http/ics.js';
import { json } from '../http/respond.js';
import { authenticatedRoute, publicRoute } from '../http/route.js';

const DAY = 86_400_000;

/** GET /api/cohorts/{id}/calendar-feed — the signed URL to subscribe to a cohort's sessions in Outlook. */
export const cohortCalendarFeed = authenticatedRoute(
  'cohort-calendar-feed',
  ['GET'],
  'cohorts/{id}/calendar-feed',
  async ({ actor, request, runtime }) => {
    const cohort = await getCohort(runtime, actor, request.params.id!);
    const path = `/api/feeds/${encodeURIComponent(actor.tenantId)}/${encodeURIComponent(cohort.id)}/calendar.ics`;
    const url = new URL(path, request.url);
    url.searchParams.set('token', feedToken(runtime.config.feedSigningKey, actor.tenantId, cohort.id));
    return json(200, { url: url.toString(), webcalUrl: url.toString().replace(/^https?:/, 'webcal:') });
  },
);

/** GET /api/feeds/{tenantId}/{cohortId}/calendar.ics?token= — the subscribed feed: a month back, a year ahead. */
export const calendarFeed = publicRoute(
  'calendar-feed',
  ['GET'],
  'feeds/{tenantId}/{cohortId}/calendar.ics',
  async ({ request, runtime }) => {
    const { tenantId, cohortId } = request.params as { tenantId: string; cohortId: string };
    const token = request.query.get('token') ?? '';
    if (!isValidFeedToken(runtime.config.feedSigningKey, tenantId, cohortId, token))
      throw new NotFound('calendar feed');
    const cohort = await runtime.cohorts.get(tenantId, cohortId);
    if (!cohort) throw new NotFound('calendar feed');
    const now = runtime.clock.now().getTime();
    const sessions = await runtime.sessions.list(tenantId, {
      cohortId,
      from: new Date(now - 31 * DAY),
      to: new Date(now + 366 * DAY),
    });
    return {
      status: 200,
      body: sessionsIcs(sessions, `${cohort.name} (PeerLoop)`),
      headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=900' },
    };
  },
);
