import { Button, Checkbox, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { useResource } from '../../shared/use-resource';
import { listPeople } from '../people/people-api';
import { cancelSession, recordAttendance } from './sessions-api';
import type { SessionDetail } from './sessions-api';

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
  /** Called after a change the session's own data must show (a cancellation). */
  readonly onChanged: () => void;
}

/** For those who run the session: who is going and waiting, attendance, and cancelling. */
export function ManageSession({ session, onChanged }: ManageSessionProps) {
  const styles = useStyles();
  const api = useApi();
  const people = useResource(() => listPeople(api), 'people');
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [confirming, setConfirming] = useState(false);
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

  const cancel = () =>
    run(async () => {
      const { cancelled } = await cancelSession(api, session.id, scope);
      setConfirming(false);
      onChanged();
      return cancelled === 1 ? 'Session cancelled.' : `${cancelled} sessions cancelled.`;
    });

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
      {session.status === 'scheduled' &&
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
