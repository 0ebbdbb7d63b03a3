import { activityDays, ActivityTypeCode } from '../activity-types';
import type { IsoDate } from '../dates';
import type { TaskStatus } from '../machine/conditions';
import { isFinalState, MobilityState, PHASES } from '../phases';
import type { ProblemCodeWith } from '../problem-codes';
import {
  checklistFor,
  CURRENT_CHECKLIST_VERSION,
  dueDate,
  MobilityDates,
  ParticipantConditions,
  planChecklist,
  PlannedTask,
} from './checklist';
import type { ChecklistTemplate } from './template.types';

/** A task a mobility has, as the migration needs it. */
export interface ExistingTask {
  readonly id: string;
  readonly key: string;
  readonly status: TaskStatus;
  readonly dueDate: IsoDate;
}

/** What moving a mobility's checklist to another version does, task by task (data; the backend writes it). */
export interface ChecklistMigrationPlan {
  readonly kind: 'migrate';
  readonly fromVersion: number;
  readonly toVersion: number;
  /** Tasks new in the target version (with their due dates from the current dates and position). */
  readonly add: readonly (PlannedTask & { readonly position: number })[];
  /**
   * Tasks new in the target version that belong to a phase the mobility has already left: not
   * added (that stage is over; an open task there would only block the file or need a waiver).
   */
  readonly skipped: readonly PlannedTask[];
  /** Open tasks the target no longer has (or whose condition no longer holds): deleted. */
  readonly remove: readonly ExistingTask[];
  /** Open tasks the target has too: they take its phase, wording, role, mandatory flag, due date and position. */
  readonly update: readonly { readonly task: ExistingTask; readonly to: PlannedTask & { readonly position: number } }[];
  /** Done and waived tasks: stay exactly as they are, whatever the target says. */
  readonly keep: readonly ExistingTask[];
}

export interface ChecklistMigrationRefusal {
  readonly kind: 'refused';
  readonly code: ProblemCodeWith<409>;
  readonly message: string;
}

export interface ChecklistMigrationInput {
  readonly checklistVersion: number;
  readonly activityType: ActivityTypeCode;
  readonly phase: MobilityState;
  readonly dates: MobilityDates;
  readonly conditions: ParticipantConditions;
  readonly tasks: readonly ExistingTask[];
}

/** The history line of a migration, e.g. "checklist v1 → v2". */
export function checklistMigrationLabel(fromVersion: number, toVersion: number): string {
  return `checklist v${fromVersion} → v${toVersion}`;
}

/**
 * Plans moving a mobility to checklist `toVersion` (the current one by default), matching tasks by
 * key: what was done or waived stays, what is new is added (if its condition and the stay call for
 * it, and its phase is not one the mobility has left), open tasks the new version drops go, open
 * tasks both have follow the new rules.
 */
export function planChecklistMigration(
  input: ChecklistMigrationInput,
  toVersion: number = CURRENT_CHECKLIST_VERSION,
): ChecklistMigrationPlan | ChecklistMigrationRefusal {
  if (isFinalState(input.phase)) {
    return {
      kind: 'refused',
      code: 'checklist-closed',
      message: `The mobility is ${input.phase}; its checklist can no longer change.`,
    };
  }
  if (input.checklistVersion >= toVersion) {
    return {
      kind: 'refused',
      code: 'checklist-current',
      message: `The mobility already follows checklist v${input.checklistVersion}.`,
    };
  }
  const target = planChecklist(input.dates, checklistFor(toVersion, input.activityType), input.conditions).map(
    (t, position) => ({ ...t, position }),
  );
  const targetByKey = new Map(target.map((t) => [t.key, t]));
  const existingKeys = new Set(input.tasks.map((t) => t.key));
  const keep: ExistingTask[] = [];
  const remove: ExistingTask[] = [];
  const update: { task: ExistingTask; to: PlannedTask & { position: number } }[] = [];
  for (const task of input.tasks) {
    const to = targetByKey.get(task.key);
    if (task.status !== 'open') keep.push(task);
    else if (!to) remove.push(task);
    else update.push({ task, to });
  }
  const current = PHASES.indexOf(input.phase as (typeof PHASES)[number]);
  const fresh = target.filter((t) => !existingKeys.has(t.key));
  const passed = (t: PlannedTask) => PHASES.indexOf(t.phase) < current;
  return {
    kind: 'migrate',
    fromVersion: input.checklistVersion,
    toVersion,
    add: fresh.filter((t) => !passed(t)),
    skipped: fresh.filter(passed),
    remove,
    update,
    keep,
  };
}

/**
 * New dates, same version: the tasks that depend on the length of the stay (`minStayDays`) follow
 * it — those a longer stay now calls for are added, open ones a shorter stay no longer has go (done
 * and waived ones stay). Other tasks only move their due dates (not decided here).
 */
export function planStayTaskChanges(
  template: ChecklistTemplate,
  dates: MobilityDates,
  tasks: readonly Pick<ExistingTask, 'id' | 'key' | 'status'>[],
): { readonly add: readonly (PlannedTask & { readonly position: number })[]; readonly remove: readonly string[] } {
  const keys = new Set(tasks.map((t) => t.key));
  const days = activityDays(dates.startDate, dates.endDate);
  const stayDependent = new Map(
    template.tasks.flatMap((t, position) => (t.minStayDays === undefined ? [] : [[t.key, { t, position }] as const])),
  );
  const add = [...stayDependent.values()]
    .filter(({ t }) => days >= (t.minStayDays ?? 0) && !keys.has(t.key))
    .map(({ t, position }) => ({ ...t, dueDate: dueDate(t.due, dates), position }));
  const remove = tasks
    .filter((task) => {
      const entry = stayDependent.get(task.key);
      return task.status === 'open' && entry !== undefined && days < (entry.t.minStayDays ?? 0);
    })
    .map((task) => task.id);
  return { add, remove };
}
