import type { LocalStack } from '../../api/src/local/stack';
import { api, startTestStack } from '../support/stack';

/** A clock the test moves, injected into the running API. */
class TestClock {
  constructor(private current: Date) {}
  now = () => new Date(this.current);
  set(iso: string) {
    this.current = new Date(iso);
  }
}

const FACILITATOR = 'dev:fatima-okafor'; // facilitates New Admins Circle
const MEMBER = 'dev:sam-rivera';
const OUTSIDER = 'dev:diego-alvarez'; // not in New Admins Circle

const lunch = (overrides: Record<string, unknown> = {}) => ({
  cohortId: 'new-admins-circle',
  kind: 'learning-lunch',
  title: 'Lunch: incident reviews without blame',
  startLocal: '2027-01-12T12:00',
  timeZone: 'Europe/London',
  durationMinutes: 60,
  presenterIds: ['jordan-patel'],
  capacity: 10,
  details: { catering: 'catered' },
  ...overrides,
});

describe('the sessions calendar through the API', () => {
  let stack: LocalStack;
  const clock = new TestClock(new Date('2027-01-04T09:00:00.000Z'));

  beforeAll(async () => {
    stack = await startTestStack({ overrides: { clock } });
  });
  afterAll(() => stack.close());
  afterEach(() => clock.set('2027-01-04T09:00:00.000Z'));

  const schedule = async (body: Record<string, unknown>, token = FACILITATOR) =>
    api(stack, '/api/sessions', { method: 'POST', token, body });
  const rsvp = (id: string, token: string, response: string) =>
    api(stack, `/api/sessions/${id}/rsvp`, { method: 'PUT', token, body: { response } });

  it('lets a facilitator schedule a learning lunch, and shows it on the cohort calendar', async () => {
    const created = await schedule(lunch());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      created: 1,
      seriesId: null,
      first: {
        title: 'Lunch: incident reviews without blame',
        startsAt: '2027-01-12T12:00:00.000Z',
        capacity: 10,
        seatsTaken: 0,
        canManage: true,
      },
    });
    expect(created.body.first.presenters).toEqual([{ userId: 'jordan-patel', displayName: 'Jordan Patel' }]);

    const month = await api(
      stack,
      '/api/sessions?cohortId=new-admins-circle&from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z',
      { token: MEMBER },
    );
    expect(month.status).toBe(200);
    expect(month.body.items.map((s: { id: string }) => s.id)).toContain(created.body.first.id);
    expect(month.body.items.every((s: { canManage: boolean }) => s.canManage === false)).toBe(true);
  });

  it("loads a cohort's month in two store round trips, and tells its facilitator they run the sessions", async () => {
    const { body } = await schedule(lunch({ title: 'Round-trip lunch' }));
    const month = (token: string) =>
      api(stack, '/api/sessions?cohortId=new-admins-circle&from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z', {
        token,
      });
    await month(MEMBER); // warm: the SDK's first request per container fetches metadata
    const before = stack.store!.requestCount();
    const asMember = await month(MEMBER);
    expect(stack.store!.requestCount() - before).toBeLessThanOrEqual(2);
    expect(asMember.body.items.find((s: { id: string }) => s.id === body.first.id).canManage).toBe(false);

    const asFacilitator = await month(FACILITATOR);
    expect(asFacilitator.body.items.find((s: { id: string }) => s.id === body.first.id).canManage).toBe(true);
    // A program owner is told by the session itself (the month does not read the program).
    expect((await api(stack, `/api/sessions/${body.first.id}`, { token: 'dev:avery-chen' })).body.canManage).toBe(true);
  });

  it('ends a weekly series on its "until" date, and closes each occurrence\'s RSVPs before its own start', async () => {
    const created = await schedule(
      lunch({
        title: 'Until lunch',
        rsvpClosesMinutesBefore: 60,
        recurrence: { frequency: 'weekly', until: '2027-01-26' },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.created).toBe(3);
    const range = await api(
      stack,
      '/api/sessions?cohortId=new-admins-circle&from=2027-01-10T00:00:00Z&to=2027-03-01T00:00:00Z',
      { token: MEMBER },
    );
    const series = range.body.items.filter((s: { seriesId?: string }) => s.seriesId === created.body.seriesId);
    expect(series.map((s: { startsAt: string; rsvpClosesAt: string }) => [s.startsAt, s.rsvpClosesAt])).toEqual([
      ['2027-01-12T12:00:00.000Z', '2027-01-12T11:00:00.000Z'],
      ['2027-01-19T12:00:00.000Z', '2027-01-19T11:00:00.000Z'],
      ['2027-01-26T12:00:00.000Z', '2027-01-26T11:00:00.000Z'],
    ]);
  });

  it('refuses scheduling by someone who does not run the cohort, and stores nothing', async () => {
    const response = await schedule(lunch({ title: 'Not allowed' }), MEMBER);
    expect(response.status).toBe(403);
    const month = await api(stack, '/api/sessions?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z', {
      token: MEMBER,
    });
    expect(month.body.items.map((s: { title: string }) => s.title)).not.toContain('Not allowed');
  });

  it('lays out a monthly series on the second Tuesday, at noon local time across the clock change', async () => {
    const created = await schedule(
      lunch({ title: 'Monthly lunch', recurrence: { frequency: 'monthly', monthlyBy: 'weekday', count: 4 } }),
    );
    expect(created.status).toBe(201);
    expect(created.body.created).toBe(4);
    const range = await api(
      stack,
      `/api/sessions?cohortId=new-admins-circle&from=2027-01-10T00:00:00Z&to=2027-04-20T00:00:00Z`,
      { token: MEMBER },
    );
    const series = range.body.items.filter((s: { seriesId: string }) => s.seriesId === created.body.seriesId);
    expect(series.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2027-01-12T12:00:00.000Z',
      '2027-02-09T12:00:00.000Z',
      '2027-03-09T12:00:00.000Z',
      '2027-04-13T11:00:00.000Z', // British Summer Time: still 12:00 in London
    ]);
  });

  it('never overbooks: fifty people answering "going" at once for ten seats', async () => {
    const { body } = await schedule(lunch({ title: 'Popular lunch', capacity: 10 }));
    const id = body.first.id;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => rsvp(id, `dev:person-${String(i).padStart(2, '0')}`, 'going')),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    const statuses = answers.map((a) => a.body.status);
    expect(statuses.filter((s) => s === 'going')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(40);

    const session = await api(stack, `/api/sessions/${id}`, { token: FACILITATOR });
    expect(session.body.seatsTaken).toBe(10);
    expect(session.body.going).toHaveLength(10);
    expect(session.body.waitlist).toHaveLength(40);
    expect(new Set(session.body.waitlist).size).toBe(40);

    // A seat given up goes to the first person waiting.
    const leaver = session.body.going[0];
    const freed = await rsvp(id, `dev:${leaver}`, 'declined');
    expect(freed.body.promoted).toEqual([session.body.waitlist[0]]);
    const after = await api(stack, `/api/sessions/${id}`, { token: FACILITATOR });
    expect(after.body.seatsTaken).toBe(10);
    expect(after.body.going).toContain(session.body.waitlist[0]);
  });

  it('keeps a members-only session to its cohort', async () => {
    const { body } = await schedule(lunch({ kind: 'reflection', title: 'Reflection', capacity: undefined }));
    const refused = await rsvp(body.first.id, OUTSIDER, 'going');
    expect(refused.status).toBe(403);
    expect((await rsvp(body.first.id, MEMBER, 'maybe')).body.status).toBe('maybe');
  });

  it('opens check-in 15 minutes before the start and lets the facilitator correct attendance', async () => {
    const { body } = await schedule(lunch({ title: 'Check-in lunch' }));
    const id = body.first.id;
    const early = await api(stack, `/api/sessions/${id}/check-in`, { method: 'POST', token: MEMBER });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/opens 15 minutes before/);

    clock.set('2027-01-12T11:50:00.000Z');
    const onTime = await api(stack, `/api/sessions/${id}/check-in`, { method: 'POST', token: MEMBER });
    expect(onTime.status).toBe(200);
    expect((await api(stack, `/api/sessions/${id}`, { token: MEMBER })).body.checkedIn).toBe(true);

    const correction = await api(stack, `/api/sessions/${id}/attendance`, {
      method: 'PUT',
      token: FACILITATOR,
      body: { userId: 'lee-kim', present: true },
    });
    expect(correction.status).toBe(200);
    const byMember = await api(stack, `/api/sessions/${id}/attendance`, {
      method: 'PUT',
      token: MEMBER,
      body: { userId: 'lee-kim', present: false },
    });
    expect(byMember.status).toBe(403);
  });

  it('closes RSVPs at the set time', async () => {
    const { body } = await schedule(lunch({ title: 'Closing lunch', rsvpClosesMinutesBefore: 24 * 60 }));
    clock.set('2027-01-11T12:30:00.000Z');
    const late = await rsvp(body.first.id, MEMBER, 'going');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/closed at 2027-01-11T12:00:00.000Z/);
  });

  it("cancels the rest of a series, which then no longer counts as anyone's next session", async () => {
    const { body } = await schedule(
      lunch({ title: 'Weekly standup lunch', recurrence: { frequency: 'weekly', count: 3 } }),
    );
    const cancelled = await api(stack, `/api/sessions/${body.first.id}/cancel`, {
      method: 'POST',
      token: FACILITATOR,
      body: { scope: 'series' },
    });
    expect(cancelled.body).toEqual({ cancelled: 3 });
    const answer = await rsvp(body.first.id, MEMBER, 'going');
    expect(answer.status).toBe(409);
  });

  it('downloads a session as an iCalendar file Outlook can import', async () => {
    const { body } = await schedule(
      lunch({ title: 'ICS lunch', meetingUrl: 'https://teams.microsoft.com/l/meetup-join/abc' }),
    );
    const response = await fetch(`${stack.host.url}/api/sessions/${body.first.id}/ics`, {
      headers: { authorization: `Bearer ${MEMBER}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await response.text();
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain(`UID:${body.first.id}@peerloop`);
    expect(text).toContain('DTSTART:20270112T120000Z');
    expect(text).toContain('SUMMARY:ICS lunch');
  });

  it('edits one occurrence on its own, then the rest of the series without overwriting it', async () => {
    const { body } = await schedule(lunch({ title: 'Editable series', recurrence: { frequency: 'weekly', count: 4 } }));
    const ids = ['2027-01-12', '2027-01-19', '2027-01-26', '2027-02-02'].map((date) => `${body.seriesId}-${date}`);
    const edit = (id: string, scope: string, changes: Record<string, unknown>) =>
      api(stack, `/api/sessions/${id}`, { method: 'PATCH', token: FACILITATOR, body: { scope, changes } });

    expect(
      (await edit(ids[2]!, 'occurrence', { title: 'Special guest week', startLocal: '2027-01-27T15:00' })).body,
    ).toEqual({ updated: 1 });
    const series = await edit(ids[1]!, 'series', { startTime: '12:30', location: 'Atrium' });
    expect(series.body).toEqual({ updated: 2 }); // the 2nd and the 4th: the 3rd was edited on its own

    const get = async (id: string) => (await api(stack, `/api/sessions/${id}`, { token: MEMBER })).body;
    expect((await get(ids[0]!)).startsAt).toBe('2027-01-12T12:00:00.000Z'); // earlier than the edited one: untouched
    expect(await get(ids[1]!)).toMatchObject({ startsAt: '2027-01-19T12:30:00.000Z', location: 'Atrium' });
    expect(await get(ids[2]!)).toMatchObject({ title: 'Special guest week', startsAt: '2027-01-27T15:00:00.000Z' });
    expect(await get(ids[3]!)).toMatchObject({ title: 'Editable series', startsAt: '2027-02-02T12:30:00.000Z' });

    // Presenters change for the rest of the series; an unknown person is named by its place in the list.
    expect((await edit(ids[1]!, 'series', { presenterIds: ['priya-nair', 'lee-kim'] })).body).toEqual({ updated: 2 });
    expect((await get(ids[3]!)).presenters).toEqual([
      { userId: 'priya-nair', displayName: 'Priya Nair' },
      { userId: 'lee-kim', displayName: 'Lee Kim' },
    ]);
    const unknown = await edit(ids[3]!, 'occurrence', { presenterIds: ['lee-kim', 'nobody'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('changes.presenterIds.1');
    expect((await get(ids[3]!)).presenters).toHaveLength(2);

    await rsvp(ids[3]!, MEMBER, 'going');
    await rsvp(ids[3]!, 'dev:lee-kim', 'going');
    const tooSmall = await edit(ids[3]!, 'occurrence', { capacity: 1 });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.error.fields[0]).toEqual({
      path: 'changes.capacity',
      message: 'must be at least the 2 people already going',
    });
    expect(
      (
        await api(stack, `/api/sessions/${ids[3]}`, {
          method: 'PATCH',
          token: MEMBER,
          body: { changes: { title: 'Mine now' } },
        })
      ).status,
    ).toBe(403);
  });

  it('binds a Teams meeting to a session so its side panel finds it, and moves the binding when rebound', async () => {
    const first = (await schedule(lunch({ title: 'Meeting one' }))).body.first.id;
    const second = (await schedule(lunch({ title: 'Meeting two' }))).body.first.id;
    const chatId = '19:meeting_NjQ5ZGI1@thread.v2';
    const bind = (id: string, token = FACILITATOR) =>
      api(stack, `/api/sessions/${id}/meeting`, { method: 'PUT', token, body: { chatId } });
    expect((await bind(first)).status).toBe(200);
    const panel = await api(stack, `/api/meetings/${encodeURIComponent(chatId)}/session`, { token: MEMBER });
    expect(panel.body).toMatchObject({ id: first, title: 'Meeting one' });

    await bind(second);
    expect((await api(stack, `/api/meetings/${encodeURIComponent(chatId)}/session`, { token: MEMBER })).body.id).toBe(
      second,
    );
    expect((await bind(first, MEMBER)).status).toBe(403);
    expect(
      (await api(stack, `/api/meetings/${encodeURIComponent('19:other@thread.v2')}/session`, { token: MEMBER })).status,
    ).toBe(404);
  });

  it("publishes a cohort's sessions as a signed feed Outlook can subscribe to, and nothing without the signature", async () => {
    await schedule(lunch({ title: 'Feed lunch' }));
    const feed = await api(stack, '/api/cohorts/new-admins-circle/calendar-feed', { token: MEMBER });
    expect(feed.status).toBe(200);
    expect(feed.body.webcalUrl).toMatch(/^webcal:/);
    const subscribed = await fetch(feed.body.url);
    expect(subscribed.status).toBe(200);
    const text = await subscribed.text();
    expect(text).toContain('SUMMARY:Feed lunch');
    expect(text).toContain('X-WR-CALNAME:New Admins Circle (PeerLoop)');

    const forged = new URL(feed.body.url);
    forged.pathname = forged.pathname.replace('new-admins-circle', 'senior-admins-roundtable');
    expect((await fetch(forged)).status).toBe(404);
    const unsigned = new URL(feed.body.url);
    unsigned.searchParams.delete('token');
    expect((await fetch(unsigned)).status).toBe(404);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a malformed start', { startLocal: '12/01/2027 noon' }, 'startLocal'],
    ['a start in the past', { startLocal: '2026-12-01T12:00' }, 'startLocal'],
    ['a too-short session', { durationMinutes: 5 }, 'durationMinutes'],
    ['a plain-http meeting link', { meetingUrl: 'http://example.com/meet' }, 'meetingUrl'],
    ['an unknown presenter', { presenterIds: ['nobody'] }, 'presenterIds.0'],
    ['an unknown recurrence field', { recurrence: { frequency: 'weekly', every: 2 } }, 'recurrence'],
    ['a series ending before it starts', { recurrence: { frequency: 'weekly', until: '2026-01-01' } }, 'recurrence'],
  ])('answers %s with 400 naming the field', async (_case, overrides, field) => {
    const response = await schedule(lunch({ title: `Bad ${field}`, ...overrides }));
    expect(response.status).toBe(400);
    expect(response.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('answers an unknown cohort with 404 and an over-long range with 400', async () => {
    expect((await schedule(lunch({ cohortId: 'nope' }))).status).toBe(404);
    const wide = await api(stack, '/api/sessions?from=2027-01-01T00:00:00Z&to=2027-12-01T00:00:00Z', { token: MEMBER });
    expect(wide.status).toBe(400);
    expect(wide.body.error.fields[0].path).toBe('to');
  });
});
