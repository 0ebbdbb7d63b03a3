import { expect, test } from '@playwright/test';
import { COORDINATOR, signIn } from './support/accounts';
import { seriousViolations } from './support/pages';

test.describe('the coordinator dashboard on the demo data', () => {
  let projectId: string;
  let mobilityId: string;

  test.beforeAll(async ({ request }) => {
    await signIn(request, COORDINATOR);
    // The demo project (other browser tests add projects of their own).
    const projects = (await (await request.get('/api/projects?pageSize=100')).json()).items as {
      id: string;
      title: string;
    }[];
    projectId = projects.find((p) => p.title.startsWith('Apprentices abroad: metal'))?.id ?? '';
    expect(projectId).not.toBe('');
    const inPreparation = await (await request.get(`/api/mobilities?projectId=${projectId}&phase=preparation`)).json();
    mobilityId = inPreparation.items[0].id;
  });

  // Katrin Weber, the demo school's coordinator, signed in in the page (and in `page.request`).
  test.beforeEach(async ({ page }) => {
    await signIn(page, COORDINATOR);
  });

  test('every page has no serious or critical accessibility violation', async ({ page }, testInfo) => {
    // Six scans; the country lists (every ISO country by name) make two of the pages larger to scan.
    test.slow();
    const pages = [
      ['/projects', 'Projects'],
      [`/projects/${projectId}`, null],
      [`/projects/${projectId}/mobilities/new`, 'New mobility'],
      [`/mobilities/${mobilityId}`, null],
      ['/mobilities', 'Mobilities'],
      ['/organisations', 'Organisations'],
    ] as const;
    for (const [path, heading] of pages) {
      await page.goto(path);
      if (heading) await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.goto(`/projects/${projectId}`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: testInfo.outputPath('board.png'), fullPage: true });
    await page.goto(`/mobilities/${mobilityId}`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: testInfo.outputPath('mobility-file.png'), fullPage: true });
  });

  test('a coordinator adds a mobility, ticks a task and withdraws it with a reason', async ({ page }) => {
    const request = page.request;
    await page.goto(`/projects/${projectId}/mobilities/new`);
    await page.getByLabel('First name').fill('Nora');
    await page.getByLabel('Last name').fill('Playwright');
    await page.getByLabel('E-mail').fill('nora.playwright@example.org');
    await page.getByLabel('Date of birth').fill('2001-09-14');
    await page.getByLabel('Activity type').selectOption('LM-SHORT-VET');
    const hosts = await (await request.get('/api/organisations?country=ES&kind=company')).json();
    await page.getByLabel('Host organisation').selectOption(hosts.items[0].id);
    await page.getByLabel('First day abroad').fill('2027-05-03');
    await page.getByLabel('Last day abroad').fill('2027-05-30');
    await page.getByRole('button', { name: 'Create mobility' }).click();

    await expect(page).toHaveURL(/\/mobilities\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Nora Playwright' })).toBeVisible();
    const id = page.url().split('/').pop() ?? '';

    await page.getByLabel('Selection decision recorded').check();
    await expect
      .poll(async () => {
        const tasks = (await (await request.get(`/api/mobilities/${id}/tasks`)).json()) as {
          key: string;
          status: string;
        }[];
        return tasks.find((t) => t.key === 'selection-decision')?.status;
      })
      .toBe('done');

    // Application is not finished: the page says what is still needed before Advance is pressed.
    await expect(page.getByRole('button', { name: /^Advance/ })).toHaveAttribute('aria-disabled', 'true');
    const unmet = page.getByTestId('advance-needed');
    await expect(unmet).toBeVisible();
    await expect(unmet).toContainText('Eligibility and activity duration checked');

    await page.getByRole('button', { name: 'Withdraw…' }).click();
    await page.getByLabel('Reason (required)').fill('Learner changed training company');
    await page.locator('#reason-form').getByRole('button', { name: 'Withdraw' }).click();
    await expect(page.getByTestId('phase')).toHaveText('Withdrawn');
    await page.getByRole('tab', { name: /History/ }).click();
    const history = page.getByTestId('history');
    await expect(history).toContainText('Reason: Learner changed training company');
    await expect(page.getByText('No lifecycle event is possible now.')).toBeVisible();
    expect((await (await request.get(`/api/mobilities/${id}`)).json()).phase).toBe('withdrawn');
  });

  test('a coordinator completes the application tasks, advances, and the card moves column', async ({ page }) => {
    const request = page.request;
    const listed = await (
      await request.get(`/api/mobilities?projectId=${projectId}&phase=application&q=Schmidt`)
    ).json();
    const lena = listed.items[0];
    await page.goto(`/mobilities/${lena.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Lena Schmidt' })).toBeVisible();
    const tasks = (await (await request.get(`/api/mobilities/${lena.id}/tasks`)).json()) as {
      phase: string;
      mandatory: boolean;
      status: string;
      title: string;
    }[];
    for (const task of tasks.filter((t) => t.phase === 'application' && t.mandatory && t.status === 'open')) {
      const box = page.getByLabel(task.title, { exact: true });
      await box.check();
      await expect(box).toBeChecked();
      await expect(box).toBeEnabled();
    }
    await page.getByRole('button', { name: /^Advance/ }).click();
    await expect(page.getByTestId('phase')).toHaveText('Preparation');
    await page.getByRole('tab', { name: /History/ }).click();
    await expect(page.getByTestId('history')).toContainText('Preparation');

    await page.goto(`/projects/${projectId}`);
    await expect(page.getByRole('list', { name: 'Preparation mobilities' })).toContainText('Lena Schmidt');
    await expect(page.getByRole('list', { name: 'Application mobilities' })).not.toContainText('Lena Schmidt');
  });
});
