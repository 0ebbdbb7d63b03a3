import type { ImportRowReport, JobStatus } from '@mobility-hub/domain';
import type { ImportDto, ImportSummaryDto } from '../dto/report.dto';

/** A `report_import` row as the API answers it. */
export interface ImportRow {
  id: string;
  project_id: string;
  dry_run: boolean;
  status: JobStatus;
  progress: number;
  rows: number;
  total_rows: number | null;
  file_name: string;
  valid: boolean | null;
  committed: boolean;
  summary: ImportSummaryDto | null;
  report: ImportRowReport[];
  error: string | null;
  requested_by: string;
  created_at: Date;
  finished_at: Date | null;
}

export const IMPORT_ROW_SQL = `SELECT i.id, i.project_id, i.dry_run, i.status, i.progress, i.rows, i.total_rows, i.file_name,
       i.valid, i.committed, i.summary, i.report, i.error, i.requested_by, i.created_at, i.finished_at
  FROM report_import i`;

export function importDtoOf(row: ImportRow): ImportDto {
  return {
    id: row.id,
    projectId: row.project_id,
    dryRun: row.dry_run,
    status: row.status,
    progress: row.progress,
    rows: row.rows,
    totalRows: row.total_rows,
    fileName: row.file_name,
    valid: row.valid,
    committed: row.committed,
    summary: row.summary,
    report: row.report.map((r) => ({ ...r, errors: [...r.errors] })),
    error: row.error,
    requestedBy: row.requested_by,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}
