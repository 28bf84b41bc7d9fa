import type { DeliveryReport } from '@peerloop/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../platform/api-context';
import { getDeliveryReport } from './reminders-api';

export interface DeliveryReportHandle {
  /** The last report read; kept on screen while a refresh is under way. */
  readonly report: DeliveryReport | null;
  /** Why the last read failed, or null. */
  readonly error: unknown;
  readonly refreshing: boolean;
  readonly refresh: () => Promise<void>;
}

/**
 * A session's delivery report, read on mount and on `refresh()`. Unlike useResource it keeps the last report
 * while reading again, so the table and the focused Refresh button stay where they are.
 */
export function useDeliveryReport(sessionId: string): DeliveryReportHandle {
  const api = useApi();
  const [report, setReport] = useState<DeliveryReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refreshing, setRefreshing] = useState(true);
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const attempt = ++latest.current;
    setRefreshing(true);
    try {
      const next = await getDeliveryReport(api, sessionId);
      if (attempt !== latest.current) return;
      setReport(next);
      setError(null);
    } catch (failure) {
      if (attempt === latest.current) setError(failure);
    } finally {
      if (attempt === latest.current) setRefreshing(false);
    }
  }, [api, sessionId]);

  useEffect(() => {
    void refresh();
    // A later read of an unmounted section is dropped.
    return () => {
      latest.current += 1;
    };
  }, [refresh]);

  return { report, error, refreshing, refresh };
}
