import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  page: {
    boxSizing: 'border-box',
    maxWidth: '80rem',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  compact: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, gap: tokens.spacingVerticalM },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  compactHeading: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
});

export interface PageProps {
  readonly title: ReactNode;
  /** Shown beside the title, e.g. the view's main button. */
  readonly actions?: ReactNode;
  /** Tighter spacing for the meeting side panel. */
  readonly compact?: boolean;
  readonly children: ReactNode;
}

/** The main landmark of a view, with its one h1. */
export function Page({ title, actions, compact = false, children }: PageProps) {
  const styles = useStyles();
  return (
    <main className={mergeClasses(styles.page, compact && styles.compact)}>
      <div className={styles.header}>
        <h1 className={mergeClasses(styles.heading, compact && styles.compactHeading)}>{title}</h1>
        {actions}
      </div>
      {children}
    </main>
  );
}
