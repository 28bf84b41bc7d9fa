import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { LocalStack } from '../../api/src/local/stack';
import { api, startTestStack, tabsDist } from '../support/stack';
import { expectNoViolations } from './axe';
import { launchChromium } from './browser';

/**
 * The fireside-chat queue in the meeting side panel, with two people in two browser contexts (two separate
 * sign-ins, as two laptops): Lee Kim, a participant of the New Admins Circle, and Fatima Okafor, its facilitator.
 */
describe('the live Q&A queue in headless Chromium: a participant and a facilitator side by side', () => {
  let stack: LocalStack;
  let browser: Browser;
  let sessionId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(join(tabsDist, 'index.html'))) throw new Error('tabs/dist is missing: run `npm run build` first');
    stack = await startTestStack({ staticDir: tabsDist });
    browser = await launchChromium();
    // A fireside chat of the New Admins Circle tomorrow, scheduled by its facilitator through the API.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const scheduled = await api(stack, '/api/sessions', {
      method: 'POST',
      token: 'dev:fatima-okafor',
      body: {
        cohortId: 'new-admins-circle',
        kind: 'fireside-chat',
        title: 'Fireside chat: my first year on call',
        startLocal: `${tomorrow}T16:00`,
        timeZone: 'UTC',
        durationMinutes: 60,
        details: { guest: 'Morgan Lee' },
      },
    });
    expect(scheduled.status).toBe(201);
    sessionId = scheduled.body.first.id;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /** The side panel (320 px wide, as in a Teams meeting) in its own browser context, signed in as `name`. */
  async function sidePanel(name: string, theme?: 'dark' | 'contrast'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    const search = `?view=sidepanel&sessionId=${encodeURIComponent(sessionId)}${theme ? `&theme=${theme}` : ''}`;
    await page.goto(`${stack.host.url}/index.html${search}`);
    await page.getByLabel('Sign in as', { exact: true }).selectOption({ label: name });
    await page.getByText(`Signed in as ${name}`).waitFor();
    // "Live": the page listens to the queue's event stream, so what follows arrives without polling.
    await questions(page).getByText('Live', { exact: true }).waitFor();
    return page;
  }

  const questions = (page: Page) => page.getByRole('region', { name: 'Questions' });
  const queue = (page: Page) => questions(page).getByRole('list', { name: 'Question queue' });
  const card = (page: Page, text: string): Locator =>
    queue(page)
      .getByRole('listitem')
      .filter({ has: page.getByText(text, { exact: true }) });

  async function ask(page: Page, text: string, anonymously = false): Promise<void> {
    const form = page.getByRole('form', { name: 'Ask a question' });
    await form.getByLabel('Your question').fill(text);
    if (anonymously) await form.getByLabel('Ask anonymously').check();
    await form.getByRole('button', { name: 'Ask', exact: true }).click();
    await form.getByText('Your question is in the queue.').waitFor();
    if (anonymously) await form.getByLabel('Ask anonymously').uncheck();
  }

  /** Counts the facilitator's reads of the queue, to prove the questions came over the live stream instead. */
  function countQueueReads(page: Page): () => number {
    let reads = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === `/api/sessions/${sessionId}/questions`) reads += 1;
    });
    return () => reads;
  }

  it('shows questions, pins and votes on the other side as they happen, and keeps anonymous askers anonymous', async () => {
    const fatima = await sidePanel('Fatima Okafor');
    const lee = await sidePanel('Lee Kim');
    const fatimaReads = countQueueReads(fatima);
    const named = `What did you wish you had known in week one? ${Date.now()}`;
    const anonymous = `Is it normal to feel lost on call? ${Date.now()}`;

    await ask(lee, named);
    await ask(lee, anonymous, true);

    // The facilitator's panel shows both, with no reload and no read of the queue: they came live.
    await card(fatima, named).getByText('Lee Kim · 0 votes').waitFor();
    await card(fatima, anonymous).getByText('Anonymous · 0 votes').waitFor();
    expect(fatimaReads()).toBe(0);
    expect(await card(fatima, anonymous).textContent()).not.toContain('Lee Kim');

    // The facilitator pins the named one; the participant sees "Now answering" on it.
    await card(fatima, named).getByRole('button', { name: 'Pin' }).click();
    await card(lee, named).getByText('Now answering').waitFor();
    expect(await card(lee, anonymous).getByText('Now answering').count()).toBe(0);

    // The participant votes for the anonymous one; the facilitator sees the count change.
    const vote = card(lee, anonymous).getByRole('button', { name: 'Vote' });
    await vote.click();
    expect(await vote.getAttribute('aria-pressed')).toBe('true');
    await card(fatima, anonymous).getByText('Anonymous · 1 vote').waitFor();
    expect(fatimaReads()).toBe(0);

    // The participant's own questions are theirs to edit; the facilitator's controls are not offered to them.
    expect(await card(lee, anonymous).getByText('Your question, asked anonymously').count()).toBe(1);
    expect(await card(lee, named).getByRole('button', { name: 'Edit' }).count()).toBe(1);
    expect(await lee.getByRole('button', { name: 'Next question' }).count()).toBe(0);
    expect(await card(lee, named).getByRole('button', { name: 'Pin' }).count()).toBe(0);
  });

  describe('accessibility of the side panel (axe-core, WCAG 2.1 A and AA)', () => {
    beforeAll(async () => {
      // A question of the participant's own, pinned, so the panels show every kind of control and highlight.
      const asked = await api(stack, `/api/sessions/${sessionId}/questions`, {
        method: 'POST',
        token: 'dev:lee-kim',
        body: { text: `Which alerts can I safely ignore? ${Date.now()}`, anonymous: false, source: 'panel' },
      });
      expect(asked.status).toBe(201);
      const pinned = await api(stack, `/api/sessions/${sessionId}/questions/${asked.body.id}/moderation`, {
        method: 'POST',
        token: 'dev:fatima-okafor',
        body: { action: 'pin' },
      });
      expect(pinned.status).toBe(200);
    });

    it.each(['light', 'dark', 'contrast'] as const)('in the %s theme, for both people', async (theme) => {
      const lee = await sidePanel('Lee Kim', theme === 'light' ? undefined : theme);
      await queue(lee).getByText('Now answering').waitFor();
      await queue(lee).getByRole('button', { name: 'Edit' }).first().waitFor();
      await expectNoViolations(lee);

      const fatima = await sidePanel('Fatima Okafor', theme === 'light' ? undefined : theme);
      await queue(fatima).getByRole('button', { name: 'Unpin' }).waitFor();
      await expectNoViolations(fatima);
    });
  });
});
