import { Conflict, DomainError, Forbidden } from '../shared/errors.js';

const REDACTED = 'UserAssertion [redacted]';

/**
 * The signed-in person's own Teams SSO token, carried from the edge that verified it to a Microsoft Graph
 * adapter, which exchanges it on their behalf (OAuth 2.0 on-behalf-of) at the token endpoint and nowhere
 * else. It is never stored, and prints as "[redacted]" when logged, serialised or inspected.
 */
export class UserAssertion {
  readonly #token: string;

  constructor(
    /** The tenant that issued the token: the on-behalf-of exchange is made with that tenant's authority. */
    readonly tenantId: string,
    token: string,
  ) {
    this.#token = token;
  }

  /** The raw token, for the token endpoint only. */
  reveal(): string {
    return this.#token;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

/** What the organisation's directory (Entra ID, via Microsoft Graph `GET /me`) says about the signed-in person. */
export interface DirectoryProfile {
  /** Entra object id: the same id PeerLoop knows the person by. */
  readonly id: string;
  readonly displayName?: string;
  readonly jobTitle?: string;
  readonly department?: string;
  readonly mail?: string;
  readonly userPrincipalName?: string;
}

/** The person's manager in the directory (`GET /me/manager`). */
export interface DirectoryManager {
  /** Entra object id. */
  readonly id: string;
  readonly displayName?: string;
}

/** The organisation's directory, read on behalf of the signed-in person. */
export interface Directory {
  profileOf(assertion: UserAssertion): Promise<DirectoryProfile>;
  /** Null when the directory names no manager for the person. */
  managerOf(assertion: UserAssertion): Promise<DirectoryManager | null>;
}

/** An Outlook event with a Teams meeting, as PeerLoop asks for it. */
export interface TeamsMeetingRequest {
  readonly subject: string;
  /** ISO 8601 instants (UTC). */
  readonly startsAt: string;
  readonly endsAt: string;
  /** IANA zone the session was planned in. */
  readonly timeZone: string;
  readonly body?: string;
  readonly location?: string;
  /**
   * The same for every attempt to create this session's meeting (tenant and session), so that a retried
   * create, or two people pressing the button at once, make one event rather than two.
   */
  readonly idempotencyKey: string;
}

/** The Outlook event and its Teams meeting. */
export interface TeamsMeeting {
  readonly eventId: string;
  readonly joinUrl: string;
  /** The meeting chat's id (`19:meeting_…@thread.v2`); null while Teams has not made the meeting findable yet. */
  readonly chatId: string | null;
}

/** Creates Outlook events with Teams meetings in the signed-in person's own calendar. */
export interface MeetingScheduler {
  createTeamsMeeting(assertion: UserAssertion, request: TeamsMeetingRequest): Promise<TeamsMeeting>;
  /** The chat id of the Teams meeting with this join URL, or null when it cannot be found (yet). */
  meetingChatId(assertion: UserAssertion, joinUrl: string): Promise<string | null>;
}

/** Microsoft Graph is not set up for this PeerLoop, or the caller's sign-in cannot use it (answered 409). */
export class DirectoryNotConfigured extends Conflict {
  readonly reason = 'graph_not_configured';
  constructor(
    message = 'Microsoft 365 (Microsoft Graph) is not configured for this PeerLoop: an admin sets ' +
      'GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID or GRAPH_CLIENT_SECRET for the Teams app registration (docs/adr/0007).',
  ) {
    super(message);
  }
}

/**
 * Microsoft 365 refused for want of consent: the signed-in person (or an admin, for permissions that need
 * admin consent) has not granted PeerLoop these delegated permissions. Answered 403.
 */
export class DirectoryConsentRequired extends Forbidden {
  readonly reason = 'consent_required';
  constructor(
    readonly scopes: readonly string[],
    message = `PeerLoop needs your consent to these Microsoft 365 permissions: ${scopes.join(', ')}. ` +
      'Ask your Microsoft 365 admin to grant them to PeerLoop (admin consent), then try again.',
  ) {
    super(message);
  }
}

/** Microsoft 365 did not answer usefully (down, too slow, or refused PeerLoop's own credentials). */
export class DirectoryUnavailable extends DomainError {
  readonly code = 'directory_unavailable';
  constructor(
    message: string,
    /** When Microsoft 365 said how long to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
