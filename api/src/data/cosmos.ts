import https from 'node:https';
import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';

export type { CosmosClient, Database } from '@azure/cosmos';

/** Container ids and the partition key path each is written with (see infra/containers.json, docs/adr/0001). */
export const CONTAINERS = {
  programs: { id: 'programs', partitionKey: '/tenantId' },
  cohorts: { id: 'cohorts', partitionKey: '/tenantId' },
  people: { id: 'people', partitionKey: '/tenantId' },
  sessions: { id: 'sessions', partitionKey: '/tenantId' },
  questions: { id: 'questions', partitionKey: ['/tenantId', '/sessionId'] },
  /** Deliveries and their waves: a session's (or a week's digest's) deliveries are one logical partition (ADR 0006). */
  deliveries: { id: 'deliveries', partitionKey: ['/tenantId', '/subjectId'] },
  /** Conversation references and notification preferences, per person or chat (ADR 0006). */
  conversations: { id: 'conversations', partitionKey: '/tenantId' },
  /** Library items, each person's use of them, and comments (ADR 0008). */
  library: { id: 'library', partitionKey: '/tenantId' },
} as const;

export interface CosmosSettings {
  readonly endpoint: string;
  /** Account key; without it the client uses managed identity / Entra credentials. */
  readonly key?: string;
  readonly database: string;
}

const LOOPBACK_IDLE_SOCKET_MS = 60_000;
const LOOPBACK = /^(127\.|localhost$|\[?::1\]?$)/;

/** One client per process, keep-alive on, key or managed identity; on loopback, endpoint discovery off. */
export function createCosmosClient(settings: CosmosSettings): CosmosClient {
  const url = new URL(settings.endpoint);
  const local = LOOPBACK.test(url.hostname);
  // The embedded store on loopback serves a self-signed certificate; nothing else is ever trusted unverified.
  // On loopback the client drops a connection idle for a minute, well before the embedded store (10 minutes), so
  // a request never lands on a socket the store is closing ("socket hang up", not retried for writes).
  const agent = new https.Agent({
    keepAlive: true,
    rejectUnauthorized: !local,
    ...(local ? { timeout: LOOPBACK_IDLE_SOCKET_MS } : {}),
  });
  return new CosmosClient({
    endpoint: settings.endpoint,
    ...(settings.key ? { key: settings.key } : { aadCredentials: new DefaultAzureCredential() }),
    agent,
    connectionPolicy: { enableEndpointDiscovery: !local },
    userAgentSuffix: 'peerloop',
  });
}

export interface PeerLoopContainers {
  readonly programs: Container;
  readonly cohorts: Container;
  readonly people: Container;
  readonly sessions: Container;
  readonly questions: Container;
  readonly deliveries: Container;
  readonly conversations: Container;
  readonly library: Container;
}

export function containersOf(database: Database): PeerLoopContainers {
  return {
    programs: database.container(CONTAINERS.programs.id),
    cohorts: database.container(CONTAINERS.cohorts.id),
    people: database.container(CONTAINERS.people.id),
    sessions: database.container(CONTAINERS.sessions.id),
    questions: database.container(CONTAINERS.questions.id),
    deliveries: database.container(CONTAINERS.deliveries.id),
    conversations: database.container(CONTAINERS.conversations.id),
    library: database.container(CONTAINERS.library.id),
  };
}

export interface ContainerDefinition {
  readonly id: string;
  readonly partitionKeyPaths: readonly string[];
}

/**
 * Creates the database and containers if missing. Used by local runs and tests only: in Azure the Bicep
 * creates them and the app's identity has data-plane rights only.
 */
export async function ensureContainers(
  client: CosmosClient,
  databaseId: string,
  definitions: readonly ContainerDefinition[],
): Promise<Database> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const definition of definitions) {
    const paths = [...definition.partitionKeyPaths];
    await database.containers.createIfNotExists({
      id: definition.id,
      partitionKey: paths.length > 1 ? { paths, kind: 'MultiHash' as never, version: 2 } : { paths },
    });
  }
  return database;
}

/** The status code of a Cosmos error, or undefined for anything else. */
export function cosmosStatus(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

const SYSTEM_PROPERTIES = new Set(['_rid', '_self', '_etag', '_attachments', '_ts']);

/** A stored document without the properties Cosmos adds. */
export function withoutSystemProperties<T extends object>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !SYSTEM_PROPERTIES.has(key))) as T;
}
