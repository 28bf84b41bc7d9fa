import { aSession } from '../../test-support/fake-api';
import { sessionsByDay, weekOf } from './calendar-dates';
import { layoutWeek, minutesIntoDay } from './week-layout';

const week = weekOf('2031-03-05', 1); // Monday 3 to Sunday 9 March 2031

function at(id: string, startsAt: string, endsAt: string) {
  return aSession({ id, title: id, startsAt, endsAt });
}

function layout(sessions: ReturnType<typeof at>[], timeZone = 'UTC') {
  return layoutWeek(week, sessionsByDay(sessions, week, timeZone), timeZone);
}

describe('the week time grid layout', () => {
  it('reads start and end on the wall clock of the viewer’s time zone', () => {
    expect(minutesIntoDay('2031-03-04T12:30:00Z', 'UTC')).toBe(750);
    expect(minutesIntoDay('2031-03-04T12:30:00Z', 'America/New_York')).toBe(450); // 7:30 EST
    expect(minutesIntoDay('2031-03-04T12:30:00Z', 'Asia/Kolkata')).toBe(1080); // 18:00 IST

    const lunch = at('lunch', '2031-03-04T12:30:00Z', '2031-03-04T13:30:00Z');
    const inNewYork = layout([lunch], 'America/New_York').days[1]!.placed[0]!;
    expect([inNewYork.start, inNewYork.end]).toEqual([450, 510]);
  });

  it('shows 8:00 to 18:00 unless a session starts earlier or ends later', () => {
    expect(layout([])).toMatchObject({ firstHour: 8, lastHour: 18 });
    const early = at('early', '2031-03-04T06:45:00Z', '2031-03-04T07:15:00Z');
    const late = at('late', '2031-03-06T19:00:00Z', '2031-03-06T20:10:00Z');
    expect(layout([early, late])).toMatchObject({ firstHour: 6, lastHour: 21 });
  });

  it('puts overlapping sessions side by side, and a session after them back at full width', () => {
    const a = at('a', '2031-03-04T09:00:00Z', '2031-03-04T10:30:00Z');
    const b = at('b', '2031-03-04T10:00:00Z', '2031-03-04T11:00:00Z');
    const c = at('c', '2031-03-04T10:45:00Z', '2031-03-04T11:30:00Z'); // overlaps b only: reuses a's lane
    const d = at('d', '2031-03-04T12:00:00Z', '2031-03-04T13:00:00Z');
    const tuesday = layout([d, c, b, a]).days[1]!;
    expect(tuesday.placed.map((p) => [p.session.id, p.lane, p.lanes])).toEqual([
      ['a', 0, 2],
      ['b', 1, 2],
      ['c', 0, 2],
      ['d', 0, 1],
    ]);
  });

  it('gives a short session room for its time and title', () => {
    const quick = at('quick', '2031-03-04T09:00:00Z', '2031-03-04T09:15:00Z');
    const next = at('next', '2031-03-04T09:15:00Z', '2031-03-04T09:45:00Z');
    const tuesday = layout([quick, next]).days[1]!;
    expect(tuesday.placed.map((p) => [p.start, p.end, p.lanes])).toEqual([
      [540, 570, 2],
      [555, 585, 2],
    ]);
  });

  it('cuts a session at midnight and draws the rest on the next day, once as a button', () => {
    const late = at('late', '2031-03-04T22:00:00Z', '2031-03-05T01:30:00Z');
    const result = layout([late]);
    expect(result.firstHour).toBe(0);
    expect(result.lastHour).toBe(24);
    expect(result.days[1]!.placed.map((p) => [p.start, p.end])).toEqual([[1320, 1440]]);
    expect(result.days[2]!.placed).toEqual([]);
    expect(result.days[2]!.continued.map((c) => [c.session.id, c.end])).toEqual([['late', 90]]);
  });
});
