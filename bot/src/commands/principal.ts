import type { Activity } from 'botbuilder';
import type { Principal } from '@peerloop/core';

/** Why an activity cannot act for anyone in PeerLoop. */
export type PrincipalRefusal = 'no-tenant' | 'no-user' | 'tenant-not-allowed';

/**
 * The person behind an activity: Teams puts the tenant on the conversation (and in channelData) and the
 * Entra object id on `from`. The activity itself was authenticated by the adapter.
 */
export function principalOf(
  activity: Activity,
  isTenantAllowed: (tenantId: string) => boolean,
): Principal | PrincipalRefusal {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const tenantId = activity.conversation?.tenantId ?? channelData?.tenant?.id;
  if (!tenantId) return 'no-tenant';
  if (!isTenantAllowed(tenantId)) return 'tenant-not-allowed';
  const userId = activity.from?.aadObjectId;
  if (!userId) return 'no-user';
  return { tenantId, userId, displayName: activity.from.name };
}

export const REFUSAL_MESSAGES: Record<PrincipalRefusal, string> = {
  'no-tenant': 'PeerLoop works inside a Microsoft Teams organisation; this conversation has none.',
  'no-user': 'PeerLoop could not tell who you are in your organisation.',
  'tenant-not-allowed': 'PeerLoop is not enabled for your organisation.',
};
