import { z } from 'zod';
import { canRunCohort, roleIn } from '../cohorts/access.js';
import { Conflict, Forbidden, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import type { Session } from '../sessions/session.js';
import type { Cohort } from '../cohorts/cohort.js';
import {
  newDelivery,
  type Delivery,
  type DeliveryKind,
  type DeliveryState,
  type FailureReason,
  type SkipReason,
} from './delivery.js';
import type { ReminderDeps } from './deps.js';
import { DeliveryIds, startStamp } from './ids.js';
import { attendeesOf } from './planner.js';

/** A facilitator may send "reminder now" for a session once in this many minutes. */
export const SEND_NOW_COOLDOWN_MINUTES = 10;

/** Body of POST /api/sessions/{id}/reminders. */
export const sendReminderNowInput = z
  .strictObject({
    note: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
  })
  .default({});

async function sessionForRunner(
  deps: ReminderDeps,
  actor: Principal,
  sessionId: string,
): Promise<{ session: Session; cohort: Cohort }> {
  const session = await deps.sessions.get(actor.tenantId, sessionId);
  if (!session) throw new NotFound('session');
  const cohort = await deps.cohorts.get(actor.tenantId, session.cohortId);
  if (!cohort) throw new NotFound('session');
  if (roleIn(cohort, actor.userId) !== 'facilitator') {
    const program = await deps.programs.get(actor.tenantId, cohort.programId);
    if (!canRunCohort(cohort, program, actor.userId)) {
      throw new Forbidden(`only a facilitator of "${cohort.name}" or an owner of its program can do this`);
    }
  }
  return { session, cohort };
}

export interface SendNowResult {
  /** The people it goes to: those who answered "going" or "maybe". */
  readonly recipients: number;
  /** Deliveries stored by this request (0 when the same request was already taken). */
  readonly created: number;
  readonly waveId: string;
}

/**
 * A facilitator's "send reminder now": a reminder to everyone going (or maybe) right away, with an optional
 * note. Deliveries are stored first (ids from the session and the minute), so a double click or a retried
 * request schedules nothing twice; a second request within the cooldown is refused with when it is allowed.
 */
export async function sendReminderNow(
  deps: ReminderDeps,
  actor: Principal,
  sessionId: string,
  rawInput: unknown,
): Promise<SendNowResult> {
  const input = parseInput(sendReminderNowInput, rawInput ?? {});
  const { session } = await sessionForRunner(deps, actor, sessionId);
  const now = deps.clock.now();
  if (session.status === 'cancelled') throw new Conflict('this session was cancelled');
  if (Date.parse(session.endsAt) <= now.getTime()) throw new Conflict('this session has ended');
  const requestKey = startStamp(now.toISOString());
  const waveId = DeliveryIds.nowWave(session.id, requestKey);
  const last = await deps.deliveries.latestWave(actor.tenantId, session.id, 'reminder-now');
  if (last && last.id !== waveId) {
    const allowedFrom = Date.parse(last.createdAt) + SEND_NOW_COOLDOWN_MINUTES * 60_000;
    if (allowedFrom > now.getTime()) {
      throw new Conflict(
        `a reminder for this session was sent at ${last.createdAt}; another can be sent from ${new Date(allowedFrom).toISOString()}`,
      );
    }
  }
  const recipients = attendeesOf(session);
  const deliveries = recipients.map((userId) =>
    newDelivery(
      {
        tenantId: actor.tenantId,
        id: DeliveryIds.now(session.id, requestKey, userId),
        subjectId: session.id,
        kind: 'reminder-now',
        recipientId: userId,
        sessionId: session.id,
        sessionStartsAt: session.startsAt,
        dueAt: now.toISOString(),
        expiresAt: session.endsAt,
        origin: { requestedBy: actor.userId, waveId, ...(input.note ? { note: input.note } : {}) },
      },
      now,
    ),
  );
  const created = await deps.deliveries.createMany(deliveries);
  await deps.deliveries.putWave({
    tenantId: actor.tenantId,
    subjectId: session.id,
    id: waveId,
    kind: 'reminder-now',
    dueAt: now.toISOString(),
    recipients: recipients.length,
    requestedBy: actor.userId,
    createdAt: now.toISOString(),
  });
  return { recipients: recipients.length, created, waveId };
}

/** One line of a session's delivery report. */
export interface DeliveryReportLine {
  readonly id: string;
  readonly kind: DeliveryKind;
  readonly recipient: { readonly userId: string; readonly displayName: string };
  readonly state: DeliveryState;
  readonly dueAt: string;
  readonly attempts: number;
  readonly sentAt?: string;
  readonly failure?: { readonly reason: FailureReason; readonly status?: number };
  readonly skipped?: SkipReason;
  /** Sent again after a dispatcher stopped mid-send: it may have arrived twice. */
  readonly resentAfterCrash: boolean;
}

export interface DeliveryReport {
  readonly sessionId: string;
  readonly title: string;
  readonly startsAt: string;
  readonly totals: {
    readonly total: number;
    readonly pending: number;
    readonly sent: number;
    readonly failed: number;
    readonly skipped: number;
    readonly optedOut: number;
  };
  readonly failuresByReason: Partial<Record<FailureReason, number>>;
  readonly skippedByReason: Partial<Record<SkipReason, number>>;
  readonly deliveries: readonly DeliveryReportLine[];
}

/**
 * What PeerLoop sent about one session, for its facilitators and program owners: sent, failed (and why),
 * opted out and otherwise skipped, per person. One single-partition query (the session's deliveries).
 */
export async function deliveryReport(deps: ReminderDeps, actor: Principal, sessionId: string): Promise<DeliveryReport> {
  const { session, cohort } = await sessionForRunner(deps, actor, sessionId);
  const deliveries = await deps.deliveries.listBySubject(actor.tenantId, session.id);
  const names = new Map<string, string>([
    ...cohort.members.map((m) => [m.userId, m.displayName] as const),
    ...(cohort.departures ?? []).map((d) => [d.userId, d.displayName] as const),
    ...session.presenters.map((p) => [p.userId, p.displayName] as const),
  ]);
  // People outside the cohort may answer open sessions (lunches, networking): their names come from profiles.
  const unknown = [...new Set(deliveries.map((d) => d.recipientId))].filter((id) => !names.has(id)).slice(0, 200);
  for (const person of await Promise.all(unknown.map((id) => deps.people.get(actor.tenantId, id)))) {
    if (person) names.set(person.id, person.displayName);
  }
  const count = (predicate: (d: Delivery) => boolean) => deliveries.filter(predicate).length;
  const failuresByReason: Partial<Record<FailureReason, number>> = {};
  const skippedByReason: Partial<Record<SkipReason, number>> = {};
  for (const d of deliveries) {
    if (d.failure) failuresByReason[d.failure.reason] = (failuresByReason[d.failure.reason] ?? 0) + 1;
    if (d.skipped) skippedByReason[d.skipped.reason] = (skippedByReason[d.skipped.reason] ?? 0) + 1;
  }
  return {
    sessionId: session.id,
    title: session.title,
    startsAt: session.startsAt,
    totals: {
      total: deliveries.length,
      pending: count((d) => d.state === 'pending' || d.state === 'sending'),
      sent: count((d) => d.state === 'sent'),
      failed: count((d) => d.state === 'failed'),
      skipped: count((d) => d.state === 'skipped'),
      optedOut: count((d) => d.skipped?.reason === 'opted-out'),
    },
    failuresByReason,
    skippedByReason,
    deliveries: [...deliveries]
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id))
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        recipient: { userId: d.recipientId, displayName: names.get(d.recipientId) ?? d.recipientId },
        state: d.state,
        dueAt: d.dueAt,
        attempts: d.attempts,
        ...(d.sentAt ? { sentAt: d.sentAt } : {}),
        ...(d.failure
          ? { failure: { reason: d.failure.reason, ...(d.failure.status ? { status: d.failure.status } : {}) } }
          : {}),
        ...(d.skipped ? { skipped: d.skipped.reason } : {}),
        resentAfterCrash: d.recoveries > 0,
      })),
  };
}
