import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { DeliveryIds, newSession, type Session } from '@peerloop/core';
import { attachReminders, rememberPersonalChats } from '../../api/dist/reminders/local-reminders.js';
import { reminderSettings } from '../../api/dist/reminders/reminders-runtime.js';
import { BotDeliveryChannel, TeamsRateLimiter } from '../../bot/dist/proactive/index.js';
import { startBenchStack } from './bench-stack.js';
import { report, round } from './measure.js';

// reminder-fanout: 10,000 session reminders to 10,000 people of one tenant, all due at the same moment, sent by
// the reminders engine (a timer tick a minute) through the stand-in Bot Connector of the integration tests, which
// enforces Teams' limits (7/s and 60/30 s per conversation, 50/s per tenant) and answers 429 beyond them.
// Reports throughput as a share of the configured tenant rate, duplicates and misses counted on the stand-in,
// lateness of each arrival against its reminder's due time, and the 429s received.
// REMINDER_FANOUT_COUNT (default 10000) and REMINDER_FANOUT_RATE (default 45) change the figures for a quick run.
const COUNT = Number(process.env.REMINDER_FANOUT_COUNT ?? 10_000);
const RATE = Number(process.env.REMINDER_FANOUT_RATE ?? 45);
/** People per session: sessions are peer-learning sized at most (capacity up to 1,000). */
const PER_SESSION = 1_000;
/** The timer's first tick comes this long before the reminders fall due. */
const FIRST_TICK_BEFORE_DUE_MS = 4.5 * 60_000;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What the bench uses of tests/support/connector-stand-in.ts. */
interface StandIn {
  readonly serviceUrl: string;
  readonly activities: readonly { activity: { attachments?: unknown[] }; receivedAt: number; conversationId: string }[];
  readonly limited: number;
  readonly throttled: number;
  readonly answers: readonly { status: number }[];
  close(): Promise<void>;
}
interface StandInModule {
  ConnectorStandIn: { start(options: { limits?: unknown }): Promise<StandIn> };
  TEAMS_LIMITS: unknown;
}

/**
 * The integration tests' stand-in, compiled on the fly: the bench project cannot include tests/ (its rootDir is
 * src), and one stand-in for tests and bench keeps them measuring the same thing.
 */
async function loadStandIn(): Promise<{ module: StandInModule; cleanup: () => Promise<void> }> {
  const source = await readFile(join(repoRoot, 'tests/support/connector-stand-in.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const dir = await mkdtemp(join(tmpdir(), 'peerloop-stand-in-'));
  const file = join(dir, 'connector-stand-in.mjs');
  await writeFile(file, outputText);
  const module = (await import(pathToFileURL(file).href)) as StandInModule;
  return { module, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const stack = await startBenchStack();
const { module: standInModule, cleanup } = await loadStandIn();
const standIn = await standInModule.ConnectorStandIn.start({ limits: standInModule.TEAMS_LIMITS });
const tenantId = stack.config.devTenantId;
const logLines: string[] = [];
const local = await attachReminders(stack, {
  channel: (adapter) => new BotDeliveryChannel({ adapter, appId: '', log: (line) => logLines.push(line) }),
  throttle: new TeamsRateLimiter({ tenantPerSecond: RATE }),
  settings: reminderSettings({ plan: { sendRatePerSecond: RATE } }),
  serve: false,
  log: (line) => logLines.push(line),
});

try {
  // 10,000 people who installed PeerLoop, split over sessions that all start 24 hours and a few seconds from
  // now: every 24-hour reminder falls due at the same moment.
  const people = Array.from({ length: COUNT }, (_, i) => `fanout-${String(i).padStart(5, '0')}`);
  await rememberPersonalChats(local.reminders, tenantId, standIn.serviceUrl, people, 32);
  const seeded = Date.now();
  const startsAt = new Date(seeded + 1440 * 60_000 + FIRST_TICK_BEFORE_DUE_MS + 2_000).toISOString();
  const dueAt = Date.parse(startsAt) - 1440 * 60_000;
  const sessions: Session[] = [];
  for (let from = 0; from < COUNT; from += PER_SESSION) {
    const going = people.slice(from, from + PER_SESSION);
    const at = new Date(seeded).toISOString();
    sessions.push(
      newSession({
        tenantId,
        id: `fanout-session-${from / PER_SESSION}`,
        cohortId: 'senior-admins-roundtable',
        programId: 'admin-community',
        kind: 'learning-lunch',
        title: `All-hands learning lunch ${from / PER_SESSION + 1}`,
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
        timeZone: 'Europe/London',
        capacity: PER_SESSION,
        rsvps: Object.fromEntries(going.map((userId) => [userId, { status: 'going' as const, respondedAt: at }])),
        createdBy: 'hana-suzuki',
        createdAt: at,
      }),
    );
  }
  await stack.runtime.sessions.createMany(sessions);
  // The timer, as in Azure: a tick a minute, from a few minutes before the reminders fall due. A tick plans what
  // is due (a wave this big starts early enough to be through on time) and keeps dispatching while a backlog
  // lasts; the next one starts at the next minute.
  const isFanOut = (recorded: StandIn['activities'][number]) =>
    JSON.stringify(recorded.activity.attachments ?? []).includes('"deliveryId":"reminder.fanout-session-');
  const tick = { planned: { created: 0 }, dispatched: { sent: 0, lostClaims: 0, failed: 0 } };
  let ticks = 0;
  let nextTick = dueAt - FIRST_TICK_BEFORE_DUE_MS;
  const tickStarted = Date.now();
  while (standIn.activities.filter(isFanOut).length < COUNT && Date.now() < dueAt + 15 * 60_000) {
    while (Date.now() < nextTick) await new Promise((r) => setTimeout(r, 50));
    const one = await local.reminders.tick();
    ticks += 1;
    tick.planned.created += one.planned.created;
    tick.dispatched.sent += one.dispatched.sent;
    tick.dispatched.lostClaims += one.dispatched.lostClaims;
    tick.dispatched.failed += one.dispatched.failed;
    nextTick += 60_000;
    while (nextTick < Date.now()) nextTick += 60_000;
  }
  const tickSeconds = (Date.now() - tickStarted) / 1000;

  const arrivals = new Map<string, number>();
  const lateness: number[] = [];
  for (const recorded of standIn.activities) {
    const id = /"deliveryId":"([^"]+)"/.exec(JSON.stringify(recorded.activity.attachments ?? []))?.[1];
    if (!id?.startsWith('reminder.fanout-session-')) continue;
    if (!arrivals.has(id)) lateness.push(recorded.receivedAt - dueAt);
    arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
  }
  const expected = new Set(
    sessions.flatMap((s) => Object.keys(s.rsvps).map((userId) => DeliveryIds.reminder(s.id, s.startsAt, 1440, userId))),
  );
  const times = standIn.activities.map((a) => a.receivedAt).sort((a, b) => a - b);
  const spanSeconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  const throughput = times.length > 1 ? (times.length - 1) / spanSeconds : 0;
  // The rate through the fan-out, per 30 s: a steady rate, or one that sags as the store fills?
  const slices: number[] = [];
  for (const at of times) {
    const slice = Math.floor((at - times[0]!) / 30_000);
    slices[slice] = (slices[slice] ?? 0) + 1;
  }
  const sortedLateness = [...lateness].sort((a, b) => a - b);
  const duplicates = [...arrivals.values()].reduce((sum, n) => sum + n - 1, 0);
  const misses = [...expected].filter((id) => !arrivals.has(id)).length;
  const unexpected = [...arrivals.keys()].filter((id) => !expected.has(id)).length;

  report('reminder-fanout', {
    reminders: COUNT,
    tenantRatePerSecond: RATE,
    sent: tick.dispatched.sent,
    throughputPerSecond: round(throughput, 2),
    shareOfTenantRate: round(throughput / RATE, 3),
    duplicates,
    misses,
    unexpected,
    latenessMs: {
      p50: round(percentile(sortedLateness, 0.5), 0),
      p99: round(percentile(sortedLateness, 0.99), 0),
      max: round(sortedLateness.at(-1) ?? Number.NaN, 0),
    },
    firstSentBeforeDueSeconds: round((dueAt - (times[0] ?? dueAt)) / 1000, 1),
    lastSentAfterDueSeconds: round(((times.at(-1) ?? dueAt) - dueAt) / 1000, 1),
    ticks,
    fanOutSeconds: round(spanSeconds, 1),
    perSecondBy30s: Array.from(slices, (n) => round((n ?? 0) / 30, 1)),
    tickSeconds: round(tickSeconds, 1),
    planned: tick.planned.created,
    received429: standIn.answers.filter((a) => a.status === 429).length,
    lostClaims: tick.dispatched.lostClaims,
    failed: tick.dispatched.failed,
  });
  if (duplicates > 0 || misses > 0 || unexpected > 0) process.exitCode = 1;
} finally {
  await local.close();
  await standIn.close();
  await stack.close();
  await cleanup();
  if (logLines.length > 0) console.error(logLines.slice(0, 20).join('\n'));
}
