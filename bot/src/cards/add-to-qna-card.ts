import { QUESTION_MAX_LENGTH, type QnaSessionChoice } from '@peerloop/core';
import { literalText, localDateTime } from './text.js';

/** The ids of the form's inputs: what `composeExtension/submitAction` brings back in `data`. */
export const AddToQnaFields = {
  text: 'text',
  sessionId: 'sessionId',
  anonymous: 'anonymous',
} as const;

const TIMING_LABELS: Record<QnaSessionChoice['timing'], string> = {
  'in-progress': 'now',
  'starting-soon': 'starting soon',
  'just-ended': 'just ended',
};

/** What anonymity means, said where the choice is made (docs/adr/0005 has the detail). */
export const ANONYMITY_EXPLAINED =
  'Nobody sees who asked an anonymous question: not the hosts, not the other participants, not in exports. ' +
  'PeerLoop keeps only a coded key with it, so that you can still find, edit and withdraw your question.';

/** At most `max` UTF-16 units (as the question contract counts), never splitting a character. */
function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const character of text) {
    if (out.length + character.length > max) break;
    out += character;
  }
  return out;
}

/**
 * The "Add to Q&A" task module: the message's text to edit, the session to ask in, and the anonymity
 * choice. Task modules take Action.Submit. Choice titles are plain text to Teams; session titles are shown
 * literally everywhere else on the card.
 */
export function addToQnaCard(text: string, sessions: readonly QnaSessionChoice[]) {
  const prefill = shortened(text, QUESTION_MAX_LENGTH);
  const body: object[] = [
    {
      type: 'Input.Text',
      id: AddToQnaFields.text,
      label: 'Question',
      isMultiline: true,
      isRequired: true,
      maxLength: QUESTION_MAX_LENGTH,
      value: prefill,
      placeholder: 'What would you like to ask?',
      errorMessage: 'Write your question first.',
    },
  ];
  if (prefill !== text) {
    body.push({
      type: 'TextBlock',
      text: `The message was longer than ${QUESTION_MAX_LENGTH} characters, so it was shortened: check the end.`,
      wrap: true,
      isSubtle: true,
      spacing: 'None',
    });
  }
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: AddToQnaFields.sessionId,
      label: 'Session',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Pick the session to ask in.',
      value: sessions[0]?.id ?? '',
      choices: sessions.map((s) => ({ title: `${s.title} (${TIMING_LABELS[s.timing]})`, value: s.id })),
    },
    {
      type: 'Input.Toggle',
      id: AddToQnaFields.anonymous,
      title: 'Ask anonymously',
      value: 'false',
      valueOn: 'true',
      valueOff: 'false',
    },
    { type: 'TextBlock', text: ANONYMITY_EXPLAINED, wrap: true, isSubtle: true, size: 'Small', spacing: 'None' },
  );
  if (sessions[0]) {
    body.push({
      type: 'Container',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'Sessions you can ask in now:', isSubtle: true, wrap: true, size: 'Small' },
        ...sessions.slice(0, 5).map((s) => ({
          type: 'ColumnSet',
          spacing: 'None',
          columns: [
            { type: 'Column', width: 'stretch', items: [literalText(s.title, { subtle: true })] },
            {
              type: 'Column',
              width: 'auto',
              items: [{ type: 'TextBlock', text: localDateTime(s.startsAt), isSubtle: true, wrap: true }],
            },
          ],
        })),
      ],
    });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions: [{ type: 'Action.Submit', title: 'Add to Q&A', style: 'positive' }],
  };
}
