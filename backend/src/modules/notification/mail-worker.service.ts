import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailTransport } from '../../infrastructure/mail/mail-transport';
import { defaultJobOptions, QUEUES, SendMailPayload, SweepPayload } from '../../queue/queue-registry';
import { producerConnection, workerConnection } from '../../queue/redis';
import { DigestService } from './digest.service';
import { OutboxRelay } from './outbox-relay.service';
import { ProjectReminderService } from './project-reminder.service';
import { ReminderService } from './reminder.service';
import { markFailedIfWaiting, SendMailProcessor } from './send-mail.processor';

/**
 * The worker process's queues: the send worker, the scheduled reminder sweep and the outbox
 * relay. Started when the worker boots, closed gracefully on SIGTERM (running jobs finish).
 */
@Injectable()
export class MailWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailWorkerService.name);
  private readonly connections: Redis[] = [];
  private mailQueue: Queue<SendMailPayload> | undefined;
  private reminderQueue: Queue<SweepPayload> | undefined;
  private workers: Worker[] = [];
  private schedulerRetry: NodeJS.Timeout | undefined;

  constructor(
    private readonly reminders: ReminderService,
    private readonly digests: DigestService,
    private readonly projectReminders: ProjectReminderService,
    private readonly relay: OutboxRelay,
    private readonly sender: SendMailProcessor,
    private readonly transport: MailTransport,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { url, prefix } = this.config.redis;
    const producer = this.connection(producerConnection(url));
    this.mailQueue = new Queue<SendMailPayload>(QUEUES.mail.name, {
      connection: producer,
      prefix,
      defaultJobOptions: defaultJobOptions('mail', this.config),
    });
    this.reminderQueue = new Queue<SweepPayload>(QUEUES.reminders.name, {
      connection: producer,
      prefix,
      defaultJobOptions: defaultJobOptions('reminders', this.config),
    });
    const mailWorker = new Worker<SendMailPayload>(QUEUES.mail.name, (job) => this.sender.process(job), {
      connection: this.connection(workerConnection(url)),
      prefix,
      concurrency: this.config.mail.concurrency,
      // A worker killed mid-send loses its lock: the job is retried after this long (at-least-once).
      lockDuration: this.config.jobs.lockMs,
      stalledInterval: this.config.jobs.lockMs,
    });
    const sweepWorker = new Worker<SweepPayload>(QUEUES.reminders.name, () => this.sweep(), {
      connection: this.connection(workerConnection(url)),
      prefix,
      concurrency: 1,
      lockDuration: this.config.jobs.lockMs,
    });
    // A job can also fail without our processor deciding it (it stalled past maxStalledCount when
    // workers died on it): the row then says failed, for a human to see and retry.
    mailWorker.on('failed', (job, error) => {
      if (!job) return;
      void job
        .isFailed()
        .then((final) => (final ? markFailedIfWaiting(this.db, job.data.outboxId, error.message) : undefined))
        .catch(() => undefined);
    });
    this.workers = [mailWorker, sweepWorker];
    // Redis going away is expected (the relay waits it out): log, never crash on an unhandled 'error'.
    for (const worker of this.workers)
      worker.on('error', (error) => this.logger.warn(`${worker.name} worker: ${error.message}`));
    for (const queue of [this.mailQueue, this.reminderQueue])
      queue.on('error', (error) => this.logger.warn(`${queue.name} queue: ${error.message}`));
    this.scheduleSweep();
    this.relay.start(this.mailQueue);
    this.logger.log(
      `worker up: mail concurrency ${this.config.mail.concurrency}, sweep every ${this.config.reminders.sweepIntervalMs} ms`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.schedulerRetry);
    await this.relay.stop();
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([this.mailQueue?.close(), this.reminderQueue?.close()]);
    await this.transport.close();
    for (const connection of this.connections) connection.disconnect();
  }

  /** The sweep as a BullMQ job scheduler: one schedule however many workers upsert it. */
  private scheduleSweep(): void {
    const queue = this.reminderQueue;
    if (!queue) return;
    queue
      .upsertJobScheduler(
        QUEUES.reminders.schedulerId,
        { every: this.config.reminders.sweepIntervalMs },
        { name: QUEUES.reminders.jobs.sweep, data: {}, opts: defaultJobOptions('reminders', this.config) },
      )
      .catch((error: Error) => {
        this.logger.warn(`could not schedule the reminder sweep yet (${error.message}); retrying`);
        this.schedulerRetry = setTimeout(() => this.scheduleSweep(), 5000);
      });
  }

  private async sweep(): Promise<{ reminders: number; digests: number }> {
    const { mails } = await this.reminders.sweep();
    const project = await this.projectReminders.sweep();
    const digests = await this.digests.sweep();
    if (mails + project.mails + digests > 0 && this.mailQueue) await this.relay.relayAll(this.mailQueue);
    return { reminders: mails + project.mails, digests };
  }

  private connection(redis: Redis): Redis {
    redis.on('error', () => undefined); // reported by the workers and the relay, once
    this.connections.push(redis);
    return redis;
  }
}
