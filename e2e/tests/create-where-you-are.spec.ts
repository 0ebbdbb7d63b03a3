import { expect, Page, test } from '@playwright/test';
import { COORDINATOR, signIn } from './support/accounts';
import { seriousViolations } from './support/pages';

/** "21 mobilities", or "Showing 50 of 2021 mobilities" once the list has more than a page. */
function countText(n: number): RegExp {
  return new RegExp(`^\\s*(Showing \\d+ of )?${n} ${n === 1 ? 'mobility' : 'mobilities'}\\s*$`);
}

/** The page is no wider than the window: nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'page width').toBeLessThanOrEqual(client);
}

test('a coordinator registers a new host from the new-mobility form and finds the mobility by its country', async ({
  page,
}, testInfo) => {
  await signIn(page, COORDINATOR);
  // The demo school's project (other specs add projects of their own, e.g. the board's scale test).
  const projects = (await (await page.request.get('/api/projects?pageSize=100')).json()).items as {
    id: string;
    title: string;
  }[];
  const project = projects.find((p) => p.title.startsWith('Apprentices abroad: metal'))!;
  const suffix = Date.now().toString(36);
  const hostName = `Autoservis Novák ${suffix}`;

  await page.goto(`/projects/${project.id}/mobilities/new`);
  await page.getByLabel('First name').fill('Tereza');
  await page.getByLabel('Last name').fill(`Dvořák ${suffix}`);
  await page.getByLabel('E-mail').fill(`tereza.${suffix}@example.org`);
  await page.getByLabel('Date of birth').fill('2004-02-11');
  await page.getByLabel('Activity type').selectOption('LM-SHORT-VET');
  // The sending list holds the school (and partner schools), never a host company.
  const sending = page.getByLabel('Sending organisation');
  await expect(sending.locator('option')).not.toContainText([/Talleres/]);
  await expect(sending).toContainText('Berufskolleg Rhein-Ruhr');

  await page.getByRole('button', { name: 'Host not listed? Register a new host' }).click();
  await expect(page.getByLabel('Name of the host')).toBeFocused();
  await page.getByLabel('Name of the host').fill(hostName);
  const country = page.getByLabel('Country', { exact: true });
  // Countries by name, the ISO code behind: Czechia stays Czechia, Greece is GR.
  await expect(country.locator('option[value="CZ"]')).toHaveText('Czechia');
  await expect(country.locator('option[value="GR"]')).toHaveText('Greece');
  await country.selectOption({ label: 'Czechia' });
  await page.getByLabel('City').fill('Praha');
  expect(await seriousViolations(page), 'new mobility with the new host open').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('new-host-inline.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save host' }).click();

  const host = page.getByLabel('Host organisation');
  await expect(host.locator('option:checked')).toHaveText(`${hostName} (Praha, Czechia)`);
  await expect(page.getByTestId('host-added')).toContainText(`${hostName} is registered and chosen as the host.`);
  await page.getByLabel('First day abroad').fill('2026-10-05');
  await page.getByLabel('Last day abroad').fill('2026-10-30');
  await page.getByRole('button', { name: 'Create mobility' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Tereza Dvořák ${suffix}` })).toBeVisible();

  // A second host in Czechia gets Praha suggested.
  await page.goto('/organisations');
  await page.getByRole('button', { name: 'Register an organisation' }).click();
  await page.locator('#org-country').selectOption({ label: 'Czechia' });
  await expect(page.locator('#org-city-suggestions option[value="Praha"]')).toHaveCount(1);

  await page.goto('/mobilities');
  await page.getByLabel('Host country').selectOption({ label: 'Czechia' });
  await expect(page).toHaveURL(/hostCountry=CZ/);
  const rows = page.locator('tbody tr');
  await expect(rows.filter({ hasText: `Tereza Dvořák ${suffix}` })).toHaveCount(1);
  await expect(rows.first()).toContainText(`${hostName}, Czechia`);
});

test('the Mobilities page lists all mobilities, filters and sorts them, and keeps a saved filter', async ({
  page,
  browser,
}, testInfo) => {
  // Two widths, two sessions, two accessibility scans.
  test.slow();
  await signIn(page, COORDINATOR);
  const all = (await (await page.request.get('/api/mobilities?pageSize=500')).json()).total as number;
  const overdue = (await (await page.request.get('/api/mobilities?overdue=true&pageSize=500')).json()).total as number;
  expect(all).toBeGreaterThan(overdue);

  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/mobilities');
  await expect(page.getByRole('heading', { level: 1, name: 'Mobilities' })).toBeVisible();
  await expect(page.getByTestId('mobility-count')).toHaveText(countText(all));

  // Filter: overdue ones only, then in Spain.
  await page.getByLabel('Overdue').selectOption({ label: 'With overdue tasks' });
  await expect(page.getByTestId('mobility-count')).toHaveText(countText(overdue));
  await page.getByLabel('Overdue').selectOption({ label: 'All' });
  await page.getByLabel('Host country').selectOption({ label: 'Spain' });
  await expect(page).toHaveURL(/hostCountry=ES/);
  const hosts = page.locator('tbody tr td[data-label="Host"]');
  await expect(hosts.first()).toContainText('Spain');
  for (const text of await hosts.allTextContents()) expect(text).toContain('Spain');

  // Sort by learner (the column header), then the other way.
  await page.getByRole('button', { name: 'Learner', exact: true }).click();
  await expect(page).toHaveURL(/sort=learner/);
  await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Learner');
  const lastNames = async () =>
    (await page.locator('tbody tr th a').allTextContents()).map((n) => n.trim().split(' ').slice(1).join(' '));
  // The list before stays on screen until the sorted one arrives.
  const sorted = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));
  await expect.poll(async () => (await lastNames()).join('|')).toBe(sorted(await lastNames()).join('|'));
  const ascending = await lastNames();
  expect(ascending).toEqual(sorted(ascending));
  await page.getByRole('button', { name: 'Learner', exact: true }).click();
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Learner');
  await expect.poll(lastNames).toEqual([...ascending].reverse());

  // Save the filter; it comes back after a reload and on another device (a new browser session).
  const name = `Spain by learner ${Date.now().toString(36)}`;
  await page.getByLabel('Name for these filters').fill(name);
  await page.getByRole('button', { name: 'Save filter' }).click();
  await expect(page.getByTestId('saved-filter-status')).toHaveText(`Filter “${name}” saved.`);
  expect(await seriousViolations(page), '/mobilities filtered at 1366 px').toEqual([]);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: testInfo.outputPath('mobilities-1366.png'), fullPage: true });

  await page.goto('/mobilities');
  await expect(page.getByTestId('mobility-count')).toHaveText(countText(all));
  await page.getByRole('combobox', { name: 'Saved filters' }).selectOption({ label: name });
  await expect(page).toHaveURL(/hostCountry=ES/);
  await expect(page).toHaveURL(/sort=-learner/);
  await expect(page.getByLabel('Host country').locator('option:checked')).toHaveText('Spain');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Saved filters' }).locator('option:checked')).toHaveText(name);

  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    baseURL: testInfo.project.use.baseURL,
  });
  const other = await phone.newPage();
  await signIn(other, COORDINATOR);
  await other.goto('/mobilities');
  await other.getByText('Filters and order').click();
  await other.getByRole('combobox', { name: 'Saved filters' }).selectOption({ label: name });
  await expect(other).toHaveURL(/hostCountry=ES/);
  await expect(other.locator('tbody tr').first()).toContainText('Spain');
  await expectNoSidewaysScroll(other);
  expect(await seriousViolations(other), '/mobilities at 390 px').toEqual([]);
  await other.screenshot({ path: testInfo.outputPath('mobilities-390.png'), fullPage: true });

  // Deleting it removes it everywhere.
  await other.getByRole('button', { name: `Delete “${name}”` }).click();
  await expect(other.getByTestId('saved-filter-status')).toHaveText(`Filter “${name}” deleted.`);
  await phone.close();
});
