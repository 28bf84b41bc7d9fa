import { Button, Checkbox, Radio, RadioGroup, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useRef, useState } from 'react';
import { describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import { listPeople } from '../people/people-api';
import { cancelSession, recordAttendance, setQnaEnabled } from './sessions-api';
import { hasQna } from '../qna/has-qna';
import { TeamsMeetingButton } from './teams-meeting-button';
import type { SessionDetail } from './sessions-api';
import type { EditScope } from './edit-session-form';

/** The edit form loads when a runner asks for it. */
const EditSession = lazy(() => import('./edit-session'));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  plain: { margin: 0, padding: 0, listStyle: 'none' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface ManageSessionProps {
  readonly session: SessionDetail;
  /** Called after a change the session's own data must show (an edit, a cancellation). */
  readonly onChanged: () => void;
  /** Called when later sessions of its series changed too (edited or cancelled with it). */
  readonly onSeriesChanged?: () => void;
}

/** For those who run the session: who is going and waiting, attendance, editing and cancelling. */
export function ManageSession({ session, onChanged, onSeriesChanged }: ManageSessionProps) {
  const styles = useStyles();
  const api = useApi();
  const people = useResource(() => listPeople(api), 'people');
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const [scope, setScope] = useState<'occurrence' | 'series'>('occurrence');
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState('');
  const names = new Map(
    people.resource.status === 'ready' ? people.resource.data.map((p) => [p.id, p.displayName]) : [],
  );
  const nameOf = (id: string) => names.get(id) ?? id;
  const going = session.going ?? [];
  const waitlist = session.waitlist ?? [];

  async function run(action: () => Promise<string>) {
    setFailure('');
    setAnnouncement('');
    try {
      setAnnouncement(await action());
    } catch (error) {
      setFailure(describeError(error));
    }
  }

  const mark = (userId: string, value: boolean) =>
    run(async () => {
      await recordAttendance(api, session.id, userId, value);
      setPresent((p) => ({ ...p, [userId]: value }));
      return `${nameOf(userId)} marked ${value ? 'present' : 'absent'}.`;
    });

  const toggleQna = (enabled: boolean) =>
    run(async () => {
      await setQnaEnabled(api, session.id, enabled);
      onChanged();
      return enabled ? 'The Q&A queue is on.' : 'The Q&A queue is off.';
    });

  const cancel = () =>
    run(async () => {
      const { cancelled } = await cancelSession(api, session.id, scope);
      setConfirming(false);
      onChanged();
      if (scope === 'series') onSeriesChanged?.();
      return cancelled === 1 ? 'Session cancelled.' : `${cancelled} sessions cancelled.`;
    });

  function closeEditor() {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  function saved(updated: number, editScope: EditScope) {
    closeEditor();
    setFailure('');
    setAnnouncement(updated === 1 ? 'Changes saved.' : `Changes saved to ${updated} sessions.`);
    onChanged();
    if (editScope === 'series') onSeriesChanged?.();
  }

  return (
    <section className={styles.root} aria-labelledby={`manage-${session.id}`}>
      <h3 id={`manage-${session.id}`} className={styles.heading}>
        Run this session
      </h3>
      <h4 className={styles.subheading}>Going ({going.length})</h4>
      {going.length === 0 ? (
        <Text>Nobody has said they are going yet.</Text>
      ) : (
        <ul className={styles.plain} aria-label="Attendance">
          {going.map((userId) => (
            <li key={userId}>
              <Checkbox
                label={`${nameOf(userId)} attended`}
                checked={present[userId] ?? false}
                onChange={(_, data) => void mark(userId, data.checked === true)}
              />
            </li>
          ))}
        </ul>
      )}
      {waitlist.length > 0 && (
        <>
          <h4 className={styles.subheading}>Waitlist ({waitlist.length})</h4>
          <ol className={styles.list}>
            {waitlist.map((userId) => (
              <li key={userId}>{nameOf(userId)}</li>
            ))}
          </ol>
        </>
      )}
      <TeamsMeetingButton session={session} onCreated={() => onChanged()} />
      {session.status === 'scheduled' && (
        <Switch label="Live Q&A queue" checked={hasQna(session)} onChange={(_, data) => void toggleQna(data.checked)} />
      )}
      {session.status === 'scheduled' && editing && (
        <Suspense fallback={<LoadingState label="Loading the form" />}>
          <EditSession session={session} onSaved={saved} onCancel={closeEditor} />
        </Suspense>
      )}
      {session.status === 'scheduled' &&
        !editing &&
        (confirming ? (
          <div className={styles.root}>
            {session.seriesId && (
              <RadioGroup
                aria-label="What to cancel"
                value={scope}
                onChange={(_, data) => setScope(data.value as 'occurrence' | 'series')}
              >
                <Radio value="occurrence" label="Only this session" />
                <Radio value="series" label="This and all later sessions of the series" />
              </RadioGroup>
            )}
            <div className={styles.row}>
              <Button appearance="primary" onClick={() => void cancel()}>
                Confirm cancellation
              </Button>
              <Button onClick={() => setConfirming(false)}>Keep the session</Button>
            </div>
          </div>
        ) : (
          <div className={styles.row}>
            <Button ref={editButton} onClick={() => setEditing(true)}>
              Edit session
            </Button>
            <Button onClick={() => setConfirming(true)}>Cancel session</Button>
          </div>
        ))}
      <Text role="status">{announcement}</Text>
      <Text role="alert" className={styles.error}>
        {failure}
      </Text>
    </section>
  );
}
