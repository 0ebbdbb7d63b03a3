import type { BmViolation, CsvDelimiter, ExportFormat, ExportKind, JobStatus } from '@mobility-hub/domain';
import type { ExportDto } from './dto/report.dto';

/** A `report_export` row as read by the service and the job. */
export interface ExportRow {
  id: string;
  project_id: string;
  kind: ExportKind;
  format: ExportFormat;
  options: { delimiter?: CsvDelimiter };
  status: JobStatus;
  progress: number;
  rows: number;
  total_rows: number | null;
  error: string | null;
  violations: BmViolation[];
  file_key: string | null;
  file_name: string | null;
  content_type: string | null;
  byte_size: number | null;
  requested_by_user_id: string | null;
  requested_by: string;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  expires_at: Date | null;
}

/** The file is there to download: done, not past its expiry, not yet deleted. */
export function downloadable(row: ExportRow, now: Date): boolean {
  return row.status === 'done' && row.file_key !== null && row.expires_at !== null && row.expires_at > now;
}

export function toExportDto(row: ExportRow, now: Date): ExportDto {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind,
    format: row.format,
    status: row.status,
    progress: row.progress,
    rows: row.rows,
    totalRows: row.total_rows,
    error: row.error,
    violations: row.violations ?? [],
    fileName: row.file_name,
    byteSize: row.byte_size,
    downloadable: downloadable(row, now),
    requestedBy: row.requested_by,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}
