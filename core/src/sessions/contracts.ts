import { z } from 'zod';
import { reminderDefaultsInput } from '../programs/reminder-contract.js';
import { isKnownTimeZone } from './recurrence.js';
import {
  RSVP_RESPONSES,
  SESSION_KINDS,
  type Presenter,
  type RsvpStatus,
  type SessionDetails,
  type SessionKind,
} from './session.js';

const id = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-01');

const title = z
  .string({ error: 'is required' })
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(120, 'must be at most 120 characters');
const meetingUrl = z.url({ protocol: /^https$/, error: 'must be an https link' }).max(2000);
const capacity = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1000, 'must be at most 1000');
const startLocal = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time like 2026-12-01T12:00');
const durationMinutes = z
  .number()
  .int('must be a whole number')
  .min(15, 'must be at least 15')
  .max(480, 'must be at most 480');
const sessionDetails = z.strictObject({
  catering: z.enum(['catered', 'bring-your-own']).optional(),
  guest: text(100).optional(),
  qnaEnabled: z.boolean().optional(),
  book: text(200).optional(),
  chapters: text(100).optional(),
  reminders: reminderDefaultsInput.optional(),
});

/** Body of POST /api/sessions: a single session, or a series when `recurrence` is given. */
export const scheduleSessionInput = z.strictObject({
  cohortId: id,
  kind: z.enum(SESSION_KINDS),
  title,
  topic: text(200).optional(),
  description: text(2000).optional(),
  presenterIds: z.array(id).max(5, 'at most 5 presenters').default([]),
  startLocal: z.string({ error: 'is required' }).pipe(startLocal),
  timeZone: z
    .string({ error: 'is required' })
    .refine(isKnownTimeZone, 'is not a time zone (use an IANA name like Europe/London)'),
  durationMinutes,
  location: text(200).optional(),
  meetingUrl: meetingUrl.optional(),
  capacity: capacity.optional(),
  /** RSVPs close this many minutes before the start (0: at the start). */
  rsvpClosesMinutesBefore: z.number().int().min(0).max(10_080, 'must be at most 10080 (a week)').optional(),
  details: sessionDetails.default({}),
  recurrence: z
    .strictObject({
      frequency: z.enum(['weekly', 'monthly', 'quarterly']),
      interval: z.number().int().min(1, 'must be at least 1').max(12, 'must be at most 12').default(1),
      monthlyBy: z.enum(['date', 'weekday']).default('date'),
      until: localDate.optional(),
      count: z.number().int().min(1, 'must be at least 1').max(260, 'must be at most 260').optional(),
    })
    .optional(),
});
export type ScheduleSessionInput = z.input<typeof scheduleSessionInput>;

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO date-time like 2026-12-01T00:00:00Z' });

/** GET /api/sessions?from=&to=&cohortId=&programId=: a calendar range of at most 100 days. */
export const listSessionsQuery = z
  .strictObject({
    from: instant,
    to: instant,
    cohortId: id.optional(),
    programId: id.optional(),
    kind: z.enum(SESSION_KINDS).optional(),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { path: ['to'], message: 'must be after from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 100 * 86_400_000, {
    path: ['to'],
    message: 'must be at most 100 days after from',
  });

/**
 * PATCH /api/sessions/{id}: change one occurrence (it then keeps its own details when the series changes),
 * or this and every later occurrence of its series that was not changed on its own.
 */
export const editSessionInput = z.strictObject({
  scope: z.enum(['occurrence', 'series']).default('occurrence'),
  changes: z
    .strictObject({
      title: title.optional(),
      topic: text(200).optional(),
      description: text(2000).optional(),
      location: text(200).optional(),
      meetingUrl: meetingUrl.optional(),
      capacity: capacity.optional(),
      /** The presenters, replacing those set before (an empty list removes them all). */
      presenterIds: z.array(id).max(5, 'at most 5 presenters').optional(),
      /** New local time of day (HH:mm) on each occurrence's own date. */
      startTime: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 12:30')
        .optional(),
      /** One occurrence only: move it to another local date and time. */
      startLocal: startLocal.optional(),
      durationMinutes: durationMinutes.optional(),
      details: sessionDetails.optional(),
    })
    .refine((c) => Object.keys(c).length > 0, { message: 'nothing to change' }),
});

/** PUT /api/sessions/{id}/meeting: the meeting chat (from the Teams context) the session is held in. */
export const bindMeetingInput = z.strictObject({
  chatId: z.string({ error: 'is required' }).trim().min(1, 'is required').max(400, 'must be at most 400 characters'),
  joinUrl: meetingUrl.optional(),
});

export const rsvpInput = z.strictObject({ response: z.enum(RSVP_RESPONSES) });
export const attendanceInput = z.strictObject({ userId: id, present: z.boolean() });
export const cancelSessionInput = z.strictObject({ scope: z.enum(['occurrence', 'series']).default('occurrence') });

/** A session as calendars, cards and the side panel show it to one person. */
export interface SessionView {
  readonly id: string;
  readonly cohortId: string;
  readonly programId: string;
  readonly kind: SessionKind;
  readonly title: string;
  readonly topic?: string;
  readonly description?: string;
  readonly presenters: readonly Presenter[];
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly location?: string;
  readonly meetingUrl?: string;
  readonly status: 'scheduled' | 'cancelled';
  readonly details: SessionDetails;
  readonly seriesId?: string;
  readonly capacity?: number;
  readonly seatsTaken: number;
  readonly waitlistLength: number;
  readonly rsvpClosesAt?: string;
  /** The reader's own answer and check-in. */
  readonly myRsvp: RsvpStatus | null;
  readonly myWaitlistPosition: number | null;
  readonly checkedIn: boolean;
  /** Whether the reader may change the session, take attendance and see who answered what. */
  readonly canManage: boolean;
}
