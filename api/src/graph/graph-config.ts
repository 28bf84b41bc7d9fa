import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * GRAPH_* settings: Microsoft Graph on behalf of the signed-in person (profiles from Entra ID, Outlook events
 * with Teams meetings). Graph is on when one client credential for the Teams app registration
 * (AAD_APP_CLIENT_ID, the API the tab's SSO token is issued to) is given; off otherwise.
 */
const environment = z.object({
  /**
   * Client id of a user-assigned managed identity that has a federated identity credential on the app
   * registration: its token is the app's client assertion, so no secret exists (preferred in Azure).
   */
  GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID: z.string().trim().optional(),
  /** The app registration's client secret (a Key Vault reference in Azure); for local and test runs. */
  GRAPH_CLIENT_SECRET: z.string().optional(),
  /** Entra ID's sign-in host; a loopback stand-in in tests. */
  GRAPH_AUTHORITY_HOST: z
    .url({ error: 'must be a URL like https://login.microsoftonline.com' })
    .default('https://login.microsoftonline.com'),
  /** Microsoft Graph's root; a loopback stand-in in tests. */
  GRAPH_ENDPOINT: z
    .url({ error: 'must be a URL like https://graph.microsoft.com/v1.0' })
    .default('https://graph.microsoft.com/v1.0'),
  /** Each Graph or token request gives up after this long. */
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Tries per Graph request, counting the first: 429 (after its Retry-After), 5xx and timeouts are retried. */
  GRAPH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(6).default(3),
  /** A 429 asking to wait longer than this is not waited for within a request: the caller gets 429 + Retry-After. */
  GRAPH_MAX_RETRY_AFTER_SECONDS: z.coerce.number().int().min(0).max(120).default(10),
});

export interface GraphConfig {
  /** The app registration the SSO token is issued to; on-behalf-of must be done as that app. */
  readonly clientId: string;
  readonly credential:
    | { readonly kind: 'federated-managed-identity'; readonly managedIdentityClientId: string }
    | { readonly kind: 'client-secret'; readonly secret: string };
  /** e.g. https://login.microsoftonline.com, without a trailing slash. */
  readonly authorityHost: string;
  /** e.g. https://graph.microsoft.com/v1.0, without a trailing slash. */
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly maxRetryAfterSeconds: number;
}

export interface GraphConfigContext {
  /** AAD_APP_CLIENT_ID. */
  readonly clientId: string;
  /** PEERLOOP_ENV=production. */
  readonly production: boolean;
}

/**
 * Reads the GRAPH_* settings. `config` is null when no Graph credential is configured (Graph features answer
 * 409 "not configured"); `problems` name every setting that is wrong, for the app's one ConfigError.
 */
export function readGraphConfig(
  source: Record<string, string | undefined>,
  context: GraphConfigContext,
): { config: GraphConfig | null; problems: string[] } {
  const parsed = environment.safeParse(source);
  if (!parsed.success) {
    return { config: null, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const e = parsed.data;
  const federated = e.GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID || undefined;
  const secret = e.GRAPH_CLIENT_SECRET || undefined;
  if (!federated && !secret) return { config: null, problems: [] };

  const problems: string[] = [];
  if (federated && secret) {
    problems.push('set only one of GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID and GRAPH_CLIENT_SECRET');
  }
  if (!context.clientId) {
    problems.push('AAD_APP_CLIENT_ID is required for Microsoft Graph (on-behalf-of is done as the Teams SSO app)');
  }
  const authority = new URL(e.GRAPH_AUTHORITY_HOST);
  const endpoint = new URL(e.GRAPH_ENDPOINT);
  // MSAL talks to an authority over https only; a loopback stand-in serves a self-signed certificate.
  if (authority.protocol !== 'https:') problems.push('GRAPH_AUTHORITY_HOST must use https');
  if (endpoint.protocol !== 'https:' && !LOOPBACK_HOSTS.has(endpoint.hostname)) {
    problems.push('GRAPH_ENDPOINT must use https');
  }
  if (context.production && (LOOPBACK_HOSTS.has(authority.hostname) || LOOPBACK_HOSTS.has(endpoint.hostname))) {
    problems.push('GRAPH_AUTHORITY_HOST and GRAPH_ENDPOINT cannot be loopback stand-ins in production');
  }
  if (problems.length > 0) return { config: null, problems };

  return {
    config: {
      clientId: context.clientId,
      credential: federated
        ? { kind: 'federated-managed-identity', managedIdentityClientId: federated }
        : { kind: 'client-secret', secret: secret! },
      authorityHost: authority.origin,
      endpoint: endpoint.href.replace(/\/+$/, ''),
      timeoutMs: e.GRAPH_TIMEOUT_MS,
      maxAttempts: e.GRAPH_MAX_ATTEMPTS,
      maxRetryAfterSeconds: e.GRAPH_MAX_RETRY_AFTER_SECONDS,
    },
    problems: [],
  };
}

/** Whether the host is this machine: only there is a self-signed certificate (a test stand-in) accepted. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}
