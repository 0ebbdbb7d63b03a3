import type { ExportDto } from '@mobility-hub/api-client';

export type ExportKind = ExportDto['kind'];
export type ExportFormat = ExportDto['format'];
export type CsvDelimiter = ';' | ',' | '\t';

export const KIND_LABELS: Readonly<Record<ExportKind, string>> = {
  'final-report': 'Final report',
  'bm-mobilities': 'BM mobility file',
};

export const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = { xlsx: 'Excel', csv: 'CSV', pdf: 'PDF' };

export const STATUS_LABELS: Readonly<Record<ExportDto['status'], string>> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};

export const DELIMITER_OPTIONS: ReadonlyArray<{ readonly value: CsvDelimiter; readonly label: string }> = [
  { value: ';', label: 'Semicolon ( ; )' },
  { value: ',', label: 'Comma ( , )' },
  { value: '\t', label: 'Tab' },
];

const count = new Intl.NumberFormat('en-GB');

/** "Queued …", "Writing rows 1,200 of 4,800 …", "Done: 4,800 rows", "Failed: …" — for the live region. */
export function progressText(
  job: { status: ExportDto['status']; rows: number; totalRows: number | null; error: string | null },
  verb = 'Writing',
): string {
  switch (job.status) {
    case 'queued':
      return 'Queued …';
    case 'running':
      return job.totalRows === null
        ? `${verb} rows: ${count.format(job.rows)} so far …`
        : `${verb} rows ${count.format(job.rows)} of ${count.format(job.totalRows)} …`;
    case 'done':
      return `Done: ${count.format(job.rows)} ${job.rows === 1 ? 'row' : 'rows'}`;
    case 'failed':
      return `Failed: ${job.error ?? 'no reason given'}`;
  }
}

/** 1,234 → "1.2 kB"; null → "". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export const formatCount = (n: number): string => count.format(n);

/** Where the browser downloads an export's file (the API's own route: the session cookie goes with it). */
export const exportFileUrl = (id: string): string => `/api/exports/${id}/file`;

export const templateUrl = (projectId: string, format: 'xlsx' | 'csv'): string =>
  `/api/projects/${projectId}/imports/template?format=${format}`;
