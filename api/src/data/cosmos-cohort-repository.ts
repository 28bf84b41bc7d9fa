import type { Container, SqlParameter } from '@azure/cosmos';
import {
  Conflict,
  countsAsMember,
  type Cohort,
  type CohortListing,
  type CohortMember,
  type CohortRepository,
} from '@peerloop/core';
import { cosmosStatus } from './cosmos.js';
import { updateWithEtag } from './optimistic-update.js';

const SCHEMA_VERSION = 1;
interface CohortDoc extends Cohort {
  readonly type: 'cohort';
  readonly schemaVersion: number;
}

/** The fields lists need; members come along to count them and name facilitators (cohorts are small). */
const LISTING_FIELDS =
  'c.id, c.programId, c.name, c.purpose, c.kind, c.commonThreads, c.status, c.members, c.createdAt';

type ListingRow = Pick<
  CohortDoc,
  'id' | 'programId' | 'name' | 'purpose' | 'kind' | 'commonThreads' | 'status' | 'members' | 'createdAt'
>;

export class CosmosCohortRepository implements CohortRepository {
  constructor(private readonly container: Container) {}

  async create(cohort: Cohort): Promise<void> {
    try {
      await this.container.items.create<CohortDoc>(toDoc(cohort));
    } catch (error) {
      if (cosmosStatus(error) === 409) throw new Conflict(`a cohort with id "${cohort.id}" exists`);
      throw error;
    }
  }

  async get(tenantId: string, id: string): Promise<Cohort | null> {
    const doc = await this.read(tenantId, id);
    return doc ? toCohort(doc) : null;
  }

  update<T>(tenantId: string, id: string, change: (current: Cohort) => { next: Cohort; result: T }): Promise<T> {
    return updateWithEtag({
      container: this.container,
      tenantId,
      id,
      read: () => this.read(tenantId, id),
      toEntity: toCohort,
      toDoc,
      change,
      what: 'cohort',
    });
  }

  private async read(tenantId: string, id: string): Promise<(CohortDoc & { _etag?: string }) | null> {
    const { resource, statusCode } = await this.container.item(id, tenantId).read<CohortDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== 'cohort') return null;
    return resource;
  }

  async list(tenantId: string, filter: { programId?: string; memberId?: string }): Promise<CohortListing[]> {
    const conditions = ['c.tenantId = @tenantId', 'c.type = "cohort"'];
    const parameters: SqlParameter[] = [{ name: '@tenantId', value: tenantId }];
    if (filter.programId) {
      conditions.push('c.programId = @programId');
      parameters.push({ name: '@programId', value: filter.programId });
    }
    if (filter.memberId) {
      conditions.push('ARRAY_CONTAINS(c.members, { "userId": @memberId }, true)');
      parameters.push({ name: '@memberId', value: filter.memberId });
    }
    return this.queryListings(
      `SELECT ${LISTING_FIELDS} FROM c WHERE ${conditions.join(' AND ')} ORDER BY c.createdAt DESC`,
      parameters,
      tenantId,
    );
  }

  async searchByName(tenantId: string, text: string, limit: number): Promise<CohortListing[]> {
    return this.queryListings(
      `SELECT TOP @limit ${LISTING_FIELDS} FROM c
       WHERE c.tenantId = @tenantId AND c.type = "cohort" AND CONTAINS(LOWER(c.name), @text)
       ORDER BY c.name`,
      [
        { name: '@tenantId', value: tenantId },
        { name: '@text', value: text.toLowerCase() },
        { name: '@limit', value: limit },
      ],
      tenantId,
    );
  }

  async listOfMember(tenantId: string, userId: string): Promise<Cohort[]> {
    const { resources } = await this.container.items
      .query<CohortDoc>(
        {
          query: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "cohort"
                  AND ARRAY_CONTAINS(c.members, { "userId": @userId }, true)`,
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@userId', value: userId },
          ],
        },
        { partitionKey: tenantId, maxItemCount: 1000 },
      )
      .fetchAll();
    return resources.map(toCohort);
  }

  private async queryListings(query: string, parameters: SqlParameter[], tenantId: string): Promise<CohortListing[]> {
    const { resources } = await this.container.items
      .query<ListingRow>({ query, parameters }, { partitionKey: tenantId, maxItemCount: 1000 })
      .fetchAll();
    return resources.map(toListing);
  }
}

function toDoc(cohort: Cohort): CohortDoc {
  return { ...cohort, type: 'cohort', schemaVersion: SCHEMA_VERSION };
}

function toCohort(doc: CohortDoc): Cohort {
  return {
    tenantId: doc.tenantId,
    id: doc.id,
    programId: doc.programId,
    name: doc.name,
    purpose: doc.purpose,
    kind: doc.kind,
    commonThreads: doc.commonThreads,
    status: doc.status,
    capacity: doc.capacity,
    joinPolicy: doc.joinPolicy,
    members: doc.members,
    invitations: doc.invitations ?? [],
    departures: doc.departures ?? [],
    ...(doc.channel ? { channel: doc.channel } : {}),
    ...(doc.reminderDefaults ? { reminderDefaults: doc.reminderDefaults } : {}),
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
  };
}

function toListing(row: ListingRow): CohortListing {
  const members: readonly CohortMember[] = row.members ?? [];
  return {
    id: row.id,
    programId: row.programId,
    name: row.name,
    purpose: row.purpose,
    kind: row.kind,
    commonThreads: row.commonThreads,
    status: row.status,
    facilitators: members
      .filter((m) => m.role === 'facilitator')
      .map((m) => ({ userId: m.userId, displayName: m.displayName })),
    memberCount: members.filter((m) => countsAsMember(m.role)).length,
  };
}
