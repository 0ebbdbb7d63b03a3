import type { Phase } from '../phases';

/** Who does a task. `coordinator` = project coordinator at the beneficiary. */
export const TASK_ROLES = ['coordinator', 'sending', 'host', 'learner'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

/**
 * Where a task comes from in the reference: `rule` (Commission, NA or BM wiki — mandatory),
 * `NA-example` (one agency's published practice) or `practice` (practitioner advice — optional).
 */
export type TaskBasis = 'rule' | 'NA-example' | 'practice';

/** A due date relative to the mobility's first day abroad (T0) or its last day (T1). */
export interface DueRule {
  readonly anchor: 'T0' | 'T1';
  readonly offsetDays: number;
}

/**
 * A fact about the participant that adds a task to their checklist: `minor` = under 18 on the first
 * day abroad (the guardian's consent).
 */
export const TASK_CONDITIONS = ['minor'] as const;
export type TaskCondition = (typeof TASK_CONDITIONS)[number];

export interface TaskTemplate {
  /** Stable key, unique across the checklist; never renamed once released. */
  readonly key: string;
  readonly phase: Phase;
  readonly title: string;
  /** Short practitioner guidance shown next to the task. */
  readonly guidance: string;
  readonly role: TaskRole;
  readonly mandatory: boolean;
  readonly basis: TaskBasis;
  readonly due: DueRule;
  /** Only in the checklists of participants of whom this is true (absent: everyone's). */
  readonly condition?: TaskCondition;
  /**
   * A consent the participant's guardian gives: the guardian receives its learner-facing reminders,
   * and nobody can waive it.
   */
  readonly consent?: true;
}

export interface ChecklistTemplate {
  readonly version: number;
  readonly tasks: readonly TaskTemplate[];
}
