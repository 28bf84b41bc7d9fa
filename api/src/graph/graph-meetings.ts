import { createHash } from 'node:crypto';
import {
  Conflict,
  DirectoryUnavailable,
  type MeetingScheduler,
  type TeamsMeeting,
  type TeamsMeetingRequest,
  type UserAssertion,
} from '@peerloop/core';
import type { GraphHttp } from './graph-http.js';
import type { GraphTokenSource } from './on-behalf-of.js';

/** `POST /me/events` (Calendars.ReadWrite) and `GET /me/onlineMeetings?$filter=JoinWebUrl eq …` (OnlineMeetings.Read). */
export const MEETING_SCOPES = [
  'https://graph.microsoft.com/Calendars.ReadWrite',
  'https://graph.microsoft.com/OnlineMeetings.Read',
] as const;

/**
 * IANA names Graph accepts in an event's dateTimeTimeZone besides Windows names (Graph docs, dateTimeTimeZone).
 * A session planned in another zone is sent in UTC: the same instant, shown in each reader's own zone.
 */
const GRAPH_IANA_ZONES = new Set(
  `Etc/GMT+12 Etc/GMT+11 Pacific/Honolulu America/Anchorage America/Santa_Isabel America/Los_Angeles America/Phoenix
  America/Chihuahua America/Denver America/Guatemala America/Chicago America/Mexico_City America/Regina America/Bogota
  America/New_York America/Indiana/Indianapolis America/Caracas America/Asuncion America/Halifax America/Cuiaba
  America/La_Paz America/Santiago America/St_Johns America/Sao_Paulo America/Argentina/Buenos_Aires America/Cayenne
  America/Godthab America/Montevideo America/Bahia Etc/GMT+2 Atlantic/Azores Atlantic/Cape_Verde Africa/Casablanca
  Etc/GMT Europe/London Atlantic/Reykjavik Europe/Berlin Europe/Budapest Europe/Paris Europe/Warsaw Africa/Lagos
  Africa/Windhoek Europe/Bucharest Asia/Beirut Africa/Cairo Asia/Damascus Africa/Johannesburg Europe/Kyiv Europe/Kiev
  Europe/Istanbul Asia/Jerusalem Asia/Amman Asia/Baghdad Europe/Kaliningrad Asia/Riyadh Africa/Nairobi Asia/Tehran
  Asia/Dubai Asia/Baku Europe/Moscow Indian/Mauritius Asia/Tbilisi Asia/Yerevan Asia/Kabul Asia/Karachi Asia/Tashkent
  Asia/Kolkata Asia/Colombo Asia/Kathmandu Asia/Almaty Asia/Dhaka Asia/Yekaterinburg Asia/Yangon Asia/Rangoon
  Asia/Bangkok Asia/Novosibirsk Asia/Shanghai Asia/Krasnoyarsk Asia/Singapore Australia/Perth Asia/Taipei
  Asia/Ulaanbaatar Asia/Irkutsk Asia/Tokyo Asia/Seoul Australia/Adelaide Australia/Darwin Australia/Brisbane
  Australia/Sydney Pacific/Port_Moresby Australia/Hobart Asia/Yakutsk Pacific/Guadalcanal Asia/Vladivostok
  Pacific/Auckland Etc/GMT-12 Pacific/Fiji Asia/Magadan Pacific/Tongatapu Pacific/Apia Pacific/Kiritimati`.split(/\s+/),
);

/** After the event is created, Teams may take a moment before its meeting can be looked up by join URL. */
const CHAT_LOOKUP_DELAYS_MS = [0, 1000, 2000];

interface GraphEvent {
  readonly id?: string;
  readonly onlineMeeting?: { readonly joinUrl?: string | null } | null;
}

interface GraphOnlineMeetings {
  readonly value?: readonly { readonly joinWebUrl?: string; readonly chatInfo?: { readonly threadId?: string } }[];
}

/** Outlook events with Teams meetings in the signed-in person's calendar, through Microsoft Graph. */
export class GraphMeetingScheduler implements MeetingScheduler {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly tokens: GraphTokenSource,
    private readonly graph: GraphHttp,
    options: { sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async createTeamsMeeting(assertion: UserAssertion, request: TeamsMeetingRequest): Promise<TeamsMeeting> {
    const token = await this.tokens.accessToken(assertion, MEETING_SCOPES);
    const event = await this.graph.send<GraphEvent>(token, {
      method: 'POST',
      path: '/me/events',
      body: eventBody(request),
      scopes: MEETING_SCOPES,
      // The transactionId makes a repeated create return the first event rather than make a second.
      retryable: true,
    });
    if (!event?.id) throw new DirectoryUnavailable('Outlook did not say which event it created');
    const joinUrl = event.onlineMeeting?.joinUrl;
    if (!joinUrl || !isHttps(joinUrl)) {
      throw new Conflict(
        'Outlook created the event without a Teams meeting: Teams is not an online meeting provider of your ' +
          'calendar. Add the Teams meeting in Outlook, then bind it to the session.',
      );
    }
    return { eventId: event.id, joinUrl, chatId: await this.lookUpChat(token, joinUrl) };
  }

  async meetingChatId(assertion: UserAssertion, joinUrl: string): Promise<string | null> {
    const token = await this.tokens.accessToken(assertion, MEETING_SCOPES);
    return this.lookUpChat(token, joinUrl);
  }

  private async lookUpChat(token: string, joinUrl: string): Promise<string | null> {
    for (const delay of CHAT_LOOKUP_DELAYS_MS) {
      if (delay > 0) await this.sleep(delay);
      const found = await this.graph.send<GraphOnlineMeetings>(token, {
        method: 'GET',
        path: '/me/onlineMeetings',
        query: { $filter: `JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'` },
        scopes: MEETING_SCOPES,
        retryable: true,
      });
      const threadId = found?.value?.find((m) => m.chatInfo?.threadId)?.chatInfo?.threadId;
      if (threadId) return threadId;
    }
    return null;
  }
}

/** The Graph event for a session: its title, times in its own zone (or UTC), where, and a Teams meeting. */
export function eventBody(request: TeamsMeetingRequest): Record<string, unknown> {
  const zone = GRAPH_IANA_ZONES.has(request.timeZone) ? request.timeZone : 'UTC';
  return {
    subject: request.subject,
    body: { contentType: 'text', content: request.body ?? '' },
    start: { dateTime: wallClock(request.startsAt, zone), timeZone: zone },
    end: { dateTime: wallClock(request.endsAt, zone), timeZone: zone },
    ...(request.location ? { location: { displayName: request.location } } : {}),
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    allowNewTimeProposals: false,
    transactionId: transactionIdOf(request.idempotencyKey),
  };
}

/** An instant as the wall-clock time in `zone`, the way Graph's dateTimeTimeZone wants it (2026-12-03T12:00:00). */
export function wallClock(instant: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A stable GUID-shaped transactionId for one session's meeting (Graph dedupes creates by it). */
export function transactionIdOf(key: string): string {
  const hex = createHash('sha256').update(`peerloop-teams-meeting:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
