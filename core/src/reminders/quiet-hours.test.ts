import { inQuietHours, localInstant, mondayOf, quietHoursEnd } from './quiet-hours.js';

describe("quiet hours on the recipient's wall clock", () => {
  const night = { start: '22:00', end: '07:00' };
  const lunch = { start: '12:00', end: '13:30' };

  it('wrap midnight or not', () => {
    expect(inQuietHours(night, 'Europe/Berlin', new Date('2026-06-10T21:30:00Z'))).toBe(true); // 23:30 local
    expect(inQuietHours(night, 'Europe/Berlin', new Date('2026-06-10T04:59:00Z'))).toBe(true); // 06:59
    expect(inQuietHours(night, 'Europe/Berlin', new Date('2026-06-10T05:00:00Z'))).toBe(false); // 07:00
    expect(inQuietHours(lunch, 'UTC', new Date('2026-06-10T12:45:00Z'))).toBe(true);
    expect(inQuietHours(lunch, 'UTC', new Date('2026-06-10T13:30:00Z'))).toBe(false);
  });

  it('end at the next local end time, across a daylight-saving change', () => {
    // London springs forward on 29 March 2026: 07:00 that morning is 06:00 UTC, the night before 23:00 GMT.
    expect(quietHoursEnd(night, 'Europe/London', new Date('2026-03-28T23:00:00Z')).toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
    expect(quietHoursEnd(night, 'America/New_York', new Date('2026-06-10T03:00:00Z')).toISOString()).toBe(
      '2026-06-10T11:00:00.000Z',
    );
  });

  it('fall back to UTC for a zone nobody knows', () => {
    expect(inQuietHours(night, 'Mars/Olympus', new Date('2026-06-10T23:00:00Z'))).toBe(true);
  });

  it('name the Monday of a week and a local time on a date', () => {
    expect(mondayOf(new Date('2026-12-06T23:00:00Z'), 'UTC')).toBe('2026-11-30');
    expect(mondayOf(new Date('2026-12-06T23:00:00Z'), 'Asia/Tokyo')).toBe('2026-12-07');
    expect(localInstant('2026-12-07', '08:00', 'Asia/Tokyo').toISOString()).toBe('2026-12-06T23:00:00.000Z');
  });
});
