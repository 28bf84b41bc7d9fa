/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import '../../test-support/jsdom-gaps';
import { aCohortDetail, aQuestion, aQueue, FakePeerLoopApi } from '../../test-support/fake-api';
import { renderSignedIn } from '../../test-support/render';
import { QnaSection } from './qna-section';

function show(api: FakePeerLoopApi, userId = 'u-linus', source: 'panel' | 'tab' = 'panel') {
  return renderSignedIn(
    <QnaSection sessionId="s-1" cohortId="c-1" source={source} tuning={{ pollMs: 60_000 }} />,
    api,
    userId,
  );
}

const queue = () => screen.findByRole('list', { name: 'Question queue' });
const item = (list: HTMLElement, text: string) => within(within(list).getByText(text).closest('li') as HTMLElement);

describe('Q&A queue', () => {
  it('lists questions in queue order with who asked, votes and "Now answering", as plain text', async () => {
    const api = new FakePeerLoopApi();
    api.queues.set(
      's-1',
      aQueue({
        nowAnswering: 'q-pinned',
        questions: [
          aQuestion({ id: 'q-pinned', text: 'Pinned one', askedBy: 'Grace Hopper', votes: 0 }),
          aQuestion({ id: 'q-anon', text: '<b>Who</b> decides?', anonymous: true, askedBy: null, votes: 3 }),
          aQuestion({ id: 'q-low', text: 'Fewer votes', votes: 1 }),
        ],
      }),
    );
    show(api);

    const list = await queue();
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('p')?.textContent)).toEqual([
      'Pinned one',
      '<b>Who</b> decides?',
      'Fewer votes',
    ]);
    expect(item(list, 'Pinned one').getByText('Now answering')).toBeTruthy();
    expect(item(list, '<b>Who</b> decides?').getByText('Anonymous · 3 votes')).toBeTruthy();
    expect(item(list, 'Fewer votes').getByText('Grace Hopper · 1 vote')).toBeTruthy();
    expect(list.querySelector('b')).toBeNull();
  });

  it('toggles a vote with an accessible pressed button and shows the new count', async () => {
    const api = new FakePeerLoopApi();
    api.queues.set('s-1', aQueue({ questions: [aQuestion({ id: 'q-1', text: 'Worth a vote', votes: 2 })] }));
    show(api);

    const card = item(await queue(), 'Worth a vote');
    const vote = card.getByRole('button', { name: 'Vote' });
    expect(vote.getAttribute('aria-pressed')).toBe('false');
    expect(vote.getAttribute('aria-describedby')).toBe(card.getByText('Worth a vote').id);

    fireEvent.click(vote);
    await waitFor(() => expect(card.getByRole('button', { name: 'Vote' }).getAttribute('aria-pressed')).toBe('true'));
    expect(card.getByText('Grace Hopper · 3 votes')).toBeTruthy();
    expect(await screen.findByText('Vote added.')).toBeTruthy();
    expect(api.requests.at(-1)).toMatchObject({ method: 'PUT', url: '/api/sessions/s-1/questions/q-1/vote' });

    fireEvent.click(card.getByRole('button', { name: 'Vote' }));
    await waitFor(() => expect(card.getByText('Grace Hopper · 2 votes')).toBeTruthy());
    expect(api.requests.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/sessions/s-1/questions/q-1/vote' });
  });

  it("lets the asker edit and withdraw their own question while it waits, and shows no host's controls", async () => {
    const api = new FakePeerLoopApi();
    api.queues.set(
      's-1',
      aQueue({
        questions: [
          aQuestion({ id: 'q-1', text: 'Mine', anonymous: true, askedBy: null, mine: true, canEdit: true }),
          aQuestion({ id: 'q-2', text: 'Theirs' }),
        ],
      }),
    );
    show(api);

    const list = await queue();
    expect(item(list, 'Theirs').queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Pin' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Next question' })).toBeNull();
    expect(screen.queryByRole('switch')).toBeNull();

    const mine = item(list, 'Mine');
    expect(mine.getByText('Your question, asked anonymously')).toBeTruthy();
    fireEvent.click(mine.getByRole('button', { name: 'Edit' }));
    fireEvent.change(mine.getByLabelText('Your question'), { target: { value: 'Mine, reworded' } });
    fireEvent.click(mine.getByRole('button', { name: 'Save' }));
    expect(await within(list).findByText('Mine, reworded', { selector: 'p' })).toBeTruthy();
    expect(api.requests.at(-1)).toMatchObject({ method: 'PATCH', body: { text: 'Mine, reworded' } });

    const reworded = item(list, 'Mine, reworded');
    fireEvent.click(reworded.getByRole('button', { name: 'Withdraw' }));
    fireEvent.click(within(reworded.getByRole('group')).getByRole('button', { name: 'Withdraw' }));
    expect(await screen.findByText('Question withdrawn.')).toBeTruthy();
    await waitFor(() => expect(within(list).queryByText('Mine, reworded')).toBeNull());
    expect(api.requests.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/sessions/s-1/questions/q-1' });
  });

  it('asks anonymously with a live character count, and says what is wrong by the field', async () => {
    const api = new FakePeerLoopApi();
    api.queues.set('s-1', aQueue());
    show(api);

    const form = within(await screen.findByRole('form', { name: 'Ask a question' }));
    expect(form.getByText('Facilitators won’t see who asked, and nor will anyone else.')).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Ask' }));
    expect(await form.findByText('Write your question first.')).toBeTruthy();

    const field = form.getByLabelText('Your question');
    fireEvent.change(field, { target: { value: 'x'.repeat(501) } });
    expect(form.getByText('501 of 500 characters')).toBeTruthy();
    expect(form.getByText('Keep your question to 500 characters (it has 501).')).toBeTruthy();

    fireEvent.change(field, { target: { value: '  What would you do differently?  ' } });
    expect(form.getByText('30 of 500 characters')).toBeTruthy();
    fireEvent.click(form.getByLabelText('Ask anonymously'));
    fireEvent.click(form.getByRole('button', { name: 'Ask' }));

    expect(await form.findByText('Your question is in the queue.')).toBeTruthy();
    const card = item(await queue(), 'What would you do differently?');
    expect(card.getByText('Anonymous · 0 votes')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      text: 'What would you do differently?',
      anonymous: true,
      source: 'panel',
    });
    expect((field as HTMLTextAreaElement).value).toBe('');
  });

  it('shows the rate limit by the field, with when to try again', async () => {
    const api = new FakePeerLoopApi();
    api.queues.set('s-1', aQueue());
    api.answerNext('POST /api/sessions/s-1/questions', {
      status: 429,
      headers: { 'Retry-After': '120' },
      body: {
        error: {
          code: 'rate_limited',
          message: 'you can ask 5 questions every 2 minutes in a session; please wait a little',
        },
      },
    });
    show(api);

    const form = within(await screen.findByRole('form', { name: 'Ask a question' }));
    fireEvent.change(form.getByLabelText('Your question'), { target: { value: 'One more?' } });
    fireEvent.click(form.getByRole('button', { name: 'Ask' }));
    expect(
      await form.findByText(
        'You can ask 5 questions every 2 minutes in a session; please wait a little. Try again in 2 minutes.',
      ),
    ).toBeTruthy();
    expect((form.getByLabelText('Your question') as HTMLTextAreaElement).value).toBe('One more?');
  });

  it('gives hosts moderation, pinning, "Next question" and the queue tools', async () => {
    const api = new FakePeerLoopApi();
    api.queues.set(
      's-1',
      aQueue({
        role: 'host',
        moderated: true,
        questions: [
          aQuestion({ id: 'q-open', text: 'Open one', votes: 2 }),
          aQuestion({ id: 'q-pending', text: 'Waiting one', state: 'pending' }),
        ],
      }),
    );
    show(api, 'u-ada');

    const list = await queue();
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(true);
    for (const name of ['Next question', 'Reorder by hand', 'Carry over unanswered', 'Export CSV']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    const waiting = item(list, 'Waiting one');
    expect(waiting.getByText('Waiting for approval')).toBeTruthy();
    fireEvent.click(waiting.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Question approved: everyone sees it now.')).toBeTruthy();
    await waitFor(() => expect(waiting.queryByText('Waiting for approval')).toBeNull());

    const open = item(list, 'Open one');
    fireEvent.click(open.getByRole('button', { name: 'Pin' }));
    expect(await open.findByText('Now answering')).toBeTruthy();
    expect(open.getByRole('button', { name: 'Unpin' })).toBeTruthy();

    fireEvent.click(screen.getByRole('switch'));
    expect(await screen.findByText('Questions now show at once; waiting ones were approved.')).toBeTruthy();
    expect(api.requests).toContainEqual(
      expect.objectContaining({
        method: 'PUT',
        url: '/api/sessions/s-1/questions/settings',
        body: { moderated: false },
      }),
    );
    await waitFor(() => expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(false));
  });

  it('moves questions in a hand order with keyboard-reachable buttons', async () => {
    const api = new FakePeerLoopApi();
    api.queues.set(
      's-1',
      aQueue({
        role: 'host',
        questions: [
          aQuestion({ id: 'q-a', text: 'A', votes: 3 }),
          aQuestion({ id: 'q-b', text: 'B', votes: 2 }),
          aQuestion({ id: 'q-c', text: 'C', votes: 1 }),
        ],
      }),
    );
    show(api, 'u-ada');

    const list = await queue();
    fireEvent.click(screen.getByRole('button', { name: 'Reorder by hand' }));
    expect(screen.getByRole('button', { name: 'Reorder by hand' }).getAttribute('aria-pressed')).toBe('true');
    expect(item(list, 'A').getByRole('button', { name: 'Move up' }).getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(item(list, 'C').getByRole('button', { name: 'Move up' }));
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('listitem')
          .map((li) => li.querySelector('p')?.textContent),
      ).toEqual(['A', 'C', 'B']),
    );
    expect(api.requests.at(-1)).toMatchObject({ method: 'PUT', body: { questionIds: ['q-a', 'q-c', 'q-b'] } });
    expect(await screen.findByText('Moved up to place 2.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Order by votes' })).toBeTruthy();
  });

  it('lets a host mark a question answered with a written answer, which the archive shows', async () => {
    const api = new FakePeerLoopApi();
    api.queues.set('s-1', aQueue({ role: 'host', questions: [aQuestion({ id: 'q-1', text: 'How do we start?' })] }));
    show(api, 'u-ada', 'tab');

    const card = item(await queue(), 'How do we start?');
    fireEvent.click(card.getByRole('button', { name: 'Mark answered' }));
    fireEvent.change(card.getByLabelText('Written answer (optional)'), { target: { value: 'Start small.' } });
    fireEvent.click(card.getByRole('button', { name: 'Mark answered' }));

    const archive = await screen.findByRole('list', { name: 'Answered and earlier questions' });
    const answered = item(archive, 'How do we start?');
    expect(answered.getByText('Answered')).toBeTruthy();
    expect(answered.getByText('Answer from Ada Lovelace')).toBeTruthy();
    expect(answered.getByText('Start small.')).toBeTruthy();
    expect(answered.getByRole('button', { name: 'Edit answer' })).toBeTruthy();
    expect(api.requests.at(-1)?.body).toEqual({ action: 'answer', answer: 'Start small.' });
  });

  it('shows the cohort agreements to a member who has not accepted them, then the questions', async () => {
    const api = new FakePeerLoopApi();
    api.queues.set('s-1', aQueue({ questions: [aQuestion({ text: 'Behind the agreements' })] }));
    api.cohortDetails = [aCohortDetail({ myRole: 'member', myAgreementsAccepted: false, canManage: false })];
    api.answerNext('GET /api/sessions/s-1/questions', {
      status: 403,
      body: { error: { code: 'agreements_required', message: 'accept the agreements first' } },
    });
    show(api);

    expect(await screen.findByText('Questions open to you once you accept the cohort’s agreements.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I accept' }));
    expect(await screen.findByText('Behind the agreements')).toBeTruthy();
  });

  it('says so when the reader is not in the cohort', async () => {
    const api = new FakePeerLoopApi();
    api.answerNext('GET /api/sessions/s-1/questions', {
      status: 403,
      body: { error: { code: 'forbidden', message: 'only members can see this' } },
    });
    show(api);
    expect(await screen.findByText('Only members of this session’s cohort can see its questions.')).toBeTruthy();
  });

  it('announces questions others add politely, a burst as one message, and never the reader’s own', async () => {
    const api = new FakePeerLoopApi();
    api.queues.set('s-1', aQueue({ questions: [aQuestion({ id: 'q-1', text: 'Already there' })] }));
    renderSignedIn(
      <QnaSection sessionId="s-1" cohortId="c-1" source="panel" tuning={{ pollMs: 50, announceAfterMs: 100 }} />,
      api,
      'u-linus',
    );
    await queue();
    const announced = (text: string) =>
      waitFor(() => expect(screen.getByText(text).getAttribute('role')).toBe('status'));

    const add = (...questions: ReturnType<typeof aQuestion>[]) => {
      const current = api.queues.get('s-1')!;
      api.queues.set('s-1', {
        ...current,
        questions: [...current.questions, ...questions],
        revision: current.revision + 1,
      });
    };
    add(aQuestion({ id: 'q-2', text: 'Polled in' }));
    await announced('New question: Polled in');

    add(aQuestion({ id: 'q-3', text: 'Burst one' }), aQuestion({ id: 'q-4', text: 'Burst two' }));
    await announced('2 new questions.');

    const form = within(screen.getByRole('form', { name: 'Ask a question' }));
    fireEvent.change(form.getByLabelText('Your question'), { target: { value: 'My own' } });
    fireEvent.click(form.getByRole('button', { name: 'Ask' }));
    expect(await form.findByText('Your question is in the queue.')).toBeTruthy();
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(screen.getByText('2 new questions.')).toBeTruthy();
    expect(screen.queryByText(/New question: My own/)).toBeNull();
  });
});
