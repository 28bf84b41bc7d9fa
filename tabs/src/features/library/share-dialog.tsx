import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CohortSummary, LibraryItemKind, LibraryItemView } from '@peerloop/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { useFormStyles } from '../../shared/form-styles';
import type { ProgramItem } from '../programs/programs-api';
import { ContentFields } from './content-fields';
import { shareItem } from './library-api';
import { KINDS, KIND_LABELS } from './labels';
import { Markdown } from './markdown';
import { emptyShareForm, isShareFormErrors, toShareFormErrors, toShareInput } from './share-form';
import type { ShareFormErrors, ShareFormField, ShareFormValues } from './share-form';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(42rem, calc(100vw - 2rem))' },
  preview: {
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  summary: { cursor: 'pointer', fontWeight: tokens.fontWeightSemibold },
});

const NO_ERRORS: ShareFormErrors = { byField: {}, other: [] };

export interface ShareDialogProps {
  readonly open: boolean;
  /** Programs one may share with (one, when the channel's program is known). */
  readonly programs: readonly ProgramItem[];
  /** Cohorts one may share with, of any of those programs. */
  readonly cohorts: readonly CohortSummary[];
  readonly defaultProgramId: string;
  readonly defaultCohortId?: string;
  readonly onShared: (item: LibraryItemView) => void;
  readonly onClose: () => void;
}

/** "Share something": a link to a file or page, or tips and notes in markdown, with a program or a cohort. */
export function ShareDialog({
  open,
  programs,
  cohorts,
  defaultProgramId,
  defaultCohortId,
  onShared,
  onClose,
}: ShareDialogProps) {
  const styles = useStyles();
  const form = useFormStyles();
  const api = useApi();
  const [values, setValues] = useState<ShareFormValues>(() => emptyShareForm(defaultProgramId, defaultCohortId));
  const [errors, setErrors] = useState<ShareFormErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const programCohorts = cohorts.filter((c) => c.programId === values.programId);

  useEffect(() => {
    if (errors !== NO_ERRORS) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = (field: ShareFormField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const fieldProps = (field: ShareFormField) => {
    const message = errors.byField[field];
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };
  const text = (field: ShareFormField) => ({
    value: values[field],
    onChange: (_: unknown, data: { value: string }) => set(field)(data.value),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const input = toShareInput(values);
    if (isShareFormErrors(input)) {
      setErrors(input);
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const shared = await shareItem(api, input);
      setValues(emptyShareForm(values.programId, values.cohortId));
      setErrors(NO_ERRORS);
      onShared(shared);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const formErrors = toShareFormErrors(error.fields);
        setErrors(formErrors);
        setFailure(formErrors.other.length > 0 ? `${error.message} ${formErrors.other.join('; ')}` : null);
      } else {
        setErrors(NO_ERRORS);
        setFailure(describeError(error));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <form ref={formRef} noValidate onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Share something</DialogTitle>
            <DialogContent className={form.content}>
              <Text>
                Share a link to slides, a document or a recording, or write tips and notes for your colleagues. Kind and
                title are required, and the link or the text.
              </Text>
              {failure !== null && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              )}
              <div className={form.fieldGrid}>
                {programs.length > 1 && (
                  <Field label="Program" {...fieldProps('programId')}>
                    <Select
                      value={values.programId}
                      onChange={(_, data) => setValues((v) => ({ ...v, programId: data.value, cohortId: '' }))}
                    >
                      {programs.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </Select>
                  </Field>
                )}
                <Field label="Share with" {...fieldProps('cohortId')}>
                  <Select {...text('cohortId')}>
                    <option value="">
                      Everyone in {programs.find((p) => p.id === values.programId)?.name ?? 'the program'}
                    </option>
                    {programCohorts.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name} only
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label="Kind" {...fieldProps('kind')}>
                  <Select
                    value={values.kind}
                    onChange={(_, data) => setValues((v) => ({ ...v, kind: data.value as LibraryItemKind }))}
                  >
                    {KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {KIND_LABELS[kind]}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
              <ContentFields
                kind={values.kind}
                values={values}
                errors={errors.byField}
                onChange={(field, value) => set(field)(value)}
                afterBody={
                  values.body.trim() !== '' && (
                    <details>
                      <summary className={styles.summary}>Preview</summary>
                      <div className={styles.preview}>
                        <Markdown source={values.body} />
                      </div>
                    </details>
                  )
                }
              />
              <div role="status">{submitting ? 'Sharing…' : ''}</div>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabledFocusable={submitting}>
                Share
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
