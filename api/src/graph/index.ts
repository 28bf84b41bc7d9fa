import type { Directory, MeetingScheduler } from '@peerloop/core';
import { GraphDirectory } from './graph-directory.js';
import { GraphHttp } from './graph-http.js';
import type { GraphConfig } from './graph-config.js';
import { GraphMeetingScheduler } from './graph-meetings.js';
import { OnBehalfOfTokens, type GraphLog } from './on-behalf-of.js';

export { readGraphConfig, type GraphConfig } from './graph-config.js';
export type { GraphLog } from './on-behalf-of.js';

/** The Microsoft Graph implementations of core's directory ports, sharing one on-behalf-of client. */
export interface GraphServices {
  readonly directory: Directory;
  readonly meetings: MeetingScheduler;
  /** Closes the token endpoint's keep-alive connections. */
  close(): void;
}

/** Builds the Graph adapters from validated configuration; null when Graph is not configured. */
export function createGraphServices(config: GraphConfig | null, log: GraphLog): GraphServices | null {
  if (!config) return null;
  const tokens = new OnBehalfOfTokens(config, log);
  const graph = new GraphHttp({
    endpoint: config.endpoint,
    timeoutMs: config.timeoutMs,
    maxAttempts: config.maxAttempts,
    maxRetryAfterSeconds: config.maxRetryAfterSeconds,
    log,
  });
  return {
    directory: new GraphDirectory(tokens, graph),
    meetings: new GraphMeetingScheduler(tokens, graph),
    close: () => tokens.close(),
  };
}
