import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CohortSummary, SessionKind, SessionView } from '@peerloop/core';
import { useRef, useState } from 'react';
import { useApi } from '../../platform/api-context';
import { EmptyState, ErrorState, LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import { SESSION_KIND_LABELS } from '../cohorts/labels';
import { getMe } from '../people/people-api';
import type { ProgramItem } from '../programs/programs-api';
import { formatWhen } from '../sessions/format';
import { SessionAgenda } from '../sessions/session-agenda';
import { SessionDialog } from '../sessions/session-dialog';
import { listSessions } from '../sessions/sessions-api';
import type { ScheduleResult } from '../sessions/sessions-api';
import {
  dayKey,
  daysShown,
  fetchRange,
  monthWeeks,
  sessionsByDay,
  shiftAnchor,
  viewTitle,
  weekStartOf,
} from './calendar-dates';
import type { CalendarView, DayKey } from './calendar-dates';
import { MonthGrid } from './month-grid';
import { ScheduleSessionDialog } from './schedule-session-dialog';
import { WeekGrid } from './week-grid';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  group: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  title: {
    margin: 0,
    flexGrow: 1,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  filter: { minWidth: '12rem' },
  scroll: { overflowX: 'auto' },
});

const VIEWS: readonly [CalendarView, string][] = [
  ['month', 'Month'],
  ['week', 'Week'],
  ['agenda', 'Agenda'],
];

export interface SessionsCalendarProps {
  readonly cohorts: readonly CohortSummary[];
  readonly programs: readonly ProgramItem[];
  readonly programId?: string;
  /** A session to open at once (the `?sessionId=` deep link). */
  readonly initialSessionId?: string;
  /** Injected in tests; the viewer's today and their locale's first weekday by default. */
  readonly today?: DayKey;
  readonly weekStart?: number;
}

/** The sessions calendar: month, week and agenda views, filters, session details and scheduling. */
export function SessionsCalendar({
  cohorts,
  programs,
  programId,
  initialSessionId,
  today = dayKey(new Date()),
  weekStart = weekStartOf(),
}: SessionsCalendarProps) {
  const styles = useStyles();
  const api = useApi();
  const [view, setView] = useState<CalendarView>('month');
  const [anchor, setAnchor] = useState<DayKey>(today);
  const [kind, setKind] = useState<SessionKind | ''>('');
  const [cohortId, setCohortId] = useState('');
  const [details, setDetails] = useState<{ id: string; open: boolean } | null>(
    initialSessionId ? { id: initialSessionId, open: true } : null,
  );
  const [scheduling, setScheduling] = useState<'unopened' | 'open' | 'closed'>('unopened');
  const [formKey, setFormKey] = useState(0);
  const [scheduled, setScheduled] = useState<ScheduleResult | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const scheduleButton = useRef<HTMLButtonElement>(null);

  const days = daysShown(view, anchor, weekStart);
  const title = viewTitle(view, days);
  const rangeKey = `${days[0]}:${days.length}:${programId ?? ''}`;
  const load = () => listSessions(api, { ...fetchRange(days), programId });
  const sessions = useResource(load, rangeKey);
  const shownRange = useRef(rangeKey);
  shownRange.current = rangeKey;
  const me = useResource(() => getMe(api), 'me');
  const myId = me.resource.status === 'ready' ? me.resource.data.userId : null;
  const runnable = cohorts.filter(
    (c) =>
      programs.some((p) => p.id === c.programId && p.canManage) ||
      (myId !== null && c.facilitators.some((f) => f.userId === myId)),
  );

  const cohortName = (id: string) => cohorts.find((c) => c.id === id)?.name;
  const shown =
    sessions.resource.status === 'ready'
      ? sessions.resource.data.filter((s) => (!kind || s.kind === kind) && (!cohortId || s.cohortId === cohortId))
      : [];
  const byDay = sessionsByDay(shown, days);

  function open(sessionId: string, from: HTMLElement) {
    opener.current = from;
    setDetails({ id: sessionId, open: true });
  }

  function closeDetails() {
    setDetails((d) => d && { ...d, open: false });
    const target = opener.current;
    requestAnimationFrame(() => target?.isConnected && target.focus());
  }

  function changed(next: SessionView) {
    sessions.update((list) => list.map((s) => (s.id === next.id ? { ...s, ...next } : s)));
  }

  /** Reloads the shown range without a loading state (later sessions of a series changed behind the dialog). */
  function refreshQuietly() {
    const key = rangeKey;
    load().then(
      (fresh) => shownRange.current === key && sessions.update(() => fresh),
      () => undefined,
    );
  }

  function closeSchedule() {
    setScheduling('closed');
    requestAnimationFrame(() => scheduleButton.current?.focus());
  }

  function openSchedule() {
    if (scheduled) {
      setFormKey((k) => k + 1);
      setScheduled(null);
    }
    setScheduling('open');
  }

  function onScheduled(result: ScheduleResult) {
    // The form is reset when it next opens: remounting the dialog while it closes would leave the rest of
    // the page hidden from assistive technology (the modal's aria-hidden/inert is never undone).
    closeSchedule();
    setScheduled(result);
    setCohortId((current) => (current && current !== result.first.cohortId ? '' : current));
    setKind((current) => (current && current !== result.first.kind ? '' : current));
    setAnchor(dayKey(result.first.startsAt));
    sessions.reload();
  }

  return (
    <div className={styles.root}>
      <div className={styles.toolbar}>
        <div className={styles.group} role="group" aria-label="Calendar view">
          {VIEWS.map(([name, label]) => (
            <ToggleButton key={name} checked={view === name} onClick={() => setView(name)}>
              {label}
            </ToggleButton>
          ))}
        </div>
        <div className={styles.group} role="group" aria-label="Navigate">
          <Button onClick={() => setAnchor(shiftAnchor(view, anchor, -1))}>
            {view === 'week' ? 'Previous week' : 'Previous month'}
          </Button>
          <Button onClick={() => setAnchor(today)}>Today</Button>
          <Button onClick={() => setAnchor(shiftAnchor(view, anchor, 1))}>
            {view === 'week' ? 'Next week' : 'Next month'}
          </Button>
        </div>
        <Field label="Kind" className={styles.filter}>
          <Select value={kind} onChange={(_, data) => setKind(data.value as SessionKind | '')}>
            <option value="">All kinds</option>
            {Object.entries(SESSION_KIND_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Cohort" className={styles.filter}>
          <Select value={cohortId} onChange={(_, data) => setCohortId(data.value)}>
            <option value="">All cohorts</option>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        {runnable.length > 0 && (
          <Button ref={scheduleButton} appearance="primary" onClick={openSchedule}>
            Schedule session
          </Button>
        )}
      </div>
      <h2 className={styles.title} aria-live="polite">
        {title}
      </h2>
      {scheduled && (
        <MessageBar intent="success">
          <MessageBarBody>
            Scheduled “{scheduled.first.title}”{scheduled.created > 1 ? `, ${scheduled.created} sessions from` : ' for'}{' '}
            {formatWhen(scheduled.first.startsAt, scheduled.first.endsAt)}.
          </MessageBarBody>
        </MessageBar>
      )}
      {sessions.resource.status === 'loading' && <LoadingState label="Loading sessions" />}
      {sessions.resource.status === 'error' && (
        <ErrorState title="Sessions could not be loaded." error={sessions.resource.error} onRetry={sessions.reload} />
      )}
      {sessions.resource.status === 'ready' && (
        <>
          <Text role="status">{describeCount(shown.length, kind !== '' || cohortId !== '')}</Text>
          {view === 'month' && (
            <div className={styles.scroll}>
              <MonthGrid
                title={title}
                weeks={monthWeeks(anchor, weekStart)}
                month={anchor.slice(0, 7)}
                byDay={byDay}
                today={today}
                onOpen={open}
              />
            </div>
          )}
          {view === 'week' && (
            <div className={styles.scroll}>
              <WeekGrid title={title} days={days} byDay={byDay} today={today} onOpen={open} />
            </div>
          )}
          {view === 'agenda' &&
            (shown.length === 0 ? (
              <EmptyState>
                <Text>No sessions in {title}.</Text>
              </EmptyState>
            ) : (
              <SessionAgenda
                sessions={[...byDay.values()].flat()}
                label={`Sessions in ${title}`}
                onOpen={open}
                cohortName={cohortName}
              />
            ))}
        </>
      )}
      {details && (
        <SessionDialog
          key={details.id}
          sessionId={details.id}
          open={details.open}
          cohortName={cohortName}
          onClose={closeDetails}
          onChanged={changed}
          onSeriesChanged={refreshQuietly}
        />
      )}
      {scheduling !== 'unopened' && (
        <ScheduleSessionDialog
          key={formKey}
          open={scheduling === 'open'}
          cohorts={runnable}
          defaultCohortId={(runnable.find((c) => c.id === cohortId) ?? runnable[0])?.id ?? ''}
          onScheduled={onScheduled}
          onClose={closeSchedule}
        />
      )}
    </div>
  );
}

function describeCount(count: number, filtered: boolean): string {
  const sessions = count === 1 ? '1 session' : `${count} sessions`;
  return filtered ? `${sessions} match the filters.` : `${sessions}.`;
}
