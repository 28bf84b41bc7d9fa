/** What the bot can do, shown on "help" and when it is installed. */
export function helpCard() {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      {
        type: 'TextBlock',
        text: 'PeerLoop helps your peer-learning program run itself.',
        weight: 'Bolder',
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: [
          { title: 'help', value: 'What I can do' },
          { title: 'cohorts', value: 'The cohorts of your organisation, with their next sessions' },
        ],
      },
      {
        type: 'TextBlock',
        text: 'In any conversation, use the PeerLoop messaging extension to find a cohort and share it as a card.',
        wrap: true,
        isSubtle: true,
      },
    ],
  };
}
