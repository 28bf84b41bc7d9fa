/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { aSession, FakePeerLoopApi } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { ManageSession } from './manage-session';

function renderManage(api: FakePeerLoopApi, session = api.sessions[0]!) {
  const changed = jest.fn();
  const seriesChanged = jest.fn();
  renderSignedIn(
    <ManageSession
      session={{ ...session, going: [], waitlist: [] }}
      onChanged={changed}
      onSeriesChanged={seriesChanged}
    />,
    api,
  );
  return { changed, seriesChanged };
}

function type(form: HTMLElement, label: string, value: string) {
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });
}

describe('running a session', () => {
  it('turns the live Q&A queue on for a workshop, and says so', async () => {
    const api = new FakePeerLoopApi();
    api.sessions = [aSession({ id: 's-9', kind: 'workshop', details: {} })];
    const { changed } = renderManage(api);
    const toggle = screen.getByRole('switch', { name: 'Live Q&A queue' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    fireEvent.click(toggle);
    expect(await screen.findByText('The Q&A queue is on.')).toBeTruthy();
    expect(api.sessions[0]!.details.qnaEnabled).toBe(true);
    await waitFor(() => expect(changed).toHaveBeenCalled());
  });

  it('edits the rest of a series: only what changed, the new time of day, and says how many changed', async () => {
    const api = new FakePeerLoopApi();
    api.sessions = [aSession({ seriesId: 'weekly', capacity: 10 })];
    api.answerNext('PATCH /api/sessions/s-1', { status: 200, body: { updated: 3 } });
    const { changed, seriesChanged } = renderManage(api);

    fireEvent.click(screen.getByRole('button', { name: 'Edit session' }));
    const form = await screen.findByRole('form', { name: 'Edit session' });
    const scope = within(form).getByLabelText('Apply the changes to') as HTMLSelectElement;
    expect(document.activeElement).toBe(scope);
    expect(scope.value).toBe('occurrence');
    expect((within(form).getByLabelText('Start (Europe/London)') as HTMLInputElement).value).toBe('2031-03-04T12:30');

    fireEvent.change(scope, { target: { value: 'series' } });
    expect(within(form).queryByLabelText('Start (Europe/London)')).toBeNull();
    type(form, 'Title', 'Feedback lunch');
    type(form, 'Start time (Europe/London)', '13:00');
    type(form, 'Location', 'Atrium');
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes saved to 3 sessions.')).toBeTruthy();
    expect(api.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      url: '/api/sessions/s-1',
      body: { scope: 'series', changes: { title: 'Feedback lunch', startTime: '13:00', location: 'Atrium' } },
    });
    expect(screen.queryByRole('form', { name: 'Edit session' })).toBeNull();
    expect(changed).toHaveBeenCalled();
    expect(seriesChanged).toHaveBeenCalled();
  });

  it('shows the API’s refusal on its field and keeps what was typed', async () => {
    const api = new FakePeerLoopApi();
    api.sessions = [aSession({ capacity: 10 })];
    api.answerNext('PATCH /api/sessions/s-1', {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'The change is not valid.',
          fields: [{ path: 'changes.capacity', message: 'must be at least the 2 people already going' }],
        },
      },
    });
    const { changed } = renderManage(api);
    fireEvent.click(screen.getByRole('button', { name: 'Edit session' }));
    const form = await screen.findByRole('form', { name: 'Edit session' });
    expect(within(form).queryByLabelText('Apply the changes to')).toBeNull(); // not in a series: this session only
    expect(document.activeElement).toBe(within(form).getByLabelText('Title'));
    type(form, 'Capacity', '1');
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await within(form).findByText('must be at least the 2 people already going')).toBeTruthy();
    const capacity = within(form).getByLabelText('Capacity') as HTMLInputElement;
    expect(capacity.value).toBe('1');
    expect(capacity.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(capacity);
    expect(api.requests.at(-1)?.body).toEqual({ scope: 'occurrence', changes: { capacity: 1 } });
    expect(changed).not.toHaveBeenCalled();

    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Edit session' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit session' })).toBeTruthy();
  });
});
