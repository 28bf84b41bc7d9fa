import type { LocalStack } from '../../api/src/local/stack';
import { newSession } from '@peerloop/core';
import { DEV_TENANT, startTestStack } from '../support/stack';

/**
 * The promise of ADR 0005, checked end to end: in an anonymous flow, no response body, header, live event,
 * CSV export or console line carries the asker's id, name, e-mail or pseudonym — to anyone.
 */
describe('an anonymous question leaves no trace of its author', () => {
  let stack: LocalStack;
  const seen: string[] = [];
  const logged: string[] = [];
  const restore: (() => void)[] = [];

  const ASKER = { id: 'diego-alvarez', name: 'Diego Alvarez', email: 'diego@contoso.example' };
  const tokens = { asker: `dev:${ASKER.id}`, host: 'dev:hana-suzuki', peer: 'dev:jordan-patel' };

  beforeAll(async () => {
    stack = await startTestStack();
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        logged.push(
          args
            .map((a) => (a instanceof Error ? `${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a)))
            .join(' '),
        );
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
  });
  afterAll(async () => {
    for (const undo of restore) undo();
    await stack.close();
  });

  async function call(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
    const response = await fetch(`${stack.host.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    seen.push(`${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${text}`);
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  }

  /** Reads a live stream in the background, keeping every byte it receives. */
  async function listen(sessionId: string, token: string) {
    const controller = new AbortController();
    const response = await fetch(`${stack.host.url}/api/sessions/${sessionId}/questions/live`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const done = (async () => {
      try {
        for (;;) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          received += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted
      }
    })();
    return {
      received: () => received,
      stop: async () => {
        controller.abort();
        await done;
        seen.push(received);
      },
    };
  }

  it('in every response, live event, export and log line', async () => {
    const session = newSession({
      tenantId: DEV_TENANT,
      id: 'anonymity-fireside',
      cohortId: 'senior-admins-roundtable',
      programId: 'admin-community',
      kind: 'fireside-chat',
      title: 'Fireside: what we got wrong',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      timeZone: 'Europe/London',
      createdBy: 'hana-suzuki',
      createdAt: new Date().toISOString(),
    });
    await stack.runtime.sessions.create(session);
    const base = `/api/sessions/${session.id}/questions`;
    const hostLive = await listen(session.id, tokens.host);
    const peerLive = await listen(session.id, tokens.peer);

    const asked = await call(base, tokens.asker, {
      method: 'POST',
      body: { text: 'Is it safe to disagree here?', anonymous: true },
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id as string;
    await call(`${base}/${id}`, tokens.asker, {
      method: 'PATCH',
      body: { text: 'Is it really safe to disagree here?' },
    });
    await call(`${base}/${id}/vote`, tokens.peer, { method: 'PUT' });
    await call(`${base}/${id}/vote`, tokens.asker, { method: 'PUT' });
    await call(`${base}/${id}/vote`, tokens.asker, { method: 'PUT' });
    for (const token of Object.values(tokens)) await call(base, token);
    await call(`${base}/${id}/moderation`, tokens.host, { method: 'POST', body: { action: 'pin' } });
    await call(`${base}/next`, tokens.host, { method: 'POST' });
    await call(`${base}/export`, tokens.host);
    // Failures too: a bad edit, someone else's withdrawal, an unknown question, a flood.
    await call(`${base}/${id}`, tokens.asker, { method: 'PATCH', body: { text: '' } });
    await call(`${base}/${id}`, tokens.peer, { method: 'DELETE' });
    for (let i = 0; i < 6; i += 1) {
      await call(base, tokens.asker, { method: 'POST', body: { text: `Anonymous follow-up ${i}`, anonymous: true } });
    }
    const second = seen.length;
    await call(`${base}/${id}/moderation`, tokens.host, { method: 'POST', body: { action: 'answer', answer: 'Yes.' } });

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hostLive.received()).toContain('event: qna');
    expect(peerLive.received()).toContain('Is it really safe to disagree here?');
    await hostLive.stop();
    await peerLive.stop();

    expect(asked.body).toMatchObject({ anonymous: true, askedBy: null, mine: true });
    expect(seen.length).toBeGreaterThan(second);
    const authorKey = stack.runtime.authorKeys.keyFor(DEV_TENANT, ASKER.id);
    const traces = [ASKER.id, ASKER.name, ASKER.email, 'Diego', authorKey];
    const everything = [...seen, ...logged].join('\n');
    for (const trace of traces) expect(everything).not.toContain(trace);
    // The sweep would notice: the same flow reveals the name of a named question.
    const named = await call(base, tokens.peer, { method: 'POST', body: { text: 'Named', anonymous: false } });
    expect(JSON.stringify(named.body)).toContain('Jordan Patel');
  });
});
