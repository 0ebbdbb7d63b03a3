import { daysBetween } from '../dates';
import { PHASES } from '../phases';
import {
  checklistTemplate,
  CURRENT_CHECKLIST,
  dueDate,
  findTaskTemplate,
  planChecklist,
  TASK_KEYS,
  tasksOfPhase,
} from './checklist';
import { TASK_ROLES } from './template.types';

const DATES = { startDate: '2026-03-02', endDate: '2026-03-11' } as const;

describe('checklist template versions', () => {
  it('v2 is the current checklist; v1 stays known for the mobilities that follow it', () => {
    expect(CURRENT_CHECKLIST.version).toBe(2);
    expect(checklistTemplate(2)).toBe(CURRENT_CHECKLIST);
    expect(checklistTemplate(1).version).toBe(1);
  });

  it('v2 has "Complete in the BM" due on the last day and the readiness self-check at T0-90', () => {
    expect(findTaskTemplate('beneficiary-module-complete')).toMatchObject({
      phase: 'implementation',
      due: { anchor: 'T1', offsetDays: 0 },
    });
    expect(findTaskTemplate('readiness-self-check').due).toEqual({ anchor: 'T0', offsetDays: -90 });
    expect(findTaskTemplate('beneficiary-module-complete', checklistTemplate(1)).due).toEqual({
      anchor: 'T1',
      offsetDays: 30,
    });
  });

  it("adds the guardian's consent only for a minor, as a mandatory consent task", () => {
    const keys = (minor: boolean) => planChecklist(DATES, CURRENT_CHECKLIST, { minor }).map((t) => t.key);
    expect(keys(true)).toContain(TASK_KEYS.guardianConsent);
    expect(keys(false)).not.toContain(TASK_KEYS.guardianConsent);
    expect(keys(true)).toHaveLength(keys(false).length + 1);
    expect(findTaskTemplate(TASK_KEYS.guardianConsent)).toMatchObject({
      phase: 'preparation',
      mandatory: true,
      consent: true,
      condition: 'minor',
    });
  });

  it.each([99, 0, 3, -1, 1.5, Number.NaN])('rejects the unknown version %p', (version) => {
    expect(() => checklistTemplate(version)).toThrow(RangeError);
    expect(() => checklistTemplate(version)).toThrow(/unknown checklist template version/);
  });
});

describe('checklist v2 content', () => {
  const tasks = CURRENT_CHECKLIST.tasks;

  it.each(PHASES)('has at least 8 tasks in %s', (phase) => {
    expect(tasksOfPhase(phase).length).toBeGreaterThanOrEqual(8);
    expect(tasksOfPhase(phase).every((t) => t.phase === phase)).toBe(true);
  });

  it('covers every task in exactly one phase', () => {
    expect(PHASES.reduce((sum, phase) => sum + tasksOfPhase(phase).length, 0)).toBe(tasks.length);
  });

  it('has unique, kebab-case keys', () => {
    const keys = tasks.map((t) => t.key);
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(duplicates).toEqual([]);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('makes every rule task mandatory and every practice task optional', () => {
    const ruleNotMandatory = tasks.filter((t) => t.basis === 'rule' && !t.mandatory).map((t) => t.key);
    const practiceMandatory = tasks.filter((t) => t.basis === 'practice' && t.mandatory).map((t) => t.key);
    expect(ruleNotMandatory).toEqual([]);
    expect(practiceMandatory).toEqual([]);
    // Both kinds exist, so the two checks above are not vacuous.
    expect(tasks.some((t) => t.basis === 'rule')).toBe(true);
    expect(tasks.some((t) => t.basis === 'practice')).toBe(true);
  });

  it('keeps the participant report (an NA-example deadline on a rule obligation) mandatory', () => {
    const report = findTaskTemplate('participant-report-submitted');
    expect(report.basis).toBe('NA-example');
    expect(report.mandatory).toBe(true);
  });

  it('gives every task a title, guidance and a known role', () => {
    for (const t of tasks) {
      expect(t.title.trim()).not.toBe('');
      expect(t.guidance.trim()).not.toBe('');
      expect(TASK_ROLES).toContain(t.role);
      expect(['T0', 'T1']).toContain(t.due.anchor);
      expect(Number.isInteger(t.due.offsetDays)).toBe(true);
    }
  });

  it('has every phase with at least one mandatory task, so ADVANCE has something to check', () => {
    for (const phase of PHASES) expect(tasksOfPhase(phase).some((t) => t.mandatory)).toBe(true);
  });

  it('contains the tasks the lifecycle refers to by key, in the right phase', () => {
    expect(findTaskTemplate(TASK_KEYS.hostSearch).phase).toBe('application');
    expect(findTaskTemplate(TASK_KEYS.hostConfirmation).phase).toBe('preparation');
    const agreement = findTaskTemplate(TASK_KEYS.learningAgreement);
    expect(agreement).toMatchObject({ phase: 'preparation', basis: 'rule', mandatory: true });
  });

  it('schedules preparation before departure and evaluation and finalisation after return', () => {
    for (const t of [...tasksOfPhase('application'), ...tasksOfPhase('preparation')]) {
      expect({ key: t.key, anchor: t.due.anchor, beforeOrAtT0: t.due.offsetDays <= 0 }).toEqual({
        key: t.key,
        anchor: 'T0',
        beforeOrAtT0: true,
      });
    }
    for (const t of [...tasksOfPhase('evaluation'), ...tasksOfPhase('finalisation')]) {
      expect({ key: t.key, anchor: t.due.anchor, afterT1: t.due.offsetDays > 0 }).toEqual({
        key: t.key,
        anchor: 'T1',
        afterT1: true,
      });
    }
  });

  it('findTaskTemplate throws for an unknown key', () => {
    expect(() => findTaskTemplate('no-such-task')).toThrow(RangeError);
    expect(() => findTaskTemplate('no-such-task')).toThrow('no task no-such-task in checklist v2');
  });
});

describe('due dates', () => {
  it('anchors a T0 rule on the start date and a T1 rule on the end date', () => {
    expect(dueDate({ anchor: 'T0', offsetDays: -14 }, DATES)).toBe('2026-02-16');
    expect(dueDate({ anchor: 'T1', offsetDays: 30 }, DATES)).toBe('2026-04-10');
    expect(dueDate({ anchor: 'T0', offsetDays: 0 }, DATES)).toBe(DATES.startDate);
    expect(dueDate({ anchor: 'T1', offsetDays: 0 }, DATES)).toBe(DATES.endDate);
  });

  it('plans the learning agreement at T0−14d and the participant report at T1+30d', () => {
    const planned = planChecklist(DATES);
    const due = (key: string) => planned.find((t) => t.key === key)?.dueDate;
    expect(due('learning-agreement')).toBe('2026-02-16');
    expect(due('participant-report-submitted')).toBe('2026-04-10');
    expect(due('participant-report-requested')).toBe('2026-03-12');
    expect(due('candidate-application')).toBe('2025-11-02');
    expect(due('file-archived')).toBe('2026-05-10');
  });

  it('crosses February correctly in leap and common years', () => {
    const due = (startDate: string) =>
      planChecklist({ startDate, endDate: startDate }).find((t) => t.key === 'learning-agreement')?.dueDate;
    expect(due('2024-03-01')).toBe('2024-02-16');
    expect(due('2025-03-01')).toBe('2025-02-15');
  });

  it('plans every task at its offset from its anchor, keeping the template order and content', () => {
    // The longest short-term stay: every task of the variant applies (monitoring recurs while the stay lasts).
    const longest = { startDate: '2026-03-02', endDate: '2026-05-29' };
    const planned = planChecklist(longest, CURRENT_CHECKLIST, { minor: true });
    expect(planned).toHaveLength(CURRENT_CHECKLIST.tasks.length);
    planned.forEach((task, index) => {
      const template = CURRENT_CHECKLIST.tasks[index];
      expect(task).toEqual({ ...template, dueDate: task.dueDate });
      const anchor = template.due.anchor === 'T0' ? longest.startDate : longest.endDate;
      expect(daysBetween(anchor, task.dueDate)).toBe(template.due.offsetDays);
    });
  });

  it('leaves out the check-ins a short stay is too short for', () => {
    const planned = planChecklist(DATES, CURRENT_CHECKLIST);
    const skipped = CURRENT_CHECKLIST.tasks.filter((t) => !planned.some((p) => p.key === t.key)).map((t) => t.key);
    expect(skipped).toEqual([
      TASK_KEYS.guardianConsent,
      'monitoring-day-14',
      'monitoring-day-28',
      'monitoring-day-42',
      'monitoring-day-56',
      'monitoring-day-70',
    ]);
  });

  it('does not mutate the template', () => {
    const before = JSON.stringify(CURRENT_CHECKLIST);
    planChecklist(DATES);
    expect(JSON.stringify(CURRENT_CHECKLIST)).toBe(before);
    expect(CURRENT_CHECKLIST.tasks.some((t) => 'dueDate' in t)).toBe(false);
  });
});
