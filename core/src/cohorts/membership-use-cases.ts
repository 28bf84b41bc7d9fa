import type { PersonRepository } from '../people/person.js';
import type { ProgramRepository } from '../programs/program.js';
import type { SessionRepository } from '../sessions/session.js';
import { Forbidden, NotFound, ValidationFailed } from '../shared/errors.js';
import type { Clock } from '../shared/ports.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/validation.js';
import { canRunCohort, roleIn } from './access.js';
import { countsAsMember, type Cohort, type CohortRepository } from './cohort.js';
import {
  cohortChannelInput,
  inviteInput,
  joinCohortInput,
  leaveCohortInput,
  updateCohortInput,
  type CohortDetail,
} from './membership-contracts.js';
import {
  applyAgreementAcceptance,
  applyJoin,
  applyLeave,
  hasAcceptedCurrentAgreements,
  reportingLineOf,
} from './membership.js';

export interface MembershipDeps {
  readonly cohorts: CohortRepository;
  readonly programs: ProgramRepository;
  readonly people: PersonRepository;
  readonly sessions: Pick<SessionRepository, 'nextByCohort'>;
  readonly clock: Clock;
}

async function load(deps: MembershipDeps, actor: Principal, cohortId: string) {
  const cohort = await deps.cohorts.get(actor.tenantId, cohortId);
  if (!cohort) throw new NotFound('cohort');
  const program = await deps.programs.get(actor.tenantId, cohort.programId);
  if (!program) throw new NotFound('program');
  return { cohort, program, mayManage: canRunCohort(cohort, program, actor.userId) };
}

/** A cohort's home: who is in it, the agreements, and the reader's own standing. */
export async function getCohort(deps: MembershipDeps, actor: Principal, cohortId: string): Promise<CohortDetail> {
  const { cohort, program, mayManage } = await load(deps, actor, cohortId);
  const next = await deps.sessions.nextByCohort(actor.tenantId, [cohort.id], deps.clock.now());
  const myRole = roleIn(cohort, actor.userId);
  const seesMembers = mayManage || myRole !== null;
  const me = cohort.members.find((m) => m.userId === actor.userId);
  return {
    id: cohort.id,
    programId: cohort.programId,
    name: cohort.name,
    purpose: cohort.purpose,
    kind: cohort.kind,
    commonThreads: cohort.commonThreads,
    status: cohort.status,
    capacity: cohort.capacity,
    joinPolicy: cohort.joinPolicy ?? 'owner',
    facilitators: cohort.members
      .filter((m) => m.role === 'facilitator')
      .map((m) => ({ userId: m.userId, displayName: m.displayName })),
    memberCount: cohort.members.filter((m) => countsAsMember(m.role)).length,
    nextSession: next.get(cohort.id) ?? null,
    members: cohort.members
      .filter((m) => seesMembers || m.role === 'facilitator')
      .map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        role: m.role,
        joinedAt: m.joinedAt,
        ...(mayManage
          ? {
              acceptedCurrentAgreements: hasAcceptedCurrentAgreements(m, program),
              reportingLineAcknowledged: m.reportingLineAcknowledged ?? false,
            }
          : {}),
      })),
    myRole,
    myAgreementsAccepted: hasAcceptedCurrentAgreements(me, program),
    invited: cohort.invitations?.some((i) => i.userId === actor.userId) ?? false,
    agreements: { codeOfConduct: program.codeOfConduct, confidentiality: program.confidentiality },
    canManage: mayManage,
    ...(cohort.channel
      ? {
          channel: {
            teamId: cohort.channel.teamId,
            channelId: cohort.channel.channelId,
            ...(cohort.channel.channelName ? { channelName: cohort.channel.channelName } : {}),
          },
        }
      : {}),
    ...(mayManage
      ? {
          departures: (cohort.departures ?? []).map((d) => ({
            userId: d.userId,
            displayName: d.displayName,
            leftAt: d.leftAt,
            ...(d.reason ? { reason: d.reason } : {}),
          })),
        }
      : {}),
  };
}

/**
 * Join a cohort yourself, or add someone as its owner or facilitator. Grouping a person with their own
 * reporting line answers ReportingLineConflict (409) until the request says `allowReportingLine: true`.
 */
export async function joinCohort(deps: MembershipDeps, actor: Principal, cohortId: string, rawInput: unknown) {
  const input = parseInput(joinCohortInput, rawInput);
  const { cohort, mayManage } = await load(deps, actor, cohortId);
  const personId = input.userId ?? actor.userId;
  const person = await deps.people.get(actor.tenantId, personId);
  if (!person) throw ValidationFailed.field('userId', 'no person with this id in your organisation');
  const reportingLine = await reportingLineOf(person.id, (id) => deps.people.get(actor.tenantId, id));
  return deps.cohorts.update(actor.tenantId, cohort.id, (current) =>
    applyJoin(
      current,
      {
        person,
        reportingLine,
        role: input.role,
        allowReportingLine: input.allowReportingLine,
        addedBy: actor.userId,
        mayManage,
      },
      deps.clock.now(),
    ),
  );
}

/** Leave a cohort (or remove someone, as its owner or facilitator); the departure is recorded. */
export async function leaveCohort(
  deps: MembershipDeps,
  actor: Principal,
  cohortId: string,
  userId: string,
  rawInput: unknown,
) {
  const input = parseInput(leaveCohortInput, rawInput);
  const { cohort, mayManage } = await load(deps, actor, cohortId);
  return deps.cohorts.update(actor.tenantId, cohort.id, (current) =>
    applyLeave(current, userId, { userId: actor.userId, mayManage }, input.reason, deps.clock.now()),
  );
}

/** Accept the program's current code of conduct and confidentiality terms for this cohort. */
export async function acceptAgreements(deps: MembershipDeps, actor: Principal, cohortId: string) {
  const { cohort, program } = await load(deps, actor, cohortId);
  return deps.cohorts.update(actor.tenantId, cohort.id, (current) =>
    applyAgreementAcceptance(current, program, actor.userId, deps.clock.now()),
  );
}

/** Invite people to a cohort that is by invitation: they may then join it themselves. */
export async function inviteToCohort(deps: MembershipDeps, actor: Principal, cohortId: string, rawInput: unknown) {
  const input = parseInput(inviteInput, rawInput);
  const { cohort, mayManage } = await load(deps, actor, cohortId);
  if (!mayManage) throw new Forbidden(`only an owner or facilitator of "${cohort.name}" can invite people`);
  for (const [index, userId] of input.userIds.entries()) {
    if (!(await deps.people.get(actor.tenantId, userId))) {
      throw ValidationFailed.field(`userIds.${index}`, 'no person with this id in your organisation');
    }
  }
  const at = deps.clock.now().toISOString();
  return deps.cohorts.update(actor.tenantId, cohort.id, (current) => {
    const known = new Set([
      ...(current.invitations ?? []).map((i) => i.userId),
      ...current.members.map((m) => m.userId),
    ]);
    const fresh = input.userIds.filter((userId) => !known.has(userId));
    return {
      next: {
        ...current,
        invitations: [
          ...(current.invitations ?? []),
          ...fresh.map((userId) => ({ userId, invitedBy: actor.userId, at })),
        ],
      },
      result: { invited: fresh.length },
    };
  });
}

/** Owners and facilitators change a cohort's name, purpose, threads, status, capacity or join policy. */
export async function updateCohort(
  deps: MembershipDeps,
  actor: Principal,
  cohortId: string,
  rawInput: unknown,
): Promise<CohortDetail> {
  const input = parseInput(updateCohortInput, rawInput);
  const { cohort, mayManage } = await load(deps, actor, cohortId);
  if (!mayManage) throw new Forbidden(`only an owner or facilitator of "${cohort.name}" can change it`);
  await deps.cohorts.update(actor.tenantId, cohort.id, (current) => {
    const counted = current.members.filter((m) => countsAsMember(m.role)).length;
    if (typeof input.capacity === 'number' && input.capacity < counted) {
      throw ValidationFailed.field('capacity', `must be at least the ${counted} current members`);
    }
    const { capacity, reminderDefaults, ...rest } = input;
    const next: Cohort = { ...current, ...rest };
    if (capacity === null) delete (next as { capacity?: number }).capacity;
    else if (capacity !== undefined) (next as { capacity?: number }).capacity = capacity;
    if (reminderDefaults === null) delete (next as { reminderDefaults?: unknown }).reminderDefaults;
    else if (reminderDefaults !== undefined)
      (next as { reminderDefaults?: unknown }).reminderDefaults = reminderDefaults;
    return { next, result: undefined };
  });
  return getCohort(deps, actor, cohortId);
}

/**
 * Records the Teams channel a cohort lives in (its channel tab's configuration page calls this on save).
 * Only the people who run the cohort may; binding again moves it to the new channel.
 */
export async function setCohortChannel(
  deps: MembershipDeps,
  actor: Principal,
  cohortId: string,
  rawInput: unknown,
): Promise<CohortDetail> {
  const input = parseInput(cohortChannelInput, rawInput);
  const { cohort, mayManage } = await load(deps, actor, cohortId);
  if (!mayManage) {
    throw new Forbidden(`only a facilitator of "${cohort.name}" or an owner of its program can link it to a channel`);
  }
  const boundAt = deps.clock.now().toISOString();
  await deps.cohorts.update(actor.tenantId, cohort.id, (current) => ({
    next: {
      ...current,
      channel: {
        teamId: input.teamId,
        channelId: input.channelId,
        ...(input.channelName ? { channelName: input.channelName } : {}),
        boundBy: actor.userId,
        boundAt,
      },
    },
    result: undefined,
  }));
  return getCohort(deps, actor, cohortId);
}
