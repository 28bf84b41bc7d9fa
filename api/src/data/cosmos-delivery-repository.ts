import type { Container, JSONObject, OperationInput, SqlParameter } from '@azure/cosmos';
import {
  isFinished,
  type Delivery,
  type DeliveryKind,
  type DeliveryRepository,
  type SessionNoticeOutbox,
  type VersionedDelivery,
  type Wave,
} from '@peerloop/core';
import { cosmosStatus } from './cosmos.js';

const SCHEMA_VERSION = 1;
/** Operations per bulk request (the service's limit). */
const BULK_CHUNK = 100;

interface DeliveryDoc extends Delivery {
  readonly type: 'delivery';
  readonly schemaVersion: number;
  readonly _etag?: string;
}

interface WaveDoc extends Wave {
  readonly type: 'wave';
  readonly schemaVersion: number;
}

/**
 * Deliveries and the waves they were planned in, partitioned by tenant and subject (hierarchical key
 * `/tenantId`, `/subjectId`; docs/adr/0006): a session's deliveries are one logical partition, so its report is
 * a single-partition query and a fan-out's writes go to one partition; a tenant's due work is a query on the
 * tenant prefix. Every state change is a replace conditional on the ETag read.
 */
export class CosmosDeliveryRepository implements DeliveryRepository {
  constructor(private readonly container: Container) {}

  async createMany(deliveries: readonly Delivery[]): Promise<number> {
    let created = 0;
    for (let start = 0; start < deliveries.length; start += BULK_CHUNK) {
      const chunk = deliveries.slice(start, start + BULK_CHUNK);
      const operations: OperationInput[] = chunk.map((delivery) => ({
        operationType: 'Create',
        partitionKey: [delivery.tenantId, delivery.subjectId],
        resourceBody: toDoc(delivery) as unknown as JSONObject,
      }));
      const results = await this.container.items.bulk(operations);
      for (const [index, result] of results.entries()) {
        if (result.statusCode === 201) created += 1;
        else if (result.statusCode !== 409) created += await this.createOne(chunk[index]!);
      }
    }
    return created;
  }

  /** A bulk operation the service did not take (throttled, timed out): once more on its own. */
  private async createOne(delivery: Delivery): Promise<number> {
    try {
      await this.container.items.create<DeliveryDoc>(toDoc(delivery));
      return 1;
    } catch (error) {
      if (cosmosStatus(error) === 409) return 0;
      throw error;
    }
  }

  async get(tenantId: string, subjectId: string, id: string): Promise<VersionedDelivery | null> {
    const { resource, statusCode } = await this.container.item(id, [tenantId, subjectId]).read<DeliveryDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== 'delivery') return null;
    return versioned(resource);
  }

  async listDue(tenantId: string, until: Date, limit: number, subjectId?: string): Promise<VersionedDelivery[]> {
    const parameters: SqlParameter[] = [
      { name: '@limit', value: limit },
      { name: '@tenantId', value: tenantId },
      { name: '@until', value: until.toISOString() },
    ];
    let subject = '';
    if (subjectId) {
      subject = ' AND c.subjectId = @subjectId';
      parameters.push({ name: '@subjectId', value: subjectId });
    }
    const { resources } = await this.container.items
      .query<DeliveryDoc>(
        {
          query: `SELECT TOP @limit * FROM c
                  WHERE c.tenantId = @tenantId AND c.type = "delivery"${subject}
                    AND (c.state = "pending" OR c.state = "sending") AND c.nextAt <= @until
                  ORDER BY c.nextAt ASC`,
          parameters,
        },
        // The tenant prefix of the hierarchical key (the whole key for one subject): never a cross-tenant query.
        { partitionKey: subjectId ? [tenantId, subjectId] : [tenantId], maxItemCount: limit },
      )
      .fetchAll();
    return resources.map(versioned);
  }

  async listBySubject(tenantId: string, subjectId: string): Promise<Delivery[]> {
    const { resources } = await this.container.items
      .query<DeliveryDoc>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.subjectId = @subjectId AND c.type = "delivery"',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@subjectId', value: subjectId },
          ],
        },
        { partitionKey: [tenantId, subjectId], maxItemCount: 1000 },
      )
      .fetchAll();
    return resources.map(toDelivery);
  }

  async transition(current: VersionedDelivery, next: Delivery): Promise<VersionedDelivery | null> {
    const { tenantId, subjectId, id } = current.delivery;
    if (next.id !== id || next.tenantId !== tenantId || next.subjectId !== subjectId) {
      throw new RangeError('a transition keeps the delivery it changes');
    }
    try {
      const { resource } = await this.container
        .item(id, [tenantId, subjectId])
        .replace<DeliveryDoc>(toDoc(next), { accessCondition: { type: 'IfMatch', condition: current.version } });
      return resource ? versioned(resource) : null;
    } catch (error) {
      const status = cosmosStatus(error);
      if (status === 412 || status === 404) return null;
      throw error;
    }
  }

  async getWave(tenantId: string, subjectId: string, id: string): Promise<Wave | null> {
    const { resource, statusCode } = await this.container.item(id, [tenantId, subjectId]).read<WaveDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== 'wave') return null;
    return toWave(resource);
  }

  async putWave(wave: Wave): Promise<void> {
    try {
      await this.container.items.create<WaveDoc>({ ...wave, type: 'wave', schemaVersion: SCHEMA_VERSION });
    } catch (error) {
      if (cosmosStatus(error) !== 409) throw error;
    }
  }

  async latestWave(tenantId: string, subjectId: string, kind: DeliveryKind): Promise<Wave | null> {
    const { resources } = await this.container.items
      .query<WaveDoc>(
        {
          query: `SELECT TOP 1 * FROM c
                  WHERE c.tenantId = @tenantId AND c.subjectId = @subjectId AND c.type = "wave" AND c.kind = @kind
                  ORDER BY c.createdAt DESC`,
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@subjectId', value: subjectId },
            { name: '@kind', value: kind },
          ],
        },
        { partitionKey: [tenantId, subjectId] },
      )
      .fetchAll();
    return resources[0] ? toWave(resources[0]) : null;
  }
}

/**
 * The sessions' notices outbox (docs/adr/0003): which sessions of a tenant hold notices. It reads the
 * `sessions` container, projecting ids only (one single-partition query); the sessions themselves are read and
 * changed through the SessionRepository. Kept here, next to the deliveries the notices become, until the
 * session repository grows a method for it.
 */
export class CosmosSessionNoticeOutbox implements SessionNoticeOutbox {
  constructor(private readonly sessions: Container) {}

  async sessionsWithNotices(tenantId: string): Promise<string[]> {
    const { resources } = await this.sessions.items
      .query<string>(
        {
          query:
            'SELECT VALUE c.id FROM c WHERE c.tenantId = @tenantId AND c.type = "session" AND ARRAY_LENGTH(c.notices) > 0',
          parameters: [{ name: '@tenantId', value: tenantId }],
        },
        { partitionKey: tenantId, maxItemCount: 1000 },
      )
      .fetchAll();
    return resources;
  }
}

/** Finished deliveries (sent, failed, skipped) expire after this long in Azure (the container's TTL is per item). */
export const FINISHED_DELIVERY_TTL_SECONDS = 400 * 86_400;

function toDoc(delivery: Delivery): DeliveryDoc & { ttl?: number } {
  return {
    ...delivery,
    type: 'delivery',
    schemaVersion: SCHEMA_VERSION,
    ...(isFinished(delivery) ? { ttl: FINISHED_DELIVERY_TTL_SECONDS } : {}),
  };
}

function versioned(doc: DeliveryDoc): VersionedDelivery {
  return { delivery: toDelivery(doc), version: doc._etag! };
}

function toDelivery(doc: DeliveryDoc): Delivery {
  return {
    tenantId: doc.tenantId,
    id: doc.id,
    subjectId: doc.subjectId,
    kind: doc.kind,
    recipientId: doc.recipientId,
    ...(doc.sessionId ? { sessionId: doc.sessionId } : {}),
    ...(doc.sessionStartsAt ? { sessionStartsAt: doc.sessionStartsAt } : {}),
    ...(doc.minutesBefore === undefined ? {} : { minutesBefore: doc.minutesBefore }),
    dueAt: doc.dueAt,
    expiresAt: doc.expiresAt,
    state: doc.state,
    nextAt: doc.nextAt,
    attempts: doc.attempts ?? 0,
    failures: doc.failures ?? 0,
    recoveries: doc.recoveries ?? 0,
    ...(doc.claimedBy ? { claimedBy: doc.claimedBy } : {}),
    ...(doc.claimedAt ? { claimedAt: doc.claimedAt } : {}),
    ...(doc.lastError ? { lastError: doc.lastError } : {}),
    ...(doc.sentAt ? { sentAt: doc.sentAt } : {}),
    ...(doc.activityId ? { activityId: doc.activityId } : {}),
    ...(doc.failure ? { failure: doc.failure } : {}),
    ...(doc.skipped ? { skipped: doc.skipped } : {}),
    ...(doc.origin ? { origin: doc.origin } : {}),
    ...(doc.response ? { response: doc.response } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toWave(doc: WaveDoc): Wave {
  return {
    tenantId: doc.tenantId,
    subjectId: doc.subjectId,
    id: doc.id,
    kind: doc.kind,
    dueAt: doc.dueAt,
    recipients: doc.recipients,
    ...(doc.requestedBy ? { requestedBy: doc.requestedBy } : {}),
    createdAt: doc.createdAt,
  };
}
