import type { LocalStack } from '../../api/src/local/stack';
import { newSession, type Cohort } from '@peerloop/core';
import { api, DEV_TENANT, startTestStack } from '../support/stack';

const HOST = 'dev:hana-suzuki'; // facilitates the Senior Admins Roundtable (fireside-incident)
const ASKER = { token: 'dev:diego-alvarez', id: 'diego-alvarez', name: 'Diego Alvarez', upn: 'diego@contoso.example' };
const PEER = 'dev:jordan-patel'; // member, agreements accepted
const NOT_ACCEPTED = 'dev:sam-rivera'; // member of other cohorts, agreements not accepted
const OUTSIDER = 'dev:priya-nair'; // not in the roundtable

const NOW = new Date('2027-03-01T16:00:00.000Z');
class TestClock {
  constructor(private current: Date) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

describe('the fireside-chat Q&A queue through the API', () => {
  let stack: LocalStack;
  const clock = new TestClock(NOW);
  let counter = 0;

  beforeAll(async () => {
    stack = await startTestStack({ overrides: { clock } });
  });
  afterAll(() => stack.close());

  /** A fresh fireside chat of the roundtable (own queue per test), and optionally a later one. */
  async function fireside(fields: { kind?: 'fireside-chat' | 'workshop'; daysAhead?: number; qna?: boolean } = {}) {
    counter += 1;
    const startsAt = new Date(NOW.getTime() + (fields.daysAhead ?? 0) * 86_400_000 + counter * 60_000);
    const session = newSession({
      tenantId: DEV_TENANT,
      id: `qna-test-${counter}`,
      cohortId: 'senior-admins-roundtable',
      programId: 'admin-community',
      kind: fields.kind ?? 'fireside-chat',
      title: `Fireside ${counter}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/London',
      presenters: [],
      details: fields.qna === undefined ? {} : { qnaEnabled: fields.qna },
      createdBy: 'hana-suzuki',
      createdAt: NOW.toISOString(),
    });
    await stack.runtime.sessions.create(session);
    return session.id;
  }

  const ask = (sessionId: string, token: string, body: Record<string, unknown>) =>
    api(stack, `/api/sessions/${sessionId}/questions`, { method: 'POST', token, body });
  const queue = (sessionId: string, token: string) => api(stack, `/api/sessions/${sessionId}/questions`, { token });
  const moderate = (sessionId: string, questionId: string, body: Record<string, unknown>, token = HOST) =>
    api(stack, `/api/sessions/${sessionId}/questions/${questionId}/moderation`, { method: 'POST', token, body });
  const vote = (sessionId: string, questionId: string, token: string, on = true) =>
    api(stack, `/api/sessions/${sessionId}/questions/${questionId}/vote`, { method: on ? 'PUT' : 'DELETE', token });

  it('lets a member ask by name and anonymously; nobody sees who asked the anonymous one', async () => {
    const sessionId = await fireside();
    const named = await ask(sessionId, ASKER.token, { text: 'How did you find the root cause?' });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({
      askedBy: ASKER.name,
      anonymous: false,
      state: 'open',
      mine: true,
      canEdit: true,
    });
    const anonymous = await ask(sessionId, ASKER.token, { text: 'Was anyone blamed, honestly?', anonymous: true });
    expect(anonymous.status).toBe(201);
    expect(anonymous.body).toMatchObject({ askedBy: null, anonymous: true, mine: true });

    const hostView = await queue(sessionId, HOST);
    expect(hostView.status).toBe(200);
    expect(hostView.body.role).toBe('host');
    const hostSees = hostView.body.questions.find((q: { id: string }) => q.id === anonymous.body.id);
    expect(hostSees).toMatchObject({ askedBy: null, mine: false, canEdit: false });
    expect(JSON.stringify(hostSees)).not.toMatch(/diego/i);

    const askerView = await queue(sessionId, ASKER.token);
    expect(askerView.body.questions.find((q: { id: string }) => q.id === anonymous.body.id).mine).toBe(true);
  });

  it('orders the queue: pinned, then hand order, then most votes, then oldest', async () => {
    const sessionId = await fireside();
    const ids: string[] = [];
    for (const text of ['first', 'second', 'third', 'fourth']) {
      ids.push((await ask(sessionId, PEER, { text: `Question ${text}` })).body.id);
      clock.advance(1000);
    }
    await vote(sessionId, ids[2]!, ASKER.token);
    expect((await queue(sessionId, PEER)).body.questions.map((q: { id: string }) => q.id)).toEqual([
      ids[2],
      ids[0],
      ids[1],
      ids[3],
    ]);
    expect(
      (
        await api(stack, `/api/sessions/${sessionId}/questions/order`, {
          method: 'PUT',
          token: HOST,
          body: { questionIds: [ids[3]] },
        })
      ).status,
    ).toBe(200);
    expect((await moderate(sessionId, ids[1]!, { action: 'pin' })).status).toBe(200);
    const view = (await queue(sessionId, PEER)).body;
    expect(view.questions.map((q: { id: string }) => q.id)).toEqual([ids[1], ids[3], ids[2], ids[0]]);
    expect(view.nowAnswering).toBe(ids[1]);
    expect(view.questions[0].pinned).toBe(true);
  });

  it('counts 200 people voting at once exactly, and one person voting many times once', async () => {
    const sessionId = await fireside();
    const voters = Array.from({ length: 200 }, (_, i) => `voter-${String(i).padStart(3, '0')}`);
    const cohort = (await stack.runtime.cohorts.get(DEV_TENANT, 'senior-admins-roundtable'))! as Cohort;
    const accepted = { codeOfConductVersion: 1, confidentialityVersion: 1, acceptedAt: NOW.toISOString() };
    await stack.runtime.cohorts.update(DEV_TENANT, cohort.id, (current: Cohort) => ({
      next: {
        ...current,
        members: [
          ...current.members,
          ...voters.map((userId) => ({
            userId,
            displayName: userId,
            role: 'member' as const,
            joinedAt: NOW.toISOString(),
            agreements: accepted,
          })),
        ],
      },
      result: null,
    }));
    const question = (await ask(sessionId, PEER, { text: 'Would you do it again?' })).body;
    const requests = voters.map((voter) => vote(sessionId, question.id, `dev:${voter}`));
    const twice = Array.from({ length: 10 }, () => vote(sessionId, question.id, ASKER.token));
    const answers = await Promise.all([...requests, ...twice]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const after = (await queue(sessionId, ASKER.token)).body.questions[0];
    expect(after.votes).toBe(201);
    expect(after.votedByMe).toBe(true);

    const takeBack = await Promise.all(
      Array.from({ length: 5 }, () => vote(sessionId, question.id, ASKER.token, false)),
    );
    expect(takeBack.every((a) => a.status === 200)).toBe(true);
    expect((await queue(sessionId, ASKER.token)).body.questions[0]).toMatchObject({ votes: 200, votedByMe: false });

    await stack.runtime.cohorts.update(DEV_TENANT, cohort.id, (current: Cohort) => ({
      next: { ...current, members: current.members.filter((m) => !m.userId.startsWith('voter-')) },
      result: null,
    }));
  });

  it('holds questions of a moderated queue for approval, and hides dismissed ones from participants', async () => {
    const sessionId = await fireside();
    expect(
      (
        await api(stack, `/api/sessions/${sessionId}/questions/settings`, {
          method: 'PUT',
          token: HOST,
          body: { moderated: true },
        })
      ).status,
    ).toBe(200);
    const pending = (await ask(sessionId, ASKER.token, { text: 'Could this be asked later?' })).body;
    expect(pending.state).toBe('pending');
    expect((await queue(sessionId, PEER)).body.questions).toEqual([]);
    expect((await queue(sessionId, ASKER.token)).body.questions.map((q: { id: string }) => q.id)).toEqual([pending.id]);
    expect((await vote(sessionId, pending.id, PEER)).status).toBe(404);

    expect((await moderate(sessionId, pending.id, { action: 'approve' })).body.state).toBe('open');
    expect((await queue(sessionId, PEER)).body.questions.map((q: { id: string }) => q.id)).toEqual([pending.id]);

    expect((await moderate(sessionId, pending.id, { action: 'dismiss' })).body.state).toBe('dismissed');
    const peerView = (await queue(sessionId, PEER)).body;
    expect([...peerView.questions, ...peerView.archive]).toEqual([]);
    expect((await queue(sessionId, HOST)).body.archive.map((q: { state: string }) => q.state)).toEqual(['dismissed']);
    expect((await moderate(sessionId, pending.id, { action: 'restore' })).body.state).toBe('open');
  });

  it('marks a question answered with a written answer, after which the asker can no longer edit it', async () => {
    const sessionId = await fireside();
    const question = (await ask(sessionId, ASKER.token, { text: 'What would you automate first?' })).body;
    await moderate(sessionId, question.id, { action: 'pin' });
    const answered = await moderate(sessionId, question.id, {
      action: 'answer',
      answer: 'The paging rota, then the runbooks.',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      state: 'answered',
      answer: { text: 'The paging rota, then the runbooks.', answeredBy: 'Hana Suzuki' },
    });
    const view = (await queue(sessionId, ASKER.token)).body;
    expect(view.nowAnswering).toBeNull();
    expect(view.archive[0]).toMatchObject({ id: question.id, canEdit: false });
    const edit = await api(stack, `/api/sessions/${sessionId}/questions/${question.id}`, {
      method: 'PATCH',
      token: ASKER.token,
      body: { text: 'Reworded' },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toMatch(/answered/);
  });

  it('moves to the next question once when two hosts press "Next" at the same moment', async () => {
    const sessionId = await fireside();
    const first = (await ask(sessionId, PEER, { text: 'First in line' })).body;
    clock.advance(1000);
    const second = (await ask(sessionId, PEER, { text: 'Second in line' })).body;
    const next = (token: string, after: string | null) =>
      api(stack, `/api/sessions/${sessionId}/questions/next`, { method: 'POST', token, body: { after } });
    expect((await next(HOST, null)).body.question.id).toBe(first.id);
    // Avery owns the program, so Avery is a host too; both saw the first question pinned.
    const both = await Promise.all([next(HOST, first.id), next('dev:avery-chen', first.id)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.message).toMatch(/moved on/);
    const view = (await queue(sessionId, HOST)).body;
    expect(view.nowAnswering).toBe(second.id);
    expect(view.archive.map((q: { id: string }) => q.id)).toEqual([first.id]);
  });

  it('lets only the asker edit or withdraw, and withdrawn questions disappear for everyone', async () => {
    const sessionId = await fireside();
    const question = (await ask(sessionId, ASKER.token, { text: 'Typo in this queston', anonymous: true })).body;
    const path = `/api/sessions/${sessionId}/questions/${question.id}`;
    expect((await api(stack, path, { method: 'PATCH', token: PEER, body: { text: 'Hijacked' } })).status).toBe(403);
    expect((await api(stack, path, { method: 'PATCH', token: HOST, body: { text: 'Hijacked' } })).status).toBe(403);
    const edited = await api(stack, path, {
      method: 'PATCH',
      token: ASKER.token,
      body: { text: 'Typo in this question' },
    });
    expect(edited.body).toMatchObject({ text: 'Typo in this question', askedBy: null });
    expect((await api(stack, path, { method: 'DELETE', token: PEER })).status).toBe(404);
    expect((await api(stack, path, { method: 'DELETE', token: ASKER.token })).status).toBe(200);
    for (const token of [ASKER.token, PEER, HOST]) {
      const view = (await queue(sessionId, token)).body;
      expect([...view.questions, ...view.archive]).toEqual([]);
    }
  });

  it('keeps the queue to cohort members who accepted the agreements, and hosts to hosts', async () => {
    const sessionId = await fireside();
    expect((await queue(sessionId, OUTSIDER)).status).toBe(403);
    const roundtable = (await stack.runtime.cohorts.get(DEV_TENANT, 'senior-admins-roundtable'))!;
    await stack.runtime.cohorts.update(DEV_TENANT, roundtable.id, (current: Cohort) => ({
      next: {
        ...current,
        members: [
          ...current.members,
          { userId: 'sam-rivera', displayName: 'Sam Rivera', role: 'member' as const, joinedAt: NOW.toISOString() },
        ],
      },
      result: null,
    }));
    const gated = await ask(sessionId, NOT_ACCEPTED, { text: 'Can I ask yet?' });
    expect(gated.status).toBe(403);
    expect(gated.body.error.code).toBe('agreements_required');
    // A refusal is never remembered: once Sam accepts, Sam can ask at once.
    const accepted = await api(stack, '/api/cohorts/senior-admins-roundtable/agreements', {
      method: 'POST',
      token: NOT_ACCEPTED,
      body: {},
    });
    expect(accepted.status).toBe(200);
    expect((await ask(sessionId, NOT_ACCEPTED, { text: 'Can I ask now?' })).status).toBe(201);
    const question = (await ask(sessionId, PEER, { text: 'Fine to ask?' })).body;
    expect((await moderate(sessionId, question.id, { action: 'pin' }, PEER)).status).toBe(403);
    expect((await api(stack, `/api/sessions/${sessionId}/questions/export`, { token: PEER })).status).toBe(403);
    expect((await api(stack, `/api/sessions/missing/questions`, { token: PEER })).status).toBe(404);

    const off = await fireside({ kind: 'workshop' });
    const refused = await ask(off, PEER, { text: 'Anyone?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/Q&A is off/);
    expect((await queue(off, PEER)).body).toMatchObject({ enabled: false, canAsk: false, questions: [] });
  });

  it('refuses bad input with a 400 that names the field, and stores nothing', async () => {
    const sessionId = await fireside();
    const cases: [Record<string, unknown>, string][] = [
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(501) }, 'text'],
      [{ text: 'ok', anonymous: 'yes' }, 'anonymous'],
      [{ text: 'ok', extra: 1 }, ''],
      [{}, 'text'],
    ];
    for (const [body, field] of cases) {
      const response = await ask(sessionId, PEER, body);
      expect(response.status).toBe(400);
      expect(response.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const question = (await ask(sessionId, PEER, { text: 'Valid' })).body;
    const badAction = await moderate(sessionId, question.id, { action: 'delete' });
    expect(badAction.status).toBe(400);
    expect(badAction.body.error.fields[0].path).toBe('action');
    const answerWithoutAnswering = await moderate(sessionId, question.id, { action: 'pin', answer: 'x' });
    expect(answerWithoutAnswering.body.error.fields[0].path).toBe('answer');
    const badOrder = await api(stack, `/api/sessions/${sessionId}/questions/order`, {
      method: 'PUT',
      token: HOST,
      body: { questionIds: ['nope'] },
    });
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.error.fields[0].path).toBe('questionIds.0');
    expect((await queue(sessionId, PEER)).body.questions).toHaveLength(1);
  });

  it('stops one person flooding the queue with a 429 and a clear message', async () => {
    const sessionId = await fireside();
    for (let i = 0; i < 5; i += 1) expect((await ask(sessionId, PEER, { text: `Flood ${i}` })).status).toBe(201);
    const limited = await ask(sessionId, PEER, { text: 'One more', anonymous: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('120');
    expect(limited.body.error.message).toMatch(/5 questions every 2 minutes/);
    expect((await ask(sessionId, ASKER.token, { text: 'Someone else can still ask' })).status).toBe(201);
    clock.advance(121_000);
    expect((await ask(sessionId, PEER, { text: 'After the window' })).status).toBe(201);
  });

  it('refuses a person toggling a vote in a loop with a 429, while repeated identical votes stay harmless', async () => {
    const sessionId = await fireside();
    const question = (await ask(sessionId, ASKER.token, { text: 'Toggle me' })).body;
    for (let i = 0; i < 30; i += 1) {
      expect((await vote(sessionId, question.id, PEER, true)).status).toBe(200);
      expect((await vote(sessionId, question.id, PEER, true)).status).toBe(200); // no change: not counted
      expect((await vote(sessionId, question.id, PEER, false)).status).toBe(200);
    }
    const flooded = await vote(sessionId, question.id, PEER, true);
    expect(flooded.status).toBe(429);
    expect(flooded.headers.get('retry-after')).toBe('60');
    expect(flooded.body.error.message).toMatch(/changed your votes 60 times/);
    expect((await vote(sessionId, question.id, ASKER.token, true)).status).toBe(200);
    clock.advance(61_000);
    expect((await vote(sessionId, question.id, PEER, true)).body).toMatchObject({ votes: 2, votedByMe: true });
  });

  it("carries unanswered questions (with their votes) to the cohort's next session, once", async () => {
    const sessionId = await fireside();
    const next = await fireside({ daysAhead: 1 }); // before the demo's fireside chat, 4 days out
    const open = (await ask(sessionId, PEER, { text: 'Still open' })).body;
    await vote(sessionId, open.id, ASKER.token);
    const done = (await ask(sessionId, PEER, { text: 'Answered already' })).body;
    await moderate(sessionId, done.id, { action: 'answer' });

    const carried = await api(stack, `/api/sessions/${sessionId}/questions/carry-over`, {
      method: 'POST',
      token: HOST,
    });
    expect(carried.status).toBe(200);
    expect(carried.body).toMatchObject({ carried: 1, toSessionId: next });
    const again = await api(stack, `/api/sessions/${sessionId}/questions/carry-over`, { method: 'POST', token: HOST });
    expect(again.body.carried).toBe(0);

    const target = (await queue(next, ASKER.token)).body;
    expect(target.questions).toHaveLength(1);
    expect(target.questions[0]).toMatchObject({
      text: 'Still open',
      votes: 1,
      votedByMe: true,
      carriedFrom: { sessionId },
    });
    const source = (await queue(sessionId, PEER)).body;
    expect(source.questions).toEqual([]);
    expect(source.archive.map((q: { state: string }) => q.state).sort()).toEqual(['answered', 'carried-over']);

    const last = await fireside({ daysAhead: 300 });
    const nowhere = await api(stack, `/api/sessions/${last}/questions/carry-over`, { method: 'POST', token: HOST });
    expect(nowhere.status).toBe(409);
  });

  it('exports the queue as CSV for hosts, with anonymous askers as "Anonymous" and formulas defused', async () => {
    const sessionId = await fireside();
    await ask(sessionId, ASKER.token, { text: '=HYPERLINK("http://evil.example")', anonymous: true });
    await ask(sessionId, PEER, { text: 'Named, with "quotes", and commas' });
    const response = await fetch(`${stack.host.url}/api/sessions/${sessionId}/questions/export`, {
      headers: { authorization: `Bearer ${HOST}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = await response.text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('question,asked by,state,votes,asked at,answer,answered by,answered at');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")",Anonymous,open,0`);
    expect(csv).toContain('"Named, with ""quotes"", and commas",Jordan Patel,open,0');
    expect(csv).not.toMatch(/diego/i);
  });

  it('streams live events: a new question and a vote reach a listening participant', async () => {
    const sessionId = await fireside();
    const connection = await api(stack, `/api/sessions/${sessionId}/questions/connection`, { token: PEER });
    expect(connection.body).toEqual({ transport: 'sse', url: `/api/sessions/${sessionId}/questions/live` });
    const controller = new AbortController();
    const stream = await fetch(`${stack.host.url}${connection.body.url}`, {
      headers: { authorization: `Bearer ${PEER}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async (): Promise<any> => {
      for (;;) {
        const match = /event: qna\ndata: (.*)\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return JSON.parse(match[1]!);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    try {
      const asked = (await ask(sessionId, ASKER.token, { text: 'Live?', anonymous: true })).body;
      const event = await nextEvent();
      expect(event.questions).toEqual([
        expect.objectContaining({ id: asked.id, text: 'Live?', askedBy: null, votes: 0 }),
      ]);
      await vote(sessionId, asked.id, HOST);
      expect((await nextEvent()).questions[0]).toMatchObject({ id: asked.id, votes: 1 });
      await moderate(sessionId, asked.id, { action: 'dismiss' });
      expect(await nextEvent()).toMatchObject({ questions: [], removed: [asked.id] });
    } finally {
      controller.abort();
    }
  });
});
