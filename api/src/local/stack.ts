import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRuntime, type Runtime, type RuntimeOverrides } from '../composition.js';
import { loadConfig, type Config } from '../config.js';
import { ensureContainers, type ContainerDefinition } from '../data/cosmos.js';
import { routes } from '../functions/routes.js';
import { timers } from '../functions/reminders.js';
import { seedDemoData } from './demo-data.js';
import { startEmbeddedStore, type EmbeddedStore } from './embedded-store.js';
import { startLocalHost, startTimerSchedule, type LocalHost } from './local-host.js';
import { restoreSnapshot } from '../data/store-snapshot.js';

export interface ContainerManifest {
  readonly database: string;
  readonly containers: readonly ContainerDefinition[];
}

/** The container definitions the Bicep deploys (infra/containers.json): local runs create exactly these. */
export async function readContainerManifest(repoRoot: string): Promise<ContainerManifest> {
  return JSON.parse(await readFile(join(repoRoot, 'infra', 'containers.json'), 'utf8')) as ContainerManifest;
}

export interface LocalStack {
  readonly config: Config;
  readonly runtime: Runtime;
  readonly host: LocalHost;
  /** Present when the stack started its own embedded store (no COSMOS_ENDPOINT given). */
  readonly store?: EmbeddedStore;
  readonly containers: ContainerManifest;
  close(): Promise<void>;
}

export interface LocalStackOptions {
  readonly repoRoot: string;
  /** Environment as the API would read it; COSMOS_ENDPOINT absent means "start the embedded store". */
  readonly env: Record<string, string | undefined>;
  readonly staticDir?: string;
  readonly storePort?: number;
  /** Restore this snapshot file into a fresh embedded store before seeding. */
  readonly snapshotFile?: string;
  readonly seed?: boolean;
  readonly overrides?: RuntimeOverrides;
  /** Fire the timer functions every minute (`npm start`); otherwise only on `POST /admin/functions/<name>`. */
  readonly runTimers?: boolean;
}

/**
 * The whole app on one machine: embedded Cosmos-compatible store (or a real account), containers from the
 * Bicep's definitions, demo data, and the Functions handlers behind the local host. Used by `npm start`,
 * the integration and end-to-end tests and the benchmarks alike.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const containers = await readContainerManifest(options.repoRoot);
  const store = options.env.COSMOS_ENDPOINT ? undefined : await startEmbeddedStore({ port: options.storePort ?? 0 });
  try {
    const env = {
      COSMOS_DATABASE: containers.database,
      ...options.env,
      ...(store ? { COSMOS_ENDPOINT: store.endpoint, COSMOS_KEY: store.key } : {}),
    };
    const config = loadConfig(env);
    const runtime = buildRuntime(config, options.overrides);
    const database = await ensureContainers(runtime.cosmos, config.cosmos.database, containers.containers);
    if (store && options.snapshotFile) await restoreSnapshot(database, options.snapshotFile);
    if (options.seed) await seedDemoData(runtime, config.devTenantId);
    const host = await startLocalHost({
      runtime,
      routes,
      timers,
      host: config.host,
      port: config.port,
      ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    });
    const stopTimers = options.runTimers ? startTimerSchedule(timers, runtime) : () => undefined;
    return {
      config,
      runtime,
      host,
      store,
      containers,
      close: async () => {
        stopTimers();
        runtime.close();
        await host.close();
        runtime.cosmos.dispose();
        await store?.close();
      },
    };
  } catch (error) {
    await store?.close();
    throw error;
  }
}
