import { newSession } from '@peerloop/core';
import { startBenchStack, warmAndCountRequests } from './bench-stack.js';
import { interleaved, report, round, summarize } from './measure.js';

// calendar-month: GET /api/sessions for one cohort's month (the channel tab's month view) when the cohort
// has 200 sessions (a weekly series over four years), against one raw SDK point read, in one run.
const SESSIONS = 200;
const ROUNDS = 40;
const BATCH = 10;

const stack = await startBenchStack();
try {
  const tenantId = stack.config.devTenantId;
  const firstMonday = Date.UTC(2027, 0, 4, 12, 0);
  const week = 7 * 86_400_000;
  await stack.runtime.sessions.createMany(
    Array.from({ length: SESSIONS }, (_, i) =>
      newSession({
        tenantId,
        id: `bench-series-${i}`,
        cohortId: 'new-admins-circle',
        programId: 'admin-community',
        kind: 'learning-lunch',
        title: `Weekly lunch ${i}`,
        startsAt: new Date(firstMonday + i * week).toISOString(),
        endsAt: new Date(firstMonday + i * week + 3_600_000).toISOString(),
        timeZone: 'Europe/London',
        capacity: 20,
        rsvps: Object.fromEntries(
          Array.from({ length: 12 }, (_, r) => [
            `person-${r}`,
            { status: 'going', respondedAt: new Date(firstMonday).toISOString() },
          ]),
        ),
        seriesId: 'bench-series',
        createdBy: 'fatima-okafor',
        createdAt: new Date(firstMonday).toISOString(),
      }),
    ),
  );

  const container = stack.runtime.cosmos.database(stack.config.cosmos.database).container('sessions');
  const pointRead = () => container.item('bench-series-100', tenantId).read();
  const range = 'from=2028-03-01T00:00:00Z&to=2028-04-01T00:00:00Z';
  const headers = { authorization: 'Bearer dev:sam-rivera' };
  let shown = 0;
  const monthOf = (scope: string) => async () => {
    const response = await fetch(`${stack.host.url}/api/sessions?${scope}&${range}`, { headers });
    if (response.status !== 200) throw new Error(`calendar month answered ${response.status}`);
    shown = ((await response.json()) as { items: unknown[] }).items.length;
  };
  // A cohort's month (the API's cohort filter, which also tells whether the reader runs the cohort), and the
  // program's month the channel tab actually asks for (it filters by cohort in the browser).
  const month = monthOf('cohortId=new-admins-circle');
  const programMonth = monthOf('programId=admin-community');

  const { storeRequests, queryPlans } = await warmAndCountRequests(stack, pointRead, month);
  const programScope = await warmAndCountRequests(stack, pointRead, programMonth, 5);

  const [raw, api, program] = await interleaved(ROUNDS, BATCH, [pointRead, month, programMonth]);
  const rawStats = summarize(raw!);
  const apiStats = summarize(api!);
  const programStats = summarize(program!);
  report('calendar-month', {
    cohort_sessions: SESSIONS,
    sessions_in_month: shown,
    api_p50_ms: apiStats.p50,
    api_p95_ms: apiStats.p95,
    raw_point_read_p50_ms: rawStats.p50,
    raw_point_read_p95_ms: rawStats.p95,
    ratio_p50: round(apiStats.p50 / rawStats.p50, 2),
    overhead_p50_ms: round(apiStats.p50 - rawStats.p50),
    api_rps_sequential: round(1000 / apiStats.mean, 1),
    store_round_trips: storeRequests,
    sdk_query_plan_lookups: queryPlans,
    program_month_p50_ms: programStats.p50,
    program_month_p95_ms: programStats.p95,
    program_month_store_round_trips: programScope.storeRequests,
    samples: apiStats.count,
  });
} finally {
  await stack.close();
}
