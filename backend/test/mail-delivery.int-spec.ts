import { INestApplicationContext } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ReminderService } from '../src/modules/notification/reminder.service';
import { insertOutboxRows, NewOutboxRow } from '../src/modules/notification/outbox.repository';
import { QUEUES, SendMailPayload, sendJobId } from '../src/queue/queue-registry';
import { producerConnection } from '../src/queue/redis';
import { createMobilityFixture } from './support/factories';
import {
  activeMailJobs,
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
 * sweeps, retries on 4xx, no retry on 5xx, a send job skipping rows no longer waiting, a worker
 * SIGKILLed mid-send and Redis lost and flushed (a duplicate only of a message in flight then).
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
   * What the delivery promise allows, checked over everything the SMTP server kept: each of `ids`
   * delivered; a second copy only of a message that was in flight at the crash (its job active,
   * locked by a worker), never a third; so at most as many duplicates as messages in flight. With
   * no crash (`inFlight` empty): every message exactly once. Answers the broken promises.
   */
  function brokenPromises(ids: string[], inFlight: ReadonlySet<string>): string[] {
    const copies = new Map<string, number>();
    for (const m of sink.received) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
    const flying = new Set([...inFlight].map(messageIdOf));
    const broken = ids.filter((id) => !copies.has(messageIdOf(id))).map((id) => `${id}: never delivered`);
    for (const [messageId, n] of copies)
      if (n > 2 || (n === 2 && !flying.has(messageId)))
        broken.push(`${messageId}: ${n} copies${flying.has(messageId) ? '' : ', not in flight at the crash'}`);
    const duplicates = [...copies.values()].reduce((sum, n) => sum + n - 1, 0);
    if (duplicates > inFlight.size) broken.push(`${duplicates} duplicates, ${inFlight.size} messages in flight`);
    return broken;
  }

  /**
   * Freezes the sends in flight (the SMTP server holds each message, received in full, unanswered)
   * and answers the outbox ids of the jobs active then: with every send slot of the worker waiting
   * on SMTP, no job can finish or start, so the active jobs are exactly those in flight — at the
   * crash that follows too. Returns them and the function that lets the held messages through.
   */
  async function freezeInFlight(prefix: string): Promise<{ inFlight: Set<string>; release: () => void }> {
    const release = sink.hold();
    await eventually(() => sink.held.length === CONCURRENCY, 30_000, 'every send slot waiting on SMTP');
    const inFlight = new Set(await activeMailJobs(prefix, redis.url));
    expect(inFlight.size).toBe(CONCURRENCY);
    expect([...inFlight].map(messageIdOf).sort()).toEqual([...sink.held].sort());
    return { inFlight, release };
  }

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
    // One reminder mail per recipient and day: every fixture's school has the same contact, whose
    // tasks a later sweep batch found on the first day wait for the next working day's mail.
    const written = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM reminder WHERE mobility_id = ANY($1::uuid[]) AND created_at >= $2`,
          [mobilityIds, later],
        )
      )[0].n as number;
    for (let day = 1; day <= 7 && (await written()) < open; day++) {
      await new Promise((r) => setTimeout(r, 2_000)); // the workers' own first sweeps settle
      t.clock.set(new Date(later.getTime() + day * 86_400_000));
      await a.get(ReminderService).sweep();
    }
    await eventually(async () => (await written()) === open, 30_000, 'one reminder per open task');
    const reminders = await t.db.query(
      `SELECT DISTINCT outbox_id FROM reminder WHERE mobility_id = ANY($1::uuid[]) AND created_at >= $2`,
      [mobilityIds, later],
    );
    const ids = reminders.map((r: { outbox_id: string }) => r.outbox_id);
    // Never two reminder mails to one person on one day.
    const twice = await t.db.query(
      `SELECT recipient_email, created_at::date FROM outbox WHERE id = ANY($1::uuid[])
        GROUP BY 1, 2 HAVING count(*) > 1`,
      [ids],
    );
    expect(twice).toEqual([]);
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

  it('a send job whose row is no longer waiting sends nothing: cancelled, failed and already sent rows stay unsent', async () => {
    const [sent, cancelled, failed, control] = await outboxRows(
      4,
      (i) => `${['sent', 'cancelled', 'failed', 'control'][i]}@school.example`,
    );
    // As the relay leaves them: queued, each with its job; then one is cancelled (its task was done)
    // and one is failed (a 550) while their jobs wait in Redis.
    await t.db.query(
      `UPDATE outbox SET enqueued_at = $2,
              status = CASE WHEN id = $3 THEN 'cancelled' WHEN id = $4 THEN 'failed' ELSE 'queued' END,
              attempts = CASE WHEN id = $4 THEN 1 ELSE 0 END,
              last_error = CASE WHEN id = $4 THEN '550 Mailbox unavailable' END
        WHERE id = ANY($1::uuid[])`,
      [[sent, cancelled, failed, control], t.clock.now().toISOString(), cancelled, failed],
    );
    const prefix = uniquePrefix();
    const connection = producerConnection(redis.url);
    const queue = new Queue<SendMailPayload>(QUEUES.mail.name, { connection, prefix });
    try {
      // In this order, for a worker sending one at a time (so in this order): the sent row's own job,
      // then the jobs of the cancelled and the failed row, the sent row's job once more (as when a
      // worker died between the send and the job's completion and its job is run again), the control.
      const jobs: [string, string][] = [
        [sent, sendJobId(sent, 1)],
        [cancelled, sendJobId(cancelled, 1)],
        [failed, sendJobId(failed, 1)],
        [sent, `${sendJobId(sent, 1)}-again`],
        [control, sendJobId(control, 1)],
      ];
      await queue.addBulk(
        jobs.map(([outboxId, jobId]) => ({ name: QUEUES.mail.jobs.send, data: { outboxId }, opts: { jobId } })),
      );
      await start(prefix, { MAIL_CONCURRENCY: '1' });
      await eventually(
        async () => (await queue.getJob(sendJobId(control, 1)))?.finishedOn !== undefined,
        30_000,
        'the control job done',
      );
      const [first, ofCancelled, ofFailed, again, ofControl] = (await Promise.all(
        jobs.map(([, jobId]) => queue.getJob(jobId)),
      )) as Job<SendMailPayload>[];
      // The control went out, after every other job had finished (order, not waiting, proves it).
      expect(sink.countOf(messageIdOf(control))).toBe(1);
      expect(ofControl.returnvalue).toBe('sent');
      for (const done of [first, ofCancelled, ofFailed, again])
        expect(done.finishedOn).toBeLessThanOrEqual(ofControl.processedOn as number);
      // Nothing but the sent row's first delivery and the control reached the SMTP server.
      expect({
        sent: sink.countOf(messageIdOf(sent)),
        cancelled: sink.countOf(messageIdOf(cancelled)),
        failed: sink.countOf(messageIdOf(failed)),
      }).toEqual({ sent: 1, cancelled: 0, failed: 0 });
      expect(sink.received.map((m) => m.messageId).sort()).toEqual([messageIdOf(sent), messageIdOf(control)].sort());
      expect(first.returnvalue).toBe('sent');
      expect({ cancelled: ofCancelled.returnvalue, failed: ofFailed.returnvalue, again: again.returnvalue }).toEqual({
        cancelled: 'skipped',
        failed: 'skipped',
        again: 'skipped',
      });
      const rows = await t.db.query(`SELECT id, status, attempts, last_error FROM outbox WHERE id = ANY($1::uuid[])`, [
        [sent, cancelled, failed],
      ]);
      expect(Object.fromEntries(rows.map((r: { id: string }) => [r.id, r]))).toEqual({
        [sent]: { id: sent, status: 'sent', attempts: 1, last_error: null },
        [cancelled]: { id: cancelled, status: 'cancelled', attempts: 0, last_error: null },
        [failed]: { id: failed, status: 'failed', attempts: 1, last_error: '550 Mailbox unavailable' },
      });
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('a worker killed with SIGKILL in the middle of 1,000 sends, then restarted: all delivered, a duplicate only of what was in flight', async () => {
    t.clock.set(new Date()); // the worker processes run on the real clock
    sink.delayMs = 15;
    const ids = await outboxRows(1000);
    const prefix = uniquePrefix();
    const processEnv = env(prefix, { JOB_LOCK_MS: '2000' });
    const first = spawnWorker(processEnv);
    let inFlight: Set<string>;
    try {
      await eventually(() => sink.received.length >= 250, 60_000, '250 deliveries before the kill');
      // The kill lands with CONCURRENCY sends in flight, each held by the SMTP server after the whole
      // message arrived: the worst moment, as the server keeps them but the worker never hears so.
      const frozen = await freezeInFlight(prefix);
      inFlight = frozen.inFlight;
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      frozen.release();
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
    // Every message once, except those in flight at the kill: at most twice (their stalled jobs ran again).
    expect(brokenPromises(ids, inFlight)).toEqual([]);
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
    expect(brokenPromises(ids, new Set())).toEqual([]); // no crash: every message exactly once
  });

  it('Redis restarted and flushed while 1,000 messages are pending: the API stays up, nothing is lost, a duplicate only of what was in flight', async () => {
    sink.delayMs = 10;
    const ids = await outboxRows(1000);
    const prefix = uniquePrefix();
    await start(prefix, { OUTBOX_REQUEUE_AFTER_MS: '1000' });
    await eventually(() => sink.received.length >= 100, 60_000, '100 deliveries before Redis goes');
    // Redis goes with CONCURRENCY sends in flight, held by the SMTP server until their rows are queued again.
    const { inFlight, release } = await freezeInFlight(prefix);
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
    // Time passes (the test clock is fixed): the relay finds the rows it queued before the flush stale
    // and queues them again — those in flight too, still 'queued' while their first sends are held.
    t.clock.set(new Date(t.clock.now().getTime() + 5000));
    await eventually(
      async () =>
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::uuid[]) AND status = 'queued' AND enqueued_at = $2`,
            [[...inFlight], t.clock.now().toISOString()],
          )
        )[0].n === inFlight.size,
      30_000,
      'the rows in flight queued again',
    );
    release();
    await eventually(() => allSent([...ids, ...later]), 120_000, 'all 1,050 sent after Redis returned');
    expect(brokenPromises([...ids, ...later], inFlight)).toEqual([]);
  });
});
