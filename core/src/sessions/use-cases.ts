import type { Cohort, CohortRepository } from '../cohorts/cohort.js';
import { canRunCohort, roleIn } from '../cohorts/access.js';
import type { PersonRepository } from '../people/person.js';
import type { Program, ProgramRepository } from '../programs/program.js';
import { Forbidden, NotFound, ValidationFailed } from '../shared/errors.js';
import type { Clock, IdGenerator } from '../shared/ports.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import {
  attendanceInput,
  bindMeetingInput,
  cancelSessionInput,
  editSessionInput,
  listSessionsQuery,
  rsvpInput,
  scheduleSessionInput,
  type SessionView,
} from './contracts.js';
import { expandRecurrence, localToInstant } from './recurrence.js';
import { applyAttendanceCorrection, applyCheckIn, applyRsvp, type RsvpOutcome } from './rsvp.js';
import { newSession, seatsTaken, type Presenter, type Session, type SessionRepository } from './session.js';

export interface SessionDeps {
  readonly sessions: SessionRepository;
  readonly cohorts: CohortRepository;
  readonly programs: ProgramRepository;
  readonly people: PersonRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** How far ahead an open-ended series is laid out, and the most occurrences one series may have. */
export const SERIES_HORIZON_DAYS = 366;
export const SERIES_MAX_OCCURRENCES = 260;

/** Kinds anyone in the organisation may join, whatever their cohort: the open formats. */
const OPEN_KINDS = new Set(['learning-lunch', 'networking']);

async function loadCohort(deps: Pick<SessionDeps, 'cohorts'>, actor: Principal, cohortId: string, field = 'cohortId') {
  const cohort = await deps.cohorts.get(actor.tenantId, cohortId);
  if (!cohort) throw new NotFound('cohort', field);
  return cohort;
}

async function loadSession(deps: Pick<SessionDeps, 'sessions'>, actor: Principal, sessionId: string) {
  const session = await deps.sessions.get(actor.tenantId, sessionId);
  if (!session) throw new NotFound('session');
  return session;
}

async function requireRunner(
  deps: Pick<SessionDeps, 'programs'>,
  actor: Principal,
  cohort: Cohort,
): Promise<Program | null> {
  if (roleIn(cohort, actor.userId) === 'facilitator') return null;
  const program = await deps.programs.get(actor.tenantId, cohort.programId);
  if (!canRunCohort(cohort, program, actor.userId)) {
    throw new Forbidden(`only a facilitator of "${cohort.name}" or an owner of its program can do this`);
  }
  return program;
}

function mayAttend(session: Session, cohort: Cohort, program: Program | null, userId: string): boolean {
  return OPEN_KINDS.has(session.kind) || roleIn(cohort, userId) !== null || canRunCohort(cohort, program, userId);
}

/**
 * A facilitator (or program owner) schedules a session, or a series: weekly, every N weeks, monthly by
 * date or weekday, quarterly. A series is laid out as one document per occurrence (ids from the series
 * and the local date), up to a year ahead or its end.
 */
export async function scheduleSession(
  deps: SessionDeps,
  actor: Principal,
  rawInput: unknown,
): Promise<{ sessions: Session[] }> {
  const input = parseInput(scheduleSessionInput, rawInput);
  const cohort = await loadCohort(deps, actor, input.cohortId);
  await requireRunner(deps, actor, cohort);

  const presenters = await resolvePresenters(deps, actor, input.presenterIds, 'presenterIds');

  const now = deps.clock.now();
  const firstStart = localToInstant(input.startLocal, input.timeZone);
  if (!firstStart) throw ValidationFailed.field('startLocal', 'is not a valid local date and time');
  // An open-ended series is laid out a year ahead of its start (or of today, once it has started).
  const horizon = new Date(Math.max(now.getTime(), Date.parse(firstStart)) + SERIES_HORIZON_DAYS * 86_400_000);
  const occurrences = input.recurrence
    ? expandRecurrence(input.recurrence, input.startLocal, input.timeZone, input.durationMinutes, {
        limit: SERIES_MAX_OCCURRENCES,
        horizon: input.recurrence.until
          ? new Date(Date.parse(`${input.recurrence.until}T23:59:59Z`) + 86_400_000)
          : horizon,
      })
    : [single(input.startLocal, input.timeZone, input.durationMinutes)];
  const upcoming = occurrences.filter((o) => Date.parse(o.startsAt) > now.getTime());
  if (upcoming.length === 0) {
    throw ValidationFailed.field(input.recurrence ? 'recurrence' : 'startLocal', 'no occurrence is in the future');
  }

  const seriesId = input.recurrence ? deps.ids.newId() : undefined;
  const sessions = upcoming.map((o) =>
    newSession({
      tenantId: actor.tenantId,
      id: seriesId ? `${seriesId}-${o.date}` : deps.ids.newId(),
      cohortId: cohort.id,
      programId: cohort.programId,
      kind: input.kind,
      title: input.title,
      topic: input.topic,
      description: input.description,
      presenters,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      timeZone: input.timeZone,
      location: input.location,
      meetingUrl: input.meetingUrl,
      capacity: input.capacity,
      rsvpClosesAt:
        input.rsvpClosesMinutesBefore === undefined
          ? undefined
          : new Date(Date.parse(o.startsAt) - input.rsvpClosesMinutesBefore * 60_000).toISOString(),
      details: input.details,
      seriesId,
      occurrenceDate: seriesId ? o.date : undefined,
      createdBy: actor.userId,
      createdAt: now.toISOString(),
    }),
  );
  await deps.sessions.createMany(sessions);
  return { sessions };
}

/** People by id as presenters, in order; an unknown id is a field error at `field.<index>`. */
async function resolvePresenters(
  deps: Pick<SessionDeps, 'people'>,
  actor: Principal,
  ids: readonly string[],
  field: string,
): Promise<Presenter[]> {
  const people = await Promise.all(ids.map((id) => deps.people.get(actor.tenantId, id)));
  return people.map((person, index) => {
    if (!person) throw ValidationFailed.field(`${field}.${index}`, 'no person with this id in your organisation');
    return { userId: person.id, displayName: person.displayName };
  });
}

function single(startLocal: string, timeZone: string, durationMinutes: number) {
  const startsAt = localToInstant(startLocal, timeZone);
  if (!startsAt) throw ValidationFailed.field('startLocal', 'is not a valid local date and time');
  return {
    date: startLocal.slice(0, 10),
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(Date.parse(startsAt) + durationMinutes * 60_000).toISOString(),
  };
}

/**
 * The calendar: sessions in a range, of one cohort or program or the whole tenant, as the reader sees them.
 * One query; for a cohort's calendar the cohort document is read alongside it (404 for an unknown cohort),
 * so the month is two store round trips. In a list `canManage` is only a hint and is decided from what those
 * two reads hold: true where the reader facilitates the cohort. A program owner who does not facilitate it
 * sees false here (reading the program would be a third round trip), as everyone does across cohorts; the
 * session itself (`getSession`) tells them in full, and every change is authorized afresh by its use case.
 */
export async function listSessions(deps: SessionDeps, actor: Principal, rawQuery: unknown): Promise<SessionView[]> {
  const query = parseInput(listSessionsQuery, rawQuery);
  const [sessions, cohort] = await Promise.all([
    deps.sessions.list(actor.tenantId, {
      from: new Date(query.from),
      to: new Date(query.to),
      ...(query.cohortId ? { cohortId: query.cohortId } : {}),
      ...(query.programId ? { programId: query.programId } : {}),
    }),
    query.cohortId ? loadCohort(deps, actor, query.cohortId) : Promise.resolve(null),
  ]);
  const manager = cohort !== null && roleIn(cohort, actor.userId) === 'facilitator';
  const filtered = query.kind ? sessions.filter((s) => s.kind === query.kind) : sessions;
  return filtered.map((s) => toView(s, actor.userId, manager));
}

/** One session, for its page, card or the meeting side panel. */
export async function getSession(
  deps: SessionDeps,
  actor: Principal,
  sessionId: string,
): Promise<SessionView & { going?: string[]; waitlist?: string[] }> {
  const session = await loadSession(deps, actor, sessionId);
  const cohort = await deps.cohorts.get(actor.tenantId, session.cohortId);
  const program = cohort ? await deps.programs.get(actor.tenantId, cohort.programId) : null;
  const manager = cohort ? canRunCohort(cohort, program, actor.userId) : false;
  const view = toView(session, actor.userId, manager);
  if (!manager) return view;
  return {
    ...view,
    going: Object.entries(session.rsvps)
      .filter(([, r]) => r.status === 'going')
      .map(([userId]) => userId),
    waitlist: [...session.waitlist],
  };
}

/** Going, maybe or can't go: capacity and the waitlist are enforced atomically with the answer. */
export async function respondToSession(
  deps: SessionDeps,
  actor: Principal,
  sessionId: string,
  rawInput: unknown,
): Promise<RsvpOutcome> {
  const input = parseInput(rsvpInput, rawInput);
  const session = await loadSession(deps, actor, sessionId);
  const cohort = await loadCohort(deps, actor, session.cohortId);
  const program = roleIn(cohort, actor.userId) ? null : await deps.programs.get(actor.tenantId, cohort.programId);
  if (!mayAttend(session, cohort, program, actor.userId)) {
    throw new Forbidden(`only members of "${cohort.name}" can answer for this session`);
  }
  return deps.sessions.update(actor.tenantId, sessionId, (current) =>
    applyRsvp(current, actor.userId, input.response, deps.clock.now()),
  );
}

/** A participant checks in during the session window. */
export async function checkIn(deps: SessionDeps, actor: Principal, sessionId: string) {
  const session = await loadSession(deps, actor, sessionId);
  const cohort = await loadCohort(deps, actor, session.cohortId);
  const program = roleIn(cohort, actor.userId) ? null : await deps.programs.get(actor.tenantId, cohort.programId);
  if (!mayAttend(session, cohort, program, actor.userId))
    throw new Forbidden(`only members of "${cohort.name}" can check in`);
  return deps.sessions.update(actor.tenantId, sessionId, (current) =>
    applyCheckIn(current, actor.userId, deps.clock.now()),
  );
}

/** A facilitator records or corrects someone's attendance. */
export async function recordAttendance(deps: SessionDeps, actor: Principal, sessionId: string, rawInput: unknown) {
  const input = parseInput(attendanceInput, rawInput);
  const session = await loadSession(deps, actor, sessionId);
  const cohort = await loadCohort(deps, actor, session.cohortId);
  await requireRunner(deps, actor, cohort);
  return deps.sessions.update(actor.tenantId, sessionId, (current) =>
    applyAttendanceCorrection(current, actor.userId, input.userId, input.present, deps.clock.now()),
  );
}

/**
 * Edits one occurrence (which then keeps its own details) or the rest of its series (every later occurrence
 * not edited on its own). Times move on each occurrence's own local date, in the session's time zone.
 * Capacity never drops below the people already going.
 */
export async function editSession(
  deps: SessionDeps,
  actor: Principal,
  sessionId: string,
  rawInput: unknown,
): Promise<{ updated: number }> {
  const input = parseInput(editSessionInput, rawInput);
  const session = await loadSession(deps, actor, sessionId);
  const cohort = await loadCohort(deps, actor, session.cohortId);
  await requireRunner(deps, actor, cohort);
  const { changes } = input;
  if (input.scope === 'series' && changes.startLocal) {
    throw ValidationFailed.field('changes.startLocal', 'moves one occurrence only; for the series change startTime');
  }
  const presenters = changes.presenterIds
    ? await resolvePresenters(deps, actor, changes.presenterIds, 'changes.presenterIds')
    : undefined;
  const targets =
    input.scope === 'series'
      ? (await laterInSeries(deps, actor, session, new Date(session.startsAt))).filter(
          (s) => s.id === session.id || !s.detached,
        )
      : [session];
  let updated = 0;
  for (const target of targets) {
    updated += await deps.sessions.update(actor.tenantId, target.id, (current) => {
      const duration = changes.durationMinutes ?? (Date.parse(current.endsAt) - Date.parse(current.startsAt)) / 60_000;
      const localDate = localDateOf(current);
      const startLocal = changes.startLocal ?? (changes.startTime ? `${localDate}T${changes.startTime}` : null);
      const startsAt = startLocal ? localToInstant(startLocal, current.timeZone) : current.startsAt;
      if (!startsAt) throw ValidationFailed.field('changes.startLocal', 'is not a valid local date and time');
      if (changes.capacity !== undefined && changes.capacity < seatsTaken(current)) {
        throw ValidationFailed.field(
          'changes.capacity',
          `must be at least the ${seatsTaken(current)} people already going`,
        );
      }
      const start = new Date(startsAt);
      const next: Session = {
        ...current,
        ...(changes.title ? { title: changes.title } : {}),
        ...(changes.topic ? { topic: changes.topic } : {}),
        ...(changes.description ? { description: changes.description } : {}),
        ...(changes.location ? { location: changes.location } : {}),
        ...(changes.meetingUrl ? { meetingUrl: changes.meetingUrl } : {}),
        ...(changes.capacity !== undefined ? { capacity: changes.capacity } : {}),
        ...(presenters ? { presenters } : {}),
        ...(changes.details ? { details: { ...current.details, ...changes.details } } : {}),
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + duration * 60_000).toISOString(),
        ...(input.scope === 'occurrence' && current.seriesId ? { detached: true } : {}),
      };
      // When or where it happens changed: the people who answered hear of it (the reminders engine sends it).
      const news =
        next.startsAt !== current.startsAt ||
        next.endsAt !== current.endsAt ||
        next.location !== current.location ||
        next.meetingUrl !== current.meetingUrl;
      if (!news) return { next, result: 1 };
      const at = deps.clock.now().toISOString();
      const notice = { id: `session-changed:${at}`, type: 'session-changed' as const, at };
      return { next: { ...next, notices: [...current.notices, notice] }, result: 1 };
    });
  }
  return { updated };
}

/**
 * Binds a Teams meeting to a session (done from the meeting's configuration page by a facilitator), so the
 * meeting side panel shows that session. A meeting holds one session at a time: binding moves it.
 */
export async function bindMeeting(
  deps: SessionDeps,
  actor: Principal,
  sessionId: string,
  rawInput: unknown,
): Promise<SessionView> {
  const input = parseInput(bindMeetingInput, rawInput);
  const session = await loadSession(deps, actor, sessionId);
  const cohort = await loadCohort(deps, actor, session.cohortId);
  await requireRunner(deps, actor, cohort);
  const at = deps.clock.now().toISOString();
  for (const other of await deps.sessions.listByMeeting(actor.tenantId, input.chatId)) {
    if (other.id === session.id) continue;
    await deps.sessions.update(actor.tenantId, other.id, (current) => {
      const { meeting: _unbound, ...rest } = current;
      return { next: rest, result: undefined };
    });
  }
  await deps.sessions.update(actor.tenantId, session.id, (current) => ({
    next: {
      ...current,
      meeting: { chatId: input.chatId, boundBy: actor.userId, boundAt: at },
      ...(input.joinUrl && !current.meetingUrl ? { meetingUrl: input.joinUrl } : {}),
    },
    result: undefined,
  }));
  return getSession(deps, actor, session.id);
}

/** The session a meeting side panel shows: the one bound to the meeting (its chat id), or 404. */
export async function sessionForMeeting(deps: SessionDeps, actor: Principal, chatId: string): Promise<SessionView> {
  if (!chatId || chatId.length > 400) throw ValidationFailed.field('chatId', 'is required');
  const [session] = await deps.sessions.listByMeeting(actor.tenantId, chatId);
  if (!session) throw new NotFound('session for this meeting');
  return getSession(deps, actor, session.id);
}

/** The occurrences of a session's series from `from` on (just the session when it is not in a series). */
async function laterInSeries(
  deps: Pick<SessionDeps, 'sessions'>,
  actor: Principal,
  session: Session,
  from: Date,
): Promise<Session[]> {
  if (!session.seriesId) return [session];
  const sessions = await deps.sessions.list(actor.tenantId, {
    cohortId: session.cohortId,
    from,
    to: new Date(from.getTime() + 5 * 366 * 86_400_000),
  });
  return sessions.filter((s) => s.seriesId === session.seriesId);
}

/** The local calendar date of a session in its own time zone (YYYY-MM-DD). */
function localDateOf(session: Session): string {
  return (
    session.occurrenceDate ??
    new Intl.DateTimeFormat('en-CA', {
      timeZone: session.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(session.startsAt))
  );
}

/** Cancels one occurrence, or every future occurrence of its series; people who answered are noticed. */
export async function cancelSession(
  deps: SessionDeps,
  actor: Principal,
  sessionId: string,
  rawInput: unknown,
): Promise<{ cancelled: number }> {
  const input = parseInput(cancelSessionInput, rawInput);
  const session = await loadSession(deps, actor, sessionId);
  const cohort = await loadCohort(deps, actor, session.cohortId);
  await requireRunner(deps, actor, cohort);
  const now = deps.clock.now();
  const targets = input.scope === 'series' ? await laterInSeries(deps, actor, session, now) : [session];
  let cancelled = 0;
  for (const target of targets) {
    cancelled += await deps.sessions.update(actor.tenantId, target.id, (current) => {
      if (current.status === 'cancelled') return { next: current, result: 0 };
      const at = now.toISOString();
      return {
        next: {
          ...current,
          status: 'cancelled',
          notices: [...current.notices, { id: `session-cancelled:${at}`, type: 'session-cancelled', at }],
        },
        result: 1,
      };
    });
  }
  return { cancelled };
}

function toView(session: Session, userId: string, canManage: boolean): SessionView {
  const position = session.waitlist.indexOf(userId);
  return {
    id: session.id,
    cohortId: session.cohortId,
    programId: session.programId,
    kind: session.kind,
    title: session.title,
    topic: session.topic,
    description: session.description,
    presenters: session.presenters,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timeZone: session.timeZone,
    location: session.location,
    meetingUrl: session.meetingUrl,
    status: session.status,
    details: session.details,
    seriesId: session.seriesId,
    capacity: session.capacity,
    seatsTaken: seatsTaken(session),
    waitlistLength: session.waitlist.length,
    rsvpClosesAt: session.rsvpClosesAt,
    myRsvp: session.rsvps[userId]?.status ?? null,
    myWaitlistPosition: position >= 0 ? position + 1 : null,
    checkedIn: session.attendance[userId]?.present ?? false,
    canManage,
  };
}
