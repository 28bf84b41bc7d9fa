import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { LocalStack } from '../../api/src/local/stack';
import { startTestStack, tabsDist } from '../support/stack';
import { expectNoViolations } from './axe';
import { launchChromium } from './browser';

describe('the cohort home in headless Chromium against the real API and store', () => {
  let stack: LocalStack;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    if (!existsSync(join(tabsDist, 'index.html'))) throw new Error('tabs/dist is missing: run `npm run build` first');
    stack = await startTestStack({ staticDir: tabsDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });

  /** A fresh page signed in as `name` on `search` (the channel view by default). */
  async function signedIn(name: string, search = '?view=channel'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    pages.push(page);
    await page.goto(`${stack.host.url}/index.html${search}`);
    await page.getByLabel('Sign in as', { exact: true }).selectOption({ label: name });
    await page.getByText(`Signed in as ${name}`).waitFor();
    return page;
  }

  /** Opens a cohort's home from its card and returns the dialog once loaded. */
  async function openCohort(page: Page, name: string): Promise<Locator> {
    await page.getByRole('button', { name, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(name) });
    await dialog.getByRole('heading', { name: 'Your membership' }).waitFor();
    return dialog;
  }

  it('warns a facilitator about a reporting line and adds the person only on "Add anyway"', async () => {
    const fatima = await signedIn('Fatima Okafor');
    const dialog = await openCohort(fatima, 'New Admins Circle');
    await dialog.getByRole('option', { name: 'Jordan Patel' }).waitFor({ state: 'attached' });
    await dialog.getByLabel('Person', { exact: true }).selectOption({ label: 'Jordan Patel' });
    await dialog.getByRole('button', { name: 'Add member' }).click();

    const warning = dialog.getByText(/Jordan Patel would share this cohort with/);
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/Sam Rivera and Lee Kim, who report to them/);
    expect(await dialog.getByRole('rowheader', { name: /Jordan Patel/ }).count()).toBe(0);

    await dialog.getByRole('button', { name: 'Add anyway' }).click();
    await dialog.getByRole('rowheader', { name: /Jordan Patel/ }).waitFor();
    await dialog.getByText('Jordan Patel was added as member.').waitFor();
    expect(await dialog.getByText(/would share this cohort/).count()).toBe(0);
  });

  it('shows a member the agreements from "My learning" and records their acceptance', async () => {
    const sam = await signedIn('Sam Rivera', '?view=personal');
    const dialog = await openCohort(sam, 'New Admins Circle');
    await dialog.getByRole('heading', { name: 'Code of conduct (version 1)' }).waitFor();
    await dialog.getByText(/What is said in a cohort stays in the cohort/).waitFor();
    await dialog.getByRole('button', { name: 'I accept' }).click();
    await dialog.getByText(/^Accepted version 1 of the code of conduct/).waitFor();
    expect(await dialog.getByRole('button', { name: 'I accept' }).count()).toBe(0);

    const fatima = await signedIn('Fatima Okafor', '?view=channel&cohortId=new-admins-circle');
    const row = fatima.getByRole('dialog').getByRole('row', { name: /Sam Rivera/ });
    await row.waitFor();
    expect(await row.getByRole('cell', { name: 'Accepted' }).count()).toBe(1);
  });

  it('lets a participant join an open cohort and leave it with a reason the facilitator sees', async () => {
    const hana = await signedIn('Hana Suzuki');
    const dialog = await openCohort(hana, 'Cloud Migration Guild');
    await dialog.getByRole('button', { name: 'Join cohort' }).click();
    await dialog.getByText('You are in this cohort as member.').waitFor();
    await dialog.getByRole('listitem').filter({ hasText: 'Hana Suzuki' }).waitFor();

    await dialog.getByRole('button', { name: 'Leave cohort' }).click();
    await dialog.getByLabel('Reason (optional)').fill('Moving to the service desk rota');
    await dialog.getByRole('button', { name: 'Confirm leaving' }).click();
    await dialog.getByText('You left Cloud Migration Guild.').waitFor();
    await dialog.getByRole('button', { name: 'Join cohort' }).waitFor();

    const fatima = await signedIn('Fatima Okafor', '?view=channel&cohortId=cloud-migration-guild');
    await fatima
      .getByRole('list', { name: 'Departures' })
      .getByText(/Hana Suzuki left on .*: Moving to the service desk rota/)
      .waitFor();
  });

  it('has no axe violations for a facilitator (members table, tools) or a member (agreements)', async () => {
    const fatima = await signedIn('Fatima Okafor', '?view=channel&cohortId=new-admins-circle');
    const dialog = fatima.getByRole('dialog', { name: /New Admins Circle/ });
    await dialog.getByRole('table').waitFor();
    await dialog.getByRole('option', { name: 'Morgan Lee' }).first().waitFor({ state: 'attached' });
    await expectNoViolations(fatima);

    const hana = await signedIn('Hana Suzuki', '?view=channel&cohortId=new-admins-circle');
    await hana.getByRole('button', { name: 'I accept' }).waitFor();
    await expectNoViolations(hana);
  });
});
