import { createHash } from 'node:crypto';
import type { Agent } from 'node:http';
import type { TokenCredential } from '@azure/identity';
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import type { LivePublisher, QnaLiveEvent, QnaRole } from '@peerloop/core';

/** How long a client access token lets a side panel (re)connect; the tab asks for a new one after that. */
export const CLIENT_TOKEN_MINUTES = 60;

export type WebPubSubTarget =
  | { readonly hub: string; readonly connectionString: string }
  | { readonly hub: string; readonly endpoint: string; readonly credential: TokenCredential };

export interface WebPubSubConnection {
  readonly url: string;
  readonly expiresAt: string;
}

/** Hub names the service accepts (its REST API's pattern). */
const HUB_NAME = /^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$/;

/**
 * The Web PubSub group of one session's listeners in one audience. The ids are hashed: group names then have a
 * fixed length and alphabet whatever the ids hold, and a token's group claim shows no tenant or session id.
 * Group membership comes only from a token the API signs (clients get no join role), so the hash needs no key.
 */
export function groupFor(tenantId: string, sessionId: string, audience: QnaRole): string {
  const digest = createHash('sha256').update(`${tenantId}\u0000${sessionId}`).digest('base64url');
  return `qna.${digest}.${audience}`;
}

/**
 * Live Q&A through Azure Web PubSub, for the Functions app in Azure: the service holds every listener's
 * WebSocket, so a publish from whichever instance handled the change reaches all of them. Clients connect
 * with the plain browser WebSocket (no subprotocol), so each event arrives as one text frame of JSON. Tokens
 * carry the one group and nothing about the listener: no user id, no roles.
 */
export class WebPubSubPublisher implements LivePublisher {
  private readonly client: WebPubSubServiceClient;

  constructor(
    target: WebPubSubTarget,
    private readonly options: {
      /** Gives up on one live update after this long (default 5 s); the broadcaster reports it. */
      readonly publishTimeoutMs?: number;
      /** HTTP agent for the REST calls (tests: a loopback stand-in with a self-signed certificate). */
      readonly agent?: Agent;
    } = {},
  ) {
    if (!HUB_NAME.test(target.hub)) {
      throw new Error(`Web PubSub hub name "${target.hub}" is not valid: a letter, then letters, digits or _`);
    }
    // A live update older than a couple of seconds is worth little (the next one carries the same state), so
    // retry briefly rather than hold the vote that triggered it.
    const clientOptions = {
      retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500 },
      // Plain http only to a loopback stand-in (tests, a local emulator); anything else must be https.
      allowInsecureConnection: isLoopback(endpointOf(target)),
      ...(options.agent ? { agent: options.agent } : {}),
    };
    this.client =
      'connectionString' in target
        ? new WebPubSubServiceClient(target.connectionString, target.hub, clientOptions)
        : new WebPubSubServiceClient(target.endpoint, target.credential, target.hub, clientOptions);
  }

  async publish(tenantId: string, sessionId: string, audience: QnaRole, event: QnaLiveEvent): Promise<void> {
    // An object goes as JSON (content type application/json); each listener gets it as one text frame.
    await this.client.group(groupFor(tenantId, sessionId, audience)).sendToAll(event, {
      abortSignal: AbortSignal.timeout(this.options.publishTimeoutMs ?? 5_000),
    });
  }

  /** A WebSocket URL that joins one session's group for one audience, valid for CLIENT_TOKEN_MINUTES. */
  async connectionFor(tenantId: string, sessionId: string, audience: QnaRole): Promise<WebPubSubConnection> {
    const { token, url } = await this.client.getClientAccessToken({
      groups: [groupFor(tenantId, sessionId, audience)],
      expirationTimeInMinutes: CLIENT_TOKEN_MINUTES,
    });
    return { url, expiresAt: expiryOf(token) };
  }
}

const LOOPBACK = /^(127\.|localhost$|\[::1\]$)/;

function isLoopback(endpoint: string): boolean {
  try {
    return LOOPBACK.test(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

function endpointOf(target: WebPubSubTarget): string {
  if (!('connectionString' in target)) return target.endpoint;
  const field = target.connectionString.split(';').find((part) => /^endpoint=/i.test(part.trim()));
  return field ? field.trim().slice('endpoint='.length) : '';
}

/**
 * When the token expires, read from its own `exp` claim: the SDK signs it locally with a key, or asks the
 * service for it with Entra credentials, and only the token knows which clock it was stamped with.
 */
function expiryOf(token: string): string {
  const payload = token.split('.')[1];
  const exp = payload
    ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp
    : undefined;
  if (typeof exp !== 'number') throw new Error('Web PubSub returned a client access token without an expiry');
  return new Date(exp * 1000).toISOString();
}
