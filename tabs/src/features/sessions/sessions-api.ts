import type { RsvpOutcome, RsvpResponse, ScheduleSessionInput, SessionKind, SessionView } from '@peerloop/core';
import type { ApiClient } from '../../platform/api-client';

/** A session as GET /api/sessions/{id} answers it; who is going and waiting only for those who run it. */
export type SessionDetail = SessionView & { readonly going?: readonly string[]; readonly waitlist?: readonly string[] };

export interface SessionRange {
  /** ISO instants; the API allows at most 100 days between them. */
  readonly from: string;
  readonly to: string;
  readonly cohortId?: string;
  readonly programId?: string;
  readonly kind?: SessionKind;
}

export interface ScheduleResult {
  readonly created: number;
  readonly seriesId: string | null;
  readonly first: SessionView;
}

const path = (id: string, action = '') => `/sessions/${encodeURIComponent(id)}${action}`;

/** Sessions starting in a range, soonest first. */
export async function listSessions(api: ApiClient, range: SessionRange): Promise<SessionView[]> {
  const query = new URLSearchParams(Object.entries(range).filter(([, v]) => v !== undefined && v !== ''));
  const { items } = await api.get<{ items: SessionView[] }>(`/sessions?${query.toString()}`);
  return items;
}

/** One session as the reader sees it. */
export function getSession(api: ApiClient, id: string): Promise<SessionDetail> {
  return api.get<SessionDetail>(path(id));
}

/** Schedules a session or a series; rejects with field errors when the input is invalid. */
export function scheduleSession(api: ApiClient, input: ScheduleSessionInput): Promise<ScheduleResult> {
  return api.post<ScheduleResult>('/sessions', input);
}

/** Going, maybe or can't go; "going" beyond capacity joins the waitlist. */
export function respond(api: ApiClient, id: string, response: RsvpResponse): Promise<RsvpOutcome> {
  return api.put<RsvpOutcome>(path(id, '/rsvp'), { response });
}

/** Checks the reader in; the API refuses outside the session window. */
export function checkIn(api: ApiClient, id: string): Promise<{ checkedInAt: string }> {
  return api.post<{ checkedInAt: string }>(path(id, '/check-in'), {});
}

/** A facilitator records whether someone attended. */
export function recordAttendance(api: ApiClient, id: string, userId: string, present: boolean): Promise<unknown> {
  return api.put(path(id, '/attendance'), { userId, present });
}

/** Cancels one occurrence or the rest of its series. */
export function cancelSession(
  api: ApiClient,
  id: string,
  scope: 'occurrence' | 'series',
): Promise<{ cancelled: number }> {
  return api.post<{ cancelled: number }>(path(id, '/cancel'), { scope });
}

/** Turns this session's live Q&A queue on or off (this occurrence only). */
export function setQnaEnabled(api: ApiClient, id: string, enabled: boolean): Promise<{ updated: number }> {
  return api.patch<{ updated: number }>(path(id, ''), {
    scope: 'occurrence',
    changes: { details: { qnaEnabled: enabled } },
  });
}

/** Binds the Teams meeting (its chat id) the session is held in, so the meeting's side panel shows it. */
export function bindMeeting(api: ApiClient, id: string, chatId: string): Promise<SessionView> {
  return api.put<SessionView>(path(id, '/meeting'), { chatId });
}

/** The session a meeting is bound to; rejects with `not_found` when none is. */
export function sessionForMeeting(api: ApiClient, chatId: string): Promise<SessionDetail> {
  return api.get<SessionDetail>(`/meetings/${encodeURIComponent(chatId)}/session`);
}

/** Downloads the session as an .ics file through a temporary object URL. */
export async function downloadIcs(api: ApiClient, id: string): Promise<void> {
  const url = URL.createObjectURL(await api.download(path(id, '/ics')));
  const link = document.createElement('a');
  link.href = url;
  link.download = `peerloop-${id}.ics`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
