import type { ScheduleSessionInput, SessionKind } from '@peerloop/core';
import type { FieldError } from '../../platform/api-client';

export type Repeats = 'none' | 'weekly' | 'monthly' | 'quarterly';

/** What the "Schedule session" form holds: every value as typed, so nothing is lost on an error. */
export interface ScheduleFormValues {
  cohortId: string;
  kind: SessionKind;
  title: string;
  topic: string;
  description: string;
  /** `YYYY-MM-DDTHH:mm`, the wall clock in `timeZone`. */
  startLocal: string;
  durationMinutes: string;
  timeZone: string;
  location: string;
  meetingUrl: string;
  capacity: string;
  /** Minutes before each start that RSVPs close; '' keeps them open. */
  rsvpCloses: string;
  presenterId: string;
  catering: '' | 'catered' | 'bring-your-own';
  guest: string;
  /** Live Q&A queue: '' follows the kind (on for fireside chats), or set either way. */
  qna: '' | 'on' | 'off';
  book: string;
  chapters: string;
  repeats: Repeats;
  interval: string;
  monthlyBy: 'date' | 'weekday';
  count: string;
  /** `YYYY-MM-DD`: the last date an occurrence may fall on; '' for none. */
  until: string;
}

export type ScheduleFormField = keyof ScheduleFormValues;

export interface ScheduleFormErrors {
  readonly byField: Partial<Record<ScheduleFormField, string>>;
  readonly other: readonly string[];
}

/** Whether the form's session will have a live Q&A queue (the kind's default unless set). */
export function qnaOn(values: Pick<ScheduleFormValues, 'qna' | 'kind'>): boolean {
  return values.qna === '' ? values.kind === 'fireside-chat' : values.qna === 'on';
}

/** An empty form in the viewer's time zone. */
export function emptyScheduleForm(cohortId: string, timeZone: string): ScheduleFormValues {
  return {
    cohortId,
    kind: 'learning-lunch',
    title: '',
    topic: '',
    description: '',
    startLocal: '',
    durationMinutes: '60',
    timeZone,
    location: '',
    meetingUrl: '',
    capacity: '',
    rsvpCloses: '',
    presenterId: '',
    catering: '',
    guest: '',
    qna: '',
    book: '',
    chapters: '',
    repeats: 'none',
    interval: '1',
    monthlyBy: 'date',
    count: '',
    until: '',
  };
}

const WHOLE_NUMBERS = ['durationMinutes', 'capacity', 'rsvpCloses', 'interval', 'count'] as const;

/** The request body, or the errors the browser can already tell (numbers that are not whole). */
export function toScheduleInput(values: ScheduleFormValues): ScheduleSessionInput | ScheduleFormErrors {
  const byField: Partial<Record<ScheduleFormField, string>> = {};
  const numbers: Partial<Record<(typeof WHOLE_NUMBERS)[number], number>> = {};
  for (const field of WHOLE_NUMBERS) {
    const text = values[field].trim();
    if (text === '') continue;
    const value = Number(text);
    if (Number.isInteger(value)) numbers[field] = value;
    else byField[field] = 'must be a whole number';
  }
  if (values.durationMinutes.trim() === '') byField.durationMinutes = 'is required';
  if (values.repeats === 'none' || values.interval.trim() === '') delete byField.interval;
  if (values.repeats === 'none') delete byField.count;
  if (Object.keys(byField).length > 0) return { byField, other: [] };

  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const details = {
    ...(values.kind === 'learning-lunch' && values.catering ? { catering: values.catering } : {}),
    ...(values.kind === 'fireside-chat' && optional(values.guest) ? { guest: optional(values.guest) } : {}),
    ...(values.kind === 'book-club' && optional(values.book) ? { book: optional(values.book) } : {}),
    ...(values.kind === 'book-club' && optional(values.chapters) ? { chapters: optional(values.chapters) } : {}),
    ...(values.qna === '' ? {} : { qnaEnabled: values.qna === 'on' }),
  };
  return withoutUndefined({
    cohortId: values.cohortId,
    kind: values.kind,
    title: values.title,
    topic: optional(values.topic),
    description: optional(values.description),
    presenterIds: values.presenterId ? [values.presenterId] : [],
    startLocal: values.startLocal,
    timeZone: values.timeZone.trim(),
    durationMinutes: numbers.durationMinutes!,
    location: optional(values.location),
    meetingUrl: optional(values.meetingUrl),
    capacity: numbers.capacity,
    rsvpClosesMinutesBefore: numbers.rsvpCloses,
    details,
    recurrence:
      values.repeats === 'none'
        ? undefined
        : withoutUndefined({
            frequency: values.repeats,
            interval: numbers.interval ?? 1,
            monthlyBy: values.monthlyBy,
            count: numbers.count,
            until: optional(values.until),
          }),
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const PATH_FIELDS: Record<string, ScheduleFormField> = {
  cohortId: 'cohortId',
  kind: 'kind',
  title: 'title',
  topic: 'topic',
  description: 'description',
  startLocal: 'startLocal',
  timeZone: 'timeZone',
  durationMinutes: 'durationMinutes',
  location: 'location',
  meetingUrl: 'meetingUrl',
  capacity: 'capacity',
  rsvpClosesMinutesBefore: 'rsvpCloses',
  presenterIds: 'presenterId',
  'details.catering': 'catering',
  'details.guest': 'guest',
  'details.qnaEnabled': 'qna',
  'details.book': 'book',
  'details.chapters': 'chapters',
  recurrence: 'repeats',
  'recurrence.frequency': 'repeats',
  'recurrence.until': 'until',
  'recurrence.interval': 'interval',
  'recurrence.monthlyBy': 'monthlyBy',
  'recurrence.count': 'count',
};

/** Places the API's field errors (`startLocal`, `recurrence.count`, `presenterIds.0`, ...) on the form's fields. */
export function toScheduleErrors(fields: readonly FieldError[]): ScheduleFormErrors {
  const byField: Partial<Record<ScheduleFormField, string>> = {};
  const other: string[] = [];
  for (const { path, message } of fields) {
    const field = PATH_FIELDS[path] ?? PATH_FIELDS[path.replace(/\.\d+$/, '')];
    if (field === undefined) other.push(path ? `${path} ${message}` : message);
    else byField[field] ??= message;
  }
  return { byField, other };
}

/** Tells a request body from a set of errors. */
export function isScheduleErrors(value: ScheduleSessionInput | ScheduleFormErrors): value is ScheduleFormErrors {
  return 'byField' in value;
}
