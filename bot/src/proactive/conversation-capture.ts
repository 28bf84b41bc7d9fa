import type { Activity } from 'botbuilder';
import type { ConversationAddress, ConversationRecord, ConversationRepository } from '@peerloop/core';
import { describeFailure } from '../qna/failures.js';

const SCOPES = { personal: 'personal', groupChat: 'groupChat', channel: 'team' } as const;

/**
 * Where PeerLoop can reach this conversation later, from any activity Teams sent into it: null when the
 * activity says too little (no tenant, an unknown conversation type, a personal chat without the person's
 * Entra id). A channel thread's id is reduced to its channel's, the conversation of a team install.
 */
export function conversationRecordOf(activity: Activity, now: Date): ConversationRecord | null {
  const channelData = activity.channelData as { tenant?: { id?: string }; team?: { id?: string } } | undefined;
  const tenantId = activity.conversation?.tenantId ?? channelData?.tenant?.id;
  const type = activity.conversation?.conversationType as keyof typeof SCOPES | undefined;
  if (!tenantId || !type || !(type in SCOPES) || !activity.serviceUrl || !activity.recipient?.id) return null;
  const personal = type === 'personal';
  const userId = activity.from?.aadObjectId;
  if (personal && !userId) return null;
  const conversationId = type === 'channel' ? activity.conversation.id.split(';')[0]! : activity.conversation.id;
  const address: ConversationAddress = {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversationId,
    conversationType: type,
    tenantId,
    botId: activity.recipient.id,
    ...(personal && activity.from?.id ? { userTeamsId: activity.from.id } : {}),
    ...(channelData?.team?.id ? { teamId: channelData.team.id } : {}),
  };
  const at = now.toISOString();
  return {
    tenantId,
    scope: SCOPES[type],
    ...(personal ? { userId } : {}),
    address,
    installedAt: at,
    updatedAt: at,
  };
}

/** PeerLoop was removed from this conversation: an uninstall, or the bot taken out of a chat or team. */
export function isRemoval(activity: Activity): boolean {
  if (activity.type === 'installationUpdate') return activity.action === 'remove';
  if (activity.type === 'conversationUpdate') {
    return activity.membersRemoved?.some((member) => member.id === activity.recipient?.id) ?? false;
  }
  return false;
}

/**
 * Keeps conversation references current from the bot's turns: installs and every later activity refresh them
 * (a new service URL, a re-install clears a stale mark), removals mark them stale. It never fails the turn.
 */
export class ConversationCapture {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly isTenantAllowed: (tenantId: string) => boolean,
    private readonly clock: { now(): Date },
    private readonly log: (line: string) => void,
  ) {}

  async observe(activity: Activity): Promise<void> {
    try {
      const record = conversationRecordOf(activity, this.clock.now());
      if (!record || !this.isTenantAllowed(record.tenantId)) return;
      if (isRemoval(activity)) {
        const target =
          record.scope === 'personal' ? { userId: record.userId! } : { conversationId: record.address.conversationId };
        await this.conversations.markStale(
          record.tenantId,
          target,
          record.address.conversationId,
          'uninstalled',
          this.clock.now(),
        );
        return;
      }
      await this.conversations.remember(record);
    } catch (error) {
      this.log(`conversation reference not recorded (${describeFailure(error)})`);
    }
  }
}
