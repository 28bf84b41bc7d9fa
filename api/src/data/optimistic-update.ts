import type { Container, ItemDefinition, PartitionKey } from '@azure/cosmos';
import { Conflict } from '@peerloop/core';
import { cosmosStatus } from './cosmos.js';

/**
 * Attempts of an ETag-conditional update before the caller gets a Conflict, and the cap of the backoff
 * between them (full jitter: a random wait up to min(cap, base * 2^attempt)), so that a rush of writers
 * spreads out instead of colliding again in lockstep.
 */
const MAX_ATTEMPTS = 20;
const BACKOFF_BASE_MS = 4;
const BACKOFF_CAP_MS = 250;

export interface OptimisticUpdate<Doc extends ItemDefinition, Entity, T> {
  readonly container: Container;
  readonly tenantId: string;
  readonly id: string;
  /** The document's full partition key, when the container's is more than the tenant id. */
  readonly partitionKey?: PartitionKey;
  /** Reads the document: null when it does not exist (or is not of this kind / tenant). */
  readonly read: () => Promise<(Doc & { _etag?: string }) | null>;
  readonly toEntity: (doc: Doc) => Entity;
  readonly toDoc: (entity: Entity) => Doc;
  readonly change: (current: Entity) => { next: Entity; result: T };
  readonly what: string;
}

/**
 * Read, apply a pure change, and replace only if nobody wrote in between (If-Match ETag); on 412 apply the
 * change again to the newer version. Never a blind read-modify-write.
 */
export async function updateWithEtag<Doc extends ItemDefinition, Entity, T>(
  update: OptimisticUpdate<Doc, Entity, T>,
): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const doc = await update.read();
    if (!doc) throw new Conflict(`the ${update.what} no longer exists`);
    const current = update.toEntity(doc);
    const { next, result } = update.change(current);
    if (next === current) return result;
    try {
      await update.container
        .item(update.id, update.partitionKey ?? update.tenantId)
        .replace<Doc>(update.toDoc(next), { accessCondition: { type: 'IfMatch', condition: doc._etag! } });
      return result;
    } catch (error) {
      if (cosmosStatus(error) !== 412) throw error;
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
  throw new Conflict(`many people are changing this ${update.what} right now; please try again`);
}
