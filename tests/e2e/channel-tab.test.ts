import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../api/src/local/stack';
import { startTestStack, tabsDist } from '../support/stack';
import { launchChromium } from './browser';

describe('the channel tab in headless Chromium, browser mode, against the real API and store', () => {
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(join(tabsDist, 'index.html'))) throw new Error('tabs/dist is missing: run `npm run build` first');
    stack = await startTestStack({ staticDir: tabsDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(async () => {
    await page.close();
  });

  async function signInAs(name: string) {
    await page.goto(`${stack.host.url}/index.html?view=channel`);
    await page.getByLabel('Sign in as', { exact: true }).selectOption({ label: name });
    await page.getByText(`Signed in as ${name}`).waitFor();
  }

  it('lets a program owner create a cohort and see it listed', async () => {
    await signInAs('Avery Chen');
    await page.getByRole('heading', { name: 'New Admins Circle' }).waitFor();

    await page.getByRole('button', { name: 'New cohort' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Identity Guild');
    await page.getByLabel('Purpose', { exact: true }).fill('People running sign-in and access compare playbooks.');
    await page.getByLabel('Function', { exact: true }).fill('Security');
    await page.getByLabel('Level', { exact: true }).fill('Senior');
    await page.getByLabel('Facilitator', { exact: true }).selectOption({ label: 'Priya Nair' });
    await page.getByRole('button', { name: 'Create cohort' }).click();

    const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Identity Guild' }) });
    await card.waitFor();
    await expectText(card.textContent(), /1 member/);
    await expectText(card.textContent(), /Priya Nair/);

    // It was stored, not just drawn: a fresh page for another persona lists it too.
    const other = await browser.newPage();
    await other.goto(`${stack.host.url}/index.html?view=channel`);
    await other.getByLabel('Sign in as', { exact: true }).selectOption({ label: 'Sam Rivera' });
    await other.getByRole('heading', { name: 'Identity Guild' }).waitFor();
    await other.close();
  });

  it("shows the API's field errors on the form and keeps what was typed", async () => {
    await signInAs('Avery Chen');
    await page.getByRole('button', { name: 'New cohort' }).click();
    await page.getByLabel('Name', { exact: true }).fill('ab');
    await page.getByLabel('Purpose', { exact: true }).fill('Too short a name');
    await page.getByLabel('Facilitator', { exact: true }).selectOption({ label: 'Priya Nair' });
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.getByText('must be at least 3 characters').waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('ab');
    expect(await page.getByLabel('Purpose', { exact: true }).inputValue()).toBe('Too short a name');
  });

  it('turns a suggested cohort into a real one, with its suggested members', async () => {
    await signInAs('Avery Chen');
    await page.getByRole('button', { name: 'Suggest cohorts' }).click();
    const suggest = page.getByRole('dialog', { name: 'Suggest cohorts' });
    await suggest.getByLabel('Common thread', { exact: true }).selectOption({ label: 'Function' });
    await suggest.getByLabel('Members per cohort', { exact: true }).fill('3');
    await suggest.getByRole('button', { name: 'Suggest', exact: true }).click();
    const create = suggest.getByRole('button', { name: /^Create this cohort: / }).first();
    await create.waitFor();
    const suggestedName = (await create.getAttribute('aria-label'))!.replace('Create this cohort: ', '');
    const members = await suggest
      .getByRole('list', { name: 'Suggested cohorts' })
      .getByRole('listitem')
      .first()
      .textContent();
    const suggestedCount = (members!.match(/Members: (.*?)Create this cohort/)?.[1] ?? '')
      .split(/, | and /)
      .filter(Boolean).length;
    await create.click();

    const form = page.getByRole('dialog', { name: 'New cohort' });
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe(suggestedName);
    await form.getByLabel('Purpose', { exact: true }).fill('Formed from a suggestion.');
    await form.getByRole('button', { name: 'Create cohort' }).click();
    await page.getByText(/suggested members added\./).waitFor();

    const card = page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: suggestedName }) })
      .first();
    await expectText(card.textContent(), new RegExp(`${suggestedCount} members?`));
  });

  it('does not offer "New cohort" to a participant', async () => {
    await signInAs('Sam Rivera');
    await page.getByRole('heading', { name: 'New Admins Circle' }).waitFor();
    expect(await page.getByRole('button', { name: 'New cohort' }).count()).toBe(0);
  });

  it('shows "My learning" with only my cohorts', async () => {
    await page.goto(`${stack.host.url}/index.html?view=personal`);
    await page.getByLabel('Sign in as', { exact: true }).selectOption({ label: 'Lee Kim' });
    await page.getByRole('heading', { name: 'New Admins Circle' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Cloud Migration Guild' }).count()).toBe(0);
  });
});

async function expectText(text: Promise<string | null>, pattern: RegExp) {
  expect(await text).toMatch(pattern);
}
