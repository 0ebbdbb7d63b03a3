import { planChecklist } from '../checklist/checklist';
import {
  firstReminderAt,
  isMailKind,
  MAIL_KINDS,
  mailKindOf,
  MANDATORY_TASK_RULE,
  nextReminderStep,
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

  it("sends each role's reminders to the matching contact", () => {
    expect(RECIPIENT_OF_ROLE).toEqual({
      learner: 'participant',
      host: 'host-contact',
      sending: 'sending-contact',
      coordinator: 'beneficiary-contact',
    });
  });
});

describe('participant report request and the sweep step', () => {
  const rule = reminderRuleFor({ key: 'participant-report-submitted', mandatory: true });

  it('requests the participant report on the mobility’s last day, before its reminders', () => {
    const occasions = planReminders({ dueDate: '2026-07-31', status: 'open' }, rule, '2026-07-01');
    expect(occasions.slice(0, 3)).toEqual([
      { kind: 'request', date: '2026-07-01' },
      { kind: 'due-soon', date: '2026-07-17' },
      { kind: 'due-soon', date: '2026-07-24' },
    ]);
    expect(mailKindOf(rule, occasions[0])).toBe('participant-report-request');
    expect(mailKindOf(rule, occasions[1])).toBe('task-reminder');
    expect(mailKindOf(OPTIONAL_TASK_RULE, { kind: 'due-today' })).toBe('task-advice');
  });

  it('still requests the report when the stay is re-dated to end on the day the dates were set', () => {
    // Shortened today to end today: the request goes today; ordinary reminders of today do not.
    const occasions = planReminders(
      { dueDate: '2026-07-31', status: 'open', scheduledOn: '2026-07-01' },
      rule,
      '2026-07-01',
    );
    expect(occasions[0]).toEqual({ kind: 'request', date: '2026-07-01' });
    expect(occasions.filter((o) => o.date <= '2026-07-01')).toHaveLength(1);
  });

  const at = (iso: string) => new Date(iso);
  const timed = [
    { kind: 'due-soon' as const, date: '2026-05-11', sendAt: at('2026-05-11T07:00:00Z') },
    { kind: 'due-today' as const, date: '2026-05-18', sendAt: at('2026-05-18T07:00:00Z') },
    { kind: 'overdue' as const, date: '2026-05-21', sendAt: at('2026-05-21T07:00:00Z') },
  ];

  it('sends nothing before the first occasion and says when to look again', () => {
    expect(nextReminderStep(timed, null, at('2026-05-10T12:00:00Z'))).toEqual({
      due: null,
      nextAt: at('2026-05-11T07:00:00Z'),
    });
  });

  it('sends only the latest arrived occasion when several have passed (no burst of stale reminders)', () => {
    const step = nextReminderStep(timed, null, at('2026-05-19T12:00:00Z'));
    expect(step.due?.kind).toBe('due-today');
    expect(step.nextAt).toEqual(at('2026-05-21T07:00:00Z'));
  });

  it('never repeats an occasion already recorded, and stops after the last', () => {
    expect(nextReminderStep(timed, '2026-05-18', at('2026-05-19T12:00:00Z'))).toEqual({
      due: null,
      nextAt: at('2026-05-21T07:00:00Z'),
    });
    expect(nextReminderStep(timed, '2026-05-21', at('2026-06-30T12:00:00Z'))).toEqual({ due: null, nextAt: null });
    expect(firstReminderAt(timed, '2026-05-11')).toEqual(at('2026-05-18T07:00:00Z'));
    expect(firstReminderAt(timed, null)).toEqual(at('2026-05-11T07:00:00Z'));
  });

  it('lets recipients mute advice and the digest, never what the programme requires', () => {
    const mutable = Object.entries(MAIL_KINDS)
      .filter(([, k]) => k.mutable)
      .map(([name]) => name);
    expect(mutable).toEqual(['task-advice', 'weekly-digest']);
    expect(isMailKind('weekly-digest')).toBe(true);
    expect(isMailKind('toString')).toBe(false);
  });
});
