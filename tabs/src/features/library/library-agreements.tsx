import { Text } from '@fluentui/react-components';
import { useApi } from '../../platform/api-context';
import { ErrorState, LoadingState } from '../../shared/status';
import { useResource } from '../../shared/use-resource';
import { AgreementsGate } from '../cohorts/agreements-gate';
import { getCohortDetail } from '../cohorts/membership-api';

export interface LibraryAgreementsProps {
  readonly cohortId: string;
  /** What opens once they are accepted ("This item is shared with New managers only."). */
  readonly intro: string;
  readonly onAccepted: () => void;
}

/**
 * A cohort member who has not accepted the program's current agreements reads them here, with "I accept";
 * once accepted, what the cohort shares in the library opens (`onAccepted`).
 */
export function LibraryAgreements({ cohortId, intro, onAccepted }: LibraryAgreementsProps) {
  const api = useApi();
  const { resource, reload, update } = useResource(() => getCohortDetail(api, cohortId), cohortId);
  if (resource.status === 'loading') return <LoadingState label="Loading the cohort’s agreements" />;
  if (resource.status === 'error') {
    return <ErrorState title="The cohort’s agreements could not be loaded." error={resource.error} onRetry={reload} />;
  }
  return (
    <>
      <Text>{intro} It opens to you once you accept the cohort’s agreements.</Text>
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
