import { DEFAULT_REMINDERS, type ReminderDefaults } from '../programs/program.js';
import type { Session, SessionNotice } from '../sessions/session.js';
import { newDelivery, type Delivery, type DeliveryKind, type Wave } from './delivery.js';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings, type ReminderDeps } from './deps.js';
import { DeliveryIds, digestSubject } from './ids.js';
import { localInstant, mondayOf } from './quiet-hours.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** What one planning pass over a tenant did. */
export interface PlanSummary {
  /** Waves planned in this pass (each a batch of deliveries). */
  readonly waves: number;
  /** Deliveries stored for the first time. */
  readonly created: number;
  /** Session notices turned into deliveries and taken out of their session's outbox. */
  readonly notices: number;
}

/** People who answered "going" or "maybe": who a session reminder is for. */
export function attendeesOf(session: Session): string[] {
  return Object.entries(session.rsvps)
    .filter(([, r]) => r.status === 'going' || r.status === 'maybe')
    .map(([userId]) => userId);
}

/** Everyone a change or cancellation concerns: who answered at all (but "can't go") and the presenters. */
function concernedBy(session: Session): string[] {
  const answered = Object.entries(session.rsvps)
    .filter(([, r]) => r.status !== 'declined')
    .map(([userId]) => userId);
  return [...new Set([...answered, ...session.presenters.map((p) => p.userId)])];
}

/**
 * Which participant reminder is due for a session now: of the leads (minutes before the start) whose time has
 * come, the one closest to the start. So a tick that was missed is caught up (a 24 h reminder still goes out
 * 20 hours before), but someone who answers 2 hours before gets the 15-minute reminder, not a stale "tomorrow".
 */
export function dueLead(leads: readonly number[], startsAt: string, now: Date): number | null {
  const start = Date.parse(startsAt);
  if (start <= now.getTime()) return null;
  const due = leads.filter((lead) => lead > 0 && start - lead * MINUTE <= now.getTime());
  return due.length === 0 ? null : Math.min(...due);
}

/**
 * Plans what is due in one tenant: session reminders (participants and presenters, per the program's
 * defaults), follow-ups after sessions, the sessions' notices (waitlist promotions, cancellations, changes)
 * and, on Mondays, the weekly digest. Every delivery has a deterministic id and each wave's marker is written
 * last, so running this twice, concurrently, or again after a crash plans each thing once.
 */
export async function planTenant(
  deps: ReminderDeps,
  tenantId: string,
  settings: PlanSettings = DEFAULT_PLAN_SETTINGS,
): Promise<PlanSummary> {
  const now = deps.clock.now();
  const totals = { waves: 0, created: 0, notices: 0 };
  const add = (part: { waves?: number; created?: number; notices?: number }) => {
    totals.waves += part.waves ?? 0;
    totals.created += part.created ?? 0;
    totals.notices += part.notices ?? 0;
  };
  // Sessions that may need a reminder (starting within the horizon) or a follow-up (ended lately; sessions
  // last at most 8 hours), in one single-partition query.
  const sessions = await deps.sessions.list(tenantId, {
    from: new Date(now.getTime() - settings.followUpWindowMinutes * MINUTE - DAY / 3),
    to: new Date(now.getTime() + settings.horizonMinutes * MINUTE),
  });
  // The most specific leads win: the session's own, its cohort's, its program's, PeerLoop's. Cohorts and
  // programs are read once per tick each.
  const programLeads = new Map<string, Promise<ReminderDefaults>>();
  const cohortLeads = new Map<string, Promise<ReminderDefaults | undefined>>();
  const remembered = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>) => {
    let found = cache.get(key);
    if (!found) {
      found = read();
      cache.set(key, found);
    }
    return found;
  };
  const defaultsOf = async (session: Session): Promise<ReminderDefaults> =>
    session.details.reminders ??
    (await remembered(cohortLeads, session.cohortId, () =>
      deps.cohorts.get(tenantId, session.cohortId).then((c) => c?.reminderDefaults),
    )) ??
    remembered(programLeads, session.programId, () =>
      deps.programs.get(tenantId, session.programId).then((p) => p?.reminderDefaults ?? DEFAULT_REMINDERS),
    );
  const upcoming: { session: Session; leads: ReminderDefaults }[] = [];
  for (const session of sessions) {
    if (session.status !== 'scheduled') continue;
    if (Date.parse(session.startsAt) > now.getTime()) {
      const leads = await defaultsOf(session);
      upcoming.push({ session, leads });
      add(await planReminders(deps, session, leads, now));
    } else if (Date.parse(session.endsAt) + settings.followUpAfterMinutes * MINUTE <= now.getTime()) {
      if (Date.parse(session.endsAt) + settings.followUpWindowMinutes * MINUTE > now.getTime()) {
        add(await planFollowUp(deps, session, settings, now));
      }
    }
  }
  for (const early of earlyWaves(upcoming, settings, now)) {
    add(await planParticipantWave(deps, early.session, early.lead, now, early.startAt));
  }
  for (const sessionId of await deps.outbox.sessionsWithNotices(tenantId)) {
    add(await planNotices(deps, tenantId, sessionId, now));
  }
  add(await planDigest(deps, tenantId, settings, now));
  return totals;
}

/** Creates a wave's deliveries, then its marker; nothing when the marker exists (planned before). */
async function planWave(
  deps: ReminderDeps,
  wave: Omit<Wave, 'recipients' | 'createdAt'>,
  now: Date,
  build: () => Promise<Delivery[]> | Delivery[],
): Promise<{ waves: number; created: number }> {
  if (await deps.deliveries.getWave(wave.tenantId, wave.subjectId, wave.id)) return { waves: 0, created: 0 };
  const deliveries = await build();
  const created = await deps.deliveries.createMany(deliveries);
  await deps.deliveries.putWave({ ...wave, recipients: deliveries.length, createdAt: now.toISOString() });
  return { waves: 1, created };
}

/**
 * Big waves start early. Sending runs at the tenant's rate, so a wave of 10,000 takes minutes: reminders due
 * within the next half hour (at most a quarter of their lead ahead) are planned now when all the reminder
 * work due by then, at that rate, would not be through by their due time otherwise (with a minute to spare:
 * the timer ticks once a minute). Their deliveries become
 * sendable from `startAt` (their due time stays what it is), so the last of them goes out on time rather than
 * minutes late. Small waves (under a minute of sending) are left to their due time.
 */
export function earlyWaves(
  upcoming: readonly { readonly session: Session; readonly leads: ReminderDefaults }[],
  settings: Pick<PlanSettings, 'sendRatePerSecond' | 'earlyStartMaxMinutes'>,
  now: Date,
): { session: Session; lead: number; startAt: Date }[] {
  const horizon = now.getTime() + settings.earlyStartMaxMinutes * MINUTE;
  const candidates = upcoming
    .flatMap(({ session, leads }) => {
      const start = Date.parse(session.startsAt);
      const lead = dueLead(leads.participantMinutesBefore, session.startsAt, new Date(Math.min(horizon, start - 1)));
      if (lead === null || lead === dueLead(leads.participantMinutesBefore, session.startsAt, now)) return [];
      const due = start - lead * MINUTE;
      return due > now.getTime() ? [{ session, lead, due, recipients: attendeesOf(session).length }] : [];
    })
    .sort((a, b) => a.due - b.due);
  const early: { session: Session; lead: number; startAt: Date }[] = [];
  let work = 0;
  for (const [index, candidate] of candidates.entries()) {
    work += candidate.recipients;
    // All that falls due by this wave's due time (waves due at the same moment count together).
    const dueTogether =
      work +
      candidates
        .slice(index + 1)
        .filter((c) => c.due === candidate.due)
        .reduce((n, c) => n + c.recipients, 0);
    const sendingMs = (dueTogether / settings.sendRatePerSecond) * 1000;
    if (sendingMs < MINUTE) continue;
    // A minute more than the sending takes: the timer ticks once a minute, and the next tick may be too late.
    const ahead = Math.min(sendingMs + MINUTE, settings.earlyStartMaxMinutes * MINUTE, (candidate.lead * MINUTE) / 4);
    if (candidate.due - ahead <= now.getTime()) {
      early.push({ session: candidate.session, lead: candidate.lead, startAt: new Date(candidate.due - ahead) });
    }
  }
  return early;
}

async function planReminders(deps: ReminderDeps, session: Session, defaults: ReminderDefaults, now: Date) {
  let waves = 0;
  let created = 0;
  const lead = dueLead(defaults.participantMinutesBefore, session.startsAt, now);
  if (lead !== null) {
    const result = await planParticipantWave(deps, session, lead, now);
    waves += result.waves;
    created += result.created;
  }
  const presenterLead = defaults.presenterDaysBefore * 1440;
  if (session.presenters.length > 0 && dueLead([presenterLead], session.startsAt, now) !== null) {
    const dueAt = new Date(Date.parse(session.startsAt) - presenterLead * MINUTE).toISOString();
    const result = await planWave(
      deps,
      {
        tenantId: session.tenantId,
        subjectId: session.id,
        id: DeliveryIds.presenterWave(session.id, session.startsAt, presenterLead),
        kind: 'presenter-reminder',
        dueAt,
      },
      now,
      () =>
        session.presenters.map((presenter) =>
          sessionDelivery(session, 'presenter-reminder', presenter.userId, now, {
            id: DeliveryIds.presenter(session.id, session.startsAt, presenterLead, presenter.userId),
            minutesBefore: presenterLead,
            dueAt,
          }),
        ),
    );
    waves += result.waves;
    created += result.created;
  }
  return { waves, created };
}

/** The participants' reminder at one lead; sendable from `startAt` when the wave starts early. */
function planParticipantWave(deps: ReminderDeps, session: Session, lead: number, now: Date, startAt?: Date) {
  const dueAt = new Date(Date.parse(session.startsAt) - lead * MINUTE).toISOString();
  return planWave(
    deps,
    {
      tenantId: session.tenantId,
      subjectId: session.id,
      id: DeliveryIds.reminderWave(session.id, session.startsAt, lead),
      kind: 'session-reminder',
      dueAt,
    },
    now,
    () =>
      attendeesOf(session).map((userId) =>
        sessionDelivery(session, 'session-reminder', userId, now, {
          id: DeliveryIds.reminder(session.id, session.startsAt, lead, userId),
          minutesBefore: lead,
          dueAt,
          ...(startAt ? { nextAt: startAt.toISOString() } : {}),
        }),
      ),
  );
}

/** The follow-up card: to those who checked in or were marked present, or (no attendance taken) who were going. */
async function planFollowUp(deps: ReminderDeps, session: Session, settings: PlanSettings, now: Date) {
  const present = Object.entries(session.attendance)
    .filter(([, a]) => a.present)
    .map(([userId]) => userId);
  const recipients =
    present.length > 0
      ? present
      : Object.entries(session.rsvps)
          .filter(([, r]) => r.status === 'going')
          .map(([userId]) => userId);
  const dueAt = new Date(Date.parse(session.endsAt) + settings.followUpAfterMinutes * MINUTE).toISOString();
  return planWave(
    deps,
    {
      tenantId: session.tenantId,
      subjectId: session.id,
      id: DeliveryIds.followUpWave(session.id),
      kind: 'session-follow-up',
      dueAt,
    },
    now,
    () =>
      recipients.map((userId) =>
        sessionDelivery(session, 'session-follow-up', userId, now, {
          id: DeliveryIds.followUp(session.id, userId),
          dueAt,
          expiresAt: new Date(Date.parse(session.endsAt) + 7 * DAY).toISOString(),
        }),
      ),
  );
}

const NOTICE_KINDS: Record<string, DeliveryKind> = {
  'waitlist-promoted': 'waitlist-promoted',
  'session-cancelled': 'session-cancelled',
  // Not written by core's sessions yet (see docs/adr/0006): planned as soon as editSession records it.
  'session-changed': 'session-changed',
};

/** A "this session changed" notice (a type core's sessions write once editSession records changes). */
function isChange(notice: SessionNotice): boolean {
  return (notice.type as string) === 'session-changed';
}

/**
 * The session's notices outbox: each notice becomes deliveries (ids from the notice), and only then is it
 * taken out of the session (under its ETag, so a notice written meanwhile stays). A crash in between plans the
 * same ids again next time: nothing is lost and nothing doubles.
 */
async function planNotices(deps: ReminderDeps, tenantId: string, sessionId: string, now: Date) {
  const session = await deps.sessions.get(tenantId, sessionId);
  if (!session) return { created: 0, notices: 0 };
  const handled: SessionNotice[] = session.notices.filter((notice) => NOTICE_KINDS[notice.type] !== undefined);
  if (handled.length === 0) return { created: 0, notices: 0 };
  // Several edits in a row are one piece of news: only the latest change is sent (the card shows the session
  // as it is when it goes out).
  const latestChange = handled.filter(isChange).at(-1);
  const deliveries: Delivery[] = [];
  for (const notice of handled) {
    if (isChange(notice) && notice !== latestChange) continue;
    const kind = NOTICE_KINDS[notice.type]!;
    // A seat, a change or a cancellation is news only until the session starts.
    if (Date.parse(session.startsAt) <= now.getTime()) continue;
    const recipients =
      notice.type === 'waitlist-promoted' ? (notice.userId ? [notice.userId] : []) : concernedBy(session);
    for (const userId of recipients) {
      deliveries.push(
        sessionDelivery(session, kind, userId, now, {
          id: DeliveryIds.notice(session.id, notice.id, userId),
          dueAt: notice.at,
          origin: { noticeId: notice.id },
        }),
      );
    }
  }
  const created = await deps.deliveries.createMany(deliveries);
  const ids = new Set(handled.map((n) => n.id));
  await deps.sessions.update(tenantId, sessionId, (current) => {
    const remaining = current.notices.filter((n) => !ids.has(n.id));
    if (remaining.length === current.notices.length) return { next: current, result: undefined };
    return { next: { ...current, notices: remaining }, result: undefined };
  });
  return { created, notices: handled.length };
}

/**
 * The weekly digest for the people who opted in: on Monday at the digest time where each lives. The week's
 * wave is planned from the moment the first time zone reaches its Monday (UTC+14) and caught up until Tuesday.
 */
async function planDigest(deps: ReminderDeps, tenantId: string, settings: PlanSettings, now: Date) {
  const weekOf = mondayOf(new Date(now.getTime() + 14 * 60 * MINUTE), 'UTC');
  const monday = Date.parse(`${weekOf}T00:00:00Z`);
  if (now.getTime() >= monday + 2 * DAY) return { waves: 0, created: 0 };
  const subjectId = digestSubject(weekOf);
  return planWave(
    deps,
    {
      tenantId,
      subjectId,
      id: DeliveryIds.digestWave(weekOf),
      kind: 'weekly-digest',
      dueAt: `${weekOf}T00:00:00.000Z`,
    },
    now,
    async () => {
      const subscribers = await deps.notificationPreferences.listDigestSubscribers(tenantId);
      if (subscribers.length === 0) return [];
      const zones = new Map((await deps.people.list(tenantId)).map((p) => [p.id, p.timeZone]));
      return subscribers.map((userId) => {
        const due = localInstant(weekOf, settings.digestLocalTime, zones.get(userId) ?? 'UTC');
        return newDelivery(
          {
            tenantId,
            id: DeliveryIds.digest(weekOf, userId),
            subjectId,
            kind: 'weekly-digest',
            recipientId: userId,
            dueAt: due.toISOString(),
            expiresAt: new Date(due.getTime() + 2 * DAY).toISOString(),
          },
          now,
        );
      });
    },
  );
}

function sessionDelivery(
  session: Session,
  kind: DeliveryKind,
  recipientId: string,
  now: Date,
  fields: Pick<Delivery, 'id' | 'dueAt'> & Partial<Delivery>,
): Delivery {
  return newDelivery(
    {
      tenantId: session.tenantId,
      subjectId: session.id,
      kind,
      recipientId,
      sessionId: session.id,
      sessionStartsAt: session.startsAt,
      expiresAt: session.startsAt,
      ...fields,
    },
    now,
  );
}
