import { startTransition, useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | { readonly status: 'ready'; readonly data: T };

export interface ResourceHandle<T> {
  readonly resource: Resource<T>;
  readonly reload: () => void;
  readonly update: (change: (data: T) => T) => void;
}

/**
 * Loads data when `key` changes and on `reload()`; results of superseded loads are dropped.
 * `update` changes the loaded data in place (e.g. to add a created item without refetching).
 */
export function useResource<T>(load: () => Promise<T>, key: string): ResourceHandle<T> {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setResource({ status: 'loading' });
    // A transition: if what the data reveals still needs code (a lazy view), the loading state stays.
    const settle = (next: Resource<T>) => current && startTransition(() => setResource(next));
    load().then(
      (data) => settle({ status: 'ready', data }),
      (error: unknown) => settle({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
    // `load` is recreated each render; `key` names what it loads.
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback(
    (change: (data: T) => T) =>
      setResource((r) => (r.status === 'ready' ? { status: 'ready', data: change(r.data) } : r)),
    [],
  );
  return { resource, reload, update };
}
