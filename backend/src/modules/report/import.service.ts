import {
  CONTENT_TYPES,
  IMPORT_COLUMN_FORMATS,
  IMPORT_TEMPLATE_COLUMNS,
  sendingOrganisationIds,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import * as ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { actorOf, Identity } from '../../common/identity';
import { Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { FileStorage } from '../../infrastructure/storage/file-storage';
import { ImportDto } from './dto/report.dto';
import type { ExportFile } from './export.service';
import { readImportFile } from './import/import-file';
import { IMPORT_ROW_SQL, ImportRow, importDtoOf } from './import/import-row';
import { ReportQueue } from './report-queue';

/** An uploaded file as the controller read it (size-capped by the multipart limits). */
export interface UploadedImportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: Buffer;
}

/** The storage key of an import's uploaded file. */
export const importFileKey = (id: string) => `import/${id}`;

/**
 * The API side of imports: checks the upload (type, size, header, no formulas or macros: 4xx,
 * nothing written), stores it, records the import (`report_import`) and enqueues the job; answers
 * its report. Coordinators and staff of the project's beneficiary only.
 */
@Injectable()
export class ImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: FileStorage,
    private readonly queue: ReportQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `read` reads the uploaded file: called only once the caller may import into the project, so a
   * stranger's upload is refused (404) before its bytes are taken in.
   */
  async upload(
    identity: Identity,
    projectId: string,
    dryRun: boolean,
    read: () => Promise<UploadedImportFile>,
  ): Promise<ImportDto> {
    await this.projectOf(identity, projectId);
    const file = await read();
    // File-level checks before anything is stored: a refused file leaves no trace.
    const parsed = await readImportFile(file.content, this.config.reports.importMaxRows);
    const id = randomUUID();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.reports.retentionDays * 86_400_000);
    await this.db.transaction(async (em) => {
      await this.storage.put(
        importFileKey(id),
        file.content,
        file.mimeType || 'application/octet-stream',
        expiresAt,
        em,
      );
      await em.query(
        `INSERT INTO report_import (id, project_id, dry_run, format, total_rows, file_key, file_name,
                                    requested_by_user_id, requested_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          projectId,
          dryRun,
          parsed.format,
          parsed.rows.length,
          importFileKey(id),
          safeFileName(file.fileName, parsed.format),
          identity.userId,
          actorOf(identity),
          now.toISOString(),
        ],
      );
    });
    // After commit: a job never runs before its row exists. When Redis is away the sweep enqueues it.
    await this.queue.enqueueImport(id);
    return this.read(id);
  }

  async get(identity: Identity, id: string): Promise<ImportDto> {
    const [row] = (await this.db.query(
      `${IMPORT_ROW_SQL} JOIN project p ON p.id = i.project_id
        WHERE i.id = $1 AND p.beneficiary_organisation_id = ANY($2::uuid[])`,
      [id, sendingOrganisationIds(identity)],
    )) as ImportRow[];
    if (!row) throw Problems.notFound('Import', id);
    return importDtoOf(row);
  }

  async template(identity: Identity, projectId: string, format: 'xlsx' | 'csv'): Promise<ExportFile> {
    const project = await this.projectOf(identity, projectId);
    const safe = project.reference.replace(/[^A-Za-z0-9._-]+/g, '-');
    const fileName = `${safe}-import-template.${format}`;
    const headers = IMPORT_TEMPLATE_COLUMNS.map((c) => c.header);
    if (format === 'csv') {
      const csv = stringify([headers], { delimiter: ';', record_delimiter: '\r\n' });
      return { fileName, contentType: CONTENT_TYPES.csv, content: Buffer.from(`\uFEFF${csv}`, 'utf8') };
    }
    const workbook = new ExcelJS.Workbook();
    workbook.created = this.clock.now();
    const sheet = workbook.addWorksheet('Mobilities', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = IMPORT_TEMPLATE_COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.max(c.width, c.header.length + 2),
      // Dates and codes typed as text stay as typed (no automatic conversion by the spreadsheet).
      style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    const help = workbook.addWorksheet('Instructions');
    help.columns = [
      { header: 'Column', key: 'column', width: 28 },
      { header: 'Required', key: 'required', width: 10 },
      { header: 'Format', key: 'format', width: 80 },
      { header: 'Example', key: 'example', width: 28 },
    ];
    help.getRow(1).font = { bold: true };
    for (const column of IMPORT_TEMPLATE_COLUMNS) {
      const format = IMPORT_COLUMN_FORMATS[column.key];
      help.addRow({
        column: column.header,
        required: column.import === 'required' ? 'required' : 'optional',
        format: format?.format ?? column.type,
        example: format?.example ?? '',
      });
    }
    help.addRow({});
    help.addRow({
      column: 'Notes',
      format:
        'Fill in the first sheet, one row per mobility. A check (dry run) lists every row with its errors; the import creates all rows or none. ' +
        'A person of your school is found by e-mail; the same person with the same dates already in the project is a duplicate and skipped. ' +
        'Formulas and macros are refused: paste values only.',
    });
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    return { fileName, contentType: CONTENT_TYPES.xlsx, content };
  }

  /** The import as recorded (right after it was made: the caller may see it). */
  private async read(id: string): Promise<ImportDto> {
    const [row] = (await this.db.query(`${IMPORT_ROW_SQL} WHERE i.id = $1`, [id])) as ImportRow[];
    return importDtoOf(row);
  }

  /** The project, when the caller is a coordinator or staff of its beneficiary (404 otherwise). */
  private async projectOf(identity: Identity, projectId: string): Promise<{ reference: string }> {
    const [project] = (await this.db.query(
      `SELECT reference FROM project WHERE id = $1 AND beneficiary_organisation_id = ANY($2::uuid[])`,
      [projectId, sendingOrganisationIds(identity)],
    )) as { reference: string }[];
    if (!project) throw Problems.notFound('Project', projectId);
    return project;
  }
}

/** The uploaded name, without any path and control characters (shown back, never used as a path). */
function safeFileName(name: string, format: 'xlsx' | 'csv'): string {
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return base || `import.${format}`;
}
