import type { IsoDate } from '../dates';
import type { MobilityState } from '../phases';

/**
 * The report's rows: plain data read from the database once, turned into sheets, CSV, PDF and the
 * BM export by the writers, and checked by the pure rules of this folder. Dates are ISO dates
 * (`YYYY-MM-DD`), instants ISO strings; writers give them their cell types.
 */

/** The kinds of export and their formats (the BM export is a data file: no PDF). */
export const EXPORT_KINDS = ['final-report', 'bm-mobilities'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const FORMATS_OF_KIND: Readonly<Record<ExportKind, readonly ExportFormat[]>> = {
  'final-report': ['xlsx', 'csv', 'pdf'],
  'bm-mobilities': ['xlsx', 'csv'],
};
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** CSV field separators: `;` by default (what European spreadsheet programs expect), or chosen. */
export const CSV_DELIMITERS = [';', ',', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** `<project-reference>-final-report-<date>.xlsx` */
export function exportFileName(reference: string, kind: ExportKind, format: ExportFormat, on: IsoDate): string {
  const safe = reference.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${safe}-${kind}-${on}.${format}`;
}

/** The project as the report's cover and the BM rules need it. */
export interface ReportProject {
  readonly id: string;
  readonly reference: string;
  readonly action: string;
  readonly callYear: number;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly beneficiary: {
    readonly name: string;
    readonly oid: string | null;
    readonly country: string;
    readonly city: string | null;
  };
}

export interface ReportOrganisation {
  readonly name: string;
  readonly oid: string | null;
  readonly country: string;
  readonly city: string | null;
}

/** Status of a key document or step, read from its checklist task. */
export type KeyTaskStatus = 'done' | 'waived' | 'open' | 'overdue' | 'not-applicable';

/**
 * One mobility with every field the BM holds for it (reference §7.2) and what the school tracks
 * besides. An accompanying person is a row of its own (`accompanying: true`) in the BM export.
 */
export interface ReportMobilityRow {
  readonly id: string;
  /** The BM's "Mobility activity ID" (`<last 6 of the project number>-MOB-<5-digit sequence>`). */
  readonly bmActivityId: string;
  readonly activityType: string;
  /** The BM's activity-type code; null where the BM has none (see ACTIVITY_TYPES). */
  readonly bmActivityType: string | null;
  readonly participant: {
    readonly firstName: string;
    readonly lastName: string;
    readonly email: string;
    readonly dateOfBirth: IsoDate | null;
  };
  readonly accompanying: boolean;
  readonly fewerOpportunities: boolean;
  readonly sending: ReportOrganisation;
  readonly receiving: ReportOrganisation | null;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  /** Set when the stay was interrupted (last day actually abroad). */
  readonly actualEndDate: IsoDate | null;
  readonly travelDays: number;
  readonly greenTravel: boolean;
  readonly forceMajeure: boolean;
  readonly interruptionReason: string | null;
  readonly state: MobilityState;
  readonly placementConfirmedAt: string | null;
  readonly mentorName: string | null;
  readonly mentorEmail: string | null;
  readonly insuranceComplete: boolean;
  readonly participantReport: {
    readonly status: string | null;
    readonly requestedAt: string | null;
    readonly submittedAt: string | null;
  };
  readonly tasks: { readonly total: number; readonly done: number; readonly overdue: number };
  /** Key documents by checklist task key (learning agreement, grant agreement, Europass …). */
  readonly keyTasks: Readonly<Record<string, KeyTaskStatus>>;
}

/** One checklist task of the Tasks sheet. */
export interface ReportTaskRow {
  readonly bmActivityId: string;
  readonly participant: string;
  readonly phase: string;
  readonly title: string;
  readonly responsible: string;
  readonly dueDate: IsoDate | null;
  readonly status: 'done' | 'waived' | 'open';
  readonly doneAt: string | null;
  readonly doneBy: string | null;
  readonly waivedReason: string | null;
  readonly mandatory: boolean;
}

/** One entry of the History sheet (mobility lifecycle events and project events). */
export interface ReportHistoryRow {
  readonly at: string;
  readonly mobilityId: string | null;
  readonly participant: string | null;
  readonly event: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly actor: string;
  readonly reason: string | null;
}

/** Counts keyed by a label (activity type, country, phase …), in display order. */
export type Tally = ReadonlyArray<{ readonly key: string; readonly count: number }>;

/** The Summary sheet and the PDF's figures: each compared with the database in the tests. */
export interface ReportSummary {
  readonly mobilities: number;
  readonly participants: number;
  readonly byActivityType: Tally;
  readonly byHostCountry: Tally;
  readonly byState: Tally;
  readonly daysAbroad: { readonly total: number; readonly average: number };
  readonly greenTravel: { readonly count: number; readonly share: number };
  readonly fewerOpportunities: number;
  readonly withdrawals: ReadonlyArray<{ readonly participant: string; readonly reason: string | null }>;
  readonly interruptions: ReadonlyArray<{
    readonly participant: string;
    readonly reason: string | null;
    readonly forceMajeure: boolean;
  }>;
  readonly participantReports: { readonly requested: number; readonly submitted: number };
  readonly tasks: { readonly onTime: number; readonly late: number; readonly open: number; readonly waived: number };
}

/** A BM rule a row breaks: listed with the export, the row held back from the file. */
export interface BmViolation {
  readonly mobilityId: string;
  readonly bmActivityId: string;
  readonly participant: string;
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** One cell error of an import file (row numbers as the spreadsheet shows them: header = 1). */
export interface ImportCellError {
  readonly row: number;
  readonly column: string;
  readonly rule: string;
  readonly message: string;
}

export const IMPORT_ROW_ACTIONS = ['create', 'duplicate', 'error'] as const;
export type ImportRowAction = (typeof IMPORT_ROW_ACTIONS)[number];

/** What the dry run (and the commit) says about one data row. */
export interface ImportRowReport {
  readonly row: number;
  readonly action: ImportRowAction;
  readonly participant: string;
  readonly activityType: string | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly host: string | null;
  /** A new person (no person of the school with that e-mail yet). */
  readonly newPerson: boolean;
  /** A new host organisation would be registered for this row. */
  readonly newHost: boolean;
  readonly errors: readonly ImportCellError[];
}
