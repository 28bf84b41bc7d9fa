import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import {
  DEFAULT_DISPATCH_SETTINGS,
  DEFAULT_ENGINE_SETTINGS,
  DEFAULT_PLAN_SETTINGS,
  ReminderEngine,
  type CohortDeps,
  type ConversationRepository,
  type DeliveryChannel,
  type DispatchSettings,
  type EngineSettings,
  type PlanSettings,
  type ReminderDeps,
  type SendThrottle,
  type StopSignal,
  type TickSummary,
} from '@peerloop/core';
import type { ContainerDefinition, CosmosClient } from '../data/cosmos.js';
import { CosmosConversationRepository } from '../data/cosmos-conversation-repository.js';
import { CosmosDeliveryRepository, CosmosSessionNoticeOutbox } from '../data/cosmos-delivery-repository.js';

/**
 * The reminders' containers (docs/adr/0006); the same entries belong in infra/containers.json and
 * api/src/data/cosmos.ts.
 */
export const REMINDER_CONTAINERS: readonly ContainerDefinition[] = [
  { id: 'deliveries', partitionKeyPaths: ['/tenantId', '/subjectId'] },
  { id: 'conversations', partitionKeyPaths: ['/tenantId'] },
];

export interface ReminderSettings {
  readonly engine: EngineSettings;
  /** How long "send reminder now" keeps its request to deliver right away; the timer sends the rest. */
  readonly sendNowBudgetMs: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  engine: DEFAULT_ENGINE_SETTINGS,
  sendNowBudgetMs: 10_000,
};

/** Settings with some parts replaced (tests shorten leases and backoff; benchmarks raise concurrency). */
export interface ReminderSettingsOverrides {
  readonly plan?: Partial<PlanSettings>;
  readonly dispatch?: Partial<DispatchSettings>;
  readonly maxTickMs?: number;
  readonly replanEveryMs?: number;
  readonly sendNowBudgetMs?: number;
}

export function reminderSettings(overrides: ReminderSettingsOverrides = {}): ReminderSettings {
  return {
    engine: {
      plan: { ...DEFAULT_PLAN_SETTINGS, ...overrides.plan },
      dispatch: { ...DEFAULT_DISPATCH_SETTINGS, ...overrides.dispatch },
      maxTickMs: overrides.maxTickMs ?? DEFAULT_ENGINE_SETTINGS.maxTickMs,
      replanEveryMs: overrides.replanEveryMs ?? DEFAULT_ENGINE_SETTINGS.replanEveryMs,
    },
    sendNowBudgetMs: overrides.sendNowBudgetMs ?? DEFAULT_REMINDER_SETTINGS.sendNowBudgetMs,
  };
}

/** The reminders engine and its ports, as the composition root hands them to routes, the timer and the bot. */
export interface Reminders {
  /** For the use cases: the HTTP routes and the bot's card actions. */
  readonly deps: ReminderDeps;
  /** For the bot: conversation references are captured on every turn. */
  readonly conversations: ConversationRepository;
  readonly engine: ReminderEngine;
  readonly settings: ReminderSettings;
  /** One timer tick: plan what is due in every tenant and dispatch it. */
  tick(): Promise<TickSummary>;
  /** Stops a running tick from taking more deliveries (shutdown); what is in flight finishes. */
  close(): void;
}

export interface BuildRemindersOptions {
  /** The app's repositories, clock and ids (the composition root's deps). */
  readonly base: CohortDeps;
  readonly cosmos: CosmosClient;
  readonly databaseId: string;
  /** How messages reach Teams (BotDeliveryChannel over the process's CloudAdapter). */
  readonly channel: DeliveryChannel;
  /** Teams' rate limits (TeamsRateLimiter with the configured tenant rate). */
  readonly throttle: SendThrottle;
  /** The tenants to plan and dispatch for: the allow-list. */
  readonly tenants: () => readonly string[];
  readonly settings?: ReminderSettings;
  /** Names this process in its claims; by default host, process id and a random suffix. */
  readonly workerId?: string;
  readonly log?: (line: string) => void;
}

/** Builds the reminders engine on the app's store and repositories. */
export function buildReminders(options: BuildRemindersOptions): Reminders {
  const database = options.cosmos.database(options.databaseId);
  const conversations = new CosmosConversationRepository(database.container('conversations'));
  const deps: ReminderDeps = {
    ...options.base,
    deliveries: new CosmosDeliveryRepository(database.container('deliveries')),
    conversations,
    recipients: conversations,
    notificationPreferences: conversations,
    outbox: new CosmosSessionNoticeOutbox(database.container('sessions')),
  };
  const settings = options.settings ?? DEFAULT_REMINDER_SETTINGS;
  const log = options.log ?? ((line: string) => console.error(`[reminders] ${line}`));
  const engine = new ReminderEngine(
    {
      ...deps,
      channel: options.channel,
      throttle: options.throttle,
      workerId: options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      sleep,
      log,
    },
    options.tenants,
    settings.engine,
  );
  const shutdown = new AbortController();
  // Every waiting sender listens to it (a few dozen at once): not a leak.
  setMaxListeners(1000, shutdown.signal);
  return {
    deps,
    conversations,
    engine,
    settings,
    tick: () => engine.tick({ signal: shutdown.signal }),
    close: () => shutdown.abort(),
  };
}

/** A real-time wait that ends early when the signal fires. */
export function sleep(ms: number, signal?: StopSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  const abortable = signal as AbortSignal | undefined;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      abortable?.removeEventListener?.('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    abortable?.addEventListener?.('abort', done, { once: true });
  });
}
