import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueue, newSession, type QueueView } from '@peerloop/core';
import type { LocalStack } from '../../api/src/local/stack';
import { api, DEV_TENANT, startTestStack } from '../support/stack';

interface Person {
  readonly teamsId: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email: string;
}

// Senior Admins Roundtable (demo data): Hana facilitates; Diego and Jordan are members who accepted the agreements.
const DIEGO: Person = {
  teamsId: '29:diego',
  name: 'Diego Alvarez',
  aadObjectId: 'diego-alvarez',
  email: 'diego@contoso.example',
};
const JORDAN: Person = {
  teamsId: '29:jordan',
  name: 'Jordan Patel',
  aadObjectId: 'jordan-patel',
  email: 'jordan@contoso.example',
};
const HANA: Person = {
  teamsId: '29:hana',
  name: 'Hana Suzuki',
  aadObjectId: 'hana-suzuki',
  email: 'hana@contoso.example',
};

const SESSION_ID = 'bot-qna-fireside';
const MEETING_CHAT = '19:meeting_bot-qna-fireside@thread.v2';
const personalChat = (person: Person) => ({
  id: `a:personal-${person.teamsId.slice(3)}`,
  conversationType: 'personal',
  tenantId: DEV_TENANT,
});
const GROUP_CHAT = { id: '19:team-banter@thread.v2', conversationType: 'groupChat', tenantId: DEV_TENANT };
const MEETING = { id: MEETING_CHAT, conversationType: 'groupChat', tenantId: DEV_TENANT };

interface Recorded {
  readonly kind: 'send' | 'update';
  readonly conversationId: string;
  /** The id the connector gave a sent activity, or the id of the activity updated. */
  readonly activityId: string;
  readonly at: number;
  readonly body: string;
  readonly activity: { type?: string; text?: string; attachments?: { contentType: string; content: any }[] };
}

/**
 * A loopback Bot Connector: records every activity the bot sends (POST) and every update of one it sent
 * (PUT .../activities/{id}), and can answer the next updates with 429 + Retry-After as Teams does.
 */
class RecordingConnector {
  readonly recorded: Recorded[] = [];
  private throttleUpdates = 0;
  throttled = 0;

  private constructor(
    private readonly server: http.Server,
    readonly serviceUrl: string,
  ) {}

  static async start(): Promise<RecordingConnector> {
    const ref: { connector?: RecordingConnector } = {};
    const server = http.createServer((req, res) => ref.connector!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ref.connector = new RecordingConnector(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return ref.connector;
  }

  throttleNextUpdates(count: number): void {
    this.throttleUpdates = count;
  }

  updates(conversationId: string): Recorded[] {
    return this.recorded.filter((r) => r.kind === 'update' && r.conversationId === conversationId);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('the connector did not receive what was expected in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      const kind = req.method === 'POST' ? 'send' : req.method === 'PUT' ? 'update' : null;
      if (!match || !kind) {
        res.writeHead(404).end();
        return;
      }
      if (kind === 'update' && this.throttleUpdates > 0) {
        this.throttleUpdates -= 1;
        this.throttled += 1;
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests' } }));
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8') || '{}';
      const activityId = kind === 'send' ? `sent-${this.recorded.length + 1}` : decodeURIComponent(match[2] ?? '');
      this.recorded.push({
        kind,
        conversationId: decodeURIComponent(match[1]!),
        activityId,
        at: Date.now(),
        body,
        activity: JSON.parse(body),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: activityId }));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

const cardOf = (recorded: Recorded | undefined) => recorded?.activity.attachments?.[0]?.content;

/** The vote count a queue card shows for the question with this text. */
function votesOn(card: { body: unknown[] }, questionText: string): number {
  const part = card.body
    .map((item) => JSON.stringify(item))
    .find((item) => item.includes(JSON.stringify(questionText)));
  const match = part && / · (\d+) votes?/.exec(part);
  if (!match) throw new Error(`the card does not show "${questionText}" with its votes`);
  return Number(match[1]);
}
const textOf = (recorded: Recorded | undefined) => JSON.stringify(recorded?.activity ?? null);

describe('Q&A from the bot and the messaging extension, over HTTP', () => {
  let stack: LocalStack;
  let connector: RecordingConnector;

  beforeAll(async () => {
    connector = await RecordingConnector.start();
    stack = await startTestStack();
    const now = Date.now();
    await stack.runtime.sessions.create(
      newSession({
        tenantId: DEV_TENANT,
        id: SESSION_ID,
        cohortId: 'senior-admins-roundtable',
        programId: 'admin-community',
        kind: 'fireside-chat',
        title: 'Fireside chat: **what** <b>we</b> got wrong',
        startsAt: new Date(now - 10 * 60_000).toISOString(),
        endsAt: new Date(now + 50 * 60_000).toISOString(),
        timeZone: 'Europe/London',
        meeting: { chatId: MEETING_CHAT, boundBy: 'hana-suzuki', boundAt: new Date(now).toISOString() },
        createdBy: 'hana-suzuki',
        createdAt: new Date(now).toISOString(),
      }),
    );
  });
  afterAll(async () => {
    await stack.close();
    await connector.close();
  });

  function activity(person: Person, conversation: object, fields: Record<string, unknown>) {
    return {
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      id: `activity-${Math.random().toString(36).slice(2)}`,
      timestamp: new Date().toISOString(),
      from: { id: person.teamsId, name: person.name, aadObjectId: person.aadObjectId },
      recipient: { id: '28:peerloop-bot', name: 'PeerLoop' },
      conversation,
      channelData: {
        tenant: { id: DEV_TENANT },
        ...(conversation === MEETING ? { meeting: { id: 'meeting-bot-qna' } } : {}),
      },
      ...fields,
    };
  }

  const post = (person: Person, conversation: object, fields: Record<string, unknown>) =>
    api(stack, '/api/messages', { method: 'POST', body: activity(person, conversation, fields) });

  /** Sends a chat message (with an @mention outside personal chats) and returns the bot's one reply. */
  async function say(
    person: Person,
    text: string,
    conversation: { id: string; conversationType: string } = personalChat(person),
  ) {
    const before = connector.recorded.length;
    const personal = conversation.conversationType === 'personal';
    const mention = {
      type: 'mention',
      text: '<at>PeerLoop</at>',
      mentioned: { id: '28:peerloop-bot', name: 'PeerLoop' },
    };
    const { status } = await post(person, conversation, {
      type: 'message',
      text: personal ? text : `<at>PeerLoop</at> ${text}`,
      entities: personal ? [] : [mention],
    });
    expect(status).toBe(200);
    await connector.waitFor(() => connector.recorded.slice(before).some((r) => r.kind === 'send'));
    return connector.recorded.slice(before).find((r) => r.kind === 'send')!;
  }

  /** Clicks an Action.Execute button and returns the card Teams would show the clicker. */
  async function click(
    person: Person,
    verb: string,
    data: Record<string, unknown>,
    conversation: object = personalChat(person),
  ) {
    const { status, body } = await post(person, conversation, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    return body.value;
  }

  const hostView = (): Promise<QueueView> =>
    getQueue(stack.runtime, { tenantId: DEV_TENANT, userId: 'hana-suzuki', displayName: 'Hana Suzuki' }, SESSION_ID);
  const questionByText = async (text: string) => (await hostView()).questions.find((q) => q.text === text);

  function fetchTask(person: Person, content: string, conversation: object = GROUP_CHAT) {
    return post(person, conversation, {
      type: 'invoke',
      name: 'composeExtension/fetchTask',
      value: {
        commandId: 'addToQna',
        commandContext: 'message',
        messagePayload: { id: 'message-1', body: { contentType: 'html', content } },
      },
    });
  }

  function submitAction(person: Person, data: Record<string, unknown>, conversation: object = GROUP_CHAT) {
    return post(person, conversation, {
      type: 'invoke',
      name: 'composeExtension/submitAction',
      value: { commandId: 'addToQna', commandContext: 'message', data },
    });
  }

  describe('anonymity', () => {
    const logged: string[] = [];
    const restore: (() => void)[] = [];

    function captureConsole() {
      for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        const original = console[method];
        console[method] = (...args: unknown[]) => {
          logged.push(
            args
              .map((a) => (a instanceof Error ? `${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a)))
              .join(' '),
          );
          original(...args);
        };
        restore.push(() => (console[method] = original));
      }
      for (const stream of [process.stdout, process.stderr]) {
        const original = stream.write.bind(stream);
        stream.write = ((chunk: unknown, ...rest: unknown[]) => {
          logged.push(String(chunk));
          return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
        }) as typeof stream.write;
        restore.push(() => (stream.write = original));
      }
    }
    afterAll(() => {
      for (const undo of restore.reverse()) undo();
    });

    it('leaves no trace of an anonymous asker in any reply, card, card update, invoke answer or console line', async () => {
      // Jordan posts the queue card in the meeting chat first, so the anonymous questions reach it as updates.
      const posted = await say(JORDAN, 'queue', MEETING);
      expect(JSON.stringify(cardOf(posted))).toContain('No questions yet');

      const firstRecord = connector.recorded.length;
      const answers: string[] = [];
      captureConsole();

      const privately = await say(DIEGO, 'ask anonymously Is it safe to disagree with the roadmap here?');
      expect(textOf(privately)).toContain('anonymously: nobody, hosts included, can see who asked');
      const form = await fetchTask(DIEGO, '<p>Who decided to skip the <b>post-mortem</b>?</p>');
      answers.push(JSON.stringify(form.body));
      const submitted = await submitAction(DIEGO, {
        text: 'Who decided to skip the post-mortem?',
        sessionId: SESSION_ID,
        anonymous: 'true',
      });
      answers.push(JSON.stringify(submitted.body));
      expect(submitted.body.task.value).toContain('anonymously');
      // Failures of an anonymous flow too: an empty question, a flood past the rate limit.
      answers.push(
        JSON.stringify((await submitAction(DIEGO, { text: ' ', sessionId: SESSION_ID, anonymous: 'true' })).body),
      );
      for (let i = 0; i < 4; i += 1) await say(DIEGO, `ask anonymously Follow-up ${i}`);
      // Others see the queue: a card in Jordan's private chat, votes, the meeting chat card's updates.
      const jordans = await say(JORDAN, 'queue');
      const anonymous = (await hostView()).questions.find((q) => q.text.startsWith('Is it safe'))!;
      answers.push(
        JSON.stringify(await click(JORDAN, 'qnaVote', { sessionId: SESSION_ID, questionId: anonymous.id, vote: true })),
      );
      answers.push(JSON.stringify(await click(HANA, 'qnaRefresh', { sessionId: SESSION_ID }, MEETING)));
      await connector.waitFor(() =>
        connector.updates(MEETING_CHAT).some((u) => u.body.includes('Is it safe') && u.body.includes('Who decided')),
      );

      expect(JSON.stringify(cardOf(jordans))).toContain('"text":"Anonymous"');
      const sent = connector.recorded.slice(firstRecord).map((r) => r.body);
      const authorKey = stack.runtime.authorKeys.keyFor(DEV_TENANT, DIEGO.aadObjectId);
      const traces = [DIEGO.aadObjectId, DIEGO.name, 'Diego', DIEGO.teamsId, DIEGO.email, authorKey];
      const everything = [...sent, ...answers, ...logged].join('\n');
      expect(sent.length).toBeGreaterThanOrEqual(7);
      for (const trace of traces) expect(everything).not.toContain(trace);

      // The sweep would notice: a named question shows its asker's name on the meeting card.
      await say(JORDAN, 'ask Named follow-up from Jordan', MEETING);
      await connector.waitFor(() => connector.updates(MEETING_CHAT).some((u) => u.body.includes('Named follow-up')));
      expect(connector.updates(MEETING_CHAT).at(-1)!.body).toContain('Jordan Patel');
    });

    it('refuses "ask anonymously" in a group chat or meeting chat, where the message already shows who sent it', async () => {
      const before = (await hostView()).questions.length;
      for (const conversation of [GROUP_CHAT, MEETING]) {
        const reply = await say(DIEGO, 'ask anonymously Should I be worried about my team?', conversation);
        expect(reply.activity.text).toContain("I didn't add that question");
        expect(reply.activity.text).toContain('private chat');
        expect(reply.body).not.toContain('Should I be worried');
      }
      expect((await hostView()).questions.length).toBe(before);
      expect(await questionByText('Should I be worried about my team?')).toBeUndefined();
    });
  });

  it('asks by name from a personal chat, into the session on now', async () => {
    const reply = await say(JORDAN, 'ask How do you decide what to automate first?');
    expect(JSON.stringify(cardOf(reply))).toContain(
      '"type":"TextRun","text":"Your question is in the queue of \\"Fireside chat: **what** <b>we</b> got wrong\\"."',
    );
    const question = await questionByText('How do you decide what to automate first?');
    expect(question).toMatchObject({ anonymous: false, askedBy: 'Jordan Patel', state: 'open', votes: 0 });
  });

  it('asks anonymously from a personal chat: the question has no author', async () => {
    await say(HANA, 'ask anonymously What would you do differently next time?');
    expect(await questionByText('What would you do differently next time?')).toMatchObject({
      anonymous: true,
      askedBy: null,
    });
  });

  it('tells someone without a current session, and a group chat not linked to one, how to ask', async () => {
    const sam: Person = {
      teamsId: '29:sam',
      name: 'Sam Rivera',
      aadObjectId: 'sam-rivera',
      email: 'sam@contoso.example',
    };
    expect((await say(sam, 'ask Anything?')).activity.text).toContain('You have no session with Q&A');
    expect((await say(DIEGO, 'ask Anything?', GROUP_CHAT)).activity.text).toContain('"Add to Q&A"');
  });

  it('shows the queue with votes and vote buttons; a vote counts once even when clicked twice, and can be taken back', async () => {
    const question = (await questionByText('How do you decide what to automate first?'))!;
    const card = cardOf(await say(DIEGO, 'queue'));
    const text = JSON.stringify(card);
    expect(text).toContain('"type":"TextRun","text":"How do you decide what to automate first?"');
    expect(text).toContain('"text":"Jordan Patel","isSubtle":true},{"type":"TextRun","text":" · 0 votes"');
    expect(text).toContain(
      `"verb":"qnaVote","data":{"sessionId":"${SESSION_ID}","questionId":"${question.id}","vote":true}`,
    );
    expect(card.refresh).toMatchObject({ action: { verb: 'qnaRefresh' }, userIds: [DIEGO.teamsId] });

    const vote = { sessionId: SESSION_ID, questionId: question.id, vote: true };
    await click(DIEGO, 'qnaVote', vote);
    const twice = JSON.stringify(await click(DIEGO, 'qnaVote', vote));
    expect(twice).toContain('" · 1 vote · you voted"');
    expect(twice).toContain(
      `"title":"Take back my vote","verb":"qnaVote","data":{"sessionId":"${SESSION_ID}","questionId":"${question.id}","vote":false}`,
    );
    expect((await questionByText(question.text))!.votes).toBe(1);

    const takenBack = JSON.stringify(await click(DIEGO, 'qnaVote', { ...vote, vote: false }));
    expect(takenBack).toContain('" · 0 votes"');
    expect((await questionByText(question.text))!.votes).toBe(0);
  });

  it('"next" by the facilitator pins the top question; by a member it is refused', async () => {
    const refused = await say(JORDAN, 'next', MEETING);
    expect(JSON.stringify(cardOf(refused))).toContain('Only a facilitator or presenter of');
    expect((await hostView()).nowAnswering).toBeNull();

    const top = (await hostView()).questions[0]!;
    const pinned = cardOf(await say(HANA, 'next', MEETING));
    expect(JSON.stringify(pinned)).toContain('Now answering');
    expect(JSON.stringify(pinned)).toContain(JSON.stringify(top.text));
    const after = await hostView();
    expect(after.nowAnswering).toBe(top.id);
    expect(after.questions[0]).toMatchObject({ id: top.id, pinned: true });

    // From the card: the pinned one is answered and the next pinned; a second click on the same card changes nothing more.
    const card = { sessionId: SESSION_ID, after: top.id };
    const first = JSON.stringify(await click(HANA, 'qnaNext', card, MEETING));
    const second = JSON.stringify(await click(HANA, 'qnaNext', card, MEETING));
    expect(second).toContain('The queue had already moved on');
    const now = await hostView();
    expect(now.archive.find((q) => q.id === top.id)).toMatchObject({ state: 'answered' });
    expect(now.nowAnswering).not.toBe(top.id);
    expect(first).toContain('Now answering');
    expect(now.archive.filter((q) => q.state === 'answered')).toHaveLength(1);
  });

  it('"Add to Q&A" on a message opens a prefilled form with the sessions and the anonymity choice, and adds the question', async () => {
    const { status, body } = await fetchTask(
      JORDAN,
      '<p>Hi <at id="0">Hana</at>, can we <b>skip</b> the retro &amp; go straight to actions?</p><attachment id="a1"></attachment>',
    );
    expect(status).toBe(200);
    expect(body.task.type).toBe('continue');
    const form = body.task.value.card.content;
    const inputs = Object.fromEntries(
      form.body.filter((i: { id?: string }) => i.id).map((i: { id: string }) => [i.id, i]),
    );
    expect(inputs.text.value).toBe('Hi Hana, can we skip the retro & go straight to actions?');
    expect(inputs.sessionId.value).toBe(SESSION_ID);
    expect(inputs.sessionId.choices[0]).toEqual({
      title: 'Fireside chat: **what** <b>we</b> got wrong (now)',
      value: SESSION_ID,
    });
    expect(inputs.anonymous).toMatchObject({ type: 'Input.Toggle', title: 'Ask anonymously' });
    expect(JSON.stringify(form)).toContain('Nobody sees who asked an anonymous question');

    const submitted = await submitAction(JORDAN, {
      text: 'Can we go straight to actions?',
      sessionId: SESSION_ID,
      anonymous: 'false',
    });
    expect(submitted.body).toEqual({ task: { type: 'message', value: 'Your question was added to the Q&A.' } });
    expect(await questionByText('Can we go straight to actions?')).toMatchObject({
      askedBy: 'Jordan Patel',
      anonymous: false,
    });
  });

  it('"Add to Q&A" names what is wrong, and says when there is no session to ask in', async () => {
    const empty = await submitAction(JORDAN, { text: '   ', sessionId: SESSION_ID, anonymous: 'false' });
    expect(empty.body.task).toEqual({
      type: 'message',
      value: 'Your question was not added. Your question must not be empty.',
    });
    const tooLong = await submitAction(JORDAN, { text: 'x'.repeat(501), sessionId: SESSION_ID, anonymous: 'false' });
    expect(tooLong.body.task.value).toContain('must be at most 500 characters');
    const noSession = await submitAction(JORDAN, { text: 'Hello?', anonymous: 'false' });
    expect(noSession.body.task.value).toBe('Your question was not added: pick the session to ask in.');
    const sam: Person = {
      teamsId: '29:sam',
      name: 'Sam Rivera',
      aadObjectId: 'sam-rivera',
      email: 'sam@contoso.example',
    };
    const none = await fetchTask(sam, '<p>Anything?</p>');
    expect(none.body.task).toMatchObject({ type: 'message' });
    expect(none.body.task.value).toContain('no session you can ask in right now');
  });

  it('keeps the meeting chat card up to date, at most one update per 3 seconds through a burst of votes, waiting out a 429', async () => {
    const posted = connector.recorded.find(
      (r) => r.kind === 'send' && r.conversationId === MEETING_CHAT && r.body.includes('qnaRefresh'),
    )!;
    // Let any earlier update settle, then vote and take back 20 times in a row.
    await new Promise((resolve) => setTimeout(resolve, 3200));
    const question = (await questionByText('Can we go straight to actions?'))!;
    const before = connector.updates(MEETING_CHAT).length;
    const started = Date.now();
    for (let i = 0; i < 20; i += 1) {
      await click(JORDAN, 'qnaVote', { sessionId: SESSION_ID, questionId: question.id, vote: i % 2 === 0 }, MEETING);
    }
    const burstEnded = Date.now();
    // The burst shows in at most one update at its start and one trailing update after it: never more than
    // one every 3 seconds.
    await connector.waitFor(() => connector.updates(MEETING_CHAT).some((u) => u.at > burstEnded), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const updates = connector.updates(MEETING_CHAT).slice(before);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.filter((u) => u.at < started + 3000).length).toBeLessThanOrEqual(2);
    expect(updates.length).toBeLessThanOrEqual(2);
    const all = connector.updates(MEETING_CHAT);
    for (let i = 1; i < all.length; i += 1) expect(all[i]!.at - all[i - 1]!.at).toBeGreaterThanOrEqual(2900);
    // Every update replaces the queue card the bot posted there; the last one shows the final count (20 toggles: no vote).
    expect(new Set(updates.map((u) => u.activityId))).toEqual(new Set([posted.activityId]));
    await connector.waitFor(() => (connector.updates(MEETING_CHAT).at(-1)?.at ?? 0) > burstEnded);
    expect(votesOn(cardOf(connector.updates(MEETING_CHAT).at(-1)), question.text)).toBe(0);
    expect((await questionByText(question.text))!.votes).toBe(0);

    // Throttled: the update waits for Retry-After and still lands.
    await new Promise((resolve) => setTimeout(resolve, 3200));
    connector.throttleNextUpdates(1);
    const throttledFrom = connector.updates(MEETING_CHAT).length;
    await click(JORDAN, 'qnaVote', { sessionId: SESSION_ID, questionId: question.id, vote: true }, MEETING);
    await connector.waitFor(() => connector.updates(MEETING_CHAT).length > throttledFrom);
    expect(connector.throttled).toBe(1);
    expect(votesOn(cardOf(connector.updates(MEETING_CHAT).at(-1)), question.text)).toBe(1);
  });
});
