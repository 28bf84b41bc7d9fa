import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type AppBasedLinkQuery,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import {
  listCohorts,
  type ConversationRepository,
  type LibraryDeps,
  type Principal,
  type QnaDeps,
  type ReminderDeps,
} from '@peerloop/core';
import { cohortListCard } from './cards/cohort-card.js';
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
import { unfurlLink } from './library/link-unfurl.js';
import { messageResult, resultList } from './library/results.js';
import { searchCohortsForCompose, searchForCompose } from './library/search.js';
import { shareTipForm, shareTipSubmit } from './library/share-tip.js';
import { addToQnaForm, addToQnaSubmit } from './qna/add-to-qna.js';
import { isQnaVerb, qnaCardAction } from './qna/qna-card-actions.js';
import { askFromChat, nextFromChat, queueFromChat, type QnaLogger } from './qna/qna-chat.js';
import { ConversationCapture } from './proactive/conversation-capture.js';
import { reminderCardAction } from './proactive/reminder-card-actions.js';
import { isReminderVerb } from './proactive/reminder-verbs.js';
import { remindersFromChat } from './proactive/reminder-chat.js';

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
      case ChatCommands.reminders:
        if (!this.deps.reminders) {
          await context.sendActivity('Reminders are not set up here yet.');
          return;
        }
        return remindersFromChat(this.deps.reminders, context, actor, rest);
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

  /**
   * Messaging extension search: library items, sessions and cohorts ("searchLibrary"), or cohorts only
   * ("searchCohorts"), each offered as a card to insert.
   */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const command = query.commandId;
    if (command !== MessagingExtensionCommands.searchLibrary && command !== MessagingExtensionCommands.searchCohorts) {
      return messageResult(`Unknown search command "${(command ?? '').slice(0, 40)}".`);
    }
    const actor = this.actorOrRefusal(context);
    if (typeof actor === 'string') return messageResult(actor);
    if (command === MessagingExtensionCommands.searchCohorts) return searchCohortsForCompose(this.deps, actor, query);
    return searchForCompose(this.deps, actor, context.activity, query, this.log);
  }

  /** A PeerLoop link pasted into a message: the card of what it points at, when the person may see it. */
  protected override async handleTeamsAppBasedLinkQuery(
    context: TurnContext,
    query: AppBasedLinkQuery,
  ): Promise<MessagingExtensionResponse> {
    const actor = principalOf(context.activity, this.deps.isTenantAllowed);
    if (typeof actor === 'string') return resultList([]);
    return unfurlLink(this.deps, actor, context.activity, query, this.log);
  }

  /** An action opened: "Add to Q&A" on a message, or "Share a tip"; its task module. */
  protected override async handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const command = action.commandId;
    if (command !== MessagingExtensionCommands.addToQna && command !== MessagingExtensionCommands.shareTip) {
      return { task: { type: 'message', value: `Unknown action "${(command ?? '').slice(0, 40)}".` } };
    }
    const actor = this.actorOrRefusal(context);
    if (typeof actor === 'string') return { task: { type: 'message', value: actor } };
    if (command === MessagingExtensionCommands.shareTip) return shareTipForm(this.deps, actor, action, this.log);
    return addToQnaForm(this.deps, actor, context.activity, action, this.log);
  }

  /** An action submitted: the question goes into the chosen session's queue, or the tip into the library. */
  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const command = action.commandId;
    if (command !== MessagingExtensionCommands.addToQna && command !== MessagingExtensionCommands.shareTip) {
      return { task: { type: 'message', value: `Unknown action "${(command ?? '').slice(0, 40)}".` } };
    }
    const actor = this.actorOrRefusal(context);
    if (typeof actor === 'string') return { task: { type: 'message', value: actor } };
    if (command === MessagingExtensionCommands.shareTip) return shareTipSubmit(this.deps, actor, action, this.log);
    return addToQnaSubmit(this.deps, actor, action, this.log);
  }

  private actorOrRefusal(context: TurnContext): Principal | string {
    const actor = principalOf(context.activity, this.deps.isTenantAllowed);
    return typeof actor === 'string' ? REFUSAL_MESSAGES[actor] : actor;
  }
}
