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
