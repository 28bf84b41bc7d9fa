import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalStack, type LocalStack } from '../../api/dist/local/stack.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The app as `npm start` runs it (embedded store, demo data, local host) on ephemeral loopback ports. */
export function startBenchStack(): Promise<LocalStack> {
  return startLocalStack({
    repoRoot,
    env: {
      PEERLOOP_ENV: 'development',
      PEERLOOP_DEV_MODE: 'true',
      HOST: '127.0.0.1',
      PORT: '0',
      DEV_TENANT_ID: 'bench-tenant',
    },
    seed: true,
  });
}

/** Warms both calls up, then counts the store requests (and SDK query-plan lookups) one `call` makes. */
export async function warmAndCountRequests(
  stack: LocalStack,
  baseline: () => Promise<unknown>,
  call: () => Promise<unknown>,
  warmUps = 30,
): Promise<{ storeRequests: number; queryPlans: number }> {
  for (let i = 0; i < warmUps; i += 1) {
    await baseline();
    await call();
  }
  const requests = stack.store!.requestCount();
  const plans = stack.store!.queryPlanCount();
  await call();
  return { storeRequests: stack.store!.requestCount() - requests, queryPlans: stack.store!.queryPlanCount() - plans };
}
