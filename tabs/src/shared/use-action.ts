import { useState } from 'react';
import { describeError } from '../platform/api-client';

export interface ActionHandle {
  readonly busy: boolean;
  /** What the last action achieved, for a polite live region. */
  readonly announcement: string;
  /** Why the last action failed, for an alert. */
  readonly failure: string;
  /** Runs one action at a time; its result is announced, its error described. */
  readonly run: (action: () => Promise<string>, onError?: (error: unknown) => boolean) => Promise<void>;
}

/**
 * One user action at a time (a button press that calls the API), with its outcome announced. `onError`
 * may claim an error (return true) to show it its own way, e.g. a reporting-line warning.
 */
export function useAction(): ActionHandle {
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState('');

  async function run(action: () => Promise<string>, onError?: (error: unknown) => boolean) {
    if (busy) return;
    setBusy(true);
    setFailure('');
    setAnnouncement('');
    try {
      setAnnouncement(await action());
    } catch (error) {
      if (!onError?.(error)) setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }
  return { busy, announcement, failure, run };
}
