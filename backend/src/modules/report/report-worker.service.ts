import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { FileStorage } from '../../infrastructure/storage/file-storage';
import { defaultJobOptions, ExportPayload, ImportPayload, QUEUES } from '../../queue/queue-registry';
import { producerConnection, workerConnection } from '../../queue/redis';
import { ExportProcessor } from './jobs/export.processor';
import { ImportProcessor } from './jobs/import.processor';

type ReportPayload = ExportPayload | ImportPayload | Record<string, never>;

/** How often the retention sweep runs (deletes expired files, re-enqueues rows Redis missed). */
export const REPORT_PRUNE_EVERY_MS = 10 * 60 * 1000;
/** A row still queued this long after it was made missed its job (Redis was away): enqueue again. */
export const REQUEUE_AFTER_MS = 60 * 1000;

/**
 * The worker side of the reports queue: one BullMQ worker dispatching export, import and the
 * scheduled prune; a job that fails for good (no attempts left, or stalled too often) marks its row
 * failed with the error.
 */
@Injectable()
export class ReportWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportWorkerService.name);
  private readonly connections: Redis[] = [];
  private queue: Queue<ReportPayload> | undefined;
  private worker: Worker<ReportPayload> | undefined;
  private schedulerRetry: NodeJS.Timeout | undefined;

  constructor(
    private readonly exports: ExportProcessor,
    private readonly imports: ImportProcessor,
    private readonly files: FileStorage,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { url, prefix } = this.config.redis;
    this.queue = new Queue<ReportPayload>(QUEUES.reports.name, {
      connection: this.connection(producerConnection(url)),
      prefix,
      defaultJobOptions: defaultJobOptions('reports', this.config),
    });
    this.worker = new Worker<ReportPayload>(QUEUES.reports.name, (job) => this.dispatch(job), {
      connection: this.connection(workerConnection(url)),
      prefix,
      // Reports are CPU and memory heavy: one at a time per worker process.
      concurrency: 1,
      lockDuration: this.config.jobs.lockMs,
      stalledInterval: this.config.jobs.lockMs,
    });
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      void job
        .isFailed()
        .then((final) => (final ? this.markFailed(job, error.message) : undefined))
        .catch(() => undefined);
    });
    this.worker.on('error', (error) => this.logger.warn(`reports worker: ${error.message}`));
    this.queue.on('error', (error) => this.logger.warn(`reports queue: ${error.message}`));
    this.schedulePrune();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.schedulerRetry);
    await this.worker?.close();
    await this.queue?.close();
    for (const connection of this.connections) connection.disconnect();
  }

  private async dispatch(job: Job<ReportPayload>): Promise<unknown> {
    switch (job.name) {
      case QUEUES.reports.jobs.export:
        return this.exports.process(job as Job<ExportPayload>);
      case QUEUES.reports.jobs.import:
        return this.imports.process(job as Job<ImportPayload>);
      case QUEUES.reports.jobs.prune:
        return this.prune();
      default:
        throw new Error(`unknown reports job ${job.name}`);
    }
  }

  /**
   * The retention sweep: deletes the files past their expiry, and enqueues again the exports and
   * imports still queued a minute after they were made (their job was never added: Redis was away).
   */
  async prune(): Promise<{ deleted: number; requeued: number }> {
    const deleted = await this.files.deleteExpired(this.clock.now());
    // Past the retention, the records keep what was asked and when, not the names in them: an
    // expired export's held-back rows and an old import's row report go with the files.
    const retained = new Date(this.clock.now().getTime() - this.config.reports.retentionDays * 86_400_000);
    await this.db.query(
      `UPDATE report_export SET violations = '[]' WHERE expires_at <= $1 AND violations <> '[]'::jsonb`,
      [this.clock.now().toISOString()],
    );
    await this.db.query(`UPDATE report_import SET report = '[]' WHERE finished_at <= $1 AND report <> '[]'::jsonb`, [
      retained.toISOString(),
    ]);
    const before = new Date(this.clock.now().getTime() - REQUEUE_AFTER_MS).toISOString();
    const exports = (await this.db.query(
      `SELECT id FROM report_export WHERE status = 'queued' AND created_at <= $1 ORDER BY created_at LIMIT 1000`,
      [before],
    )) as { id: string }[];
    const imports = (await this.db.query(
      `SELECT id FROM report_import WHERE status = 'queued' AND created_at <= $1 ORDER BY created_at LIMIT 1000`,
      [before],
    )) as { id: string }[];
    const queue = this.queue;
    if (queue) {
      // The job id is the row's id: a job still waiting is not added twice.
      await queue.addBulk([
        ...exports.map((r) => ({ name: QUEUES.reports.jobs.export, data: { exportId: r.id }, opts: { jobId: r.id } })),
        ...imports.map((r) => ({ name: QUEUES.reports.jobs.import, data: { importId: r.id }, opts: { jobId: r.id } })),
      ]);
    }
    return { deleted, requeued: exports.length + imports.length };
  }

  private async markFailed(job: Job<ReportPayload>, message: string): Promise<void> {
    const now = this.clock.now().toISOString();
    if (job.name === QUEUES.reports.jobs.export && 'exportId' in job.data)
      await this.exports.markFailed(job.data.exportId, message);
    else if (job.name === QUEUES.reports.jobs.import && 'importId' in job.data)
      await this.db.query(
        `UPDATE report_import SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1 AND status <> 'done'`,
        [job.data.importId, message.slice(0, 2000), now],
      );
  }

  /** The prune as a BullMQ job scheduler: one schedule however many workers upsert it. */
  private schedulePrune(): void {
    const queue = this.queue;
    if (!queue) return;
    queue
      .upsertJobScheduler(
        QUEUES.reports.schedulerId,
        { every: REPORT_PRUNE_EVERY_MS },
        {
          name: QUEUES.reports.jobs.prune,
          data: {},
          opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
        },
      )
      .catch((error: Error) => {
        this.logger.warn(`could not schedule the report retention sweep yet (${error.message}); retrying`);
        this.schedulerRetry = setTimeout(() => this.schedulePrune(), 5000);
      });
  }

  private connection(redis: Redis): Redis {
    redis.on('error', () => undefined);
    this.connections.push(redis);
    return redis;
  }
}
