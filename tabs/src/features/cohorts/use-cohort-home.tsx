import type { CohortDetail } from '@peerloop/core';
import { Suspense, lazy, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { LoadingState } from '../../shared/status';

const CohortHomeDialog = lazy(() => import('./cohort-home-dialog').then((m) => ({ default: m.CohortHomeDialog })));

export interface CohortHomeHandle {
  /** Opens a cohort's home; focus returns to `opener` when it closes. */
  readonly open: (cohortId: string, opener: HTMLElement | null) => void;
  /** The dialog (a lazy chunk) once a cohort was opened; render it anywhere in the view. */
  readonly dialog: (onChanged: (cohort: CohortDetail) => void) => ReactNode;
}

/** The cohort home dialog of a view; `initialId` (a `?cohortId=` deep link) opens it at once. */
export function useCohortHome(initialId?: string): CohortHomeHandle {
  const [opened, setOpened] = useState<{ id: string; open: boolean } | null>(
    initialId ? { id: initialId, open: true } : null,
  );
  const opener = useRef<HTMLElement | null>(null);

  function close() {
    setOpened((o) => o && { ...o, open: false });
    const target = opener.current;
    requestAnimationFrame(() => target?.isConnected && target.focus());
  }

  return {
    open: (id, from) => {
      opener.current = from;
      setOpened({ id, open: true });
    },
    dialog: (onChanged) =>
      opened && (
        <Suspense fallback={<LoadingState label="Opening the cohort" />}>
          <CohortHomeDialog
            key={opened.id}
            cohortId={opened.id}
            open={opened.open}
            onClose={close}
            onChanged={onChanged}
          />
        </Suspense>
      ),
  };
}
