import { expect, Page, test, type TestInfo } from '@playwright/test';
import { join } from 'node:path';
import { COORDINATOR, LEARNER, MENTORS, signIn } from './support/accounts';
import { mainNavigation, seriousViolations } from './support/pages';

/**
 * Screens of every size: the main pages at a phone (390 px), a tablet (768 px) and a laptop (1366 px)
 * scroll only up and down; nothing jumps while they load; the navigation is a menu on a phone; users'
 * pages log no error in the console.
 *
 * The screenshots for review go to the test's output folder; with SCREENSHOTS=1 they are written to
 * e2e/screenshots/<page>-<width>.png instead (committed: reviewers look at them there).
 */

const WIDTHS = [390, 768, 1366] as const;
const HEIGHT: Record<(typeof WIDTHS)[number], number> = { 390: 844, 768: 1024, 1366: 768 };

let projectId = '';

test.beforeAll(async ({ request }) => {
  await signIn(request, COORDINATOR);
  const projects = (await (await request.get('/api/projects?pageSize=100')).json()).items as {
    id: string;
    title: string;
  }[];
  projectId = projects.find((p) => p.title.startsWith('Apprentices abroad: metal'))?.id ?? '';
  expect(projectId).not.toBe('');
});

/** The main pages, each opened by the person it is for, with what shows that its content has arrived. */
function mainPages(): { name: string; person: string; path: string; ready: (page: Page) => Promise<void> }[] {
  return [
    {
      name: 'projects',
      person: COORDINATOR,
      path: '/projects',
      ready: (page) => expect(page.getByRole('link', { name: /Apprentices abroad: metal/ })).toBeVisible(),
    },
    {
      name: 'board',
      person: COORDINATOR,
      path: `/projects/${projectId}`,
      ready: (page) => expect(page.getByTestId('mobility-card').first()).toBeVisible(),
    },
    {
      name: 'organisations',
      person: COORDINATOR,
      path: '/organisations',
      ready: (page) => expect(page.getByTestId('org-count')).toHaveText(/\d+ organisations?/),
    },
    {
      name: 'mobilities',
      person: COORDINATOR,
      path: '/mobilities',
      ready: (page) => expect(page.getByRole('heading', { level: 1, name: 'Mobilities' })).toBeVisible(),
    },
    {
      name: 'learner-home',
      person: LEARNER,
      path: '/me',
      ready: (page) => expect(page.getByTestId('learner-task').first()).toBeVisible(),
    },
    {
      name: 'host',
      person: MENTORS.ES,
      path: '/host',
      ready: (page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible(),
    },
  ];
}

/** Which page × width screenshots are kept for review (12). */
const REVIEWED = new Set([
  'projects-390',
  'projects-768',
  'projects-1366',
  'board-390',
  'board-768',
  'board-1366',
  'organisations-390',
  'organisations-768',
  'learner-home-390',
  'host-390',
]);

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = process.env['SCREENSHOTS']
    ? join(__dirname, '..', 'screenshots', `${name}.png`)
    : testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
}

/** Sums the layout shifts not caused by the user, from the page's very start (install before goto). */
async function observeLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
        if (!entry.hadRecentInput) w.__cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const cumulativeLayoutShift = (page: Page) => page.evaluate(() => (window as unknown as { __cls: number }).__cls);

/** Console errors and uncaught exceptions of the page from now on. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

for (const width of WIDTHS) {
  test(`the main pages fit ${width} px: no sideways scrolling of the page`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: HEIGHT[width] });
    let person = '';
    for (const main of mainPages()) {
      if (main.person !== person) {
        await page.context().clearCookies();
        await signIn(page, main.person);
        person = main.person;
      }
      await page.goto(main.path);
      await main.ready(page);
      await page.waitForLoadState('networkidle');
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scrollWidth, `${main.path} at ${width} px`).toBeLessThanOrEqual(innerWidth);
      if (REVIEWED.has(`${main.name}-${width}`)) await screenshot(page, testInfo, `${main.name}-${width}`);
    }
  });
}

for (const width of WIDTHS) {
  test(`nothing jumps while the projects page and the board load at ${width} px (CLS < 0.1)`, async ({ page }) => {
    await page.setViewportSize({ width, height: HEIGHT[width] });
    await signIn(page, COORDINATOR);
    await observeLayoutShifts(page);
    for (const main of mainPages().filter((p) => p.name === 'projects' || p.name === 'board')) {
      await page.goto(main.path);
      await main.ready(page);
      await page.waitForLoadState('networkidle');
      expect(await cumulativeLayoutShift(page), `${main.path} at ${width} px`).toBeLessThan(0.1);
    }
  });
}

test('at 390 px the navigation is a menu that works by keyboard', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, COORDINATOR);
  await page.goto('/projects');
  await expect(page.getByRole('link', { name: /Apprentices abroad: metal/ })).toBeVisible();

  const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
  const nav = mainNavigation(page);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Organisations' })).toBeHidden();

  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Organisations' })).toBeVisible();
  await screenshot(page, testInfo, 'menu-open-390');
  // The menu follows its button: Tab goes to its first item.
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Projects' })).toBeFocused();
  // Escape closes it and gives the focus back to the button.
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await expect(nav.getByRole('link', { name: 'Projects' })).toBeHidden();

  // Open again, go to Organisations by keyboard: the page opens and the menu closes.
  await page.keyboard.press('Space');
  await nav.getByRole('link', { name: 'Organisations' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/organisations$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible();
  expect(await seriousViolations(page), 'organisations at 390 px').toEqual([]);

  // At 1366 px the navigation is a sidebar again, without a menu button.
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(menu).toBeHidden();
  await expect(nav.getByRole('link', { name: 'Organisations' })).toBeVisible();
});

test('the board shows which phases are in view and brings the others in', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, COORDINATOR);
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByTestId('mobility-card').first()).toBeVisible();

  const bar = page.getByRole('group', { name: 'Go to a phase' });
  const hint = page.getByTestId('scroll-hint');
  await expect(hint).toBeVisible();
  await expect(hint).toHaveText(/^\s*\d of 7 phases in view\s*$/);
  await expect(bar.locator('.phase-chip.in-view').filter({ hasText: 'Withdrawn' })).toHaveCount(0);
  await bar.getByRole('button', { name: /Withdrawn/ }).click();
  await expect(bar.locator('.phase-chip.in-view').filter({ hasText: 'Withdrawn' })).toHaveCount(1);
  await expect(page.getByRole('region', { name: /Withdrawn/ })).toBeInViewport();
  expect(await seriousViolations(page), 'the board at 1366 px').toEqual([]);
});

test('the learner checklist on a phone: 44 px touch targets, each title beside its checkbox', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, LEARNER);
  await page.goto('/me');
  const tasks = page.getByTestId('learner-task');
  await expect(tasks.first()).toBeVisible();
  for (const task of (await tasks.all()).slice(0, 5)) {
    const hit = await task.getByTestId('task-hit').boundingBox();
    const title = await task.locator('label.task-title').boundingBox();
    const guidance = await task.locator('summary').boundingBox();
    expect(hit && title && guidance).toBeTruthy();
    if (!hit || !title || !guidance) continue;
    expect(hit.width).toBeGreaterThanOrEqual(44);
    expect(hit.height).toBeGreaterThanOrEqual(44);
    expect(title.height).toBeGreaterThanOrEqual(44);
    expect(guidance.height).toBeGreaterThanOrEqual(44);
    // Beside, not below: the title starts right of the box and on its row.
    expect(title.x).toBeGreaterThanOrEqual(hit.x + hit.width - 1);
    expect(title.y).toBeLessThan(hit.y + hit.height);
  }
  // The checkbox is named by its title, and a tap anywhere in its target reaches it.
  const first = tasks.first();
  const title = (await first.locator('label.task-title').textContent())?.trim() ?? '';
  await expect(first.getByRole('checkbox', { name: title })).toBeVisible();
  expect(await seriousViolations(page), 'the learner home at 390 px').toEqual([]);
  await screenshot(page, testInfo, 'learner-checklist-390');
});

test('users see no API status in the footer; coordinators do', async ({ page }) => {
  await signIn(page, LEARNER);
  await page.goto('/me');
  await expect(page.getByTestId('learner-task').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByText('Check API again')).toHaveCount(0);
  await expect(page.getByRole('contentinfo')).toBeHidden();

  await page.context().clearCookies();
  await signIn(page, COORDINATOR);
  await page.goto('/projects');
  await expect(page.getByRole('contentinfo')).toContainText('API: up');
});

test('the public pages log no error in the console', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  for (const [path, heading] of [
    ['/sign-in', 'Sign in'],
    ['/forgot-password', null],
    ['/sign-in/link', null],
    ['/mailbox', 'Mailbox'],
  ] as const) {
    await page.goto(path);
    if (heading) await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(errors, path).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  await page.goto('/sign-in');
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), 'sign-in at 390 px').toEqual([]);
  await screenshot(page, testInfo, 'sign-in-390');
  await context.close();
});
