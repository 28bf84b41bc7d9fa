import { DeliveryIds, idPart, startStamp } from './ids.js';

describe('delivery ids', () => {
  it('say what, which occurrence and to whom, the same every time', () => {
    const id = DeliveryIds.reminder('series-1-2026-12-01', '2026-12-01T12:00:00.000Z', 1440, 'user-1');
    expect(id).toBe('reminder.series-1-2026-12-01.20261201T1200Z.1440m.user-1');
    expect(DeliveryIds.reminder('series-1-2026-12-01', '2026-12-01T12:00:00Z', 1440, 'user-1')).toBe(id);
    expect(DeliveryIds.snooze(id)).toBe(`${id}.snoozed`);
  });

  it('never contain characters Cosmos DB refuses in ids, and escaping keeps different inputs apart', () => {
    const id = DeliveryIds.notice('s/1', 'waitlist-promoted:u#1:2026-12-01T10:00:00.000Z', 'a?b\\c');
    expect(id).not.toMatch(/[/\\?#]/);
    expect(idPart('a/b')).not.toBe(idPart('a%2fb'));
    expect(idPart('100%')).toBe('100%25');
  });

  it('give a moved session new reminder ids', () => {
    expect(startStamp('2026-12-01T12:00:00.000Z')).not.toBe(startStamp('2026-12-01T12:30:00.000Z'));
  });
});
