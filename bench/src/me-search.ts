import { libraryAccess, LIBRARY_ITEM_KINDS, newLibraryItem, TEXT_KINDS, type LibraryItem } from '@peerloop/core';
import { startBenchStack, warmAndCountRequests } from './bench-stack.js';
import { interleaved, report, round, summarize, time } from './measure.js';

// me-search: the messaging extension's search command (library items, sessions and cohorts) over a library
// of 10,000 items, through the real bot endpoint: HTTP POSTs of `composeExtension/query` invokes to
// /api/messages, as Teams sends them. Against one raw SDK point read of an item, in the same run; store
// round trips counted per search, and the largest card answered.
const ITEMS = 10_000;
const SEED_CONCURRENCY = 32;
const ROUNDS = 30;
const BATCH = 5;
const PART_SAMPLES = 20;

const TOPICS = [
  'powershell',
  'azure',
  'incident',
  'onboarding',
  'kubernetes',
  'backup',
  'identity',
  'networking',
  'security',
  'monitoring',
  'automation',
  'licensing',
] as const;
const SKILLS = ['scripting', 'cloud', 'incident response', 'reliability', 'ticketing', 'architecture'] as const;
/** What people type: one word, two words, a word in tags only, and a word nothing has. */
const QUERIES = ['powershell', 'azure backup', 'reliability', 'kubernetes monitoring', 'zebra'] as const;

const stack = await startBenchStack();
try {
  const tenantId = stack.config.devTenantId;
  const now = Date.now();
  const item = (i: number): LibraryItem => {
    const kind = LIBRARY_ITEM_KINDS[i % LIBRARY_ITEM_KINDS.length]!;
    const topic = TOPICS[i % TOPICS.length]!;
    const second = TOPICS[(i * 7 + 3) % TOPICS.length]!;
    const at = new Date(now - i * 60_000).toISOString();
    const raters = i % 5;
    return newLibraryItem({
      tenantId,
      id: `bench-item-${i}`,
      programId: 'admin-community',
      // One in ten is shared with a cohort (the searcher is in this one); one in fifty is hidden.
      ...(i % 10 === 0 ? { cohortId: 'senior-admins-roundtable' } : {}),
      kind,
      title: `${topic} and ${second}: lesson ${i}`,
      summary: `What we learned about ${topic} in practice, with ${second} examples and a checklist.`,
      ...(TEXT_KINDS.includes(kind)
        ? { body: `- **${topic}**: start small\n- measure ${second} first\n- write it down (${i})` }
        : { url: `https://contoso.sharepoint.com/sites/admins/doc-${i}.pptx` }),
      tags: [topic, second],
      skills: [SKILLS[i % SKILLS.length]!],
      author: { userId: 'jordan-patel', displayName: 'Jordan Patel' },
      state: i % 50 === 0 ? 'hidden' : 'visible',
      ratingCount: raters,
      ratingSum: raters * 4,
      ratingAverage: raters ? 4 : 0,
      views: i % 37,
      viewers: i % 23,
      completions: i % 7,
      createdAt: at,
    });
  };
  const seedStart = performance.now();
  for (let start = 0; start < ITEMS; start += SEED_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(SEED_CONCURRENCY, ITEMS - start) }, (_, k) => item(start + k));
    await Promise.all(batch.map((i) => stack.runtime.library.create(i)));
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const container = stack.runtime.cosmos.database(stack.config.cosmos.database).container('library');
  const pointRead = () => container.item('bench-item-5000', tenantId).read();

  let invokeNumber = 0;
  const largest = { bytes: 0, results: [] as number[] };
  /** One search as Teams sends it, from Diego (a member of the roundtable, agreements accepted). */
  const searchFor = (text: string) => async () => {
    invokeNumber += 1;
    const response = await fetch(`${stack.host.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'composeExtension/query',
        value: {
          commandId: 'searchLibrary',
          parameters: text ? [{ name: 'query', value: text }] : [{ name: 'initialRun', value: 'true' }],
          queryOptions: { skip: 0, count: 25 },
        },
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        id: `bench-${invokeNumber}`,
        timestamp: new Date().toISOString(),
        from: { id: '29:diego', name: 'Diego Alvarez', aadObjectId: 'diego-alvarez' },
        recipient: { id: '28:peerloop-bot', name: 'PeerLoop' },
        conversation: { id: '19:bench@thread.v2', conversationType: 'groupChat', tenantId },
        channelData: { tenant: { id: tenantId } },
      }),
    });
    const answer = (await response.json()) as {
      composeExtension?: { type: string; attachments?: { preview?: unknown }[] };
    };
    if (response.status !== 200 || answer.composeExtension?.type !== 'result') {
      throw new Error(`search answered ${response.status} ${JSON.stringify(answer).slice(0, 200)}`);
    }
    const attachments = answer.composeExtension.attachments ?? [];
    largest.results.push(attachments.length);
    for (const attachment of attachments) {
      largest.bytes = Math.max(largest.bytes, Buffer.byteLength(JSON.stringify(attachment), 'utf8'));
    }
  };
  let next = 0;
  const search = () => searchFor(QUERIES[next++ % QUERIES.length]!)();
  const initialRun = searchFor('');

  const { storeRequests, queryPlans } = await warmAndCountRequests(stack, pointRead, searchFor('powershell'), 10);
  const initial = await warmAndCountRequests(stack, pointRead, initialRun, 3);
  largest.results.length = 0;

  const [raw, searches, initials] = await interleaved(ROUNDS, BATCH, [pointRead, search, initialRun]);
  // Where the time goes: the two library queries a search waits on, straight to the repository.
  const diego = { tenantId, userId: 'diego-alvarez', displayName: 'Diego Alvarez' };
  const { visibility } = await libraryAccess(stack.runtime, diego);
  const parts = { search: [] as number[], usesOf: [] as number[] };
  for (let i = 0; i < PART_SAMPLES; i += 1) {
    parts.search.push(
      await time(() =>
        stack.runtime.library.search(tenantId, { visibility, words: ['powershell'], sort: 'recent', limit: 200 }),
      ),
    );
    parts.usesOf.push(await time(() => stack.runtime.library.usesOf(tenantId, diego.userId)));
  }
  const rawStats = summarize(raw!);
  const searchStats = summarize(searches!);
  const initialStats = summarize(initials!);
  report('me-search', {
    library_items: ITEMS,
    seed_seconds: round(seedSeconds, 1),
    queries: QUERIES,
    me_search_p50_ms: searchStats.p50,
    me_search_p95_ms: searchStats.p95,
    initial_run_p50_ms: initialStats.p50,
    initial_run_p95_ms: initialStats.p95,
    raw_point_read_p50_ms: rawStats.p50,
    raw_point_read_p95_ms: rawStats.p95,
    ratio_p50: round(searchStats.p50 / rawStats.p50, 1),
    overhead_p50_ms: round(searchStats.p50 - rawStats.p50),
    store_round_trips: storeRequests,
    sdk_query_plan_lookups: queryPlans,
    initial_run_store_round_trips: initial.storeRequests,
    repository_search_p50_ms: summarize(parts.search).p50,
    repository_uses_of_p50_ms: summarize(parts.usesOf).p50,
    results_per_search_max: Math.max(...largest.results),
    largest_card_bytes: largest.bytes,
    card_limit_bytes: 28 * 1024,
    samples: searchStats.count,
  });
} finally {
  await stack.close();
}
