import { Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useApi, useHost } from '../platform/api-context';
import type { ApiClient } from '../platform/api-client';
import { meetingChatId, registerTabConfig } from '../platform/teams';
import type { TabConfig } from '../platform/teams';
import { listPrograms } from '../features/programs/programs-api';
import { formatWhen } from '../features/sessions/format';
import { bindMeeting, listSessions } from '../features/sessions/sessions-api';
import { Page } from '../shared/page';
import { ErrorState, LoadingState } from '../shared/status';
import { useResource } from '../shared/use-resource';

const useStyles = makeStyles({
  field: { maxWidth: '28rem' },
  url: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/** The tab configuration Teams saves for a program: the channel view, or the side panel in meetings. */
export function tabConfigFor(origin: string, programId: string, inMeeting: boolean): TabConfig {
  const view = inMeeting ? 'sidepanel' : 'channel';
  return {
    contentUrl: `${origin}/index.html?view=${view}&programId=${encodeURIComponent(programId)}`,
    entityId: `program-${programId}`,
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

const DAY_MS = 86_400_000;

/** Sessions of the next 60 days the reader runs: those a meeting may be bound to. */
async function sessionsIRun(api: ApiClient) {
  const now = Date.now();
  const sessions = await listSessions(api, {
    from: new Date(now).toISOString(),
    to: new Date(now + 60 * DAY_MS).toISOString(),
  });
  return sessions.filter((s) => s.canManage && s.status === 'scheduled');
}

/**
 * Teams configuration page: binds a channel tab to a program; in a meeting, a facilitator may instead
 * bind the meeting to one of their sessions (saved before the tab), so its side panel shows that session.
 */
export function ConfigView() {
  const styles = useStyles();
  const api = useApi();
  const host = useHost();
  const { resource, reload } = useResource(() => listPrograms(api), 'programs');
  const [programId, setProgramId] = useState('');
  const [sessionId, setSessionId] = useState('');
  const chatId = host.kind === 'teams' ? meetingChatId(host.context) : undefined;
  const inMeeting = chatId !== undefined;
  const sessions = useResource(() => (inMeeting ? sessionsIRun(api) : Promise.resolve([])), `sessions:${inMeeting}`);
  const config =
    inMeeting && sessionId
      ? sessionTabConfigFor(window.location.origin, sessionId)
      : programId
        ? tabConfigFor(window.location.origin, programId, inMeeting)
        : null;
  const binding = useRef<{ sessionId: string; chatId?: string }>({ sessionId: '' });
  binding.current = { sessionId, chatId };

  const current = useRef<TabConfig | null>(null);
  const setValid = useRef<((valid: boolean) => void) | null>(null);
  useEffect(() => {
    current.current = config;
    setValid.current?.(config !== null);
  }, [config?.contentUrl]);
  useEffect(() => {
    if (host.kind !== 'teams') return;
    setValid.current = registerTabConfig(
      () => current.current,
      async () => {
        const { sessionId: id, chatId: chat } = binding.current;
        if (id && chat) await bindMeeting(api, id, chat);
      },
    );
  }, [host.kind]);

  return (
    <Page title="Set up PeerLoop">
      <Text>Choose the program whose cohorts this tab shows.</Text>
      {resource.status === 'loading' && <LoadingState label="Loading programs" />}
      {resource.status === 'error' && (
        <ErrorState title="Programs could not be loaded." error={resource.error} onRetry={reload} />
      )}
      {resource.status === 'ready' && (
        <Field label="Program" className={styles.field}>
          <Select value={programId} onChange={(_, data) => setProgramId(data.value)}>
            <option value="">Choose a program</option>
            {resource.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
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
            </>
          ) : (
            'Choose a program to see the address this tab would save.'
          )}
        </Text>
      )}
    </Page>
  );
}
