import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { describeError } from '../platform/api-client';

const useStyles = makeStyles({
  block: { padding: `${tokens.spacingVerticalL} 0` },
});

/** A labelled spinner inside a polite live region, so screen readers hear what is loading. */
export function LoadingState({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div role="status" className={styles.block}>
      <Spinner size="small" label={label} labelPosition="after" />
    </div>
  );
}

/** An error message with a retry button. */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry: () => void; title: string }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle> {describeError(error)}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>Retry</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** What a list shows when it has nothing in it. */
export function EmptyState({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <div className={styles.block}>{children}</div>;
}
