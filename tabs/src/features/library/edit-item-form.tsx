import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { LibraryItemDetail, LibraryItemView } from '@peerloop/core';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { useFormStyles } from '../../shared/form-styles';
import { ContentFields } from './content-fields';
import { editFormValues, isEditFormErrors, toEditInput } from './edit-form';
import type { EditFormField } from './edit-form';
import { editItem } from './library-api';
import { KIND_LABELS, isTextKind } from './labels';
import { toShareFormErrors } from './share-form';
import type { ShareFormErrors, ShareFormValues } from './share-form';

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

const NO_ERRORS: ShareFormErrors = { byField: {}, other: [] };

export interface EditItemFormProps {
  readonly item: LibraryItemDetail;
  /** Who the item is shared with, as the page says it ("Whole program", "New managers only"). */
  readonly scope: string;
  /** The edit was saved; the page shows the new version (and its history) once this settles. */
  readonly onSaved: (saved: LibraryItemView) => Promise<void>;
  readonly onCancel: () => void;
}

/**
 * The author's (or an owner's) edit of an item: title, summary, the link or the text, tags and skills,
 * filled in as they are now. Save sends only what changed; kind and audience stay as shared.
 */
export function EditItemForm({ item, scope, onSaved, onCancel }: EditItemFormProps) {
  const styles = useStyles();
  const form = useFormStyles();
  const api = useApi();
  const headingId = useId();
  const [values, setValues] = useState<ShareFormValues>(() => editFormValues(item));
  const [errors, setErrors] = useState<ShareFormErrors>(NO_ERRORS);
  /** Why the last save did not happen: nothing changed (info), or the API or network refused it. */
  const [notice, setNotice] = useState<{ intent: 'info' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const textKind = isTextKind(item.kind);

  // Opening the form puts the cursor in its first field.
  useEffect(() => titleRef.current?.focus(), []);
  // After a refused save, the first field in error takes focus (its message is read with it).
  useEffect(() => {
    if (errors !== NO_ERRORS) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const input = toEditInput(item, values);
    if (isEditFormErrors(input)) {
      setErrors(input);
      setNotice(input.other.length > 0 ? { intent: 'info', text: input.other.join(' ') } : null);
      return;
    }
    setSaving(true);
    setNotice(null);
    try {
      const saved = await editItem(api, item.id, input);
      await onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const formErrors = onTheForm(toShareFormErrors(error.fields), textKind);
        setErrors(formErrors);
        const other = formErrors.other.join('; ');
        setNotice(other ? { intent: 'error', text: `${error.message} ${other}` } : null);
      } else {
        setErrors(NO_ERRORS);
        setNotice({ intent: 'error', text: describeError(error) });
      }
      setSaving(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={submit} aria-labelledby={headingId} className={form.content}>
      <h3 id={headingId} className={styles.heading}>
        Edit this item
      </h3>
      <Text className={styles.muted}>
        {KIND_LABELS[item.kind]}, shared with: {scope}. The kind and who it is shared with stay as they are. The current
        version is kept in the item’s history.
      </Text>
      {notice !== null && (
        <MessageBar intent={notice.intent} layout="multiline">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <ContentFields
        kind={item.kind}
        values={values}
        errors={errors.byField}
        onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
        titleRef={titleRef}
      />
      <div role="status">{saving && <Spinner size="extra-tiny" label="Saving…" labelPosition="after" />}</div>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabledFocusable={saving}>
          Save changes
        </Button>
        <Button appearance="secondary" onClick={onCancel} disabledFocusable={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Errors about fields the edit form does not show (kind, program, the other kind's content) read as text. */
function onTheForm(errors: ShareFormErrors, textKind: boolean): ShareFormErrors {
  const shown: readonly string[] = ['title', 'summary', textKind ? 'body' : 'url', 'tags', 'skills'];
  const byField: ShareFormErrors['byField'] = {};
  const other = [...errors.other];
  for (const [field, message] of Object.entries(errors.byField)) {
    if (shown.includes(field)) byField[field as EditFormField] = message;
    else other.push(`${field}: ${message}`);
  }
  return { byField, other };
}
