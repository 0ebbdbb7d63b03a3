import { addDays, IsoDate } from './dates';
import type { RuleViolation } from './activity-types';
import type { ProjectAction } from './projects';
import { MANDATORY_TASK_RULE, ReminderRule } from './reminders/reminder-rules';

/**
 * The project's own lifecycle (reference §3 intro: "Project lifecycle", §3.5, §3.6, §4.8):
 * one grant agreement runs from P0 to P1, then the beneficiary reports, submits the final
 * beneficiary report in the BM, and the NA decides. Pure: facts in, status and effects out.
 *
 *   running ──(the day after P1, by the calendar)──▶ reporting
 *   reporting ──SUBMIT_FINAL_REPORT (coordinator records the BM submission date)──▶ submitted
 *   submitted ──CLOSE (coordinator records the NA's final decision)──▶ closed
 *   submitted ──REOPEN_REPORT (the NA returned the report for changes)──▶ reporting
 */
export const PROJECT_STATUSES = ['running', 'reporting', 'submitted', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_EVENTS = ['SUBMIT_FINAL_REPORT', 'CLOSE', 'REOPEN_REPORT'] as const;
export type ProjectEventType = (typeof PROJECT_EVENTS)[number];

/** What the status is computed from: the dates and what a coordinator recorded. */
export interface ProjectLifecycleFacts {
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  /** The day the final beneficiary report was submitted in the BM (recorded by a coordinator). */
  readonly reportSubmittedOn: IsoDate | null;
  /** The day of the NA's final decision on the report (recorded by a coordinator). */
  readonly closedOn: IsoDate | null;
}

/**
 * The status on `today` (the school's calendar day). Reporting starts by the calendar, the day
 * after the project's end date P1 (reference §3.5: finalisation runs from P1); submitted and
 * closed are what a coordinator recorded (the BM locks a submitted project, §3.5 #7).
 */
export function projectStatus(p: ProjectLifecycleFacts, today: IsoDate): ProjectStatus {
  if (p.closedOn !== null) return 'closed';
  if (p.reportSubmittedOn !== null) return 'submitted';
  return today > p.endDate ? 'reporting' : 'running';
}

/** The first day of the reporting period: the day after P1. */
export function reportingStartsOn(p: Pick<ProjectLifecycleFacts, 'endDate'>): IsoDate {
  return addDays(p.endDate, 1);
}

export interface ProjectEvent {
  readonly type: ProjectEventType;
  /** The calendar day it happened (the BM submission, the NA's decision); not a future day. */
  readonly on?: IsoDate;
}

/** What a recorded event changes, as data for the caller to write in one transaction. */
export type ProjectTransition =
  | {
      readonly ok: true;
      readonly from: ProjectStatus;
      readonly to: ProjectStatus;
      readonly changes: Partial<Pick<ProjectLifecycleFacts, 'reportSubmittedOn' | 'closedOn'>>;
      /** The project task the event settles (the final report task follows the submission). */
      readonly taskStatus: { readonly key: string; readonly status: 'open' | 'done' } | null;
    }
  | { readonly ok: false; readonly from: ProjectStatus; readonly violations: RuleViolation[] };

/**
 * Applies a coordinator's record to the project. Refused (with the reason, naming the field) when
 * the status does not allow it or the date does not fit: a report is submitted after P1 and not
 * in the future; the NA decides after the submission.
 */
export function applyProjectEvent(p: ProjectLifecycleFacts, event: ProjectEvent, today: IsoDate): ProjectTransition {
  const from = projectStatus(p, today);
  const refuse = (field: string, rule: string, message: string): ProjectTransition => ({
    ok: false,
    from,
    violations: [{ field, rule, message }],
  });
  const on = event.on ?? today;
  if (event.type !== 'REOPEN_REPORT' && on > today) {
    return refuse('on', 'not in the future', `the date cannot be after today (${today})`);
  }
  switch (event.type) {
    case 'SUBMIT_FINAL_REPORT':
      if (from !== 'reporting') {
        return refuse(
          'type',
          'from reporting',
          from === 'running'
            ? `the final report is submitted after the project ends (reporting starts ${reportingStartsOn(p)})`
            : `the final report was already recorded as submitted (status ${from})`,
        );
      }
      if (on <= p.endDate) {
        return refuse('on', 'after the end date', `the final report is submitted after the end date ${p.endDate}`);
      }
      return {
        ok: true,
        from,
        to: 'submitted',
        changes: { reportSubmittedOn: on },
        taskStatus: { key: PROJECT_TASK_KEYS.finalReport, status: 'done' },
      };
    case 'CLOSE':
      if (from !== 'submitted') {
        return refuse('type', 'from submitted', `the NA decides on a submitted final report (status ${from})`);
      }
      if (p.reportSubmittedOn !== null && on < p.reportSubmittedOn) {
        return refuse(
          'on',
          'not before the submission',
          `the NA's decision cannot be before the submission on ${p.reportSubmittedOn}`,
        );
      }
      return { ok: true, from, to: 'closed', changes: { closedOn: on }, taskStatus: null };
    case 'REOPEN_REPORT':
      // The NA may return a submitted report for changes (reference §3.5 #8-9): reporting again.
      if (from !== 'submitted') {
        return refuse('type', 'from submitted', `only a submitted report can be reopened (status ${from})`);
      }
      return {
        ok: true,
        from,
        to: projectStatus({ ...p, reportSubmittedOn: null }, today),
        changes: { reportSubmittedOn: null },
        taskStatus: { key: PROJECT_TASK_KEYS.finalReport, status: 'open' },
      };
  }
}

/** The events a coordinator may record now (what the dashboard offers). */
export function possibleProjectEvents(p: ProjectLifecycleFacts, today: IsoDate): ProjectEventType[] {
  return PROJECT_EVENTS.filter((type) => applyProjectEvent(p, { type }, today).ok);
}

/** A project is closed for reminders and for ticking once the report is submitted (the BM locks it, §3.5 #7). */
export function projectTasksOpen(status: ProjectStatus): boolean {
  return status === 'running' || status === 'reporting';
}

// ---------------------------------------------------------------------------------------------
// Project tasks: the coordinator's deadlines of the finalisation phase (reference §3.5, §3.6).

export const PROJECT_TASK_KEYS = {
  bmComplete: 'bm-mobilities-complete',
  bmOrganisations: 'bm-organisations-checked',
  participantReports: 'participant-reports-received',
  evidenceFile: 'evidence-file-complete',
  interimReport: 'interim-report-submitted',
  finalReport: 'final-report-submitted',
} as const;
export type ProjectTaskKey = (typeof PROJECT_TASK_KEYS)[keyof typeof PROJECT_TASK_KEYS];

/**
 * Days after P1 of each deadline. The final report's 60 days is an NA example (reference §3.5 #6,
 * §3.6 [NA-example]: Malta NA, EUKCEM MOOC), so it is configuration with 60 as the default; the
 * others are the reference's [rule] offsets counted back from it.
 */
export interface ProjectDeadlineConfig {
  readonly finalReportDays: number;
}

export const DEFAULT_PROJECT_DEADLINES: ProjectDeadlineConfig = { finalReportDays: 60 };

export interface ProjectTaskTemplate {
  readonly key: ProjectTaskKey;
  readonly title: string;
  readonly guidance: string;
  readonly mandatory: boolean;
  /** The reference section the task comes from. */
  readonly source: string;
}

const TEMPLATES: Readonly<Record<ProjectTaskKey, ProjectTaskTemplate>> = {
  [PROJECT_TASK_KEYS.interimReport]: {
    key: PROJECT_TASK_KEYS.interimReport,
    title: 'Interim report submitted in the Beneficiary Module',
    guidance:
      'The grant agreement asks for an interim (progress) report by this date: fill it in the Reports tab of the Beneficiary Module and submit it.',
    mandatory: true,
    source: 'reference §3.6, §4.1 [rule]',
  },
  [PROJECT_TASK_KEYS.bmComplete]: {
    key: PROJECT_TASK_KEYS.bmComplete,
    title: 'All mobilities marked Complete in the Beneficiary Module',
    guidance:
      'Draft mobilities are left out of the budget summary and block the final report: check actual dates, travel days and interruptions, then set every mobility to Complete.',
    mandatory: true,
    source: 'reference §3.5 #1 [rule]',
  },
  [PROJECT_TASK_KEYS.bmOrganisations]: {
    key: PROJECT_TASK_KEYS.bmOrganisations,
    title: 'Organisation and contact data checked in the Beneficiary Module',
    guidance:
      'Check the participating organisations and contact persons. Project dates and titles change only through an amendment with the National Agency.',
    mandatory: true,
    source: 'reference §3.5 #2 [rule]',
  },
  [PROJECT_TASK_KEYS.participantReports]: {
    key: PROJECT_TASK_KEYS.participantReports,
    title: 'Participant reports received (or exclusion agreed with the NA)',
    guidance:
      'Every participant has submitted the EU Survey report; for a report that cannot come (e.g. force majeure), agree the exclusion with the National Agency.',
    mandatory: true,
    source: 'reference §3.5 #3 [rule]',
  },
  [PROJECT_TASK_KEYS.evidenceFile]: {
    key: PROJECT_TASK_KEYS.evidenceFile,
    title: 'Evidence file complete',
    guidance:
      'Learning agreements, certificates and Europass documents, attendance proofs, travel evidence with green-travel declarations, invoices for inclusion support and exceptional costs.',
    mandatory: true,
    source: 'reference §3.5 #4 [rule]',
  },
  [PROJECT_TASK_KEYS.finalReport]: {
    key: PROJECT_TASK_KEYS.finalReport,
    title: 'Final beneficiary report submitted in the Beneficiary Module',
    guidance:
      'Generate the final beneficiary report in the Reports tab, fill the narrative sections, attach the documents and have the legal representative submit it. Record the submission date here.',
    mandatory: true,
    source: 'reference §3.5 #6, §4.8',
  },
};

export function projectTaskTemplate(key: ProjectTaskKey): ProjectTaskTemplate {
  return TEMPLATES[key];
}

export function isProjectTaskKey(value: string): value is ProjectTaskKey {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, value);
}

export interface ProjectPlanFacts {
  readonly action: ProjectAction;
  readonly endDate: IsoDate;
  /** The interim report's due date when the grant agreement asks for one (KA121 only); null: none. */
  readonly interimReportDueDate: IsoDate | null;
}

export interface PlannedProjectTask extends ProjectTaskTemplate {
  readonly dueDate: IsoDate;
  readonly position: number;
}

/**
 * The dated tasks of a project: BM data complete and organisations checked by P1+30 (§3.5 #1-2),
 * participant reports and the evidence file by P1+45 (§3.5 #3-4), the final report by P1+N
 * (N configured, default 60: §3.5 #6), and for an accredited project whose grant agreement asks for
 * one, the interim report on the date the coordinator set (§3.6). The earlier deadlines never fall
 * after the final report's (a shorter configured N pulls them in).
 */
export function planProjectTasks(
  p: ProjectPlanFacts,
  config: ProjectDeadlineConfig = DEFAULT_PROJECT_DEADLINES,
): PlannedProjectTask[] {
  const finalDue = addDays(p.endDate, config.finalReportDays);
  const capped = (days: number) => {
    const due = addDays(p.endDate, days);
    return due < finalDue ? due : finalDue;
  };
  const planned: { key: ProjectTaskKey; dueDate: IsoDate }[] = [];
  if (p.action === 'KA121-VET' && p.interimReportDueDate !== null) {
    planned.push({ key: PROJECT_TASK_KEYS.interimReport, dueDate: p.interimReportDueDate });
  }
  planned.push(
    { key: PROJECT_TASK_KEYS.bmComplete, dueDate: capped(30) },
    { key: PROJECT_TASK_KEYS.bmOrganisations, dueDate: capped(30) },
    { key: PROJECT_TASK_KEYS.participantReports, dueDate: capped(45) },
    { key: PROJECT_TASK_KEYS.evidenceFile, dueDate: capped(45) },
    { key: PROJECT_TASK_KEYS.finalReport, dueDate: finalDue },
  );
  return planned.map((t, position) => ({ ...TEMPLATES[t.key], dueDate: t.dueDate, position }));
}

/** Where the interim report date may lie: inside the project (a progress report, §3.6). */
export function interimReportViolations(
  p: Pick<ProjectPlanFacts, 'action'> & { readonly startDate: IsoDate; readonly endDate: IsoDate },
  interimReportDueDate: IsoDate | null,
): RuleViolation[] {
  if (interimReportDueDate === null) return [];
  if (p.action !== 'KA121-VET') {
    return [
      {
        field: 'interimReportDueDate',
        rule: 'accredited projects only',
        message: 'an interim report date is set for accredited (KA121-VET) projects only',
      },
    ];
  }
  if (interimReportDueDate <= p.startDate || interimReportDueDate > p.endDate) {
    return [
      {
        field: 'interimReportDueDate',
        rule: 'within the project dates',
        message: `the interim report falls due after ${p.startDate} and by the end date ${p.endDate}`,
      },
    ];
  }
  return [];
}

/** Whether a coordinator may tick the task by hand (the final report follows the recorded submission). */
export function projectTaskSetByEvent(key: string): boolean {
  return key === PROJECT_TASK_KEYS.finalReport;
}

/** The next deadline of a project: its open task due first (null when none is open). */
export function nextProjectDeadline<T extends { readonly dueDate: IsoDate; readonly status: string }>(
  tasks: readonly T[],
): T | null {
  return tasks
    .filter((t) => t.status === 'open')
    .reduce<T | null>((a, t) => (a === null || t.dueDate < a.dueDate ? t : a), null);
}

/**
 * Reminders of project tasks, for the project's coordinators. The final report: the BM reminds on
 * the end date and a week before the deadline (reference §3.5 #5); ours add a month ahead.
 */
export function projectReminderRule(key: string): ReminderRule {
  if (key === PROJECT_TASK_KEYS.finalReport) return { ...MANDATORY_TASK_RULE, daysBefore: [30, 7] };
  return MANDATORY_TASK_RULE;
}

// ---------------------------------------------------------------------------------------------
// Programme limits of a project.

/** The call years of the programme Erasmus+ 2021-2027 (reference scope, §1.2). */
export const PROGRAMME_CALL_YEARS = { first: 2021, last: 2027 } as const;

export function callYearViolations(callYear: number): RuleViolation[] {
  if (callYear >= PROGRAMME_CALL_YEARS.first && callYear <= PROGRAMME_CALL_YEARS.last) return [];
  return [
    {
      field: 'callYear',
      rule: `within the programme ${PROGRAMME_CALL_YEARS.first}-${PROGRAMME_CALL_YEARS.last}`,
      message: `callYear must be a call year of Erasmus+ ${PROGRAMME_CALL_YEARS.first}-${PROGRAMME_CALL_YEARS.last}`,
    },
  ];
}

/** KA122: at most 3 grants in any 5 consecutive call years for one beneficiary (reference §1.2, §3.1 #2 [rule]). */
export const KA122_FREQUENCY = { maxProjects: 3, callYears: 5 } as const;

/** Something the coordinator should know that does not stop the request. */
export interface ProjectWarning {
  readonly code: 'ka122-frequency';
  readonly field: string;
  readonly message: string;
}

/**
 * The KA122 frequency limit as a warning: the NA refuses a fourth short-term grant in a window of 5
 * call years, but the project may already exist (a grant from before the app, another round), so
 * the coordinator is told rather than stopped. `others` are the beneficiary's other KA122 projects.
 */
export function ka122FrequencyWarnings(
  project: { readonly action: ProjectAction; readonly callYear: number },
  others: readonly { readonly reference: string; readonly callYear: number }[],
): ProjectWarning[] {
  if (project.action !== 'KA122-VET') return [];
  const span = KA122_FREQUENCY.callYears;
  for (let first = project.callYear - span + 1; first <= project.callYear; first++) {
    const last = first + span - 1;
    const inWindow = others.filter((o) => o.callYear >= first && o.callYear <= last);
    if (inWindow.length + 1 > KA122_FREQUENCY.maxProjects) {
      const refs = inWindow
        .slice()
        .sort((a, b) => a.callYear - b.callYear || a.reference.localeCompare(b.reference))
        .map((o) => o.reference);
      return [
        {
          code: 'ka122-frequency',
          field: 'callYear',
          message: `A beneficiary receives at most ${KA122_FREQUENCY.maxProjects} KA122-VET grants in ${span} consecutive call years: with ${refs.join(', ')} this is number ${inWindow.length + 1} in ${first}–${last}.`,
        },
      ];
    }
  }
  return [];
}

/**
 * Activity types that do not count towards the KA122 cap of 30 participants: preparatory visits
 * (reference §1.2: accompanying persons and preparatory visits not counted; accompanying persons
 * are not mobilities of their own here). Codes, so that a type added later joins by name.
 */
export const KA122_UNCOUNTED_ACTIVITY_TYPES: readonly string[] = ['PREP-VISIT'];

export function countsTowardsKa122Cap(activityType: string): boolean {
  return !KA122_UNCOUNTED_ACTIVITY_TYPES.includes(activityType);
}
