import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { SessionView, TeamsMeetingOutcome } from '@peerloop/core';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { ActionOutcome } from '../../shared/action-outcome';
import { useAction } from '../../shared/use-action';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS },
});

/** Asked once per signed-in client: whether Microsoft 365 can act for the reader (GET /api/directory/status). */
const availability = new WeakMap<ApiClient, Promise<boolean>>();

function directoryAvailable(api: ApiClient): Promise<boolean> {
  let known = availability.get(api);
  if (!known) {
    known = api.get<{ available: boolean }>('/directory/status').then(
      (status) => status.available === true,
      () => false,
    );
    availability.set(api, known);
  }
  return known;
}

export interface TeamsMeetingButtonProps {
  readonly session: Pick<SessionView, 'id' | 'canManage' | 'status' | 'meetingUrl'>;
  /** Called with the session as it now is: its `meetingUrl` is the Teams join link. */
  readonly onCreated: (session: SessionView) => void;
}

/**
 * "Create Teams meeting" for those who run a session that has no meeting yet, where Microsoft 365 is set up:
 * the Outlook event with its Teams meeting goes into the reader's calendar and the meeting chat is bound to
 * the session, so its side panel shows it. Renders nothing otherwise.
 */
export function TeamsMeetingButton({ session, onCreated }: TeamsMeetingButtonProps) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const [available, setAvailable] = useState(false);
  /** The event exists but Teams had not made its chat findable yet: pressing again only binds it. */
  const [chatPending, setChatPending] = useState(false);

  useEffect(() => {
    let current = true;
    void directoryAvailable(api).then((yes) => current && setAvailable(yes));
    return () => {
      current = false;
    };
  }, [api]);

  const offered = session.canManage && session.status === 'scheduled' && (!session.meetingUrl || chatPending);
  if (!available || (!offered && !action.announcement && !action.failure)) return null;

  const create = () =>
    action.run(async () => {
      const outcome = await api.post<TeamsMeetingOutcome>(
        `/sessions/${encodeURIComponent(session.id)}/teams-meeting`,
        {},
      );
      setChatPending(outcome.meeting.chatId === null);
      onCreated(outcome.session);
      if (outcome.meeting.chatId === null) {
        return 'The Teams meeting is in your Outlook calendar. Teams is still setting up its chat: press the button again in a minute to link it.';
      }
      return outcome.meeting.created
        ? 'The Teams meeting is in your Outlook calendar, and its side panel shows this session.'
        : 'This session already has its Teams meeting.';
    });

  return (
    <div className={styles.root}>
      {offered && (
        <Button onClick={() => void create()} disabledFocusable={action.busy}>
          {chatPending ? 'Link the Teams meeting chat' : 'Create Teams meeting'}
        </Button>
      )}
      <ActionOutcome action={action} />
    </div>
  );
}
