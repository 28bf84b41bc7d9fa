import type { CohortDetail, CohortStatus, JoinPolicy, MemberRole } from '@peerloop/core';
import type { ApiClient } from '../../platform/api-client';

const path = (id: string, action = '') => `/cohorts/${encodeURIComponent(id)}${action}`;

/** What runners may change from the cohort home. */
export interface CohortSettings {
  readonly status?: CohortStatus;
  readonly joinPolicy?: JoinPolicy;
  /** null removes the limit. */
  readonly capacity?: number | null;
}

export interface AddMemberInput {
  /** Absent: the reader joins themselves. */
  readonly userId?: string;
  readonly role?: MemberRole;
  /** The explicit choice, after a `reporting_line` conflict, to group someone with their reporting line. */
  readonly allowReportingLine?: boolean;
}

/** The cohort home as the reader may see it. */
export function getCohortDetail(api: ApiClient, id: string): Promise<CohortDetail> {
  return api.get<CohortDetail>(path(id));
}

/** Joins the cohort, or adds someone; rejects with code `reporting_line` and `related` people when asked to choose. */
export function addMember(api: ApiClient, id: string, input: AddMemberInput = {}): Promise<unknown> {
  return api.post(path(id, '/members'), input);
}

/** Leaves the cohort, or removes someone; the reason is kept for turnover. */
export function leaveCohort(api: ApiClient, id: string, userId: string, reason: string): Promise<unknown> {
  const trimmed = reason.trim();
  return api.post(path(id, `/members/${encodeURIComponent(userId)}/leave`), trimmed ? { reason: trimmed } : {});
}

/** Accepts the program's current code of conduct and confidentiality terms. */
export function acceptAgreements(api: ApiClient, id: string): Promise<unknown> {
  return api.post(path(id, '/agreements'), {});
}

/** Invites people to a cohort that is by invitation. */
export function invite(api: ApiClient, id: string, userIds: readonly string[]): Promise<{ invited: number }> {
  return api.post<{ invited: number }>(path(id, '/invitations'), { userIds });
}

/** Changes status, capacity or join policy; answers the updated cohort home. */
export function updateCohortSettings(api: ApiClient, id: string, settings: CohortSettings): Promise<CohortDetail> {
  return api.patch<CohortDetail>(path(id), settings);
}
