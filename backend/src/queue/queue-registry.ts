import type { DefaultJobOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';

/**
 * The ONE registry of queues: names, job names, payloads and default job options. Payloads carry
 * ids only — a job sits in Redis in clear text, personal data stays in PostgreSQL.
 */
export const QUEUES = {
  /** Generic delivery: one job per outbox row, talks to SMTP and owns the retries. */
  mail: { name: 'mail', jobs: { send: 'send' } },
  /** Domain side: the scheduled sweep that turns due reminders and digests into outbox rows. */
  reminders: { name: 'reminders', jobs: { sweep: 'sweep' }, schedulerId: 'reminder-sweep' },
  /**
   * Reports: one job per export or import (the row in `report_export` / `report_import` is the
   * record; the job id is that row's id) and the scheduled retention sweep that deletes expired files.
   */
  reports: {
    name: 'reports',
    jobs: { export: 'export', import: 'import', prune: 'prune' },
    schedulerId: 'report-retention',
  },
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

export interface SendMailPayload {
  readonly outboxId: string;
}

export type SweepPayload = Record<string, never>;

export interface ExportPayload {
  readonly exportId: string;
}

export interface ImportPayload {
  readonly importId: string;
}

/**
 * The job id of one delivery of an outbox row: the row id (so a relay that adds it twice adds it
 * once) and the delivery number (so a manual retry is a new job, not the old failed one).
 * BullMQ reserves `:` in ids.
 */
export function sendJobId(outboxId: string, delivery: number): string {
  return `${outboxId}-${delivery}`;
}

const DAY_SECONDS = 24 * 3600;

export function defaultJobOptions(queue: QueueName, config: AppConfig): DefaultJobOptions {
  switch (queue) {
    case 'mail':
      return {
        attempts: config.mail.attempts,
        // Exponential with jitter, so a recovering SMTP server is not hit by every retry at once.
        backoff: { type: 'exponential', delay: config.mail.backoffMs, jitter: 0.5 },
        // Retention: Redis must not grow for ever. The outbox row is the record that stays.
        removeOnComplete: { age: DAY_SECONDS, count: 10_000 },
        removeOnFail: { age: 7 * DAY_SECONDS },
      };
    case 'reminders':
      return { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
    case 'reports':
      // A worker killed mid-export loses its lock; the job runs again from the start (the file and
      // "done" are written in one transaction, so a half file is never served). Then: failed.
      return {
        attempts: 3,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: { age: DAY_SECONDS, count: 1000 },
        removeOnFail: { age: 7 * DAY_SECONDS },
      };
  }
}
