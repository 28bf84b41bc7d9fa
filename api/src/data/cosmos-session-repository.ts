import type { Container } from '@azure/cosmos';
import type { Session, SessionRepository, SessionSummary } from '@peerloop/core';

const SCHEMA_VERSION = 1;
interface SessionDoc extends Session {
  readonly type: 'session';
  readonly schemaVersion: number;
}

type NextRow = SessionSummary & { readonly cohortId: string };

/** Rows per page when looking for each cohort's next session; one page answers almost every list. */
const PAGE_SIZE = 200;

export class CosmosSessionRepository implements SessionRepository {
  constructor(private readonly container: Container) {}

  async create(session: Session): Promise<void> {
    await this.container.items.create<SessionDoc>({ ...session, type: 'session', schemaVersion: SCHEMA_VERSION });
  }

  async nextByCohort(tenantId: string, cohortIds: readonly string[], from: Date): Promise<Map<string, SessionSummary>> {
    const next = new Map<string, SessionSummary>();
    if (cohortIds.length === 0) return next;
    const iterator = this.container.items.query<NextRow>(
      {
        query: `SELECT c.id, c.cohortId, c.title, c.kind, c.startsAt FROM c
                WHERE c.tenantId = @tenantId AND c.type = "session"
                  AND ARRAY_CONTAINS(@cohortIds, c.cohortId) AND c.startsAt >= @from
                ORDER BY c.startsAt ASC`,
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@cohortIds', value: [...cohortIds] },
          { name: '@from', value: from.toISOString() },
        ],
      },
      { partitionKey: tenantId, maxItemCount: PAGE_SIZE },
    );
    // Sessions arrive soonest first: the first one seen for a cohort is its next. Stop once all are known.
    while (iterator.hasMoreResults() && next.size < cohortIds.length) {
      const { resources } = await iterator.fetchNext();
      for (const row of resources ?? []) {
        if (!next.has(row.cohortId)) {
          next.set(row.cohortId, { id: row.id, title: row.title, kind: row.kind, startsAt: row.startsAt });
        }
      }
    }
    return next;
  }
}
