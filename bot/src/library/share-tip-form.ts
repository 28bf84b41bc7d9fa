import { BODY_MAX_LENGTH, MAX_TAGS, TITLE_MAX_LENGTH } from '@peerloop/core';
import { literalText } from '../cards/text.js';

/** The ids of the form's inputs: what `composeExtension/submitAction` brings back in `data`. */
export const ShareTipFields = {
  programId: 'programId',
  cohortId: 'cohortId',
  title: 'title',
  body: 'body',
  tags: 'tags',
  skills: 'skills',
} as const;

/** The cohort choice meaning "everyone in the program" (ids never contain it). */
export const WHOLE_PROGRAM = '*';

export interface ShareTipChoices {
  /** Programs the person can share with, by name. */
  readonly programs: readonly { readonly id: string; readonly name: string }[];
  /** Cohorts whose library the person sees (so may share with), with their program's name. */
  readonly cohorts: readonly { readonly id: string; readonly name: string; readonly programName: string }[];
}

/** What the form shows in its inputs: a message's text at first, what the person typed when shown again. */
export type ShareTipValues = Partial<Record<keyof typeof ShareTipFields, string>>;

/** At most `max` UTF-16 units (as the contract counts), never splitting a character. */
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
 * The "Share a tip" task module: where to share (a program, optionally one of the person's cohorts), a
 * title, the tip (markdown; a message's text prefilled) and tags and skills. Shown again with `problem` and
 * the person's input when something needs fixing. Task modules take Action.Submit; choice titles are plain
 * text to Teams, and every user-written text elsewhere is a TextRun.
 */
export function shareTipCard(choices: ShareTipChoices, values: ShareTipValues = {}, problem?: string) {
  const text = values.body ?? '';
  const prefill = shortened(text, BODY_MAX_LENGTH);
  const body: object[] = [];
  if (problem) body.push(literalText(problem, { color: 'Attention', weight: 'Bolder' }));
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: ShareTipFields.programId,
      label: 'Program',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Pick the program to share with.',
      value: values.programId ?? (choices.programs.length === 1 ? choices.programs[0]!.id : ''),
      placeholder: 'Pick a program',
      choices: choices.programs.map((p) => ({ title: p.name, value: p.id })),
    },
    {
      type: 'Input.ChoiceSet',
      id: ShareTipFields.cohortId,
      label: 'Only for one of your cohorts? (optional)',
      style: 'compact',
      value: values.cohortId || WHOLE_PROGRAM,
      choices: [
        { title: 'Everyone in the program', value: WHOLE_PROGRAM },
        ...choices.cohorts.map((c) => ({ title: `${c.name} (${c.programName})`, value: c.id })),
      ],
    },
    {
      type: 'Input.Text',
      id: ShareTipFields.title,
      label: 'Title',
      isRequired: true,
      maxLength: TITLE_MAX_LENGTH,
      value: values.title ?? '',
      placeholder: 'What is the tip about?',
      errorMessage: 'Give the tip a title.',
    },
    {
      type: 'Input.Text',
      id: ShareTipFields.body,
      label: 'Tip',
      isMultiline: true,
      isRequired: true,
      maxLength: BODY_MAX_LENGTH,
      value: prefill,
      placeholder: 'Write the tip. Markdown works: **bold**, lists, links.',
      errorMessage: 'Write the tip first.',
    },
  );
  if (prefill !== text) {
    body.push({
      type: 'TextBlock',
      text: `The message was longer than ${BODY_MAX_LENGTH} characters, so it was shortened: check the end.`,
      wrap: true,
      isSubtle: true,
      spacing: 'None',
    });
  }
  body.push(
    {
      type: 'Input.Text',
      id: ShareTipFields.tags,
      label: `Tags (optional, up to ${MAX_TAGS}, separated by commas)`,
      value: values.tags ?? '',
      placeholder: 'powershell, automation',
    },
    {
      type: 'Input.Text',
      id: ShareTipFields.skills,
      label: `Skills (optional, up to ${MAX_TAGS}, separated by commas)`,
      value: values.skills ?? '',
      placeholder: 'scripting',
    },
    {
      type: 'TextBlock',
      text: 'Colleagues in the program (or only the cohort you pick) find it in the PeerLoop library.',
      wrap: true,
      isSubtle: true,
      size: 'Small',
    },
  );
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions: [{ type: 'Action.Submit', title: 'Share tip', style: 'positive' }],
  };
}

/** "a, b ,, c" as ["a", "b", "c"]: the list core validates (case and duplicates are core's to settle). */
export function commaList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(/[,;\n]/)
    .map((word) => word.trim())
    .filter((word) => word !== '');
}
