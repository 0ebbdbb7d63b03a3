import type { Writable } from 'node:stream';
import type {
  BmViolation,
  CsvDelimiter,
  ExportFormat,
  ExportKind,
  ReportHistoryRow,
  ReportMobilityRow,
  ReportProject,
  ReportSummary,
  ReportTaskRow,
} from '@mobility-hub/domain';

/**
 * What a writer reads: the project, the summary figures, and the rows as async iterables (read
 * from PostgreSQL in batches, so 100,000 tasks never sit in memory at once). Each iterable can be
 * read once.
 */
export interface ReportSource {
  readonly project: ReportProject;
  readonly generatedAt: Date;
  /** The name of the person who asked for the export (cover, footer). */
  readonly generatedBy: string;
  /** The school's time zone: instants are shown in it. */
  readonly timeZone: string;
  readonly summary: ReportSummary;
  readonly counts: { readonly mobilities: number; readonly tasks: number; readonly history: number };
  readonly options: { readonly delimiter: CsvDelimiter };
  mobilities(): AsyncIterable<ReportMobilityRow>;
  tasks(): AsyncIterable<ReportTaskRow>;
  history(): AsyncIterable<ReportHistoryRow>;
}

export interface WriteResult {
  /** Rows written (all sheets). */
  readonly rows: number;
  /** BM export: rows held back because they break a BM rule. */
  readonly violations: readonly BmViolation[];
}

/** Writes one kind of report in one format to `out`; calls `progress` with the rows written so far. */
export type ReportWriter = (
  source: ReportSource,
  out: Writable,
  progress: (rowsDone: number) => void,
) => Promise<WriteResult>;

export type WriterKey = `${ExportKind}.${ExportFormat}`;
