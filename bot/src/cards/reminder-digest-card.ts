import type { DeliveryMessage } from '@peerloop/core';
import { ReminderCardVerbs } from '../proactive/reminder-verbs.js';
import { literalText, localDateTime } from './text.js';

type DigestMessage = Extract<DeliveryMessage, { kind: 'weekly-digest' }>;

const ANSWERS: Record<string, string> = {
  going: "You're going",
  maybe: 'You said maybe',
  waitlisted: "You're on the waitlist",
};

/**
 * The weekly digest: a person's sessions in the week ahead (those they answered and those of their cohorts),
 * each with its local date and time and their answer, and a way to stop the digest in place.
 */
export function reminderDigestCard(message: DigestMessage) {
  const body: object[] = [
    { type: 'TextBlock', text: 'Your week in PeerLoop', weight: 'Bolder', size: 'Large', wrap: true },
  ];
  for (const session of message.sessions) {
    const answer = session.myRsvp ? ANSWERS[session.myRsvp] : undefined;
    body.push({
      type: 'Container',
      separator: true,
      items: [
        literalText(session.title, { weight: 'Bolder' }),
        {
          type: 'TextBlock',
          text: `${localDateTime(session.startsAt)}${answer ? ` · ${answer}` : " · You haven't answered yet"}`,
          isSubtle: true,
          wrap: true,
          spacing: 'None',
        },
      ],
    });
  }
  if (message.notice) body.push(literalText(message.notice, { color: 'Attention' }));
  body.push({
    type: 'ActionSet',
    actions: [
      {
        type: 'Action.Execute',
        title: 'Stop the weekly digest',
        verb: ReminderCardVerbs.stopDigest,
        data: { subjectId: message.delivery.subjectId, deliveryId: message.delivery.id },
      },
    ],
  });
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body };
}
