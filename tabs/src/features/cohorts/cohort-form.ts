import type { CohortKind, CreateCohortInput } from '@peerloop/core';
import type { FieldError } from '../../platform/api-client';
import { THREAD_NAMES } from './labels';
import type { ThreadName } from './labels';

/** What the "New cohort" form holds: every value as typed, so nothing is lost on an error. */
export interface CohortFormValues extends Record<ThreadName, string> {
  programId: string;
  name: string;
  purpose: string;
  kind: CohortKind;
  facilitatorId: string;
  capacity: string;
}

export type CohortFormField = keyof CohortFormValues;

/** Field messages keyed by form field, plus those the form has no field for. */
export interface CohortFormErrors {
  readonly byField: Partial<Record<CohortFormField, string>>;
  readonly other: readonly string[];
}

/** An empty form for a program. */
export function emptyCohortForm(programId: string): CohortFormValues {
  return {
    programId,
    name: '',
    purpose: '',
    kind: 'peer-learning-group',
    title: '',
    level: '',
    function: '',
    experience: '',
    project: '',
    facilitatorId: '',
    capacity: '',
  };
}

/**
 * The request body for the form, or the field errors the browser can already tell (capacity not a number).
 * Everything else is left to the API, which validates with the shared contract.
 */
export function toCreateCohortInput(values: CohortFormValues): CreateCohortInput | CohortFormErrors {
  const capacityText = values.capacity.trim();
  const capacity = capacityText === '' ? undefined : Number(capacityText);
  if (capacity !== undefined && !Number.isInteger(capacity)) {
    return { byField: { capacity: 'must be a whole number' }, other: [] };
  }
  const commonThreads: CreateCohortInput['commonThreads'] = Object.fromEntries(
    THREAD_NAMES.map((name) => [name, values[name].trim()]).filter(([, value]) => value !== ''),
  );
  return {
    programId: values.programId,
    name: values.name,
    purpose: values.purpose,
    kind: values.kind,
    commonThreads,
    facilitatorId: values.facilitatorId,
    ...(capacity === undefined ? {} : { capacity }),
  };
}

/** Places the API's field errors (`name`, `commonThreads.level`, ...) on the form's fields. */
export function toFormErrors(fields: readonly FieldError[]): CohortFormErrors {
  const byField: Partial<Record<CohortFormField, string>> = {};
  const other: string[] = [];
  for (const { path, message } of fields) {
    const field = fieldForPath(path);
    if (field === undefined) other.push(path ? `${path} ${message}` : message);
    else byField[field] ??= message;
  }
  return { byField, other };
}

const DIRECT_FIELDS: readonly CohortFormField[] = ['programId', 'name', 'purpose', 'kind', 'facilitatorId', 'capacity'];

function fieldForPath(path: string): CohortFormField | undefined {
  const [head, tail] = path.split(/[./]/);
  if (head === 'commonThreads') return THREAD_NAMES.find((name) => name === tail);
  return DIRECT_FIELDS.find((field) => field === path);
}

/** Tells a request body from a set of errors. */
export function isFormErrors(value: CreateCohortInput | CohortFormErrors): value is CohortFormErrors {
  return 'byField' in value;
}
