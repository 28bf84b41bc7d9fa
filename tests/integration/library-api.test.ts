import type { LocalStack } from '../../api/src/local/stack';
import { api, DEV_TENANT, startTestStack } from '../support/stack';

const OWNER = 'dev:avery-chen'; // owns the Admin Community program
const JORDAN = 'dev:jordan-patel'; // Senior Admins Roundtable member, agreements accepted
const PRIYA = 'dev:priya-nair'; // Cloud Migration Guild member (accepted), not in the roundtable
const SAM = 'dev:sam-rivera'; // guild member who has not accepted the agreements
const MORGAN = 'dev:morgan-lee'; // in no cohort
const HANA = 'dev:hana-suzuki'; // facilitates the roundtable (agreements not accepted: facilitators see anyway)
const PROGRAM = 'admin-community';

type Item = { id: string; title: string; [key: string]: any };

describe('the library through the API', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const search = async (token: string, query = '') => {
    const response = await api(stack, `/api/library/items${query}`, { token });
    expect(response.status).toBe(200);
    return response.body.items as Item[];
  };
  const share = (token: string, body: Record<string, unknown>) =>
    api(stack, '/api/library/items', { method: 'POST', token, body });
  const titles = (items: Item[]) => items.map((i) => i.title);

  it('shows program items to everyone, cohort items only to members who accepted the agreements, and its runners', async () => {
    const everyone = titles(await search(MORGAN));
    expect(everyone).toEqual(
      expect.arrayContaining(['PowerShell for everyday admin work', 'Tips for your first month on the service desk']),
    );
    expect(everyone).not.toContain('Escalation checklist for senior admins');
    expect(everyone).not.toContain('Notes on Site Reliability Engineering, chapters 1-3');

    expect(titles(await search(PRIYA))).toContain('Notes on Site Reliability Engineering, chapters 1-3');
    expect(titles(await search(PRIYA))).not.toContain('Escalation checklist for senior admins');
    expect(titles(await search(JORDAN))).toContain('Escalation checklist for senior admins');
    expect(titles(await search(HANA))).toContain('Escalation checklist for senior admins');
    expect(titles(await search(OWNER))).toEqual(
      expect.arrayContaining([
        'Escalation checklist for senior admins',
        'Notes on Site Reliability Engineering, chapters 1-3',
      ]),
    );

    // Guessing an id reveals nothing; a member who has not accepted is told what to do.
    const hidden = await api(stack, '/api/library/items/demo-item-escalation-checklist', { token: PRIYA });
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('Escalation');
    const gated = await api(stack, '/api/library/items/demo-item-sre-notes', { token: SAM });
    expect(gated.status).toBe(403);
    expect(gated.body.error).toMatchObject({ code: 'agreements_required', cohortId: 'cloud-migration-guild' });
    const gatedList = await api(stack, '/api/library/items?cohortId=cloud-migration-guild', { token: SAM });
    expect(gatedList.status).toBe(403);
    expect(titles(await search(SAM))).not.toContain('Notes on Site Reliability Engineering, chapters 1-3');
  });

  it('finds by words in title, summary and tags, filters by kind, skill and cohort, and sorts', async () => {
    expect(titles(await search(JORDAN, '?q=powershell'))[0]).toBe('PowerShell for everyday admin work');
    expect(titles(await search(JORDAN, '?q=hour%20week'))).toEqual(['PowerShell for everyday admin work']); // summary
    expect(titles(await search(JORDAN, '?q=on-call'))).toEqual(['Escalation checklist for senior admins']); // tag
    expect(titles(await search(JORDAN, '?q=nothing-like-this'))).toEqual([]);
    const recordings = await search(JORDAN, '?kind=recording');
    expect(recordings.length).toBeGreaterThan(0);
    expect(recordings.every((i) => i.kind === 'recording')).toBe(true);
    const incident = await search(JORDAN, '?skill=incident%20response');
    expect(titles(incident).sort()).toEqual(
      ['Escalation checklist for senior admins', 'Fireside chat recording: the identity outage'].sort(),
    );
    const roundtable = await search(JORDAN, '?cohortId=senior-admins-roundtable');
    expect(titles(roundtable)).toEqual(['Escalation checklist for senior admins']);
    const byRating = await search(JORDAN, '?sort=rating');
    const averages = byRating.map((i) => i.rating.average);
    expect(averages).toEqual([...averages].sort((a, b) => b - a));

    const bad = await api(stack, '/api/library/items?sort=loudest&limit=500', { token: JORDAN });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/sort/);
    expect(bad.body.error.message).toMatch(/limit/);
  });

  it('shares links and tips with clear errors, and stores tips without raw HTML or script links', async () => {
    const missingLink = await share(JORDAN, { programId: PROGRAM, kind: 'presentation', title: 'Slides' });
    expect(missingLink.status).toBe(400);
    expect(missingLink.body.error.message).toMatch(/url/);
    const scriptLink = await share(JORDAN, {
      programId: PROGRAM,
      kind: 'link',
      title: 'Sneaky',
      url: 'javascript:alert(1)',
    });
    expect(scriptLink.status).toBe(400);
    expect(scriptLink.body.error.message).toMatch(/url: must be a web address/);
    const notMine = await share(PRIYA, {
      programId: PROGRAM,
      cohortId: 'senior-admins-roundtable',
      kind: 'tip-list',
      title: 'Not my cohort',
      body: 'x',
    });
    expect(notMine.status).toBe(403);

    const tip = await share(JORDAN, {
      programId: PROGRAM,
      kind: 'tip-list',
      title: '  Three habits of calm on-call engineers ',
      summary: 'Small things.',
      body: 'Keep notes <script>alert(1)</script>\n\n[runbook](javascript:alert(2)) and <img src=x onerror=alert(3)> **breathe**',
      tags: ['On-Call', 'habits', 'on-call'],
      skills: ['Incident Response'],
    });
    expect(tip.status).toBe(201);
    expect(tip.body).toMatchObject({
      title: 'Three habits of calm on-call engineers',
      tags: ['on-call', 'habits'],
      skills: ['incident response'],
      author: { userId: 'jordan-patel' },
      canEdit: true,
      rating: { average: 0, count: 0 },
    });
    expect(tip.body.body).not.toMatch(/<script|onerror|<img|javascript:/i);
    expect(tip.body.body).toContain('**breathe**');
    expect(tip.body.body).toContain('[runbook](#)');
    expect(titles(await search(MORGAN, '?q=calm%20habits'))).toEqual(['Three habits of calm on-call engineers']);
  });

  it('counts one rating per person, changeable, exactly when 60 people rate at once', async () => {
    const shared = await share(JORDAN, {
      programId: PROGRAM,
      kind: 'link',
      title: 'Rated by many',
      url: 'https://learn.microsoft.com/powershell/',
    });
    const id = shared.body.id as string;
    const raters = Array.from({ length: 60 }, (_, i) => `dev:rater-${String(i).padStart(2, '0')}`);
    const rate = (token: string, stars: number) =>
      api(stack, `/api/library/items/${id}/rating`, { method: 'PUT', token, body: { stars } });
    // Everyone gives 4, and one person also sends 5 three times at once: that person counts once, as 5.
    const answers = await Promise.all([
      ...raters.map((token) => rate(token, 4)),
      ...Array.from({ length: 3 }, () => rate('dev:rater-00', 5)),
    ]);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body)).toEqual([]);
    const detail = await api(stack, `/api/library/items/${id}`, { token: MORGAN });
    expect(detail.body.rating.count).toBe(60);
    const fives = detail.body.ratingHistogram[4] as number;
    expect(fives === 0 || fives === 1).toBe(true); // rater-00's last write wins: 4 or 5
    expect(detail.body.ratingHistogram[3] + fives).toBe(60);
    expect(detail.body.rating.average).toBe(Math.round(((59 * 4 + (fives ? 5 : 4)) / 60) * 10) / 10);

    // Changing a rating moves the average; the same rating again changes nothing.
    await rate('dev:rater-01', 1);
    await rate('dev:rater-01', 1);
    const after = await api(stack, `/api/library/items/${id}`, { token: 'dev:rater-01' });
    expect(after.body.rating).toMatchObject({ count: 60, mine: 1 });
    expect(after.body.ratingHistogram[0]).toBe(1);

    const own = await rate(JORDAN, 5);
    expect(own.status).toBe(403);
    const outOfRange = await rate('dev:rater-02', 6);
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.message).toMatch(/stars/);
  });

  it('keeps the stored average in step with ratings, so sorting by rating follows them', async () => {
    const make = async (title: string) =>
      (await share(JORDAN, { programId: PROGRAM, kind: 'link', title, url: 'https://example.com/' + title })).body
        .id as string;
    const low = await make('sortcheck-low');
    const high = await make('sortcheck-high');
    const rate = (id: string, token: string, stars: number) =>
      api(stack, `/api/library/items/${id}/rating`, { method: 'PUT', token, body: { stars } });
    await rate(low, 'dev:sorter-1', 2);
    await rate(high, 'dev:sorter-1', 4);
    expect(titles(await search(MORGAN, '?q=sortcheck&sort=rating'))).toEqual(['sortcheck-high', 'sortcheck-low']);
    await rate(low, 'dev:sorter-1', 5);
    expect(titles(await search(MORGAN, '?q=sortcheck&sort=rating'))).toEqual(['sortcheck-low', 'sortcheck-high']);
  });

  it('records views, bookmarks and done per person, idempotently, and shows me my history', async () => {
    const id = 'demo-item-incident-recording';
    const before = (await api(stack, `/api/library/items/${id}`, { token: MORGAN })).body;
    for (let i = 0; i < 3; i += 1) {
      expect((await api(stack, `/api/library/items/${id}/views`, { method: 'POST', token: MORGAN })).status).toBe(200);
    }
    const flags = await Promise.all(
      Array.from({ length: 5 }, () =>
        api(stack, `/api/library/items/${id}/bookmark`, { method: 'PUT', token: MORGAN, body: { on: true } }),
      ),
    );
    expect(flags.filter((f) => f.body.changed)).toHaveLength(1);
    await api(stack, `/api/library/items/${id}/done`, { method: 'PUT', token: MORGAN, body: { on: true } });
    const after = (await api(stack, `/api/library/items/${id}`, { token: MORGAN })).body;
    expect(after).toMatchObject({
      views: before.views + 3,
      viewers: before.viewers + 1,
      bookmarks: before.bookmarks + 1,
      completions: before.completions + 1,
      bookmarked: true,
      done: true,
    });
    const saved = await search(MORGAN, '?mine=bookmarked');
    expect(titles(saved)).toEqual(['Fireside chat recording: the identity outage']);
    const history = await api(stack, '/api/me/library', { token: MORGAN });
    expect(history.body.items[0]).toMatchObject({ item: { id }, views: 3 });
    expect(history.body.items[0].doneAt).toBeDefined();

    await api(stack, `/api/library/items/${id}/bookmark`, { method: 'PUT', token: MORGAN, body: { on: false } });
    expect((await api(stack, `/api/library/items/${id}`, { token: MORGAN })).body).toMatchObject({
      bookmarked: false,
      bookmarks: before.bookmarks,
    });
    const bad = await api(stack, `/api/library/items/${id}/done`, {
      method: 'PUT',
      token: MORGAN,
      body: { on: 'yes' },
    });
    expect(bad.status).toBe(400);
  });

  it('keeps comments and edit history; owners hide and restore reported items', async () => {
    const shared = await share(PRIYA, {
      programId: PROGRAM,
      kind: 'link',
      title: 'Terraform starter',
      url: 'https://developer.hashicorp.com/terraform/tutorials',
      tags: ['terraform'],
    });
    const id = shared.body.id as string;
    const comment = await api(stack, `/api/library/items/${id}/comments`, {
      method: 'POST',
      token: MORGAN,
      body: { text: 'Used this <b>today</b>, thanks!' },
    });
    expect(comment.status).toBe(201);
    const edited = await api(stack, `/api/library/items/${id}`, {
      method: 'PATCH',
      token: PRIYA,
      body: { title: 'Terraform starter (2027 edition)' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.edits).toBe(1);
    const notAuthor = await api(stack, `/api/library/items/${id}`, {
      method: 'PATCH',
      token: MORGAN,
      body: { title: 'Mine' },
    });
    expect(notAuthor.status).toBe(403);
    const nothing = await api(stack, `/api/library/items/${id}`, { method: 'PATCH', token: PRIYA, body: {} });
    expect(nothing.status).toBe(400);

    const detail = (await api(stack, `/api/library/items/${id}`, { token: MORGAN })).body;
    expect(detail.commentList).toEqual([expect.objectContaining({ text: 'Used this <b>today</b>, thanks!' })]);
    expect(detail.comments).toBe(1);
    expect(detail.history).toEqual([expect.objectContaining({ title: 'Terraform starter', editedBy: 'Priya Nair' })]);
    expect(detail.reports).toBeUndefined();

    await api(stack, `/api/library/items/${id}/reports`, {
      method: 'POST',
      token: MORGAN,
      body: { reason: 'Link is broken' },
    });
    const ownerView = (await api(stack, `/api/library/items/${id}`, { token: OWNER })).body;
    expect(ownerView).toMatchObject({ canModerate: true, reportCount: 1, reports: [{ reason: 'Link is broken' }] });
    expect(
      (await api(stack, `/api/library/items/${id}/care`, { method: 'POST', token: MORGAN, body: { action: 'hide' } }))
        .status,
    ).toBe(403);
    const hide = await api(stack, `/api/library/items/${id}/care`, {
      method: 'POST',
      token: OWNER,
      body: { action: 'hide', reason: 'Broken link' },
    });
    expect(hide.body).toMatchObject({ hidden: true });
    expect(titles(await search(MORGAN, '?q=terraform'))).toEqual([]);
    expect((await api(stack, `/api/library/items/${id}`, { token: MORGAN })).status).toBe(404);
    expect((await api(stack, `/api/library/items/${id}`, { token: PRIYA })).body).toMatchObject({
      hidden: true,
      hiddenReason: 'Broken link',
    });
    expect(titles(await search(OWNER, '?q=terraform'))).toEqual(['Terraform starter (2027 edition)']);
    await api(stack, `/api/library/items/${id}/care`, { method: 'POST', token: OWNER, body: { action: 'restore' } });
    expect(titles(await search(MORGAN, '?q=terraform'))).toEqual(['Terraform starter (2027 edition)']);
  });

  it('gives facilitators and owners consumption figures, and everyone "who shares what"', async () => {
    const insights = await api(stack, `/api/library/insights?programId=${PROGRAM}`, { token: OWNER });
    expect(insights.status).toBe(200);
    expect(insights.body.totals.items).toBeGreaterThanOrEqual(5);
    expect(insights.body.byCohort.map((c: { cohortId: string | null }) => c.cohortId)).toEqual(
      expect.arrayContaining([null, 'senior-admins-roundtable', 'cloud-migration-guild']),
    );
    const facilitator = await api(stack, '/api/library/insights?cohortId=senior-admins-roundtable', { token: HANA });
    expect(facilitator.status).toBe(200);
    expect(facilitator.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Escalation checklist for senior admins',
    ]);
    expect((await api(stack, `/api/library/insights?programId=${PROGRAM}`, { token: JORDAN })).status).toBe(403);
    expect((await api(stack, '/api/library/insights', { token: OWNER })).status).toBe(400);

    const experts = await api(stack, `/api/library/experts?programId=${PROGRAM}&skill=incident%20response`, {
      token: MORGAN,
    });
    expect(experts.status).toBe(200);
    const people = experts.body.items[0].experts.map((e: { displayName: string }) => e.displayName);
    // Morgan cannot see the roundtable's checklist, so Jordan's contribution there does not count for Morgan.
    expect(people).toContain('Hana Suzuki');
    expect(experts.body.items.every((s: { skill: string }) => s.skill === 'incident response')).toBe(true);
  });

  it('keeps tenants apart', async () => {
    const created = await stack.runtime.library.get(DEV_TENANT, 'demo-item-powershell-slides');
    expect(created).not.toBeNull();
    expect(await stack.runtime.library.get('another-tenant', 'demo-item-powershell-slides')).toBeNull();
  });
});
