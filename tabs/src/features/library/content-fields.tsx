import { Field, Input, Textarea } from '@fluentui/react-components';
import type { LibraryItemKind } from '@peerloop/core';
import type { ReactNode, Ref } from 'react';
import { useFormStyles } from '../../shared/form-styles';
import type { EditFormField } from './edit-form';
import { isTextKind } from './labels';
import { BODY_MAX_LENGTH } from './share-form';
import type { ShareFormErrors, ShareFormValues } from './share-form';

/** The fields of an item's content, which sharing fills in and an edit changes. */
export type ContentField = EditFormField;

export interface ContentFieldsProps {
  readonly kind: LibraryItemKind;
  readonly values: Pick<ShareFormValues, ContentField>;
  readonly errors: ShareFormErrors['byField'];
  readonly onChange: (field: ContentField, value: string) => void;
  /** The title's input, for a form that puts the cursor there on opening. */
  readonly titleRef?: Ref<HTMLInputElement>;
  /** Shown right below the tips or notes (the share dialog's markdown preview). */
  readonly afterBody?: ReactNode;
}

/**
 * Title, summary, the link or the text (by kind), tags and skills, each with its hint and its error, for
 * the share dialog and the edit form alike.
 */
export function ContentFields({ kind, values, errors, onChange, titleRef, afterBody }: ContentFieldsProps) {
  const form = useFormStyles();
  const fieldProps = (field: ContentField) => {
    const message = errors[field];
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const text = (field: ContentField) => ({
    value: values[field],
    onChange: (_: unknown, data: { value: string }) => onChange(field, data.value),
  });
  return (
    <>
      <Field label="Title" required {...fieldProps('title')}>
        <Input ref={titleRef} {...text('title')} />
      </Field>
      <Field label="Summary" hint="Optional. What it is and who it helps." {...fieldProps('summary')}>
        <Textarea {...text('summary')} resize="vertical" />
      </Field>
      {isTextKind(kind) ? (
        <>
          <Field
            label={kind === 'tip-list' ? 'Tips' : 'Notes'}
            required
            hint={`Markdown: **bold**, *italic*, lists, [links](https://…). No HTML. Up to ${BODY_MAX_LENGTH} characters.`}
            {...fieldProps('body')}
          >
            <Textarea {...text('body')} resize="vertical" rows={8} />
          </Field>
          {afterBody}
        </>
      ) : (
        <Field
          label="Link"
          required
          hint="A SharePoint or OneDrive file, a recording or any web page (https://…)."
          {...fieldProps('url')}
        >
          <Input {...text('url')} type="url" inputMode="url" />
        </Field>
      )}
      <div className={form.fieldGrid}>
        <Field label="Tags" hint="Optional, separated by commas." {...fieldProps('tags')}>
          <Input {...text('tags')} />
        </Field>
        <Field label="Skills" hint="Optional, separated by commas." {...fieldProps('skills')}>
          <Input {...text('skills')} />
        </Field>
      </div>
    </>
  );
}
