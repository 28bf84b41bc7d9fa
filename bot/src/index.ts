export { PeerLoopBot, type BotDeps } from './peerloop-bot.js';
export {
  BotEndpoint,
  createBotAdapter,
  type BotCredentials,
  type BotHttpRequest,
  type BotHttpResponse,
  type BotLogger,
} from './bot-endpoint.js';
export { cohortCard, cohortListCard } from './cards/cohort-card.js';
export { libraryItemCard, sessionResultCard, type LibraryCardOptions } from './cards/library-card.js';
export { MessagingExtensionCommands } from './commands/invoke-names.js';
export type { MessagingExtensionDeps } from './library/search.js';
export { sessionsCard, type SessionsCardOptions } from './cards/sessions-card.js';
export { queueCard, type QueueCardOptions, type QueueCardQueue } from './cards/queue-card.js';
export {
  createMeetingQueueCards,
  MeetingQueueCards,
  MEETING_CARD_INTERVAL_MS,
  type ConversationContinuer,
  type MeetingQueueCardsOptions,
} from './qna/meeting-queue-cards.js';
export {
  BotDeliveryChannel,
  TeamsRateLimiter,
  DEFAULT_TENANT_RATE_PER_SECOND,
  type BotDeliveryChannelOptions,
  type RateLimiterOptions,
} from './proactive/index.js';
