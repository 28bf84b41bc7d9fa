import type { Person } from '@peerloop/core';
import type { FieldError } from '../../platform/api-client';

/** The "My profile" form: every value as typed, so nothing is lost on an error. */
export interface ProfileValues {
  title: string;
  level: string;
  function: string;
  yearsOfExperience: string;
  /** Comma-separated. */
  skillsToShare: string;
  skillsToLearn: string;
  /** Empty: no manager. */
  managerId: string;
  timeZone: string;
}

export type ProfileField = keyof ProfileValues;

/** What PATCH /api/me/profile takes. */
export interface ProfilePatch {
  readonly title?: string;
  readonly level?: string;
  readonly function?: string;
  readonly yearsOfExperience?: number;
  readonly skillsToShare?: readonly string[];
  readonly skillsToLearn?: readonly string[];
  readonly managerId?: string | null;
  readonly timeZone?: string;
}

const FIELDS: readonly ProfileField[] = [
  'title',
  'level',
  'function',
  'yearsOfExperience',
  'skillsToShare',
  'skillsToLearn',
  'managerId',
  'timeZone',
];

/** The form's values for a stored profile. */
export function toProfileValues(person: Person): ProfileValues {
  return {
    title: person.title,
    level: person.level,
    function: person.function,
    yearsOfExperience: person.yearsOfExperience === undefined ? '' : String(person.yearsOfExperience),
    skillsToShare: (person.skillsToShare ?? []).join(', '),
    skillsToLearn: (person.skillsToLearn ?? []).join(', '),
    managerId: person.managerId ?? '',
    timeZone: person.timeZone ?? '',
  };
}

/** "PowerShell, Intune , " -> ["PowerShell", "Intune"]. */
export function splitSkills(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The changes between the stored profile and the form, or the errors the browser can tell already
 * (years not a whole number). Unchanged fields are not sent, so a blank the API would refuse stays blank.
 */
export function toProfilePatch(
  stored: ProfileValues,
  values: ProfileValues,
): { readonly patch: ProfilePatch } | { readonly errors: Partial<Record<ProfileField, string>> } {
  const changed = (field: ProfileField) => normalise(field, values[field]) !== normalise(field, stored[field]);
  const years = values.yearsOfExperience.trim();
  if (changed('yearsOfExperience') && years !== '' && !Number.isInteger(Number(years))) {
    return { errors: { yearsOfExperience: 'must be a whole number' } };
  }
  const patch: Record<string, unknown> = {};
  for (const field of FIELDS.filter(changed)) {
    const value = values[field].trim();
    if (field === 'yearsOfExperience') {
      if (value !== '') patch[field] = Number(value);
    } else if (field === 'skillsToShare' || field === 'skillsToLearn') patch[field] = splitSkills(value);
    else if (field === 'managerId') patch[field] = value === '' ? null : value;
    else patch[field] = value;
  }
  return { patch: patch as ProfilePatch };
}

function normalise(field: ProfileField, value: string): string {
  return field === 'skillsToShare' || field === 'skillsToLearn' ? splitSkills(value).join(',') : value.trim();
}

/** Places the API's field errors (`managerId`, `skillsToShare.2`, ...) on the form's fields; the rest aside. */
export function toProfileErrors(fields: readonly FieldError[]): {
  readonly byField: Partial<Record<ProfileField, string>>;
  readonly other: readonly string[];
} {
  const byField: Partial<Record<ProfileField, string>> = {};
  const other: string[] = [];
  for (const { path, message } of fields) {
    const field = FIELDS.find((f) => f === path.split('.')[0]);
    if (field) byField[field] ??= message;
    else other.push(path ? `${path} ${message}` : message);
  }
  return { byField, other };
}

/** Every IANA time zone the browser knows, the browser's own first. */
export function timeZoneOptions(current = ''): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return [...new Set([own, ...(current ? [current] : []), ...Intl.supportedValuesOf('timeZone')])];
}
