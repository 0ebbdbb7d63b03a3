import type { RuleViolation } from './activity-types';
import type { TaskFact } from './machine/conditions';
import { isCatchUpTask, SchedulableTask } from './reminders/catch-up';
import { isFinalState, MobilityState, Phase } from './phases';
import { TASK_KEYS } from './checklist/checklist';
import type { ProblemCodeWith } from './problem-codes';
import { isConsentTask } from './guardians';

/** Funded travel days: up to 2, or up to 6 with green travel (reference §3.2 #11, [rule]). */
export const MAX_TRAVEL_DAYS = { standard: 2, green: 6 } as const;

export function travelViolations(travelDays: number, greenTravel: boolean): RuleViolation[] {
  const max = greenTravel ? MAX_TRAVEL_DAYS.green : MAX_TRAVEL_DAYS.standard;
  return travelDays > max
    ? [
        {
          field: 'travelDays',
          rule: `at most ${max} travel days${greenTravel ? ' with green travel' : ' without green travel'}`,
          message: `travelDays can be at most ${MAX_TRAVEL_DAYS.standard}, or ${MAX_TRAVEL_DAYS.green} with green travel`,
        },
      ]
    : [];
}

/** A learning mobility goes abroad: the host is in another country than the sending organisation. */
export function hostViolations(sendingCountry: string, hostCountry: string | null): RuleViolation[] {
  return hostCountry !== null && hostCountry.toUpperCase() === sendingCountry.toUpperCase()
    ? [
        {
          field: 'hostOrganisationId',
          rule: 'host abroad',
          message: `the host must be in another country than the sending organisation (both are in ${hostCountry})`,
        },
      ]
    : [];
}

/** The host can be changed while the placement is being arranged, not once it is under way. */
export const HOST_CHANGEABLE_IN: readonly Phase[] = ['application', 'preparation'];

export function canChangeHost(state: MobilityState): boolean {
  return (HOST_CHANGEABLE_IN as readonly string[]).includes(state);
}

/**
 * The tasks of a withdrawn mobility's file that stay open to finish it: a learner who withdrew
 * during the stay still owes the participant report (reference §3.4 #1–3, §3.5 #3 — or the NA
 * agrees an exclusion), and the coordinator still updates the BM record and keeps the evidence
 * for the final report and the audit (§3.4 #10, §3.5 #4, #11). Learning-related tasks (debrief,
 * validation, recognition, Europass, rating the host) no longer apply to a stay that did not
 * happen as planned and stay closed. A completed mobility's checklist stays closed as a whole.
 */
export const WITHDRAWN_FILE_TASKS: readonly string[] = [
  'participant-report-requested',
  'participant-report-submitted',
  'participant-report-monitored',
  'participant-report-received',
  'beneficiary-module-updated',
  'beneficiary-module-complete',
  'evidence-learning-agreement',
  'evidence-attendance',
  'evidence-travel',
  'evidence-real-costs',
  'grant-reconciled',
  'file-archived',
];

export function isWithdrawnFileTask(taskKey: string): boolean {
  return WITHDRAWN_FILE_TASKS.includes(taskKey);
}

/** Why a person may not tick, untick or waive a task by hand now; null when they may. */
export function taskEditBlocker(
  state: MobilityState,
  taskKey: string,
): { code: ProblemCodeWith<409>; message: string } | null {
  if (state === 'withdrawn' && isWithdrawnFileTask(taskKey)) return null;
  if (isFinalState(state)) {
    return {
      code: 'checklist-closed',
      message:
        state === 'withdrawn'
          ? 'The mobility is withdrawn; only the tasks that finish its file (participant report, BM record, evidence) can still change.'
          : `The mobility is ${state}; its checklist can no longer change.`,
    };
  }
  if (taskKey === TASK_KEYS.hostConfirmation) {
    return {
      code: 'host-confirmation-by-event',
      message:
        'The host confirms or declines the placement through the link e-mailed to them (or the school records their answer with “Confirm placement”): that ticks this task.',
    };
  }
  if (isConsentTask(taskKey)) {
    // Nobody consents for a guardian: not the school (by a tick or a waiver), not the learner.
    return {
      code: 'consent-by-guardian',
      message:
        "The guardian's consent is given by the guardian through the link e-mailed to them; it cannot be ticked or waived. Re-send the link from the mobility file.",
    };
  }
  return null;
}

/**
 * The tasks a mobility is still waiting for: open tasks that are mandatory or belong to the phase
 * the mobility is in. Optional advice of a phase already left (or not yet reached) does not nag,
 * and nothing is pending once the mobility is completed or withdrawn. The backend's SQL
 * (`checklist/task.sql.ts`) says the same; keep the two together.
 */
export function isTaskPending(task: Pick<TaskFact, 'status' | 'mandatory' | 'phase'>, state: MobilityState): boolean {
  return !isFinalState(state) && task.status === 'open' && (task.mandatory || task.phase === state);
}

/**
 * A pending task whose due date has passed — unless it is a catch-up task (due before its schedule
 * was set: `isCatchUpTask`), which is something to catch up, not late. The backend's SQL twin is
 * `overdueTaskSql`; keep the two together.
 */
export function isTaskOverdue(
  task: Pick<TaskFact, 'status' | 'mandatory' | 'phase'> & SchedulableTask,
  state: MobilityState,
  today: string,
): boolean {
  return isTaskPending(task, state) && task.dueDate < today && !isCatchUpTask(task);
}

/** A pending catch-up task: shown as "to catch up" in the file, never as overdue. */
export function isTaskCatchUp(
  task: Pick<TaskFact, 'status' | 'mandatory' | 'phase'> & SchedulableTask,
  state: MobilityState,
): boolean {
  return isTaskPending(task, state) && isCatchUpTask(task);
}
