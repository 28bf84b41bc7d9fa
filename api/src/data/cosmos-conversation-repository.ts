import type { Container } from '@azure/cosmos';
import {
  Conflict,
  idPart,
  type ConversationAddress,
  type ConversationRecord,
  type ConversationRepository,
  type NotificationPreferences,
  type NotificationPreferencesRepository,
  type Recipient,
  type RecipientDirectory,
  type StaleReason,
} from '@peerloop/core';
import { cosmosStatus } from './cosmos.js';

const SCHEMA_VERSION = 1;
const MAX_ATTEMPTS = 10;

interface Reachability {
  readonly address: ConversationAddress;
  readonly installedAt: string;
  readonly updatedAt: string;
  readonly stale?: { readonly reason: StaleReason; readonly at: string };
}

/**
 * A person as a recipient of proactive messages: where to reach them (their personal chat with PeerLoop) and
 * what they want sent (notification preferences). One document, so a delivery needs one point read to know both.
 */
interface RecipientDoc {
  readonly id: string;
  readonly type: 'recipient';
  readonly schemaVersion: number;
  readonly tenantId: string;
  readonly userId: string;
  readonly personal?: Reachability;
  readonly preferences?: NotificationPreferences;
  readonly _etag?: string;
}

/** A team or group chat PeerLoop is installed in. */
interface ChatDoc extends Reachability {
  readonly id: string;
  readonly type: 'conversation';
  readonly schemaVersion: number;
  readonly tenantId: string;
  readonly scope: 'groupChat' | 'team';
  readonly _etag?: string;
}

const recipientId = (userId: string) => `person.${idPart(userId)}`;
const chatId = (conversationId: string) => `chat.${idPart(conversationId)}`;

/**
 * Conversation references and notification preferences, in the `conversations` container partitioned by
 * tenant (docs/adr/0006). Every write is conditional (ETag, or create-if-absent), so a re-install racing an
 * uninstall or a 404 from Teams never leaves the wrong state behind.
 */
export class CosmosConversationRepository
  implements ConversationRepository, NotificationPreferencesRepository, RecipientDirectory
{
  constructor(private readonly container: Container) {}

  async remember(record: ConversationRecord): Promise<void> {
    if (record.scope === 'personal') {
      if (!record.userId) throw new RangeError('a personal conversation names its person');
      const userId = record.userId;
      await this.change<RecipientDoc>(
        record.tenantId,
        recipientId(userId),
        () => ({ ...emptyRecipient(record.tenantId, userId) }),
        (doc) => {
          const personal = refreshed(doc.personal, record);
          return personal === doc.personal ? null : { ...doc, personal };
        },
      );
      return;
    }
    const scope = record.scope;
    await this.change<ChatDoc>(
      record.tenantId,
      chatId(record.address.conversationId),
      () => ({
        id: chatId(record.address.conversationId),
        type: 'conversation',
        schemaVersion: SCHEMA_VERSION,
        tenantId: record.tenantId,
        scope,
        address: record.address,
        installedAt: record.installedAt,
        updatedAt: record.updatedAt,
      }),
      (doc) => {
        const next = refreshed(doc, record);
        if (next === doc) return null;
        const { stale: _cleared, ...rest } = doc;
        return { ...rest, ...next, scope };
      },
    );
  }

  async markStale(
    tenantId: string,
    target: { readonly userId: string } | { readonly conversationId: string },
    conversationId: string,
    reason: StaleReason,
    at: Date,
  ): Promise<void> {
    const stale = { reason, at: at.toISOString() };
    if ('userId' in target) {
      await this.change<RecipientDoc>(tenantId, recipientId(target.userId), null, (doc) => {
        if (!doc.personal || doc.personal.stale || doc.personal.address.conversationId !== conversationId) return null;
        return { ...doc, personal: { ...doc.personal, stale } };
      });
      return;
    }
    await this.change<ChatDoc>(tenantId, chatId(target.conversationId), null, (doc) => {
      if (doc.stale || doc.address.conversationId !== conversationId) return null;
      return { ...doc, stale };
    });
  }

  async personal(tenantId: string, userId: string): Promise<ConversationRecord | null> {
    const doc = await this.read<RecipientDoc>(tenantId, recipientId(userId), 'recipient');
    if (!doc?.personal) return null;
    return { tenantId, scope: 'personal', userId, ...reachability(doc.personal) };
  }

  async recipient(tenantId: string, userId: string): Promise<Recipient> {
    const doc = await this.read<RecipientDoc>(tenantId, recipientId(userId), 'recipient');
    return {
      conversation: doc?.personal ? { tenantId, scope: 'personal', userId, ...reachability(doc.personal) } : null,
      preferences: doc?.preferences ? toPreferences(doc.preferences) : null,
    };
  }

  async chat(tenantId: string, conversationId: string): Promise<ConversationRecord | null> {
    const doc = await this.read<ChatDoc>(tenantId, chatId(conversationId), 'conversation');
    if (!doc) return null;
    return { tenantId, scope: doc.scope, ...reachability(doc) };
  }

  async getPreferences(tenantId: string, userId: string): Promise<NotificationPreferences | null> {
    const doc = await this.read<RecipientDoc>(tenantId, recipientId(userId), 'recipient');
    return doc?.preferences ? toPreferences(doc.preferences) : null;
  }

  async savePreferences(tenantId: string, userId: string, preferences: NotificationPreferences): Promise<void> {
    await this.change<RecipientDoc>(
      tenantId,
      recipientId(userId),
      () => emptyRecipient(tenantId, userId),
      (doc) => ({ ...doc, preferences: toPreferences(preferences) }),
    );
  }

  async listDigestSubscribers(tenantId: string): Promise<string[]> {
    const { resources } = await this.container.items
      .query<string>(
        {
          query: `SELECT VALUE c.userId FROM c
                  WHERE c.tenantId = @tenantId AND c.type = "recipient" AND c.preferences.weeklyDigest = true
                    AND (NOT IS_DEFINED(c.preferences.optedOut) OR c.preferences.optedOut = false)`,
          parameters: [{ name: '@tenantId', value: tenantId }],
        },
        { partitionKey: tenantId, maxItemCount: 1000 },
      )
      .fetchAll();
    return resources;
  }

  private async read<D extends { tenantId: string; type: string }>(
    tenantId: string,
    id: string,
    type: D['type'],
  ): Promise<(D & { _etag?: string }) | null> {
    const { resource, statusCode } = await this.container.item(id, tenantId).read<D & { _etag?: string }>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== type) return null;
    return resource;
  }

  /**
   * Applies `change` to the document under its ETag, creating it from `initial` (changed, or as it is) when
   * absent (null: leave a missing one missing); `change` returning null means "nothing to write". Retries on a
   * concurrent write.
   */
  private async change<D extends { id: string; tenantId: string; type: string; _etag?: string }>(
    tenantId: string,
    id: string,
    initial: (() => D) | null,
    change: (current: D) => D | null,
  ): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const { resource, statusCode } = await this.container.item(id, tenantId).read<D>();
      const current = statusCode === 404 || !resource || resource.tenantId !== tenantId ? null : resource;
      try {
        if (!current) {
          if (!initial) return;
          const fresh = initial();
          await this.container.items.create<D>(clean(change(fresh) ?? fresh));
          return;
        }
        const next = change(current);
        if (!next) return;
        await this.container
          .item(id, tenantId)
          .replace<D>(clean(next), { accessCondition: { type: 'IfMatch', condition: current._etag! } });
        return;
      } catch (error) {
        const status = cosmosStatus(error);
        if (status !== 412 && status !== 409) throw error;
      }
    }
    throw new Conflict('this conversation is being changed right now; please try again');
  }
}

function emptyRecipient(tenantId: string, userId: string): RecipientDoc {
  return { id: recipientId(userId), type: 'recipient', schemaVersion: SCHEMA_VERSION, tenantId, userId };
}

/**
 * The reachability after an install or activity: the same object when nothing changed (so nothing is
 * written), the new address with the stale mark cleared otherwise. A re-install after a stale mark counts as
 * a new installation.
 */
function refreshed<R extends Reachability>(current: R | undefined, record: ConversationRecord): Reachability | R {
  if (current && !current.stale && sameAddress(current.address, record.address)) return current;
  return {
    address: record.address,
    installedAt: current && !current.stale ? current.installedAt : record.installedAt,
    updatedAt: record.updatedAt,
  };
}

function sameAddress(a: ConversationAddress, b: ConversationAddress): boolean {
  return (
    a.conversationId === b.conversationId &&
    a.serviceUrl === b.serviceUrl &&
    a.botId === b.botId &&
    a.channelId === b.channelId &&
    a.userTeamsId === b.userTeamsId &&
    a.teamId === b.teamId
  );
}

function reachability(doc: Reachability): Omit<ConversationRecord, 'tenantId' | 'scope' | 'userId'> {
  return {
    address: doc.address,
    installedAt: doc.installedAt,
    updatedAt: doc.updatedAt,
    ...(doc.stale ? { stale: doc.stale } : {}),
  };
}

function toPreferences(doc: NotificationPreferences): NotificationPreferences {
  return {
    optedOut: doc.optedOut === true,
    weeklyDigest: doc.weeklyDigest === true,
    ...(doc.quietHours ? { quietHours: { start: doc.quietHours.start, end: doc.quietHours.end } } : {}),
    ...(doc.updatedAt ? { updatedAt: doc.updatedAt } : {}),
  };
}

/** A document to write: without the properties Cosmos adds. */
function clean<D extends object>(doc: D): D {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_'))) as D;
}
