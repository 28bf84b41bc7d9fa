import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortDetail, CohortSummary } from '@peerloop/core';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { useApi } from '../platform/api-context';
import { CohortList } from '../features/cohorts/cohort-list';
import type { CohortFormValues } from '../features/cohorts/cohort-form';
import { listCohorts } from '../features/cohorts/cohorts-api';
import { addMember } from '../features/cohorts/membership-api';
import { describeError } from '../platform/api-client';
import { useCohortHome } from '../features/cohorts/use-cohort-home';
import { listPrograms } from '../features/programs/programs-api';
import type { ProgramItem } from '../features/programs/programs-api';
import { Page } from '../shared/page';
import { SectionTabs } from '../shared/section-tabs';
import { EmptyState, ErrorState, LoadingState } from '../shared/status';
import { useResource } from '../shared/use-resource';
import type { ResourceHandle } from '../shared/use-resource';

const loadDialog = () => import('../features/cohorts/new-cohort-dialog');
const NewCohortDialog = lazy(() => loadDialog().then((m) => ({ default: m.NewCohortDialog })));
const SuggestCohortsDialog = lazy(() =>
  import('../features/programs/suggest-cohorts-dialog').then((m) => ({ default: m.SuggestCohortsDialog })),
);
const loadCalendar = () => import('../features/calendar/sessions-calendar');
const SessionsCalendar = lazy(() => loadCalendar().then((m) => ({ default: m.SessionsCalendar })));
const LibrarySection = lazy(() => import('../features/library/library-section'));

type Section = 'cohorts' | 'calendar' | 'library';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const SECTIONS = [
  ['cohorts', 'Cohorts'],
  ['calendar', 'Calendar'],
  ['library', 'Library'],
] as const;

export interface ChannelViewProps {
  readonly programId?: string;
  readonly sessionId?: string;
  readonly cohortId?: string;
  readonly itemId?: string;
}

/**
 * Cohort home of a channel: the program's cohorts (with a form to form one for program owners), the
 * sessions calendar and the library; `sessionId` (a deep link) opens the calendar on that session,
 * `cohortId` a cohort's home, `itemId` a library item.
 */
export function ChannelView({ programId, sessionId, cohortId, itemId }: ChannelViewProps) {
  const styles = useStyles();
  const api = useApi();
  const [section, setSection] = useState<Section>(sessionId ? 'calendar' : itemId ? 'library' : 'cohorts');
  const programs = useResource(() => listPrograms(api), 'programs');
  const cohorts = useResource(() => listCohorts(api, { programId }), programId ?? '');
  const [dialog, setDialog] = useState<'closed' | 'open' | 'unopened'>('unopened');
  const [created, setCreated] = useState<{
    cohort: CohortSummary;
    shown: boolean;
    /** Members of a suggestion being added after the cohort was created. */
    members?: { pending: number; added: number; failed: string[] };
  } | null>(null);
  const newCohortButton = useRef<HTMLButtonElement>(null);
  const [suggesting, setSuggesting] = useState<'closed' | 'open' | 'unopened'>('unopened');
  const [prefill, setPrefill] = useState<{ key: number; values?: Partial<CohortFormValues>; memberIds?: string[] }>({
    key: 0,
  });
  const cohortHome = useCohortHome(cohortId);

  const allPrograms = programs.resource.status === 'ready' ? programs.resource.data : [];
  const program = allPrograms.find((p) => p.id === programId) ?? (programId ? undefined : onlyOne(allPrograms));
  const manageable = allPrograms.filter((p) => p.canManage);

  useEffect(() => {
    if (manageable.length > 0) void loadDialog();
  }, [manageable.length]);
  useEffect(() => {
    void loadCalendar();
  }, []);

  function closeDialog() {
    setDialog('closed');
    requestAnimationFrame(() => newCohortButton.current?.focus());
  }

  function createFromSuggestion(values: Partial<CohortFormValues>, memberIds: readonly string[]) {
    setSuggesting('closed');
    setPrefill((p) => ({ key: p.key + 1, values, memberIds: [...memberIds] }));
    setDialog('open');
  }

  function onCreated(cohort: CohortSummary) {
    const shown = !programId || cohort.programId === programId;
    if (shown) cohorts.update((list) => [cohort, ...list.filter((c) => c.id !== cohort.id)]);
    setCreated({ cohort, shown });
    closeDialog();
    const suggested = (prefill.memberIds ?? []).filter((id) => !cohort.facilitators.some((f) => f.userId === id));
    setPrefill((p) => ({ key: p.key, values: p.values }));
    if (suggested.length > 0) void addSuggestedMembers(cohort, suggested);
  }

  /** After "Create this cohort" from a suggestion: add its other members, one by one, and say how it went. */
  async function addSuggestedMembers(cohort: CohortSummary, userIds: readonly string[]) {
    let added = 0;
    const failed: string[] = [];
    setCreated((c) => c && { ...c, members: { pending: userIds.length, added, failed } });
    for (const userId of userIds) {
      try {
        await addMember(api, cohort.id, { userId });
        added += 1;
      } catch (error) {
        failed.push(describeError(error));
      }
      setCreated(
        (c) => c && { ...c, members: { pending: userIds.length - added - failed.length, added, failed: [...failed] } },
      );
    }
    cohorts.reload();
  }

  function onCohortChanged(detail: CohortDetail) {
    cohorts.update((list) => list.map((c) => (c.id === detail.id ? detail : c)));
  }

  const title = program?.name ?? (programs.resource.status === 'loading' ? 'PeerLoop' : 'Cohorts');
  const actions =
    manageable.length > 0 && section === 'cohorts' ? (
      <div className={styles.actions}>
        <Button onClick={() => setSuggesting('open')}>Suggest cohorts</Button>
        <Button
          ref={newCohortButton}
          appearance="primary"
          onClick={() => {
            setPrefill((p) => (p.values ? { key: p.key + 1 } : p));
            setDialog('open');
          }}
        >
          New cohort
        </Button>
      </div>
    ) : null;

  return (
    <Page title={title} actions={actions}>
      {program?.purpose ? <Text>{program.purpose}</Text> : null}
      {programs.resource.status === 'error' && (
        <ErrorState title="Programs could not be loaded." error={programs.resource.error} onRetry={programs.reload} />
      )}
      {created && (
        <MessageBar intent="success">
          <MessageBarBody>
            Cohort “{created.cohort.name}” created
            {created.shown
              ? '.'
              : ` in ${programName(allPrograms, created.cohort.programId)}; this tab shows another program.`}
            {created.members && (
              <span role="status">
                {' '}
                {created.members.pending > 0
                  ? `Adding the suggested members: ${created.members.added} added, ${created.members.pending} to go…`
                  : `${created.members.added} suggested members added.`}
                {created.members.failed.length > 0 ? ` Not added: ${created.members.failed.join('; ')}` : ''}
              </span>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <SectionTabs label="Channel sections" tabs={SECTIONS} selected={section} onSelect={setSection}>
        {section === 'cohorts' ? (
          <CohortsSection cohorts={cohorts} canManage={manageable.length > 0} onOpen={cohortHome.open} />
        ) : section === 'library' ? (
          <Suspense fallback={<LoadingState label="Loading the library" />}>
            <LibrarySection
              programId={program?.id}
              cohorts={cohorts.resource.status === 'ready' ? cohorts.resource.data : undefined}
              initialItemId={itemId}
            />
          </Suspense>
        ) : (
          <Suspense fallback={<LoadingState label="Loading the calendar" />}>
            <SessionsCalendar
              cohorts={cohorts.resource.status === 'ready' ? cohorts.resource.data : []}
              programs={allPrograms}
              programId={programId}
              initialSessionId={sessionId}
            />
          </Suspense>
        )}
      </SectionTabs>
      {cohortHome.dialog(onCohortChanged)}
      {suggesting !== 'unopened' && (
        <Suspense fallback={<LoadingState label="Opening suggestions" />}>
          <SuggestCohortsDialog
            open={suggesting === 'open'}
            programs={manageable}
            defaultProgramId={(manageable.find((p) => p.id === programId) ?? manageable[0])?.id ?? ''}
            onCreate={createFromSuggestion}
            onClose={() => setSuggesting('closed')}
          />
        </Suspense>
      )}
      {dialog !== 'unopened' && (
        <Suspense fallback={<LoadingState label="Opening the form" />}>
          <NewCohortDialog
            key={prefill.key}
            initialValues={prefill.values}
            open={dialog === 'open'}
            programs={manageable}
            defaultProgramId={(manageable.find((p) => p.id === programId) ?? manageable[0])?.id ?? ''}
            onCreated={onCreated}
            onClose={closeDialog}
          />
        </Suspense>
      )}
    </Page>
  );
}

function CohortsSection({
  cohorts: { resource, reload },
  canManage,
  onOpen,
}: {
  cohorts: ResourceHandle<CohortSummary[]>;
  canManage: boolean;
  onOpen: (cohortId: string, opener: HTMLElement) => void;
}) {
  if (resource.status === 'loading') return <LoadingState label="Loading cohorts" />;
  if (resource.status === 'error')
    return <ErrorState title="Cohorts could not be loaded." error={resource.error} onRetry={reload} />;
  if (resource.data.length === 0) {
    return (
      <EmptyState>
        <Text>No cohorts yet.{canManage ? ' Use “New cohort” to form the first one.' : ''}</Text>
      </EmptyState>
    );
  }
  return <CohortList cohorts={resource.data} label="Cohorts" onOpen={onOpen} />;
}

function onlyOne(programs: readonly ProgramItem[]): ProgramItem | undefined {
  return programs.length === 1 ? programs[0] : undefined;
}

function programName(programs: readonly ProgramItem[], id: string): string {
  return programs.find((p) => p.id === id)?.name ?? 'another program';
}
