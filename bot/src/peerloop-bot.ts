import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import { isDomainError, listCohorts, searchCohorts, type Principal, type SessionDeps } from '@peerloop/core';
import { cohortCard, cohortListCard, kindLabel } from './cards/cohort-card.js';
import { helpCard } from './cards/help-card.js';
import { messageCard } from './cards/sessions-card.js';
import { CardVerbs, ChatCommands, MessagingExtensionCommands } from './commands/invoke-names.js';
import { principalOf, REFUSAL_MESSAGES } from './commands/principal.js';
import {
  cardActionAnswer,
  cardActionError,
  cardViewFor,
  rsvpFromCard,
  upcomingSessionsCard,
} from './commands/sessions.js';

/** The repositories and clock the use cases need (the same ones the API's routes use). */
export interface BotDeps extends SessionDeps {
  readonly isTenantAllowed: (tenantId: string) => boolean;
}

/**
 * PeerLoop's conversational surface: chat commands, card actions and the messaging extension, each one core
 * use case.
 */
export class PeerLoopBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();

    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botJoined = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
      if (botJoined) {
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(helpCard())));
      }
      await next();
    });
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity)?.trim().toLowerCase() ?? '';
    const command = text.split(/\s+/)[0] ?? '';
    if (command === ChatCommands.help || command === '') {
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(helpCard())));
      return;
    }
    if (command === ChatCommands.cohorts) {
      const actor = this.actorOrRefusal(context);
      if (typeof actor === 'string') {
        await context.sendActivity(actor);
        return;
      }
      const cohorts = await listCohorts(this.deps, actor, {});
      await context.sendActivity(
        MessageFactory.attachment(CardFactory.adaptiveCard(cohortListCard(cohorts.slice(0, 10), 'Cohorts'))),
      );
      return;
    }
    if (command === ChatCommands.sessions) {
      const actor = this.actorOrRefusal(context);
      if (typeof actor === 'string') {
        await context.sendActivity(actor);
        return;
      }
      const card = await upcomingSessionsCard(this.deps, actor, cardViewFor(context.activity, 'message'));
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      return;
    }
    await context.sendActivity(`I don't know "${command.slice(0, 40)}" yet. Type "help" to see what I can do.`);
  }

  /**
   * Universal Actions (`adaptiveCard/action`): an Action.Execute click or a card refresh. The answer is the
   * card Teams shows in its place, for that person only.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    if (verb !== CardVerbs.rsvp && verb !== CardVerbs.refresh) {
      return cardActionError('NotSupported', `Unknown card action "${String(verb).slice(0, 40)}".`);
    }
    const actor = this.actorOrRefusal(context);
    if (typeof actor === 'string') return cardActionAnswer(messageCard(actor));
    const view = cardViewFor(context.activity, 'invoke');
    if (verb === CardVerbs.rsvp) return rsvpFromCard(this.deps, actor, data, view);
    return cardActionAnswer(await upcomingSessionsCard(this.deps, actor, view));
  }

  /** Messaging extension search: find cohorts by name and offer each as a card to insert. */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    if (query.commandId !== MessagingExtensionCommands.searchCohorts) {
      return messageResult(`Unknown search command "${query.commandId ?? ''}".`);
    }
    const actor = this.actorOrRefusal(context);
    if (typeof actor === 'string') return messageResult(actor);
    const text = query.parameters?.find((p) => p.name === 'query')?.value;
    try {
      const cohorts = await searchCohorts(this.deps, actor, {
        text: typeof text === 'string' ? text : '',
        limit: Math.min(query.queryOptions?.count ?? 10, 25),
      });
      return {
        composeExtension: {
          type: 'result',
          attachmentLayout: 'list',
          attachments: cohorts.map((cohort) => ({
            ...CardFactory.adaptiveCard(cohortCard(cohort)),
            preview: CardFactory.thumbnailCard(
              cohort.name,
              `${kindLabel(cohort.kind)} · ${cohort.memberCount} members`,
            ),
          })),
        },
      };
    } catch (error) {
      if (isDomainError(error)) return messageResult(error.message);
      throw error;
    }
  }

  /** "Add to Q&A" on a message: the live Q&A queue arrives with fireside-chat sessions. */
  protected override async handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId === MessagingExtensionCommands.addToQna) {
      return { task: { type: 'message', value: 'Q&A queues are not enabled for this organisation yet.' } };
    }
    return { task: { type: 'message', value: `Unknown action "${action.commandId ?? ''}".` } };
  }

  private actorOrRefusal(context: TurnContext): Principal | string {
    const actor = principalOf(context.activity, this.deps.isTenantAllowed);
    return typeof actor === 'string' ? REFUSAL_MESSAGES[actor] : actor;
  }
}

function messageResult(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}
