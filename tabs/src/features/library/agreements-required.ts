import { ApiError } from '../../platform/api-client';

/** A cohort the reader knows of, by id and name. */
export interface KnownCohort {
  readonly id: string;
  readonly name: string;
}

/** The API refused because the reader has not accepted a cohort's current agreements. */
export function needsAgreements(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'agreements_required';
}

/**
 * The cohort an `agreements_required` answer is about: the one its `cohortId` names, among the cohorts the
 * reader belongs to. An older API named the cohort only in the message (`accept the code of conduct and
 * confidentiality terms of "New managers" first`); then the name is matched, and `undefined` comes back when
 * none (or several) carry it.
 */
export function cohortNamedIn(error: ApiError, cohorts: readonly KnownCohort[]): KnownCohort | undefined {
  if (error.cohortId) return cohorts.find((c) => c.id === error.cohortId);
  const name = /"(.+)"/.exec(error.message)?.[1];
  if (name === undefined) return undefined;
  const named = cohorts.filter((c, index) => c.name === name && cohorts.findIndex((o) => o.id === c.id) === index);
  return named.length === 1 ? named[0] : undefined;
}
