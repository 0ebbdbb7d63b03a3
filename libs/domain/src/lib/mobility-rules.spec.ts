import { CURRENT_CHECKLIST } from './checklist/checklist';
import {
  canChangeHost,
  hostViolations,
  isTaskOverdue,
  isTaskPending,
  MAX_TRAVEL_DAYS,
  taskEditBlocker,
  WITHDRAWN_FILE_TASKS,
  travelViolations,
} from './mobility-rules';

describe('mobility rules', () => {
  it('limits funded travel days to 2, or 6 with green travel', () => {
    expect(travelViolations(MAX_TRAVEL_DAYS.standard, false)).toEqual([]);
    expect(travelViolations(3, false)).toEqual([expect.objectContaining({ field: 'travelDays' })]);
    expect(travelViolations(MAX_TRAVEL_DAYS.green, true)).toEqual([]);
    expect(travelViolations(7, true)).toEqual([expect.objectContaining({ field: 'travelDays' })]);
  });

  it('wants the host abroad, whatever the letter case', () => {
    expect(hostViolations('DE', 'ES')).toEqual([]);
    expect(hostViolations('DE', null)).toEqual([]);
    expect(hostViolations('DE', 'de')).toEqual([
      expect.objectContaining({ field: 'hostOrganisationId', rule: 'host abroad' }),
    ]);
  });

  it('lets the host change only while the placement is being arranged', () => {
    expect(['application', 'preparation'].every((s) => canChangeHost(s as never))).toBe(true);
    expect(
      ['implementation', 'evaluation', 'finalisation', 'completed', 'withdrawn'].some((s) => canChangeHost(s as never)),
    ).toBe(false);
  });

  it('closes the checklist in final states and keeps the host confirmation for the host events', () => {
    expect(taskEditBlocker('preparation', 'learning-agreement')).toBeNull();
    expect(taskEditBlocker('completed', 'learning-agreement')?.code).toBe('checklist-closed');
    expect(taskEditBlocker('withdrawn', 'learning-agreement')?.code).toBe('checklist-closed');
    expect(taskEditBlocker('application', 'host-confirmation')?.code).toBe('host-confirmation-by-event');
  });

  it('lets a withdrawn mobility finish its file (participant report, BM record, evidence), not a completed one', () => {
    for (const key of WITHDRAWN_FILE_TASKS) {
      expect(CURRENT_CHECKLIST.tasks.map((t) => t.key)).toContain(key);
      expect(taskEditBlocker('withdrawn', key)).toBeNull();
      expect(taskEditBlocker('completed', key)?.code).toBe('checklist-closed');
    }
    for (const key of ['debrief', 'outcomes-recognised', 'europass-mobility-issued', 'learning-agreement'])
      expect(taskEditBlocker('withdrawn', key)?.code).toBe('checklist-closed');
    // A withdrawn mobility still reminds nobody: its finishing tasks are not pending.
    expect(isTaskPending({ status: 'open', mandatory: true, phase: 'evaluation' }, 'withdrawn')).toBe(false);
  });

  describe('pending and overdue tasks', () => {
    const task = (phase: string, mandatory: boolean, status = 'open', dueDate = '2026-03-01') =>
      ({ phase, mandatory, status, dueDate }) as Parameters<typeof isTaskOverdue>[0];

    it('counts open mandatory tasks of any phase and open optional tasks of the current phase', () => {
      expect(isTaskPending(task('preparation', true), 'application')).toBe(true);
      expect(isTaskPending(task('application', false), 'application')).toBe(true);
      expect(isTaskPending(task('application', false), 'preparation')).toBe(false);
      expect(isTaskPending(task('application', true, 'done'), 'application')).toBe(false);
      expect(isTaskPending(task('application', true, 'waived'), 'application')).toBe(false);
      expect(isTaskPending(task('application', true), 'withdrawn')).toBe(false);
    });

    it('is overdue only once the due date has passed', () => {
      expect(isTaskOverdue(task('application', true), 'application', '2026-03-01')).toBe(false);
      expect(isTaskOverdue(task('application', true), 'application', '2026-03-02')).toBe(true);
      expect(isTaskOverdue(task('application', false), 'preparation', '2026-03-02')).toBe(false);
      expect(isTaskOverdue(task('application', true), 'completed', '2026-03-02')).toBe(false);
    });
  });
});
