import { Text } from '@fluentui/react-components';
import { useApi } from '../../platform/api-context';
import { ErrorState, LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import { AgreementsGate } from '../cohorts/agreements-gate';
import { getCohortDetail } from '../cohorts/membership-api';

/**
 * A member who has not accepted the cohort's agreements reads them here, with "I accept"; once accepted
 * the questions open (`onAccepted`).
 */
export function QnaAgreements({ cohortId, onAccepted }: { cohortId: string; onAccepted: () => void }) {
  const api = useApi();
  const { resource, reload, update } = useResource(() => getCohortDetail(api, cohortId), cohortId);
  if (resource.status === 'loading') return <LoadingState label="Loading the cohort’s agreements" />;
  if (resource.status === 'error') {
    return <ErrorState title="The cohort’s agreements could not be loaded." error={resource.error} onRetry={reload} />;
  }
  return (
    <>
      <Text>Questions open to you once you accept the cohort’s agreements.</Text>
      <AgreementsGate
        cohort={resource.data}
        onChanged={async () => {
          update((cohort) => ({ ...cohort, myAgreementsAccepted: true }));
          onAccepted();
        }}
      />
    </>
  );
}
