import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { defaultJobOptions, ExportPayload, ImportPayload, QUEUES } from '../../queue/queue-registry';
import { producerConnection } from '../../queue/redis';

/**
 * The API's side of the reports queue: adds one job per export or import, after the row that
 * records it is committed, with the row's id as the job id (adding it twice adds it once). When
 * Redis is away the row stays `queued` and the worker's retention sweep enqueues it later.
 */
@Injectable()
export class ReportQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(ReportQueue.name);
  private connection: Redis | undefined;
  private queue: Queue<ExportPayload | ImportPayload> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async enqueueExport(exportId: string): Promise<boolean> {
    return this.add(QUEUES.reports.jobs.export, { exportId }, exportId);
  }

  async enqueueImport(importId: string): Promise<boolean> {
    return this.add(QUEUES.reports.jobs.import, { importId }, importId);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
    this.connection?.disconnect();
  }

  private async add(name: string, data: ExportPayload | ImportPayload, jobId: string): Promise<boolean> {
    try {
      await this.open().add(name, data, { jobId });
      return true;
    } catch (error) {
      this.logger.warn(`could not enqueue ${name} ${jobId} now (${(error as Error).message}); the sweep will`);
      return false;
    }
  }

  private open(): Queue<ExportPayload | ImportPayload> {
    if (!this.queue) {
      this.connection = producerConnection(this.config.redis.url);
      this.connection.on('error', () => undefined);
      this.queue = new Queue(QUEUES.reports.name, {
        connection: this.connection,
        prefix: this.config.redis.prefix,
        defaultJobOptions: defaultJobOptions('reports', this.config),
      });
      this.queue.on('error', (error) => this.logger.warn(`reports queue: ${error.message}`));
    }
    return this.queue;
  }
}
