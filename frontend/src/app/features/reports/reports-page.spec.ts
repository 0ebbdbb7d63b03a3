import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { detectAndSettle, provideHttpTesting, textOfTestId } from '@testing/spec-helpers';
import { JOB_POLL_MS } from './job-poll';
import { EXPORT_ID, exportDto, PROJECT, PROJECT_ID, present } from './report-fixtures';
import { ReportsPage } from './reports-page';

describe('ReportsPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ReportsPage>;
  let el: HTMLElement;

  const settle = () => detectAndSettle(fixture, 4);

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ReportsPage],
      providers: [provideHttpTesting(), provideRouter([]), { provide: JOB_POLL_MS, useValue: 0 }],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReportsPage);
    fixture.componentRef.setInput('projectId', PROJECT_ID);
    el = fixture.nativeElement as HTMLElement;
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}`).flush(PROJECT);
    http.expectOne(`/api/projects/${PROJECT_ID}/exports`).flush([]);
    await settle();
  });

  afterEach(() => http.verify());

  function press(name: string): void {
    const button = el.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
    if (!button) throw new Error(`no button "${name}"`);
    button.click();
  }

  it('explains each kind and offers a button per format', () => {
    expect(el.querySelector('h1')?.textContent).toContain('Reports and import');
    expect(el.textContent).toContain('Summary, Mobilities, Tasks and');
    const names = Array.from(el.querySelectorAll('button[aria-label]')).map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual([
      'Final report as Excel',
      'Final report as CSV',
      'Final report as PDF',
      'BM mobility file as Excel',
      'BM mobility file as CSV',
    ]);
    expect(el.querySelector('#export-final-report-delimiter')).not.toBeNull();
  });

  it('creates an export, shows its progress and then the download link; the list reloads', async () => {
    press('Final report as Excel');
    await settle();
    const create = http.expectOne(`/api/projects/${PROJECT_ID}/exports`);
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({ kind: 'final-report', format: 'xlsx' });
    create.flush(exportDto(), { status: 202, statusText: 'Accepted' });
    await settle();
    expect(textOfTestId(el, 'export-progress')).toBe('Queued …');

    http
      .expectOne(`/api/exports/${EXPORT_ID}`)
      .flush(exportDto({ status: 'running', progress: 25, rows: 1200, totalRows: 4800 }));
    await settle();
    expect(textOfTestId(el, 'export-progress')).toBe('Writing rows 1,200 of 4,800 …');
    const bar = present(el.querySelector('progress'), 'element');
    expect(bar.getAttribute('max')).toBe('100');
    expect(bar.value).toBe(25);

    const done = exportDto({
      status: 'done',
      progress: 100,
      rows: 4800,
      totalRows: 4800,
      fileName: '2026-1-DE02-KA121-VET-000123456-final-report-2026-12-03.xlsx',
      byteSize: 52_300,
      downloadable: true,
    });
    http.expectOne(`/api/exports/${EXPORT_ID}`).flush(done);
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}/exports`).flush([done]);
    await settle();
    expect(el.querySelector('progress')).toBeNull();
    const link = present(el.querySelector<HTMLAnchorElement>('[data-testid="export-download"]'), 'element');
    expect(link.getAttribute('href')).toBe(`/api/exports/${EXPORT_ID}/file`);
    expect(link.textContent).toContain('final-report-2026-12-03.xlsx');
    expect(textOfTestId(el, 'export-status')).toContain('52.3 kB');
    expect(textOfTestId(el, 'export-list')).toContain('Final report');
    expect(textOfTestId(el, 'export-list')).toContain('Katrin Weber');
  });

  it('sends the chosen CSV separator with a CSV export', async () => {
    const select = present(el.querySelector<HTMLSelectElement>('#export-bm-mobilities-delimiter'), 'element');
    select.selectedIndex = 2; // Tab
    select.dispatchEvent(new Event('change'));
    press('BM mobility file as CSV');
    await settle();
    const create = http.expectOne(`/api/projects/${PROJECT_ID}/exports`);
    expect(create.request.body).toEqual({ kind: 'bm-mobilities', format: 'csv', delimiter: '\t' });
    create.flush(exportDto({ kind: 'bm-mobilities', format: 'csv', status: 'failed', error: 'x' }));
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}/exports`).flush([]);
  });

  it('lists the mobilities a BM export held back, each linking to its file', async () => {
    press('BM mobility file as Excel');
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}/exports`).flush(
      exportDto({
        kind: 'bm-mobilities',
        status: 'done',
        progress: 100,
        rows: 11,
        fileName: 'x-bm-mobilities-2026-12-03.xlsx',
        byteSize: 9000,
        downloadable: true,
        violations: [
          {
            mobilityId: 'mob-7',
            bmActivityId: '123456-MOB-00007',
            participant: 'Lena Schmidt',
            field: 'receivingOid',
            rule: 'OID format E + 8 digits',
            message: 'The receiving organisation has no OID',
          },
          {
            mobilityId: 'mob-7',
            bmActivityId: '123456-MOB-00007',
            participant: 'Lena Schmidt',
            field: 'travelDays',
            rule: 'travel days ≤ 2',
            message: 'Lena Schmidt: 4 funded travel days without green travel',
          },
        ],
      }),
    );
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}/exports`).flush([]);
    await settle();
    const violations = textOfTestId(el, 'export-violations');
    expect(violations).toContain('1 mobility was held back because it breaks BM rules:');
    expect(violations).toContain('123456-MOB-00007');
    // The BM file's column names, not our field keys; one mobility breaking two rules is one mobility.
    expect(violations).toContain('Receiving organisation OID');
    expect(violations).not.toContain('receivingOid');
    expect(violations).toContain('Funded travel days');
    expect(violations).toContain('The receiving organisation has no OID');
    expect(violations).toContain('OID format E + 8 digits');
    const participant = Array.from(el.querySelectorAll<HTMLAnchorElement>('[data-testid="export-violations"] a'));
    expect(participant.map((a) => a.getAttribute('href'))).toEqual(['/mobilities/mob-7', '/mobilities/mob-7']);
    expect(el.querySelector('[data-testid="export-download"]')).not.toBeNull();
  });

  it('shows why an export failed, and offers no download', async () => {
    press('Final report as PDF');
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}/exports`).flush(exportDto({ format: 'pdf', status: 'running' }));
    await settle();
    http
      .expectOne(`/api/exports/${EXPORT_ID}`)
      .flush(exportDto({ format: 'pdf', status: 'failed', error: 'The worker stopped during the export' }));
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}/exports`).flush([]);
    await settle();
    expect(textOfTestId(el, 'export-status')).toContain('The export failed: The worker stopped during the export');
    expect(el.querySelector('[data-testid="export-download"]')).toBeNull();
  });

  it('shows a refused request with the error summary', async () => {
    press('Final report as Excel');
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}/exports`).flush(
      {
        type: 'urn:mobility-hub:problem:validation',
        title: 'Invalid request',
        status: 400,
        detail: 'format must be one of xlsx, csv',
        errors: [{ field: 'format', rule: 'isIn', message: 'format must be one of xlsx, csv' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(textOfTestId(el, 'problem-summary')).toContain('The export could not be started: Invalid request');
    expect(textOfTestId(el, 'problem-summary')).toContain('format: format must be one of xlsx, csv');
  });
});
