import { BotEndpoint, createBotAdapter, PeerLoopBot, type BotLogger } from '@peerloop/bot';
import type { Clock, DeliveryChannel, SendThrottle } from '@peerloop/core';
import type { Runtime } from '../composition.js';
import { ensureContainers } from '../data/cosmos.js';
import { reminderRoutes } from '../functions/reminders.js';
import { routes } from '../functions/routes.js';
import type { LocalStack } from '../local/stack.js';
import { startLocalHost, type LocalHost } from '../local/local-host.js';
import { buildReminders, REMINDER_CONTAINERS, type ReminderSettings, type Reminders } from './reminders-runtime.js';

/** What talks to Teams: made from the bot's CloudAdapter (BotDeliveryChannel, TeamsRateLimiter in bot/). */
export interface ReminderTransport {
  readonly channel: (adapter: ReturnType<typeof createBotAdapter>) => DeliveryChannel;
  readonly throttle: SendThrottle;
}

export interface AttachRemindersOptions extends ReminderTransport {
  readonly settings?: ReminderSettings;
  /** The reminders' clock (planning, due times, leases); the app's own by default. */
  readonly clock?: Clock;
  readonly workerId?: string;
  readonly log?: (line: string) => void;
  /** Serve the app's routes, the reminders' routes and a bot that captures references (default true). */
  readonly serve?: boolean;
}

export interface LocalReminders {
  readonly reminders: Reminders;
  /** The stack's runtime with the reminders and a bot wired to them: what composition.ts builds once pasted in. */
  readonly runtime: Runtime & { readonly reminders: Reminders };
  /** Serves every route (the app's and the reminders') and the bot, when `serve` was not false. */
  readonly host?: LocalHost;
  close(): Promise<void>;
}

/**
 * Adds the reminders to a running local stack (tests, benchmarks): creates their containers in its store,
 * builds the engine on its repositories, and serves the app's routes plus the reminders' routes with a bot that
 * captures conversation references and answers reminder cards. Several may attach to one stack: each is a
 * separate dispatcher, as two Function App instances would be.
 */
export async function attachReminders(stack: LocalStack, options: AttachRemindersOptions): Promise<LocalReminders> {
  const { config, runtime } = stack;
  await ensureContainers(runtime.cosmos, config.cosmos.database, REMINDER_CONTAINERS);
  const log: BotLogger = (message, error) => console.error(`[bot] ${message}`, error ?? '');
  const adapter = createBotAdapter(config.bot, log);
  const reminders = buildReminders({
    base: { ...runtime, ...(options.clock ? { clock: options.clock } : {}) },
    cosmos: runtime.cosmos,
    databaseId: config.cosmos.database,
    channel: options.channel(adapter),
    throttle: options.throttle,
    tenants: () => config.auth.allowedTenantIds,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.workerId ? { workerId: options.workerId } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const allowed = new Set(config.auth.allowedTenantIds);
  const bot = new PeerLoopBot({
    ...runtime,
    isTenantAllowed: (tenantId) => allowed.has(tenantId),
    conversations: reminders.conversations,
    reminders: reminders.deps,
  });
  const wired = Object.assign(Object.create(Object.getPrototypeOf(runtime) as object) as Runtime, runtime, {
    bot: new BotEndpoint(config.bot, bot, log, adapter),
    reminders,
  });
  const host =
    options.serve === false
      ? undefined
      : await startLocalHost({ runtime: wired, routes: [...routes, ...reminderRoutes], host: config.host, port: 0 });
  return {
    reminders,
    runtime: wired,
    ...(host ? { host } : {}),
    close: async () => {
      reminders.close();
      await host?.close();
    },
  };
}

/**
 * Records a personal chat with PeerLoop for each person, as installing the app would (tests and benchmarks
 * point them at a stand-in for the Bot Connector).
 */
export async function rememberPersonalChats(
  reminders: Reminders,
  tenantId: string,
  serviceUrl: string,
  userIds: readonly string[],
  concurrency = 16,
): Promise<void> {
  const queue = [...userIds];
  const at = new Date().toISOString();
  const worker = async () => {
    for (let userId = queue.shift(); userId; userId = queue.shift()) {
      await reminders.conversations.remember({
        tenantId,
        scope: 'personal',
        userId,
        address: {
          channelId: 'msteams',
          serviceUrl,
          conversationId: personalChatId(userId),
          conversationType: 'personal',
          tenantId,
          botId: '28:peerloop-bot',
          userTeamsId: `29:${userId}`,
        },
        installedAt: at,
        updatedAt: at,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, userIds.length) }, worker));
}

/** The conversation id rememberPersonalChats gives a person's chat. */
export function personalChatId(userId: string): string {
  return `a:personal-${userId}`;
}
