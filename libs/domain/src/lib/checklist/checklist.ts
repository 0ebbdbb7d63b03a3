import { activityDays, activityFamily, ActivityTypeCode } from '../activity-types';
import { addDays, IsoDate } from '../dates';
import type { Phase } from '../phases';
import { CHECKLIST_V1 } from './checklist-v1';
import { CHECKLIST_V2, CHECKLIST_V2_VARIANTS } from './checklist-v2';
import type { ChecklistTemplate, DueRule, TaskCondition, TaskTemplate } from './template.types';

/** The checklist new mobilities get. Older versions stay importable for mobilities made with them. */
export const CURRENT_CHECKLIST: ChecklistTemplate = CHECKLIST_V2;

const CHECKLISTS: Readonly<Record<number, ChecklistTemplate>> = { 1: CHECKLIST_V1, 2: CHECKLIST_V2 };

/** The version new mobilities get. */
export const CURRENT_CHECKLIST_VERSION = CURRENT_CHECKLIST.version;

export function checklistTemplate(version: number): ChecklistTemplate {
  const template = CHECKLISTS[version];
  if (!template) throw new RangeError(`unknown checklist template version ${version}`);
  return template;
}

/**
 * The checklist a mobility of `activityType` follows in `version`: v1 is one checklist for every
 * activity; from v2 each activity family has its variant.
 */
export function checklistFor(version: number, activityType: ActivityTypeCode): ChecklistTemplate {
  if (version === 1) return CHECKLIST_V1;
  if (version === 2) return CHECKLIST_V2_VARIANTS[activityFamily(activityType)];
  return checklistTemplate(version);
}

export interface MobilityDates {
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
}

/** The middle day of the stay: T0 plus half the days after it, rounded down (T0 for a 1- or 2-day stay). */
export function midpointOf(dates: MobilityDates): IsoDate {
  return addDays(dates.startDate, Math.floor((activityDays(dates.startDate, dates.endDate) - 1) / 2));
}

/**
 * The due date a rule gives for a mobility running from T0 = startDate to T1 = endDate; a rule
 * `within: 'stay'` is kept inside T0..T1.
 */
export function dueDate(rule: DueRule, dates: MobilityDates): IsoDate {
  const anchor = rule.anchor === 'T0' ? dates.startDate : rule.anchor === 'T1' ? dates.endDate : midpointOf(dates);
  const due = addDays(anchor, rule.offsetDays);
  if (rule.within !== 'stay') return due;
  if (due < dates.startDate) return dates.startDate;
  return due > dates.endDate ? dates.endDate : due;
}

/** Whether a task of the template belongs in this mobility: its condition holds and the stay is long enough. */
export function taskApplies(
  t: Pick<TaskTemplate, 'condition' | 'minStayDays'>,
  dates: MobilityDates,
  conditions: ParticipantConditions,
): boolean {
  if (t.condition !== undefined && conditions[t.condition] !== true) return false;
  return t.minStayDays === undefined || activityDays(dates.startDate, dates.endDate) >= t.minStayDays;
}

export interface PlannedTask extends TaskTemplate {
  readonly dueDate: IsoDate;
}

/** What is true of the participant, for the tasks that depend on it (`TaskTemplate.condition`). */
export type ParticipantConditions = Readonly<Partial<Record<TaskCondition, boolean>>>;

/**
 * Every task of a new mobility with its due date: the template's tasks for everyone, those whose
 * condition holds, and those the length of the stay calls for.
 */
export function planChecklist(
  dates: MobilityDates,
  template: ChecklistTemplate = CURRENT_CHECKLIST,
  conditions: ParticipantConditions = {},
): PlannedTask[] {
  return template.tasks
    .filter((t) => taskApplies(t, dates, conditions))
    .map((t) => ({ ...t, dueDate: dueDate(t.due, dates) }));
}

export function findTaskTemplate(key: string, template: ChecklistTemplate = CURRENT_CHECKLIST): TaskTemplate {
  const found = template.tasks.find((t) => t.key === key);
  if (!found) throw new RangeError(`no task ${key} in checklist v${template.version}`);
  return found;
}

export function tasksOfPhase(phase: Phase, template: ChecklistTemplate = CURRENT_CHECKLIST): TaskTemplate[] {
  return template.tasks.filter((t) => t.phase === phase);
}

/** Task keys the lifecycle refers to by name. */
export const TASK_KEYS = {
  hostSearch: 'host-search',
  hostConfirmation: 'host-confirmation',
  learningAgreement: 'learning-agreement',
  guardianConsent: 'guardian-consent',
} as const;
