/** The manifest's command ids, named once so handlers read like the product rather than the protocol. */
export const MessagingExtensionCommands = {
  searchCohorts: 'searchCohorts',
  addToQna: 'addToQna',
} as const;

/** Chat commands the bot understands (also listed in the manifest's commandLists). */
export const ChatCommands = {
  help: 'help',
  cohorts: 'cohorts',
  sessions: 'sessions',
} as const;

/**
 * Verbs of the Action.Execute buttons on our cards. Teams sends each click (and each automatic refresh) as an
 * `adaptiveCard/action` invoke, which botbuilder hands to `onAdaptiveCardInvoke`.
 */
export const CardVerbs = {
  /** Going / Maybe / Can't go on a session; data `{ sessionId, response }`. */
  rsvp: 'rsvp',
  /** The card's `refresh` action: redraw it for whoever is looking at it. */
  refresh: 'refresh',
} as const;

/** What Teams expects in the answer to an `adaptiveCard/action` invoke. */
export const CardInvokeResponseTypes = {
  /** The card to show in place of the one clicked, for the person who clicked only. */
  card: 'application/vnd.microsoft.card.adaptive',
  error: 'application/vnd.microsoft.error',
} as const;
