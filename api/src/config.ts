import { z } from 'zod';
import { readGraphConfig, type GraphConfig } from './graph/graph-config.js';

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
  /** Keys the pseudonyms of anonymous askers and voters (docs/adr/0005). */
  ANONYMITY_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Azure Web PubSub for live Q&A updates across instances; without it, server-sent events from this process. */
  WEB_PUBSUB_ENDPOINT: z.url({ error: 'must be the URL of an Azure Web PubSub resource' }).optional(),
  WEB_PUBSUB_CONNECTION_STRING: z.string().optional(),
  WEB_PUBSUB_HUB: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$/, 'must be a Web PubSub hub name')
    .default('qna'),
  WEBSITE_SITE_NAME: z.string().optional(),
  /** Where the tab is served: PeerLoop links (cards, link unfurling) point there. */
  TAB_ENDPOINT: z.url({ error: 'must be the URL the tab is served from' }).optional(),
  /** Proactive messages a second per tenant (Teams allows a bot about 50): docs/adr/0006. */
  REMINDERS_TENANT_RATE: z.coerce
    .number({ error: 'must be a number' })
    .positive('must be positive')
    .max(50, "must stay under Teams' limit of about 50 a second per tenant")
    .default(45),
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
  /** HMAC key of the pseudonyms kept for anonymous questions and votes. */
  readonly anonymityHashKey: string;
  /** Reminders and proactive messages: how fast each tenant's messages go to Teams (docs/adr/0006). */
  readonly reminders: { readonly tenantRatePerSecond: number };
  /** Where live Q&A updates go: Azure Web PubSub, or (absent) server-sent events from this process. */
  readonly webPubSub?: { readonly endpoint?: string; readonly connectionString?: string; readonly hub: string };
  /** Microsoft Graph on behalf of the signed-in person (GRAPH_*, docs/adr/0007); null when not configured. */
  readonly graph: GraphConfig | null;
  /** The tab's base URL (TAB_ENDPOINT), for PeerLoop links; absent, cards carry no "Open in PeerLoop". */
  readonly tabEndpoint?: string;
}

/** Only ever used in dev mode on loopback; production requires its own key. */
const DEV_FEED_SIGNING_KEY = 'peerloop-dev-mode-only-feed-signing-key';
const DEV_ANONYMITY_HASH_KEY = 'peerloop-dev-mode-only-anonymity-hash-key';

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
  if (!devMode && !e.ANONYMITY_HASH_KEY)
    problems.push('ANONYMITY_HASH_KEY is required outside dev mode (it keys the pseudonyms of anonymous askers)');
  if (e.WEB_PUBSUB_CONNECTION_STRING && e.PEERLOOP_ENV === 'production')
    problems.push(
      'WEB_PUBSUB_CONNECTION_STRING holds an access key: in production use WEB_PUBSUB_ENDPOINT and managed identity',
    );
  if (e.BOT_ID && e.BOT_APP_TYPE !== 'MultiTenant' && !e.BOT_TENANT_ID) {
    problems.push(`BOT_TENANT_ID is required for a ${e.BOT_APP_TYPE} bot`);
  }
  const graph = readGraphConfig(source, { clientId: e.AAD_APP_CLIENT_ID, production: e.PEERLOOP_ENV === 'production' });
  problems.push(...graph.problems);
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
    anonymityHashKey: e.ANONYMITY_HASH_KEY ?? DEV_ANONYMITY_HASH_KEY,
    reminders: { tenantRatePerSecond: e.REMINDERS_TENANT_RATE },
    graph: graph.config,
    ...(e.TAB_ENDPOINT ? { tabEndpoint: e.TAB_ENDPOINT.replace(/\/+$/, '') } : {}),
    ...(e.WEB_PUBSUB_ENDPOINT || e.WEB_PUBSUB_CONNECTION_STRING
      ? {
          webPubSub: {
            endpoint: e.WEB_PUBSUB_ENDPOINT,
            connectionString: e.WEB_PUBSUB_CONNECTION_STRING,
            hub: e.WEB_PUBSUB_HUB,
          },
        }
      : {}),
  };
}
