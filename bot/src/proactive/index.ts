export {
  BotDeliveryChannel,
  deliveryCard,
  referenceOf,
  type BotDeliveryChannelOptions,
  type ProactiveAdapter,
} from './delivery-channel.js';
export {
  TeamsRateLimiter,
  TEAMS_CONVERSATION_LIMITS,
  DEFAULT_TENANT_RATE_PER_SECOND,
  sleep,
  type RateLimiterOptions,
  type RateWindow,
} from './rate-limiter.js';
export { ConversationCapture, conversationRecordOf, isRemoval } from './conversation-capture.js';
export { reminderCardAction } from './reminder-card-actions.js';
export { ReminderCardVerbs, isReminderVerb, SNOOZE_MINUTES, type ReminderCardVerb } from './reminder-verbs.js';
