import { CardFactory, type MessagingExtensionAction, type MessagingExtensionActionResponse } from 'botbuilder';
import {
  isDomainError,
  libraryAccess,
  shareItem,
  ValidationFailed,
  type LibraryDeps,
  type Principal,
} from '@peerloop/core';
import { describeFailure } from '../qna/failures.js';
import { htmlToPlainText } from '../qna/html-text.js';
import { problemText, type QnaLogger } from '../qna/qna-chat.js';
import { itemResult } from './results.js';
import {
  commaList,
  shareTipCard,
  ShareTipFields,
  WHOLE_PROGRAM,
  type ShareTipChoices,
  type ShareTipValues,
} from './share-tip-form.js';

export type ShareTipDeps = LibraryDeps & { readonly tabBase?: string | undefined };

export const ShareTipMessages = {
  noProgram: 'There is no PeerLoop program in your organisation to share a tip with yet.',
  failed: 'Sorry, something went wrong on our side, and your tip was not shared. Please try again.',
} as const;

/** How the form names each field when something in it needs fixing. */
const FIELD_LABELS: Record<string, string> = {
  programId: 'Program',
  cohortId: 'Cohort',
  title: 'Title',
  body: 'Tip',
  tags: 'Tags',
  skills: 'Skills',
};

function taskMessage(text: string): MessagingExtensionActionResponse {
  return { task: { type: 'message', value: text } };
}

function formTask(
  choices: ShareTipChoices,
  values: ShareTipValues,
  problem?: string,
): MessagingExtensionActionResponse {
  return {
    task: {
      type: 'continue',
      value: {
        title: 'Share a tip',
        width: 'medium',
        height: 'large',
        card: CardFactory.adaptiveCard(shareTipCard(choices, values, problem)),
      },
    },
  };
}

/** Where the person may share: every program of the organisation, and the cohorts whose library they see. */
async function choicesFor(deps: ShareTipDeps, actor: Principal): Promise<ShareTipChoices> {
  const access = await libraryAccess(deps, actor);
  const programs = [...access.programs.values()]
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const cohorts = access.visibility.cohortIds
    .flatMap((id) => {
      const cohort = access.cohorts.get(id);
      const program = cohort ? access.programs.get(cohort.programId) : undefined;
      return cohort && program ? [{ id: cohort.id, name: cohort.name, programName: program.name }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { programs, cohorts };
}

/** "Title: must not be empty. Tags: at most 10." — each problem named by the label the form shows. */
export function fieldProblems(error: ValidationFailed): string {
  return error.fields
    .map((f) => {
      const [field = ''] = f.path.split('.');
      return `${FIELD_LABELS[field] ?? (f.path || 'Your tip')}: ${f.message}.`;
    })
    .join(' ');
}

/**
 * "Share a tip", opened (from the compose box, the command box or on a message): the form, with the
 * message's text as plain text (HTML gone) when opened on one.
 */
export async function shareTipForm(
  deps: ShareTipDeps,
  actor: Principal,
  action: MessagingExtensionAction,
  log: QnaLogger,
): Promise<MessagingExtensionActionResponse> {
  try {
    const message = action.messagePayload?.body;
    const text = message ? htmlToPlainText(message.content ?? '', message.contentType ?? 'html') : '';
    const choices = await choicesFor(deps, actor);
    if (choices.programs.length === 0) return taskMessage(ShareTipMessages.noProgram);
    return formTask(choices, { body: text });
  } catch (error) {
    log(`library share-tip form failed (${describeFailure(error)})`);
    return taskMessage(ShareTipMessages.failed);
  }
}

/**
 * "Share a tip", submitted: core shares it as a tip list (its markdown sanitised there) and the answer is the
 * tip's card, to post in the conversation. Input core refuses brings the form back with the problem named
 * and everything typed kept; what the person cannot change here (a cohort they may not share with, its
 * agreements) is a task module message.
 */
export async function shareTipSubmit(
  deps: ShareTipDeps,
  actor: Principal,
  action: MessagingExtensionAction,
  log: QnaLogger,
): Promise<MessagingExtensionActionResponse> {
  const data = (typeof action.data === 'object' && action.data !== null ? action.data : {}) as Record<string, unknown>;
  const values: ShareTipValues = Object.fromEntries(
    Object.values(ShareTipFields).flatMap((field) =>
      typeof data[field] === 'string' ? [[field, data[field] as string]] : [],
    ),
  );
  const cohortId = values.cohortId && values.cohortId !== WHOLE_PROGRAM ? values.cohortId : undefined;
  try {
    const item = await shareItem(deps, actor, {
      programId: data[ShareTipFields.programId],
      ...(cohortId ? { cohortId } : {}),
      kind: 'tip-list',
      title: data[ShareTipFields.title],
      body: data[ShareTipFields.body],
      tags: commaList(data[ShareTipFields.tags]),
      skills: commaList(data[ShareTipFields.skills]),
    });
    return {
      composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [itemResult(item, deps.tabBase)] },
    };
  } catch (error) {
    if (error instanceof ValidationFailed) {
      const problem = `Your tip was not shared yet. ${fieldProblems(error)}`;
      try {
        return formTask(await choicesFor(deps, actor), values, problem);
      } catch {
        return taskMessage(problem);
      }
    }
    if (isDomainError(error)) return taskMessage(`Your tip was not shared. ${problemText(error)}`);
    log(`library share-tip failed (${describeFailure(error)})`);
    return taskMessage(ShareTipMessages.failed);
  }
}
