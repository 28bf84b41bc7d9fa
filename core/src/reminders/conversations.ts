import type { NotificationPreferences } from '../people/notification-preferences.js';

/**
 * Where the bot can write to someone outside a turn: the pieces of a Bot Framework conversation reference,
 * captured when PeerLoop is installed (personal, team, group chat) and kept current from later activities.
 */
export interface ConversationAddress {
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly conversationType: 'personal' | 'groupChat' | 'channel';
  readonly tenantId: string;
  /** The bot's id in this conversation (28:...). */
  readonly botId: string;
  /** Personal chats: the person's Teams id (29:...), for cards that refresh for them. */
  readonly userTeamsId?: string;
  /** Team installs: the team's id. */
  readonly teamId?: string;
}

export type StaleReason = 'uninstalled' | 'forbidden' | 'not-found';

/** A conversation PeerLoop can reach: a person's personal chat with the bot, or a team or group chat. */
export interface ConversationRecord {
  readonly tenantId: string;
  readonly scope: 'personal' | 'groupChat' | 'team';
  /** The person (personal scope). */
  readonly userId?: string;
  readonly address: ConversationAddress;
  readonly installedAt: string;
  readonly updatedAt: string;
  /** Set on uninstall or when Teams answered 403/404; cleared when PeerLoop is installed again. */
  readonly stale?: { readonly reason: StaleReason; readonly at: string };
}

export interface ConversationRepository {
  /**
   * Records where PeerLoop can reach a person or chat, or refreshes it (a new service URL, a re-install), and
   * clears a stale mark. Writes only when something changed. Never fails the turn it is called from.
   */
  remember(record: ConversationRecord): Promise<void>;
  /**
   * Marks a conversation stale, but only if it is still the one that failed: a re-install since then replaced
   * it and stays as it is.
   */
  markStale(
    tenantId: string,
    target: { readonly userId: string } | { readonly conversationId: string },
    conversationId: string,
    reason: StaleReason,
    at: Date,
  ): Promise<void>;
  /** A person's personal chat with PeerLoop, stale or not; null when they never installed it. */
  personal(tenantId: string, userId: string): Promise<ConversationRecord | null>;
  /** A team or group chat PeerLoop was installed in. */
  chat(tenantId: string, conversationId: string): Promise<ConversationRecord | null>;
}

/** A person as the recipient of a delivery: where to reach them and what they want sent. */
export interface Recipient {
  readonly conversation: ConversationRecord | null;
  readonly preferences: NotificationPreferences | null;
}

/** Both halves of a recipient in one read (they are kept together: see docs/adr/0006). */
export interface RecipientDirectory {
  recipient(tenantId: string, userId: string): Promise<Recipient>;
}
