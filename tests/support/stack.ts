import { dirname, join, resolve } from 'node:path';
import type { RuntimeOverrides } from '../../api/src/composition';
import { startLocalStack, type LocalStack } from '../../api/src/local/stack';
import { TEST_CLIENT_ID, TEST_TENANT_ID, type TestIdentityProvider } from './test-identity';

export const REPO_ROOT = resolve(dirname(__filename), '../..');
export const DEV_TENANT = 'dev-tenant-contoso';

export interface TestStackOptions {
  readonly identity?: TestIdentityProvider;
  readonly env?: Record<string, string>;
  readonly staticDir?: string;
  readonly seed?: boolean;
  readonly overrides?: RuntimeOverrides;
}

/**
 * The app as `npm start` runs it (embedded store, real SDK, Functions handlers behind the local host), on
 * ephemeral loopback ports, in dev mode, with SSO verified against the test identity provider when given.
 */
export function startTestStack(options: TestStackOptions = {}): Promise<LocalStack> {
  return startLocalStack({
    repoRoot: REPO_ROOT,
    env: {
      PEERLOOP_ENV: 'development',
      PEERLOOP_DEV_MODE: 'true',
      HOST: '127.0.0.1',
      PORT: '0',
      DEV_TENANT_ID: DEV_TENANT,
      ...(options.identity
        ? {
            AAD_APP_CLIENT_ID: TEST_CLIENT_ID,
            ALLOWED_TENANT_IDS: TEST_TENANT_ID,
            AUTH_JWKS_URL: options.identity.jwksUrl,
          }
        : {}),
      ...options.env,
    },
    seed: options.seed ?? true,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
  });
}

export const tabsDist = join(REPO_ROOT, 'tabs', 'dist');

/** JSON over HTTP against the stack, as the tab would call it. */
export async function api(
  stack: LocalStack,
  path: string,
  init: { method?: string; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.host.url}${path}`, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
