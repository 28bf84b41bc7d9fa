import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useApi } from '../platform/api-context';
import { byNextSession } from '../features/cohorts/cohort-list';
import { listCohorts } from '../features/cohorts/cohorts-api';
import { formatSessionStart } from '../features/cohorts/format';
import { SESSION_KIND_LABELS } from '../features/cohorts/labels';
import { Page } from '../shared/page';
import { EmptyState, ErrorState, LoadingState } from '../shared/status';
import { useResource } from '../shared/use-resource';

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
  cohort: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Meeting side panel (about 320 px wide): the next session of each of the user's cohorts, soonest first. */
export function SidepanelView() {
  const styles = useStyles();
  const api = useApi();
  const { resource, reload } = useResource(
    async () => (await listCohorts(api, { mine: true })).sort(byNextSession),
    'mine',
  );
  return (
    <Page title="Next sessions" compact>
      {resource.status === 'loading' && <LoadingState label="Loading sessions" />}
      {resource.status === 'error' && (
        <ErrorState title="Sessions could not be loaded." error={resource.error} onRetry={reload} />
      )}
      {resource.status === 'ready' && resource.data.length === 0 && (
        <EmptyState>
          <Text>You are not in any cohort yet.</Text>
        </EmptyState>
      )}
      {resource.status === 'ready' && resource.data.length > 0 && (
        <ul className={styles.list} aria-label="My cohorts">
          {resource.data.map(({ id, name, nextSession }) => (
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
