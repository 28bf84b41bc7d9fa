import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ActionHandle } from './use-action';

const useStyles = makeStyles({
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** The outcome of an action: what it achieved in a live region, why it failed in an alert. */
export function ActionOutcome({ action }: { action: ActionHandle }) {
  const styles = useStyles();
  return (
    <>
      <Text role="status">{action.announcement}</Text>
      <Text role="alert" className={styles.error}>
        {action.failure}
      </Text>
    </>
  );
}
