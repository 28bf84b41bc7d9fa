import type { ApiClient } from '../../platform/api-client';

/** A program as GET /api/programs lists it for the signed-in user. */
export interface ProgramItem {
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
  /** The user owns the program and may form cohorts in it. */
  readonly canManage: boolean;
}

/** The programs of the user's tenant. */
export async function listPrograms(api: ApiClient): Promise<ProgramItem[]> {
  const { items } = await api.get<{ items: ProgramItem[] }>('/programs');
  return items;
}
