import { Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortSummary } from '@peerloop/core';
import { useEffect, useRef, useState } from 'react';
import { useApi, useHost } from '../platform/api-context';
import { ApiError } from '../platform/api-client';
import type { ApiClient } from '../platform/api-client';
import { meetingChatId, registerTabConfig } from '../platform/teams';
import type { TabConfig, TeamsContext } from '../platform/teams';
import { listPrograms } from '../features/programs/programs-api';
import type { ProgramItem } from '../features/programs/programs-api';
import { formatWhen } from '../features/sessions/format';
import { bindMeeting, listSessions } from '../features/sessions/sessions-api';
import { Page } from '../shared/page';
import { ErrorState, LoadingState } from '../shared/status';
import { useResource } from '../shared/use-resource';

const useStyles = makeStyles({
  field: { maxWidth: '28rem' },
  url: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/**
 * The tab configuration Teams saves for a program or one of its cohorts: the channel view (a cohort's opens
 * on its home), or the side panel in meetings.
 */
export function tabConfigFor(origin: string, programId: string, inMeeting: boolean, cohortId = ''): TabConfig {
  const view = inMeeting ? 'sidepanel' : 'channel';
  const cohort = !inMeeting && cohortId ? `&cohortId=${encodeURIComponent(cohortId)}` : '';
  return {
    contentUrl: `${origin}/index.html?view=${view}&programId=${encodeURIComponent(programId)}${cohort}`,
    entityId: cohort ? `cohort-${cohortId}` : `program-${programId}`,
    suggestedDisplayName: 'PeerLoop',
  };
}

/** The side panel of one session, for a meeting bound to it. */
export function sessionTabConfigFor(origin: string, sessionId: string): TabConfig {
  return {
    contentUrl: `${origin}/index.html?view=sidepanel&sessionId=${encodeURIComponent(sessionId)}`,
    entityId: `session-${sessionId}`,
    suggestedDisplayName: 'PeerLoop',
  };
}

/** A Teams channel as PUT /api/cohorts/{id}/channel records it. */
export interface TeamsChannel {
  readonly teamId: string;
  readonly channelId: string;
  readonly channelName?: string;
}

/**
 * The team and channel a channel tab is being set up in, from the Teams context (the team's Microsoft 365
 * group id where Teams gives it, which Graph and deep links use); undefined in meetings, chats and browsers.
 */
export function channelOf(context: TeamsContext | null): TeamsChannel | undefined {
  const channelId = context?.channel?.id;
  const teamId = context?.team?.groupId ?? context?.team?.internalId;
  if (!context || !channelId || !teamId || meetingChatId(context) !== undefined) return undefined;
  const channelName = context.channel?.displayName;
  return { teamId, channelId, ...(channelName ? { channelName } : {}) };
}

/**
 * Records the channel a cohort lives in. Only those who run the cohort may: for anyone else the tab is
 * saved all the same (false), and any other failure stops the save so it can be tried again.
 */
export async function recordCohortChannel(api: ApiClient, cohortId: string, channel: TeamsChannel): Promise<boolean> {
  try {
    await api.put(`/cohorts/${encodeURIComponent(cohortId)}/channel`, channel);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'forbidden') return false;
    throw error;
  }
}

/**
 * The cohorts of the tenant or of one program. Called here rather than through cohorts-api, which the other
 * surfaces load up front: sharing it with this page would split it into a chunk of its own and add to them.
 */
async function listCohorts(api: ApiClient, filter: { programId?: string } = {}): Promise<CohortSummary[]> {
  const query = filter.programId ? `?programId=${encodeURIComponent(filter.programId)}` : '';
  return (await api.get<{ items: CohortSummary[] }>(`/cohorts${query}`)).items;
}

const DAY_MS = 86_400_000;

/**
 * Sessions of the next 60 days the reader runs (as a facilitator of the cohort or an owner of its program):
 * those a meeting may be bound to. The calendar list does not say who runs what across cohorts, so the
 * cohorts and programs tell.
 */
async function sessionsIRun(api: ApiClient, userId: string | undefined) {
  const now = Date.now();
  const [sessions, cohorts, programs] = await Promise.all([
    listSessions(api, { from: new Date(now).toISOString(), to: new Date(now + 60 * DAY_MS).toISOString() }),
    listCohorts(api),
    listPrograms(api),
  ]);
  const owned = new Set(programs.filter((p) => p.canManage).map((p) => p.id));
  const run = new Set(
    cohorts.filter((c) => owned.has(c.programId) || c.facilitators.some((f) => f.userId === userId)).map((c) => c.id),
  );
  return sessions.filter((s) => s.status === 'scheduled' && (s.canManage || run.has(s.cohortId)));
}

/**
 * Teams configuration page: binds a channel tab to a program or one of its cohorts (recording the channel on
 * the cohort, for those who run it); in a meeting, a facilitator may instead bind the meeting to one of
 * their sessions (saved before the tab), so its side panel shows that session.
 */
export function ConfigView() {
  return <TabConfiguration register={registerTabConfig} />;
}

export interface TabConfigurationProps {
  /** Wires the Teams configuration page's Save (a stand-in in tests). */
  readonly register: typeof registerTabConfig;
}

/** The configuration page, with what Teams' Save calls given to it. */
export function TabConfiguration({ register }: TabConfigurationProps) {
  const styles = useStyles();
  const api = useApi();
  const host = useHost();
  const { resource, reload } = useResource(() => listPrograms(api), 'programs');
  const [programId, setProgramId] = useState('');
  const [cohortId, setCohortId] = useState('');
  const [sessionId, setSessionId] = useState('');
  const context = host.kind === 'teams' ? host.context : null;
  const chatId = meetingChatId(context);
  const inMeeting = chatId !== undefined;
  const channel = channelOf(context);
  const sessions = useResource(
    () => (inMeeting ? sessionsIRun(api, context?.user?.id) : Promise.resolve([])),
    `sessions:${inMeeting}`,
  );
  const cohorts = useResource(
    () => (programId && !inMeeting ? listCohorts(api, { programId }) : Promise.resolve<CohortSummary[]>([])),
    `cohorts:${programId}:${inMeeting}`,
  );
  const config =
    inMeeting && sessionId
      ? sessionTabConfigFor(window.location.origin, sessionId)
      : programId
        ? tabConfigFor(window.location.origin, programId, inMeeting, cohortId)
        : null;
  const binding = useRef<{ sessionId: string; chatId?: string; cohortId: string; channel?: TeamsChannel }>({
    sessionId: '',
    cohortId: '',
  });
  binding.current = { sessionId, chatId, cohortId: inMeeting ? '' : cohortId, channel };

  const current = useRef<TabConfig | null>(null);
  const setValid = useRef<((valid: boolean) => void) | null>(null);
  useEffect(() => {
    current.current = config;
    setValid.current?.(config !== null);
  }, [config?.contentUrl]);
  useEffect(() => {
    if (host.kind !== 'teams') return;
    setValid.current = register(
      () => current.current,
      async () => {
        const { sessionId: id, chatId: chat, cohortId: cohort, channel: where } = binding.current;
        if (id && chat) await bindMeeting(api, id, chat);
        if (cohort && where) await recordCohortChannel(api, cohort, where);
      },
    );
  }, [host.kind]);

  function chooseProgram(id: string) {
    setProgramId(id);
    setCohortId('');
  }

  const chosenCohort =
    cohorts.resource.status === 'ready' ? cohorts.resource.data.find((c) => c.id === cohortId) : undefined;
  return (
    <Page title="Set up PeerLoop">
      <Text>
        {inMeeting
          ? 'Choose the program whose cohorts this tab shows.'
          : 'Choose the program whose cohorts this tab shows, or one of its cohorts if this channel is its home.'}
      </Text>
      {resource.status === 'loading' && <LoadingState label="Loading programs" />}
      {resource.status === 'error' && (
        <ErrorState title="Programs could not be loaded." error={resource.error} onRetry={reload} />
      )}
      {resource.status === 'ready' && (
        <ProgramField programs={resource.data} value={programId} onChange={chooseProgram} />
      )}
      {!inMeeting && programId && cohorts.resource.status === 'error' && (
        <ErrorState title="Cohorts could not be loaded." error={cohorts.resource.error} onRetry={cohorts.reload} />
      )}
      {!inMeeting && programId && cohorts.resource.status === 'ready' && cohorts.resource.data.length > 0 && (
        <Field
          label="Cohort"
          hint={
            channel
              ? 'Optional. Saving records this channel as the cohort’s home (for its facilitators and program owners).'
              : 'Optional. The tab then opens on the cohort’s home.'
          }
          className={styles.field}
        >
          <Select value={cohortId} onChange={(_, data) => setCohortId(data.value)}>
            <option value="">The whole program</option>
            {cohorts.resource.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {inMeeting && sessions.resource.status === 'ready' && sessions.resource.data.length > 0 && (
        <Field
          label="Session held in this meeting"
          hint="Its side panel will show this session. Leave empty to show a program instead."
          className={styles.field}
        >
          <Select value={sessionId} onChange={(_, data) => setSessionId(data.value)}>
            <option value="">No session</option>
            {sessions.resource.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({formatWhen(s.startsAt, s.endsAt)})
              </option>
            ))}
          </Select>
        </Field>
      )}
      {host.kind === 'browser' && (
        <Text role="status">
          {config ? (
            <>
              In Teams, this tab would save: <span className={styles.url}>{config.contentUrl}</span>
              {chosenCohort && `, and record the channel as the home of ${chosenCohort.name}`}
            </>
          ) : (
            'Choose a program to see the address this tab would save.'
          )}
        </Text>
      )}
    </Page>
  );
}

function ProgramField({
  programs,
  value,
  onChange,
}: {
  programs: readonly ProgramItem[];
  value: string;
  onChange: (programId: string) => void;
}) {
  const styles = useStyles();
  return (
    <Field label="Program" className={styles.field}>
      <Select value={value} onChange={(_, data) => onChange(data.value)}>
        <option value="">Choose a program</option>
        {programs.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
