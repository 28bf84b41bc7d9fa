import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortSummary } from '@peerloop/core';
import { Suspense, lazy } from 'react';
import { useApi, useHost } from '../platform/api-context';
import { ApiError } from '../platform/api-client';
import type { ApiClient } from '../platform/api-client';
import { meetingChatId } from '../platform/teams';
import { byNextSession } from '../features/cohorts/cohort-list';
import { listCohorts } from '../features/cohorts/cohorts-api';
import { formatSessionStart } from '../features/cohorts/format';
import { SESSION_KIND_LABELS } from '../features/cohorts/labels';
import { hasQna } from '../features/qna/has-qna';
import { listMySessions } from '../features/sessions/my-sessions';
import { RsvpControls } from '../features/sessions/rsvp-controls';
import { SessionFacts } from '../features/sessions/session-facts';
import { getSession, sessionForMeeting } from '../features/sessions/sessions-api';
import type { SessionDetail } from '../features/sessions/sessions-api';
import { Page } from '../shared/page';
import { EmptyState, ErrorState, LoadingState } from '../shared/status';
import { useResource } from '../shared/use-resource';

/** The Q&A queue is its own chunk: the panel's first paint does not wait for it. */
const QnaSection = lazy(() => import('../features/qna/qna-section'));

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: 'anywhere',
  },
  session: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  cancelled: { textDecorationLine: 'line-through' },
  cohort: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

interface PanelData {
  readonly cohorts: CohortSummary[];
  readonly session: SessionDetail | null;
}

/** The session bound to the meeting, or null when none is (404). */
async function boundSession(api: ApiClient, chatId: string | undefined): Promise<SessionDetail | null> {
  if (!chatId) return null;
  return sessionForMeeting(api, chatId).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === 'not_found') return null;
    throw error;
  });
}

async function loadPanel(api: ApiClient, sessionId: string | undefined, chatId?: string): Promise<PanelData> {
  const cohorts = (await listCohorts(api, { mine: true })).sort(byNextSession);
  if (sessionId) return { cohorts, session: await getSession(api, sessionId) };
  const bound = await boundSession(api, chatId);
  if (bound) return { cohorts, session: bound };
  const next = (await listMySessions(api, cohorts)).find(
    (s) => s.status === 'scheduled' && cohorts.some((c) => c.id === s.cohortId),
  );
  return { cohorts, session: next ?? null };
}

/**
 * Meeting side panel (about 320 px wide): the session of the meeting (`sessionId`, else the one bound to the
 * meeting's chat) or the next one of my cohorts, with its agenda, who is coming, my answer and check-in, and
 * its live Q&A queue; then each cohort's next session.
 */
export function SidepanelView({ sessionId }: { sessionId?: string }) {
  const styles = useStyles();
  const api = useApi();
  const host = useHost();
  const chatId = host.kind === 'teams' ? meetingChatId(host.context) : undefined;
  const { resource, reload, update } = useResource(
    () => loadPanel(api, sessionId, chatId),
    sessionId ?? `meeting:${chatId ?? ''}`,
  );
  const session = resource.status === 'ready' ? resource.data.session : null;
  return (
    <Page title="Next sessions" compact>
      {resource.status === 'loading' && <LoadingState label="Loading sessions" />}
      {resource.status === 'error' && (
        <ErrorState title="Sessions could not be loaded." error={resource.error} onRetry={reload} />
      )}
      {session && (
        <section className={styles.session} aria-labelledby="panel-session">
          <h2 id="panel-session" className={styles.title}>
            <span className={session.status === 'cancelled' ? styles.cancelled : undefined}>{session.title}</span>
            {session.status === 'cancelled' ? ' (Cancelled)' : ''}
          </h2>
          <SessionFacts session={session} brief />
          <RsvpControls
            session={session}
            headingLevel={3}
            onChange={(patch) =>
              update((data) => ({ ...data, session: data.session ? { ...data.session, ...patch } : null }))
            }
          />
          {hasQna(session) && (
            <Suspense fallback={<LoadingState label="Loading questions" />}>
              <QnaSection sessionId={session.id} cohortId={session.cohortId} source="panel" compact />
            </Suspense>
          )}
        </section>
      )}
      {resource.status === 'ready' && resource.data.cohorts.length === 0 && (
        <EmptyState>
          <Text>You are not in any cohort yet.</Text>
        </EmptyState>
      )}
      {resource.status === 'ready' && resource.data.cohorts.length > 0 && (
        <ul className={styles.list} aria-label="My cohorts">
          {resource.data.cohorts.map(({ id, name, nextSession }) => (
            <li key={id} className={styles.item}>
              <h2 className={styles.cohort}>{name}</h2>
              {nextSession ? (
                <>
                  <Text>
                    {nextSession.title}{' '}
                    <span className={styles.muted}>({SESSION_KIND_LABELS[nextSession.kind] ?? nextSession.kind})</span>
                  </Text>
                  <Text size={200}>
                    <time dateTime={nextSession.startsAt}>{formatSessionStart(nextSession.startsAt)}</time>
                  </Text>
                </>
              ) : (
                <Text size={200} className={styles.muted}>
                  No upcoming session
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
