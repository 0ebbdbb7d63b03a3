import { checklistFor, planChecklist } from './checklist';
import { CHECKLIST_V1 } from './checklist-v1';
import {
  ChecklistMigrationInput,
  checklistMigrationLabel,
  ExistingTask,
  planChecklistMigration,
  planStayTaskChanges,
} from './migration';

const DATES = { startDate: '2026-03-02', endDate: '2026-03-11' };

/** A v1 mobility's tasks as generated, with some statuses changed. */
function v1Tasks(statuses: Record<string, ExistingTask['status']> = {}): ExistingTask[] {
  return planChecklist(DATES, CHECKLIST_V1).map((t) => ({
    id: `id-${t.key}`,
    key: t.key,
    status: statuses[t.key] ?? 'open',
    dueDate: t.dueDate,
  }));
}

function input(overrides: Partial<ChecklistMigrationInput> = {}): ChecklistMigrationInput {
  return {
    checklistVersion: 1,
    activityType: 'LM-SHORT-VET',
    phase: 'preparation',
    dates: DATES,
    conditions: { minor: false },
    tasks: v1Tasks(),
    ...overrides,
  };
}

function migrate(overrides: Partial<ChecklistMigrationInput> = {}) {
  const plan = planChecklistMigration(input(overrides), 2);
  if (plan.kind !== 'migrate') throw new Error(`refused: ${plan.message}`);
  return plan;
}

describe('planChecklistMigration', () => {
  it('keeps done and waived tasks as they are, whatever the new version says', () => {
    const plan = migrate({
      tasks: v1Tasks({ 'eligibility-check': 'done', 'learning-units-agreed': 'waived', 'monitoring-contact': 'done' }),
    });
    expect(plan.keep.map((t) => t.key).sort()).toEqual([
      'eligibility-check',
      'learning-units-agreed',
      'monitoring-contact',
    ]);
    expect([...plan.update, ...plan.remove].some((x) => 'task' in x && x.task.status !== 'open')).toBe(false);
  });

  it('re-dates open tasks by the new rules and moves them to their new phase', () => {
    const plan = migrate();
    const complete = plan.update.find((u) => u.task.key === 'beneficiary-module-complete');
    expect(complete?.to).toMatchObject({ phase: 'implementation', dueDate: DATES.endDate });
    expect(plan.update.find((u) => u.task.key === 'readiness-self-check')?.to.dueDate).toBe('2025-12-02');
    // The v1 check-in on day 14 was after the end of this 10-day stay; v2 has it on day 3.
    expect(plan.update.find((u) => u.task.key === 'monitoring-contact')?.to.dueDate).toBe('2026-03-04');
    expect(plan.add).toEqual([]);
    expect(plan.remove).toEqual([]);
  });

  it("adds a minor's guardian consent, dated from the current dates", () => {
    const plan = migrate({ conditions: { minor: true } });
    expect(plan.add.map((t) => t.key)).toEqual(['guardian-consent']);
    expect(plan.add[0].dueDate).toBe('2026-01-31');
  });

  it('moves a teacher off the apprentice checklist: open learner tasks go, staff tasks come', () => {
    const plan = migrate({ activityType: 'SM-JOB-SHDW', tasks: v1Tasks({ 'learning-units-agreed': 'done' }) });
    const removed = plan.remove.map((t) => t.key);
    expect(removed).toEqual(
      expect.arrayContaining(['eligibility-check', 'memorandum-of-understanding', 'learner-dossier']),
    );
    expect(removed).not.toContain('learning-units-agreed'); // done: kept as history
    expect(plan.keep.map((t) => t.key)).toEqual(['learning-units-agreed']);
    // In preparation: the staff eligibility check belongs to the application, which is over.
    expect(plan.add.map((t) => t.key)).toEqual(expect.arrayContaining(['travel-documents']));
    expect(plan.skipped.map((t) => t.key)).toEqual(expect.arrayContaining(['staff-eligibility-check']));
    expect(plan.skipped.every((t) => t.phase === 'application')).toBe(true);
    // Every task of the target is added, skipped (a past phase) or an updated existing one.
    const target = planChecklist(DATES, checklistFor(2, 'SM-JOB-SHDW')).map((t) => t.key);
    const covered = [
      ...plan.add.map((t) => t.key),
      ...plan.skipped.map((t) => t.key),
      ...plan.update.map((u) => u.task.key),
      ...plan.keep.map((t) => t.key),
    ];
    expect(target.filter((k) => !covered.includes(k))).toEqual([]);
  });

  it('positions every task of the target in the target order', () => {
    const plan = migrate({ conditions: { minor: true } });
    const positions = [...plan.add.map((t) => t.position), ...plan.update.map((u) => u.to.position)].sort(
      (a, b) => a - b,
    );
    expect(positions).toEqual(positions.map((_, i) => i));
  });

  it("adds no task to a phase the mobility has left (a minor's consent after preparation is not asked again)", () => {
    const during = migrate({ phase: 'implementation', conditions: { minor: true } });
    expect(during.add.map((t) => t.key)).not.toContain('guardian-consent');
    expect(during.skipped.map((t) => t.key)).toContain('guardian-consent');
    expect(migrate({ phase: 'preparation', conditions: { minor: true } }).add.map((t) => t.key)).toContain(
      'guardian-consent',
    );
  });

  it('refuses a closed mobility and one already on the version', () => {
    expect(planChecklistMigration(input({ phase: 'completed' }), 2)).toMatchObject({
      kind: 'refused',
      code: 'checklist-closed',
    });
    expect(planChecklistMigration(input({ checklistVersion: 2 }), 2)).toMatchObject({
      kind: 'refused',
      code: 'checklist-current',
    });
  });

  it('names the move for the history', () => {
    expect(checklistMigrationLabel(1, 2)).toBe('checklist v1 → v2');
  });
});

describe('planStayTaskChanges', () => {
  const template = checklistFor(2, 'LM-SHORT-VET');
  const tasksFor = (endDate: string, statuses: Record<string, ExistingTask['status']> = {}) =>
    planChecklist({ startDate: DATES.startDate, endDate }, template).map((t) => ({
      id: `id-${t.key}`,
      key: t.key,
      status: statuses[t.key] ?? ('open' as const),
    }));

  it('adds the check-ins a longer stay calls for, dated and positioned', () => {
    const { add, remove } = planStayTaskChanges(template, { ...DATES, endDate: '2026-04-12' }, tasksFor('2026-03-11'));
    expect(add.map((t) => t.key)).toEqual(['monitoring-day-14', 'monitoring-day-28']);
    expect(add[0]).toMatchObject({
      dueDate: '2026-03-16',
      position: template.tasks.findIndex((t) => t.key === 'monitoring-day-14'),
    });
    expect(remove).toEqual([]);
  });

  it('removes the open ones a shorter stay no longer has, and keeps those done', () => {
    const before = tasksFor('2026-04-12', { 'monitoring-day-14': 'done' });
    const { add, remove } = planStayTaskChanges(template, DATES, before);
    expect(add).toEqual([]);
    expect(remove).toEqual(['id-monitoring-day-28']);
  });

  it('changes nothing for a template without stay-dependent tasks (v1)', () => {
    expect(planStayTaskChanges(CHECKLIST_V1, DATES, v1Tasks())).toEqual({ add: [], remove: [] });
  });
});
