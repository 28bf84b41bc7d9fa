import { expandRecurrence, type Recurrence } from './recurrence';

const far = new Date('2030-01-01T00:00:00Z');
const expand = (recurrence: Partial<Recurrence>, start: string, zone = 'Europe/London', limit = 12) =>
  expandRecurrence({ frequency: 'weekly', interval: 1, ...recurrence }, start, zone, 60, { limit, horizon: far });

describe('recurrence', () => {
  it('keeps a weekly lunch at 12:00 local across the spring daylight-saving change', () => {
    const dates = expand({ frequency: 'weekly' }, '2027-03-16T12:00', 'Europe/London', 3);
    expect(dates.map((o) => o.startsAt)).toEqual([
      '2027-03-16T12:00:00.000Z', // GMT
      '2027-03-23T12:00:00.000Z',
      '2027-03-30T11:00:00.000Z', // BST after 28 March: still 12:00 on the wall clock
    ]);
    expect(dates[2]!.endsAt).toBe('2027-03-30T12:00:00.000Z');
  });

  it('keeps local time across the autumn change in New York', () => {
    const dates = expand({ frequency: 'weekly' }, '2027-10-29T09:30', 'America/New_York', 2);
    expect(dates.map((o) => o.startsAt)).toEqual(['2027-10-29T13:30:00.000Z', '2027-11-05T13:30:00.000Z']);
  });

  it('repeats every N weeks', () => {
    const dates = expand({ frequency: 'weekly', interval: 2 }, '2027-01-05T12:00', 'UTC', 3);
    expect(dates.map((o) => o.date)).toEqual(['2027-01-05', '2027-01-19', '2027-02-02']);
  });

  it('puts a monthly session on the 31st on the last day of shorter months', () => {
    const dates = expand({ frequency: 'monthly', monthlyBy: 'date' }, '2027-01-31T12:00', 'UTC', 4);
    expect(dates.map((o) => o.date)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
  });

  it('handles the 29th of February in a leap year and the years around it', () => {
    const dates = expand({ frequency: 'monthly', monthlyBy: 'date' }, '2028-01-30T12:00', 'UTC', 3);
    expect(dates.map((o) => o.date)).toEqual(['2028-01-30', '2028-02-29', '2028-03-30']);
  });

  it('repeats monthly on the same weekday (second Tuesday)', () => {
    const dates = expand({ frequency: 'monthly', monthlyBy: 'weekday' }, '2027-01-12T12:00', 'UTC', 3);
    expect(dates.map((o) => o.date)).toEqual(['2027-01-12', '2027-02-09', '2027-03-09']);
  });

  it('treats a fifth weekday as the last one of the month', () => {
    const dates = expand({ frequency: 'monthly', monthlyBy: 'weekday' }, '2027-03-30T12:00', 'UTC', 3);
    expect(dates.map((o) => o.date)).toEqual(['2027-03-30', '2027-04-27', '2027-05-25']);
  });

  it('repeats quarterly', () => {
    const dates = expand({ frequency: 'quarterly' }, '2027-01-15T16:00', 'UTC', 4);
    expect(dates.map((o) => o.date)).toEqual(['2027-01-15', '2027-04-15', '2027-07-15', '2027-10-15']);
  });

  it('stops at until (inclusive), at count, and at the horizon', () => {
    expect(expand({ until: '2027-01-19' }, '2027-01-05T12:00', 'UTC').map((o) => o.date)).toEqual([
      '2027-01-05',
      '2027-01-12',
      '2027-01-19',
    ]);
    expect(expand({ count: 2 }, '2027-01-05T12:00', 'UTC')).toHaveLength(2);
    const horizon = expandRecurrence({ frequency: 'weekly', interval: 1 }, '2027-01-05T12:00', 'UTC', 60, {
      limit: 100,
      horizon: new Date('2027-01-20T00:00:00Z'),
    });
    expect(horizon.map((o) => o.date)).toEqual(['2027-01-05', '2027-01-12', '2027-01-19']);
  });

  it('moves a time that does not exist on the day of the change forward, rather than dropping it', () => {
    const dates = expand({ frequency: 'weekly' }, '2027-03-21T01:30', 'Europe/London', 2);
    expect(dates[1]!.date).toBe('2027-03-28');
    expect(dates[1]!.startsAt).toBe('2027-03-28T01:30:00.000Z'); // 01:30 GMT does not exist; 02:30 BST is 01:30Z
  });
});
