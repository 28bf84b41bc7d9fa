/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { FakePeerLoopApi } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import RemindersSection from './reminders-section';
import { aDeliveryReport } from './report-fixture';

const REPORT = 'GET /api/sessions/s-1/deliveries';
const SEND = 'POST /api/sessions/s-1/reminders';
const CLOCK = { locale: 'en-GB', timeZone: 'UTC' } as const;
const upcoming = { id: 's-1', status: 'scheduled', endsAt: new Date(Date.now() + 86_400_000).toISOString() } as const;

function renderSection(
  api: FakePeerLoopApi,
  session: { id: string; status: 'scheduled' | 'cancelled'; endsAt: string } = upcoming,
) {
  renderSignedIn(<RemindersSection session={session} clock={CLOCK} />, api);
  return within(screen.getByRole('region', { name: 'Reminders' }));
}

const reportReads = (api: FakePeerLoopApi) =>
  api.requests.filter((r) => r.method === 'GET' && r.url === '/api/sessions/s-1/deliveries').length;

describe('the reminders of a session, for those who run it', () => {
  it('shows the report as a chart of counts by state, each in words, and a table row per delivery with why', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(REPORT, { status: 200, body: aDeliveryReport() });
    const section = renderSection(api);

    const chart = await section.findByRole('figure', { name: 'Deliveries by state (6 in all)' });
    expect(
      within(chart)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Sent3 of 6', 'Waiting to send1 of 6', 'Failed1 of 6', 'Opted out1 of 6', 'Skipped0 of 6']);
    // The bars are drawn to scale: 3 of 6 sent fills half of its track.
    expect((chart.querySelector('[data-state="sent"]') as HTMLElement).style.width).toBe('50%');
    expect((chart.querySelector('[data-state="skipped"]') as HTMLElement).style.width).toBe('0%');
    expect(
      within(section.getByRole('list', { name: 'Why some were not sent' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Failed: Their chat with PeerLoop is gone (app removed or blocked) (1)',
      'Skipped: Turned reminders off (1)',
    ]);

    const table = section.getByRole('table', { name: 'Deliveries for this session, soonest due first' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Recipient', 'Kind', 'State', 'Reason', 'Time']);
    const row = (name: string) =>
      within(within(table).getByRole('rowheader', { name }).closest('tr')!)
        .getAllByRole('cell')
        .map((td) => td.textContent);
    expect(row('Sam Rivera')).toEqual(['Reminder sent now', 'Sent', '', 'Sent 4 Mar, 12:00']);
    expect(row('Hana Suzuki')).toEqual([
      'Reminder sent now',
      'Failed',
      'Their chat with PeerLoop is gone (app removed or blocked) (404)',
      'Due 4 Mar, 12:00',
    ]);
    expect(row('Grace Hopper')).toEqual(['Reminder sent now', 'Opted out', 'Turned reminders off', 'Due 4 Mar, 12:00']);
    expect(row('Linus Pauling')).toEqual(['Reminder', 'Waiting to send', '', 'Due 4 Mar, 12:15']);
  });

  it('says so when nothing was sent yet, and reads the report again on "Refresh report"', async () => {
    const api = new FakePeerLoopApi();
    const empty = aDeliveryReport({
      totals: { total: 0, pending: 0, sent: 0, failed: 0, skipped: 0, optedOut: 0 },
      failuresByReason: {},
      skippedByReason: {},
      deliveries: [],
    });
    api.answerNext(REPORT, { status: 200, body: empty });
    const section = renderSection(api);
    expect(await section.findByText(/^Nothing has been sent about this session yet\./)).toBeTruthy();
    expect(section.queryByRole('table')).toBeNull();

    api.answerNext(REPORT, { status: 200, body: aDeliveryReport() });
    fireEvent.click(section.getByRole('button', { name: 'Refresh report' }));
    await section.findByRole('table');
    expect(reportReads(api)).toBe(2);
    expect(section.queryByText(/^Nothing has been sent/)).toBeNull();
  });

  it('sends a reminder now with the note, shows progress, then what was queued, and refreshes the report', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(REPORT, {
      status: 200,
      body: aDeliveryReport({ totals: { ...aDeliveryReport().totals, total: 0 }, deliveries: [] }),
    });
    const section = renderSection(api);
    await section.findByText(/^Nothing has been sent/);

    api.answerNext(SEND, {
      status: 202,
      body: {
        recipients: 3,
        created: 3,
        waveId: 'w',
        sent: 1,
        failed: 1,
        skipped: 0,
        report: '/api/sessions/s-1/deliveries',
      },
    });
    api.answerNext(REPORT, { status: 200, body: aDeliveryReport() });
    fireEvent.change(section.getByLabelText('Note (optional)'), { target: { value: '  Bring one question  ' } });
    fireEvent.click(section.getByRole('button', { name: 'Send reminder now' }));

    expect(section.getByText('Sending the reminder…')).toBeTruthy();
    expect(section.getByRole('button', { name: 'Send reminder now' }).getAttribute('aria-disabled')).toBe('true');
    expect(await section.findByText('Reminder queued for 3 people: 1 sent, 1 failed, 1 still to send.')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')).toMatchObject({
      url: '/api/sessions/s-1/reminders',
      body: { note: 'Bring one question' },
    });
    expect((section.getByLabelText('Note (optional)') as HTMLTextAreaElement).value).toBe('');
    await section.findByRole('table');
    expect(reportReads(api)).toBe(2);
  });

  it('sends no note when none was written, and says when another reminder may go out after a refusal', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(REPORT, { status: 200, body: aDeliveryReport() });
    const section = renderSection(api);
    await section.findByRole('table');
    api.answerNext(SEND, {
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message:
            'a reminder for this session was sent at 2031-03-04T12:00:00.000Z; another can be sent from 2031-03-04T12:10:00.000Z',
        },
      },
    });
    fireEvent.click(section.getByRole('button', { name: 'Send reminder now' }));
    const refusal = await section.findByText(
      'A reminder for this session was sent at 4 Mar, 12:00; another can be sent from 4 Mar, 12:10',
    );
    expect(refusal.getAttribute('role')).toBe('alert');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({});
    expect(reportReads(api)).toBe(1);
  });

  it('refuses a note over 500 characters on its field before asking the API', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(REPORT, { status: 200, body: aDeliveryReport() });
    const section = renderSection(api);
    const note = section.getByLabelText('Note (optional)');
    fireEvent.change(note, { target: { value: 'x'.repeat(501) } });
    fireEvent.click(section.getByRole('button', { name: 'Send reminder now' }));
    expect(await section.findByText('The note must be at most 500 characters.')).toBeTruthy();
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('offers no "send now" for a cancelled session but still shows its report', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(REPORT, { status: 200, body: aDeliveryReport() });
    const section = renderSection(api, { ...upcoming, status: 'cancelled' });
    expect(section.getByText('This session was cancelled, so no more reminders are sent.')).toBeTruthy();
    expect(section.queryByRole('button', { name: 'Send reminder now' })).toBeNull();
    await section.findByRole('table');
  });

  it('shows why the report could not be loaded, with a retry', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext(REPORT, {
      status: 403,
      body: {
        error: { code: 'forbidden', message: 'only a facilitator of "Circle" or an owner of its program can do this' },
      },
    });
    const section = renderSection(api);
    expect(await section.findByText('The delivery report could not be loaded.')).toBeTruthy();
    api.answerNext(REPORT, { status: 200, body: aDeliveryReport() });
    fireEvent.click(section.getByRole('button', { name: 'Retry' }));
    await section.findByRole('table');
    expect(section.queryByText('The delivery report could not be loaded.')).toBeNull();
  });
});
