import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MeDto, MobilityDto, MobilitySummaryDto, TaskInListDto, TaskPageDto } from '@mobility-hub/api-client';
import { Session } from '@app/core/auth/session';
import { HostHomePage } from './host-home-page';
import { buttonNamed, detectAndSettle, provideHttpTesting } from '@testing/spec-helpers';

const COMPANY = { id: 'c1', name: 'Talleres Mecánicos Castilla S.L.', country: 'ES' };
const SCHOOL = { id: 's1', name: 'Berufskolleg Rhein-Ruhr', country: 'DE' };

const MENTOR: MeDto = {
  id: 'u5',
  email: 'mentor1@talleres.example',
  displayName: 'Mentor at Talleres',
  memberships: [{ organisationId: COMPANY.id, organisationName: COMPANY.name, role: 'mentor' }],
  participantIds: [],
};

function summary(id: string, firstName: string, partial: Partial<MobilitySummaryDto> = {}): MobilitySummaryDto {
  return {
    id,
    projectId: 'p1',
    activityType: 'LM-SHORT-VET',
    startDate: '2027-03-01',
    endDate: '2027-03-28',
    hostOrganisation: COMPANY,
    sendingOrganisation: SCHOOL,
    participant: { firstName, lastName: 'Schmidt', email: `${firstName.toLowerCase()}@students.example` },
    phase: 'application',
    placementConfirmed: false,
    nextDueTask: null,
    overdueTasks: 0,
    version: 4,
    ...partial,
  };
}

function detail(s: MobilitySummaryDto, partial: Partial<MobilityDto> = {}): MobilityDto {
  return {
    id: s.id,
    projectId: s.projectId,
    activityType: s.activityType,
    allowedEvents: [],
    checklistVersion: 1,
    currentChecklistVersion: 2,
    createdAt: '2026-10-01T09:00:00Z',
    updatedAt: '2026-10-01T09:00:00Z',
    durationDays: 28,
    startDate: s.startDate,
    endDate: s.endDate,
    travelDays: 2,
    greenTravel: false,
    // The sending side's only: a host gets null.
    fewerOpportunities: null,
    bmActivityId: '000101-MOB-00001',
    hostOrganisation: COMPANY,
    sendingOrganisation: SCHOOL,
    machineVersion: 1,
    mentor: null,
    nextDueTask: null,
    participant: { id: `pa-${s.id}`, ...s.participant, dateOfBirth: null, ageAtStart: null, minor: null },
    phase: s.phase,
    placementConfirmed: s.placementConfirmed,
    placementConfirmedAt: null,
    taskCounts: { done: 0, open: 1, overdue: 0, waived: 0 },
    version: s.version,
    yourRole: 'mentor',
    ...partial,
  };
}

function task(id: string, of: MobilitySummaryDto, partial: Partial<TaskInListDto> = {}): TaskInListDto {
  return {
    id,
    key: id,
    mobilityId: of.id,
    mobility: {
      id: of.id,
      participantName: `${of.participant.firstName} ${of.participant.lastName}`,
      phase: of.phase,
      version: of.version,
      startDate: of.startDate,
      endDate: of.endDate,
    },
    title: `Task ${id}`,
    dueDate: '2027-01-01',
    guidance: 'How to do it',
    mandatory: false,
    note: null,
    overdue: false,
    phase: 'implementation',
    role: 'host',
    status: 'open',
    statusChangedAt: null,
    statusChangedBy: null,
    waiverReason: null,
    ...partial,
  };
}

const LENA = summary('m1', 'Lena');
const PAUL = summary('m2', 'Paul', {
  phase: 'implementation',
  placementConfirmed: true,
  startDate: '2026-10-20',
  endDate: '2027-01-28',
  version: 9,
});
const LUKAS = summary('m3', 'Lukas', {
  phase: 'completed',
  placementConfirmed: true,
  startDate: '2026-04-01',
  endDate: '2026-05-10',
});

const LENA_TASKS = [
  task('t-conf', LENA, {
    key: 'host-confirmation',
    title: 'Placement confirmed by the host',
    phase: 'preparation',
    dueDate: '2027-01-18',
  }),
  task('t-welcome', LENA, { title: 'Welcome pack sent', phase: 'preparation', dueDate: '2027-02-01' }),
];
const PAUL_TASKS = [
  task('t-monitor', PAUL, { title: 'Monitoring contact', dueDate: '2026-11-03', overdue: true }),
  task('t-induction', PAUL, { title: 'Induction given', dueDate: '2026-10-20', overdue: true, mandatory: true }),
  task('t-outcomes', PAUL, { title: 'Learning outcomes assessed', dueDate: '2027-01-28' }),
];
/** A host task of a mobility the person sees as a school's staff, not as this company's mentor. */
const ELSEWHERE = task(
  't-elsewhere',
  summary('m9', 'Mia', { hostOrganisation: { id: 'c9', name: 'Other host', country: 'FR' } }),
  { title: 'Somebody else’s task' },
);

function taskPage(items: readonly TaskInListDto[], partial: Partial<TaskPageDto> = {}): TaskPageDto {
  return { items: [...items], total: items.length, page: 1, pageSize: 100, ...partial };
}

describe('HostHomePage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<HostHomePage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [HostHomePage],
      providers: [provideRouter([]), provideHttpTesting()],
    });
    TestBed.inject(Session).signIn(MENTOR);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostHomePage);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
  });

  afterEach(() => {
    http.verify();
    el.remove();
  });

  const settle = (): Promise<void> => detectAndSettle(fixture);

  /** The page's whole load: the list, one page of open host tasks, and the file of the one placement waiting for an answer. */
  async function load(): Promise<void> {
    await settle();
    const list = http.expectOne((r) => r.url === '/api/mobilities');
    expect(list.request.params.get('pageSize')).toBe('200');
    list.flush({ items: [LENA, PAUL, LUKAS], total: 3, page: 1, pageSize: 200 });
    await settle();
    const tasks = http.expectOne((r) => r.url === '/api/tasks');
    expect(tasks.request.params.get('status')).toBe('open');
    expect(tasks.request.params.get('role')).toBe('host');
    expect(tasks.request.params.get('pageSize')).toBe('100');
    expect(tasks.request.params.get('page')).toBe('1');
    tasks.flush(taskPage([...PAUL_TASKS, ...LENA_TASKS, ELSEWHERE]));
    // Only Lena's placement can wait for the host's answer (a host, not confirmed, still in application).
    http
      .expectOne('/api/mobilities/m1')
      .flush(detail(LENA, { allowedEvents: ['HOST_CONFIRM', 'HOST_DECLINE'] }), { headers: { ETag: '"4"' } });
    // Paul's placement is confirmed and under way, Lukas's completed: neither file is read, and no checklist per placement.
    http.expectNone('/api/mobilities/m2');
    http.expectNone('/api/mobilities/m3');
    http.expectNone((r) => r.url.endsWith('/tasks') && r.url !== '/api/tasks');
    await settle();
  }

  const button = (name: string): HTMLButtonElement => buttonNamed(el, name);

  function checkbox(title: string): HTMLInputElement {
    const label = Array.from(el.querySelectorAll('label')).find((l) => l.textContent?.trim() === title);
    const box = label ? el.querySelector<HTMLInputElement>(`#${label.getAttribute('for')}`) : null;
    if (!box) throw new Error(`no checkbox "${title}"`);
    return box;
  }

  const status = () => el.querySelector('[role="status"]')?.textContent?.trim();
  const taskTitles = () =>
    Array.from(el.querySelectorAll('[data-testid="host-task"] label')).map((l) => l.textContent?.trim());

  it('lists the placements waiting for the host’s answer: learner, dates, school — never a date of birth', async () => {
    await load();
    expect(el.querySelector('h1')?.textContent).toBe('Placements');
    expect(el.querySelector('.page-lead')?.textContent).toContain('Talleres Mecánicos Castilla S.L.');
    const requests = el.querySelectorAll('[data-testid="placement-request"]');
    expect(requests).toHaveLength(1);
    expect(requests[0].querySelector('h3')?.textContent).toBe('Lena Schmidt');
    expect(requests[0].textContent).toContain('1 Mar 2027 – 28 Mar 2027 (28 days)');
    expect(requests[0].textContent).toContain('Berufskolleg Rhein-Ruhr (DE)');
    expect(el.textContent?.toLowerCase()).not.toContain('birth');
    // Every placement, completed ones too, links to its file.
    const rows = Array.from(el.querySelectorAll('[data-testid="placements"] tbody tr'));
    expect(rows.map((r) => r.querySelector('a')?.getAttribute('href'))).toEqual([
      '/mobilities/m1',
      '/mobilities/m2',
      '/mobilities/m3',
    ]);
  });

  it('lists the open host tasks by due date, overdue marked; the confirmation is the answer, not a tick', async () => {
    await load();
    // Only this company's placements: a host task the person sees as a school's staff is not listed here.
    expect(taskTitles()).toEqual([
      'Induction given',
      'Monitoring contact',
      'Placement confirmed by the host',
      'Learning outcomes assessed',
      'Welcome pack sent',
    ]);
    const items = Array.from(el.querySelectorAll('[data-testid="host-task"]'));
    expect(items[0].textContent).toContain('Overdue');
    expect(items[0].textContent).toContain('For Paul Schmidt');
    expect(items[0].textContent).toContain('due 20 Oct 2026');
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/mobilities/m2');
    expect(items[3].textContent).not.toContain('Overdue');
    expect(el.querySelector('[data-testid="host-tasks"] .result-count')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '5 open · 2 overdue',
    );
    expect(checkbox('Placement confirmed by the host').disabled).toBe(true);
    expect(items[2].textContent).toContain('Done by confirming the placement above.');
    expect(checkbox('Induction given').disabled).toBe(false);
  });

  it('confirms a placement with If-Match, then shows it no longer waiting', async () => {
    await load();
    button('Confirm the placement of Lena Schmidt').click();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/mobilities/m1/events');
    expect(post.request.body).toEqual({ type: 'HOST_CONFIRM' });
    expect(post.request.headers.get('If-Match')).toBe('"4"');
    post.flush(detail(LENA, { placementConfirmed: true, version: 5 }), { headers: { ETag: '"5"' } });
    await settle();
    // The confirmation ticked the host's confirmation task (the machine's effect): shown so, without reading the checklist again.
    http.expectNone((r) => r.url.includes('/tasks'));
    expect(checkbox('Placement confirmed by the host').checked).toBe(true);
    expect(checkbox('Placement confirmed by the host').disabled).toBe(true);
    expect(el.querySelector('#task-meta-t-conf')?.textContent).toContain('Done when the placement is confirmed.');
    expect(el.querySelector('[data-testid="host-tasks"] .result-count')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '4 open · 2 overdue',
    );
    const rows = Array.from(el.querySelectorAll('[data-testid="placements"] tbody tr'));
    expect(rows[0].textContent).toContain('Confirmed');

    expect(el.querySelectorAll('[data-testid="placement-request"]')).toHaveLength(0);
    expect(el.textContent).toContain('No placement is waiting for your answer.');
    expect(status()).toBe('The placement of Lena Schmidt is confirmed. Berufskolleg Rhein-Ruhr is informed.');
    expect(document.activeElement?.id).toBe('confirm-heading');
  });

  it('declines only after a confirmation step, with an optional reason', async () => {
    await load();
    button('Decline… the placement of Lena Schmidt').click();
    await settle();
    http.expectNone((r) => r.method === 'POST');
    const reason = el.querySelector<HTMLTextAreaElement>('#decline-reason-m1');
    expect(document.activeElement).toBe(reason);
    if (reason) {
      reason.value = 'No workshop place in March';
      reason.dispatchEvent(new Event('input'));
    }
    button('Decline the placement').click();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/mobilities/m1/events');
    expect(post.request.body).toEqual({ type: 'HOST_DECLINE', reason: 'No workshop place in March' });
    post.flush(detail(LENA, { hostOrganisation: null, version: 5 }));
    await settle();
    expect(el.querySelectorAll('[data-testid="placement-request"]')).toHaveLength(0);
    expect(taskTitles()).not.toContain('Placement confirmed by the host');
    expect(taskTitles()).not.toContain('Welcome pack sent');
    expect(el.querySelectorAll('[data-testid="placements"] tbody tr')).toHaveLength(2);
    expect(status()).toContain('You declined the placement of Lena Schmidt.');
  });

  it('ticks a host task with PATCH and the mobility’s ETag; it stays listed, ticked, and can be unticked', async () => {
    await load();
    checkbox('Induction given').click();
    await settle();
    const patch = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/tasks/t-induction');
    expect(patch.request.body).toEqual({ status: 'done' });
    expect(patch.request.headers.get('If-Match')).toBe('"9"');
    patch.flush(
      { ...PAUL_TASKS[1], status: 'done', overdue: false, mobilityVersion: 10 },
      { headers: { ETag: '"10"' } },
    );
    await settle();
    expect(checkbox('Induction given').checked).toBe(true);
    expect(status()).toBe('Induction given for Paul Schmidt: done.');
    expect(el.querySelector('[data-testid="host-tasks"] .result-count')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '4 open · 1 overdue',
    );

    checkbox('Induction given').click();
    await settle();
    const again = http.expectOne('/api/tasks/t-induction');
    expect(again.request.body).toEqual({ status: 'open' });
    expect(again.request.headers.get('If-Match')).toBe('"10"');
    again.flush({ ...PAUL_TASKS[1], mobilityVersion: 11 });
    await settle();
    expect(checkbox('Induction given').checked).toBe(false);

    // Another task of the same placement: the version the last change returned, not the one listed (no 412).
    checkbox('Monitoring contact').click();
    await settle();
    const other = http.expectOne('/api/tasks/t-monitor');
    expect(other.request.headers.get('If-Match')).toBe('"11"');
    other.flush({ ...PAUL_TASKS[0], status: 'done', mobilityVersion: 12 });
    await settle();
    expect(checkbox('Monitoring contact').checked).toBe(true);
  });

  it('answers for a placement with the version a tick on it returned', async () => {
    await load();
    checkbox('Welcome pack sent').click();
    await settle();
    const patch = http.expectOne('/api/tasks/t-welcome');
    expect(patch.request.headers.get('If-Match')).toBe('"4"');
    patch.flush({ ...LENA_TASKS[1], status: 'done', mobilityVersion: 5 }, { headers: { ETag: '"5"' } });
    await settle();
    expect(status()).toBe('Welcome pack sent for Lena Schmidt: done.');

    button('Confirm the placement of Lena Schmidt').click();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/mobilities/m1/events');
    expect(post.request.headers.get('If-Match')).toBe('"5"');
    post.flush(detail(LENA, { placementConfirmed: true, version: 6 }), { headers: { ETag: '"6"' } });
    await settle();
    expect(el.textContent).toContain('No placement is waiting for your answer.');
  });

  it('reads further pages of tasks only when there are more than 100', async () => {
    await settle();
    http.expectOne((r) => r.url === '/api/mobilities').flush({ items: [PAUL], total: 1, page: 1, pageSize: 200 });
    await settle();
    const many = Array.from({ length: 230 }, (_, i) =>
      task(`t${String(i).padStart(3, '0')}`, PAUL, { title: `Task ${String(i).padStart(3, '0')}` }),
    );
    http.expectOne((r) => r.url === '/api/tasks').flush(taskPage(many.slice(0, 100), { total: 230 }));
    await settle();
    const more = http.match((r) => r.url === '/api/tasks');
    expect(more.map((r) => r.request.params.get('page'))).toEqual(['2', '3']);
    more[0].flush(taskPage(many.slice(100, 200), { total: 230, page: 2 }));
    more[1].flush(taskPage(many.slice(200), { total: 230, page: 3 }));
    await settle();
    expect(el.querySelectorAll('[data-testid="host-task"]')).toHaveLength(230);
    // Paul's placement is confirmed: no file to read.
    http.expectNone('/api/mobilities/m2');
  });

  it('offers no answer where the file says the person may not give it (a school’s staff who also mentors)', async () => {
    await settle();
    http.expectOne((r) => r.url === '/api/mobilities').flush({ items: [LENA], total: 1, page: 1, pageSize: 200 });
    await settle();
    http.expectOne((r) => r.url === '/api/tasks').flush(taskPage(LENA_TASKS));
    await settle();
    http
      .expectOne('/api/mobilities/m1')
      .flush(detail(LENA, { yourRole: 'coordinator', allowedEvents: ['ADVANCE', 'WITHDRAW'] }));
    await settle();
    expect(el.querySelectorAll('[data-testid="placement-request"]')).toHaveLength(0);
    expect(el.querySelector('#task-meta-t-conf')?.textContent).toContain('Done when the placement is confirmed.');
  });

  it('puts a refused tick back and says why', async () => {
    await load();
    checkbox('Monitoring contact').click();
    await settle();
    http
      .expectOne('/api/tasks/t-monitor')
      .flush(
        { type: 'about:blank', title: 'Precondition failed', status: 412, detail: 'stale' },
        { status: 412, statusText: 'Precondition Failed' },
      );
    await settle();
    expect(checkbox('Monitoring contact').checked).toBe(false);
    const alert = el.querySelector('#tasks-problem');
    expect(alert?.textContent).toContain('“Monitoring contact” for Paul Schmidt did not change.');
    expect(alert?.textContent).toContain('Reload the placements');
  });

  it('reads no tasks when no placement is under way', async () => {
    await settle();
    http.expectOne((r) => r.url === '/api/mobilities').flush({ items: [LUKAS], total: 1, page: 1, pageSize: 200 });
    await settle();
    http.expectNone((r) => r.url === '/api/tasks');
    expect(el.textContent).toContain('No placement is waiting for your answer.');
    expect(el.textContent).toContain('No host task is open.');
    expect(el.querySelectorAll('[data-testid="placements"] tbody tr')).toHaveLength(1);
  });

  it('says so when the placements cannot be loaded', async () => {
    await settle();
    http.expectOne((r) => r.url === '/api/mobilities').error(new ProgressEvent('error'));
    await settle();
    expect(el.querySelector('[data-testid="host-problem"]')?.textContent).toContain(
      'Your placements could not be loaded.',
    );
  });
});
