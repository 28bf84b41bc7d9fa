import { CardFactory, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConversationAddress, DeliveryChannel, DeliveryMessage, SendOutcome } from '@peerloop/core';
import { reminderCard, reminderSummary } from '../cards/reminder-card.js';
import { reminderDigestCard } from '../cards/reminder-digest-card.js';
import { describeFailure, retryAfterSeconds, statusOf } from '../qna/failures.js';

/** What the channel needs of botbuilder's CloudAdapter: to act in a conversation outside a turn. */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/** The connector client a CloudAdapter puts in each turn's state (botframework-connector's ConnectorClient). */
interface TurnConnector {
  readonly client?: { readonly pipeline?: { removePolicy(options: { name: string }): unknown } };
  readonly conversations: {
    sendToConversation(
      conversationId: string,
      activity: Partial<Activity>,
      options?: { timeout?: number },
    ): Promise<{ id?: string }>;
  };
}

export interface BotDeliveryChannelOptions {
  /** The process's CloudAdapter (createBotAdapter): it authenticates to the Bot Connector as the bot. */
  readonly adapter: ProactiveAdapter;
  /** The bot's Microsoft app id ('' in local dev mode only). */
  readonly appId: string;
  /** A send that takes longer is abandoned (its outcome unknown) and retried later; keep it under the claim lease. */
  readonly timeoutMs?: number;
  /** How long the connector client made for a service URL is reused (default 5 minutes; 0: a new one per send). */
  readonly connectorTtlMs?: number;
  readonly log?: (line: string) => void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECTOR_TTL_MS = 5 * 60_000;
/** The name of @azure/core-client's retry policy in the connector client's pipeline. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

/** The Bot Framework reference for an address captured at install time. */
export function referenceOf(address: ConversationAddress): Partial<ConversationReference> {
  return {
    channelId: address.channelId,
    serviceUrl: address.serviceUrl,
    conversation: {
      id: address.conversationId,
      conversationType: address.conversationType,
      tenantId: address.tenantId,
      isGroup: address.conversationType !== 'personal',
      name: '',
    },
    bot: { id: address.botId, name: '' },
    ...(address.userTeamsId ? { user: { id: address.userTeamsId, name: '' } } : {}),
  };
}

/** The card for a delivery. */
export function deliveryCard(message: DeliveryMessage) {
  return message.kind === 'weekly-digest' ? reminderDigestCard(message) : reminderCard(message);
}

/**
 * Sends deliveries with botbuilder's proactive API: `continueConversationAsync` for the conversation
 * reference, then one `sendToConversation` (a new message, not a reply) with a timeout.
 *
 * The connector client's own retry policy is taken out of the pipeline for these sends: @azure/core-client
 * would otherwise retry 429s and 5xx inside one call, out of sight of the dispatcher. The dispatcher owns
 * retries instead — a 429 pauses the whole tenant, 5xx back off durably, and every attempt is counted on the
 * delivery. (botbuilder is archived, so the pipeline's shape will not change under us; if it is ever missing
 * the SDK's retries simply stay on.)
 *
 * The connector client a proactive turn gets is kept per service URL for a few minutes and reused for the next
 * sends there, as botbuilder's own BotFrameworkAdapter cached them: building one (credentials, a pipeline of
 * fifteen policies) for every message of a 10,000-message fan-out costs more than the send. Its credentials
 * fetch and renew tokens per request, so a kept client stays valid; a 401 drops it.
 */
export class BotDeliveryChannel implements DeliveryChannel {
  private readonly timeoutMs: number;
  private readonly connectorTtlMs: number;
  private readonly log: (line: string) => void;
  private readonly connectors = new Map<string, { connector: TurnConnector; until: number }>();
  private warnedNoPipeline = false;

  constructor(private readonly options: BotDeliveryChannelOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connectorTtlMs = options.connectorTtlMs ?? DEFAULT_CONNECTOR_TTL_MS;
    this.log = options.log ?? ((line) => console.error(`[reminders] ${line}`));
  }

  async send(address: ConversationAddress, message: DeliveryMessage): Promise<SendOutcome> {
    const reference = referenceOf(address);
    const activity: Partial<Activity> = {
      type: 'message',
      summary: reminderSummary(message),
      attachments: [CardFactory.adaptiveCard(deliveryCard(message))],
    };
    const kept = this.connectors.get(address.serviceUrl);
    if (kept && kept.until > Date.now()) return this.post(kept.connector, address, reference, activity);
    let outcome: SendOutcome = { ok: false, code: 'NotSent' };
    try {
      // Failures are caught inside the turn: botbuilder would otherwise hand them (with the request, and so
      // the card) to the adapter's onTurnError, which logs them whole.
      await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
        const connector = context.turnState.get<TurnConnector>(context.adapter.ConnectorClientKey);
        if (!connector) {
          outcome = { ok: false, code: 'NoConnectorClient' };
          return;
        }
        this.ownRetries(connector);
        if (this.connectorTtlMs > 0) {
          this.connectors.set(address.serviceUrl, { connector, until: Date.now() + this.connectorTtlMs });
        }
        outcome = await this.post(connector, address, reference, activity);
      });
    } catch (error) {
      // Creating the connector client failed (token acquisition, a malformed reference): nothing reached Teams.
      outcome = failureOf(error);
    }
    return outcome;
  }

  /** One new message into the conversation; the failure is returned, never thrown. */
  private async post(
    connector: TurnConnector,
    address: ConversationAddress,
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<SendOutcome> {
    try {
      const response = await connector.conversations.sendToConversation(
        address.conversationId,
        TurnContext.applyConversationReference({ ...activity }, reference),
        { timeout: this.timeoutMs },
      );
      return { ok: true, ...(response.id ? { activityId: response.id } : {}) };
    } catch (error) {
      const outcome = failureOf(error);
      if (!outcome.ok && outcome.status === 401) this.connectors.delete(address.serviceUrl);
      return outcome;
    }
  }

  private ownRetries(connector: TurnConnector): void {
    const pipeline = connector.client?.pipeline;
    if (pipeline) {
      pipeline.removePolicy({ name: SDK_RETRY_POLICY });
    } else if (!this.warnedNoPipeline) {
      this.warnedNoPipeline = true;
      this.log('connector client has no pipeline to take the SDK retry policy out of; its retries stay on');
    }
  }
}

function failureOf(error: unknown): SendOutcome {
  const status = statusOf(error);
  const retryAfter = status === 429 ? retryAfterSeconds(error, Number.NaN) : Number.NaN;
  return {
    ok: false,
    ...(status === undefined ? {} : { status }),
    ...(Number.isFinite(retryAfter) ? { retryAfterMs: Math.round(retryAfter * 1000) } : {}),
    code: describeFailure(error),
  };
}
