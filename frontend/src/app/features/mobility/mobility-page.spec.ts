import { TestBed } from '@angular/core/testing';
import type { TaskDto } from '@mobility-hub/api-client';
import { Notifications } from '@app/core/notifications';
import { FileHarness, HISTORY, MOBILITY, PERSON, problem, task, TASKS } from './mobility.fixtures';
import { MobilityPage } from './mobility-page';

describe('MobilityPage', () => {
  let h: FileHarness<MobilityPage>;
  let el: HTMLElement;

  beforeEach(() => {
    h = new FileHarness(MobilityPage, true);
  });
  afterEach(() => h.http.verify());

  async function render(...args: Parameters<FileHarness<MobilityPage>['render']>): Promise<void> {
    await h.render(...args);
    el = h.el;
  }

  it('renders the header, the stepper, the tasks grouped by phase, the allowed events and the history', async () => {
    await render();

    expect(el.querySelector('h1')?.textContent).toContain('Lena Fischer');
    expect(el.textContent).toContain('Hotel Lisboa (PT)');
    expect(el.textContent).toContain('21 days abroad');
    expect(el.querySelector('[aria-current="step"]')?.textContent).toContain('Preparation');

    // The current phase first and open; the finished application phase folded with its completion.
    const groups = Array.from(el.querySelectorAll('[data-testid="task-group"]'));
    expect(groups.map((g) => g.querySelector('h3')?.textContent?.trim().split(/\s+/)[1])).toEqual([
      'Preparation',
      'Application',
    ]);
    expect(groups.map((g) => g.querySelectorAll('[data-testid="task"]').length)).toEqual([2, 0]);
    expect(groups[1].textContent).toContain('1 of 1 settled');
    h.button('▸ Application').click();
    await h.settle();
    expect(h.checkbox('Learning agreement drafted').checked).toBe(true);
    const overdue = el.querySelector('.task.overdue');
    expect(overdue?.textContent).toContain('Book travel');
    expect(overdue?.textContent).toContain('Overdue');
    expect(overdue?.textContent).toContain('Learner');
    expect(el.querySelectorAll('.badge').length).toBeGreaterThanOrEqual(2);

    const events = Array.from(el.querySelectorAll('[data-testid="events"] button')).map((b) => b.textContent?.trim());
    // ADVANCE is offered even when refused now: pressing it shows what is missing.
    expect(events).toEqual(['Advance to Implementation', 'Confirm placement', 'Reopen Application…', 'Withdraw…']);

    // Reminders and history are tabs: the reminders shown first, the history a tab away.
    expect(el.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim()).toBe('Reminders');
    expect(el.querySelector('[data-testid="history"]')).toBeNull();
    h.button('History').click();
    await h.settle();
    expect(el.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toContain('History');
    const history = el.querySelectorAll('[data-testid="history"] li');
    expect(history.length).toBe(2);
    expect(history[1].textContent).toContain('Moved on');
    expect(history[1].textContent).toContain('Application → Preparation');
    // By name, as the API resolves it; never the address or the event's code.
    expect(history[1].textContent).toContain('by Anna Schulz');
    expect(el.textContent).not.toContain('anna@');
  });

  it('moves between the tabs with the arrow keys', async () => {
    await render();
    const tab = el.querySelector<HTMLButtonElement>('#tab-reminders') as HTMLButtonElement;
    tab.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    await h.settle();
    // The file's mail log, then its history.
    expect(document.activeElement?.id).toBe('tab-mail');
    h.expect1('GET', '/api/mobilities/m1/mail').flush([]);
    await h.settle();
    expect(el.querySelector('#panel-mail')?.textContent).toContain('No e-mail yet');
    (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    await h.settle();
    expect(document.activeElement?.id).toBe('tab-history');
    expect(el.querySelector('#panel-history [data-testid="history"]')).not.toBeNull();
    (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' }));
    await h.settle();
    expect(document.activeElement?.id).toBe('tab-reminders');
  });

  it('keeps the space of the file while it loads: an outline, no jump', async () => {
    h.fixture = TestBed.createComponent(MobilityPage);
    h.fixture.componentRef.setInput('mobilityId', 'm1');
    el = h.el = h.fixture.nativeElement as HTMLElement;
    await h.settle();
    expect(el.querySelector('[data-testid="file-skeleton"]')).not.toBeNull();
    h.expect1('GET', '/api/mobilities/m1').flush(MOBILITY, { headers: { ETag: '"3"' } });
    h.expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await h.settle();
    expect(el.querySelector('[data-testid="file-skeleton"]')).toBeNull();
  });

  it('says why the mobility could not be read, and tries again', async () => {
    h.fixture = TestBed.createComponent(MobilityPage);
    h.fixture.componentRef.setInput('mobilityId', 'm1');
    el = h.el = h.fixture.nativeElement as HTMLElement;
    await h.settle();
    expect(el.textContent).toContain('Loading the mobility…');
    h.expect1('GET', '/api/mobilities/m1').flush(problem('not-found', 404, { title: 'Not found' }), {
      status: 404,
      statusText: 'Not Found',
    });
    h.expect1('GET', '/api/mobilities/m1/tasks').flush([]);
    await h.settle();
    expect(el.querySelector('h1')?.textContent).toBe('Mobility file');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Not found');

    h.button('Try again').click();
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush(MOBILITY, { headers: { ETag: '"3"' } });
    h.expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await h.settle();
    expect(el.querySelector('h1')?.textContent).toContain('Lena Fischer');
    expect(el.textContent).toContain('Mobility reloaded.');
  });

  it('withdraws with a reason: the phase, the stepper and the history follow', async () => {
    await render();

    h.button('Withdraw').click();
    await h.settle();
    const textarea = el.querySelector<HTMLTextAreaElement>('#event-reason') as HTMLTextAreaElement;
    textarea.value = 'Learner left the school';
    textarea.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('#reason-form button[type="submit"]')?.click();
    await h.settle();
    const post = h.expect1('POST', '/api/mobilities/m1/events');
    expect(post.request.body).toEqual({ type: 'WITHDRAW', reason: 'Learner left the school' });
    post.flush({ ...MOBILITY, phase: 'withdrawn', allowedEvents: [], version: 4 });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    h.expect1('GET', '/api/mobilities/m1/history').flush([
      ...HISTORY,
      {
        sequence: 3,
        event: 'WITHDRAW',
        from: 'preparation',
        to: 'withdrawn',
        actor: 'anna@bbs-trier.example',
        actorName: 'Anna Schulz',
        reason: 'Learner left the school',
        reasonText: 'Learner left the school',
        occurredAt: '2026-02-01T09:00:00Z',
      },
    ]);
    await h.settle();

    expect(el.querySelector('#reason-form')).toBeNull();
    expect(el.querySelector('[data-testid="phase"]')?.textContent).toContain('Withdrawn');
    expect(el.querySelector('.step-stopped')?.textContent).toContain('Preparation');
    h.button('History').click();
    await h.settle();
    expect(el.textContent).toContain('Reason: Learner left the school');
    expect(el.textContent).toContain('No lifecycle event is possible now.');
    expect(el.textContent).toContain('Withdraw: done. The mobility is now in Withdrawn.');
  });

  it('offers to reload when the mobility changed meanwhile (412)', async () => {
    await render();
    const notifications = TestBed.inject(Notifications);

    h.checkbox('Book travel').click();
    await h.settle();
    h.expect1('PATCH', '/api/tasks/t2').flush(problem('stale-version', 412, { currentVersion: 7 }), {
      status: 412,
      statusText: 'Precondition Failed',
    });
    await h.settle();

    expect(h.checkbox('Book travel').checked).toBe(false);
    const [note] = notifications.items();
    expect(note.kind).toBe('error');
    expect(note.action?.label).toBe('Reload');

    note.action?.run();
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 7 }, { headers: { ETag: '"7"' } });
    h.expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await h.settle();
    expect(el.textContent).toContain('Mobility reloaded.');

    h.checkbox('Book travel').click();
    await h.settle();
    const retry = h.expect1('PATCH', '/api/tasks/t2');
    expect(retry.request.headers.get('If-Match')).toBe('"7"');
    retry.flush({ ...TASKS[1], status: 'done', mobilityVersion: 8 });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 8 });
    await h.settle();
  });

  it('reloads the whole file after it was changed here (a stale event after a tick)', async () => {
    await render();
    h.checkbox('Book travel').click();
    await h.settle();
    h.expect1('PATCH', '/api/tasks/t2').flush({ ...TASKS[1], status: 'done', mobilityVersion: 4 });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 4 }, { headers: { ETag: '"4"' } });
    await h.settle();

    h.button('Confirm placement').click();
    await h.settle();
    const post = h.expect1('POST', '/api/mobilities/m1/events');
    expect(post.request.headers.get('If-Match')).toBe('"4"');
    post.flush(problem('stale-version', 412, { currentVersion: 5 }), {
      status: 412,
      statusText: 'Precondition Failed',
    });
    await h.settle();
    TestBed.inject(Notifications).items()[0].action?.run();
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 5 }, { headers: { ETag: '"5"' } });
    h.expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await h.settle();
    expect(h.checkbox('Book travel').checked).toBe(false);
    expect(el.textContent).toContain('Mobility reloaded.');
  });

  it('shows a problem that belongs to no form on the page, until dismissed', async () => {
    await render();
    h.checkbox('Book travel').click();
    await h.settle();
    h.expect1('PATCH', '/api/tasks/t2').flush(
      problem('checklist-closed', 409, { title: 'Checklist closed', detail: 'The mobility is closed' }),
      { status: 409, statusText: 'Conflict' },
    );
    await h.settle();
    const alert = el.querySelector('.problem[role="alert"]');
    expect(alert?.textContent).toContain('Checklist closed: The mobility is closed');
    h.button('Dismiss').click();
    await h.settle();
    expect(el.querySelector('.problem[role="alert"]')).toBeNull();
  });

  it('shows the planned reminders and reads them again when the mobility changes', async () => {
    await render();
    expect(h.reminderReads).toBe(1);
    const planned = el.querySelector('[data-testid="planned-reminders"]');
    expect(planned?.textContent).toContain('Insurance arranged');
    expect(planned?.textContent).toContain('erasmus@bbs-trier.example');

    h.checkbox('Book travel').click();
    await h.settle();
    h.expect1('PATCH', '/api/tasks/t2').flush({ ...TASKS[1], status: 'done', mobilityVersion: 4 });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 4 }, { headers: { ETag: '"4"' } });
    await h.settle();
    expect(h.reminderReads).toBe(2);
  });

  describe('for other roles', () => {
    const HOST_TASKS: TaskDto[] = [
      task({ id: 'h1', title: 'Placement confirmed', phase: 'preparation', role: 'host', key: 'host-confirmation' }),
      task({ id: 'h2', title: 'Induction given', phase: 'implementation', role: 'host', overdue: true }),
    ];
    const LEARNER_TASKS: TaskDto[] = [task({ id: 'l1', title: 'Book travel', phase: 'preparation', role: 'learner' })];

    const sections = () => Array.from(el.querySelectorAll('h2')).map((h2) => h2.textContent?.trim());

    it('shows a mentor the host’s tasks and answer only: no edit, reminders, history nor date of birth', async () => {
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
      h.http.expectNone('/api/mobilities/m1/history');
      expect(h.reminderReads).toBe(0);
      // Nor the person's other mobilities (the school's records).
      expect(h.personReads).toBe(0);

      expect(sections()).toEqual([
        'Your answer',
        'The host’s tasks',
        'The stay',
        'Age and guardian',
        'Accompanying persons',
      ]);
      expect(el.textContent).not.toContain('Date of birth');
      expect(el.querySelector('[data-testid="date-of-birth"]')).toBeNull();
      expect(el.querySelector('.eyebrow a')?.textContent).toBe('Back to your placements');
      expect(el.querySelector('.eyebrow a')?.getAttribute('href')).toBe('/host');
      // Only the host's events: no "Advance" for a mentor.
      const events = Array.from(el.querySelectorAll('[data-testid="events"] button')).map((b) => b.textContent?.trim());
      expect(events).toEqual(['Confirm placement', 'Decline placement…']);
      // The overdue task of a later phase is on top, linking to it: its phase opens, the focus moves to it.
      const link = Array.from(el.querySelectorAll<HTMLAnchorElement>('[data-testid="attention"] a')).find(
        (a) => a.textContent === 'Induction given',
      );
      expect(link?.closest('li')?.textContent).toContain('overdue since');
      link?.click();
      await h.settle();
      expect(document.activeElement).toBe(h.checkbox('Induction given'));
      // Host tasks are tickable; the confirmation is done by the event; nothing can be waived.
      expect(h.checkbox('Induction given').disabled).toBe(false);
      expect(h.checkbox('Placement confirmed').disabled).toBe(true);
      expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Waive'))).toBe(false);
      expect(el.querySelector('#edit-dates')).toBeNull();
      // The BM's data is the sending side's: no activity ID, no fewer-opportunities flag.
      expect(el.querySelector('[data-testid="bm-activity-id"]')).toBeNull();
      expect(el.querySelector('[data-testid="fewer-opportunities"]')).toBeNull();
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
      h.http.expectNone('/api/mobilities/m1/history');
      expect(sections()).toEqual(['Your tasks', 'The stay', 'Insurance', 'Age and guardian', 'Accompanying persons']);
      expect(el.querySelector('[data-testid="date-of-birth"]')?.textContent).toBe('14 Feb 2007');
      expect(el.querySelector('[data-testid="bm-activity-id"]')).toBeNull();
      expect(el.querySelector('.eyebrow a')?.getAttribute('href')).toBe('/me');
      expect(h.checkbox('Book travel').disabled).toBe(false);
      expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Waive'))).toBe(false);
    });

    it('shows the sending side the date of birth, and no empty one', async () => {
      await render({ ...MOBILITY, participant: { ...MOBILITY.participant, dateOfBirth: '2007-02-14' } });
      expect(el.querySelector('[data-testid="date-of-birth"]')?.textContent).toBe('14 Feb 2007');
      expect(sections()).toEqual([
        'Lifecycle',
        'Checklist',
        'The stay',
        'Insurance',
        'Age and guardian',
        'Accompanying persons',
        'Checklist version',
        'Dates, host and mentor',
        'Reminders',
      ]);
    });

    it('shows the sending side the BM’s mobility activity ID, and no flag when not set', async () => {
      await render();
      expect(el.querySelector('[data-testid="bm-activity-id"]')?.textContent).toBe('000101-MOB-00001');
      expect(el.querySelector('[data-testid="fewer-opportunities"]')).toBeNull();
    });

    it('shows the sending side the fewer-opportunities flag', async () => {
      await render({ ...MOBILITY, yourRole: 'staff', fewerOpportunities: true });
      expect(el.querySelector('[data-testid="fewer-opportunities"]')?.textContent).toBe(
        'Participant with fewer opportunities',
      );
    });

    it('shows the sending side the person’s other mobilities, each linking to its file', async () => {
      h.person = {
        ...PERSON,
        mobilityCount: 2,
        participations: [
          {
            ...PERSON.participations[0],
            mobilityId: 'm0',
            projectTitle: 'Apprentices 2025',
            hostName: 'Talleres Castilla',
            startDate: '2025-03-03',
            endDate: '2025-03-28',
            phase: 'completed',
          },
          ...PERSON.participations,
        ],
      };
      await render();
      const other = el.querySelector('[data-testid="other-mobilities"]');
      expect(other?.querySelector('h2')?.textContent?.trim()).toBe('Also went on 1 other mobility');
      const items = Array.from(other?.querySelectorAll('li') ?? []).map((li) =>
        li.textContent?.replace(/\s+/g, ' ').trim(),
      );
      expect(items).toEqual([
        'Short-term learning mobility of VET learners · 3 Mar 2025 – 28 Mar 2025 · Talleres Castilla · Apprentices 2025 (Completed)',
      ]);
      expect(other?.querySelector('a')?.getAttribute('href')).toBe('/mobilities/m0');
    });

    it('shows nothing more when this is the person’s only mobility', async () => {
      await render();
      expect(h.personReads).toBe(1);
      expect(el.querySelector('[data-testid="other-mobilities"]')).toBeNull();
    });
  });
});
