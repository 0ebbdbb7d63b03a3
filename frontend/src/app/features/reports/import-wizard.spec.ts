import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { buttonNamed, detectAndSettle, provideHttpTesting, textOfTestId } from '@testing/spec-helpers';
import { ImportWizard } from './import-wizard';
import { JOB_POLL_MS } from './job-poll';
import { IMPORT_ID, importDto, PROJECT_ID, row, present } from './report-fixtures';

describe('ImportWizard', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ImportWizard>;
  let el: HTMLElement;
  const settle = () => detectAndSettle(fixture, 4);

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ImportWizard],
      providers: [provideHttpTesting(), provideRouter([]), { provide: JOB_POLL_MS, useValue: 0 }],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ImportWizard);
    fixture.componentRef.setInput('projectId', PROJECT_ID);
    el = fixture.nativeElement as HTMLElement;
    await settle();
  });

  afterEach(() => http.verify());

  function choose(file: File): void {
    const input = present(el.querySelector<HTMLInputElement>('#import-file'), 'element');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  function expectUpload(dryRun: boolean): TestRequest {
    const req = http.expectOne(
      (r) => r.method === 'POST' && r.urlWithParams === `/api/projects/${PROJECT_ID}/imports?dryRun=${dryRun}`,
    );
    expect(req.request.body).toBeInstanceOf(FormData);
    return req;
  }

  const csv = new File(['Activity type;First name\n'], 'mobilities.csv', { type: 'text/csv' });
  const confirmButton = () => buttonNamed(el, 'Create the mobilities');

  async function dryRunWith(report: ReturnType<typeof row>[], valid: boolean): Promise<void> {
    choose(csv);
    buttonNamed(el, 'Check the file').click();
    await settle();
    const upload = expectUpload(true);
    expect((upload.request.body as FormData).get('file')).toBe(csv);
    upload.flush(importDto({ status: 'running', rows: 1, totalRows: report.length }));
    await settle();
    expect(textOfTestId(el, 'import-progress')).toBe(`Checking rows 1 of ${report.length} …`);
    http.expectOne(`/api/imports/${IMPORT_ID}`).flush(
      importDto({
        status: 'done',
        progress: 100,
        rows: report.length,
        totalRows: report.length,
        valid,
        report,
      }),
    );
    await settle();
  }

  it('links the templates and states the size limit', () => {
    const hrefs = Array.from(el.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      `/api/projects/${PROJECT_ID}/imports/template?format=xlsx`,
      `/api/projects/${PROJECT_ID}/imports/template?format=csv`,
    ]);
    expect(el.textContent).toContain('at most 10 MB');
  });

  it('asks for a file of the right type before sending anything', async () => {
    buttonNamed(el, 'Check the file').click();
    await settle();
    expect(el.querySelector('#import-file-error')?.textContent).toContain('Choose a CSV or Excel file.');
    choose(new File(['x'], 'notes.txt'));
    buttonNamed(el, 'Check the file').click();
    await settle();
    expect(el.querySelector('#import-file-error')?.textContent).toContain('.csv or .xlsx');
  });

  it('shows every row of the dry run, names the bad row’s column and message, and keeps confirm disabled', async () => {
    await dryRunWith(
      [
        row(2, { newHost: true }),
        row(3, {
          action: 'error',
          participant: 'Tom Wagner',
          errors: [
            { row: 3, column: 'Start date', rule: 'date', message: 'date YYYY-MM-DD or DD.MM.YYYY' },
            { row: 3, column: 'E-mail', rule: 'required', message: 'E-mail is required' },
          ],
        }),
        row(4, { action: 'duplicate', participant: 'Lena Schmidt', newPerson: false }),
      ],
      false,
    );
    expect(textOfTestId(el, 'import-summary')).toContain(
      '3 rows: 1 ready, 1 already in the project, 1 with errors — fix the file and upload it again.',
    );
    const jump = present(
      Array.from(el.querySelectorAll('a')).find((a) => a.textContent?.includes('first row with errors')),
      'element',
    );
    expect(jump.getAttribute('href')).toBe('#import-row-3');
    jump.click();
    expect(document.activeElement?.id).toBe('import-row-3');

    const bad = present(el.querySelector('#import-row-3'), 'element');
    expect(bad.classList).toContain('row-error');
    expect(bad.textContent).toContain('Error');
    expect(bad.textContent).toContain('Start date: date YYYY-MM-DD or DD.MM.YYYY');
    expect(bad.textContent).toContain('E-mail: E-mail is required');
    expect(el.querySelector('#import-row-2')?.textContent).toContain('new person');
    expect(el.querySelector('#import-row-2')?.textContent).toContain('new host');
    expect(el.querySelector('#import-row-4')?.textContent).toContain('Already in the project — skipped');
    expect(confirmButton().disabled).toBe(true);
  });

  it('confirms a valid file: the same file again with dryRun=false, then the count and a link to the board', async () => {
    await dryRunWith([row(2), row(3)], true);
    expect(textOfTestId(el, 'import-summary')).toBe('2 rows: 2 ready, 0 with errors');
    expect(confirmButton().disabled).toBe(false);
    confirmButton().click();
    await settle();
    const commit = expectUpload(false);
    expect((commit.request.body as FormData).get('file')).toBe(csv);
    commit.flush(importDto({ dryRun: false, status: 'queued' }));
    await settle();
    expect(confirmButton().disabled).toBe(true);
    http.expectOne(`/api/imports/${IMPORT_ID}`).flush(
      importDto({
        dryRun: false,
        status: 'done',
        valid: true,
        committed: true,
        report: [row(2), row(3)],
        summary: { rows: 2, valid: 2, invalid: 0, duplicates: 0, mobilities: 2, persons: 2, hosts: 0 },
      }),
    );
    await settle();
    expect(textOfTestId(el, 'import-created')).toContain('Created 2 mobilities.');
    expect(el.querySelector('[data-testid="import-created"] a')?.getAttribute('href')).toBe(`/projects/${PROJECT_ID}`);
  });

  it('keeps following a commit through failed reads, and never says "nothing was created" when it lost track', async () => {
    await dryRunWith([row(2)], true);
    confirmButton().click();
    await settle();
    expectUpload(false).flush(importDto({ dryRun: false, status: 'running' }));
    await settle();
    // A blip: one read fails, the next one tells the outcome.
    http.expectOne(`/api/imports/${IMPORT_ID}`).flush(null, { status: 503, statusText: 'Busy' });
    await settle();
    http.expectOne(`/api/imports/${IMPORT_ID}`).flush(importDto({ dryRun: false, status: 'running' }));
    await settle();
    // Then the server stays away: after the retries the page says the mobilities may have been created.
    for (let i = 0; i < 7; i++) {
      http.expectOne(`/api/imports/${IMPORT_ID}`).flush(null, { status: 503, statusText: 'Busy' });
      await settle();
    }
    expect(textOfTestId(el, 'import-lost-track')).toContain('they may well have been created');
    expect(el.textContent).not.toContain('Nothing was created');
    expect(confirmButton().disabled).toBe(true);
  });

  it('shows a rejected file (422 with errors) with the error summary', async () => {
    choose(csv);
    buttonNamed(el, 'Check the file').click();
    await settle();
    expectUpload(true).flush(
      {
        type: 'urn:mobility-hub:problem:import-file-rejected',
        title: 'Import file rejected',
        status: 422,
        detail: 'The header does not match the template',
        errors: [{ field: 'header', rule: 'template', message: 'missing column "Start date"' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    const summary = textOfTestId(el, 'problem-summary');
    expect(summary).toContain('The file was not accepted: Import file rejected');
    expect(summary).toContain('header: missing column "Start date"');
    expect(el.querySelector('[data-testid="import-rows"]')).toBeNull();
  });
});
