import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

const csv = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );

const flag = z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).default('false');

const environment = z.object({
  PEERLOOP_ENV: z
    .enum(['development', 'production'], { error: 'must be "development" or "production"' })
    .default('production'),
  PEERLOOP_DEV_MODE: flag,
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  COSMOS_ENDPOINT: z.url({ error: 'must be the URL of a Cosmos DB account' }),
  COSMOS_KEY: z.string().optional(),
  COSMOS_DATABASE: z.string().min(1).default('peerloop'),
  AAD_APP_CLIENT_ID: z.string().default(''),
  /** Extra accepted audiences, e.g. api://<tab domain>/<client id>. */
  AUTH_AUDIENCES: csv,
  ALLOWED_TENANT_IDS: csv,
  AUTH_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  AUTH_REQUIRED_SCOPE: z.string().min(1).default('access_as_user'),
  BOT_ID: z.string().default(''),
  BOT_PASSWORD: z.string().optional(),
  BOT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  BOT_TENANT_ID: z.string().optional(),
  DEV_TENANT_ID: z.string().default('dev-tenant-contoso'),
  FEED_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  WEBSITE_SITE_NAME: z.string().optional(),
});

export interface Config {
  readonly env: 'development' | 'production';
  /** Local dev identities (persona picker) accepted: only in development, on loopback. */
  readonly devMode: boolean;
  readonly host: string;
  readonly port: number;
  readonly cosmos: { readonly endpoint: string; readonly key?: string; readonly database: string };
  readonly auth: {
    /** Empty when SSO is not configured (dev mode only). */
    readonly clientId: string;
    readonly audiences: readonly string[];
    readonly allowedTenantIds: readonly string[];
    readonly jwksUrl: string;
    readonly requiredScope: string;
  };
  readonly bot: {
    readonly appId: string;
    readonly appPassword?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly appTenantId?: string;
  };
  readonly devTenantId: string;
  /** Signs calendar-feed URLs. */
  readonly feedSigningKey: string;
}

/** Only ever used in dev mode on loopback; production requires its own key. */
const DEV_FEED_SIGNING_KEY = 'peerloop-dev-mode-only-feed-signing-key';

export class ConfigError extends Error {
  constructor(problems: readonly string[]) {
    super(`PeerLoop configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment once; throws ConfigError naming every problem. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = environment.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const devMode = e.PEERLOOP_DEV_MODE === 'true';
  const problems: string[] = [];

  if (devMode) {
    if (e.PEERLOOP_ENV === 'production') problems.push('PEERLOOP_DEV_MODE=true is refused in production');
    if (e.WEBSITE_SITE_NAME) problems.push('PEERLOOP_DEV_MODE=true is refused on Azure App Service / Functions');
    if (!LOOPBACK_HOSTS.has(e.HOST)) problems.push(`PEERLOOP_DEV_MODE=true needs HOST on loopback, not "${e.HOST}"`);
  }
  if (!devMode) {
    if (!e.AAD_APP_CLIENT_ID) problems.push('AAD_APP_CLIENT_ID is required (Teams SSO) outside dev mode');
    if (e.ALLOWED_TENANT_IDS.length === 0) problems.push('ALLOWED_TENANT_IDS is required outside dev mode');
    if (!e.BOT_ID)
      problems.push('BOT_ID is required outside dev mode: without it the bot would accept unauthenticated activities');
  }
  if (e.PEERLOOP_ENV === 'production') {
    const endpoint = new URL(e.COSMOS_ENDPOINT);
    if (endpoint.protocol !== 'https:') problems.push('COSMOS_ENDPOINT must use https in production');
  }
  if (e.BOT_ID && e.BOT_APP_TYPE !== 'UserAssignedMSI' && !e.BOT_PASSWORD) {
    problems.push(`BOT_PASSWORD is required for a ${e.BOT_APP_TYPE} bot`);
  }
  if (!devMode && !e.FEED_SIGNING_KEY)
    problems.push('FEED_SIGNING_KEY is required outside dev mode (it signs calendar-feed URLs)');
  if (e.BOT_ID && e.BOT_APP_TYPE !== 'MultiTenant' && !e.BOT_TENANT_ID) {
    problems.push(`BOT_TENANT_ID is required for a ${e.BOT_APP_TYPE} bot`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.PEERLOOP_ENV,
    devMode,
    host: e.HOST,
    port: e.PORT,
    cosmos: { endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE },
    auth: {
      clientId: e.AAD_APP_CLIENT_ID,
      audiences: e.AAD_APP_CLIENT_ID ? [e.AAD_APP_CLIENT_ID, ...e.AUTH_AUDIENCES] : e.AUTH_AUDIENCES,
      allowedTenantIds: devMode ? [...new Set([...e.ALLOWED_TENANT_IDS, e.DEV_TENANT_ID])] : e.ALLOWED_TENANT_IDS,
      jwksUrl: e.AUTH_JWKS_URL,
      requiredScope: e.AUTH_REQUIRED_SCOPE,
    },
    bot: { appId: e.BOT_ID, appPassword: e.BOT_PASSWORD, appType: e.BOT_APP_TYPE, appTenantId: e.BOT_TENANT_ID },
    devTenantId: e.DEV_TENANT_ID,
    feedSigningKey: e.FEED_SIGNING_KEY ?? DEV_FEED_SIGNING_KEY,
  };
}
