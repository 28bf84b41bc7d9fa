import type { LibraryItemKind } from '@peerloop/core';
import type { FieldError } from '../../platform/api-client';
import type { ShareInput } from './library-api';
import { isTextKind } from './labels';

/** The limits of core's shareItemInput (tabs import core for types only). */
export const TITLE_MAX_LENGTH = 200;
export const SUMMARY_MAX_LENGTH = 1000;
export const BODY_MAX_LENGTH = 10_000;
export const MAX_TAGS = 10;

/** What the "Share something" form holds: every value as typed, so nothing is lost on an error. */
export interface ShareFormValues {
  programId: string;
  /** Empty: the whole program. */
  cohortId: string;
  kind: LibraryItemKind;
  title: string;
  summary: string;
  url: string;
  body: string;
  /** Comma-separated. */
  tags: string;
  skills: string;
}

export type ShareFormField = keyof ShareFormValues;

export interface ShareFormErrors {
  readonly byField: Partial<Record<ShareFormField, string>>;
  /** Messages the form has no field for. */
  readonly other: readonly string[];
}

export function emptyShareForm(programId: string, cohortId = ''): ShareFormValues {
  return { programId, cohortId, kind: 'link', title: '', summary: '', url: '', body: '', tags: '', skills: '' };
}

/** "Azure, PowerShell ,, azure" -> ["azure", "powershell"]: the API keeps words lower-case and distinct. */
export function splitWords(text: string): string[] {
  const words = text
    .split(/[,;\n]/)
    .map((word) => word.trim().replace(/\s+/g, ' ').toLowerCase())
    .filter((word) => word !== '');
  return [...new Set(words)];
}

const WEB_ADDRESS = /^https?:\/\/[^\s/?#@:]+(:\d{1,5})?([/?#]\S*)?$/i;

/**
 * The request body, or what the browser can already tell is wrong (missing title, link or text, a link
 * that is not a web address, too many tags). The API validates everything again with the shared contract.
 */
export function toShareInput(values: ShareFormValues): ShareInput | ShareFormErrors {
  const byField: Partial<Record<ShareFormField, string>> = {};
  const title = values.title.trim();
  const summary = values.summary.trim();
  const text = isTextKind(values.kind);
  const url = values.url.trim();
  const body = values.body.trim();
  const tags = splitWords(values.tags);
  const skills = splitWords(values.skills);
  if (values.programId === '') byField.programId = 'Choose a program.';
  if (title === '') byField.title = 'Give it a title.';
  else if (title.length > TITLE_MAX_LENGTH) byField.title = `Keep the title to ${TITLE_MAX_LENGTH} characters.`;
  if (summary.length > SUMMARY_MAX_LENGTH) byField.summary = `Keep the summary to ${SUMMARY_MAX_LENGTH} characters.`;
  if (text) {
    if (body === '') byField.body = 'Write the tips or notes.';
    else if (body.length > BODY_MAX_LENGTH) byField.body = `Keep it to ${BODY_MAX_LENGTH} characters.`;
  } else if (url === '') byField.url = 'Add the link to the file or page.';
  else if (!WEB_ADDRESS.test(url)) byField.url = 'Use a web address starting with https:// or http://.';
  if (tags.length > MAX_TAGS) byField.tags = `Use at most ${MAX_TAGS} tags.`;
  if (skills.length > MAX_TAGS) byField.skills = `Use at most ${MAX_TAGS} skills.`;
  if (Object.keys(byField).length > 0) return { byField, other: [] };
  return {
    programId: values.programId,
    ...(values.cohortId ? { cohortId: values.cohortId } : {}),
    kind: values.kind,
    title,
    summary,
    ...(text ? { body } : { url }),
    tags,
    skills,
  };
}

const FIELDS: readonly ShareFormField[] = [
  'programId',
  'cohortId',
  'kind',
  'title',
  'summary',
  'url',
  'body',
  'tags',
  'skills',
];

/** Places the API's field errors (`title`, `url`, `tags.3`...) on the form's fields. */
export function toShareFormErrors(fields: readonly FieldError[]): ShareFormErrors {
  const byField: Partial<Record<ShareFormField, string>> = {};
  const other: string[] = [];
  for (const { path, message } of fields) {
    const [head = ''] = path.split(/[./]/);
    const field = FIELDS.find((f) => f === head);
    if (field === undefined) other.push(path ? `${path} ${message}` : message);
    else byField[field] ??= sentence(message);
  }
  return { byField, other };
}

/** "must not be empty" -> "Must not be empty." */
function sentence(message: string): string {
  const text = message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export function isShareFormErrors(value: ShareInput | ShareFormErrors): value is ShareFormErrors {
  return 'byField' in value;
}
