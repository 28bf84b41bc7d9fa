/** Who is acting: always a person in one tenant, authenticated at the edge (SSO token, bot activity, dev persona). */
export interface Principal {
  readonly tenantId: string;
  /** Entra object id (aadObjectId). */
  readonly userId: string;
  readonly displayName?: string;
}
