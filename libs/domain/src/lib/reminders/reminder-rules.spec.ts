import { planChecklist } from '../checklist/checklist';
import {
  MANDATORY_TASK_RULE,
  OPTIONAL_TASK_RULE,
  planReminders,
  RECIPIENT_OF_ROLE,
  REMINDER_RULE_OVERRIDES,
  reminderRuleFor,
} from './reminder-rules';

describe('reminder rules', () => {
  const open = (dueDate: string) => ({ dueDate, status: 'open' as const });

  it('reminds a mandatory task 7 days before, on the day, 3 days overdue, then weekly up to the cap', () => {
    expect(planReminders(open('2026-05-18'), MANDATORY_TASK_RULE)).toEqual([
      { kind: 'due-soon', date: '2026-05-11' },
      { kind: 'due-today', date: '2026-05-18' },
      { kind: 'overdue', date: '2026-05-21' },
      { kind: 'overdue', date: '2026-05-28' },
      { kind: 'overdue', date: '2026-06-04' },
      { kind: 'overdue', date: '2026-06-11' },
    ]);
  });

  it('nudges an optional task once, on its due date', () => {
    expect(planReminders(open('2026-05-18'), OPTIONAL_TASK_RULE)).toEqual([{ kind: 'due-today', date: '2026-05-18' }]);
    expect(OPTIONAL_TASK_RULE.mutable).toBe(true);
    expect(MANDATORY_TASK_RULE.mutable).toBe(false);
  });

  it('plans nothing for a task that is done or waived (completing it cancels its reminders)', () => {
    expect(planReminders({ dueDate: '2026-05-18', status: 'done' }, MANDATORY_TASK_RULE)).toEqual([]);
    expect(planReminders({ dueDate: '2026-05-18', status: 'waived' }, MANDATORY_TASK_RULE)).toEqual([]);
  });

  it('moves every occasion with the due date', () => {
    const before = planReminders(open('2026-05-18'), MANDATORY_TASK_RULE);
    const after = planReminders(open('2026-06-17'), MANDATORY_TASK_RULE);
    expect(after.map((o) => o.kind)).toEqual(before.map((o) => o.kind));
    expect(after[0].date).toBe('2026-06-10');
  });

  it('chases the participant report harder and lets each checklist task find its rule', () => {
    const tasks = planChecklist({ startDate: '2026-06-01', endDate: '2026-06-28' });
    const report = tasks.find((t) => t.key === 'participant-report-submitted');
    expect(report).toBeDefined();
    const plan = planReminders({ dueDate: report?.dueDate ?? '', status: 'open' }, reminderRuleFor(report ?? tasks[0]));
    expect(plan.slice(0, 3)).toEqual([
      { kind: 'due-soon', date: '2026-07-14' },
      { kind: 'due-soon', date: '2026-07-21' },
      { kind: 'due-today', date: '2026-07-28' },
    ]);
    expect(plan.filter((o) => o.kind === 'overdue')).toHaveLength(6);
    for (const task of tasks.filter((t) => !(t.key in REMINDER_RULE_OVERRIDES))) {
      expect(reminderRuleFor(task).mutable).toBe(!task.mandatory);
    }
    // Optional in the checklist, but the lifecycle needs the host's answer: chased, not mutable.
    expect(reminderRuleFor({ key: 'host-confirmation', mandatory: false }).mutable).toBe(false);
  });

  it('sends each role\'s reminders to the matching contact', () => {
    expect(RECIPIENT_OF_ROLE).toEqual({
      learner: 'participant',
      host: 'host-contact',
      sending: 'sending-contact',
      coordinator: 'beneficiary-contact',
    });
  });
});
