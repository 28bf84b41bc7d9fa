import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../api/src/local/stack';
import { startTestStack, tabsDist } from '../support/stack';
import { expectNoViolations } from './axe';
import { launchChromium } from './browser';

interface Schedule {
  readonly title: string;
  /** Minutes from now, or a day offset with a wall-clock time. */
  readonly start: { minutesFromNow: number } | { daysFromNow: number; time: string };
  readonly capacity?: number;
  readonly weeklyOccurrences?: number;
  /** A weekly series ending on this many days after its first date. */
  readonly weeklyUntilDays?: number;
  readonly rsvpClosesMinutesBefore?: number;
}

describe('the sessions calendar in headless Chromium against the real API and store', () => {
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
  async function signedIn(name: string, search = '?view=channel', theme?: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    pages.push(page);
    await page.goto(`${stack.host.url}/index.html${search}${theme ? `&theme=${theme}` : ''}`);
    await page.getByLabel('Sign in as', { exact: true }).selectOption({ label: name });
    await page.getByText(`Signed in as ${name}`).waitFor();
    return page;
  }

  async function openCalendar(page: Page) {
    await page.getByRole('tab', { name: 'Calendar' }).click();
    await page.getByRole('button', { name: 'Month', exact: true }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^\d+ sessions?\.$/ })
      .waitFor();
  }

  /** The browser's wall clock `YYYY-MM-DDTHH:mm` for a start, and its time zone (UTC on the test machine). */
  function localStart(page: Page, start: Schedule['start']): Promise<{ startLocal: string; timeZone: string }> {
    return page.evaluate((s) => {
      const at = new Date();
      if ('minutesFromNow' in s) at.setMinutes(at.getMinutes() + s.minutesFromNow);
      else at.setDate(at.getDate() + s.daysFromNow);
      const pad = (n: number) => String(n).padStart(2, '0');
      const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
      const time = 'time' in s ? s.time : `${pad(at.getHours())}:${pad(at.getMinutes())}`;
      return { startLocal: `${date}T${time}`, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    }, start);
  }

  /** Fills in and submits "Schedule session"; returns the first session the API created. */
  async function schedule(page: Page, session: Schedule): Promise<{ id: string; startsAt: string; created: number }> {
    const { startLocal, timeZone } = await localStart(page, session.start);
    await page.getByRole('button', { name: 'Schedule session' }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule session' });
    await dialog.getByLabel('Cohort', { exact: true }).selectOption({ label: 'New Admins Circle' });
    await dialog.getByLabel('Session kind', { exact: true }).selectOption({ label: 'Learning lunch' });
    await dialog.getByLabel('Title', { exact: true }).fill(session.title);
    await dialog.getByLabel('Topic', { exact: true }).fill('Habits that save time');
    await dialog.getByLabel('Start', { exact: true }).fill(startLocal);
    await dialog.getByLabel('Duration (minutes)', { exact: true }).fill('45');
    await dialog.getByLabel('Time zone', { exact: true }).fill(timeZone);
    if (session.capacity) await dialog.getByLabel('Capacity', { exact: true }).fill(String(session.capacity));
    if (session.rsvpClosesMinutesBefore !== undefined) {
      await dialog
        .getByLabel('RSVPs close (minutes before the start)', { exact: true })
        .fill(String(session.rsvpClosesMinutesBefore));
    }
    if (session.weeklyOccurrences || session.weeklyUntilDays) {
      await dialog.getByLabel('Repeats', { exact: true }).selectOption({ label: 'Weekly' });
      await dialog.getByLabel('Every', { exact: true }).fill('1');
    }
    if (session.weeklyOccurrences) {
      await dialog.getByLabel('Ends after (occurrences)', { exact: true }).fill(String(session.weeklyOccurrences));
    }
    if (session.weeklyUntilDays) {
      const until = new Date(Date.parse(`${startLocal.slice(0, 10)}T00:00:00Z`) + session.weeklyUntilDays * 86_400_000);
      await dialog.getByLabel('Repeat until', { exact: true }).fill(until.toISOString().slice(0, 10));
    }
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/sessions') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
    const response = await answer;
    expect(response.status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });
    const { created, first } = await response.json();
    return { id: first.id, startsAt: first.startsAt, created };
  }

  function monthName(page: Page, iso: string): Promise<string> {
    return page.evaluate(
      (at) => new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' }).format(new Date(at)),
      iso,
    );
  }

  it('schedules a weekly learning lunch, shows it in month and agenda views, and counts RSVPs', async () => {
    const fatima = await signedIn('Fatima Okafor');
    await openCalendar(fatima);
    const title = `Weekly lunch ${Date.now()}`;
    const first = await schedule(fatima, {
      title,
      start: { daysFromNow: 7, time: '12:30' },
      capacity: 5,
      weeklyOccurrences: 4,
    });
    expect(first.created).toBe(4);

    const month = fatima.getByRole('table', { name: await monthName(fatima, first.startsAt) });
    await month
      .getByRole('button', { name: new RegExp(title) })
      .first()
      .waitFor();
    expect(await fatima.getByText(`Scheduled “${title}”, 4 sessions from`).count()).toBe(1);
    expect(await month.getByRole('button', { name: new RegExp(`12:30.*${title}`) }).count()).toBeGreaterThanOrEqual(1);

    await fatima.getByRole('button', { name: 'Agenda', exact: true }).click();
    const agenda = fatima.getByRole('list', { name: /^Sessions in / });
    await agenda.getByRole('button', { name: title }).first().click();

    const dialog = fatima.getByRole('dialog', { name: title });
    await dialog.getByText('0 of 5 taken').waitFor();
    await dialog.getByRole('button', { name: 'Going', exact: true }).click();
    await dialog.getByText('Answer saved. You are going.').waitFor();
    await dialog.getByText('1 of 5 taken').waitFor();
    expect(await dialog.getByRole('button', { name: 'Going', exact: true }).getAttribute('aria-pressed')).toBe('true');

    const sam = await signedIn('Sam Rivera', `?view=channel&sessionId=${encodeURIComponent(first.id)}`);
    const samDialog = sam.getByRole('dialog', { name: title });
    await samDialog.getByText('1 of 5 taken').waitFor();
    await samDialog.getByRole('button', { name: 'Going', exact: true }).click();
    await samDialog.getByText('2 of 5 taken').waitFor();
    await samDialog.getByText('Answer saved. You are going.').waitFor();
  });

  /** The week time grid (a group named by the week), once its sessions have loaded. */
  async function weekGrid(page: Page) {
    await page
      .getByRole('status')
      .filter({ hasText: /^\d+ sessions?\.$/ })
      .waitFor();
    const week = page.getByRole('group', { name: /\d{4}$/ });
    await week.waitFor();
    return week;
  }

  /** "Tuesday, December 8": how a day's heading and session list are named, for a `YYYY-MM-DD` date. */
  function dayName(page: Page, date: string): Promise<string> {
    return page.evaluate(
      (d) =>
        new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
          new Date(`${d}T00:00:00Z`),
        ),
      date,
    );
  }

  it('shows a series in the hourly week grid, and edits the whole series from the session dialog', async () => {
    const fatima = await signedIn('Fatima Okafor');
    await openCalendar(fatima);
    const title = `Week grid lunch ${Date.now()}`;
    const first = await schedule(fatima, {
      title,
      start: { daysFromNow: 7, time: '12:30' },
      weeklyUntilDays: 14,
      rsvpClosesMinutesBefore: 60,
    });
    expect(first.created).toBe(3); // weekly until two weeks after the first date

    // Scheduling moved the calendar to the first session's date: the week view shows its week.
    await fatima.getByRole('button', { name: 'Week', exact: true }).click();
    const week = await weekGrid(fatima);
    const date = await fatima.evaluate((iso) => {
      const at = new Date(iso);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
    }, first.startsAt);
    const day = week.getByRole('list', { name: await dayName(fatima, date) });
    const entry = day.getByRole('button', { name: new RegExp(title) });
    await entry.waitFor();
    expect(await week.getByRole('heading', { level: 3 }).count()).toBe(7);
    // Placed by its time: 12:30 is 4.5 hours below the 8:00 top row (3rem an hour), 45 minutes tall.
    const block = entry.locator('xpath=ancestor::li[1]');
    expect(await block.evaluate((li) => [li.style.top, li.style.height])).toEqual(['13.5rem', '2.25rem']);
    const [grid, button] = await Promise.all([week.boundingBox(), entry.boundingBox()]);
    expect(button!.width).toBeLessThan(grid!.width / 7);
    expect(button!.y - grid!.y).toBeGreaterThan(13.5 * 16);

    await entry.click();
    const dialog = fatima.getByRole('dialog', { name: title });
    await dialog.getByRole('button', { name: 'Edit session' }).click();
    const form = dialog.getByRole('form', { name: 'Edit session' });
    await form.getByLabel('Apply the changes to').selectOption({ label: 'This and all later sessions of the series' });
    const renamed = `${title} moved`;
    await form.getByLabel('Title', { exact: true }).fill(renamed);
    await form.getByLabel(/^Start time \(/).fill('14:00');
    await form.getByLabel('Location', { exact: true }).fill('Atrium');
    await expectNoViolations(fatima);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('Changes saved to 3 sessions.').waitFor();
    const renamedDialog = fatima.getByRole('dialog', { name: renamed });
    await renamedDialog.getByText('Atrium').waitFor();
    await renamedDialog.getByRole('button', { name: 'Close' }).click();

    const moved = day.getByRole('button', { name: new RegExp(`${renamed}`) });
    await moved.waitFor();
    expect(await moved.locator('xpath=ancestor::li[1]').evaluate((li) => li.style.top)).toBe('18rem'); // 14:00
    await fatima.getByRole('button', { name: 'Next week' }).click();
    await (
      await weekGrid(fatima)
    )
      .getByRole('button', { name: new RegExp(`2:00.*${renamed}|14:00.*${renamed}`) })
      .waitFor();
  });

  it('lets a member check in to a session that starts in 10 minutes', async () => {
    const fatima = await signedIn('Fatima Okafor');
    await openCalendar(fatima);
    const title = `Starting soon ${Date.now()}`;
    const session = await schedule(fatima, { title, start: { minutesFromNow: 10 } });
    expect(session.created).toBe(1);

    const sam = await signedIn('Sam Rivera', `?view=channel&sessionId=${encodeURIComponent(session.id)}`);
    const dialog = sam.getByRole('dialog', { name: title });
    await dialog.getByRole('button', { name: 'Check in' }).click();
    await dialog.getByText('You are checked in.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Check in' }).count()).toBe(0);
  });

  describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
    it.each(['light', 'dark', 'contrast'])('month view in the %s theme', async (theme) => {
      const page = await signedIn('Fatima Okafor', '?view=channel', theme === 'light' ? undefined : theme);
      await openCalendar(page);
      await page.getByRole('table').waitFor();
      await expectNoViolations(page);
    });

    it.each(['light', 'dark', 'contrast'])('week time grid in the %s theme', async (theme) => {
      const page = await signedIn('Fatima Okafor', '?view=channel', theme === 'light' ? undefined : theme);
      await openCalendar(page);
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await page.getByRole('button', { name: 'Next week' }).click();
      const week = await weekGrid(page);
      await week.getByRole('button').first().waitFor(); // next week always holds a demo session
      await expectNoViolations(page);
    });

    it('week view at a narrow width (a list of days), and agenda', async () => {
      const page = await signedIn('Fatima Okafor');
      await page.setViewportSize({ width: 480, height: 900 });
      await openCalendar(page);
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await page.getByRole('button', { name: 'Next week' }).click();
      const week = await weekGrid(page);
      await week.getByRole('button').first().waitFor();
      const firstHeading = week.getByRole('heading', { level: 3 }).first();
      const [grid, heading] = await Promise.all([week.boundingBox(), firstHeading.boundingBox()]);
      expect(heading!.width).toBeGreaterThan(grid!.width / 2); // stacked, not a seventh of the width
      await expectNoViolations(page);

      await page.getByRole('button', { name: 'Agenda', exact: true }).click();
      await page.getByRole('button', { name: 'Today' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /^\d+ sessions?\.$/ })
        .waitFor();
      await expectNoViolations(page);
    });

    it('session dialog of someone who runs the session, and the schedule form', async () => {
      const page = await signedIn('Fatima Okafor', '?view=channel&sessionId=lunch-powershell');
      const dialog = page.getByRole('dialog', { name: /PowerShell habits/ });
      await dialog.getByRole('heading', { name: 'Run this session' }).waitFor();
      await expectNoViolations(page);
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.getByRole('button', { name: 'Schedule session' }).click();
      const form = page.getByRole('dialog', { name: 'Schedule session' });
      await form.getByRole('option', { name: 'Priya Nair' }).waitFor({ state: 'attached' });
      await expectNoViolations(page);
    });
  });
});
