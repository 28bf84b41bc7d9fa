import type { Directory, DirectoryManager, DirectoryProfile, UserAssertion } from '@peerloop/core';
import type { GraphHttp } from './graph-http.js';
import type { GraphTokenSource } from './on-behalf-of.js';

/** `GET /me`: the signed-in person's own profile (delegated User.Read). */
export const PROFILE_SCOPES = ['https://graph.microsoft.com/User.Read'] as const;
/** `GET /me/manager` needs delegated User.Read.All (admin consent), so it is asked for on its own. */
export const MANAGER_SCOPES = ['https://graph.microsoft.com/User.Read.All'] as const;

interface GraphUser {
  readonly id?: string;
  readonly displayName?: string | null;
  readonly jobTitle?: string | null;
  readonly department?: string | null;
  readonly mail?: string | null;
  readonly userPrincipalName?: string | null;
}

/** Entra ID through Microsoft Graph, on behalf of the signed-in person. */
export class GraphDirectory implements Directory {
  constructor(
    private readonly tokens: GraphTokenSource,
    private readonly graph: GraphHttp,
  ) {}

  async profileOf(assertion: UserAssertion): Promise<DirectoryProfile> {
    const token = await this.tokens.accessToken(assertion, PROFILE_SCOPES);
    const user = await this.graph.send<GraphUser>(token, {
      method: 'GET',
      path: '/me',
      query: { $select: 'id,displayName,jobTitle,department,mail,userPrincipalName' },
      scopes: PROFILE_SCOPES,
      retryable: true,
    });
    return {
      id: user?.id ?? '',
      ...defined({
        displayName: user?.displayName,
        jobTitle: user?.jobTitle,
        department: user?.department,
        mail: user?.mail,
        userPrincipalName: user?.userPrincipalName,
      }),
    };
  }

  async managerOf(assertion: UserAssertion): Promise<DirectoryManager | null> {
    const token = await this.tokens.accessToken(assertion, MANAGER_SCOPES);
    const manager = await this.graph.send<GraphUser>(token, {
      method: 'GET',
      path: '/me/manager',
      query: { $select: 'id,displayName' },
      scopes: MANAGER_SCOPES,
      retryable: true,
      notFoundAsNull: true,
    });
    if (!manager?.id) return null;
    return { id: manager.id, ...defined({ displayName: manager.displayName }) };
  }
}

/** Graph sends null for an empty attribute; the domain wants it absent. */
function defined<T extends Record<string, string | null | undefined>>(fields: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === 'string')) as {
    [K in keyof T]?: string;
  };
}
