import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { LocalStack } from '../../api/src/local/stack';
import { api, startTestStack, tabsDist } from '../support/stack';
import { expectNoViolations } from './axe';
import { launchChromium } from './browser';

/**
 * Reminders in the tab, against the real API and store: Fatima Okafor, facilitator of the New Admins Circle,
 * sends a reminder now and reads the delivery report; Lee Kim, a participant, sets quiet hours in "My profile".
 */
describe('reminders in headless Chromium: "send reminder now", the delivery report and quiet hours', () => {
  let stack: LocalStack;
  let browser: Browser;
  const pages: Page[] = [];
  const title = `Reflection: what we automated ${Date.now()}`;

  beforeAll(async () => {
    if (!existsSync(join(tabsDist, 'index.html'))) throw new Error('tabs/dist is missing: run `npm run build` first');
    stack = await startTestStack({ staticDir: tabsDist });
    browser = await launchChromium();
    await scheduleWithLeeGoing(title);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });

  /** A reflection of the New Admins Circle tomorrow that Lee Kim is going to, so a reminder has someone to reach. */
  async function scheduleWithLeeGoing(sessionTitle: string): Promise<string> {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const scheduled = await api(stack, '/api/sessions', {
      method: 'POST',
      token: 'dev:fatima-okafor',
      body: {
        cohortId: 'new-admins-circle',
        kind: 'reflection',
        title: sessionTitle,
        startLocal: `${tomorrow}T16:00`,
        timeZone: 'UTC',
        durationMinutes: 60,
      },
    });
    expect(scheduled.status).toBe(201);
    const id: string = scheduled.body.first.id;
    const going = await api(stack, `/api/sessions/${id}/rsvp`, {
      method: 'PUT',
      token: 'dev:lee-kim',
      body: { response: 'going' },
    });
    expect(going.status).toBe(200);
    return id;
  }

  /** "My learning" in a fresh page, signed in as `name`. */
  async function myLearning(name: string, theme?: 'dark' | 'contrast'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    pages.push(page);
    await page.goto(`${stack.host.url}/index.html?view=personal${theme ? `&theme=${theme}` : ''}`);
    await page.getByLabel('Sign in as', { exact: true }).selectOption({ label: name });
    await page.getByText(`Signed in as ${name}`).waitFor();
    return page;
  }

  /** Opens the session from "My sessions" and returns its Reminders section once the report has loaded. */
  async function openReminders(page: Page, sessionTitle = title): Promise<Locator> {
    await page.getByRole('button', { name: sessionTitle }).click();
    const reminders = page.getByRole('dialog', { name: sessionTitle }).getByRole('region', { name: 'Reminders' });
    await reminders.getByRole('button', { name: 'Refresh report' }).waitFor();
    await reminders.getByText('Loading the delivery report').waitFor({ state: 'detached' });
    return reminders;
  }

  it('lets a facilitator send a reminder now and shows who it went to in the delivery report', async () => {
    const fatima = await myLearning('Fatima Okafor');
    const reminders = await openReminders(fatima);
    await reminders.getByText(/^Nothing has been sent about this session yet\./).waitFor();

    await reminders.getByLabel('Note (optional)').fill('Bring one script you are proud of');
    const sent = fatima.waitForResponse((r) => r.url().endsWith('/reminders') && r.request().method() === 'POST');
    await reminders.getByRole('button', { name: 'Send reminder now' }).click();
    expect((await sent).status()).toBe(202);
    await reminders.getByText(/^Reminder queued for 1 person: /).waitFor();

    // The report was read again: one delivery, to Lee Kim, counted in the chart and listed in the table.
    await reminders.getByRole('figure', { name: 'Deliveries by state (1 in all)' }).waitFor();
    const row = reminders.getByRole('row', { name: /Lee Kim/ });
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toBe('Reminder sent now');
    // Lee never opened PeerLoop in Teams here, so there is no chat to reach: the report says so rather than "sent".
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Failed');
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('PeerLoop is not installed in their Teams');
    expect(await reminders.getByRole('row').count()).toBe(2);

    // Pressed again, nothing goes twice: in the same minute it is the same request, later the cooldown refuses
    // it and says when another may go.
    await reminders.getByRole('button', { name: 'Send reminder now' }).click();
    await reminders
      .getByText(
        /^(This reminder was already queued for 1 person; nothing new was sent\.|A reminder for this session was sent at .*; another can be sent from .*)$/,
      )
      .waitFor();
    await reminders.getByRole('button', { name: 'Refresh report' }).click();
    await reminders.getByRole('figure', { name: 'Deliveries by state (1 in all)' }).waitFor();
  });

  it('keeps the quiet hours a participant saves in "My profile" across a reload', async () => {
    const lee = await myLearning('Lee Kim');
    const notifications = async (page: Page) => {
      await page.getByRole('button', { name: 'My profile' }).click();
      const section = page.getByRole('dialog', { name: 'My profile' }).getByRole('region', { name: 'Notifications' });
      await section.getByRole('form', { name: 'Notification settings' }).waitFor();
      return section;
    };
    const section = await notifications(lee);
    const quiet = section.getByRole('switch', { name: 'Hold messages during quiet hours' });
    expect(await quiet.isChecked()).toBe(false);
    await quiet.check();
    await section.getByLabel('From', { exact: true }).fill('21:30');
    await section.getByLabel('To', { exact: true }).fill('06:45');
    await section.getByRole('button', { name: 'Save notifications' }).click();
    await section.getByText('Notification settings saved.').waitFor();

    await lee.reload();
    await lee.getByText('Signed in as Lee Kim').waitFor();
    const again = await notifications(lee);
    expect(await again.getByRole('switch', { name: 'Hold messages during quiet hours' }).isChecked()).toBe(true);
    expect(await again.getByLabel('From', { exact: true }).inputValue()).toBe('21:30');
    expect(await again.getByLabel('To', { exact: true }).inputValue()).toBe('06:45');
    expect(await again.getByRole('switch', { name: 'Send me reminders and notices' }).isChecked()).toBe(true);
  });

  describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
    const reported = `Book swap and retro ${Date.now()}`;

    beforeAll(async () => {
      // A session with a report to show, and quiet hours to show, whatever the tests above did.
      const id = await scheduleWithLeeGoing(reported);
      const sent = await api(stack, `/api/sessions/${id}/reminders`, { method: 'POST', token: 'dev:fatima-okafor' });
      expect(sent.status).toBe(202);
      const quiet = await api(stack, '/api/me/notifications', {
        method: 'PATCH',
        token: 'dev:lee-kim',
        body: { quietHours: { start: '22:00', end: '07:00' } },
      });
      expect(quiet.status).toBe(200);
    });

    it.each(['light', 'dark', 'contrast'] as const)(
      'of the reminders and notification settings in the %s theme',
      async (theme) => {
        const fatima = await myLearning('Fatima Okafor', theme === 'light' ? undefined : theme);
        const reminders = await openReminders(fatima, reported);
        await reminders.getByRole('table').waitFor();
        await expectNoViolations(fatima);

        const lee = await myLearning('Lee Kim', theme === 'light' ? undefined : theme);
        await lee.getByRole('button', { name: 'My profile' }).click();
        const dialog = lee.getByRole('dialog', { name: 'My profile' });
        await dialog.getByLabel('From', { exact: true }).waitFor();
        await dialog.getByLabel('Title', { exact: true }).waitFor();
        await expectNoViolations(lee);
      },
    );
  });
});
