import { aSession } from '../../test-support/fake-api';
import {
  daysShown,
  fetchRange,
  monthWeeks,
  sessionsByDay,
  shiftAnchor,
  viewTitle,
  weekOf,
  weekStartOf,
} from './calendar-dates';

describe('calendar dates', () => {
  it('places a session late on the last day of a month on that day in a western time zone', () => {
    // 23:30 on 31 January in Los Angeles is already 1 February in UTC.
    const late = aSession({ id: 'late', startsAt: '2031-02-01T07:30:00.000Z', endsAt: '2031-02-01T08:30:00.000Z' });
    const january = daysShown('month', '2031-01-15', 1);

    const inLosAngeles = sessionsByDay([late], january, 'America/Los_Angeles');
    expect(inLosAngeles.get('2031-01-31')?.map((s) => s.id)).toEqual(['late']);
    expect(inLosAngeles.get('2031-02-01')).toEqual([]);
    expect(
      sessionsByDay([late], january, 'UTC')
        .get('2031-02-01')
        ?.map((s) => s.id),
    ).toEqual(['late']);

    const { from, to } = fetchRange(january);
    expect(Date.parse(from)).toBeLessThanOrEqual(Date.parse('2030-12-29T00:00:00Z'));
    expect(Date.parse(to)).toBeGreaterThan(Date.parse(late.startsAt));
  });

  it('lays a month out in whole weeks starting on the locale’s first weekday', () => {
    const mondays = monthWeeks('2031-01-15', 1);
    expect(mondays[0]?.[0]).toBe('2030-12-30');
    expect(mondays.at(-1)?.at(-1)).toBe('2031-02-02');
    expect(mondays.every((week) => week.length === 7)).toBe(true);

    const sundays = monthWeeks('2031-01-15', 7);
    expect(sundays[0]?.[0]).toBe('2030-12-29');
    expect(weekStartOf('en-GB')).toBe(1);
    expect(weekStartOf('en-US')).toBe(7);
  });

  it('keeps each day’s sessions soonest first and drops those outside the shown days', () => {
    const days = weekOf('2031-03-05', 1);
    const byDay = sessionsByDay(
      [
        aSession({ id: 'b', startsAt: '2031-03-04T15:00:00Z' }),
        aSession({ id: 'a', startsAt: '2031-03-04T09:00:00Z' }),
        aSession({ id: 'later', startsAt: '2031-03-20T09:00:00Z' }),
      ],
      days,
      'UTC',
    );
    expect(byDay.get('2031-03-04')?.map((s) => s.id)).toEqual(['a', 'b']);
    expect([...byDay.values()].flat()).toHaveLength(2);
  });

  it('moves by a month or a week and names what is shown', () => {
    expect(shiftAnchor('month', '2031-01-31', 1)).toBe('2031-02-01');
    expect(shiftAnchor('agenda', '2031-01-31', -1)).toBe('2030-12-01');
    expect(shiftAnchor('week', '2031-01-31', 1)).toBe('2031-02-07');
    expect(viewTitle('month', daysShown('month', '2031-01-15', 1), 'en-US')).toBe('January 2031');
    expect(viewTitle('week', weekOf('2031-01-15', 1), 'en-US')).toMatch(/^Jan 13\s–\s19, 2031$/);
  });
});
