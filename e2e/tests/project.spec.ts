import { expect, test } from '@playwright/test';
import { COORDINATOR, organisationOf, signIn } from './support/accounts';

test('a coordinator creates a project, opens its board and adds the first mobility', async ({ page }) => {
  // The demo school's coordinator: a project's beneficiary is an organisation its coordinator belongs to.
  const me = await signIn(page, COORDINATOR);
  const school = { id: organisationOf(me, 'coordinator') };
  const host = (await (await page.request.get('/api/organisations?country=IT&kind=company')).json()).items[0];

  await page.goto('/projects');
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Grant agreement reference').fill('2027-1-DE02-KA121-VET-000777001');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Accredited mobility 2027');
  await page.getByLabel('Key action').selectOption('KA121-VET');
  await page.getByLabel('Call year').fill('2027');
  await page.getByLabel('Beneficiary organisation').selectOption(school.id);
  await page.getByLabel('Start date').fill('2027-06-01');
  await page.getByLabel('End date').fill('2028-08-31');
  await page.getByRole('button', { name: 'Create project' }).click();

  const link = page.getByRole('link', { name: 'Accredited mobility 2027' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accredited mobility 2027' })).toBeVisible();

  await page.getByRole('link', { name: 'New mobility' }).click();
  await page.getByLabel('First name').fill('Elif');
  await page.getByLabel('Last name').fill('Kaya');
  await page.getByLabel('E-mail').fill('elif.kaya@example.org');
  await page.getByLabel('Date of birth').fill('2001-09-14');
  await page.getByLabel('Activity type').selectOption('LM-LONG-VET');
  await page.getByLabel('Host organisation').selectOption(host.id);
  await page.getByLabel('First day abroad').fill('2027-09-01');
  // 30 days is too short for ErasmusPro: the form says so before anything is sent.
  await page.getByLabel('Last day abroad').fill('2027-09-30');
  await page.getByRole('button', { name: 'Create mobility' }).click();
  await expect(page.getByRole('alert').first()).toContainText(/90/);
  await page.getByLabel('Last day abroad').fill('2027-12-15');
  await page.getByRole('button', { name: 'Create mobility' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Elif Kaya' })).toBeVisible();
  await page.getByRole('link', { name: /Back to the project/ }).click();
  await expect(page.getByRole('list', { name: 'Application mobilities' })).toContainText('Elif Kaya');
});
