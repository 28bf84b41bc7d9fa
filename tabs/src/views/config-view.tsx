import { Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useApi, useHost } from '../platform/api-context';
import { isMeetingContext, registerTabConfig } from '../platform/teams';
import type { TabConfig } from '../platform/teams';
import { listPrograms } from '../features/programs/programs-api';
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

/** Teams configuration page: binds a channel (or meeting) tab to a program. */
export function ConfigView() {
  const styles = useStyles();
  const api = useApi();
  const host = useHost();
  const { resource, reload } = useResource(() => listPrograms(api), 'programs');
  const [programId, setProgramId] = useState('');
  const inMeeting = host.kind === 'teams' && isMeetingContext(host.context);
  const config = programId ? tabConfigFor(window.location.origin, programId, inMeeting) : null;

  const current = useRef<TabConfig | null>(null);
  const setValid = useRef<((valid: boolean) => void) | null>(null);
  useEffect(() => {
    current.current = config;
    setValid.current?.(config !== null);
  }, [config?.contentUrl]);
  useEffect(() => {
    if (host.kind === 'teams') setValid.current = registerTabConfig(() => current.current);
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
