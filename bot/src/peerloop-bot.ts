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
import {
  isDomainError,
  listCohorts,
  searchCohorts,
  type ConversationRepository,
  type LibraryDeps,
  type Principal,
  type QnaDeps,
  type ReminderDeps,
} from '@peerloop/core';
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
import { addToQnaForm, addToQnaSubmit } from './qna/add-to-qna.js';
import { isQnaVerb, qnaCardAction } from './qna/qna-card-actions.js';
import { askFromChat, nextFromChat, queueFromChat, type QnaLogger } from './qna/qna-chat.js';
import { ConversationCapture } from './proactive/conversation-capture.js';
import { reminderCardAction } from './proactive/reminder-card-actions.js';
import { isReminderVerb } from './proactive/reminder-verbs.js';

/** The repositories, clock and Q&A ports the use cases need (the same ones the API's routes use). */
export interface BotDeps extends QnaDeps, Pick<LibraryDeps, 'library'> {
  /** The tab's base URL: cards link to PeerLoop and the messaging extension unfurls PeerLoop links. */
  readonly tabBase?: string;
  readonly isTenantAllowed: (tenantId: string) => boolean;
  /**
   * Where the bot writes what went wrong in a Q&A flow: one compact line (error class, HTTP status), never
   * question text or anyone's identity. Defaults to console.error.
   */
  readonly log?: QnaLogger;
  /**
   * Where conversation references are kept: given, every turn records where PeerLoop can reach the person or
   * chat (installs, later activities) and removals mark it stale, for proactive messages (docs/adr/0006).
   */
  readonly conversations?: ConversationRepository;
  /** The reminders' ports: given, the buttons on reminder, notice, follow-up and digest cards work. */
  readonly reminders?: ReminderDeps;
}

/**
 * PeerLoop's conversational surface: chat commands, card actions and the messaging extension, each one core
 * use case.
 */
export class PeerLoopBot extends TeamsActivityHandler {
  private readonly log: QnaLogger;

  constructor(private readonly deps: BotDeps) {
    super();
    this.log = deps.log ?? ((line) => console.error(`[bot] ${line}`));

    if (deps.conversations) {
      const capture = new ConversationCapture(deps.conversations, deps.isTenantAllowed, deps.clock, this.log);
      this.onTurn(async (context, next) => {
        await capture.observe(context.activity);
        await next();
      });
    }

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
    const text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? '';
    const [word = ''] = text.split(/\s/, 1);
    const command = word.toLowerCase();
    const rest = text.slice(word.length).trim();
    if (command === ChatCommands.help || command === '') {
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(helpCard())));
      return;
    }
    const known: readonly string[] = Object.values(ChatCommands);
    if (!known.includes(command)) {
      // The command word only, never the rest: it may be a question someone meant to ask anonymously.
      await context.sendActivity(`I don't know "${command.slice(0, 40)}" yet. Type "help" to see what I can do.`);
      return;
    }
    const actor = this.actorOrRefusal(context);
    if (typeof actor === 'string') {
      await context.sendActivity(actor);
      return;
    }
    switch (command) {
      case ChatCommands.cohorts: {
        const cohorts = await listCohorts(this.deps, actor, {});
        await context.sendActivity(
          MessageFactory.attachment(CardFactory.adaptiveCard(cohortListCard(cohorts.slice(0, 10), 'Cohorts'))),
        );
        return;
      }
      case ChatCommands.sessions: {
        const card = await upcomingSessionsCard(this.deps, actor, cardViewFor(context.activity, 'message'));
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
        return;
      }
      case ChatCommands.ask:
        return askFromChat(this.deps, context, actor, rest, this.log);
      case ChatCommands.queue:
        return queueFromChat(this.deps, context, actor, this.log);
      case ChatCommands.next:
        return nextFromChat(this.deps, context, actor, this.log);
    }
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
    const reminders = isReminderVerb(verb) ? this.deps.reminders : undefined;
    if (verb !== CardVerbs.rsvp && verb !== CardVerbs.refresh && !isQnaVerb(verb) && !reminders) {
      return cardActionError('NotSupported', `Unknown card action "${String(verb).slice(0, 40)}".`);
    }
    const actor = this.actorOrRefusal(context);
    if (typeof actor === 'string') return cardActionAnswer(messageCard(actor));
    if (isQnaVerb(verb)) return qnaCardAction(this.deps, actor, context.activity, verb, data, this.log);
    if (reminders && isReminderVerb(verb)) {
      return reminderCardAction(reminders, actor, context.activity, verb, data, this.log);
    }
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

  /** "Add to Q&A" on a message, opened: the task module to turn it into a question. */
  protected override async handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== MessagingExtensionCommands.addToQna) {
      return { task: { type: 'message', value: `Unknown action "${(action.commandId ?? '').slice(0, 40)}".` } };
    }
    const actor = this.actorOrRefusal(context);
    if (typeof actor === 'string') return { task: { type: 'message', value: actor } };
    return addToQnaForm(this.deps, actor, context.activity, action, this.log);
  }

  /** "Add to Q&A", submitted: the question goes into the chosen session's queue. */
  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== MessagingExtensionCommands.addToQna) {
      return { task: { type: 'message', value: `Unknown action "${(action.commandId ?? '').slice(0, 40)}".` } };
    }
    const actor = this.actorOrRefusal(context);
    if (typeof actor === 'string') return { task: { type: 'message', value: actor } };
    return addToQnaSubmit(this.deps, actor, action, this.log);
  }

  private actorOrRefusal(context: TurnContext): Principal | string {
    const actor = principalOf(context.activity, this.deps.isTenantAllowed);
    return typeof actor === 'string' ? REFUSAL_MESSAGES[actor] : actor;
  }
}

function messageResult(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}
