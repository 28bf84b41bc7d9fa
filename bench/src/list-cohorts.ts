import { listCohorts as listCohortsUseCase, newSession, type Cohort } from '@peerloop/core';
import { startBenchStack, warmAndCountRequests } from './bench-stack.js';
import { interleaved, report, round, summarize, time } from './measure.js';

// list-cohorts: GET /api/cohorts through the whole local stack (HTTP host, token check, two queries to the
// embedded store through @azure/cosmos), against one raw SDK point read of a cohort, measured in one run.
// A third series calls the same use case in-process, to split the store's cost from HTTP and auth.
const COHORTS = 50;
const SESSIONS_PER_COHORT = 4;
const ROUNDS = 40;
const BATCH = 10;
const CONCURRENCY = 8;

const stack = await startBenchStack();
try {
  const tenantId = stack.config.devTenantId;
  const now = Date.now();
  for (let i = 0; i < COHORTS; i += 1) {
    const cohort: Cohort = {
      tenantId,
      id: `bench-cohort-${i}`,
      programId: 'admin-community',
      name: `Bench cohort ${i}`,
      purpose: 'A cohort for measuring the list.',
      kind: 'peer-learning-group',
      commonThreads: { level: i % 2 ? 'Senior' : 'Associate', function: 'IT Operations' },
      status: 'active',
      members: Array.from({ length: 12 }, (_, m) => ({
        userId: `member-${i}-${m}`,
        displayName: `Member ${m}`,
        role: m === 0 ? ('facilitator' as const) : ('member' as const),
        joinedAt: new Date(now).toISOString(),
      })),
      createdBy: 'avery-chen',
      createdAt: new Date(now - i * 1000).toISOString(),
    };
    await stack.runtime.cohorts.create(cohort);
    for (let s = 0; s < SESSIONS_PER_COHORT; s += 1) {
      const startsAt = new Date(now + (s + 1) * 7 * 86_400_000 + i * 60_000);
      const session = newSession({
        tenantId,
        id: `bench-session-${i}-${s}`,
        cohortId: cohort.id,
        programId: 'admin-community',
        kind: 'learning-lunch',
        title: `Lunch ${s}`,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        timeZone: 'UTC',
        createdBy: 'avery-chen',
        createdAt: new Date(now).toISOString(),
      });
      await stack.runtime.sessions.create(session);
    }
  }

  const container = stack.runtime.cosmos.database(stack.config.cosmos.database).container('cohorts');
  const pointRead = () => container.item('bench-cohort-0', tenantId).read();
  const url = `${stack.host.url}/api/cohorts`;
  const headers = { authorization: 'Bearer dev:avery-chen' };
  let listed = 0;
  const listCohorts = async () => {
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { items: unknown[] };
    if (response.status !== 200) throw new Error(`list-cohorts answered ${response.status}`);
    listed = body.items.length;
  };

  const { storeRequests, queryPlans } = await warmAndCountRequests(stack, pointRead, listCohorts);

  // The same use case called in-process: the store's share of the cost (two queries), without HTTP and auth.
  const actor = { tenantId, userId: 'avery-chen' };
  const useCase = () => listCohortsUseCase(stack.runtime, actor, {});
  const [raw, inProcess, api] = await interleaved(ROUNDS, BATCH, [pointRead, useCase, listCohorts]);
  const rawStats = summarize(raw!);
  const useCaseStats = summarize(inProcess!);
  const apiStats = summarize(api!);

  // Throughput with several requests in flight, as the Functions host would see from many tabs.
  const total = 400;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        next += 1;
        await listCohorts();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const warm = await time(listCohorts);

  report('list-cohorts', {
    cohorts: listed,
    sessions: COHORTS * SESSIONS_PER_COHORT + 4,
    api_p50_ms: apiStats.p50,
    api_p95_ms: apiStats.p95,
    raw_point_read_p50_ms: rawStats.p50,
    raw_point_read_p95_ms: rawStats.p95,
    ratio_p50: round(apiStats.p50 / rawStats.p50, 2),
    overhead_p50_ms: round(apiStats.p50 - rawStats.p50),
    use_case_in_process_p50_ms: useCaseStats.p50,
    http_and_auth_overhead_p50_ms: round(apiStats.p50 - useCaseStats.p50),
    api_rps_sequential: round(1000 / apiStats.mean, 1),
    raw_rps_sequential: round(1000 / rawStats.mean, 1),
    api_rps_concurrent: round(total / seconds, 1),
    concurrency: CONCURRENCY,
    store_round_trips: storeRequests,
    sdk_query_plan_lookups: queryPlans,
    samples: apiStats.count,
    last_ms: round(warm),
  });
} finally {
  await stack.close();
}
