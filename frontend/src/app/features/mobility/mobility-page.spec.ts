import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { LifecycleEventDto, MobilityDto, MobilityRemindersDto, TaskDto } from '@mobility-hub/api-client';
import { Notifications } from '../../core/notifications';
import { MobilityPage } from './mobility-page';

const MOBILITY: MobilityDto = {
  id: 'm1',
  projectId: 'p1',
  activityType: 'LM-SHORT-VET',
  allowedEvents: ['HOST_CONFIRM', 'REOPEN', 'WITHDRAW'],
  checklistVersion: 1,
  createdAt: '2026-01-10T09:00:00Z',
  updatedAt: '2026-01-12T09:00:00Z',
  durationDays: 21,
  startDate: '2026-05-04',
  endDate: '2026-05-24',
  travelDays: 2,
  greenTravel: false,
  hostOrganisation: { id: 'o2', name: 'Hotel Lisboa', country: 'PT' },
  sendingOrganisation: { id: 'o1', name: 'BBS Trier', country: 'DE' },
  machineVersion: 1,
  mentor: null,
  nextDueTask: null,
  participant: { id: 'pa1', firstName: 'Lena', lastName: 'Fischer', email: 'lena@example.org', dateOfBirth: null },
  phase: 'preparation',
  placementConfirmed: false,
  placementConfirmedAt: null,
  taskCounts: { done: 1, open: 2, overdue: 1, waived: 0 },
  version: 3,
  yourRole: 'coordinator',
};

function task(partial: Partial<TaskDto> & Pick<TaskDto, 'id' | 'title' | 'phase'>): TaskDto {
  return {
    key: partial.id,
    mobilityId: 'm1',
    dueDate: '2026-04-01',
    guidance: `How to do ${partial.title}`,
    mandatory: false,
    note: null,
    overdue: false,
    role: 'coordinator',
    status: 'open',
    statusChangedAt: null,
    statusChangedBy: null,
    waiverReason: null,
    ...partial,
  };
}

const TASKS: TaskDto[] = [
  task({ id: 't1', title: 'Learning agreement drafted', phase: 'application', status: 'done', mandatory: true }),
  task({ id: 't2', title: 'Book travel', phase: 'preparation', overdue: true, dueDate: '2026-01-01', role: 'learner' }),
  task({ id: 't3', title: 'Insurance arranged', phase: 'preparation', mandatory: true }),
];

const HISTORY: LifecycleEventDto[] = [
  {
    sequence: 1,
    event: 'CREATE',
    from: null,
    to: 'application',
    actor: 'anna',
    reason: null,
    occurredAt: '2026-01-10T09:00:00Z',
  },
  {
    sequence: 2,
    event: 'ADVANCE',
    from: 'application',
    to: 'preparation',
    actor: 'anna',
    reason: null,
    occurredAt: '2026-01-12T09:00:00Z',
  },
];

const REMINDERS: MobilityRemindersDto = {
  planned: [
    {
      taskId: 't3',
      taskTitle: 'Insurance arranged',
      occasion: 'due-soon',
      occasionDate: '2026-03-25',
      sendAt: '2026-03-25T08:00:00Z',
      mailKind: 'task-reminder',
      recipientEmail: 'erasmus@bbs-trier.example',
      muted: false,
    },
  ],
  sent: [],
};

describe('MobilityPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MobilityPage>;
  let el: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [MobilityPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** Reminders are read again after every change of the mobility: answered here, tested on their own. */
  let reminderReads = 0;

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
      for (const req of http.match((r) => r.method === 'GET' && r.url === '/api/mobilities/m1/reminders')) {
        reminderReads++;
        req.flush(REMINDERS);
      }
    }
    await fixture.whenStable();
  }

  function expect1(method: string, url: string): TestRequest {
    const req = http.expectOne((r) => r.method === method && r.url === url);
    return req;
  }

  async function render(mobility: MobilityDto = MOBILITY, tasks: TaskDto[] = TASKS): Promise<void> {
    fixture = TestBed.createComponent(MobilityPage);
    fixture.componentRef.setInput('mobilityId', 'm1');
    el = fixture.nativeElement as HTMLElement;
    await settle();
    expect1('GET', '/api/mobilities/m1').flush(mobility, { headers: { ETag: `"${mobility.version}"` } });
    expect1('GET', '/api/mobilities/m1/tasks').flush(tasks);
    await settle();
    // The history is the sending side's only (the API answers 403 to the others): asked once the role is known.
    if (mobility.yourRole === 'coordinator' || mobility.yourRole === 'staff') {
      expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
      await settle();
    }
  }

  function button(text: string): HTMLButtonElement {
    const found = Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.trim().startsWith(text),
    );
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  function checkbox(title: string): HTMLInputElement {
    const label = Array.from(el.querySelectorAll('label')).find((l) => l.textContent?.trim() === title);
    return el.querySelector<HTMLInputElement>(`#${label?.getAttribute('for')}`) as HTMLInputElement;
  }

  it('renders the header, the stepper, the tasks grouped by phase, the allowed events and the history', async () => {
    await render();

    expect(el.querySelector('h1')?.textContent).toContain('Lena Fischer');
    expect(el.textContent).toContain('Hotel Lisboa (PT)');
    expect(el.textContent).toContain('21 days abroad');
    expect(el.querySelector('[aria-current="step"]')?.textContent).toContain('Preparation');

    const groups = Array.from(el.querySelectorAll('[data-testid="task-group"]'));
    expect(groups.map((g) => g.querySelector('h3')?.textContent?.trim().split(/\s+/)[0])).toEqual([
      'Application',
      'Preparation',
    ]);
    expect(groups.map((g) => g.querySelectorAll('[data-testid="task"]').length)).toEqual([1, 2]);
    expect(checkbox('Learning agreement drafted').checked).toBe(true);
    const overdue = el.querySelector('.task.overdue');
    expect(overdue?.textContent).toContain('Book travel');
    expect(overdue?.textContent).toContain('Overdue');
    expect(overdue?.textContent).toContain('Learner');
    expect(el.querySelectorAll('.badge').length).toBeGreaterThanOrEqual(2);

    const events = Array.from(el.querySelectorAll('[data-testid="events"] button')).map((b) => b.textContent?.trim());
    // ADVANCE is offered even when refused now: pressing it shows what is missing.
    expect(events).toEqual(['Advance to Implementation', 'Confirm placement', 'Reopen Application…', 'Withdraw…']);

    const history = el.querySelectorAll('[data-testid="history"] li');
    expect(history.length).toBe(2);
    expect(history[1].textContent).toContain('Application → Preparation');
    expect(history[1].textContent).toContain('by anna');
  });

  it('ticks a task with PATCH and the current ETag in If-Match, then uses the new version', async () => {
    await render();

    const box = checkbox('Book travel');
    box.click();
    await settle();
    const patch = expect1('PATCH', '/api/tasks/t2');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ status: 'done' });
    patch.flush({ ...TASKS[1], status: 'done', overdue: false, mobilityVersion: 4 });
    await settle();
    expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 4 }, { headers: { ETag: '"4"' } });
    await settle();

    expect(checkbox('Book travel').checked).toBe(true);
    expect(el.textContent).toContain('Book travel: done.');

    checkbox('Book travel').click();
    await settle();
    const untick = expect1('PATCH', '/api/tasks/t2');
    expect(untick.request.headers.get('If-Match')).toBe('"4"');
    expect(untick.request.body).toEqual({ status: 'open' });
    untick.flush({ ...TASKS[1], mobilityVersion: 5 });
    await settle();
    expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 5 });
    await settle();
  });

  it('waives a task only with a reason', async () => {
    await render();

    button('Waive… Book travel').click();
    await settle();
    const textarea = el.querySelector<HTMLTextAreaElement>('textarea') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(textarea);
    button('Waive task').click();
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Give a reason');

    textarea.value = 'Travels with the school bus';
    textarea.dispatchEvent(new Event('input'));
    button('Waive task').click();
    await settle();
    const patch = expect1('PATCH', '/api/tasks/t2');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ status: 'waived', waiverReason: 'Travels with the school bus' });
    patch.flush({ ...TASKS[1], status: 'waived', waiverReason: 'Travels with the school bus', mobilityVersion: 4 });
    await settle();
    expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 4 });
    await settle();
    expect(el.textContent).toContain('Waived: Travels with the school bus');
  });

  it('shows the unmet conditions when an event is refused (409)', async () => {
    await render();

    button('Confirm placement').click();
    await settle();
    const post = expect1('POST', '/api/mobilities/m1/events');
    expect(post.request.headers.get('If-Match')).toBe('"3"');
    expect(post.request.body).toEqual({ type: 'HOST_CONFIRM' });
    post.flush(
      {
        type: 'about:blank',
        title: 'Event refused',
        status: 409,
        detail: 'HOST_CONFIRM is not possible yet',
        event: 'HOST_CONFIRM',
        phase: 'preparation',
        unmet: [
          { code: 'MANDATORY_TASK_OPEN', message: 'A mandatory task is still open', title: 'Insurance arranged' },
        ],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();

    const unmet = el.querySelector('[data-testid="unmet"]');
    expect(unmet?.getAttribute('role')).toBe('alert');
    expect(unmet?.textContent).toContain('A mandatory task is still open');
    expect(unmet?.textContent).toContain('Insurance arranged');
  });

  it('sends one event for a double click and keeps the button focusable while it runs', async () => {
    await render();
    const confirm = button('Confirm placement');
    confirm.focus();
    confirm.click();
    await settle();
    confirm.click();
    await settle();
    expect(confirm.disabled).toBe(false);
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(confirm);
    const post = expect1('POST', '/api/mobilities/m1/events');
    post.flush(
      {
        type: 'about:blank',
        title: 'Event refused',
        status: 409,
        detail: 'not now',
        event: 'HOST_CONFIRM',
        phase: 'preparation',
        unmet: [],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(button('Confirm placement').getAttribute('aria-disabled')).toBeNull();
  });

  it('asks for a reason before withdrawing', async () => {
    await render();

    const withdraw = button('Withdraw');
    withdraw.click();
    await settle();
    expect(withdraw.getAttribute('aria-expanded')).toBe('true');
    const textarea = el.querySelector<HTMLTextAreaElement>('#event-reason') as HTMLTextAreaElement;
    expect(el.querySelector('label[for="event-reason"]')?.textContent).toContain('Reason');
    expect(document.activeElement).toBe(textarea);

    el.querySelector<HTMLButtonElement>('#reason-form button[type="submit"]')?.click();
    await settle();
    http.expectNone('/api/mobilities/m1/events');
    expect(el.querySelector('#event-reason-error')?.textContent).toContain('Give a reason to withdraw');
    expect(textarea.getAttribute('aria-invalid')).toBe('true');

    textarea.value = 'Learner left the school';
    textarea.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('#reason-form button[type="submit"]')?.click();
    await settle();
    const post = expect1('POST', '/api/mobilities/m1/events');
    expect(post.request.headers.get('If-Match')).toBe('"3"');
    expect(post.request.body).toEqual({ type: 'WITHDRAW', reason: 'Learner left the school' });
    post.flush({ ...MOBILITY, phase: 'withdrawn', allowedEvents: [], version: 4 });
    await settle();
    expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    expect1('GET', '/api/mobilities/m1/history').flush([
      ...HISTORY,
      {
        sequence: 3,
        event: 'WITHDRAW',
        from: 'preparation',
        to: 'withdrawn',
        actor: 'anna',
        reason: 'Learner left the school',
        occurredAt: '2026-02-01T09:00:00Z',
      },
    ]);
    await settle();

    expect(el.querySelector('#reason-form')).toBeNull();
    expect(el.querySelector('[data-testid="phase"]')?.textContent).toContain('Withdrawn');
    expect(el.querySelector('.step-stopped')?.textContent).toContain('Preparation');
    expect(el.textContent).toContain('Reason: Learner left the school');
  });

  it('offers to reload when the mobility changed meanwhile (412)', async () => {
    await render();
    const notifications = TestBed.inject(Notifications);

    checkbox('Book travel').click();
    await settle();
    expect1('PATCH', '/api/tasks/t2').flush(
      { type: 'about:blank', title: 'Precondition failed', status: 412, detail: 'stale' },
      { status: 412, statusText: 'Precondition Failed' },
    );
    await settle();

    expect(checkbox('Book travel').checked).toBe(false);
    const [note] = notifications.items();
    expect(note.kind).toBe('error');
    expect(note.action?.label).toBe('Reload');

    note.action?.run();
    await settle();
    expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 7 }, { headers: { ETag: '"7"' } });
    expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    await settle();
    expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await settle();

    checkbox('Book travel').click();
    await settle();
    const retry = expect1('PATCH', '/api/tasks/t2');
    expect(retry.request.headers.get('If-Match')).toBe('"7"');
    retry.flush({ ...TASKS[1], status: 'done', mobilityVersion: 8 });
    await settle();
    expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 8 });
    await settle();
  });

  it('edits the dates with If-Match and reloads the checklist with the new due dates', async () => {
    await render();

    button('Edit dates, host and mentor').click();
    await settle();
    expect1('GET', '/api/organisations').flush({ items: [], page: 1, pageSize: 500, total: 0 });
    await settle();

    const end = el.querySelector<HTMLInputElement>('#edit-endDate') as HTMLInputElement;
    end.value = '2026-05-06';
    end.dispatchEvent(new Event('input'));
    button('Save changes').click();
    await settle();
    http.expectNone('/api/mobilities/m1');
    expect(el.querySelector('#edit-endDate-error')?.textContent).toContain('10 to 89 days');

    end.value = '2026-05-31';
    end.dispatchEvent(new Event('input'));
    button('Save changes').click();
    await settle();
    const patch = expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ endDate: '2026-05-31' });
    patch.flush({ ...MOBILITY, endDate: '2026-05-31', durationDays: 28, version: 4 });
    await settle();
    expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS.map((t) => ({ ...t, dueDate: '2026-04-08' })));
    expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await settle();

    expect(el.textContent).toContain('28 days abroad');
    expect(el.textContent).toContain('Due 8 Apr 2026');
  });

  it('shows the planned reminders and reads them again when the mobility changes', async () => {
    reminderReads = 0;
    await render();
    expect(reminderReads).toBe(1);
    const planned = el.querySelector('[data-testid="planned-reminders"]');
    expect(planned?.textContent).toContain('Insurance arranged');
    expect(planned?.textContent).toContain('erasmus@bbs-trier.example');

    checkbox('Book travel').click();
    await settle();
    expect1('PATCH', '/api/tasks/t2').flush({ ...TASKS[1], status: 'done', mobilityVersion: 4 });
    await settle();
    expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 4 }, { headers: { ETag: '"4"' } });
    await settle();
    expect(reminderReads).toBe(2);
  });

  it('shows the mentor next to the host and edits it with If-Match', async () => {
    await render({ ...MOBILITY, mentor: { name: 'Ana Costa', email: 'ana@hotel-lisboa.example' } });
    expect(el.querySelector('[data-testid="mentor"]')?.textContent).toContain('Ana Costa <ana@hotel-lisboa.example>');

    button('Edit dates, host and mentor').click();
    await settle();
    expect1('GET', '/api/organisations').flush({
      items: [{ id: 'o2', name: 'Hotel Lisboa', country: 'PT', city: 'Lisboa', kind: 'company' }],
      page: 1,
      pageSize: 500,
      total: 1,
    });
    await settle();

    const name = el.querySelector<HTMLInputElement>('#edit-mentorName') as HTMLInputElement;
    const email = el.querySelector<HTMLInputElement>('#edit-mentorEmail') as HTMLInputElement;
    expect(name.value).toBe('Ana Costa');
    expect(email.value).toBe('ana@hotel-lisboa.example');

    email.value = 'not an address';
    email.dispatchEvent(new Event('input'));
    button('Save changes').click();
    await settle();
    http.expectNone((r) => r.method === 'PATCH');
    expect(el.querySelector('#edit-mentorEmail-error')?.textContent).toContain('Enter an e-mail address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email);

    name.value = 'João Silva';
    name.dispatchEvent(new Event('input'));
    email.value = 'Joao@Hotel-Lisboa.example';
    email.dispatchEvent(new Event('input'));
    button('Save changes').click();
    await settle();
    const patch = expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ mentorName: 'João Silva', mentorEmail: 'joao@hotel-lisboa.example' });
    patch.flush({ ...MOBILITY, mentor: { name: 'João Silva', email: 'joao@hotel-lisboa.example' }, version: 4 });
    await settle();
    expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await settle();

    expect(el.querySelector('[data-testid="mentor"]')?.textContent).toContain('João Silva <joao@hotel-lisboa.example>');
    expect(el.textContent).toContain('Changes saved.');
  });

  it("removes the mentor by sending nulls, and shows the API's field error", async () => {
    await render({ ...MOBILITY, mentor: { name: 'Ana Costa', email: 'ana@hotel-lisboa.example' } });
    button('Edit dates, host and mentor').click();
    await settle();
    expect1('GET', '/api/organisations').flush({ items: [], page: 1, pageSize: 500, total: 0 });
    await settle();

    for (const id of ['#edit-mentorName', '#edit-mentorEmail']) {
      const input = el.querySelector<HTMLInputElement>(id) as HTMLInputElement;
      input.value = '';
      input.dispatchEvent(new Event('input'));
    }
    button('Save changes').click();
    await settle();
    const patch = expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.body).toEqual({ mentorName: null, mentorEmail: null });
    patch.flush(
      {
        type: 'urn:mobility-hub:problem:rule-violated',
        title: 'Rule violated',
        status: 422,
        detail: 'The request breaks a rule of the programme',
        errors: [
          {
            field: 'mentorEmail',
            rule: 'needs a host',
            message: 'a mentor belongs to a host organisation: assign the host first',
          },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    expect(el.querySelector('#edit-mentorEmail-error')?.textContent).toContain(
      'a mentor belongs to a host organisation',
    );
  });

  it('clears the mentor fields when another host is chosen', async () => {
    await render({ ...MOBILITY, mentor: { name: 'Ana Costa', email: 'ana@hotel-lisboa.example' } });
    button('Edit dates, host and mentor').click();
    await settle();
    expect1('GET', '/api/organisations').flush({
      items: [
        { id: 'o2', name: 'Hotel Lisboa', country: 'PT', city: 'Lisboa', kind: 'company' },
        { id: 'o3', name: 'Taller Sol', country: 'ES', city: 'Valencia', kind: 'company' },
      ],
      page: 1,
      pageSize: 500,
      total: 2,
    });
    await settle();

    const select = el.querySelector<HTMLSelectElement>('#edit-hostOrganisationId') as HTMLSelectElement;
    select.value = 'o3';
    select.dispatchEvent(new Event('change'));
    await settle();
    expect(el.querySelector<HTMLInputElement>('#edit-mentorName')?.value).toBe('');
    expect(el.querySelector('#edit-mentor-hint')?.textContent).toContain('Ana Costa does not come along');

    button('Save changes').click();
    await settle();
    const patch = expect1('PATCH', '/api/mobilities/m1');
    expect(patch.request.body).toEqual({ hostOrganisationId: 'o3' });
    patch.flush({
      ...MOBILITY,
      hostOrganisation: { id: 'o3', name: 'Taller Sol', country: 'ES' },
      mentor: null,
      version: 4,
    });
    await settle();
    expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await settle();
    expect(el.querySelector('[data-testid="mentor"]')?.textContent).toContain('None named');
  });

  describe('for other roles', () => {
    const HOST_TASKS: TaskDto[] = [
      task({ id: 'h1', title: 'Placement confirmed', phase: 'preparation', role: 'host', key: 'host-confirmation' }),
      task({ id: 'h2', title: 'Induction given', phase: 'implementation', role: 'host', overdue: true }),
    ];
    const LEARNER_TASKS: TaskDto[] = [task({ id: 'l1', title: 'Book travel', phase: 'preparation', role: 'learner' })];

    const sections = () => Array.from(el.querySelectorAll('h2')).map((h) => h.textContent?.trim());

    it('shows a mentor the host’s tasks and answer only: no edit, reminders, history nor date of birth', async () => {
      reminderReads = 0;
      await render(
        {
          ...MOBILITY,
          yourRole: 'mentor',
          allowedEvents: ['HOST_CONFIRM', 'HOST_DECLINE'],
          participant: { ...MOBILITY.participant, dateOfBirth: null },
        },
        HOST_TASKS,
      );
      // No history was asked for (the API would answer 403), nor reminders.
      http.expectNone('/api/mobilities/m1/history');
      expect(reminderReads).toBe(0);

      expect(sections()).toEqual(['Your answer', 'The host’s tasks']);
      expect(el.textContent).not.toContain('Date of birth');
      expect(el.querySelector('[data-testid="date-of-birth"]')).toBeNull();
      expect(el.querySelector('.eyebrow a')?.textContent).toBe('Back to your placements');
      expect(el.querySelector('.eyebrow a')?.getAttribute('href')).toBe('/host');
      // Only the host's events: no "Advance" for a mentor.
      const events = Array.from(el.querySelectorAll('[data-testid="events"] button')).map((b) => b.textContent?.trim());
      expect(events).toEqual(['Confirm placement', 'Decline placement…']);
      // Host tasks are tickable; the confirmation is done by the event; nothing can be waived.
      expect(checkbox('Induction given').disabled).toBe(false);
      expect(checkbox('Placement confirmed').disabled).toBe(true);
      expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Waive'))).toBe(false);
      expect(el.querySelector('#edit-dates')).toBeNull();
    });

    it('asks a mentor before declining, with an optional reason, then goes back to the placements', async () => {
      await render({ ...MOBILITY, yourRole: 'mentor', allowedEvents: ['HOST_CONFIRM', 'HOST_DECLINE'] }, HOST_TASKS);
      button('Decline placement').click();
      await settle();
      http.expectNone((r) => r.method === 'POST');
      expect(el.querySelector('label[for="event-reason"]')?.textContent).toContain('(optional)');

      el.querySelector<HTMLFormElement>('#reason-form')?.dispatchEvent(new Event('submit'));
      await settle();
      const post = expect1('POST', '/api/mobilities/m1/events');
      expect(post.request.body).toEqual({ type: 'HOST_DECLINE' });
      expect(post.request.headers.get('If-Match')).toBe('"3"');
      post.flush({ ...MOBILITY, yourRole: 'mentor', hostOrganisation: null, allowedEvents: [] });
      await settle();
      expect(TestBed.inject(Notifications).items()[0]?.text).toContain('You declined the placement of Lena Fischer');
    });

    it('shows a learner their tasks, no lifecycle and the date of birth when known', async () => {
      await render(
        {
          ...MOBILITY,
          yourRole: 'learner',
          allowedEvents: [],
          participant: { ...MOBILITY.participant, dateOfBirth: '2007-02-14' },
        },
        LEARNER_TASKS,
      );
      http.expectNone('/api/mobilities/m1/history');
      expect(sections()).toEqual(['Your tasks']);
      expect(el.querySelector('[data-testid="date-of-birth"]')?.textContent).toBe('14 Feb 2007');
      expect(el.querySelector('.eyebrow a')?.getAttribute('href')).toBe('/me');
      expect(checkbox('Book travel').disabled).toBe(false);
      expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Waive'))).toBe(false);
    });

    it('shows the sending side the date of birth, and no empty one', async () => {
      await render({ ...MOBILITY, participant: { ...MOBILITY.participant, dateOfBirth: '2007-02-14' } });
      expect(el.querySelector('[data-testid="date-of-birth"]')?.textContent).toBe('14 Feb 2007');
      expect(sections()).toContain('History');
    });
  });
});
