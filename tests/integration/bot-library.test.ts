import {
  newLibraryItem,
  BODY_MAX_LENGTH,
  careForLibraryItem,
  MAX_TAGS,
  peerLoopLink,
  SUMMARY_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  type LibraryItem,
} from '@peerloop/core';
import type { LocalStack } from '../../api/src/local/stack';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { api, DEV_TENANT, startTestStack } from '../support/stack';

interface Person {
  readonly teamsId: string;
  readonly name: string;
  readonly aadObjectId: string;
}

// Demo data: Avery owns the Admin Community program. Diego is in the Senior Admins Roundtable and the Cloud
// Migration Guild, agreements accepted. Sam is in the guild without having accepted them, and not in the
// roundtable. The roundtable's "Escalation checklist" and the guild's "SRE notes" are shared with those
// cohorts only.
const SAM: Person = { teamsId: '29:sam', name: 'Sam Rivera', aadObjectId: 'sam-rivera' };
const DIEGO: Person = { teamsId: '29:diego', name: 'Diego Alvarez', aadObjectId: 'diego-alvarez' };
const AVERY: Person = { teamsId: '29:avery', name: 'Avery Chen', aadObjectId: 'avery-chen' };

const TAB = 'https://tabs.peerloop.example';
const CHECKLIST = 'Escalation checklist for senior admins';
const SRE_NOTES = 'Notes on Site Reliability Engineering, chapters 1-3';
const GROUP_CHAT = { id: '19:team-banter@thread.v2', conversationType: 'groupChat', tenantId: DEV_TENANT };
const MAX_CARD_BYTES = 28 * 1024;

interface Attachment {
  readonly contentType: string;
  readonly content: { body: unknown[]; actions?: { type: string; title: string; url: string }[] };
  readonly preview: { content: { title: string; text: string } };
}

const titlesOf = (attachments: Attachment[]) => attachments.map((a) => a.preview.content.title);
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('the library in the messaging extension: search, "Share a tip" and link unfurling, over HTTP', () => {
  let stack: LocalStack;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    connector = await ConnectorStandIn.start();
    stack = await startTestStack({ env: { TAB_ENDPOINT: TAB } });
  });
  afterAll(async () => {
    await stack.close();
    await connector.close();
  });

  const invoke = (person: Person, name: string, value: unknown) =>
    api(stack, '/api/messages', {
      method: 'POST',
      body: {
        type: 'invoke',
        name,
        value,
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        id: `activity-${Math.random().toString(36).slice(2)}`,
        timestamp: new Date().toISOString(),
        localTimezone: 'Europe/London',
        locale: 'en-GB',
        from: { id: person.teamsId, name: person.name, aadObjectId: person.aadObjectId },
        recipient: { id: '28:peerloop-bot', name: 'PeerLoop' },
        conversation: GROUP_CHAT,
        channelData: { tenant: { id: DEV_TENANT } },
      },
    });

  /** What the search flyout lists for these words (the attachments, in order). */
  async function search(person: Person, text: string, count = 25): Promise<Attachment[]> {
    const parameters = text === '' ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'query', value: text }];
    const { status, body } = await invoke(person, 'composeExtension/query', {
      commandId: 'searchLibrary',
      parameters,
      queryOptions: { skip: 0, count },
    });
    expect(status).toBe(200);
    expect(body.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    for (const attachment of body.composeExtension.attachments as Attachment[]) {
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(bytes(attachment)).toBeLessThan(MAX_CARD_BYTES);
    }
    return body.composeExtension.attachments;
  }

  const unfurl = async (person: Person, url: string) => {
    const { status, body } = await invoke(person, 'composeExtension/queryLink', { url });
    expect(status).toBe(200);
    return body;
  };

  const fetchTask = (person: Person, value: Record<string, unknown> = {}) =>
    invoke(person, 'composeExtension/fetchTask', { commandId: 'shareTip', commandContext: 'compose', ...value });
  const submit = (person: Person, data: Record<string, unknown>) =>
    invoke(person, 'composeExtension/submitAction', { commandId: 'shareTip', commandContext: 'compose', data });

  const storedItem = async (title: string): Promise<LibraryItem> => {
    const container = stack.runtime.cosmos.database(stack.config.cosmos.database).container('library');
    const { resources } = await container.items
      .query<LibraryItem>({
        query: 'SELECT * FROM c WHERE c.title = @title',
        parameters: [{ name: '@title', value: title }],
      })
      .fetchAll();
    expect(resources).toHaveLength(1);
    return resources[0]!;
  };

  describe('search', () => {
    it('finds library items, sessions and cohorts by their words, each as a card with a preview', async () => {
      const results = await search(SAM, 'powershell');
      expect(titlesOf(results)).toEqual([
        'PowerShell for everyday admin work',
        'Learning lunch: PowerShell habits that save an hour a week',
      ]);
      const [item, session] = results;
      expect(item!.preview.content.text).toBe('Presentation · ★ 4.7 · 3 ratings');
      expect(session!.preview.content.text).toMatch(/^Session · Learning lunch · /);
      expect(item!.content.actions).toEqual([
        {
          type: 'Action.OpenUrl',
          title: 'Open in PeerLoop',
          url: peerLoopLink(TAB, { kind: 'item', id: 'demo-item-powershell-slides' }),
        },
        {
          type: 'Action.OpenUrl',
          title: 'Open the file',
          url: expect.stringMatching(/^https:\/\/contoso\.sharepoint/),
        },
      ]);
      expect(JSON.stringify(session!.content)).toContain(`${TAB}/index.html?view=personal&sessionId=lunch-powershell`);

      const cohorts = await search(SAM, 'admins');
      expect(titlesOf(cohorts)).toEqual(['New Admins Circle', 'Senior Admins Roundtable']);
      expect(cohorts[0]!.preview.content.text).toBe('Cohort · Onboarding cohort · 4 members');
    });

    it("shows cohort-only items to the cohort's members who accepted its agreements, and to nobody else", async () => {
      const sams = await search(SAM, 'incident');
      expect(titlesOf(sams)).toEqual(['Fireside chat recording: the identity outage']);
      expect(JSON.stringify(sams)).not.toContain('Escalation checklist');
      // Sam is in the guild but has not accepted its agreements yet: the guild's book club session, not its notes.
      expect(titlesOf(await search(SAM, 'reliability'))).toEqual([
        'Book club: Site Reliability Engineering, chapters 1-3',
      ]);

      expect(titlesOf(await search(DIEGO, 'incident'))).toEqual(
        expect.arrayContaining([CHECKLIST, 'Fireside chat recording: the identity outage']),
      );
      const notes = (await search(DIEGO, 'reliability'))[0]!;
      expect(notes.preview.content.title).toBe(SRE_NOTES);
      // A book note's text is shown as plain text: its summary here, never its markdown.
      expect(JSON.stringify(notes.content)).toContain('Error budgets, toil and why hope is not a strategy.');
      expect(JSON.stringify(notes.content)).toContain('only its members can open it');
    });

    it('opens with the most used items, the next sessions and my cohorts before anything is typed', async () => {
      const first = titlesOf(await search(DIEGO, ''));
      expect(first[0]).toBe('PowerShell for everyday admin work');
      expect(first).toEqual(
        expect.arrayContaining([
          'Learning lunch: PowerShell habits that save an hour a week',
          'Senior Admins Roundtable',
          'Cloud Migration Guild',
        ]),
      );
      expect(first).not.toContain('New Admins Circle');
      expect(first.length).toBeLessThanOrEqual(25);
      expect(await search(DIEGO, '', 3)).toHaveLength(3);
    });

    it('keeps a card under 28 KB for an item with every field at its longest', async () => {
      const wide = (length: number) => '語"\\'.repeat(Math.ceil(length / 3)).slice(0, length);
      const now = new Date().toISOString();
      await stack.runtime.library.create(
        newLibraryItem({
          tenantId: DEV_TENANT,
          id: 'li-longest',
          programId: 'admin-community',
          kind: 'tip-list',
          title: `Longest ${wide(TITLE_MAX_LENGTH - 8)}`,
          summary: wide(SUMMARY_MAX_LENGTH),
          body: wide(BODY_MAX_LENGTH),
          tags: Array.from({ length: MAX_TAGS }, (_, i) => `t${i}${wide(38)}`),
          skills: Array.from({ length: MAX_TAGS }, (_, i) => `s${i}${wide(38)}`),
          author: { userId: 'diego-alvarez', displayName: 'Diego Alvarez' },
          createdAt: now,
        }),
      );

      const [longest] = await search(SAM, 'longest');
      expect(longest!.preview.content.title).toMatch(/^Longest 語/);
      expect(bytes(longest)).toBeLessThan(MAX_CARD_BYTES);
    });

    it('leaves hidden items out, even for the owner who hid them', async () => {
      expect(titlesOf(await search(SAM, 'service desk'))).toContain('Tips for your first month on the service desk');
      await careForLibraryItem(
        stack.runtime,
        { tenantId: DEV_TENANT, userId: 'avery-chen', displayName: 'Avery Chen' },
        'demo-item-ticket-tips',
        { action: 'hide', reason: 'Out of date' },
      );
      for (const person of [SAM, AVERY]) {
        expect(titlesOf(await search(person, 'service desk'))).not.toContain(
          'Tips for your first month on the service desk',
        );
      }
      expect(
        (await unfurl(AVERY, peerLoopLink(TAB, { kind: 'item', id: 'demo-item-ticket-tips' }))).composeExtension,
      ).toMatchObject({ type: 'result', attachments: [] });
    });

    it('answers a second page with nothing more, and an unknown command with a message', async () => {
      const { body } = await invoke(SAM, 'composeExtension/query', {
        commandId: 'searchLibrary',
        parameters: [{ name: 'query', value: 'powershell' }],
        queryOptions: { skip: 25, count: 25 },
      });
      expect(body.composeExtension).toMatchObject({ type: 'result', attachments: [] });
      const unknown = await invoke(SAM, 'composeExtension/query', { commandId: 'searchEverything', parameters: [] });
      expect(unknown.body.composeExtension).toEqual({
        type: 'message',
        text: 'Unknown search command "searchEverything".',
      });
    });
  });

  describe('"Share a tip"', () => {
    it('opens on a message with its text as plain text, where to share, and the fields of a tip', async () => {
      const { status, body } = await fetchTask(DIEGO, {
        commandContext: 'message',
        messagePayload: {
          id: 'message-1',
          body: {
            contentType: 'html',
            content: '<p>Run <b>Get-Help</b> with <code>-Examples</code> &amp; save time<script>alert(1)</script></p>',
          },
        },
      });
      expect(status).toBe(200);
      expect(body.task).toMatchObject({ type: 'continue', value: { title: 'Share a tip' } });
      const form = body.task.value.card.content;
      const inputs = Object.fromEntries(
        form.body.filter((i: { id?: string }) => i.id).map((i: { id: string }) => [i.id, i]),
      );
      expect(inputs.body.value).toBe('Run Get-Help with -Examples & save time');
      expect(inputs.programId).toMatchObject({
        value: 'admin-community',
        choices: [{ title: 'Admin Community', value: 'admin-community' }],
      });
      expect(inputs.cohortId.choices.map((c: { title: string }) => c.title)).toEqual([
        'Everyone in the program',
        'Cloud Migration Guild (Admin Community)',
        'Senior Admins Roundtable (Admin Community)',
      ]);
      expect(Object.keys(inputs)).toEqual(['programId', 'cohortId', 'title', 'body', 'tags', 'skills']);

      // From the compose box: an empty tip; Sam sees no cohort whose agreements he has not accepted.
      const compose = (await fetchTask(SAM)).body.task.value.card.content;
      const samInputs = Object.fromEntries(
        compose.body.filter((i: { id?: string }) => i.id).map((i: { id: string }) => [i.id, i]),
      );
      expect(samInputs.body.value).toBe('');
      expect(samInputs.cohortId.choices).toEqual([{ title: 'Everyone in the program', value: '*' }]);
    });

    it('saves the tip sanitised, answers with its card to insert, and search finds it', async () => {
      const { status, body } = await submit(DIEGO, {
        programId: 'admin-community',
        cohortId: '*',
        title: 'Quokka tip: read the examples first',
        body: 'Run **Get-Help** with `-Examples`.<script>alert(1)</script> <img src=x onerror=alert(2)> [docs](javascript:void)',
        tags: 'PowerShell, help',
        skills: 'scripting',
      });
      expect(status).toBe(200);
      expect(body.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
      const [card] = body.composeExtension.attachments as Attachment[];
      expect(card!.preview.content).toMatchObject({
        title: 'Quokka tip: read the examples first',
        text: 'Tip list · Not rated yet',
      });
      const shown = JSON.stringify(card!.content);
      expect(shown).toContain('"type":"TextRun","text":"Run Get-Help with -Examples.alert(1) docs"');
      expect(shown).not.toMatch(/<script|<img|javascript:/);

      const stored = await storedItem('Quokka tip: read the examples first');
      expect(stored).toMatchObject({
        kind: 'tip-list',
        programId: 'admin-community',
        tags: ['powershell', 'help'],
        skills: ['scripting'],
        author: { userId: 'diego-alvarez', displayName: 'Diego Alvarez' },
      });
      expect(stored.cohortId).toBeUndefined();
      expect(stored.body).not.toMatch(/<script|<img|javascript:/i);
      expect(stored.body).toContain('Run **Get-Help** with `-Examples`.');

      expect(titlesOf(await search(SAM, 'quokka'))).toEqual(['Quokka tip: read the examples first']);
    });

    it('shares with one cohort: its members find it, others do not', async () => {
      const { body } = await submit(DIEGO, {
        programId: 'admin-community',
        cohortId: 'senior-admins-roundtable',
        title: 'Wombat tip for the roundtable',
        body: 'Page the on-call lead before the manager.',
      });
      expect(body.composeExtension.attachments).toHaveLength(1);
      expect((await storedItem('Wombat tip for the roundtable')).cohortId).toBe('senior-admins-roundtable');
      expect(titlesOf(await search(DIEGO, 'wombat'))).toEqual(['Wombat tip for the roundtable']);
      expect(await search(SAM, 'wombat')).toEqual([]);
    });

    it('brings the form back naming what to fix, with what was typed, and nothing is saved', async () => {
      const typed = { programId: 'admin-community', cohortId: '*', title: '   ', body: 'Keep this text', tags: 'a' };
      const { body } = await submit(DIEGO, typed);
      expect(body.task.type).toBe('continue');
      const form = body.task.value.card.content;
      expect(JSON.stringify(form.body[0])).toContain('Your tip was not shared yet. Title: must not be empty.');
      expect(JSON.stringify(form)).toContain('"value":"Keep this text"');

      const tooMany = await submit(DIEGO, {
        ...typed,
        title: 'Many tags',
        tags: Array.from({ length: MAX_TAGS + 1 }, (_, i) => `tag${i}`).join(', '),
      });
      expect(JSON.stringify(tooMany.body.task.value.card.content.body[0])).toContain('Tags: at most 10.');

      const noProgram = await submit(DIEGO, { title: 'No program', body: 'Text' });
      expect(JSON.stringify(noProgram.body.task.value.card.content.body[0])).toContain('Program: is required.');
      expect(await search(DIEGO, 'many tags')).toEqual([]);
    });

    it('says why when the person may not share with the cohort picked', async () => {
      const notMember = await submit(SAM, {
        programId: 'admin-community',
        cohortId: 'senior-admins-roundtable',
        title: 'Sneaky tip',
        body: 'Text',
      });
      expect(notMember.body.task).toEqual({
        type: 'message',
        value: 'Your tip was not shared. Only members of "Senior Admins Roundtable" can share with it.',
      });
      const agreements = await submit(SAM, {
        programId: 'admin-community',
        cohortId: 'cloud-migration-guild',
        title: 'Early tip',
        body: 'Text',
      });
      expect(agreements.body.task.type).toBe('message');
      expect(agreements.body.task.value).toContain('Accept the code of conduct and confidentiality terms');
    });
  });

  describe('link unfurling', () => {
    it('turns a PeerLoop link to an item, a session or a cohort into its card', async () => {
      const item = await unfurl(SAM, peerLoopLink(TAB, { kind: 'item', id: 'demo-item-powershell-slides' }));
      expect(titlesOf(item.composeExtension.attachments)).toEqual(['PowerShell for everyday admin work']);
      expect(item.cacheInfo).toEqual({ cacheType: 'no-cache' });

      const session = await unfurl(SAM, peerLoopLink(TAB, { kind: 'session', id: 'fireside-incident' }));
      const [sessionCard] = session.composeExtension.attachments as Attachment[];
      expect(sessionCard!.preview.content.title).toBe('Fireside chat: the outage that taught us the most');
      expect(JSON.stringify(sessionCard!.content)).toContain('Fireside chat · {{DATE(');

      const cohort = await unfurl(SAM, `${TAB}/index.html?view=personal&cohortId=cloud-migration-guild`);
      const [cohortCard] = cohort.composeExtension.attachments as Attachment[];
      expect(cohortCard!.preview.content.title).toBe('Cloud Migration Guild');
      expect(JSON.stringify(cohortCard!.content)).toContain('Fatima Okafor');
      for (const body of [item, session, cohort]) expect(bytes(body)).toBeLessThan(MAX_CARD_BYTES);
    });

    it('gives no card for what the person may not see, anything unknown, or a link that is not PeerLoop’s', async () => {
      const hidden = await unfurl(SAM, peerLoopLink(TAB, { kind: 'item', id: 'demo-item-escalation-checklist' }));
      expect(hidden.composeExtension).toEqual({ type: 'result', attachmentLayout: 'list', attachments: [] });
      expect(JSON.stringify(hidden)).not.toContain('Escalation');
      const visible = await unfurl(DIEGO, peerLoopLink(TAB, { kind: 'item', id: 'demo-item-escalation-checklist' }));
      expect(titlesOf(visible.composeExtension.attachments)).toEqual([CHECKLIST]);

      for (const url of [
        peerLoopLink(TAB, { kind: 'session', id: 'no-such-session' }),
        peerLoopLink(TAB, { kind: 'cohort', id: 'no-such-cohort' }),
        'https://elsewhere.example/index.html?view=personal&itemId=demo-item-powershell-slides',
        `${TAB}/index.html?view=personal`,
      ]) {
        expect((await unfurl(SAM, url)).composeExtension).toMatchObject({ type: 'result', attachments: [] });
      }
    });
  });
});
