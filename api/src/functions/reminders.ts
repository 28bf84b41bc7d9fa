import type { HttpRequest, InvocationContext } from '@azure/functions';
import {
  deliveryReport,
  getMyNotificationPreferences,
  sendReminderNow,
  updateMyNotificationPreferences,
} from '@peerloop/core';
import type { Runtime } from '../composition.js';
import { json, readJsonBody } from '../http/respond.js';
import { authenticatedRoute, type RouteDefinition } from '../http/route.js';
import type { Reminders } from '../reminders/reminders-runtime.js';

/** The runtime's reminders (api/src/composition.ts builds them with buildReminders). */
export function remindersOf(runtime: Runtime): Reminders {
  const reminders = (runtime as Runtime & { readonly reminders?: Reminders }).reminders;
  if (!reminders) throw new Error('the reminders are not wired into this runtime (api/src/composition.ts)');
  return reminders;
}

/** An optional JSON body: none at all means `{}`. */
async function optionalJsonBody(request: HttpRequest): Promise<unknown> {
  if (!request.headers.get('content-type') && Number(request.headers.get('content-length') ?? '0') === 0) return {};
  return readJsonBody(request);
}

/**
 * POST /api/sessions/{id}/reminders — a facilitator's "send reminder now" (optional `{ note }`). The deliveries
 * are stored first; then this request delivers what it can within a few seconds and the timer the rest.
 */
export const sessionRemindersPost = authenticatedRoute(
  'session-reminders-post',
  ['POST'],
  'sessions/{id}/reminders',
  async ({ actor, request, runtime }) => {
    const reminders = remindersOf(runtime);
    const sessionId = request.params.id!;
    const scheduled = await sendReminderNow(reminders.deps, actor, sessionId, await optionalJsonBody(request));
    const dispatched = await reminders.engine.dispatch(actor.tenantId, {
      budgetMs: reminders.settings.sendNowBudgetMs,
      subjectId: sessionId,
    });
    return json(202, {
      ...scheduled,
      sent: dispatched.sent,
      failed: dispatched.failed,
      skipped: dispatched.skipped,
      report: `/api/sessions/${encodeURIComponent(sessionId)}/deliveries`,
    });
  },
);

/** GET /api/sessions/{id}/deliveries — the session's delivery report (facilitators and program owners). */
export const sessionDeliveriesGet = authenticatedRoute(
  'session-deliveries-get',
  ['GET'],
  'sessions/{id}/deliveries',
  async ({ actor, request, runtime }) =>
    json(200, await deliveryReport(remindersOf(runtime).deps, actor, request.params.id!)),
);

/** GET /api/me/notifications — what PeerLoop sends me: opt-out, quiet hours, weekly digest. */
export const myNotificationsGet = authenticatedRoute(
  'my-notifications-get',
  ['GET'],
  'me/notifications',
  async ({ actor, runtime }) => json(200, await getMyNotificationPreferences(remindersOf(runtime).deps, actor)),
);

/** PATCH /api/me/notifications — change them (`quietHours: null` clears quiet hours). */
export const myNotificationsPatch = authenticatedRoute(
  'my-notifications-patch',
  ['PATCH'],
  'me/notifications',
  async ({ actor, request, runtime }) =>
    json(200, await updateMyNotificationPreferences(remindersOf(runtime).deps, actor, await readJsonBody(request))),
);

/** The reminders' HTTP functions, for routes.ts. */
export const reminderRoutes: readonly RouteDefinition[] = [
  sessionRemindersPost,
  sessionDeliveriesGet,
  myNotificationsGet,
  myNotificationsPatch,
];

/** A timer function: registered with the Functions host in Azure and fired by the local host in dev. */
export interface TimerDefinition {
  readonly name: string;
  /** NCRONTAB with seconds, as the Functions host reads it. */
  readonly schedule: string;
  readonly handle: (context: InvocationContext, runtime: Runtime) => Promise<void>;
}

/**
 * The reminders' tick, every minute: plans what became due in every allowed tenant (catching up missed ticks,
 * which leave their work due) and dispatches it. The Functions host runs one timer invocation at a time; a
 * backlog keeps a tick going (planning again each minute) and the next one starts when it ends.
 */
export const remindersTick: TimerDefinition = {
  name: 'reminders-tick',
  schedule: '0 * * * * *',
  handle: async (context, runtime) => {
    const summary = await remindersOf(runtime).tick();
    if (summary.overlapped) return;
    const { planned, dispatched } = summary;
    context.log(
      `[reminders] tick: ${planned.created} planned (${planned.notices} notices), ${dispatched.sent} sent, ` +
        `${dispatched.failed} failed, ${dispatched.skipped} skipped, ${dispatched.deferred} deferred, ` +
        `${dispatched.throttled} throttled${dispatched.remaining ? ', backlog left for the next tick' : ''} ` +
        `in ${summary.durationMs} ms`,
    );
  },
};

/** Every timer function of the app, for api/src/functions/index.ts and the local host. */
export const timers: readonly TimerDefinition[] = [remindersTick];
