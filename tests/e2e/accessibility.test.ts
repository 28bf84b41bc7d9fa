import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../api/src/local/stack';
import { startTestStack, tabsDist } from '../support/stack';
import { expectNoViolations } from './axe';
import { launchChromium } from './browser';

describe('accessibility (axe-core, WCAG 2.1 A and AA) of the built tab in headless Chromium', () => {
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
  afterEach(async () => {
    await page?.close();
  });

  /** A fresh page (and storage) per check; no animations, so colours are measured at rest. */
  async function open(path: string, viewport = { width: 1280, height: 900 }) {
    page = await browser.newPage({ viewport, reducedMotion: 'reduce' });
    await page.goto(`${stack.host.url}${path}`);
  }

  async function signInAs(name: string) {
    await page.getByLabel('Sign in as', { exact: true }).selectOption({ label: name });
    await page.getByText(`Signed in as ${name}`).waitFor();
  }

  it.each(['light', 'dark', 'contrast'])('channel view in the %s theme', async (theme) => {
    await open(`/index.html?view=channel${theme === 'light' ? '' : `&theme=${theme}`}`);
    await signInAs('Avery Chen');
    await page.getByRole('heading', { name: 'New Admins Circle' }).waitFor();
    await page.getByRole('button', { name: 'New cohort' }).waitFor();
    await expectNoViolations(page);
  });

  it('"New cohort" dialog, open with its people loaded', async () => {
    await open('/index.html?view=channel');
    await signInAs('Avery Chen');
    await page.getByRole('button', { name: 'New cohort' }).click();
    const dialog = page.getByRole('dialog', { name: 'New cohort' });
    await dialog.getByRole('option', { name: 'Priya Nair' }).waitFor({ state: 'attached' });
    await expectNoViolations(page);
  });

  it('personal view "My learning"', async () => {
    await open('/index.html?view=personal');
    await signInAs('Sam Rivera');
    await page.getByRole('heading', { name: 'Cloud Migration Guild' }).waitFor();
    await expectNoViolations(page);
  });

  it('meeting side panel at 320 x 700', async () => {
    await open('/index.html?view=sidepanel', { width: 320, height: 700 });
    await signInAs('Sam Rivera');
    await page.getByRole('heading', { name: 'Cloud Migration Guild' }).waitFor();
    await expectNoViolations(page);
  });

  it.each(['about', 'privacy', 'terms'])('%s page in light and dark colour schemes', async (name) => {
    await open(`/${name}.html`);
    await expectNoViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoViolations(page);
  });
});
