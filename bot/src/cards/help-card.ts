import { UPCOMING_DAYS } from '../commands/sessions.js';

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
          {
            title: 'sessions',
            value: `What is coming up in the next ${UPCOMING_DAYS} days: answer Going, Maybe or Can't go on the card`,
          },
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
