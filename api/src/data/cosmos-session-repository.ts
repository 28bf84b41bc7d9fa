import type { Container, SqlParameter } from '@azure/cosmos';
import {
  newSession,
  type Session,
  type SessionQuery,
  type SessionRepository,
  type SessionSummary,
} from '@peerloop/core';
import { cosmosStatus } from './cosmos.js';
import { updateWithEtag } from './optimistic-update.js';

const SCHEMA_VERSION = 2;
interface SessionDoc extends Session {
  readonly type: 'session';
  readonly schemaVersion: number;
  readonly _etag?: string;
}

type NextRow = SessionSummary & { readonly cohortId: string };

/** Rows per page when looking for each cohort's next session; one page answers almost every list. */
const PAGE_SIZE = 200;

export class CosmosSessionRepository implements SessionRepository {
  constructor(private readonly container: Container) {}

  async create(session: Session): Promise<void> {
    await this.container.items.create<SessionDoc>(toDoc(session));
  }

  async createMany(sessions: readonly Session[]): Promise<void> {
    // Occurrence ids are deterministic, so a retried request finds its earlier writes and skips them.
    const queue = [...sessions];
    const worker = async () => {
      for (let session = queue.shift(); session; session = queue.shift()) {
        try {
          await this.container.items.create<SessionDoc>(toDoc(session));
        } catch (error) {
          if (cosmosStatus(error) !== 409) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, sessions.length) }, worker));
  }

  async get(tenantId: string, id: string): Promise<Session | null> {
    const doc = await this.read(tenantId, id);
    return doc ? toSession(doc) : null;
  }

  async listByMeeting(tenantId: string, chatId: string): Promise<Session[]> {
    const { resources } = await this.container.items
      .query<SessionDoc>(
        {
          query:
            'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "session" AND c.meeting.chatId = @chatId ORDER BY c.startsAt ASC',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@chatId', value: chatId },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(toSession);
  }

  async list(tenantId: string, query: SessionQuery): Promise<Session[]> {
    const conditions = ['c.tenantId = @tenantId', 'c.type = "session"', 'c.startsAt >= @from', 'c.startsAt < @to'];
    const parameters: SqlParameter[] = [
      { name: '@tenantId', value: tenantId },
      { name: '@from', value: query.from.toISOString() },
      { name: '@to', value: query.to.toISOString() },
    ];
    if (query.cohortId) {
      conditions.push('c.cohortId = @cohortId');
      parameters.push({ name: '@cohortId', value: query.cohortId });
    }
    if (query.programId) {
      conditions.push('c.programId = @programId');
      parameters.push({ name: '@programId', value: query.programId });
    }
    const { resources } = await this.container.items
      .query<SessionDoc>(
        { query: `SELECT * FROM c WHERE ${conditions.join(' AND ')} ORDER BY c.startsAt ASC`, parameters },
        { partitionKey: tenantId, maxItemCount: 1000 },
      )
      .fetchAll();
    return resources.map(toSession);
  }

  update<T>(tenantId: string, id: string, change: (current: Session) => { next: Session; result: T }): Promise<T> {
    return updateWithEtag({
      container: this.container,
      tenantId,
      id,
      read: () => this.read(tenantId, id),
      toEntity: toSession,
      toDoc,
      change,
      what: 'session',
    });
  }

  async nextByCohort(tenantId: string, cohortIds: readonly string[], from: Date): Promise<Map<string, SessionSummary>> {
    const next = new Map<string, SessionSummary>();
    if (cohortIds.length === 0) return next;
    const iterator = this.container.items.query<NextRow>(
      {
        query: `SELECT c.id, c.cohortId, c.title, c.kind, c.startsAt FROM c
                WHERE c.tenantId = @tenantId AND c.type = "session" AND (NOT IS_DEFINED(c.status) OR c.status != "cancelled")
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

  private async read(tenantId: string, id: string): Promise<SessionDoc | null> {
    const { resource, statusCode } = await this.container.item(id, tenantId).read<SessionDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== 'session') return null;
    return resource;
  }
}

function toDoc(session: Session): SessionDoc {
  return { ...session, type: 'session', schemaVersion: SCHEMA_VERSION };
}

/** Documents of schema version 1 (foundation) lack the RSVP fields: they read as "no answers yet". */
function toSession(doc: SessionDoc): Session {
  return newSession({
    tenantId: doc.tenantId,
    id: doc.id,
    cohortId: doc.cohortId,
    programId: doc.programId,
    kind: doc.kind,
    title: doc.title,
    topic: doc.topic,
    description: doc.description,
    presenters: doc.presenters ?? [],
    startsAt: doc.startsAt,
    endsAt: doc.endsAt,
    timeZone: doc.timeZone,
    location: doc.location,
    meetingUrl: doc.meetingUrl,
    meeting: doc.meeting,
    outlookEvent: doc.outlookEvent,
    capacity: doc.capacity,
    rsvpClosesAt: doc.rsvpClosesAt,
    status: doc.status ?? 'scheduled',
    details: doc.details ?? {},
    seriesId: doc.seriesId,
    occurrenceDate: doc.occurrenceDate,
    detached: doc.detached,
    rsvps: doc.rsvps ?? {},
    waitlist: doc.waitlist ?? [],
    attendance: doc.attendance ?? {},
    notices: doc.notices ?? [],
    createdBy: doc.createdBy ?? 'unknown',
    createdAt: doc.createdAt ?? doc.startsAt,
  });
}
