import { FileHarness, MOBILITY, task, TASKS } from '@app/features/mobility/mobility.fixtures';
import { MobilityChecklist } from './mobility-checklist';

describe('MobilityChecklist', () => {
  let h: FileHarness<MobilityChecklist>;

  beforeEach(() => {
    h = new FileHarness(MobilityChecklist);
  });
  afterEach(() => h.http.verify());

  it('groups the tasks by phase with their counts, badges, due dates and roles', async () => {
    await h.render();
    expect(h.el.querySelector('h2')?.textContent?.trim()).toBe('Checklist');
    expect(h.el.textContent).toContain('1 done · 0 waived · 2 open');
    expect(h.el.textContent).toContain('1 overdue');
    // The current phase first and open; the earlier one folded, with its completion.
    const groups = Array.from(h.el.querySelectorAll('[data-testid="task-group"] h3')).map((g) => g.textContent);
    expect(groups[0]).toContain('Preparation');
    expect(groups[0]).toContain('Current phase');
    expect(groups[0]).toContain('0 of 2 settled');
    expect(groups[1]).toContain('Application');
    expect(groups[1]).toContain('1 of 1 settled');
    expect(h.checkbox('Learning agreement drafted')).toBeNull();
    h.button('▸ Application').click();
    await h.settle();
    expect(h.checkbox('Learning agreement drafted').checked).toBe(true);
    expect(h.el.querySelector('.task.overdue')?.textContent).toContain('Due 1 Jan 2026 · Learner');
  });

  it('shows a catch-up task as "to catch up" with why, not as overdue', async () => {
    const caughtUp = TASKS.map((t) =>
      t.id === 't2' ? { ...t, overdue: false, catchUp: true, dueDate: '2026-01-01' } : t,
    );
    await h.render({ ...MOBILITY, taskCounts: { ...MOBILITY.taskCounts, overdue: 0 } }, caughtUp);
    expect(h.el.textContent).toContain('1 to catch up');
    expect(h.el.textContent).not.toMatch(/\d overdue|overdue since/);
    expect(h.el.querySelector('[data-testid="attention"]')?.textContent).toContain('Book travel · to catch up');
    expect(h.el.querySelector('[data-testid="catch-up-note"]')?.textContent).toContain('They are not late');
    const task = h.el.querySelector('.task.catch-up');
    expect(task?.textContent).toContain('To catch up');
    expect(task?.textContent).toContain('Was due 1 Jan 2026, before this mobility was planned · Learner');
    expect(task?.textContent).not.toContain('Overdue');
  });

  it('puts the overdue and the due-this-week tasks on top, and shows later phases as a folded preview', async () => {
    const soon = new Date();
    soon.setDate(soon.getDate() + 3);
    const iso = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await h.render(MOBILITY, [
      ...TASKS,
      task({ id: 't4', title: 'Check-in call', phase: 'implementation', dueDate: iso(soon) }),
      task({ id: 't5', title: 'Final report', phase: 'finalisation', dueDate: '2099-01-01' }),
    ]);
    const attention = Array.from(h.el.querySelectorAll('[data-testid="attention"] li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    // Soonest first; nothing due later than a week (the final report) nor settled (the drafted agreement).
    expect(attention).toEqual([
      'Book travel · overdue since 1 Jan 2026 · Learner',
      'Insurance arranged · due 1 Apr 2026 · Coordinator',
      expect.stringContaining('Check-in call · due'),
    ]);
    const places = Array.from(h.el.querySelectorAll('[data-testid="task-group"]')).map((g) =>
      g.getAttribute('data-place'),
    );
    expect(places).toEqual(['current', 'later', 'later', 'earlier']);
    const later = h.el.querySelectorAll('[data-testid="task-group"][data-place="later"]')[0];
    expect(later.textContent).toContain('Coming next');
    expect(later.querySelector('button')?.getAttribute('aria-expanded')).toBe('false');
    expect(later.querySelectorAll('[data-testid="task"]').length).toBe(0);
  });

  it('ticks a task with PATCH and the current ETag in If-Match, then uses the new version', async () => {
    await h.render();

    h.checkbox('Book travel').click();
    await h.settle();
    const patch = h.expect1('PATCH', '/api/tasks/t2');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ status: 'done' });
    patch.flush({ ...TASKS[1], status: 'done', overdue: false, mobilityVersion: 4 });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 4 }, { headers: { ETag: '"4"' } });
    await h.settle();

    expect(h.checkbox('Book travel').checked).toBe(true);
    expect(h.store.announcement()).toBe('Book travel: done.');

    h.checkbox('Book travel').click();
    await h.settle();
    const untick = h.expect1('PATCH', '/api/tasks/t2');
    expect(untick.request.headers.get('If-Match')).toBe('"4"');
    expect(untick.request.body).toEqual({ status: 'open' });
    untick.flush({ ...TASKS[1], mobilityVersion: 5 });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 5 });
    await h.settle();
    expect(h.store.announcement()).toBe('Book travel: open again.');
  });

  it('ticks two boxes in a row: the second waits for the first and sends its new version', async () => {
    await h.render();
    h.checkbox('Book travel').click();
    h.checkbox('Insurance arranged').click();
    await h.settle();
    expect(h.checkbox('Insurance arranged').checked).toBe(true);
    expect(h.store.busy()).toBe(true);
    const first = h.expect1('PATCH', '/api/tasks/t2');
    h.http.expectNone('/api/tasks/t3');
    first.flush({ ...TASKS[1], status: 'done', mobilityVersion: 4 }, { headers: { ETag: '"4"' } });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 4 }, { headers: { ETag: '"4"' } });
    await h.settle();
    const second = h.expect1('PATCH', '/api/tasks/t3');
    expect(second.request.headers.get('If-Match')).toBe('"4"');
    second.flush({ ...TASKS[2], status: 'done', mobilityVersion: 5 });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 5 });
    await h.settle();
    expect(h.store.busy()).toBe(false);
    expect(h.checkbox('Book travel').checked).toBe(true);
    expect(h.checkbox('Insurance arranged').checked).toBe(true);
  });

  it('waives a task only with a reason, and reopens it', async () => {
    await h.render();

    h.button('Waive… Book travel').click();
    await h.settle();
    const textarea = h.el.querySelector<HTMLTextAreaElement>('textarea') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(textarea);
    h.button('Waive task').click();
    await h.settle();
    expect(h.el.querySelector('[role="alert"]')?.textContent).toContain('Give a reason');

    textarea.value = 'Travels with the school bus';
    textarea.dispatchEvent(new Event('input'));
    h.button('Waive task').click();
    await h.settle();
    const patch = h.expect1('PATCH', '/api/tasks/t2');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ status: 'waived', waiverReason: 'Travels with the school bus' });
    patch.flush({ ...TASKS[1], status: 'waived', waiverReason: 'Travels with the school bus', mobilityVersion: 4 });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 4 });
    await h.settle();
    expect(h.el.textContent).toContain('Waived: Travels with the school bus');
    expect(h.el.querySelector('textarea')).toBeNull();

    h.button('Reopen Book travel').click();
    await h.settle();
    const reopen = h.expect1('PATCH', '/api/tasks/t2');
    expect(reopen.request.body).toEqual({ status: 'open' });
    reopen.flush({ ...TASKS[1], mobilityVersion: 5 });
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1').flush({ ...MOBILITY, version: 5 });
    await h.settle();
  });

  it('cancels a waiver with Escape and gives the focus back to its button', async () => {
    await h.render();
    h.button('Waive… Book travel').click();
    await h.settle();
    h.el.querySelector('form')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await h.settle();
    expect(h.el.querySelector('textarea')).toBeNull();
    expect(document.activeElement?.id).toBe('waive-t2');
  });
});
