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
          { title: 'ask <question>', value: 'Ask in the Q&A of your session, with your name' },
          {
            title: 'ask anonymously <question>',
            value: 'Ask without your name: nobody, hosts included, sees who asked. Only in a private chat with me',
          },
          { title: 'queue', value: 'The top questions, with Vote buttons' },
          {
            title: 'next',
            value: 'Facilitators and presenters: the question being answered is done, on to the top one',
          },
          {
            title: 'reminders off / on',
            value: 'Stop (or restart) everything I send you unasked. Only in a private chat with me',
          },
        ],
      },
      {
        type: 'TextBlock',
        text:
          'In a meeting chat these go to the session linked to the meeting; in a private chat, to your session ' +
          'with Q&A that is on now or starts within 2 hours.',
        wrap: true,
        isSubtle: true,
      },
      {
        type: 'TextBlock',
        text:
          'In any conversation, use the PeerLoop messaging extension to find a cohort and share it as a card, ' +
          'or "Add to Q&A" in a message\'s "More actions" menu to turn it into a question.',
        wrap: true,
        isSubtle: true,
      },
    ],
  };
}
