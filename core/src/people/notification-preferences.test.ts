import { ValidationFailed } from '../shared/errors.js';
import {
  getMyNotificationPreferences,
  updateMyNotificationPreferences,
  type NotificationPreferences,
  type NotificationPreferencesRepository,
} from './notification-preferences.js';

class InMemoryPreferences implements NotificationPreferencesRepository {
  readonly saved = new Map<string, NotificationPreferences>();
  async getPreferences(tenantId: string, userId: string) {
    return this.saved.get(`${tenantId}/${userId}`) ?? null;
  }
  async savePreferences(tenantId: string, userId: string, preferences: NotificationPreferences) {
    this.saved.set(`${tenantId}/${userId}`, preferences);
  }
  async listDigestSubscribers() {
    return [];
  }
}

describe('notification preferences', () => {
  const actor = { tenantId: 't', userId: 'u' };
  const deps = () => ({
    notificationPreferences: new InMemoryPreferences(),
    clock: { now: () => new Date('2026-12-01T10:00:00Z') },
  });

  it('default to everything on, no quiet hours, no digest', async () => {
    expect(await getMyNotificationPreferences(deps(), actor)).toEqual({ optedOut: false, weeklyDigest: false });
  });

  it('change only what is given; null clears the quiet hours', async () => {
    const d = deps();
    await updateMyNotificationPreferences(d, actor, { quietHours: { start: '22:00', end: '07:00' } });
    const next = await updateMyNotificationPreferences(d, actor, { weeklyDigest: true });
    expect(next).toMatchObject({ weeklyDigest: true, quietHours: { start: '22:00', end: '07:00' } });
    const cleared = await updateMyNotificationPreferences(d, actor, { quietHours: null });
    expect(cleared.quietHours).toBeUndefined();
    expect(cleared.weeklyDigest).toBe(true);
  });

  it('refuse bad input, naming the field', async () => {
    await expect(
      updateMyNotificationPreferences(deps(), actor, { quietHours: { start: '22:00', end: '22:00' } }),
    ).rejects.toThrow(ValidationFailed);
    await expect(updateMyNotificationPreferences(deps(), actor, { optedOut: 'no' })).rejects.toMatchObject({
      fields: [{ path: 'optedOut', message: 'must be true or false' }],
    });
    await expect(updateMyNotificationPreferences(deps(), actor, {})).rejects.toThrow('nothing to change');
  });
});
