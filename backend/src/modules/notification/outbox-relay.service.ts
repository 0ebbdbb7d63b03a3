import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { QUEUES, SendMailPayload, sendJobId } from '../../queue/queue-registry';

export const RELAY_BATCH = 1000;

/**
 * Moves outbox rows into the mail queue, the row id as job id. It runs on a plain timer, not on
 * Redis, so it keeps trying while Redis is down: a failed enqueue rolls back and the rows stay
 * pending. Rows queued long ago are enqueued again — a no-op while their job exists, a rescue
 * when Redis lost it (restarted without persistence, flushed).
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private failing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(queue: Queue<SendMailPayload>): void {
    this.stopped = false;
    const loop = () => {
      this.running = this.relayAll(queue).finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.config.outbox.relayIntervalMs);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays everything due now; never throws (a Redis outage is logged once, then retried). */
  async relayAll(queue: Queue<SendMailPayload>): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const moved = await this.relayBatch(queue);
        total += moved;
        if (moved < RELAY_BATCH) break;
      }
      if (this.failing) this.logger.log('queue reachable again: relaying the outbox');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`queue unreachable, mail waits in the outbox: ${(error as Error).message}`);
      this.failing = true;
    }
    return total;
  }

  private relayBatch(queue: Queue<SendMailPayload>): Promise<number> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const stale = new Date(now.getTime() - this.config.outbox.requeueAfterMs);
      const pending: { id: string; delivery: number }[] = await em.query(
        `SELECT id, delivery FROM outbox WHERE status = 'pending' AND send_after <= $1
          ORDER BY send_after LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED`,
        [now.toISOString()],
      );
      const lost: { id: string; delivery: number }[] =
        pending.length < RELAY_BATCH
          ? await em.query(
              `SELECT id, delivery FROM outbox WHERE status = 'queued' AND enqueued_at < $1
                ORDER BY enqueued_at LIMIT ${RELAY_BATCH - pending.length} FOR UPDATE SKIP LOCKED`,
              [stale.toISOString()],
            )
          : [];
      const rows = [...pending, ...lost];
      if (rows.length === 0) return 0;
      await queue.addBulk(
        rows.map((r) => ({
          name: QUEUES.mail.jobs.send,
          data: { outboxId: r.id },
          opts: { jobId: sendJobId(r.id, r.delivery) },
        })),
      );
      await em.query(`UPDATE outbox SET status = 'queued', enqueued_at = $2 WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
        now.toISOString(),
      ]);
      return rows.length;
    });
  }
}
