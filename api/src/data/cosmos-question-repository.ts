import type { Container, PatchOperation } from '@azure/cosmos';
import { Conflict, type QnaQueue, type Question, type QuestionRepository, type VoteOutcome } from '@peerloop/core';
import { cosmosStatus } from './cosmos.js';
import { updateWithEtag } from './optimistic-update.js';

const SCHEMA_VERSION = 1;
// Ids are unique per logical partition in Azure, but the embedded store treats them as unique per container.
const queueId = (sessionId: string) => `qna-queue.${sessionId}`;

interface QuestionDoc extends Question {
  readonly type: 'question';
  readonly schemaVersion: number;
  readonly _etag?: string;
}

interface QueueDoc extends QnaQueue {
  readonly id: string;
  readonly type: 'qna-queue';
  readonly schemaVersion: number;
  readonly _etag?: string;
}

/** Voter keys are hex HMACs: anything else must never reach a patch path or a query. */
const SAFE_KEY = /^[a-f0-9]{32,128}$/;

/** Attempts of a conditional vote patch that lost to a concurrent change it cannot explain (rare). */
const VOTE_ATTEMPTS = 5;

/**
 * Questions and each session's queue settings, partitioned by tenant and session (hierarchical key, see
 * docs/adr/0001): a session's whole queue is one logical partition, so every read is a point read or a
 * single-partition query, and busy sessions spread across physical partitions.
 */
export class CosmosQuestionRepository implements QuestionRepository {
  constructor(private readonly container: Container) {}

  async create(question: Question): Promise<void> {
    try {
      await this.container.items.create<QuestionDoc>(toDoc(question));
    } catch (error) {
      if (cosmosStatus(error) === 409) throw new Conflict('a question with this id already exists');
      throw error;
    }
  }

  async createMany(questions: readonly Question[]): Promise<void> {
    for (const question of questions) {
      try {
        await this.container.items.create<QuestionDoc>(toDoc(question));
      } catch (error) {
        if (cosmosStatus(error) !== 409) throw error;
      }
    }
  }

  async get(tenantId: string, sessionId: string, id: string): Promise<Question | null> {
    const doc = await this.read(tenantId, sessionId, id);
    return doc ? toQuestion(doc) : null;
  }

  async getMany(tenantId: string, sessionId: string, ids: readonly string[]): Promise<Question[]> {
    if (ids.length === 0) return [];
    const { resources } = await this.container.items
      .query<QuestionDoc>(
        {
          query:
            'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.sessionId = @sessionId AND c.type = "question" AND ARRAY_CONTAINS(@ids, c.id)',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@sessionId', value: sessionId },
            { name: '@ids', value: [...ids] },
          ],
        },
        { partitionKey: [tenantId, sessionId] },
      )
      .fetchAll();
    return resources.map(toQuestion);
  }

  async listForSession(tenantId: string, sessionId: string) {
    const { resources } = await this.container.items
      .query<QuestionDoc | QueueDoc>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.sessionId = @sessionId',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@sessionId', value: sessionId },
          ],
        },
        { partitionKey: [tenantId, sessionId], maxItemCount: 1000 },
      )
      .fetchAll();
    const queueDoc = resources.find((doc): doc is QueueDoc => doc.type === 'qna-queue');
    return {
      questions: resources.filter((doc): doc is QuestionDoc => doc.type === 'question').map(toQuestion),
      queue: queueDoc ? toQueue(queueDoc) : null,
    };
  }

  async getQueue(tenantId: string, sessionId: string): Promise<QnaQueue | null> {
    const doc = await this.readQueue(tenantId, sessionId);
    return doc ? toQueue(doc) : null;
  }

  async countAskedSince(tenantId: string, sessionId: string, authorKey: string, since: Date): Promise<number> {
    const { resources } = await this.container.items
      .query<number>(
        {
          query:
            'SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.sessionId = @sessionId AND c.type = "question" AND c.authorKey = @authorKey AND c.createdAt >= @since',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@sessionId', value: sessionId },
            { name: '@authorKey', value: authorKey },
            { name: '@since', value: since.toISOString() },
          ],
        },
        { partitionKey: [tenantId, sessionId] },
      )
      .fetchAll();
    return resources[0] ?? 0;
  }

  update<T>(
    tenantId: string,
    sessionId: string,
    id: string,
    change: (current: Question) => { next: Question; result: T },
  ): Promise<T> {
    return updateWithEtag({
      container: this.container,
      tenantId,
      id,
      partitionKey: [tenantId, sessionId],
      read: () => this.read(tenantId, sessionId, id),
      toEntity: toQuestion,
      toDoc,
      change,
      what: 'question',
    });
  }

  addVote(tenantId: string, sessionId: string, id: string, voterKey: string, at: Date): Promise<VoteOutcome> {
    return this.patchVote(tenantId, sessionId, id, voterKey, at, true);
  }

  removeVote(tenantId: string, sessionId: string, id: string, voterKey: string, at: Date): Promise<VoteOutcome> {
    return this.patchVote(tenantId, sessionId, id, voterKey, at, false);
  }

  async updateQueue<T>(
    tenantId: string,
    sessionId: string,
    initial: QnaQueue,
    change: (current: QnaQueue) => { next: QnaQueue; result: T },
  ): Promise<T> {
    if (!(await this.readQueue(tenantId, sessionId))) {
      try {
        await this.container.items.create<QueueDoc>(toQueueDoc(initial));
      } catch (error) {
        if (cosmosStatus(error) !== 409) throw error; // someone created it first: change theirs
      }
    }
    return updateWithEtag({
      container: this.container,
      tenantId,
      id: queueId(sessionId),
      partitionKey: [tenantId, sessionId],
      read: () => this.readQueue(tenantId, sessionId),
      toEntity: toQueue,
      toDoc: toQueueDoc,
      change,
      what: 'question queue',
    });
  }

  /**
   * One atomic conditional patch: the voter's entry and the count change together, and only when the
   * voter's presence is what the vote expects (and, to vote, the question is open). A 412 means it already
   * was so, or the question closed: the fresh document tells which.
   */
  private async patchVote(
    tenantId: string,
    sessionId: string,
    id: string,
    voterKey: string,
    at: Date,
    vote: boolean,
  ): Promise<VoteOutcome> {
    if (!SAFE_KEY.test(voterKey)) throw new Error('voter key is not a keyed hash');
    const operations: PatchOperation[] = [
      vote
        ? { op: 'add', path: `/voters/${voterKey}`, value: at.toISOString() }
        : { op: 'remove', path: `/voters/${voterKey}` },
      { op: 'incr', path: '/votes', value: vote ? 1 : -1 },
      { op: 'incr', path: '/revision', value: 1 },
    ];
    const condition = vote
      ? `FROM c WHERE c.state = "open" AND NOT IS_DEFINED(c.voters["${voterKey}"])`
      : `FROM c WHERE IS_DEFINED(c.voters["${voterKey}"])`;
    for (let attempt = 1; attempt <= VOTE_ATTEMPTS; attempt += 1) {
      try {
        const { resource } = await this.container
          .item(id, [tenantId, sessionId])
          .patch<QuestionDoc>({ condition, operations });
        return { changed: true, question: toQuestion(resource!) };
      } catch (error) {
        const status = cosmosStatus(error);
        if (status === 404) throw new Conflict('this question no longer exists');
        if (status !== 412) throw error;
      }
      const current = await this.read(tenantId, sessionId, id);
      if (!current) throw new Conflict('this question no longer exists');
      const present = current.voters?.[voterKey] !== undefined;
      if (present === vote) return { changed: false, question: toQuestion(current) };
      if (vote && current.state !== 'open') throw new Conflict(`this question is ${current.state}; votes are closed`);
    }
    throw new Conflict('many people are voting right now; please try again');
  }

  private async read(tenantId: string, sessionId: string, id: string): Promise<QuestionDoc | null> {
    const { resource, statusCode } = await this.container.item(id, [tenantId, sessionId]).read<QuestionDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== 'question') return null;
    return resource;
  }

  private async readQueue(tenantId: string, sessionId: string): Promise<QueueDoc | null> {
    const { resource, statusCode } = await this.container
      .item(queueId(sessionId), [tenantId, sessionId])
      .read<QueueDoc>();
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.type !== 'qna-queue') return null;
    return resource;
  }
}

function toDoc(question: Question): QuestionDoc {
  return { ...question, type: 'question', schemaVersion: SCHEMA_VERSION };
}

function toQuestion(doc: QuestionDoc): Question {
  return {
    tenantId: doc.tenantId,
    sessionId: doc.sessionId,
    id: doc.id,
    cohortId: doc.cohortId,
    programId: doc.programId,
    text: doc.text,
    anonymous: doc.anonymous,
    ...(doc.author && !doc.anonymous ? { author: doc.author } : {}),
    authorKey: doc.authorKey,
    state: doc.state,
    votes: doc.votes ?? 0,
    voters: doc.voters ?? {},
    ...(doc.position === undefined || doc.position === null ? {} : { position: doc.position }),
    ...(doc.answer ? { answer: doc.answer } : {}),
    ...(doc.carriedFrom ? { carriedFrom: doc.carriedFrom } : {}),
    ...(doc.carriedTo ? { carriedTo: doc.carriedTo } : {}),
    source: doc.source,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    revision: doc.revision ?? 1,
  };
}

function toQueueDoc(queue: QnaQueue): QueueDoc {
  return { ...queue, id: queueId(queue.sessionId), type: 'qna-queue', schemaVersion: SCHEMA_VERSION };
}

function toQueue(doc: QueueDoc): QnaQueue {
  const { id: _id, type: _type, schemaVersion: _version, _etag, ...queue } = doc as QueueDoc & Record<string, unknown>;
  const clean = Object.fromEntries(Object.entries(queue).filter(([key]) => !key.startsWith('_')));
  return clean as unknown as QnaQueue;
}
