import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Notifications } from '@app/core/notifications';
import { FileHarness, HISTORY, MOBILITY, problem, task, TASKS } from '@app/features/mobility/mobility.fixtures';
import { MobilityLifecycle } from './mobility-lifecycle';

describe('MobilityLifecycle', () => {
  let h: FileHarness<MobilityLifecycle>;

  beforeEach(() => {
    h = new FileHarness(MobilityLifecycle);
  });
  afterEach(() => h.http.verify());

  const submitReason = (): void => h.el.querySelector<HTMLButtonElement>('#reason-form button[type="submit"]')?.click();

  it('shows the unmet conditions when an event is refused (409)', async () => {
    await h.render();

    h.button('Confirm placement').click();
    await h.settle();
    const post = h.expect1('POST', '/api/mobilities/m1/events');
    expect(post.request.headers.get('If-Match')).toBe('"3"');
    expect(post.request.body).toEqual({ type: 'HOST_CONFIRM' });
    post.flush(
      problem('lifecycle-refused', 409, {
        title: 'Event refused',
        detail: 'HOST_CONFIRM is not possible yet',
        event: 'HOST_CONFIRM',
        phase: 'preparation',
        unmet: [
          {
            code: 'MANDATORY_TASK_OPEN',
            message: 'A mandatory task is still open',
            title: 'Insurance arranged',
            taskKey: 't3',
          },
        ],
      }),
      { status: 409, statusText: 'Conflict' },
    );
    await h.settle();

    const unmet = h.el.querySelector('[data-testid="unmet"]');
    expect(unmet?.getAttribute('role')).toBe('alert');
    expect(unmet?.textContent).toContain('Confirm placement is not possible yet. Still needed:');
    // An open task by its title, linking to it; never the event's code.
    expect(unmet?.querySelector('a')?.textContent).toBe('Insurance arranged');
    expect(unmet?.textContent).not.toContain('HOST_CONFIRM');

    h.button('Dismiss').click();
    await h.settle();
    expect(h.el.querySelector('[data-testid="unmet"]')).toBeNull();
  });

  it('says before Advance is pressed what is still needed, each item linking to its task', async () => {
    await h.render({
      ...MOBILITY,
      advanceUnmet: [
        {
          code: 'MANDATORY_TASK_OPEN',
          taskKey: 't3',
          title: 'Insurance arranged',
          phase: 'preparation',
          message: 'Mandatory task "Insurance arranged" (preparation) is still open',
        },
        { code: 'PLACEMENT_NOT_CONFIRMED', taskKey: 'host-confirmation', message: 'The host has not confirmed' },
        {
          code: 'STAY_NOT_STARTED',
          earliestDate: '2026-05-03',
          message: 'The stay starts on 4 May: Implementation can start from 3 May',
        },
      ],
    });
    const advance = h.button('Advance to Implementation');
    expect(advance.getAttribute('aria-disabled')).toBe('true');
    expect(advance.textContent).toContain('not yet possible');
    expect(advance.getAttribute('aria-describedby')).toBe('advance-needed');
    const needed = h.el.querySelector('[data-testid="advance-needed"]') as HTMLElement;
    expect(needed.textContent).toContain('To move to Implementation, still needed:');
    const items = Array.from(needed.querySelectorAll('li'));
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href') ?? null)).toEqual([
      '#task-t3',
      // No such task in this checklist: said in words, without a link.
      null,
      null,
    ]);
    expect(items[0].textContent).toContain('Insurance arranged — mandatory task, still open');
    expect(items[1].textContent?.trim()).toBe('The host has not confirmed.');

    items[0].querySelector('a')?.click();
    expect(h.store.shownTask()).toEqual({ taskId: 't3' });
    // Pressing the button sends nothing: the list gets the focus.
    advance.click();
    await h.settle();
    h.http.expectNone('/api/mobilities/m1/events');
    expect(document.activeElement).toBe(needed);
  });

  it('sends one event for a double click and keeps the button focusable while it runs', async () => {
    await h.render();
    const confirm = h.button('Confirm placement');
    confirm.focus();
    confirm.click();
    await h.settle();
    confirm.click();
    await h.settle();
    expect(confirm.disabled).toBe(false);
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(confirm);
    h.expect1('POST', '/api/mobilities/m1/events').flush(
      problem('conflict', 409, { title: 'Event refused', detail: 'not now' }),
      { status: 409, statusText: 'Conflict' },
    );
    await h.settle();
    expect(h.button('Confirm placement').getAttribute('aria-disabled')).toBeNull();
    // Not a refusal with reasons: the page shows it as a problem of its own.
    expect(h.store.actionProblem()?.detail).toBe('not now');
  });

  it('asks for a reason before withdrawing', async () => {
    await h.render();

    const withdraw = h.button('Withdraw');
    withdraw.click();
    await h.settle();
    expect(withdraw.getAttribute('aria-expanded')).toBe('true');
    const textarea = h.el.querySelector<HTMLTextAreaElement>('#event-reason') as HTMLTextAreaElement;
    expect(h.el.querySelector('label[for="event-reason"]')?.textContent).toContain('Reason (required)');
    expect(document.activeElement).toBe(textarea);

    submitReason();
    await h.settle();
    h.http.expectNone('/api/mobilities/m1/events');
    expect(h.el.querySelector('#event-reason-error')?.textContent).toContain('Give a reason to withdraw');
    expect(textarea.getAttribute('aria-invalid')).toBe('true');

    textarea.value = 'Learner left the school';
    textarea.dispatchEvent(new Event('input'));
    submitReason();
    await h.settle();
    const post = h.expect1('POST', '/api/mobilities/m1/events');
    expect(post.request.headers.get('If-Match')).toBe('"3"');
    expect(post.request.body).toEqual({ type: 'WITHDRAW', reason: 'Learner left the school' });
    post.flush({ ...MOBILITY, phase: 'withdrawn', allowedEvents: [], version: 4 }, { headers: { ETag: '"4"' } });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1/tasks').flush(TASKS);
    h.expect1('GET', '/api/mobilities/m1/history').flush(HISTORY);
    await h.settle();

    expect(h.el.querySelector('#reason-form')).toBeNull();
    expect(h.el.textContent).toContain('No lifecycle event is possible now.');
    expect(h.store.announcement()).toBe('Withdraw: done. The mobility is now in Withdrawn.');
  });

  it('cancels the reason with Escape and gives the focus back to the event button', async () => {
    await h.render();
    h.button('Reopen Application').click();
    await h.settle();
    h.el.querySelector('#reason-form')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await h.settle();
    expect(h.el.querySelector('#reason-form')).toBeNull();
    expect(document.activeElement?.id).toBe('event-REOPEN');
  });

  it('asks a mentor before declining, with an optional reason, then goes back to the placements', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await h.render({ ...MOBILITY, yourRole: 'mentor', allowedEvents: ['HOST_CONFIRM', 'HOST_DECLINE'] }, [
      task({ id: 'h1', title: 'Placement confirmed', phase: 'preparation', role: 'host' }),
    ]);
    expect(h.el.querySelector('h2')?.textContent).toBe('Your answer');
    h.button('Decline placement').click();
    await h.settle();
    h.http.expectNone((r) => r.method === 'POST');
    expect(h.el.querySelector('label[for="event-reason"]')?.textContent).toContain('(optional)');

    h.el.querySelector<HTMLFormElement>('#reason-form')?.dispatchEvent(new Event('submit'));
    await h.settle();
    const post = h.expect1('POST', '/api/mobilities/m1/events');
    expect(post.request.body).toEqual({ type: 'HOST_DECLINE' });
    expect(post.request.headers.get('If-Match')).toBe('"3"');
    post.flush({ ...MOBILITY, yourRole: 'mentor', hostOrganisation: null, allowedEvents: [] });
    await h.settle();
    expect(TestBed.inject(Notifications).items()[0]?.text).toContain('You declined the placement of Lena Fischer');
    expect(navigate).toHaveBeenCalledWith('/host');
  });

  it('shows nothing to a learner, who sends no lifecycle event', async () => {
    await h.render({ ...MOBILITY, yourRole: 'learner', allowedEvents: [] }, []);
    expect(h.el.querySelector('section')).toBeNull();
  });
});
