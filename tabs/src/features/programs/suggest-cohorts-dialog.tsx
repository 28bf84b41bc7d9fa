import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CohortSuggestions, SuggestedCohort, SuggestionThread } from '@peerloop/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../platform/api-client';
import type { ApiClient } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { ActionOutcome } from '../../shared/action-outcome';
import { useAction } from '../../shared/use-action';
import type { CohortFormValues } from '../cohorts/cohort-form';
import { formatNames } from '../cohorts/format';
import { THREAD_LABELS, THREAD_NAMES } from '../cohorts/labels';
import type { ProgramItem } from './programs-api';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(48rem, calc(100vw - 2rem))' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  field: { minWidth: '12rem' },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  item: {
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  unplaced: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

type Suggestions = CohortSuggestions & { readonly names: Record<string, string> };

/** Proposed cohorts of a program around one common thread, with reporting lines kept apart. */
function suggestCohorts(api: ApiClient, programId: string, thread: SuggestionThread, size: number) {
  return api.post<Suggestions>(`/programs/${encodeURIComponent(programId)}/cohort-suggestions`, { thread, size });
}

/** What "Create this cohort" puts in the "New cohort" form: the thread, a name from it, a facilitator. */
export function prefillFromSuggestion(
  programId: string,
  thread: SuggestionThread,
  suggestion: SuggestedCohort,
): Partial<CohortFormValues> {
  const [only] = suggestion.threadValues;
  const value = suggestion.threadValues.length === 1 && only !== 'Not stated' ? only : '';
  return {
    programId,
    name: suggestion.key,
    [thread]: value ?? '',
    facilitatorId: suggestion.memberIds[0] ?? '',
  };
}

export interface SuggestCohortsDialogProps {
  readonly open: boolean;
  /** Programs the reader owns. */
  readonly programs: readonly ProgramItem[];
  readonly defaultProgramId: string;
  /** Opens the "New cohort" form with the suggestion; its other members are added once it is created. */
  readonly onCreate: (values: Partial<CohortFormValues>, memberIds: readonly string[]) => void;
  readonly onClose: () => void;
}

/** "Suggest cohorts": choose a thread and a size, see the proposed cohorts with their reasons and who is left out. */
export function SuggestCohortsDialog({
  open,
  programs,
  defaultProgramId,
  onCreate,
  onClose,
}: SuggestCohortsDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const [programId, setProgramId] = useState(defaultProgramId);
  const [thread, setThread] = useState<SuggestionThread>('level');
  const [size, setSize] = useState('6');
  const [sizeError, setSizeError] = useState('');
  const [result, setResult] = useState<Suggestions | null>(null);
  const name = (id: string) => result?.names[id] ?? id;

  function submit(event: FormEvent) {
    event.preventDefault();
    const target = Number(size);
    if (!Number.isInteger(target) || target < 3 || target > 50) {
      setSizeError('must be a whole number from 3 to 50');
      return;
    }
    setSizeError('');
    void action.run(
      async () => {
        const answer = await suggestCohorts(api, programId, thread, target);
        setResult(answer);
        return `${answer.cohorts.length} cohorts suggested, ${answer.unplaced.length} people not placed.`;
      },
      (error) => {
        const field = error instanceof ApiError ? error.fields.find((f) => f.path === 'size') : undefined;
        if (field) setSizeError(field.message);
        return field !== undefined;
      },
    );
  }

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Suggest cohorts</DialogTitle>
          <DialogContent className={styles.content}>
            <form noValidate onSubmit={submit} className={styles.row}>
              {programs.length > 1 && (
                <Field label="Program" className={styles.field}>
                  <Select value={programId} onChange={(_, data) => setProgramId(data.value)}>
                    {programs.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
              <Field label="Common thread" className={styles.field}>
                <Select value={thread} onChange={(_, data) => setThread(data.value as SuggestionThread)}>
                  {THREAD_NAMES.map((t) => (
                    <option key={t} value={t}>
                      {THREAD_LABELS[t]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label="Members per cohort"
                hint="From 3 to 50."
                className={styles.field}
                validationMessage={sizeError || undefined}
                validationState={sizeError ? 'error' : 'none'}
              >
                <Input
                  type="number"
                  inputMode="numeric"
                  min={3}
                  max={50}
                  step={1}
                  value={size}
                  onChange={(_, data) => setSize(data.value)}
                />
              </Field>
              <Button type="submit" appearance="primary" disabledFocusable={action.busy}>
                Suggest
              </Button>
            </form>
            <ActionOutcome action={action} />
            {result && (
              <>
                <ul className={styles.list} aria-label="Suggested cohorts">
                  {result.cohorts.map((suggestion) => (
                    <li key={suggestion.key} className={styles.item}>
                      <h3 className={styles.heading}>{suggestion.key}</h3>
                      <Text>{suggestion.explanation}</Text>
                      <Text>Members: {formatNames(suggestion.memberIds.map(name))}</Text>
                      <Button
                        aria-label={`Create this cohort: ${suggestion.key}`}
                        onClick={() =>
                          onCreate(prefillFromSuggestion(programId, result.thread, suggestion), suggestion.memberIds)
                        }
                      >
                        Create this cohort
                      </Button>
                    </li>
                  ))}
                </ul>
                {result.unplaced.length > 0 && (
                  <>
                    <h3 className={styles.heading}>Not placed</h3>
                    <ul className={styles.unplaced} aria-label="Not placed">
                      {result.unplaced.map((u) => (
                        <li key={u.personId}>
                          {name(u.personId)}: {u.reason}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
