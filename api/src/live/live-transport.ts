import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { LivePublisher, QnaRole } from '@peerloop/core';
import { SseHub } from './sse-hub.js';
import { WebPubSubPublisher } from './web-pubsub.js';

/** How a tab listens to a session's queue: the API tells it which transport and where. */
export type LiveConnection =
  | {
      readonly transport: 'sse';
      /** Relative to the API base, e.g. /api/sessions/{sessionId}/questions/live. */
      readonly url: string;
    }
  | {
      readonly transport: 'websocket';
      /** wss:// URL with its access token; open with the plain browser WebSocket. */
      readonly url: string;
      /** ISO time after which the URL no longer connects; ask for a new one to reconnect. */
      readonly expiresAt: string;
    };

/** Live Q&A delivery: the publisher the QnaBroadcaster calls, and connection details for the tabs. */
export interface LiveTransport {
  readonly publisher: LivePublisher;
  /**
   * The hub that serves `/questions/live` streams from this process, or null when tabs listen elsewhere
   * (Web PubSub), in which case that route has nothing to serve.
   */
  readonly sseHub: SseHub | null;
  /** Where a caller already authorized for this session and audience listens. Carries nothing about who. */
  connectionFor(tenantId: string, sessionId: string, audience: QnaRole): Promise<LiveConnection>;
  close(): void;
}

/** Azure Web PubSub settings from config (`Config.webPubSub`); absent means server-sent events from this process. */
export interface WebPubSubSettings {
  /** Hub name (WEB_PUBSUB_HUB, default "qna"). */
  readonly hub: string;
  /** https://<name>.webpubsub.azure.com (WEB_PUBSUB_ENDPOINT): signs in with managed identity. */
  readonly endpoint?: string;
  /** Endpoint=...;AccessKey=...;Version=1.0; (WEB_PUBSUB_CONNECTION_STRING): tests and local trials only. */
  readonly connectionString?: string;
}

/** The SSE path of a session's live stream, relative to the API base (the tab prefixes its API base). */
export function liveStreamPath(sessionId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/questions/live`;
}

/** Serves live updates as server-sent events from this process (local runs, one instance). */
export class SseLiveTransport implements LiveTransport {
  readonly sseHub: SseHub;

  constructor(hub: SseHub = new SseHub()) {
    this.sseHub = hub;
  }

  get publisher(): LivePublisher {
    return this.sseHub;
  }

  async connectionFor(_tenantId: string, sessionId: string): Promise<LiveConnection> {
    return { transport: 'sse', url: liveStreamPath(sessionId) };
  }

  close(): void {
    this.sseHub.close();
  }
}

/** Serves live updates through Azure Web PubSub (Azure: any instance publishes, the service fans out). */
export class WebPubSubLiveTransport implements LiveTransport {
  readonly sseHub = null;

  constructor(private readonly webPubSub: WebPubSubPublisher) {}

  get publisher(): LivePublisher {
    return this.webPubSub;
  }

  async connectionFor(tenantId: string, sessionId: string, audience: QnaRole): Promise<LiveConnection> {
    return { transport: 'websocket', ...(await this.webPubSub.connectionFor(tenantId, sessionId, audience)) };
  }

  close(): void {
    // Nothing held open: each publish is one REST call.
  }
}

/**
 * Chooses the transport: Web PubSub when settings name one (a connection string, or an endpoint with managed
 * identity through DefaultAzureCredential), otherwise server-sent events from this process.
 */
export function createLiveTransport(
  settings: WebPubSubSettings | undefined,
  options: { readonly credential?: TokenCredential } = {},
): LiveTransport {
  if (settings?.connectionString && settings.endpoint) {
    throw new Error('Set either a Web PubSub endpoint (managed identity) or a connection string, not both');
  }
  if (settings?.connectionString) {
    return new WebPubSubLiveTransport(
      new WebPubSubPublisher({ hub: settings.hub, connectionString: settings.connectionString }),
    );
  }
  if (settings?.endpoint) {
    const credential = options.credential ?? new DefaultAzureCredential();
    return new WebPubSubLiveTransport(
      new WebPubSubPublisher({ hub: settings.hub, endpoint: settings.endpoint, credential }),
    );
  }
  return new SseLiveTransport();
}
