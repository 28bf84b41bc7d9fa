import type { SessionView } from '@peerloop/core';

/**
 * Whether a session has a Q&A queue: on by default for fireside chats, where a host turned it on otherwise
 * (core's qnaEnabled). Its own module, so views decide without loading the Q&A chunk.
 */
export function hasQna(session: Pick<SessionView, 'kind' | 'details'>): boolean {
  return session.details.qnaEnabled ?? session.kind === 'fireside-chat';
}
