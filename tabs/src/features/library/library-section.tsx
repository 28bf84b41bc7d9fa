import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CohortSummary, LibraryItemKind, LibraryItemView, LibrarySort } from '@peerloop/core';
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { EmptyState, ErrorState, LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import type { ResourceHandle } from '../../shared/use-resource';
import { listCohorts } from '../cohorts/cohorts-api';
import { getMe } from '../people/people-api';
import { listPrograms } from '../programs/programs-api';
import { needsAgreements } from './agreements-required';
import type { KnownCohort } from './agreements-required';
import { ExpertsPanel, InsightsPanel } from './insights';
import { ItemCard } from './item-card';
import { ItemDialog } from './item-dialog';
import { libraryExperts, libraryInsights, myLibrary, searchLibrary } from './library-api';
import type { LibraryQuery, LibraryScope, MineFilter } from './library-api';
import { KINDS, KIND_LABELS, MINE_LABELS, SORTS, SORT_LABELS, count, formatDate } from './labels';
import { LibraryAgreements } from './library-agreements';
import { ShareDialog } from './share-dialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  filters: {
    flexGrow: 1,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 11rem), 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  search: { gridColumn: 'span 2', '@media (max-width: 480px)': { gridColumn: 'auto' } },
  show: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  showLabel: { fontWeight: tokens.fontWeightSemibold },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 20rem), 1fr))',
    gap: tokens.spacingVerticalM,
  },
  history: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** How long typing pauses before a search runs. */
export const SEARCH_DELAY_MS = 300;

export interface LibrarySectionProps {
  /** The channel's program: the library shows what is shared with it, and shares go to it. */
  readonly programId?: string;
  /** Cohorts to filter by (the channel's program's); otherwise the reader's own cohorts. */
  readonly cohorts?: readonly CohortSummary[];
  /** In "My learning": my history too. */
  readonly personal?: boolean;
  /** An item to open at once (the `?itemId=` deep link). */
  readonly initialItemId?: string;
  /** The level of the section's own headings (item titles are one below). */
  readonly headingLevel?: 2 | 3;
}

/**
 * The library: search and filters, my saved, done and shared items, the item page, "Share something", and
 * for facilitators and owners the library's insights; "who shares what" for everyone.
 */
export function LibrarySection({
  programId,
  cohorts: programCohorts,
  personal = false,
  initialItemId,
  headingLevel = 2,
}: LibrarySectionProps) {
  const styles = useStyles();
  const api = useApi();
  const resultsId = useId();
  const historyId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const cardLevel = headingLevel === 2 ? 3 : 4;

  const me = useResource(() => getMe(api), 'me');
  const programs = useResource(() => listPrograms(api), 'programs');
  const myCohorts = useResource(() => listCohorts(api, { mine: true }), 'mine');

  const [words, setWords] = useState('');
  const [skillText, setSkillText] = useState('');
  const [kind, setKind] = useState<LibraryItemKind | ''>('');
  const [cohortId, setCohortId] = useState('');
  const [chosenProgramId, setChosenProgramId] = useState('');
  const [sort, setSort] = useState<LibrarySort>('relevance');
  const [mine, setMine] = useState<MineFilter | 'all'>('all');
  const q = useDebounced(words.trim(), SEARCH_DELAY_MS);
  const skill = useDebounced(skillText.trim().toLowerCase(), SEARCH_DELAY_MS);

  const allPrograms = programs.resource.status === 'ready' ? programs.resource.data : [];
  const scopeProgramId = programId ?? (chosenProgramId || (allPrograms.length === 1 ? allPrograms[0]!.id : undefined));
  const ownCohorts = myCohorts.resource.status === 'ready' ? myCohorts.resource.data : [];
  const filterCohorts = (programCohorts ?? ownCohorts).filter(
    (c) => scopeProgramId === undefined || c.programId === scopeProgramId,
  );
  const cohortName = (id: string) =>
    [...(programCohorts ?? []), ...ownCohorts].find((c) => c.id === id)?.name ?? undefined;
  // A cohort whose agreements the reader has not accepted is one of theirs: "my cohorts" name it.
  const knownCohorts: readonly KnownCohort[] | null =
    myCohorts.resource.status === 'loading' ? null : [...ownCohorts, ...(programCohorts ?? [])];

  const query: LibraryQuery = {
    q,
    ...(kind ? { kind } : {}),
    ...(skill ? { skill } : {}),
    ...(cohortId ? { cohortId } : {}),
    ...(scopeProgramId && (programId || chosenProgramId) ? { programId: scopeProgramId } : {}),
    sort,
    ...(mine !== 'all' ? { mine } : {}),
    limit: 50,
  };
  const results = useResource(() => searchLibrary(api, query), JSON.stringify(query));
  const history = useResource(async () => (personal ? myLibrary(api) : []), personal ? 'history' : 'none');

  const scope: LibraryScope | null = cohortId ? { cohortId } : scopeProgramId ? { programId: scopeProgramId } : null;
  const scopeKey = scope ? JSON.stringify(scope) : '';
  const insights = useResource(async () => (scope ? libraryInsights(api, scope) : null), scopeKey);
  const experts = useResource(async () => (scope ? libraryExperts(api, scope) : null), scopeKey);
  const insightsAllowed = insights.resource.status === 'ready' && insights.resource.data !== null;

  const [opened, setOpened] = useState<{ id: string; open: boolean } | null>(
    initialItemId ? { id: initialItemId, open: true } : null,
  );
  const opener = useRef<HTMLElement | null>(null);
  const [sharing, setSharing] = useState<'unopened' | 'open' | 'closed'>('unopened');
  const [shared, setShared] = useState<LibraryItemView | null>(null);
  const shareButton = useRef<HTMLButtonElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);

  useEffect(() => {
    if (results.resource.status !== 'ready' || !focusResults.current) return;
    focusResults.current = false;
    resultsHeading.current?.focus();
  }, [results.resource.status]);

  function open(id: string, from: HTMLElement) {
    opener.current = from;
    setOpened({ id, open: true });
  }

  function closeItem() {
    setOpened((o) => o && { ...o, open: false });
    requestAnimationFrame(() => opener.current?.isConnected && opener.current.focus());
  }

  /** Agreements accepted (here or on an item): the cohort's items, insights and experts open. */
  function agreementsAccepted() {
    results.reload();
    // Accepted from the cohort filter: the gate gives way to the results, and so does focus.
    focusResults.current = opened === null || !opened.open;
    insights.reload();
    experts.reload();
  }

  function itemChanged(next: LibraryItemView) {
    results.update((list) => list.map((i) => (i.id === next.id ? next : i)));
    history.update((list) => list.map((e) => (e.item.id === next.id ? { ...e, item: next } : e)));
  }

  function closeShare() {
    setSharing('closed');
    requestAnimationFrame(() => shareButton.current?.focus());
  }

  function onShared(item: LibraryItemView) {
    setShared(item);
    results.update((list) => [item, ...list.filter((i) => i.id !== item.id)]);
    closeShare();
  }

  const sharePrograms = programId ? allPrograms.filter((p) => p.id === programId) : allPrograms;
  const shareCohorts = [
    ...ownCohorts,
    ...(programCohorts ?? []).filter(
      (c) => allPrograms.find((p) => p.id === c.programId)?.canManage && !ownCohorts.some((o) => o.id === c.id),
    ),
  ];

  return (
    <div className={styles.root}>
      <div className={styles.toolbar}>
        <form role="search" aria-label="Library" className={styles.filters} onSubmit={(e) => e.preventDefault()}>
          <Field label="Search the library" className={styles.search}>
            <Input type="search" value={words} onChange={(_, data) => setWords(data.value)} />
          </Field>
          {!programId && allPrograms.length > 1 && (
            <Field label="Program">
              <Select
                value={chosenProgramId}
                onChange={(_, data) => {
                  setChosenProgramId(data.value);
                  setCohortId('');
                }}
              >
                <option value="">All programs</option>
                {allPrograms.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label="Kind">
            <Select value={kind} onChange={(_, data) => setKind(data.value as LibraryItemKind | '')}>
              <option value="">All kinds</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Skill">
            <Input value={skillText} onChange={(_, data) => setSkillText(data.value)} />
          </Field>
          <Field label="Cohort">
            <Select value={cohortId} onChange={(_, data) => setCohortId(data.value)}>
              <option value="">All I can see</option>
              {filterCohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Sort by">
            <Select value={sort} onChange={(_, data) => setSort(data.value as LibrarySort)}>
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </Select>
          </Field>
        </form>
        <Button
          ref={shareButton}
          appearance="primary"
          disabled={sharePrograms.length === 0}
          onClick={() => setSharing('open')}
        >
          Share something
        </Button>
      </div>
      <div role="group" aria-label="Show" className={styles.show}>
        <Text className={styles.showLabel} aria-hidden="true">
          Show:
        </Text>
        {MINE_LABELS.map(([value, label]) => (
          <ToggleButton key={value} size="small" checked={mine === value} onClick={() => setMine(value)}>
            {label}
          </ToggleButton>
        ))}
      </div>
      {shared && (
        <MessageBar intent="success">
          <MessageBarBody>Shared “{shared.title}”.</MessageBarBody>
        </MessageBar>
      )}

      <section className={styles.section} aria-labelledby={resultsId}>
        <Heading id={resultsId} ref={resultsHeading} tabIndex={-1} className={styles.heading}>
          {mine === 'all' ? 'Library items' : MINE_LABELS.find(([value]) => value === mine)![1]}
        </Heading>
        <Results
          resource={results}
          headingLevel={cardLevel}
          onOpen={open}
          gate={
            results.resource.status === 'error' && cohortId && needsAgreements(results.resource.error) ? (
              <LibraryAgreements
                cohortId={cohortId}
                intro={`What is shared with ${cohortName(cohortId) ?? 'this cohort'} only is for its members.`}
                onAccepted={agreementsAccepted}
              />
            ) : null
          }
          empty={
            mine === 'all'
              ? q || kind || skill || cohortId
                ? 'Nothing matches. Try other words or fewer filters.'
                : 'Nothing shared yet. Use “Share something” to share the first thing.'
              : 'Nothing here yet.'
          }
        />
      </section>

      {personal && history.resource.status === 'ready' && history.resource.data.length > 0 && (
        <section className={styles.section} aria-labelledby={historyId}>
          <Heading id={historyId} className={styles.heading}>
            My history
          </Heading>
          <ul className={styles.history}>
            {history.resource.data.slice(0, 10).map((entry) => (
              <li key={entry.item.id}>
                <HistoryEntry entry={entry} onOpen={open} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {insights.resource.status === 'ready' && insights.resource.data !== null && (
        <InsightsPanel insights={insights.resource.data} cohortName={cohortName} headingLevel={headingLevel} />
      )}
      {insights.resource.status === 'error' && !isDenied(insights.resource.error) && (
        <ErrorState
          title="Library insights could not be loaded."
          error={insights.resource.error}
          onRetry={insights.reload}
        />
      )}
      {experts.resource.status === 'ready' && experts.resource.data !== null && (
        <ExpertsPanel skills={experts.resource.data} headingLevel={headingLevel} />
      )}

      {sharing !== 'unopened' && (
        <ShareDialog
          open={sharing === 'open'}
          programs={sharePrograms}
          cohorts={shareCohorts}
          defaultProgramId={scopeProgramId ?? sharePrograms[0]?.id ?? ''}
          defaultCohortId={cohortId}
          onShared={onShared}
          onClose={closeShare}
        />
      )}
      {opened !== null && (
        <ItemDialog
          key={opened.id}
          itemId={opened.id}
          open={opened.open}
          myUserId={me.resource.status === 'ready' ? me.resource.data.userId : undefined}
          showFigures={insightsAllowed}
          cohortName={cohortName}
          knownCohorts={knownCohorts}
          onChanged={itemChanged}
          onAgreementsAccepted={agreementsAccepted}
          onClose={closeItem}
        />
      )}
    </div>
  );
}

function Results({
  resource: { resource, reload },
  headingLevel,
  onOpen,
  gate,
  empty,
}: {
  resource: ResourceHandle<LibraryItemView[]>;
  headingLevel: 3 | 4;
  onOpen: (id: string, from: HTMLElement) => void;
  /** Shown instead of an error when the search needs the reader to accept a cohort's agreements first. */
  gate: ReactNode;
  empty: string;
}) {
  const styles = useStyles();
  if (resource.status === 'loading') return <LoadingState label="Searching the library" />;
  if (gate) return gate;
  if (resource.status === 'error') {
    return <ErrorState title="The library could not be searched." error={resource.error} onRetry={reload} />;
  }
  return (
    <>
      <Text role="status" className={styles.muted}>
        {count(resource.data.length, 'item')}
      </Text>
      {resource.data.length === 0 ? (
        <EmptyState>
          <Text>{empty}</Text>
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Library items">
          {resource.data.map((item) => (
            <li key={item.id}>
              <ItemCard item={item} headingLevel={headingLevel} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function HistoryEntry({
  entry,
  onOpen,
}: {
  entry: { item: LibraryItemView; views: number; lastViewedAt?: string; doneAt?: string; bookmarkedAt?: string };
  onOpen: (id: string, from: HTMLElement) => void;
}) {
  const styles = useStyles();
  const parts = [
    entry.lastViewedAt ? `opened ${count(entry.views, 'time')}, last on ${formatDate(entry.lastViewedAt)}` : null,
    entry.bookmarkedAt ? 'saved for later' : null,
    entry.doneAt ? `done on ${formatDate(entry.doneAt)}` : null,
  ].filter(Boolean);
  return (
    <>
      <Button appearance="transparent" size="small" onClick={(event) => onOpen(entry.item.id, event.currentTarget)}>
        {entry.item.title}
      </Button>{' '}
      <Text className={styles.muted}>{parts.join(', ')}</Text>
    </>
  );
}

/** 403s (not a facilitator or owner here) and 404s mean "nothing to show", not a failure. */
function isDenied(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'forbidden' || error.code === 'agreements_required' || error.code === 'not_found')
  );
}

/** The value once it has stopped changing for `delay` ms. */
function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export default LibrarySection;
