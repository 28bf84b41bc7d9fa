import { newSession, type Cohort } from '@peerloop/core';
import { startBenchStack } from './bench-stack.js';
import { report, round, summarize, time } from './measure.js';

// qna-live: 100 participants ask 300 questions and cast 3,000 votes (plus 300 repeated votes that must not
// count) through the HTTP API while a participant's side panel listens over server-sent events. Writes are
// paced (open loop: each has a send time, latency counts from it, so a backlog shows): questions at 50/s,
// votes at 150/s by default (QNA_ASK_RATE, QNA_VOTE_RATE), far busier than a real fireside chat. Reports write
// latency, how long each change took to reach the listener from its send time, and whether the final counts
// are exact; against one raw SDK point read of a question, measured in the same run.
const PARTICIPANTS = 100;
const QUESTIONS = 300;
const VOTES = 3000;
const REPEATS = 300;
const QUIET_VOTES = 25;
const ASK_RATE = Number(process.env.QNA_ASK_RATE ?? 50);
const VOTE_RATE = Number(process.env.QNA_VOTE_RATE ?? 150);

/** Runs `act` for each item at its own send time (`rate` per second from now), all in flight at once. */
async function paced<T>(items: readonly T[], rate: number, act: (item: T, sendAt: number) => Promise<void>) {
  const start = performance.now();
  await Promise.all(
    items.map(async (item, index) => {
      const sendAt = start + (index * 1000) / rate;
      const wait = sendAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await act(item, sendAt);
    }),
  );
  return (performance.now() - start) / 1000;
}
const SESSION_ID = 'bench-fireside';

const stack = await startBenchStack();
const tenantId = stack.config.devTenantId;
const base = stack.host.url;

/** A deterministic shuffle, so every run casts the same votes. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function call(path: string, token: string, method = 'GET', body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer dev:${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

try {
  const now = new Date();
  const people = Array.from({ length: PARTICIPANTS }, (_, i) => `participant-${String(i).padStart(3, '0')}`);
  const accepted = { codeOfConductVersion: 1, confidentialityVersion: 1, acceptedAt: now.toISOString() };
  await stack.runtime.cohorts.update(tenantId, 'senior-admins-roundtable', (current: Cohort) => ({
    next: {
      ...current,
      members: [
        ...current.members,
        ...people.map((userId) => ({
          userId,
          displayName: userId,
          role: 'member' as const,
          joinedAt: now.toISOString(),
          agreements: accepted,
        })),
      ],
    },
    result: null,
  }));
  await stack.runtime.sessions.create(
    newSession({
      tenantId,
      id: SESSION_ID,
      cohortId: 'senior-admins-roundtable',
      programId: 'admin-community',
      kind: 'fireside-chat',
      title: 'Bench fireside',
      startsAt: new Date(now.getTime() + 600_000).toISOString(),
      endsAt: new Date(now.getTime() + 4_200_000).toISOString(),
      timeZone: 'Europe/London',
      createdBy: 'hana-suzuki',
      createdAt: now.toISOString(),
    }),
  );
  const path = `/api/sessions/${SESSION_ID}/questions`;

  // The listening side panel: records when each question first appeared and when each vote count was seen.
  const firstSeen = new Map<string, number>();
  const votesSeenAt = new Map<string, number[]>(); // question id -> time the listener first saw each count
  let events = 0;
  const controller = new AbortController();
  const stream = await fetch(`${base}${path}/live`, {
    headers: { authorization: 'Bearer dev:participant-099' },
    signal: controller.signal,
  });
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  const listening = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^event: qna\ndata: (.*)$/ms.exec(frame)?.[1];
          if (!data) continue;
          events += 1;
          const event = JSON.parse(data) as { questions: { id: string; votes: number }[] };
          for (const question of event.questions) {
            if (!firstSeen.has(question.id)) firstSeen.set(question.id, at);
            const seen = votesSeenAt.get(question.id) ?? [];
            for (let count = seen.length; count <= question.votes; count += 1) seen[count] = at;
            votesSeenAt.set(question.id, seen);
          }
        }
      }
    } catch {
      // aborted at the end
    }
  })();

  // Baseline: one raw SDK point read of a question document, in this run.
  const probe = (await call(path, 'hana-suzuki', 'POST', { text: 'Baseline probe question' })) as { id: string };
  const raw = () =>
    stack.runtime.cosmos
      .database(stack.config.cosmos.database)
      .container('questions')
      .item(probe.id, [tenantId, SESSION_ID])
      .read();
  for (let i = 0; i < 50; i += 1) await raw();
  const baseline: number[] = [];
  for (let i = 0; i < 200; i += 1) baseline.push(await time(raw));

  // 300 questions: three per participant, a third of them anonymous.
  const askLatency: number[] = [];
  const askSentAt = new Map<string, number>();
  const questionIds: string[] = [];
  const asks = Array.from({ length: QUESTIONS }, (_, i) => ({ person: people[i % PARTICIPANTS]!, k: i }));
  const askSeconds = await paced(asks, ASK_RATE, async ({ person, k }, sendAt) => {
    const created = (await call(path, person, 'POST', {
      text: `Question ${k} from ${person}: what would you do differently?`,
      anonymous: k % 3 === 0,
    })) as { id: string };
    askLatency.push(performance.now() - sendAt);
    askSentAt.set(created.id, sendAt);
    questionIds.push(created.id);
  });

  // 3,000 distinct (person, question) votes, plus 300 repeats of some of them, spread over all participants.
  const next = random(42);
  const planned = new Map<string, Set<string>>();
  const votesBy = new Map<string, string[]>(people.map((p) => [p, []]));
  let placed = 0;
  while (placed < VOTES) {
    const person = people[Math.floor(next() * PARTICIPANTS)]!;
    const question = questionIds[Math.floor(next() * questionIds.length)]!;
    const voters = planned.get(question) ?? new Set<string>();
    if (voters.has(person)) continue;
    voters.add(person);
    planned.set(question, voters);
    votesBy.get(person)!.push(question);
    placed += 1;
  }
  for (let r = 0; r < REPEATS; r += 1) {
    const person = people[r % PARTICIPANTS]!;
    const mine = votesBy.get(person)!;
    if (mine.length > 0) mine.push(mine[Math.floor(next() * mine.length)]!);
  }
  // Unloaded: one host votes on 25 questions one after another, then takes the votes back (50 vote changes,
  // under the 60-a-minute flood guard).
  const quiet: number[] = [];
  for (const question of questionIds.slice(0, QUIET_VOTES))
    quiet.push(await time(() => call(`${path}/${question}/vote`, 'hana-suzuki', 'PUT')));
  for (const question of questionIds.slice(0, QUIET_VOTES)) await call(`${path}/${question}/vote`, 'hana-suzuki', 'DELETE');

  // Warm-up at the vote rate (not measured): connection pools to the API and the store grow to the new rate.
  await paced(people, VOTE_RATE / 2, async (person) => {
    await call(`${path}/${probe.id}/vote`, person, 'PUT');
    await call(`${path}/${probe.id}/vote`, person, 'DELETE');
  });

  const voteLatency: number[] = [];
  const voteSent: { question: string; count: number; sent: number }[] = [];
  // Round-robin over participants, so everyone votes throughout.
  const votes: { person: string; question: string }[] = [];
  for (let round = 0; votes.length < VOTES + REPEATS; round += 1) {
    for (const person of people) {
      const question = votesBy.get(person)![round];
      if (question) votes.push({ person, question });
    }
  }
  const voteSeconds = await paced(votes, VOTE_RATE, async ({ person, question }, sendAt) => {
    const result = (await call(`${path}/${question}/vote`, person, 'PUT')) as { votes: number };
    voteLatency.push(performance.now() - sendAt);
    voteSent.push({ question, count: result.votes, sent: sendAt });
  });

  await new Promise((resolve) => setTimeout(resolve, 1000));
  controller.abort();
  await listening;

  const final = (await call(path, 'hana-suzuki')) as { questions: { id: string; votes: number }[] };
  const counts = new Map(final.questions.map((q) => [q.id, q.votes]));
  const exact =
    questionIds.every((id) => counts.get(id) === (planned.get(id)?.size ?? 0)) &&
    [...counts.values()].reduce((sum, v) => sum + v, 0) === VOTES;

  const propagation: number[] = [];
  let missed = 0;
  for (const [id, sent] of askSentAt) {
    const seen = firstSeen.get(id);
    if (seen === undefined) missed += 1;
    else propagation.push(seen - sent);
  }
  for (const { question, count, sent } of voteSent) {
    const seen = votesSeenAt.get(question)?.[count];
    if (seen === undefined) missed += 1;
    else propagation.push(Math.max(0, seen - sent));
  }

  const point = summarize(baseline);
  const ask = summarize(askLatency);
  const vote = summarize(voteLatency);
  const live = summarize(propagation);
  report('qna-live', {
    participants: PARTICIPANTS,
    questions: questionIds.length,
    votes: VOTES,
    repeatedVotes: REPEATS,
    askRate: { offered: ASK_RATE, achieved: round(QUESTIONS / askSeconds, 1) },
    voteRate: { offered: VOTE_RATE, achieved: round((VOTES + REPEATS) / voteSeconds, 1) },
    baselinePointReadMs: { p50: point.p50, p95: point.p95 },
    askMs: { p50: ask.p50, p95: ask.p95 },
    voteMs: { p50: vote.p50, p95: vote.p95 },
    voteUnloadedMs: { p50: summarize(quiet).p50, p95: summarize(quiet).p95 },
    voteP50OverPointRead: round(vote.p50 / point.p50, 1),
    propagationMs: { p50: live.p50, p95: live.p95, max: round(Math.max(...propagation)) },
    changesNotSeen: missed,
    liveEvents: events,
    changesPerEvent: round((questionIds.length + VOTES) / Math.max(1, events), 2),
    finalCountsExact: exact,
  });
  if (!exact || missed > 0) process.exitCode = 1;
} finally {
  await stack.close();
}
