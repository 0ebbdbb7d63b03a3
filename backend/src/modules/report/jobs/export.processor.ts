import { CONTENT_TYPES, exportFileName } from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { FileStorage } from '../../../infrastructure/storage/file-storage';
import { ExportPayload } from '../../../queue/queue-registry';
import { ExportRow } from '../export-row';
import { ReportData } from '../report-data';
import { reportWriters } from '../writers';
import type { ReportWriter, WriterKey } from '../writers/report-writer';

const DAY_MS = 24 * 3600 * 1000;

/** The key of an export's file in the file store. */
export const exportFileKey = (exportId: string) => `export/${exportId}`;

/**
 * The export job: re-reads the export row, reads the project's data, writes the file with the
 * writer of its kind and format (progress on the row as rows are written) and stores the file and
 * "done" in one transaction. A job that finds its row done does nothing.
 */
@Injectable()
export class ExportProcessor {
  private readonly writers: Record<WriterKey, ReportWriter>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly data: ReportData,
    private readonly files: FileStorage,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.writers = reportWriters(config.activities.durationLimits);
  }

  async process(job: Job<ExportPayload>): Promise<{ rows: number } | null> {
    return this.run(job.data.exportId);
  }

  /** Runs the export `id` (the job's work; also what a re-run after a crash does: all again). */
  async run(id: string): Promise<{ rows: number } | null> {
    const [row] = (await this.db.query(`SELECT * FROM report_export WHERE id = $1`, [id])) as ExportRow[];
    if (!row || row.status === 'done') return null;
    const writer = this.writers[`${row.kind}.${row.format}`];
    await this.db.query(
      `UPDATE report_export SET status = 'running', started_at = $2, attempts = attempts + 1, error = NULL,
                                progress = 0, rows = 0 WHERE id = $1`,
      [id, this.clock.now().toISOString()],
    );
    const source = await this.data.source(row.project_id, {
      delimiter: row.options?.delimiter,
      generatedBy: row.requested_by,
      generatedAt: this.clock.now(),
    });
    const total =
      source.counts.mobilities +
      (row.kind === 'final-report' && row.format === 'xlsx' ? source.counts.tasks + source.counts.history : 0);
    await this.db.query(`UPDATE report_export SET total_rows = $2 WHERE id = $1`, [id, total]);

    // Progress on the row at most every ~5% (a write per row would cost more than the report).
    const step = Math.max(1, Math.ceil(total / 20));
    let reported = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const progress = (done: number) => {
      if (done - reported < step) return;
      reported = done;
      const percent = Math.min(99, Math.floor((done * 100) / Math.max(1, total)));
      pending = pending.then(() =>
        this.db
          .query(`UPDATE report_export SET progress = $2, rows = $3 WHERE id = $1 AND status = 'running'`, [
            id,
            percent,
            done,
          ])
          .catch(() => undefined),
      );
    };

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      out.on('end', resolve);
      out.on('error', reject);
    });
    const result = await writer(source, out, progress);
    if (!out.writableEnded) out.end();
    await ended;
    await pending;
    const content = Buffer.concat(chunks);

    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.reports.retentionDays * DAY_MS);
    const fileName = exportFileName(source.project.reference, row.kind, row.format, this.clock.today(source.timeZone));
    const contentType = CONTENT_TYPES[row.format];
    await this.db.transaction(async (em) => {
      await this.files.put(exportFileKey(id), content, contentType, expiresAt, em);
      await em.query(
        `UPDATE report_export
            SET status = 'done', progress = 100, rows = $2, violations = $3, file_key = $4, file_name = $5,
                content_type = $6, byte_size = $7, finished_at = $8, expires_at = $9, error = NULL
          WHERE id = $1`,
        [
          id,
          result.rows,
          JSON.stringify(result.violations),
          exportFileKey(id),
          fileName,
          contentType,
          content.length,
          now.toISOString(),
          expiresAt.toISOString(),
        ],
      );
    });
    return { rows: result.rows };
  }

  /** The job failed for good (last attempt, or stalled too often): the row says so, for a human. */
  async markFailed(id: string, message: string): Promise<void> {
    await this.db.query(
      `UPDATE report_export SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1 AND status <> 'done'`,
      [id, message.slice(0, 2000), this.clock.now().toISOString()],
    );
  }
}
