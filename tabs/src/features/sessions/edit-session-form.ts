import type { SessionView } from '@peerloop/core';
import type { FieldError } from '../../platform/api-client';

export type EditScope = 'occurrence' | 'series';

/** What the "Edit session" form holds, every value as typed; times are wall clock in the session's zone. */
export interface EditSessionValues {
  title: string;
  topic: string;
  description: string;
  /** `YYYY-MM-DDTHH:mm`: moves this occurrence. */
  startLocal: string;
  /** `HH:mm`: the time of day of this and every later occurrence, each on its own date. */
  startTime: string;
  durationMinutes: string;
  location: string;
  meetingUrl: string;
  capacity: string;
  /** The presenter's id, or '' for none (the form edits one, like the schedule form). */
  presenterId: string;
}

export type EditSessionField = keyof EditSessionValues;

export interface EditSessionErrors {
  readonly byField: Partial<Record<EditSessionField, string>>;
  readonly other: readonly string[];
}

/** The body of PATCH /api/sessions/{id} (core's editSessionInput). */
export interface EditSessionInput {
  readonly scope: EditScope;
  readonly changes: {
    title?: string;
    topic?: string;
    description?: string;
    location?: string;
    meetingUrl?: string;
    capacity?: number;
    startTime?: string;
    startLocal?: string;
    durationMinutes?: number;
    presenterIds?: string[];
  };
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** An instant as `YYYY-MM-DDTHH:mm` on the wall clock of a time zone. */
export function wallClock(instant: string, timeZone: string): string {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
    wallClocks.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The form filled with the session as it is, its times in the session's own time zone. */
export function editFormFrom(session: SessionView): EditSessionValues {
  const startLocal = wallClock(session.startsAt, session.timeZone);
  return {
    title: session.title,
    topic: session.topic ?? '',
    description: session.description ?? '',
    startLocal,
    startTime: startLocal.slice(11),
    durationMinutes: String(Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000)),
    location: session.location ?? '',
    meetingUrl: session.meetingUrl ?? '',
    capacity: session.capacity === undefined ? '' : String(session.capacity),
    presenterId: session.presenters[0]?.userId ?? '',
  };
}

const TEXTS = ['title', 'topic', 'description', 'location', 'meetingUrl'] as const;
const NUMBERS = ['durationMinutes', 'capacity'] as const;

/**
 * The request for what changed (and only that, so a series edit never overwrites what was not touched), or
 * the errors the browser can already tell: a number that is not whole, a field emptied that the API cannot
 * empty, nothing changed.
 */
export function toEditInput(
  values: EditSessionValues,
  initial: EditSessionValues,
  scope: EditScope,
): EditSessionInput | EditSessionErrors {
  const byField: Partial<Record<EditSessionField, string>> = {};
  const changes: EditSessionInput['changes'] = {};
  for (const field of TEXTS) {
    const value = values[field].trim();
    if (value === initial[field].trim()) continue;
    if (value === '') byField[field] = initial[field] ? 'cannot be removed here, only changed' : 'is required';
    else changes[field] = value;
  }
  for (const field of NUMBERS) {
    const text = values[field].trim();
    if (text === initial[field]) continue;
    const value = Number(text);
    if (text === '') byField[field] = initial[field] ? 'cannot be removed here, only changed' : 'is required';
    else if (!Number.isInteger(value)) byField[field] = 'must be a whole number';
    else changes[field] = value;
  }
  if (scope === 'series' && values.startTime !== initial.startTime) {
    if (values.startTime === '') byField.startTime = 'is required';
    else changes.startTime = values.startTime;
  }
  if (scope === 'occurrence' && values.startLocal !== initial.startLocal) {
    if (values.startLocal === '') byField.startLocal = 'is required';
    else changes.startLocal = values.startLocal;
  }
  if (values.presenterId !== initial.presenterId) changes.presenterIds = values.presenterId ? [values.presenterId] : [];
  if (Object.keys(byField).length > 0) return { byField, other: [] };
  if (Object.keys(changes).length === 0) return { byField, other: ['Nothing has changed yet.'] };
  return { scope, changes };
}

const PATH_FIELDS: Record<string, EditSessionField> = {
  'changes.title': 'title',
  'changes.topic': 'topic',
  'changes.description': 'description',
  'changes.startLocal': 'startLocal',
  'changes.startTime': 'startTime',
  'changes.durationMinutes': 'durationMinutes',
  'changes.location': 'location',
  'changes.meetingUrl': 'meetingUrl',
  'changes.capacity': 'capacity',
  'changes.presenterIds.0': 'presenterId',
};

/** Places the API's field errors (`changes.capacity`, ...) on the form's fields and keeps the rest aside. */
export function toEditErrors(fields: readonly FieldError[]): EditSessionErrors {
  const byField: Partial<Record<EditSessionField, string>> = {};
  const other: string[] = [];
  for (const { path, message } of fields) {
    const field = PATH_FIELDS[path];
    if (field === undefined) other.push(path ? `${path.replace(/^changes\./, '')} ${message}` : message);
    else byField[field] ??= message;
  }
  return { byField, other };
}

/** Tells a request body from a set of errors. */
export function isEditErrors(value: EditSessionInput | EditSessionErrors): value is EditSessionErrors {
  return 'byField' in value;
}
