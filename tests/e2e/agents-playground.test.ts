import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalStack } from '../../api/src/local/stack';
import { startPlayground, type Playground } from '../../api/src/local/playground';
import { REPO_ROOT, startTestStack } from '../support/stack';
import { launchChromium } from './browser';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('chatting with the bot in the Microsoft 365 Agents Playground (a real Teams-like client)', () => {
  let stack: LocalStack;
  let playground: Playground | undefined;
  let browser: Browser;
  const folder = mkdtempSync(join(tmpdir(), 'peerloop-playground-'));

  beforeAll(async () => {
    stack = await startTestStack();
    playground = await startPlayground({
      repoRoot: REPO_ROOT,
      folder,
      botEndpoint: `${stack.host.url}/api/messages`,
      tenantId: stack.config.devTenantId,
      port: await freePort(),
      currentUser: 3,
    });
    if (!playground) throw new Error('@microsoft/m365agentsplayground is not installed (npm ci installs it)');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    playground?.stop();
    await stack?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers "cohorts" with a card listing the cohorts and their next sessions', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(playground!.url);
    const editor = page.locator('[data-lexical-editor=true]');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.type('cohorts');
    await page.locator('button[aria-label="Send Message"]').click();
    await page.getByText('Senior Admins Roundtable').first().waitFor({ timeout: 15_000 });
    await page.getByText('Cloud Migration Guild').first().waitFor();
    await page.screenshot({ path: join(REPO_ROOT, '.tmp', 'agents-playground.png') }); // for a person to look at
    await page.close();
  });
});
