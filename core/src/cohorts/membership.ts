import type { Person } from '../people/person.js';
import type { Program } from '../programs/program.js';
import { Conflict, Forbidden } from '../shared/errors.js';
import { countsAsMember, type Cohort, type CohortMember, type MemberRole } from './cohort.js';

/** Adding someone would group them with their own reporting line: the caller must choose explicitly. */
export class ReportingLineConflict extends Conflict {
  readonly reason = 'reporting_line';
  constructor(
    readonly person: string,
    readonly related: readonly ReportingLineRelation[],
  ) {
    super(
      `${person} would be grouped with their own reporting line (${related
        .map(
          (r) => `${r.displayName}, ${r.relation === 'manager' ? 'in their management chain' : 'who reports to them'}`,
        )
        .join('; ')}); add them again choosing to allow it, or pick another cohort`,
    );
  }
}

export interface JoinRequest {
  readonly person: Person;
  /** The person's managers upwards (nearest first). */
  readonly reportingLine: readonly string[];
  readonly role: MemberRole;
  /** The explicit choice to group people of one reporting line together. */
  readonly allowReportingLine: boolean;
  /** Who is adding them: themselves (self-serve) or an owner/facilitator. */
  readonly addedBy: string;
  readonly mayManage: boolean;
}

export interface ReportingLineRelation {
  readonly userId: string;
  readonly displayName: string;
  readonly relation: 'manager' | 'report';
}

/** Members of the cohort in the person's reporting line, or whose line the person is in. */
export function reportingLineConflicts(
  cohort: Cohort,
  personId: string,
  reportingLine: readonly string[],
): ReportingLineRelation[] {
  return cohort.members
    .filter((m) => m.userId !== personId)
    .flatMap((m): ReportingLineRelation[] => {
      if (reportingLine.includes(m.userId))
        return [{ userId: m.userId, displayName: m.displayName, relation: 'manager' as const }];
      if (m.reportingLine?.includes(personId))
        return [{ userId: m.userId, displayName: m.displayName, relation: 'report' as const }];
      return [];
    });
}

/**
 * Brings a person into a cohort: self-serve when the cohort is open (or they were invited), otherwise by an
 * owner or facilitator; never beyond capacity or into a closed cohort; and never with their own reporting
 * line unless that is chosen explicitly.
 */
export function applyJoin(
  cohort: Cohort,
  request: JoinRequest,
  now: Date,
): { next: Cohort; result: { member: CohortMember; alreadyMember: boolean } } {
  const self = request.addedBy === request.person.id;
  if (!request.mayManage && !self)
    throw new Forbidden(`only an owner or facilitator of "${cohort.name}" can add other people`);
  const existing = cohort.members.find((m) => m.userId === request.person.id);
  if (existing) return { next: cohort, result: { member: existing, alreadyMember: true } };
  if (cohort.status === 'closed') throw new Conflict(`"${cohort.name}" is closed`);
  const policy = cohort.joinPolicy ?? 'owner';
  const invited = cohort.invitations?.some((i) => i.userId === request.person.id) ?? false;
  if (!request.mayManage) {
    if (policy === 'owner' || (policy === 'invitation' && !invited)) {
      throw new Forbidden(
        `"${cohort.name}" is ${policy === 'owner' ? 'formed by its owners' : 'by invitation'}; ask its facilitator to add you`,
      );
    }
    if (request.role !== 'member') throw new Forbidden('you can join as a member only');
  }
  const counted = cohort.members.filter((m) => countsAsMember(m.role)).length;
  if (countsAsMember(request.role) && cohort.capacity !== undefined && counted >= cohort.capacity) {
    throw new Conflict(`"${cohort.name}" is full (${cohort.capacity} members)`);
  }
  const conflicts = reportingLineConflicts(cohort, request.person.id, request.reportingLine);
  if (conflicts.length > 0 && !request.allowReportingLine)
    throw new ReportingLineConflict(request.person.displayName, conflicts);

  const member: CohortMember = {
    userId: request.person.id,
    displayName: request.person.displayName,
    role: request.role,
    joinedAt: now.toISOString(),
    reportingLine: [...request.reportingLine],
    ...(conflicts.length > 0 ? { reportingLineAcknowledged: true } : {}),
  };
  return {
    next: {
      ...cohort,
      members: [...cohort.members, member],
      invitations: (cohort.invitations ?? []).filter((i) => i.userId !== request.person.id),
    },
    result: { member, alreadyMember: false },
  };
}

/** A member leaves, or is removed; the departure is kept with its date and reason. */
export function applyLeave(
  cohort: Cohort,
  userId: string,
  by: { userId: string; mayManage: boolean },
  reason: string | undefined,
  now: Date,
): { next: Cohort; result: { left: boolean } } {
  const member = cohort.members.find((m) => m.userId === userId);
  if (!member) return { next: cohort, result: { left: false } };
  if (by.userId !== userId && !by.mayManage)
    throw new Forbidden(`only an owner or facilitator of "${cohort.name}" can remove people`);
  const facilitators = cohort.members.filter((m) => m.role === 'facilitator');
  if (member.role === 'facilitator' && facilitators.length === 1 && cohort.status !== 'closed') {
    throw new Conflict(
      `${member.displayName} is the only facilitator of "${cohort.name}"; add another facilitator first`,
    );
  }
  return {
    next: {
      ...cohort,
      members: cohort.members.filter((m) => m.userId !== userId),
      departures: [
        ...(cohort.departures ?? []),
        {
          userId,
          displayName: member.displayName,
          role: member.role,
          joinedAt: member.joinedAt,
          leftAt: now.toISOString(),
          ...(reason ? { reason } : {}),
          ...(by.userId !== userId ? { removedBy: by.userId } : {}),
        },
      ],
    },
    result: { left: true },
  };
}

/** A member accepts the program's current code of conduct and confidentiality terms. */
export function applyAgreementAcceptance(cohort: Cohort, program: Program, userId: string, now: Date) {
  const member = cohort.members.find((m) => m.userId === userId);
  if (!member) throw new Forbidden(`only members of "${cohort.name}" accept its agreements`);
  if (hasAcceptedCurrentAgreements(member, program)) return { next: cohort, result: { accepted: true } };
  const agreements = {
    codeOfConductVersion: program.codeOfConduct.version,
    confidentialityVersion: program.confidentiality.version,
    acceptedAt: now.toISOString(),
  };
  return {
    next: { ...cohort, members: cohort.members.map((m) => (m.userId === userId ? { ...m, agreements } : m)) },
    result: { accepted: true },
  };
}

/**
 * The gate for a cohort's Q&A, notes and cohort library: the member accepted the program's current
 * versions. A new version of either text asks everyone again.
 */
export function hasAcceptedCurrentAgreements(member: CohortMember | undefined, program: Program): boolean {
  return (
    member?.agreements?.codeOfConductVersion === program.codeOfConduct.version &&
    member.agreements.confidentialityVersion === program.confidentiality.version
  );
}

/** The person's managers upwards, nearest first; stops at unknown people, cycles and 20 levels. */
export async function reportingLineOf(
  personId: string,
  getPerson: (id: string) => Promise<Person | null>,
): Promise<string[]> {
  const line: string[] = [];
  let current = await getPerson(personId);
  while (
    current?.managerId &&
    !line.includes(current.managerId) &&
    current.managerId !== personId &&
    line.length < 20
  ) {
    line.push(current.managerId);
    current = await getPerson(current.managerId);
  }
  return line;
}
