import { Text } from '@fluentui/react-components';
import { useApi } from '../platform/api-context';
import { CohortList, byNextSession } from '../features/cohorts/cohort-list';
import { listCohorts } from '../features/cohorts/cohorts-api';
import { Page } from '../shared/page';
import { EmptyState, ErrorState, LoadingState } from '../shared/status';
import { useResource } from '../shared/use-resource';

/** "My learning": the cohorts the user belongs to, soonest next session first. */
export function PersonalView() {
  const api = useApi();
  const { resource, reload } = useResource(
    async () => (await listCohorts(api, { mine: true })).sort(byNextSession),
    'mine',
  );
  return (
    <Page title="My learning">
      {resource.status === 'loading' && <LoadingState label="Loading your cohorts" />}
      {resource.status === 'error' && (
        <ErrorState title="Your cohorts could not be loaded." error={resource.error} onRetry={reload} />
      )}
      {resource.status === 'ready' &&
        (resource.data.length === 0 ? (
          <EmptyState>
            <Text>You are not in any cohort yet. Cohorts your program forms with you will show here.</Text>
          </EmptyState>
        ) : (
          <CohortList cohorts={resource.data} label="My cohorts" />
        ))}
    </Page>
  );
}
