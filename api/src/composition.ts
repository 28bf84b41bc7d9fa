import { randomUUID } from 'node:crypto';
import {
  QnaAccessCache,
  QnaBroadcaster,
  VoteLimiter,
  systemClock,
  type Clock,
  type CohortDeps,
  type IdGenerator,
  type QnaChange,
  type QnaChangeListener,
  type LibraryDeps,
  type QnaDeps,
} from '@peerloop/core';
import {
  BotDeliveryChannel,
  BotEndpoint,
  createBotAdapter,
  createMeetingQueueCards,
  PeerLoopBot,
  TeamsRateLimiter,
} from '@peerloop/bot';
import { Authenticator } from './auth/authenticator.js';
import type { Config } from './config.js';
import { containersOf, createCosmosClient, type CosmosClient } from './data/cosmos.js';
import { CosmosCohortRepository } from './data/cosmos-cohort-repository.js';
import { CosmosPersonRepository } from './data/cosmos-person-repository.js';
import { CosmosProgramRepository } from './data/cosmos-program-repository.js';
import { CosmosSessionRepository } from './data/cosmos-session-repository.js';
import { CosmosQuestionRepository } from './data/cosmos-question-repository.js';
import { CosmosLibraryRepository } from './data/cosmos-library-repository.js';
import { HmacAuthorKeys } from './anonymity/author-keys.js';
import { createLiveTransport, type LiveTransport } from './live/live-transport.js';
import { buildReminders, reminderSettings, type Reminders } from './reminders/reminders-runtime.js';
import { createGraphServices, type GraphServices } from './graph/index.js';

/** Everything a request needs, built once per process from validated configuration. */
export interface Runtime extends CohortDeps, QnaDeps, Pick<LibraryDeps, 'library'> {
  readonly config: Config;
  readonly cosmos: CosmosClient;
  readonly authenticator: Authenticator;
  readonly bot: BotEndpoint;
  /** Live Q&A updates: server-sent events from this process, or Azure Web PubSub. */
  readonly live: LiveTransport;
  /** Microsoft Graph on behalf of the signed-in person (profiles, Teams meetings); null when not configured. */
  readonly graph: GraphServices | null;
  /** Reminders and proactive messages (docs/adr/0006): the timer's engine, the routes' and the bot's ports. */
  readonly reminders: Reminders;
  /** Stops what runs in the background (live streams, pending queue-card updates); the store client stays. */
  close(): void;
}

/** Queue changes go to every listener (live clients, the meeting chat's queue card); none can fail a write. */
class QnaChangeFanOut implements QnaChangeListener {
  private readonly listeners: QnaChangeListener[] = [];
  add(listener: QnaChangeListener): void {
    this.listeners.push(listener);
  }
  async changed(change: QnaChange): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener.changed(change).catch(() => undefined)));
  }
}

export interface RuntimeOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly cosmos?: CosmosClient;
}

const uuidIds: IdGenerator = { newId: () => randomUUID() };

/** The composition root: the only place that knows which implementation serves which port. */
export function buildRuntime(config: Config, overrides: RuntimeOverrides = {}): Runtime {
  const allowedTenants = new Set(config.auth.allowedTenantIds);
  const authenticator = new Authenticator(config.auth, config.devMode ? { tenantId: config.devTenantId } : null);
  const cosmos = overrides.cosmos ?? createCosmosClient(config.cosmos);
  const containers = containersOf(cosmos.database(config.cosmos.database));
  const questions = new CosmosQuestionRepository(containers.questions);
  const qnaChanges = new QnaChangeFanOut();
  const deps: CohortDeps & QnaDeps & LibraryDeps = {
    library: new CosmosLibraryRepository(containers.library),
    cohorts: new CosmosCohortRepository(containers.cohorts),
    programs: new CosmosProgramRepository(containers.programs),
    people: new CosmosPersonRepository(containers.people),
    sessions: new CosmosSessionRepository(containers.sessions),
    questions,
    authorKeys: new HmacAuthorKeys(config.anonymityHashKey),
    qnaChanges,
    qnaAccessCache: new QnaAccessCache(overrides.clock ?? systemClock),
    voteLimiter: new VoteLimiter(overrides.clock ?? systemClock),
    clock: overrides.clock ?? systemClock,
    ids: overrides.ids ?? uuidIds,
  };
  let live: LiveTransport | undefined;
  let meetingCards: { close(): void } | undefined;
  let graph: GraphServices | null = null;
  try {
    // Logged without tokens: only error codes, statuses and Graph request ids reach the log.
    graph = createGraphServices(config.graph, (message) => console.error(`[graph] ${message}`));
    live = createLiveTransport(config.webPubSub);
    // Logged without the error's details: they could carry a question's text.
    qnaChanges.add(
      new QnaBroadcaster(questions, live.publisher, (message, error) =>
        console.error(`[qna] ${message}: ${(error as { name?: string })?.name ?? 'error'}`),
      ),
    );
    const botLog = (message: string, error?: unknown) => console.error(`[bot] ${message}`, error);
    // One adapter for inbound activities and for updating meeting chats' queue cards.
    const adapter = createBotAdapter(config.bot, botLog);
    const cards = createMeetingQueueCards({
      adapter,
      appId: config.bot.appId,
      deps: { questions, sessions: deps.sessions },
    });
    meetingCards = cards;
    qnaChanges.add(cards);
    // Reminders go out through the same adapter, paced to Teams' limits per tenant and conversation.
    const reminders = buildReminders({
      base: deps,
      cosmos,
      databaseId: config.cosmos.database,
      channel: new BotDeliveryChannel({ adapter, appId: config.bot.appId }),
      throttle: new TeamsRateLimiter({ tenantPerSecond: config.reminders.tenantRatePerSecond }),
      // Big waves start early enough to be through by their due time at this rate.
      settings: reminderSettings({ plan: { sendRatePerSecond: config.reminders.tenantRatePerSecond } }),
      tenants: () => config.auth.allowedTenantIds,
    });
    const bot = new PeerLoopBot({
      ...deps,
      isTenantAllowed: (tenantId) => allowedTenants.has(tenantId),
      conversations: reminders.conversations,
      reminders: reminders.deps,
      ...(config.tabEndpoint ? { tabBase: config.tabEndpoint } : {}),
    });
    const botEndpoint = new BotEndpoint(config.bot, bot, botLog, adapter);
    const closeLive = live;
    const closeCards = meetingCards;
    const closeGraph = graph;
    return {
      ...deps,
      config,
      cosmos,
      authenticator,
      bot: botEndpoint,
      live,
      reminders,
      graph,
      close: () => {
        reminders.close();
        closeGraph?.close();
        closeCards.close();
        closeLive.close();
      },
    };
  } catch (error) {
    graph?.close();
    meetingCards?.close();
    live?.close();
    cosmos.dispose();
    throw error;
  }
}
