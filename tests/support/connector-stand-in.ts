import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedActivity {
  readonly conversationId: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly activity: Record<string, unknown> & {
    type?: string;
    text?: string;
    attachments?: { contentType: string; content: unknown }[];
  };
}

/**
 * A loopback server standing in for the Bot Connector service: records every activity the bot sends and can
 * answer the next N sends with 429 + Retry-After, as Teams does under throttling.
 */
export class ConnectorStandIn {
  readonly activities: RecordedActivity[] = [];
  private throttleNext = 0;
  private retryAfterSeconds = 1;
  throttled = 0;

  private constructor(
    private readonly server: http.Server,
    readonly serviceUrl: string,
  ) {}

  static async start(): Promise<ConnectorStandIn> {
    const ref: { standIn?: ConnectorStandIn } = {};
    const server = http.createServer((req, res) => ref.standIn!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    ref.standIn = new ConnectorStandIn(server, `http://127.0.0.1:${port}/`);
    return ref.standIn;
  }

  /** The next `count` sends get 429 with Retry-After. */
  throttle(count: number, retryAfterSeconds = 1): void {
    this.throttleNext = count;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Waits until at least `count` activities were recorded (bot replies are sent during the turn). */
  async waitFor(count: number, timeoutMs = 5000): Promise<RecordedActivity[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.activities.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} activities, got ${this.activities.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.activities;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      if (this.throttleNext > 0) {
        this.throttleNext -= 1;
        this.throttled += 1;
        res.writeHead(429, { 'retry-after': String(this.retryAfterSeconds), 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests' } }));
        return;
      }
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedActivity['activity'];
      this.activities.push({
        conversationId: decodeURIComponent(match[1]!),
        path: req.url ?? '',
        authorization: req.headers.authorization,
        activity,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${this.activities.length}` }));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
