import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { SessionView } from '@peerloop/core';
import { Suspense, lazy, useState } from 'react';
import { describeError } from '../../platform/api-client';
import { useApi } from '../../platform/api-context';
import { ErrorState, LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import { hasQna } from '../qna/has-qna';
import { ManageSession } from './manage-session';
import { RsvpControls } from './rsvp-controls';
import { SessionFacts } from './session-facts';
import { downloadIcs, getSession } from './sessions-api';
import type { SessionDetail } from './sessions-api';

/** The Q&A queue and archive load on demand, only for sessions that have one. */
const QnaSection = lazy(() => import('../qna/qna-section'));

/** "Send reminder now" and the delivery report load on demand, only for those who run the session. */
const RemindersSection = lazy(() => import('../reminders/reminders-section'));

const useStyles = makeStyles({
  surface: { maxWidth: 'min(40rem, calc(100vw - 2rem))' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  cancelled: { textDecorationLine: 'line-through' },
  title: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface SessionDialogProps {
  readonly sessionId: string;
  /** Closed dialogs stay mounted until replaced, so Fluent can restore the page around them. */
  readonly open: boolean;
  readonly cohortName?: (cohortId: string) => string | undefined;
  readonly onClose: () => void;
  /** Called whenever the session changed (an answer, a check-in, an edit, a cancellation). */
  readonly onChanged: (session: SessionView) => void;
  /** Called when other sessions of its series changed with it (a series edit or cancellation). */
  readonly onSeriesChanged?: () => void;
}

/**
 * A session's details in a modal dialog: facts, the reader's answer and check-in, its questions (queue and
 * archive, with written answers) where it has Q&A, .ics, running it and, for those who run it, its reminders.
 */
export function SessionDialog({
  sessionId,
  open,
  cohortName,
  onClose,
  onChanged,
  onSeriesChanged,
}: SessionDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const { resource, reload, update } = useResource(() => getSession(api, sessionId), sessionId);
  const [downloadError, setDownloadError] = useState('');
  const session = resource.status === 'ready' ? resource.data : null;

  function patch(change: Partial<SessionDetail>) {
    if (!session) return;
    const next = { ...session, ...change };
    update(() => next);
    onChanged(next);
  }

  async function refresh() {
    const fresh = await getSession(api, sessionId).catch(() => null);
    if (fresh) patch(fresh);
  }

  async function download() {
    setDownloadError('');
    await downloadIcs(api, sessionId).catch((error: unknown) => setDownloadError(describeError(error)));
  }

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>
            {session ? (
              <span className={styles.title}>
                <span className={session.status === 'cancelled' ? styles.cancelled : undefined}>{session.title}</span>
                {session.status === 'cancelled' && <Badge appearance="outline">Cancelled</Badge>}
              </span>
            ) : (
              'Session'
            )}
          </DialogTitle>
          <DialogContent className={styles.content}>
            {resource.status === 'loading' && <LoadingState label="Loading the session" />}
            {resource.status === 'error' && (
              <ErrorState title="The session could not be loaded." error={resource.error} onRetry={reload} />
            )}
            {session && (
              <>
                <SessionFacts session={session} cohortName={cohortName?.(session.cohortId)} />
                <RsvpControls
                  session={session}
                  onChange={(change) => {
                    patch(change);
                    if (session.canManage) void refresh();
                  }}
                />
                {hasQna(session) && (
                  <Suspense fallback={<LoadingState label="Loading questions" />}>
                    <QnaSection sessionId={session.id} cohortId={session.cohortId} source="tab" />
                  </Suspense>
                )}
                {session.canManage && (
                  <ManageSession session={session} onChanged={() => void refresh()} onSeriesChanged={onSeriesChanged} />
                )}
                {session.canManage && (
                  <Suspense fallback={<LoadingState label="Loading reminders" />}>
                    <RemindersSection session={session} />
                  </Suspense>
                )}
                <Text role="alert" className={styles.error}>
                  {downloadError}
                </Text>
              </>
            )}
          </DialogContent>
          <DialogActions>
            {session && <Button onClick={() => void download()}>Add to calendar (.ics)</Button>}
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
