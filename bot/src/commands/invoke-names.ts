/** The manifest's command ids, named once so handlers read like the product rather than the protocol. */
export const MessagingExtensionCommands = {
  searchCohorts: 'searchCohorts',
  addToQna: 'addToQna',
} as const;

/** Chat commands the bot understands (also listed in the manifest's commandLists). */
export const ChatCommands = {
  help: 'help',
  cohorts: 'cohorts',
} as const;
