import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortDetail, SessionView } from '@peerloop/core';
import { Suspense, lazy, useRef, useState } from 'react';
import { useApi } from '../platform/api-context';
import { CohortList, byNextSession } from '../features/cohorts/cohort-list';
import { listCohorts } from '../features/cohorts/cohorts-api';
import { useCohortHome } from '../features/cohorts/use-cohort-home';
import { listMySessions } from '../features/sessions/my-sessions';
import { SessionAgenda } from '../features/sessions/session-agenda';
import { Page } from '../shared/page';
import { EmptyState, ErrorState, LoadingState } from '../shared/status';
import { useResource } from '../shared/use-resource';

const SessionDialog = lazy(() =>
  import('../features/sessions/session-dialog').then((m) => ({ default: m.SessionDialog })),
);

const LibrarySection = lazy(() => import('../features/library/library-section'));

const ProfileDialog = lazy(() =>
  import('../features/people/profile-dialog').then((m) => ({ default: m.ProfileDialog })),
);

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

/**
 * "My learning": my upcoming sessions as an agenda, then the cohorts I belong to, soonest next session first,
 * then the library with what I saved, finished and opened; `itemId` (a deep link) opens a library item.
 */
export function PersonalView({ itemId }: { readonly itemId?: string }) {
  const styles = useStyles();
  const api = useApi();
  const { resource, reload, update } = useResource(async () => {
    const cohorts = (await listCohorts(api, { mine: true })).sort(byNextSession);
    return { cohorts, sessions: await listMySessions(api, cohorts) };
  }, 'mine');
  const [opened, setOpened] = useState<{ id: string; open: boolean } | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const cohortHome = useCohortHome();
  const [profile, setProfile] = useState<'unopened' | 'open' | 'closed'>('unopened');
  const profileButton = useRef<HTMLButtonElement>(null);
  const cohorts = resource.status === 'ready' ? resource.data.cohorts : [];
  const cohortName = (id: string) => cohorts.find((c) => c.id === id)?.name;

  function close() {
    setOpened((o) => o && { ...o, open: false });
    requestAnimationFrame(() => opener.current?.isConnected && opener.current.focus());
  }

  function changed(next: SessionView) {
    update((data) => ({ ...data, sessions: data.sessions.map((s) => (s.id === next.id ? { ...s, ...next } : s)) }));
  }

  function cohortChanged(detail: CohortDetail) {
    update((data) => ({
      ...data,
      cohorts:
        detail.myRole === null
          ? data.cohorts.filter((c) => c.id !== detail.id)
          : data.cohorts.map((c) => (c.id === detail.id ? detail : c)),
    }));
  }

  return (
    <Page
      title="My learning"
      actions={
        <Button ref={profileButton} onClick={() => setProfile('open')}>
          My profile
        </Button>
      }
    >
      {resource.status === 'loading' && <LoadingState label="Loading your sessions and cohorts" />}
      {resource.status === 'error' && (
        <ErrorState title="Your sessions and cohorts could not be loaded." error={resource.error} onRetry={reload} />
      )}
      {resource.status === 'ready' && (
        <>
          <section className={styles.section} aria-labelledby="my-sessions">
            <h2 id="my-sessions" className={styles.heading}>
              My sessions
            </h2>
            {resource.data.sessions.length === 0 ? (
              <Text>No upcoming sessions in the next 60 days.</Text>
            ) : (
              <SessionAgenda
                sessions={resource.data.sessions}
                label="My upcoming sessions"
                cohortName={cohortName}
                onOpen={(id, from) => {
                  opener.current = from;
                  setOpened({ id, open: true });
                }}
              />
            )}
          </section>
          <section className={styles.section} aria-labelledby="my-cohorts">
            <h2 id="my-cohorts" className={styles.heading}>
              My cohorts
            </h2>
            {cohorts.length === 0 ? (
              <EmptyState>
                <Text>You are not in any cohort yet. Cohorts your program forms with you will show here.</Text>
              </EmptyState>
            ) : (
              <CohortList cohorts={cohorts} label="My cohorts" headingLevel={3} onOpen={cohortHome.open} />
            )}
          </section>
        </>
      )}
      <section className={styles.section} aria-labelledby="my-library">
        <h2 id="my-library" className={styles.heading}>
          Library
        </h2>
        <Suspense fallback={<LoadingState label="Loading the library" />}>
          <LibrarySection personal initialItemId={itemId} headingLevel={3} />
        </Suspense>
      </section>
      {cohortHome.dialog(cohortChanged)}
      {profile !== 'unopened' && (
        <Suspense fallback={<LoadingState label="Opening your profile" />}>
          <ProfileDialog
            open={profile === 'open'}
            onClose={() => {
              setProfile('closed');
              requestAnimationFrame(() => profileButton.current?.focus());
            }}
          />
        </Suspense>
      )}
      {opened !== null && (
        <Suspense fallback={<LoadingState label="Opening the session" />}>
          <SessionDialog
            key={opened.id}
            sessionId={opened.id}
            open={opened.open}
            cohortName={cohortName}
            onClose={close}
            onChanged={changed}
          />
        </Suspense>
      )}
    </Page>
  );
}
