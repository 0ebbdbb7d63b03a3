import { expect, test, type Page } from '@playwright/test';
import { Workbook } from 'exceljs';
import { COORDINATOR, signIn } from './support/accounts';
import { seriousViolations } from './support/pages';

/** An export or import job runs on the worker: allow it time on a busy machine. */
const JOB_TIMEOUT = 60_000;

interface ProjectDto {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  mobilityTotal: number;
}

interface ImportDto {
  id: string;
  status: string;
  dryRun: boolean;
  report: { row: number; action: string; errors: { column: string; message: string }[] }[];
}

/**
 * The demo school's project with the demo's mobilities ("Apprentices abroad: metal …", KA122-VET), found
 * by the start of its title (other browser tests add projects of their own). The demo's KA121 project
 * ("Accredited mobility, last round") has no mobilities: its report would be empty, and it ended, so it
 * takes no new mobilities either.
 */
const DEMO_PROJECT = 'Apprentices abroad: metal';

async function demoProject(page: Page, title: string): Promise<ProjectDto> {
  const list = await page.request.get('/api/projects?pageSize=100');
  expect(list.status(), await list.text()).toBe(200);
  const items = (await list.json()).items as ProjectDto[];
  const found = items.find((p) => p.title.startsWith(title));
  expect(found, `the demo project "${title}…"`).toBeTruthy();
  const project = await page.request.get(`/api/projects/${found?.id}`);
  expect(project.status(), await project.text()).toBe(200);
  return (await project.json()) as ProjectDto;
}

/** `iso` plus `days` (UTC calendar days). */
function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The template's header line → its separator and column names (UTF-8 BOM and quotes removed). */
function templateHeaders(text: string): { delimiter: string; headers: string[] } {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  const delimiter = [';', '\t', ','].find((d) => line.includes(d)) ?? ';';
  const headers = line.split(delimiter).map((h) =>
    h
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/""/g, '"'),
  );
  return { delimiter, headers };
}

test.describe('reports and import on the demo project', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, COORDINATOR);
  });

  test('the coordinator exports the final report as Excel and downloads a valid workbook', async ({
    page,
  }, testInfo) => {
    const project = await demoProject(page, DEMO_PROJECT);

    // From the board, as a coordinator finds it.
    await page.goto(`/projects/${project.id}`);
    await page.getByRole('link', { name: 'Reports and import' }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/reports$`));
    await expect(page).toHaveTitle('Reports · Mobility Hub');
    await expect(page.getByRole('heading', { level: 1, name: 'Reports and import' })).toBeVisible();

    await page.getByRole('button', { name: 'Final report as Excel' }).click();
    const progress = page.getByTestId('export-progress');
    await expect(progress).toHaveText(/Queued …|Writing rows|Done: /);
    await expect(progress).toHaveText(/Done: \d/, { timeout: JOB_TIMEOUT });

    const link = page.getByTestId('export-download');
    await expect(link).toHaveText(/final-report-\d{4}-\d{2}-\d{2}\.xlsx/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/-final-report-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = testInfo.outputPath('final-report.xlsx');
    await download.saveAs(file);

    const workbook = new Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Summary', 'Mobilities', 'Tasks', 'Event history']),
    );
    const mobilities = workbook.getWorksheet('Mobilities');
    expect(mobilities).toBeTruthy();
    // A header row, then every mobility of the project (as the API counts them) by its BM activity ID;
    // an accompanying person has a row of their own, `<the learner's ID>-A1`.
    const counted = (await (await page.request.get(`/api/projects/${project.id}`)).json()) as ProjectDto;
    expect(counted.mobilityTotal).toBeGreaterThan(0);
    const ids = (mobilities?.getColumn(1).values ?? []).slice(2).map(String);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => /-MOB-\d{5}$/.test(id))).toHaveLength(counted.mobilityTotal);
    expect((mobilities?.actualRowCount ?? 0) - 1).toBeGreaterThanOrEqual(counted.mobilityTotal);

    // The earlier exports list it, with its download.
    await expect(page.getByTestId('export-list')).toContainText('Final report');
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), 'the reports page with a finished export').toEqual([]);
  });

  test('the coordinator imports a file with one bad row: the row is named with its column and message, nothing can be confirmed', async ({
    page,
  }, testInfo) => {
    const project = await demoProject(page, DEMO_PROJECT);

    // The template's own headers, so that the file matches whatever columns the template has.
    const template = await page.request.get(`/api/projects/${project.id}/imports/template?format=csv`);
    expect(template.status(), await template.text()).toBe(200);
    const { delimiter, headers } = templateHeaders(await template.text());
    expect(headers).toEqual(
      expect.arrayContaining(['Activity type', 'First name', 'Last name', 'E-mail', 'Start date']),
    );

    // A four-week stay starting a month from now (and at least a month into the project).
    const today = new Date().toISOString().slice(0, 10);
    const inAMonth = addDays(today, 30);
    const start = [addDays(project.startDate, 30), inAMonth].sort()[1];
    expect(addDays(start, 27) <= project.endDate, 'the stay fits the project').toBe(true);
    const run = Date.now().toString(36);
    const rowOf = (values: Record<string, string>) => headers.map((h) => values[h] ?? '').join(delimiter);
    const good = rowOf({
      'Activity type': 'LM-SHORT-VET',
      'First name': 'Ida',
      'Last name': `Import${run}`,
      'E-mail': `ida.import.${run}@example.org`,
      'Date of birth': '2004-05-17',
      'Receiving organisation': 'Talleres Mecánicos Castilla S.L.',
      'Receiving country': 'ES',
      'Start date': start,
      'End date': addDays(start, 27),
    });
    const bad = rowOf({
      'Activity type': 'LM-SHORT-VET',
      'First name': 'Ole',
      'Last name': `Import${run}`,
      'E-mail': `ole.import.${run}@example.org`,
      'Date of birth': '2004-09-02',
      'Receiving organisation': 'Talleres Mecánicos Castilla S.L.',
      'Receiving country': 'ES',
      'Start date': 'not a date',
      'End date': addDays(start, 27),
    });
    const csv = `\uFEFF${headers.join(delimiter)}\r\n${good}\r\n${bad}\r\n`;
    const path = testInfo.outputPath('import.csv');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, csv, 'utf8');

    await page.goto(`/projects/${project.id}/reports`);
    await expect(page.getByRole('heading', { level: 2, name: 'Import participants and mobilities' })).toBeVisible();
    await page.getByLabel('File to import').setInputFiles(path);
    // The upload's answer names the import: what the page shows is compared with what the API says.
    const [uploaded] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && /\/api\/projects\/[^/]+\/imports\?dryRun=true$/.test(r.url()),
      ),
      page.getByRole('button', { name: 'Check the file' }).click(),
    ]);
    expect(uploaded.status()).toBe(202);
    // The Location header (a response body may no longer be kept by the browser once the page read it).
    const location = (await uploaded.headerValue('location')) ?? '';
    expect(location).toMatch(/^\/api\/imports\/[0-9a-f-]{36}$/);
    const importId = location.split('/').pop();

    const summary = page.getByTestId('import-summary');
    await expect(summary).toContainText('2 rows: 1 ready, 1 with errors', { timeout: JOB_TIMEOUT });
    await expect(summary).toContainText('fix the file and upload it again');

    // The bad row is the file's row 3 (the header is row 1): named with its column and the API's message.
    const badRow = page.locator('#import-row-3');
    await expect(badRow).toContainText('Error');
    await expect(badRow).toContainText('Start date');
    const done = (await (await page.request.get(`/api/imports/${importId}`)).json()) as ImportDto;
    expect(done).toMatchObject({ status: 'done', dryRun: true, valid: false });
    const errors = done.report.find((r) => r.row === 3)?.errors ?? [];
    expect(errors.map((e) => e.column)).toContain('Start date');
    for (const error of errors) await expect(badRow).toContainText(`${error.column}: ${error.message}`);
    await expect(page.locator('#import-row-2')).not.toContainText('Error');

    // The link in the summary takes the focus to the bad row.
    await page.getByRole('link', { name: /first row with errors/ }).click();
    await expect(badRow).toBeFocused();

    await expect(page.getByRole('button', { name: 'Create the mobilities' })).toBeDisabled();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), 'the import preview').toEqual([]);
  });

  test('the reports page fits a phone: no sideways scrolling of the page', async ({ page }) => {
    const project = await demoProject(page, DEMO_PROJECT);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/projects/${project.id}/reports`);
    await expect(page.getByRole('button', { name: 'BM mobility file as CSV' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page), 'the reports page at 390 px').toEqual([]);
  });
});
