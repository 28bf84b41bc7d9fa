import type { LibraryItemView } from '@peerloop/core';
import type { EditInput } from './library-api';
import { isTextKind } from './labels';
import { isShareFormErrors, splitWords, toShareInput } from './share-form';
import type { ShareFormErrors, ShareFormField, ShareFormValues } from './share-form';

/** The fields an edit may change; kind, program and cohort stay as they were shared. */
export type EditFormField = 'title' | 'summary' | 'url' | 'body' | 'tags' | 'skills';

const EDITABLE: readonly EditFormField[] = ['title', 'summary', 'url', 'body', 'tags', 'skills'];

/** Said when Save is pressed with nothing changed (the API would refuse an empty edit). */
export const NOTHING_CHANGED = 'Nothing has changed yet. Change a field, or cancel.';

/** The share form's values, filled with the item as it is now: the link or the text, as its kind has. */
export function editFormValues(item: LibraryItemView): ShareFormValues {
  const text = isTextKind(item.kind);
  return {
    programId: item.programId,
    cohortId: item.cohortId ?? '',
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    url: text ? '' : (item.url ?? ''),
    body: text ? (item.body ?? '') : '',
    tags: item.tags.join(', '),
    skills: item.skills.join(', '),
  };
}

/** A value as the API would store it, so "Azure ,powershell" and "azure, powershell" count as unchanged. */
function normalised(field: EditFormField, value: string): string {
  return field === 'tags' || field === 'skills' ? splitWords(value).join(',') : value.trim();
}

/** The fields whose value differs from the item's, in form order (only the kind's own of `url` and `body`). */
export function changedFields(item: LibraryItemView, values: ShareFormValues): EditFormField[] {
  const before = editFormValues(item);
  const text = isTextKind(item.kind);
  return EDITABLE.filter((field) => (text ? field !== 'url' : field !== 'body')).filter(
    (field) => normalised(field, values[field]) !== normalised(field, before[field]),
  );
}

/**
 * The PATCH body with only the fields that changed, or what the browser can already tell is wrong with a
 * changed field (the share form's checks), or `NOTHING_CHANGED`. A field left as it was is never blamed,
 * even if today's checks are stricter than the ones it was shared under.
 */
export function toEditInput(item: LibraryItemView, values: ShareFormValues): EditInput | ShareFormErrors {
  const changed = changedFields(item, values);
  if (changed.length === 0) return { byField: {}, other: [NOTHING_CHANGED] };
  // Kind and scope come from the item, whatever the values say.
  const checked = toShareInput({ ...values, programId: item.programId, kind: item.kind });
  if (isShareFormErrors(checked)) {
    const byField: Partial<Record<ShareFormField, string>> = {};
    for (const field of changed) {
      const message = checked.byField[field];
      if (message !== undefined) byField[field] = message;
    }
    if (Object.keys(byField).length > 0) return { byField, other: [] };
  }
  const input: { -readonly [F in keyof EditInput]: EditInput[F] } = {};
  for (const field of changed) {
    if (field === 'tags' || field === 'skills') input[field] = splitWords(values[field]);
    else input[field] = values[field].trim();
  }
  return input;
}

export function isEditFormErrors(value: EditInput | ShareFormErrors): value is ShareFormErrors {
  return 'byField' in value;
}
