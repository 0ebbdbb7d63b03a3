import type { ActivityFamily } from '../activity-types';
import type { Phase } from '../phases';

/** Who does a task. `coordinator` = project coordinator at the beneficiary. */
export const TASK_ROLES = ['coordinator', 'sending', 'host', 'learner'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

/**
 * Where a task comes from in the reference: `rule` (Commission, NA or BM wiki — mandatory),
 * `NA-example` (one agency's published practice) or `practice` (practitioner advice — optional).
 */
export type TaskBasis = 'rule' | 'NA-example' | 'practice';

/**
 * A due date relative to the mobility's first day abroad (T0), its last day (T1) or the middle of
 * the stay (`midpoint`: T0 + half the days, rounded down). `within: 'stay'` keeps the date inside
 * T0..T1 (a check-in "on day 3" of a 1-day stay is on that day, not after it) — checklist v2 sets it
 * on every implementation task, so a rule never falls outside the period it belongs to.
 */
export interface DueRule {
  readonly anchor: 'T0' | 'T1' | 'midpoint';
  readonly offsetDays: number;
  readonly within?: 'stay';
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
  /**
   * Only in stays of at least this many days (a second monitoring check-in a month in makes no
   * sense in a 10-day stay). Absent: every stay.
   */
  readonly minStayDays?: number;
}

export interface ChecklistTemplate {
  readonly version: number;
  /** The activity family this variant is for; absent: one checklist for every activity (v1). */
  readonly family?: ActivityFamily;
  readonly tasks: readonly TaskTemplate[];
}
