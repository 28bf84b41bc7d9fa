import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ActivityHandler,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';

export interface BotCredentials {
  /** Empty only in local dev mode, where botbuilder then accepts unauthenticated activities. */
  readonly appId: string;
  readonly appPassword?: string;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly appTenantId?: string;
}

export interface BotHttpRequest {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface BotHttpResponse {
  readonly status: number;
  readonly body?: unknown;
}

export type BotLogger = (message: string, error?: unknown) => void;

/**
 * The CloudAdapter for the bot's credentials: authenticates every inbound activity (whenever an app id is
 * configured) and sends replies and proactive messages. One per process, shared by the endpoint and by
 * whatever acts in conversations outside a turn (createMeetingQueueCards).
 */
export function createBotAdapter(credentials: BotCredentials, log: BotLogger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword ?? '',
    // Without an app id (local dev mode only) botbuilder accepts unauthenticated activities; it insists on
    // the MultiTenant type for that.
    MicrosoftAppType: credentials.appId ? credentials.appType : 'MultiTenant',
    MicrosoftAppTenantId: credentials.appTenantId ?? '',
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
  adapter.onTurnError = async (context, error) => {
    log(`bot turn failed (${context.activity.type})`, error);
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on our side. Please try again.');
    }
  };
  return adapter;
}

/**
 * The bot's /api/messages endpoint: a CloudAdapter that authenticates every inbound activity (whenever an
 * app id is configured) and runs the handler. Independent of the HTTP host that carries it.
 */
export class BotEndpoint {
  /**
   * @param adapter the process's adapter, when something else (proactive senders) shares it; by default
   * one is made from the credentials.
   */
  constructor(
    credentials: BotCredentials,
    private readonly bot: ActivityHandler,
    log: BotLogger,
    private readonly adapter: CloudAdapter = createBotAdapter(credentials, log),
  ) {}

  /** Processes one POST /api/messages and returns what the HTTP host should answer. */
  async process(request: BotHttpRequest): Promise<BotHttpResponse> {
    const response = new CollectedResponse();
    await this.adapter.process(
      { method: request.method, headers: request.headers, body: request.body as Record<string, unknown> },
      response,
      (context) => this.bot.run(context),
    );
    return { status: response.statusCode, body: response.body };
  }
}

/** botbuilder writes its answer to an Express-like response; this one keeps it for the host to send. */
class CollectedResponse {
  statusCode = 200;
  body: unknown = undefined;
  readonly socket = null;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(): this {
    return this;
  }
  send(body?: unknown): this {
    if (body !== undefined) this.body = body;
    return this;
  }
  end(body?: unknown): this {
    return this.send(body);
  }
}
