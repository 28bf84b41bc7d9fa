import type { ApiClient } from '../../platform/api-client';

/** A person of the tenant, as the facilitator picker shows them. */
export interface PersonItem {
  readonly id: string;
  readonly displayName: string;
  readonly title: string;
  readonly level: string;
  readonly function: string;
}

/** The people of the user's tenant. */
export async function listPeople(api: ApiClient): Promise<PersonItem[]> {
  const { items } = await api.get<{ items: PersonItem[] }>('/people');
  return items;
}

/** The signed-in user as the API sees them. */
export interface Me {
  readonly userId: string;
  readonly displayName: string;
}

/** Who the signed-in user is. */
export function getMe(api: ApiClient): Promise<Me> {
  return api.get<Me>('/me');
}
