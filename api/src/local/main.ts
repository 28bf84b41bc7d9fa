import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.js';
import { startPlayground } from './playground.js';
import { startLocalStack } from './stack.js';
import { saveSnapshot } from '../data/store-snapshot.js';

// `npm start`: PeerLoop on this machine, on loopback, in dev mode, with demo data that survives restarts.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = process.env.PEERLOOP_DATA_DIR ?? join(repoRoot, '.data');
const snapshotFile = join(dataDir, 'cosmos-snapshot.json');
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);

const env: Record<string, string | undefined> = {
  PEERLOOP_ENV: 'development',
  PEERLOOP_DEV_MODE: 'true',
  HOST: '127.0.0.1',
  PORT: '3978',
  ...process.env,
};
// The local host serves the tab too: PeerLoop links in cards point at it.
env.TAB_ENDPOINT ??= `http://${env.HOST}:${env.PORT}`;

async function main(): Promise<void> {
  const staticDir = join(repoRoot, 'tabs', 'dist');
  const stack = await startLocalStack({
    repoRoot,
    env,
    ...(existsSync(staticDir) ? { staticDir } : {}),
    storePort: Number(process.env.COSMOS_PORT ?? 8081),
    snapshotFile,
    seed: true,
    runTimers: process.env.REMINDERS !== 'off',
  });
  const database = stack.runtime.cosmos.database(stack.config.cosmos.database);

  // Persist the in-memory store through the SDK whenever something changed, and once more on the way out.
  let savedAt = -1;
  const persist = async () => {
    if (!stack.store || stack.store.requestCount() === savedAt) return;
    await saveSnapshot(database, stack.containers.containers, snapshotFile);
    savedAt = stack.store.requestCount();
  };
  const timer = setInterval(
    () => void persist().catch((e: unknown) => console.error('[store] snapshot failed', e)),
    5000,
  );

  const botEndpoint = `${stack.host.url}/api/messages`;
  const playground =
    process.env.PLAYGROUND === 'off'
      ? undefined
      : await startPlayground({
          repoRoot,
          folder: join(dataDir, 'playground'),
          botEndpoint,
          tenantId: stack.config.devTenantId,
          port: PLAYGROUND_PORT,
        });

  console.log(`
PeerLoop is running (dev mode, loopback only). Ctrl-C stops everything.
  Tab (browser mode, persona picker)  ${stack.host.url}/
  API                                 ${stack.host.url}/api/health
  Bot endpoint                        ${botEndpoint}
  Agents Playground (chat with bot)   ${playground ? playground.url : 'not started (PLAYGROUND=off)'}
  Cosmos store                        ${stack.store ? `${stack.store.endpoint} (embedded, saved to .data/)` : stack.config.cosmos.endpoint}
`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    playground?.stop();
    await persist().catch((e: unknown) => console.error('[store] final snapshot failed', e));
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
