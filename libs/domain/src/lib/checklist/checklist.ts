import { addDays, IsoDate } from '../dates';
import type { Phase } from '../phases';
import { CHECKLIST_V1 } from './checklist-v1';
import { CHECKLIST_V2 } from './checklist-v2';
import type { ChecklistTemplate, DueRule, TaskCondition, TaskTemplate } from './template.types';

/** The checklist new mobilities get. Older versions stay importable for mobilities made with them. */
export const CURRENT_CHECKLIST: ChecklistTemplate = CHECKLIST_V2;

const CHECKLISTS: Readonly<Record<number, ChecklistTemplate>> = { 1: CHECKLIST_V1, 2: CHECKLIST_V2 };

export function checklistTemplate(version: number): ChecklistTemplate {
  const template = CHECKLISTS[version];
  if (!template) throw new RangeError(`unknown checklist template version ${version}`);
  return template;
}

export interface MobilityDates {
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
}

/** The due date a rule gives for a mobility running from T0 = startDate to T1 = endDate. */
export function dueDate(rule: DueRule, dates: MobilityDates): IsoDate {
  return addDays(rule.anchor === 'T0' ? dates.startDate : dates.endDate, rule.offsetDays);
}

export interface PlannedTask extends TaskTemplate {
  readonly dueDate: IsoDate;
}

/** What is true of the participant, for the tasks that depend on it (`TaskTemplate.condition`). */
export type ParticipantConditions = Readonly<Partial<Record<TaskCondition, boolean>>>;

/** Every task of a new mobility with its due date: the template's tasks for everyone, and those whose condition holds. */
export function planChecklist(
  dates: MobilityDates,
  template: ChecklistTemplate = CURRENT_CHECKLIST,
  conditions: ParticipantConditions = {},
): PlannedTask[] {
  return template.tasks
    .filter((t) => t.condition === undefined || conditions[t.condition] === true)
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
