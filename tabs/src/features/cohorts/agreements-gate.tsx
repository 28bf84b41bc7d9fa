import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortDetail } from '@peerloop/core';
import { useId } from 'react';
import { useApi } from '../../platform/api-context';
import { ActionOutcome } from '../../shared/action-outcome';
import { useAction } from '../../shared/use-action';
import { acceptAgreements } from './membership-api';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  text: { margin: 0, whiteSpace: 'pre-line' },
  row: { display: 'flex' },
});

/**
 * The program's code of conduct and confidentiality terms, which a member accepts before the cohort's
 * shared spaces open to them; once accepted, the versions they accepted.
 */
export function AgreementsGate({ cohort, onChanged }: { cohort: CohortDetail; onChanged: () => Promise<void> }) {
  const styles = useStyles();
  const api = useApi();
  const action = useAction();
  const headingId = useId();
  const { codeOfConduct, confidentiality } = cohort.agreements;
  const accepted = `Accepted version ${codeOfConduct.version} of the code of conduct and version ${confidentiality.version} of the confidentiality terms.`;

  const accept = () =>
    action.run(async () => {
      await acceptAgreements(api, cohort.id);
      await onChanged();
      return 'Thank you.';
    });

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        Agreements
      </h3>
      {cohort.myAgreementsAccepted ? (
        <Text>{accepted}</Text>
      ) : (
        <>
          <Text>
            Before the cohort's questions and notes open to you, please read and accept the program's agreements.
          </Text>
          <h4 className={styles.subheading}>Code of conduct (version {codeOfConduct.version})</h4>
          <p className={styles.text}>{codeOfConduct.text}</p>
          <h4 className={styles.subheading}>Confidentiality (version {confidentiality.version})</h4>
          <p className={styles.text}>{confidentiality.text}</p>
          <div className={styles.row}>
            <Button appearance="primary" disabledFocusable={action.busy} onClick={() => void accept()}>
              I accept
            </Button>
          </div>
        </>
      )}
      <ActionOutcome action={action} />
    </section>
  );
}
