import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ProjectDto, ProjectTaskDto } from '@mobility-hub/api-client';
import { buttonNamed, detectAndSettle, provideHttpTesting } from '@testing/spec-helpers';
import { ProjectLifecycle } from './project-lifecycle';

const PROJECT_ID = '11111111-1111-4111-8111-111111111111';

const project: ProjectDto = {
  id: PROJECT_ID,
  reference: '2025-1-DE02-KA121-VET-000123456',
  title: 'Accredited mobility',
  action: 'KA121-VET',
  callYear: 2025,
  beneficiaryOrganisation: { id: 'b', name: 'Berufsschule Nord', country: 'DE' },
  startDate: '2025-06-01',
  endDate: '2026-08-31',
  mobilityCounts: {
    application: 0,
    preparation: 0,
    implementation: 0,
    evaluation: 0,
    finalisation: 0,
    completed: 0,
    withdrawn: 0,
  },
  mobilityTotal: 0,
  overdueMobilities: 0,
  status: 'reporting',
  reportSubmittedOn: null,
  closedOn: null,
  interimReportDueDate: null,
  nextDeadline: {
    taskId: 't1',
    key: 'bm-mobilities-complete',
    title: 'All mobilities marked Complete in the Beneficiary Module',
    dueDate: '2026-09-30',
    overdue: true,
  },
  overdueTasks: 1,
  possibleEvents: ['SUBMIT_FINAL_REPORT'],
  canManage: true,
  warnings: [],
};

function task(id: string, key: string, overrides: Partial<ProjectTaskDto> = {}): ProjectTaskDto {
  return {
    id,
    projectId: PROJECT_ID,
    key,
    title: `Task ${key}`,
    guidance: 'Guidance',
    mandatory: true,
    dueDate: '2026-09-30',
    status: 'open',
    overdue: false,
    setByEvent: key === 'final-report-submitted',
    statusChangedBy: null,
    statusChangedAt: null,
    note: null,
    waiverReason: null,
    ...overrides,
  };
}

describe('ProjectLifecycle', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ProjectLifecycle>;
  let el: HTMLElement;
  let emitted: ProjectDto[];

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await detectAndSettle(fixture);
  }

  async function open(p: ProjectDto, tasks: ProjectTaskDto[]): Promise<void> {
    await TestBed.configureTestingModule({
      imports: [ProjectLifecycle],
      providers: [provideHttpTesting()],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ProjectLifecycle);
    fixture.componentRef.setInput('project', p);
    emitted = [];
    fixture.componentInstance.changed.subscribe((value) => emitted.push(value));
    el = fixture.nativeElement as HTMLElement;
    await detectAndSettle(fixture);
    http.expectOne(`/api/projects/${PROJECT_ID}/tasks`).flush(tasks);
    await settle();
  }

  afterEach(() => http.verify());

  it('shows the status, the next deadline (overdue) and the project tasks; the final report task cannot be ticked', async () => {
    await open(project, [
      task('t1', 'bm-mobilities-complete', { overdue: true }),
      task('t2', 'final-report-submitted'),
    ]);
    expect(el.querySelector('[data-testid="project-status"]')?.textContent).toContain('Reporting');
    expect(el.querySelector('[data-testid="project-status"] .overdue-text')?.textContent).toContain(
      'All mobilities marked Complete',
    );
    const boxes = el.querySelectorAll<HTMLInputElement>('[data-testid="project-task"] input[type="checkbox"]');
    expect(boxes).toHaveLength(2);
    expect(boxes[0].disabled).toBe(false);
    expect(boxes[1].disabled).toBe(true);
    expect(el.textContent).toContain('ticked when the submission is recorded');
  });

  it('records the final report submitted on the date given, and hands the new project to the page', async () => {
    await open(project, []);
    const date = el.querySelector<HTMLInputElement>('#project-event-on')!;
    date.value = '2026-10-10';
    date.dispatchEvent(new Event('input'));
    buttonNamed(el, 'Record final report submitted').click();
    await settle();
    const req = http.expectOne(`/api/projects/${PROJECT_ID}/events`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ type: 'SUBMIT_FINAL_REPORT', on: '2026-10-10' });
    const submitted: ProjectDto = {
      ...project,
      status: 'submitted',
      reportSubmittedOn: '2026-10-10',
      possibleEvents: ['CLOSE', 'REOPEN_REPORT'],
      nextDeadline: null,
    };
    req.flush(submitted);
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}/tasks`).flush([]);
    expect(emitted).toEqual([submitted]);
  });

  it('shows the API’s refusal at the date field', async () => {
    await open(project, []);
    buttonNamed(el, 'Record final report submitted').click();
    await settle();
    http.expectOne(`/api/projects/${PROJECT_ID}/events`).flush(
      {
        type: 'urn:mobility-hub:problem:rule-violated',
        title: 'Business rule violated',
        status: 422,
        detail: 'the date cannot be after today',
        errors: [{ field: 'on', rule: 'not in the future', message: 'the date cannot be after today (2026-10-09)' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    expect(el.querySelector('#project-event-on-error')?.textContent).toContain('cannot be after today');
    expect(emitted).toEqual([]);
  });

  it('ticks a task for a coordinator, then reloads the tasks and the project', async () => {
    await open(project, [task('t1', 'bm-mobilities-complete')]);
    const box = el.querySelector<HTMLInputElement>('#ptask-t1')!;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await settle();
    const req = http.expectOne(`/api/projects/${PROJECT_ID}/tasks/t1`);
    expect(req.request.body).toEqual({ status: 'done' });
    req.flush(task('t1', 'bm-mobilities-complete', { status: 'done' }));
    await settle();
    http
      .expectOne(`/api/projects/${PROJECT_ID}/tasks`)
      .flush([task('t1', 'bm-mobilities-complete', { status: 'done' })]);
    http.expectOne(`/api/projects/${PROJECT_ID}`).flush({ ...project, nextDeadline: null });
    await settle();
    expect(emitted).toHaveLength(1);
  });

  it('offers staff no actions: no record buttons, tasks read-only, the interim date read-only', async () => {
    await open({ ...project, canManage: false, possibleEvents: [], interimReportDueDate: '2026-01-15' }, [
      task('t1', 'bm-mobilities-complete'),
    ]);
    expect(el.querySelector('#project-event-on')).toBeNull();
    expect(el.querySelector<HTMLInputElement>('#ptask-t1')!.disabled).toBe(true);
    expect(el.querySelector<HTMLInputElement>('#project-interimReportDueDate')!.readOnly).toBe(true);
    expect(el.textContent).not.toContain('Waive…');
  });

  it('shows a KA122 frequency warning', async () => {
    await open(
      {
        ...project,
        action: 'KA122-VET',
        warnings: [{ code: 'ka122-frequency', field: 'callYear', message: 'this is number 4 in 2021–2025.' }],
      },
      [],
    );
    expect(el.querySelector('[data-testid="project-warning"]')?.textContent).toContain('number 4 in 2021–2025');
  });
});
