/** The manifest's command ids, named once so handlers read like the product rather than the protocol. */
export const MessagingExtensionCommands = {
  /** Search PeerLoop: library items, sessions and cohorts. */
  searchLibrary: 'searchLibrary',
  /** Cohorts only (the first search command, kept for installs that still list it). */
  searchCohorts: 'searchCohorts',
  addToQna: 'addToQna',
  /** A tip into the library, from the compose box, the command box or a message. */
  shareTip: 'shareTip',
} as const;

/** Chat commands the bot understands (also listed in the manifest's commandLists). */
export const ChatCommands = {
  help: 'help',
  cohorts: 'cohorts',
  sessions: 'sessions',
  /** "ask <question>" or "ask anonymously <question>": into the session's Q&A queue. */
  ask: 'ask',
  /** The top of the session's Q&A queue, with vote buttons. */
  queue: 'queue',
  /** Hosts: the pinned question is answered, and the top one is pinned. */
  next: 'next',
  /** "reminders", "reminders off" / "on": what PeerLoop sends me unasked (private chat). */
  reminders: 'reminders',
} as const;

/** The word after "ask" that makes a question anonymous. */
export const ANONYMOUSLY = 'anonymously';

/**
 * Verbs of the Action.Execute buttons on our cards. Teams sends each click (and each automatic refresh) as an
 * `adaptiveCard/action` invoke, which botbuilder hands to `onAdaptiveCardInvoke`.
 */
export const CardVerbs = {
  /** Going / Maybe / Can't go on a session; data `{ sessionId, response }`. */
  rsvp: 'rsvp',
  /** The card's `refresh` action: redraw it for whoever is looking at it. */
  refresh: 'refresh',
  /** Vote for a question or take the vote back; data `{ sessionId, questionId, vote: boolean }`. */
  qnaVote: 'qnaVote',
  /** Hosts: answered, next question; data `{ sessionId, after }` (the question the card showed pinned). */
  qnaNext: 'qnaNext',
  /** A queue card's `refresh`: redraw it for whoever is looking; data `{ sessionId }`. */
  qnaRefresh: 'qnaRefresh',
} as const;

/** What Teams expects in the answer to an `adaptiveCard/action` invoke. */
export const CardInvokeResponseTypes = {
  /** The card to show in place of the one clicked, for the person who clicked only. */
  card: 'application/vnd.microsoft.card.adaptive',
  error: 'application/vnd.microsoft.error',
} as const;
