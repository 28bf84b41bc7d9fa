export { PeerLoopBot, type BotDeps } from './peerloop-bot.js';
export { BotEndpoint, type BotCredentials, type BotHttpRequest, type BotHttpResponse } from './bot-endpoint.js';
export { cohortCard, cohortListCard } from './cards/cohort-card.js';
export { sessionsCard, type SessionsCardOptions } from './cards/sessions-card.js';
