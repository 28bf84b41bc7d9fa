import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';

/** How long the embedded store keeps an idle client connection open. */
export const EMBEDDED_STORE_SERVER_IDLE_MS = 10 * 60_000;

/** Any base64 string: the embedded server does not check keys. */
export const EMBEDDED_STORE_KEY = Buffer.from('peerloop-local-embedded-store-key').toString('base64');

export interface EmbeddedStore {
  readonly endpoint: string;
  readonly key: string;
  /** Data requests the store has answered (reads, writes, queries): the round trips tests and benchmarks count. */
  requestCount(): number;
  /**
   * Query-plan lookups: @azure/cosmos asks for one alongside every query, concurrently with the query itself,
   * so they add requests but not sequential round trips.
   */
  queryPlanCount(): number;
  close(): Promise<void>;
}

/**
 * Starts the Cosmos-compatible server in this process on loopback (keep-alive on), over HTTPS with the
 * server's self-signed certificate (the SDK refuses plain HTTP); the real SDK talks to it exactly as to Azure.
 */
export async function startEmbeddedStore(options: { port?: number } = {}): Promise<EmbeddedStore> {
  const server = createHttpsServer({ keepAlive: true });
  // Node closes an idle kept-alive connection after 5 s by default; a client that picks that socket as it closes
  // gets "socket hang up", which the SDK retries for reads but not for writes. The store keeps idle connections
  // far longer than the client does (see createCosmosClient), so it is always the client that lets go.
  server.keepAliveTimeout = EMBEDDED_STORE_SERVER_IDLE_MS;
  let requests = 0;
  let queryPlans = 0;
  server.on('request', (request: IncomingMessage) => {
    if (
      request.headers['x-ms-cosmos-is-query-plan-request'] === 'True' ||
      request.headers['x-ms-cosmos-is-query-plan-request'] === 'true'
    )
      queryPlans += 1;
    else requests += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}`,
    key: EMBEDDED_STORE_KEY,
    requestCount: () => requests,
    queryPlanCount: () => queryPlans,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
