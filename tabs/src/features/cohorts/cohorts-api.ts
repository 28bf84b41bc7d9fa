import type { Cohort, CohortSummary, CreateCohortInput } from '@peerloop/core';
import type { ApiClient } from '../../platform/api-client';

export interface CohortFilter {
  readonly programId?: string;
  /** Only cohorts the user belongs to. */
  readonly mine?: boolean;
}

/** Cohorts with their next session, optionally of one program or only the user's own. */
export async function listCohorts(api: ApiClient, filter: CohortFilter = {}): Promise<CohortSummary[]> {
  const query = new URLSearchParams();
  if (filter.programId) query.set('programId', filter.programId);
  if (filter.mine) query.set('mine', 'true');
  const search = query.toString();
  const { items } = await api.get<{ items: CohortSummary[] }>(search ? `/cohorts?${search}` : '/cohorts');
  return items;
}

/** Forms a cohort; rejects with an ApiError carrying field errors when the input is invalid. */
export async function createCohort(api: ApiClient, input: CreateCohortInput): Promise<CohortSummary> {
  return toSummary(await api.post<Cohort | CohortSummary>('/cohorts', input));
}

/** The API answers a create with the stored cohort; lists want its summary. */
function toSummary(cohort: Cohort | CohortSummary): CohortSummary {
  if ('memberCount' in cohort) return cohort;
  const { id, programId, name, purpose, kind, commonThreads, status, members } = cohort;
  return {
    id,
    programId,
    name,
    purpose,
    kind,
    commonThreads,
    status,
    facilitators: members
      .filter((m) => m.role === 'facilitator')
      .map(({ userId, displayName }) => ({ userId, displayName })),
    memberCount: members.filter((m) => m.role === 'member' || m.role === 'facilitator').length,
    nextSession: null,
  };
}
