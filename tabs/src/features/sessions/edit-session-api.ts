import type { ApiClient } from '../../platform/api-client';
import type { EditSessionInput } from './edit-session-form';

/**
 * Edits one occurrence, or this and every later occurrence of its series not edited on its own; rejects with
 * field errors (`changes.title`, ...) when the input is invalid. Answers how many sessions changed.
 */
export function editSession(api: ApiClient, id: string, input: EditSessionInput): Promise<{ updated: number }> {
  return api.patch<{ updated: number }>(`/sessions/${encodeURIComponent(id)}`, input);
}
