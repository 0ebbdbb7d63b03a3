import { isTaskCatchUp, isTaskOverdue } from '../mobility-rules';
import { catchUpReminderDate, isCatchUpTask } from './catch-up';
import { MANDATORY_TASK_RULE, OPTIONAL_TASK_RULE, planReminders, reminderWording } from './reminder-rules';

const open = { status: 'open' as const, mandatory: true, phase: 'application' as const };

describe('catch-up tasks', () => {
  it('are the tasks due before the day their schedule was set', () => {
    expect(isCatchUpTask({ dueDate: '2026-11-01', scheduledOn: '2026-12-03' })).toBe(true);
    expect(isCatchUpTask({ dueDate: '2026-12-03', scheduledOn: '2026-12-03' })).toBe(false);
    expect(isCatchUpTask({ dueDate: '2027-02-01', scheduledOn: '2026-12-03' })).toBe(false);
    expect(isCatchUpTask({ dueDate: '2026-11-01' })).toBe(false);
  });

  it('are never overdue, however long they stay open, and show as catch-up while pending', () => {
    const task = { ...open, dueDate: '2026-11-01', scheduledOn: '2026-12-03' };
    expect(isTaskOverdue(task, 'application', '2027-01-15')).toBe(false);
    expect(isTaskCatchUp(task, 'application')).toBe(true);
    expect(isTaskCatchUp({ ...task, status: 'done' }, 'application')).toBe(false);
    expect(isTaskCatchUp(task, 'completed')).toBe(false);
  });

  it('leave tasks due after the schedule was set overdue once their date passes', () => {
    const task = { ...open, dueDate: '2026-12-10', scheduledOn: '2026-12-03' };
    expect(isTaskOverdue(task, 'application', '2026-12-10')).toBe(false);
    expect(isTaskOverdue(task, 'application', '2026-12-11')).toBe(true);
  });

  it('are reminded exactly once, the day after the schedule was set', () => {
    const task = { dueDate: '2026-11-01', status: 'open' as const, scheduledOn: '2026-12-03' };
    expect(planReminders(task, MANDATORY_TASK_RULE)).toEqual([{ kind: 'catch-up', date: '2026-12-04' }]);
    expect(planReminders(task, OPTIONAL_TASK_RULE)).toEqual([
      { kind: 'catch-up', date: catchUpReminderDate('2026-12-03') },
    ]);
    expect(planReminders({ ...task, status: 'done' }, MANDATORY_TASK_RULE)).toEqual([]);
  });

  it('a fresh schedule sends nothing on the day it was set: occasions on or before it are dropped', () => {
    // Due in 5 days: its "7 days before" occasion lay before the mobility existed.
    const soon = planReminders(
      { dueDate: '2026-12-08', status: 'open', scheduledOn: '2026-12-03' },
      MANDATORY_TASK_RULE,
    );
    expect(soon.map((o) => o.kind)).toEqual(['due-today', 'overdue', 'overdue', 'overdue', 'overdue']);
    expect(soon.every((o) => o.date > '2026-12-03')).toBe(true);
    // Due today: nothing today; the first overdue reminder three days later.
    const today = planReminders(
      { dueDate: '2026-12-03', status: 'open', scheduledOn: '2026-12-03' },
      MANDATORY_TASK_RULE,
    );
    expect(today[0]).toEqual({ kind: 'overdue', date: '2026-12-06' });
  });

  it('a mail says what is true on the day it is written, not on the day it was planned for', () => {
    expect(reminderWording('due-today', '2026-11-11', '2026-12-02')).toBe('overdue');
    expect(reminderWording('due-today', '2026-11-11', '2026-11-11')).toBe('due-today');
    expect(reminderWording('due-soon', '2026-11-11', '2026-11-04')).toBe('due-soon');
    expect(reminderWording('due-soon', '2026-11-11', '2026-11-11')).toBe('due-today');
    expect(reminderWording('catch-up', '2026-10-01', '2026-12-02')).toBe('catch-up');
  });
});
