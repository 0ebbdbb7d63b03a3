import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ReminderService } from '../src/modules/notification/reminder.service';
import { insertOutboxRows, NewOutboxRow } from '../src/modules/notification/outbox.repository';
import { createMobilityFixture } from './support/factories';
import {
  eventually,
  mailQueueBacklog,
  OwnRedis,
  SmtpSink,
  spawnWorker,
  startOwnRedis,
  startSmtpSink,
  startWorker,
  uniquePrefix,
  workerEnv,
} from './support/mail-harness';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Delivery under failure, against real PostgreSQL, a real Redis server of this file's own (so it
 * can be killed and restarted empty) and a real SMTP server: exactly once across workers and
 * sweeps, retries on 4xx, no retry on 5xx, a worker SIGKILLed mid-send, Redis lost and flushed.
 */
jest.setTimeout(180_000);

describe('mail delivery', () => {
  let t: TestApp;
  let redis: OwnRedis;
  let sink: SmtpSink;
  const workers: INestApplicationContext[] = [];
  const CONCURRENCY = 10;

  beforeAll(async () => {
    redis = await startOwnRedis();
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { REDIS_URL: redis.url });
  });
  beforeEach(async () => {
    sink = await startSmtpSink();
    await t.db.query(`UPDATE outbox SET status = 'cancelled' WHERE status IN ('pending', 'queued')`);
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.close();
    await sink.close();
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  const env = (prefix: string, extra: Record<string, string> = {}) =>
    workerEnv(t.databaseUrl, sink.url, prefix, {
      REDIS_URL: redis.url,
      MAIL_CONCURRENCY: String(CONCURRENCY),
      ...extra,
    });
  const start = async (prefix: string, extra: Record<string, string> = {}) => {
    const worker = await startWorker(env(prefix, extra), t.clock);
    workers.push(worker);
    return worker;
  };
  const statusCounts = async (ids: string[]) =>
    Object.fromEntries(
      (
        (await t.db.query(`SELECT status, count(*)::int AS n FROM outbox WHERE id = ANY($1::uuid[]) GROUP BY status`, [
          ids,
        ])) as {
          status: string;
          n: number;
        }[]
      ).map((r) => [r.status, r.n]),
    );
  const allSent = async (ids: string[]) => (await statusCounts(ids))['sent'] === ids.length;
  const messageIdOf = (id: string) => `<${id}@mobility-hub.localhost>`;

  /**
   * `n` outbox rows due now, written by the same code the sweep uses; mail to `organisationId`'s
   * people if given (then its coordinators see the rows in the outbox), otherwise nobody's.
   */
  async function outboxRows(
    n: number,
    recipient = (i: number) => `learner${i}@school.example`,
    organisationId: string | null = null,
  ): Promise<string[]> {
    const now = t.clock.now();
    const rows: NewOutboxRow[] = Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      kind: 'task-reminder',
      mobilityId: null,
      organisationId,
      recipientEmail: recipient(i),
      recipientName: `Learner ${i}`,
      locale: 'en-IE',
      subject: `Reminder ${i}`,
      html: `<p>Reminder ${i}</p>`,
      text: `Reminder ${i}`,
      headers: {},
      sendAfter: new Date(now.getTime() - 60_000),
    }));
    return t.db.transaction((em) => insertOutboxRows(em, rows, now));
  }

  it('three workers and two overlapping sweeps over ~1,000 due reminders deliver each exactly once', async () => {
    t.clock.set(new Date('2026-03-02T10:00:00Z'));
    const mobilityIds: string[] = [];
    for (let i = 0; i < 20; i++) mobilityIds.push((await createMobilityFixture(t)).mobility.id); // 20 × 50 tasks
    // Long after every due date: each of the ~1,000 open tasks has exactly one reminder due.
    const later = new Date('2027-01-15T10:00:00Z');
    t.clock.set(later);
    const prefix = uniquePrefix();
    const [a, b] = [await start(prefix), await start(prefix), await start(prefix)];
    const [first, second] = await Promise.all([a.get(ReminderService).sweep(), b.get(ReminderService).sweep()]);
    const [{ open }] = await t.db.query(
      `SELECT count(*)::int AS open FROM task WHERE mobility_id = ANY($1::uuid[]) AND status = 'open'`,
      [mobilityIds],
    );
    expect(open).toBeGreaterThanOrEqual(950); // 50 tasks each; the host search is done when a host is named
    // The workers' scheduled sweep (it runs as they start) overlaps too and takes a share: together, one per open task.
    expect(first.mails + second.mails).toBeLessThanOrEqual(open);
    await eventually(
      async () =>
        (
          await t.db.query(`SELECT 1 FROM reminder WHERE mobility_id = ANY($1::uuid[]) AND created_at = $2`, [
            mobilityIds,
            later,
          ])
        ).length === open,
      30_000,
      'one reminder per open task',
    );
    const reminders = await t.db.query(
      `SELECT outbox_id FROM reminder WHERE mobility_id = ANY($1::uuid[]) AND created_at = $2`,
      [mobilityIds, later],
    );
    const ids = reminders.map((r: { outbox_id: string }) => r.outbox_id);
    await eventually(() => allSent(ids), 90_000, '1,000 reminders sent');
    await eventually(async () => (await mailQueueBacklog(prefix, redis.url)) === 0, 10_000, 'queue drained');
    for (const id of ids) expect(sink.countOf(messageIdOf(id))).toBe(1);
    // A third sweep later finds nothing new to send.
    expect((await a.get(ReminderService).sweep()).mails).toBe(0);
  });

  it('SMTP answering 421 to the first attempts: every message is delivered once, none lost', async () => {
    sink.refuse = (attempt) => (attempt <= 150 ? 421 : undefined);
    const ids = await outboxRows(200);
    await start(uniquePrefix());
    await eventually(() => allSent(ids), 60_000, '200 messages sent');
    for (const id of ids) expect(sink.countOf(messageIdOf(id))).toBe(1);
    const [{ retried }] = await t.db.query(
      `SELECT count(*)::int AS retried FROM outbox WHERE id = ANY($1::uuid[]) AND attempts > 1`,
      [ids],
    );
    expect(retried).toBeGreaterThan(0);
    expect(sink.attempts).toBeGreaterThan(200);
  });

  it('SMTP answering 550: the message fails at once, is listed as failed, and a human can retry it', async () => {
    sink.refuse = (_, recipients) => (recipients.includes('gone@host.example') ? 550 : undefined);
    // Mail to the test's school: its coordinator (the default identity) reads and retries it.
    const [bounced, ...fine] = await outboxRows(
      3,
      (i) => (i === 0 ? 'gone@host.example' : `ok${i}@host.example`),
      t.school.id,
    );
    await start(uniquePrefix());
    await eventually(
      async () => (await statusCounts([bounced]))['failed'] === 1 && (await allSent(fine)),
      20_000,
      'failed and sent',
    );
    await new Promise((r) => setTimeout(r, 1000)); // 20 backoff periods: a retry would have happened
    const [row] = await t.db.query(`SELECT status, attempts, last_error FROM outbox WHERE id = $1`, [bounced]);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toContain('550');
    const failed = (await t.get('/api/outbox?status=failed')).body;
    expect(failed.items.map((m: { id: string }) => m.id)).toEqual([bounced]);
    expect(failed.items[0].lastError).toContain('550');

    sink.refuse = () => undefined; // the address was fixed on the other side
    const retried = await t.post(`/api/outbox/${bounced}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('pending');
    await eventually(() => allSent([bounced]), 20_000, 'retried message sent');
    expect(sink.countOf(messageIdOf(bounced))).toBe(1);
    expect((await t.post(`/api/outbox/${bounced}/retry`)).status).toBe(409);
    expect((await t.post(`/api/outbox/${randomUUID()}/retry`)).status).toBe(404);
  });

  it('a worker killed with SIGKILL in the middle of 1,000 sends, then restarted: all delivered, duplicates at most its concurrency', async () => {
    t.clock.set(new Date()); // the worker processes run on the real clock
    sink.delayMs = 15;
    const ids = await outboxRows(1000);
    const prefix = uniquePrefix();
    const processEnv = env(prefix, { JOB_LOCK_MS: '2000' });
    const first = spawnWorker(processEnv);
    try {
      await eventually(() => sink.received.length >= 250, 60_000, '250 deliveries before the kill');
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      expect(sink.received.length).toBeLessThan(1000);
    } finally {
      if (first.exitCode === null && first.signalCode === null) first.kill('SIGKILL');
    }
    const second = spawnWorker(processEnv);
    try {
      await eventually(() => allSent(ids), 90_000, 'all 1,000 sent after the restart');
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    }
    for (const id of ids) expect(sink.countOf(messageIdOf(id))).toBeGreaterThanOrEqual(1);
    expect(sink.received.length - ids.length).toBeLessThanOrEqual(CONCURRENCY);
  });

  it('SIGTERM lets the sends in flight finish: a restarted worker delivers the rest, without a duplicate', async () => {
    t.clock.set(new Date());
    sink.delayMs = 300;
    const ids = await outboxRows(60);
    const processEnv = env(uniquePrefix());
    const first = spawnWorker(processEnv);
    await eventually(() => sink.received.length >= 5, 60_000, 'first deliveries');
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      first.once('exit', (code, signal) => resolve({ code, signal })),
    );
    first.kill('SIGTERM');
    const exit = await exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    const [{ unfinished }] = await t.db.query(
      `SELECT count(*)::int AS unfinished FROM outbox WHERE id = ANY($1::uuid[]) AND status <> 'sent' AND attempts > 0`,
      [ids],
    );
    expect(unfinished).toBe(0); // nothing was cut off mid-send
    const delivered = sink.received.length;
    expect(delivered).toBeLessThan(ids.length);
    const second = spawnWorker(processEnv);
    try {
      await eventually(() => allSent(ids), 60_000, 'the rest after the restart');
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    }
    expect(sink.received).toHaveLength(ids.length);
  });

  it('Redis restarted and flushed while 1,000 messages are pending: the API stays up, nothing is lost', async () => {
    sink.delayMs = 10;
    const ids = await outboxRows(1000);
    await start(uniquePrefix(), { OUTBOX_REQUEUE_AFTER_MS: '1000' });
    await eventually(() => sink.received.length >= 100, 60_000, '100 deliveries before Redis goes');
    await redis.stop();
    const health = await t.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.details.queue.status).toBe('down');
    // The API keeps taking work while Redis is away; its mail waits in the outbox.
    const { mobility } = await createMobilityFixture(t);
    expect(mobility.id).toBeDefined();
    const later = await outboxRows(50, (i) => `late${i}@school.example`);
    await new Promise((r) => setTimeout(r, 1000));
    await redis.start(); // empty: every job it held is gone
    expect((await t.get('/api/health')).body.details.queue.status).toBe('up');
    // Time passes (the test clock is fixed): the relay finds the rows it queued before the flush stale.
    t.clock.set(new Date(t.clock.now().getTime() + 5000));
    await eventually(() => allSent([...ids, ...later]), 120_000, 'all 1,050 sent after Redis returned');
    for (const id of [...ids, ...later]) expect(sink.countOf(messageIdOf(id))).toBeGreaterThanOrEqual(1);
    expect(sink.received.length - ids.length - later.length).toBeLessThanOrEqual(CONCURRENCY);
  });
});
