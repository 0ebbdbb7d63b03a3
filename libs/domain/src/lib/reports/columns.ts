import { activityDays } from '../activity-types';
import { daysBetween, type IsoDate } from '../dates';
import type { KeyTaskStatus, ReportMobilityRow } from './report-rows';

/**
 * The columns of the mobility files, one registry for the BM export, the final report's Mobilities
 * sheet and CSV, and the import template (same headers, so an export can be edited and imported).
 *
 * Order: the BM's mobility data as the wiki describes it (reference §7.2, §7.3). The exact column
 * list of the current KA121/KA122-VET import template was not obtained (reference §7.3, open
 * question 4): these headers are ours, in the BM's order of sections (activity, participant, from,
 * to, dates); compare with the template of the current release before importing into the BM.
 */
export type CellType = 'text' | 'date' | 'integer' | 'yes-no' | 'instant';
export type CellValue = string | number | boolean | null;

export interface ReportColumn {
  readonly key: string;
  readonly header: string;
  readonly type: CellType;
  /** Spreadsheet column width in characters. */
  readonly width: number;
  /**
   * The import's use of the column: `required` and `optional` are read; `ignored` are computed or
   * assigned here (ids, durations, status) and skipped when a file carries them.
   */
  readonly import: 'required' | 'optional' | 'ignored';
  readonly value: (row: ReportMobilityRow) => CellValue;
}

const col = (
  key: string,
  header: string,
  type: CellType,
  width: number,
  importUse: ReportColumn['import'],
  value: ReportColumn['value'],
): ReportColumn => ({ key, header, type, width, import: importUse, value });

/** Days the interruption cut from the stay (0 without one). */
export function interruptedDays(row: Pick<ReportMobilityRow, 'endDate' | 'actualEndDate'>): number {
  return row.actualEndDate ? Math.max(0, daysBetween(row.actualEndDate, row.endDate)) : 0;
}

/** Days of activity actually abroad (travel excluded; both ends counted; interruption deducted). */
export function durationDays(row: Pick<ReportMobilityRow, 'startDate' | 'endDate' | 'actualEndDate'>): number {
  return activityDays(row.startDate, row.endDate) - interruptedDays(row);
}

/** The BM's mobility columns, in the BM's order. */
export const BM_MOBILITY_COLUMNS: readonly ReportColumn[] = [
  col('bmActivityId', 'Mobility activity ID', 'text', 18, 'ignored', (r) => r.bmActivityId),
  col('activityType', 'Activity type', 'text', 16, 'required', (r) => r.bmActivityType ?? r.activityType),
  col('accompanying', 'Accompanying person', 'yes-no', 12, 'ignored', (r) => r.accompanying),
  col('firstName', 'First name', 'text', 16, 'required', (r) => r.participant.firstName),
  col('lastName', 'Last name', 'text', 18, 'required', (r) => r.participant.lastName),
  col('email', 'E-mail', 'text', 28, 'required', (r) => r.participant.email),
  col('dateOfBirth', 'Date of birth', 'date', 12, 'optional', (r) => r.participant.dateOfBirth),
  col('fewerOpportunities', 'Fewer opportunities', 'yes-no', 12, 'optional', (r) => r.fewerOpportunities),
  col('sendingOid', 'Sending organisation OID', 'text', 14, 'optional', (r) => r.sending.oid),
  col('sendingName', 'Sending organisation', 'text', 28, 'optional', (r) => r.sending.name),
  col('sendingCountry', 'Sending country', 'text', 8, 'ignored', (r) => r.sending.country),
  col('sendingCity', 'Sending city', 'text', 16, 'ignored', (r) => r.sending.city),
  col('receivingOid', 'Receiving organisation OID', 'text', 14, 'optional', (r) => r.receiving?.oid ?? null),
  col('receivingName', 'Receiving organisation', 'text', 28, 'optional', (r) => r.receiving?.name ?? null),
  col('receivingCountry', 'Receiving country', 'text', 8, 'optional', (r) => r.receiving?.country ?? null),
  col('receivingCity', 'Receiving city', 'text', 16, 'optional', (r) => r.receiving?.city ?? null),
  col('startDate', 'Start date', 'date', 12, 'required', (r) => r.startDate),
  col('endDate', 'End date', 'date', 12, 'required', (r) => r.endDate),
  col('interruptedDays', 'Interrupted duration (days)', 'integer', 10, 'ignored', interruptedDays),
  col('durationDays', 'Duration (days)', 'integer', 10, 'ignored', durationDays),
  col('travelDays', 'Funded travel days', 'integer', 10, 'optional', (r) => r.travelDays),
  col('greenTravel', 'Green travel', 'yes-no', 10, 'optional', (r) => r.greenTravel),
  col('forceMajeure', 'Force majeure', 'yes-no', 10, 'ignored', (r) => r.forceMajeure),
];

/** Checklist tasks whose status the Mobilities sheet shows as "key documents". */
export const KEY_DOCUMENT_TASKS: ReadonlyArray<{ readonly key: string; readonly header: string }> = [
  { key: 'learning-agreement', header: 'Learning agreement' },
  { key: 'participant-grant-agreement', header: 'Grant agreement' },
  { key: 'guardian-consent', header: 'Guardian consent' },
  { key: 'attendance-confirmed', header: 'Attendance confirmed' },
  { key: 'europass-mobility-issued', header: 'Europass Mobility' },
];

const keyTask =
  (key: string) =>
  (r: ReportMobilityRow): KeyTaskStatus =>
    r.keyTasks[key] ?? 'not-applicable';

/** The final report's Mobilities sheet (and its CSV): the BM's columns, then what the school tracks. */
export const MOBILITY_SHEET_COLUMNS: readonly ReportColumn[] = [
  ...BM_MOBILITY_COLUMNS,
  col('state', 'Phase / status', 'text', 14, 'ignored', (r) => r.state),
  col('actualEndDate', 'Actual last day', 'date', 12, 'ignored', (r) => r.actualEndDate),
  col('interruptionReason', 'Interruption reason', 'text', 24, 'ignored', (r) => r.interruptionReason),
  col('placementConfirmedAt', 'Host confirmed', 'instant', 18, 'ignored', (r) => r.placementConfirmedAt),
  col('mentorName', 'Mentor', 'text', 18, 'ignored', (r) => r.mentorName),
  col('mentorEmail', 'Mentor e-mail', 'text', 26, 'ignored', (r) => r.mentorEmail),
  col('insuranceComplete', 'Insurance complete', 'yes-no', 10, 'ignored', (r) => r.insuranceComplete),
  ...KEY_DOCUMENT_TASKS.map((t) => col(`key:${t.key}`, t.header, 'text', 14, 'ignored', keyTask(t.key))),
  col('participantReportStatus', 'Participant report', 'text', 14, 'ignored', (r) => r.participantReport.status),
  col(
    'participantReportRequestedAt',
    'Report requested',
    'instant',
    18,
    'ignored',
    (r) => r.participantReport.requestedAt,
  ),
  col(
    'participantReportSubmittedAt',
    'Report submitted',
    'instant',
    18,
    'ignored',
    (r) => r.participantReport.submittedAt,
  ),
  col('tasksDone', 'Tasks done', 'integer', 8, 'ignored', (r) => r.tasks.done),
  col('tasksTotal', 'Tasks', 'integer', 8, 'ignored', (r) => r.tasks.total),
  col('tasksOverdue', 'Tasks overdue', 'integer', 8, 'ignored', (r) => r.tasks.overdue),
];

/** The import template's headers: the BM columns (computed ones may be present and are skipped). */
export const IMPORT_COLUMNS: readonly ReportColumn[] = BM_MOBILITY_COLUMNS;

/** The BM's "Mobility activity ID": last 6 digits of the project number, `MOB`, a 5-digit sequence. */
export function bmActivityId(projectReference: string, sequence: number): string {
  const digits = projectReference.replace(/\D/g, '');
  return `${digits.slice(-6).padStart(6, '0')}-MOB-${String(sequence).padStart(5, '0')}`;
}

/** A date cell's ISO value, or null (writers use it to build typed cells). */
export function isoDateCell(value: CellValue): IsoDate | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}
