/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { aCohort, aSession, FakePeerLoopApi } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { SessionsCalendar } from './sessions-calendar';

function renderCalendar(api: FakePeerLoopApi, props: { initialSessionId?: string } = {}) {
  return renderSignedIn(
    <SessionsCalendar cohorts={api.cohorts} programs={api.programs} today="2031-03-03" weekStart={1} {...props} />,
    api,
    'u-grace',
  );
}

function withCohort() {
  const api = new FakePeerLoopApi();
  api.programs = api.programs.map((p) => ({ ...p, canManage: false }));
  api.cohorts = [aCohort({ facilitators: [{ userId: 'u-grace', displayName: 'Grace Hopper' }] })];
  return api;
}

describe('sessions calendar', () => {
  it('shows the month with each session as a button on its day, cancelled ones in words', async () => {
    const api = withCohort();
    api.sessions = [
      aSession({ id: 's-1', title: 'Giving feedback', startsAt: '2031-03-04T12:30:00Z' }),
      aSession({ id: 's-2', title: 'Old habits', status: 'cancelled', startsAt: '2031-03-11T12:30:00Z' }),
    ];
    renderCalendar(api);

    const table = await screen.findByRole('table', { name: 'March 2031' });
    const day = table.querySelector('time[datetime="2031-03-04"]')!.closest('td')!;
    expect(within(day).getByRole('button', { name: /Giving feedback/ })).toBeTruthy();
    expect(within(table).getByRole('button', { name: /Old habits.*Cancelled/ })).toBeTruthy();
    expect(within(table).getAllByRole('columnheader')[0]?.textContent).toBe('Mon');
    expect(api.requests.map((r) => r.url)).toContain(
      '/api/sessions?from=2031-02-23T00%3A00%3A00.000Z&to=2031-04-08T00%3A00%3A00.000Z',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Next month' }));
    expect(await screen.findByRole('table', { name: 'April 2031' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Agenda' }));
    fireEvent.click(screen.getByRole('button', { name: 'Today' }));
    expect(await screen.findByRole('list', { name: 'Sessions in March 2031' })).toBeTruthy();
  });

  it('shows the week as an hourly grid: a heading and a list per day, sessions placed by time, side by side when they overlap', async () => {
    const api = withCohort();
    api.sessions = [
      aSession({
        id: 's-1',
        title: 'Giving feedback',
        startsAt: '2031-03-04T12:30:00Z',
        endsAt: '2031-03-04T13:30:00Z',
      }),
      aSession({
        id: 's-2',
        title: 'Chapter 1',
        kind: 'book-club',
        startsAt: '2031-03-04T13:00:00Z',
        endsAt: '2031-03-04T14:00:00Z',
      }),
      aSession({ id: 's-3', title: 'Friday retro', startsAt: '2031-03-07T09:00:00Z', endsAt: '2031-03-07T10:00:00Z' }),
    ];
    renderCalendar(api);
    await screen.findByRole('table', { name: 'March 2031' });
    fireEvent.click(screen.getByRole('button', { name: 'Week' }));

    const week = await screen.findByRole('group', { name: /^Mar 3\s–\s9, 2031$/ });
    const headings = within(week).getAllByRole('heading', { level: 3 });
    expect(headings.map((h) => h.textContent)).toContain('Mon3Monday, March 3, today');
    expect(headings[0]!.getAttribute('aria-current')).toBe('date');
    expect(within(week).getAllByText('No sessions')).toHaveLength(5);

    const tuesday = within(week).getByRole('list', { name: 'Tuesday, March 4' });
    const [feedback, chapter] = within(tuesday).getAllByRole('button');
    expect(feedback!.textContent).toMatch(/12:30\s–\s1:30\sPM.*Giving feedback.*Learning lunch/);
    expect(chapter!.textContent).toMatch(/Chapter 1/);
    // 8:00 is the top row, at 3rem an hour: 12:30 is 13.5rem down; the two overlap, so each takes half.
    expect(feedback!.closest('li')!.style).toMatchObject({ top: '13.5rem', height: '3rem', left: '0%', width: '50%' });
    expect(chapter!.closest('li')!.style).toMatchObject({ top: '15rem', left: '50%', width: '50%' });

    feedback!.focus();
    fireEvent.keyDown(feedback!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(chapter);
    fireEvent.keyDown(chapter!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(within(week).getByRole('button', { name: /Friday retro/ }));

    fireEvent.click(chapter!);
    expect(await screen.findByRole('dialog', { name: 'Chapter 1' })).toBeTruthy();
  });

  it('lists the week by day instead of a grid when it is narrower than 600 px', async () => {
    const api = withCohort();
    api.sessions = [aSession({ id: 's-1', title: 'Giving feedback', startsAt: '2031-03-04T12:30:00Z' })];
    const width = jest
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockReturnValue({ width: 420, height: 800, top: 0, left: 0, right: 420, bottom: 800, x: 0, y: 0 } as DOMRect);
    try {
      renderCalendar(api);
      await screen.findByRole('table', { name: 'March 2031' });
      fireEvent.click(screen.getByRole('button', { name: 'Week' }));
      const week = await screen.findByRole('group', { name: /^Mar 3\s–\s9, 2031$/ });
      expect(within(week).getByRole('heading', { name: 'Tuesday, March 4' }).textContent).toBe('Tuesday, March 4');
      const item = within(within(week).getByRole('list', { name: 'Tuesday, March 4' })).getByRole('listitem');
      expect(item.style.top).toBe('');
      expect(within(item).getByRole('button', { name: /Giving feedback/ })).toBeTruthy();
    } finally {
      width.mockRestore();
    }
  });

  it('filters by kind', async () => {
    const api = withCohort();
    api.sessions = [
      aSession({ id: 's-1', title: 'Lunch talk', startsAt: '2031-03-04T12:30:00Z' }),
      aSession({ id: 's-2', title: 'Chapter 1', kind: 'book-club', startsAt: '2031-03-05T12:30:00Z' }),
    ];
    renderCalendar(api);
    await screen.findByRole('button', { name: /Lunch talk/ });

    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'book-club' } });
    expect(screen.queryByRole('button', { name: /Lunch talk/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Chapter 1/ })).toBeTruthy();
    expect(screen.getByText('1 session match the filters.')).toBeTruthy();
  });

  it('answers an RSVP through the API and shows the waitlist position when the session is full', async () => {
    const api = withCohort();
    api.sessions = [aSession({ capacity: 1, seatsTaken: 1 })];
    renderCalendar(api, { initialSessionId: 's-1' });

    const dialog = await screen.findByRole('dialog', { name: 'Giving feedback that lands' });
    expect(within(dialog).getByText('1 of 1 taken')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Going' }));

    expect(await within(dialog).findByText(/The session is full\. You are on the waitlist, position 1\./)).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Going' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(dialog).getByRole('button', { name: 'Maybe' }).getAttribute('aria-pressed')).toBe('false');
    expect(within(dialog).getByText('1 waiting')).toBeTruthy();
    expect(api.requests.at(-1)).toMatchObject({
      method: 'PUT',
      url: '/api/sessions/s-1/rsvp',
      body: { response: 'going' },
    });
  });

  it("shows the API's refusal of an early check-in", async () => {
    const api = withCohort();
    api.sessions = [aSession()];
    api.answerNext('POST /api/sessions/s-1/check-in', {
      status: 409,
      body: { error: { code: 'conflict', message: 'check-in opens 15 minutes before the session starts' } },
    });
    renderCalendar(api, { initialSessionId: 's-1' });

    const dialog = await screen.findByRole('dialog');
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Check in' }));
    expect(await within(dialog).findByText('check-in opens 15 minutes before the session starts')).toBeTruthy();
  });
});

describe('schedule session form', () => {
  async function openForm(api: FakePeerLoopApi) {
    renderCalendar(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Schedule session' }));
    return screen.findByRole('dialog', { name: 'Schedule session' });
  }

  function type(dialog: HTMLElement, label: string, value: string) {
    fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
  }

  it('shows field errors from a 400 on their fields, "recurrence.count" on "Ends after", and keeps the input', async () => {
    const api = withCohort();
    api.answerNext('POST /api/sessions', {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'The session is not valid.',
          fields: [
            { path: 'recurrence.count', message: 'must be at most 260' },
            { path: 'title', message: 'must be at least 3 characters' },
          ],
        },
      },
    });
    const dialog = await openForm(api);
    type(dialog, 'Title', 'Lu');
    type(dialog, 'Start', '2031-03-10T12:30');
    type(dialog, 'Repeats', 'weekly');
    type(dialog, 'Ends after (occurrences)', '300');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));

    expect(await within(dialog).findByText('must be at most 260')).toBeTruthy();
    const count = within(dialog).getByLabelText('Ends after (occurrences)') as HTMLInputElement;
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(count.value).toBe('300');
    const title = within(dialog).getByLabelText('Title') as HTMLInputElement;
    expect(title.value).toBe('Lu');
    expect(document.activeElement).toBe(title);
    expect(api.requests.at(-1)?.body).toMatchObject({
      cohortId: 'c-1',
      startLocal: '2031-03-10T12:30',
      recurrence: { frequency: 'weekly', count: 300 },
    });
  });

  it('closes on success and moves the calendar to the first session’s month', async () => {
    const api = withCohort();
    const dialog = await openForm(api);
    type(dialog, 'Title', 'Spring lunch');
    type(dialog, 'Start', '2031-05-06T12:30');
    type(dialog, 'Time zone', 'UTC');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));

    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'May 2031' })).getByRole('button', { name: /Spring lunch/ }),
      ).toBeTruthy(),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText(/Scheduled “Spring lunch”/)).toBeTruthy();
  });

  it('is not offered to someone who runs no cohort', async () => {
    const api = withCohort();
    api.cohorts = [aCohort({ facilitators: [{ userId: 'u-ada', displayName: 'Ada Lovelace' }] })];
    renderCalendar(api);
    await screen.findByRole('table');
    expect(screen.queryByRole('button', { name: 'Schedule session' })).toBeNull();
  });
});
