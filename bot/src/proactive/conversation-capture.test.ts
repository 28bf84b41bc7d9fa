import type { Activity } from 'botbuilder';
import { conversationRecordOf, isRemoval } from './conversation-capture.js';

const now = new Date('2026-12-01T10:00:00Z');
const activity = (fields: Partial<Activity> & Record<string, unknown>): Activity =>
  ({
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: { id: '29:sam', name: 'Sam', aadObjectId: 'sam' },
    recipient: { id: '28:bot', name: 'PeerLoop' },
    conversation: { id: 'a:sam', conversationType: 'personal', tenantId: 't' },
    channelData: { tenant: { id: 't' } },
    ...fields,
  }) as Activity;

describe('conversation references from activities', () => {
  it("a personal chat is the person's, with their Teams id for refreshing cards", () => {
    expect(conversationRecordOf(activity({}), now)).toEqual({
      tenantId: 't',
      scope: 'personal',
      userId: 'sam',
      address: {
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversationId: 'a:sam',
        conversationType: 'personal',
        tenantId: 't',
        botId: '28:bot',
        userTeamsId: '29:sam',
      },
      installedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });

  it("a channel thread counts as its team's channel; without a tenant or person nothing is recorded", () => {
    const record = conversationRecordOf(
      activity({
        conversation: { id: '19:abc@thread.tacv2;messageid=123', conversationType: 'channel', tenantId: 't' } as never,
        channelData: { tenant: { id: 't' }, team: { id: '19:abc@thread.tacv2' } },
      }),
      now,
    );
    expect(record).toMatchObject({
      scope: 'team',
      address: { conversationId: '19:abc@thread.tacv2', teamId: '19:abc@thread.tacv2' },
    });
    expect(record?.userId).toBeUndefined();
    expect(
      conversationRecordOf(
        activity({ conversation: { id: 'a', conversationType: 'personal' } as never, channelData: {} }),
        now,
      ),
    ).toBeNull();
    expect(conversationRecordOf(activity({ from: { id: '29:x', name: 'x' } }), now)).toBeNull();
  });

  it('knows an uninstall and the bot being removed from a chat', () => {
    expect(isRemoval(activity({ type: 'installationUpdate', action: 'remove' }))).toBe(true);
    expect(isRemoval(activity({ type: 'installationUpdate', action: 'add' }))).toBe(false);
    expect(isRemoval(activity({ type: 'conversationUpdate', membersRemoved: [{ id: '28:bot', name: '' }] }))).toBe(
      true,
    );
    expect(isRemoval(activity({ type: 'conversationUpdate', membersRemoved: [{ id: '29:other', name: '' }] }))).toBe(
      false,
    );
  });
});
