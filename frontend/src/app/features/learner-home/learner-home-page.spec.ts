import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MobilityDto, MobilitySummaryDto, TaskDto } from '@mobility-hub/api-client';
import { addDays, isoDateOf } from '@mobility-hub/domain';
import { learnerOrder, LearnerHomePage } from './learner-home-page';
import { dueIn } from './learner-mobility';
import { detectAndSettle, provideHttpTesting } from '@testing/spec-helpers';
import { formatDate } from '@app/core/format-date';

const TODAY = isoDateOf(new Date());

const SUMMARY: MobilitySummaryDto = {
  id: 'm1',
  projectId: 'p1',
  activityType: 'LM-SHORT-VET',
  startDate: addDays(TODAY, 40),
  endDate: addDays(TODAY, 67),
  hostOrganisation: { id: 'c1', name: 'Talleres Mecánicos Castilla S.L.', country: 'ES' },
  sendingOrganisation: { id: 's1', name: 'Berufskolleg Rhein-Ruhr', country: 'DE' },
  participant: { firstName: 'Lena', lastName: 'Schmidt', email: 'lena.schmidt@students.example' },
  phase: 'preparation',
  placementConfirmed: true,
  nextDueTask: null,
  overdueTasks: 1,
  version: 6,
};

const MOBILITY: MobilityDto = {
  ...SUMMARY,
  allowedEvents: [],
  checklistVersion: 1,
  currentChecklistVersion: 2,
  createdAt: '2026-10-01T09:00:00Z',
  updatedAt: '2026-10-01T09:00:00Z',
  durationDays: 28,
  travelDays: 2,
  greenTravel: false,
  // The sending side's only: the learner gets null.
  fewerOpportunities: null,
  bmActivityId: '000101-MOB-00001',
  machineVersion: 1,
  mentor: null,
  participant: { id: 'pa1', ...SUMMARY.participant, dateOfBirth: '2007-02-14', ageAtStart: 19, minor: false },
  placementConfirmedAt: '2026-10-10T09:00:00Z',
  taskCounts: { done: 1, open: 2, overdue: 1, waived: 0 },
  yourRole: 'learner',
};

function task(id: string, partial: Partial<TaskDto> = {}): TaskDto {
  return {
    id,
    key: id,
    mobilityId: 'm1',
    title: `Task ${id}`,
    dueDate: TODAY,
    guidance: 'How to do it',
    mandatory: false,
    note: null,
    overdue: false,
    phase: 'preparation',
    role: 'learner',
    status: 'open',
    statusChangedAt: null,
    statusChangedBy: null,
    waiverReason: null,
    ...partial,
  };
}

const TASKS: TaskDto[] = [
  task('t-cv', {
    title: 'Europass CV written',
    dueDate: addDays(TODAY, -2),
    overdue: true,
    phase: 'application',
    mandatory: true,
  }),
  task('t-travel', { title: 'Travel booked', dueDate: addDays(TODAY, 5) }),
  task('t-report', { title: 'Participant report submitted', dueDate: addDays(TODAY, 90), phase: 'evaluation' }),
  task('t-ola', {
    title: 'Learning agreement signed',
    dueDate: addDays(TODAY, -20),
    phase: 'application',
    status: 'done',
  }),
];

describe('LearnerHomePage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<LearnerHomePage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [LearnerHomePage],
      providers: [provideRouter([]), provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LearnerHomePage);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  const settle = (): Promise<void> => detectAndSettle(fixture);

  async function load(mobility = MOBILITY, tasks = TASKS): Promise<void> {
    await settle();
    const list = http.expectOne((r) => r.url === '/api/mobilities');
    // Only the mobilities the learner goes on: a staff member who goes abroad sees theirs, not the school's.
    expect(list.request.params.get('mine')).toBe('true');
    list.flush({ items: [SUMMARY], total: 1, page: 1, pageSize: 50 });
    await settle();
    http.expectOne('/api/mobilities/m1').flush(mobility, { headers: { ETag: `"${mobility.version}"` } });
    http.expectOne('/api/mobilities/m1/tasks').flush(tasks);
    await settle();
  }

  const text = (selector: string) => el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  function checkbox(title: string): HTMLInputElement {
    const label = Array.from(el.querySelectorAll('label.task-title')).find((l) => l.textContent?.trim() === title);
    const box = label ? el.querySelector<HTMLInputElement>(`#${label.getAttribute('for')}`) : null;
    if (!box) throw new Error(`no checkbox "${title}"`);
    return box;
  }

  it('shows the next deadline prominently: the learner’s open task due first', async () => {
    await load();
    expect(el.querySelector('h1')?.textContent).toBe('My mobility');
    expect(text('.page-lead')).toContain('Talleres Mecánicos Castilla S.L.');
    // One mobility, as simple as ever: no school heading, no card around it.
    expect(el.querySelector('[data-testid="school"]')).toBeNull();
    expect(el.querySelector('[data-testid="learner-mobility"]')).toBeNull();
    const deadline = el.querySelector('[data-testid="next-deadline"]');
    expect(deadline?.querySelector('h2')?.textContent).toBe('Your next deadline');
    expect(text('[data-testid="next-deadline"] .deadline-title')).toBe('Europass CV written');
    expect(text('[data-testid="next-deadline"] .deadline-date')).toContain('(2 days ago)');
    expect(text('[data-testid="next-deadline"] .deadline-date')).toContain('overdue');
  });

  it('shows the five phases as progress, the current one marked', async () => {
    await load();
    expect(text('.phase-now')).toBe('Phase 2 of 5: Preparation');
    const steps = Array.from(el.querySelectorAll('.stepper li'));
    expect(steps.map((s) => s.textContent?.replace(/\s+/g, ''))).toEqual([
      '✓Application(completed)',
      '2Preparation(currentphase)',
      '3Implementation(notstarted)',
      '4Evaluation(notstarted)',
      '5Finalisation(notstarted)',
    ]);
    expect(steps[1].getAttribute('aria-current')).toBe('step');
  });

  it('lists the learner’s checklist by due date and ticks a task with If-Match', async () => {
    await load();
    const titles = Array.from(el.querySelectorAll('[data-testid="learner-task"] label.task-title')).map((l) =>
      l.textContent?.trim(),
    );
    expect(titles).toEqual([
      'Learning agreement signed',
      'Europass CV written',
      'Travel booked',
      'Participant report submitted',
    ]);
    expect(text('[data-testid="checklist"] .result-count')).toBe('1 done · 3 open');
    expect(checkbox('Learning agreement signed').checked).toBe(true);

    checkbox('Europass CV written').click();
    await settle();
    const patch = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/tasks/t-cv');
    expect(patch.request.body).toEqual({ status: 'done' });
    expect(patch.request.headers.get('If-Match')).toBe('"6"');
    patch.flush({ ...TASKS[0], status: 'done', overdue: false, mobilityVersion: 7 });
    await settle();
    expect(text('[data-testid="checklist"] .result-count')).toBe('2 done · 2 open');
    // The next deadline moves on.
    expect(text('[data-testid="next-deadline"] .deadline-title')).toBe('Travel booked');
    expect(text('[data-testid="next-deadline"] .deadline-date')).toContain('(in 5 days)');
    expect(el.querySelector('[role="status"]')?.textContent).toBe('Europass CV written: done.');

    checkbox('Europass CV written').click();
    await settle();
    const again = http.expectOne('/api/tasks/t-cv');
    expect(again.request.headers.get('If-Match')).toBe('"7"');
    again.flush({ ...TASKS[0], mobilityVersion: 8 });
    await settle();
  });

  it('says when nothing is due', async () => {
    await load(MOBILITY, [TASKS[3]]);
    expect(text('[data-testid="next-deadline"]')).toContain('Nothing is due from you right now.');
  });

  it('shows each mobility of a learner whom two schools send, under its school’s name, with its own checklist', async () => {
    const other: MobilitySummaryDto = {
      ...SUMMARY,
      id: 'm2',
      startDate: addDays(TODAY, 120),
      endDate: addDays(TODAY, 140),
      hostOrganisation: { id: 'c2', name: 'Officina Digitale Bologna S.r.l.', country: 'IT' },
      sendingOrganisation: { id: 's2', name: 'Istituto Tecnico Aachen', country: 'DE' },
      phase: 'application',
    };
    const ended: MobilitySummaryDto = { ...SUMMARY, id: 'm0', startDate: addDays(TODAY, -300), phase: 'completed' };
    await settle();
    http
      .expectOne((r) => r.url === '/api/mobilities')
      .flush({ items: [ended, other, SUMMARY], total: 3, page: 1, pageSize: 50 });
    await settle();
    for (const [summary, tasks] of [
      [SUMMARY, TASKS],
      [other, [task('t-other', { mobilityId: 'm2', title: 'Application form sent', phase: 'application' })]],
      [ended, []],
    ] as const) {
      http
        .expectOne(`/api/mobilities/${summary.id}`)
        .flush({ ...MOBILITY, ...summary }, { headers: { ETag: `"${summary.version}"` } });
      http.expectOne(`/api/mobilities/${summary.id}/tasks`).flush(tasks);
    }
    await settle();

    expect(el.querySelector('h1')?.textContent).toBe('My mobilities');
    const cards = Array.from(el.querySelectorAll('[data-testid="learner-mobility"]'));
    // Under way first, the earliest start first; then the one that ended.
    // The school that sends her twice (she came back) names each card by its first day too.
    expect(cards.map((c) => c.querySelector('h2')?.textContent?.trim())).toEqual([
      `Berufskolleg Rhein-Ruhr, from ${formatDate(SUMMARY.startDate)}`,
      'Istituto Tecnico Aachen',
      `Berufskolleg Rhein-Ruhr, from ${formatDate(ended.startDate)}`,
    ]);
    const [first, second, third] = cards;
    expect(first.getAttribute('aria-labelledby')).toBe('school-m1');
    expect(first.querySelector('#school-m1')).not.toBeNull();
    expect(second.querySelector('.page-lead')?.textContent).toContain('Officina Digitale Bologna S.r.l.');
    expect(second.querySelector('[data-testid="mobility-phase"]')?.textContent).toBe('Application');
    // Each card's sections sit under its school: h3, with their own checklist.
    expect(Array.from(second.querySelectorAll('h3')).map((h) => h.textContent)).toEqual([
      'Your next deadline',
      'Where your mobility stands',
      'Your checklist',
    ]);
    expect(first.querySelectorAll('[data-testid="learner-task"]').length).toBe(4);
    expect(
      Array.from(second.querySelectorAll('[data-testid="learner-task"] label.task-title')).map((l) =>
        l.textContent?.trim(),
      ),
    ).toEqual(['Application form sent']);
    expect(third.querySelector('[data-testid="next-deadline"]')?.textContent).toContain('Your mobility is completed.');

    // Ticking a task of the second school's mobility sends that mobility's ETag.
    checkbox('Application form sent').click();
    await settle();
    const patch = http.expectOne('/api/tasks/t-other');
    expect(patch.request.headers.get('If-Match')).toBe('"6"');
    patch.flush({
      ...task('t-other', { mobilityId: 'm2', title: 'Application form sent' }),
      status: 'done',
      mobilityVersion: 7,
    });
    await settle();
    expect(second.querySelector('.result-count')?.textContent).toBe('1 done · 0 open');
    expect(first.querySelector('.result-count')?.textContent).toBe('1 done · 3 open');
  });

  it('explains a learner without a mobility', async () => {
    await settle();
    http.expectOne((r) => r.url === '/api/mobilities').flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await settle();
    expect(text('[data-testid="no-mobility"]')).toContain('You have no mobility yet.');
  });
});

describe('learner home helpers', () => {
  it('orders the mobilities under way first (earliest start), then those that ended (latest first)', () => {
    const done = { ...SUMMARY, id: 'old', phase: 'completed' as const, startDate: '2025-01-01' };
    const withdrawn = { ...SUMMARY, id: 'stopped', phase: 'withdrawn' as const, startDate: '2025-06-01' };
    const later = { ...SUMMARY, id: 'later', phase: 'application' as const, startDate: '2099-01-01' };
    expect(learnerOrder([done, later, withdrawn, SUMMARY]).map((m) => m.id)).toEqual(['m1', 'later', 'stopped', 'old']);
    expect(learnerOrder([])).toEqual([]);
  });

  it('says when a date is due', () => {
    expect(dueIn('2026-03-02', '2026-03-02')).toBe('today');
    expect(dueIn('2026-03-03', '2026-03-02')).toBe('tomorrow');
    expect(dueIn('2026-03-01', '2026-03-02')).toBe('yesterday');
    expect(dueIn('2026-03-12', '2026-03-02')).toBe('in 10 days');
  });
});
