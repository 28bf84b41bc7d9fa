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
  /** The tenant the activity was sent in (its conversation's, or channelData's). */
  readonly tenantId: string | undefined;
  /** When it arrived, in ms since the epoch. */
  readonly receivedAt: number;
}

/** At most `max` accepted activities in any `windowMs`. */
export interface StandInWindow {
  readonly max: number;
  readonly windowMs: number;
}

export interface StandInLimits {
  /** Every window applies to each conversation on its own. */
  readonly perConversation?: readonly StandInWindow[];
  /** Applies to each tenant's activities together. */
  readonly perTenant?: StandInWindow;
}

/** Teams' limits for a bot: 7 per second and 60 per 30 seconds per conversation; about 50 a second per tenant. */
export const TEAMS_LIMITS: StandInLimits = {
  perConversation: [
    { max: 7, windowMs: 1_000 },
    { max: 60, windowMs: 30_000 },
  ],
  perTenant: { max: 50, windowMs: 1_000 },
};

interface Fault {
  remaining: number;
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly conversationId?: string;
}

interface Stall {
  remaining: number;
  readonly ms: number;
  /** Record the activity when the stall ends even if the client gave up (Teams took it; the answer was lost). */
  readonly deliverAfterDisconnect: boolean;
  readonly conversationId?: string;
}

/**
 * A loopback server standing in for the Bot Connector service: records every activity the bot sends and can
 * enforce Teams' rate limits (opt-in: 429 with Retry-After when a conversation or tenant goes over), answer the
 * next sends with an injected status (429 with Retry-After, 5xx, 403/404), or stall them.
 */
export class ConnectorStandIn {
  readonly activities: RecordedActivity[] = [];
  private throttleNext = 0;
  private retryAfterSeconds = 1;
  /** Injected 429s answered (throttle()). */
  throttled = 0;
  /** 429s answered because a rate limit was exceeded. */
  limited = 0;
  /** Injected statuses answered (fail()), by status. */
  readonly injected = new Map<number, number>();
  /** Requests held by a stall. */
  stalled = 0;
  /** Every answer given to an activity, in order: what a test checks timing against (429s and their pauses). */
  readonly answers: { readonly at: number; readonly status: number; readonly conversationId: string }[] = [];
  private readonly faults: Fault[] = [];
  private readonly stalls: Stall[] = [];
  private readonly listeners: ((recorded: RecordedActivity, count: number) => void)[] = [];
  private readonly byConversation = new Map<string, number[]>();
  private readonly byTenant = new Map<string, number[]>();

  private constructor(
    private readonly server: http.Server,
    readonly serviceUrl: string,
    private readonly limits: StandInLimits,
  ) {}

  static async start(options: { limits?: StandInLimits } = {}): Promise<ConnectorStandIn> {
    const ref: { standIn?: ConnectorStandIn } = {};
    const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => ref.standIn!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    ref.standIn = new ConnectorStandIn(server, `http://127.0.0.1:${port}/`, options.limits ?? {});
    return ref.standIn;
  }

  /** The next `count` sends get 429 with Retry-After. */
  throttle(count: number, retryAfterSeconds = 1): void {
    this.throttleNext = count;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The next `count` sends (to one conversation, or any) are answered with `status` instead of being recorded. */
  fail(status: number, options: { count?: number; retryAfterSeconds?: number; conversationId?: string } = {}): void {
    this.faults.push({ remaining: options.count ?? 1, status, ...options });
  }

  /**
   * The next `count` sends are held `ms` before being recorded and answered. A client that gives up first loses
   * the answer; the activity is then dropped, or recorded anyway with `deliverAfterDisconnect`.
   */
  stall(ms: number, options: { count?: number; deliverAfterDisconnect?: boolean; conversationId?: string } = {}): void {
    this.stalls.push({
      remaining: options.count ?? 1,
      ms,
      deliverAfterDisconnect: options.deliverAfterDisconnect ?? false,
      ...(options.conversationId ? { conversationId: options.conversationId } : {}),
    });
  }

  /** Called with each activity as it is recorded (and the number recorded so far). */
  onActivity(listener: (recorded: RecordedActivity, count: number) => void): void {
    this.listeners.push(listener);
  }

  /** Activities recorded per conversation. */
  countsByConversation(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const recorded of this.activities)
      counts.set(recorded.conversationId, (counts.get(recorded.conversationId) ?? 0) + 1);
    return counts;
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
      const conversationId = decodeURIComponent(match[1]!);
      if (this.throttleNext > 0) {
        this.throttleNext -= 1;
        this.throttled += 1;
        this.answer(res, 429, { code: 'TooManyRequests' }, this.retryAfterSeconds, conversationId);
        return;
      }
      const fault = this.take(this.faults, conversationId);
      if (fault) {
        this.injected.set(fault.status, (this.injected.get(fault.status) ?? 0) + 1);
        this.answer(res, fault.status, { code: `Injected${fault.status}` }, fault.retryAfterSeconds, conversationId);
        return;
      }
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedActivity['activity'];
      const stall = this.take(this.stalls, conversationId);
      if (!stall) {
        this.accept(req, res, conversationId, activity);
        return;
      }
      this.stalled += 1;
      let gone = false;
      res.once('close', () => {
        if (!res.writableFinished) gone = true;
      });
      setTimeout(() => {
        if (gone && !stall.deliverAfterDisconnect) return;
        this.accept(req, res, conversationId, activity);
      }, stall.ms);
    });
  }

  /** Records the activity, unless a rate limit is exceeded (then 429 with when to come back). */
  private accept(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    conversationId: string,
    activity: RecordedActivity['activity'],
  ): void {
    const now = Date.now();
    const conversation = activity.conversation as { tenantId?: string } | undefined;
    const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
    const tenantId = conversation?.tenantId ?? channelData?.tenant?.id;
    const waits: number[] = [];
    const conversationTimes = this.byConversation.get(conversationId) ?? [];
    for (const window of this.limits.perConversation ?? []) waits.push(waitFor(conversationTimes, window, now));
    const tenantTimes = tenantId ? (this.byTenant.get(tenantId) ?? []) : [];
    if (this.limits.perTenant && tenantId) waits.push(waitFor(tenantTimes, this.limits.perTenant, now));
    const wait = Math.max(0, ...waits);
    if (wait > 0) {
      this.limited += 1;
      const retryAfter = Math.ceil(wait / 1000);
      this.answer(res, 429, { code: 'TooManyRequests', message: 'rate limit exceeded' }, retryAfter, conversationId);
      return;
    }
    conversationTimes.push(now);
    this.byConversation.set(conversationId, trim(conversationTimes, this.limits.perConversation));
    if (tenantId && this.limits.perTenant) {
      tenantTimes.push(now);
      this.byTenant.set(tenantId, trim(tenantTimes, [this.limits.perTenant]));
    }
    const recorded: RecordedActivity = {
      conversationId,
      path: req.url ?? '',
      authorization: req.headers.authorization,
      activity,
      tenantId,
      receivedAt: now,
    };
    this.activities.push(recorded);
    for (const listener of this.listeners) listener(recorded, this.activities.length);
    this.answer(res, 200, { id: `reply-${this.activities.length}` }, undefined, conversationId);
  }

  private take<T extends { remaining: number; conversationId?: string }>(list: T[], conversationId: string): T | null {
    const index = list.findIndex((item) => !item.conversationId || item.conversationId === conversationId);
    if (index < 0) return null;
    const item = list[index]!;
    item.remaining -= 1;
    if (item.remaining <= 0) list.splice(index, 1);
    return item;
  }

  private answer(
    res: http.ServerResponse,
    status: number,
    body: Record<string, unknown>,
    retryAfter: number | undefined,
    conversationId: string,
  ): void {
    this.answers.push({ at: Date.now(), status, conversationId });
    if (res.destroyed) return;
    res.writeHead(status, {
      'content-type': 'application/json',
      ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
    });
    res.end(JSON.stringify(status >= 300 ? { error: body } : body));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

/** How long until one more fits the window (0: it fits now). */
function waitFor(times: readonly number[], window: StandInWindow, now: number): number {
  const inWindow = times.filter((t) => t > now - window.windowMs);
  if (inWindow.length < window.max) return 0;
  return inWindow[inWindow.length - window.max]! + window.windowMs - now;
}

function trim(times: number[], windows: readonly StandInWindow[] | undefined): number[] {
  const keep = Math.max(1, ...(windows ?? []).map((w) => w.max));
  return times.length > keep ? times.slice(times.length - keep) : times;
}
