/*
 * Mail pipeline benchmark: reminder sweep → outbox → relay → BullMQ → send job → nodemailer → SMTP,
 * against bare BullMQ and bare nodemailer measured in the same run.
 *
 *   node backend/scripts/run.cjs backend/bench/mail.bench.ts        (npm run bench:mail)
 *
 * 1. Creates a throw-away database `mh_mailbench_<random>` on BENCH_DATABASE_URL's server and
 *    migrates it by booting a sweep-only Nest context (CoreModule + NotificationModule) in this
 *    process. Seeds 20,000 mobilities × 50 tasks = 1,000,000 tasks set-based; 10,000 of them
 *    (the mandatory learner task `linguistic-preparation` of 10,000 mobilities, due today) can
 *    be made due ("armed": next_reminder_at in the past), all others look again in the future.
 * 2. Sweep timing: arms the 10,000, ANALYZE, prints the EXPLAIN (ANALYZE) of the sweep's due-task
 *    query and times ONE `ReminderService.sweep()` (no worker running).
 * 3. Baselines: 10,000 no-op jobs through one BullMQ Worker (concurrency MAIL_CONCURRENCY, added
 *    with addBulk in batches of 1,000 like the relay); 10,000 sends of a rendered reminder through
 *    a pooled nodemailer transport (MAIL_CONCURRENCY connections, as many sends in flight).
 * 4. Pipeline with 1 and with 4 worker CHILD PROCESSES (`backend/src/main.worker.ts`, each with
 *    MAIL_CONCURRENCY sends in flight): boots them on a fresh QUEUE_PREFIX, waits until their
 *    scheduled first sweep has found nothing, arms the 10,000 tasks, adds one `sweep` job to the
 *    reminders queue (what the scheduler does) and measures until all 10,000 outbox rows are
 *    `sent` (polling the outbox every 100 ms). The relay runs every 200 ms in every worker.
 * 5. The SMTP sink of every phase is `startSmtpCatcher`, counting only, in a child process of its
 *    own (this file with BENCH_MAIL_ROLE=sink). Each phase also records where the CPU went
 *    (workers, this process, sink, PostgreSQL, Redis) and how busy the machine was with other work.
 *    Prints the tables, writes backend/bench/results/mail-latest.json, stops the children, deletes
 *    the run's Redis keys and drops the database — also on failure and on Ctrl-C.
 *
 * Env (all optional): BENCH_DATABASE_URL, BENCH_REDIS_URL (default redis://127.0.0.1:6379),
 * BENCH_MAIL_CONCURRENCY (1–100, default 10, the worker's MAIL_CONCURRENCY default),
 * BENCH_MAIL_ROUNDS (1–5, default 2: baselines and pipeline runs repeated, interleaved; best kept).
 */
import 'reflect-metadata';
import {
  CURRENT_CHECKLIST,
  initialMobilitySnapshot,
  MOBILITY_MACHINE_VERSION,
  persistSnapshot,
  stateOf,
} from '@mobility-hub/domain';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { CoreModule } from '../src/app/core.module';
import { SystemClock } from '../src/common/clock';
import { loadConfig } from '../src/config/app-config';
import { startSmtpCatcher } from '../src/infrastructure/mail/smtp-catcher';
import { NotificationModule } from '../src/modules/notification/notification.module';
import { ReminderService, SWEEP_BATCH } from '../src/modules/notification/reminder.service';
import { defaultJobOptions, QUEUES, sendJobId } from '../src/queue/queue-registry';
import { producerConnection, workerConnection } from '../src/queue/redis';
import {
  ChildServer,
  cleanup,
  cpuTimeMs,
  createScratchDatabase,
  environment,
  fmt,
  freePort,
  intFromEnv,
  log,
  LOOPBACK,
  renderTable,
  round,
  runBenchmark,
  runBounded,
  sleep,
  withoutPassword,
} from './bench-support';

const CONFIG = {
  serverUrl: process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  mobilities: 20_000,
  /** Tasks per mobility: the checklist template minus `file-archived` (51 − 1). */
  tasksPerMobility: 50,
  /** Mobilities whose `linguistic-preparation` task (mandatory, learner) falls due today. */
  dueTasks: 10_000,
  dueTaskKey: 'linguistic-preparation',
  skippedTaskKey: 'file-archived',
  /** The sending school's zone: "today" and the working hours of the participants' mails. */
  timeZone: 'Europe/Berlin',
  /** The worker's MAIL_CONCURRENCY (its default is 10) and the baselines' in-flight count. */
  concurrency: intFromEnv('BENCH_MAIL_CONCURRENCY', 1, 100, 10),
  workerCounts: [1, 4],
  /** Baselines and pipeline runs are repeated, interleaved; the best round of each is reported. */
  rounds: intFromEnv('BENCH_MAIL_ROUNDS', 1, 5, 2),
  relayIntervalMs: 200,
  /** Added to BullMQ in batches of this many, as the relay does (RELAY_BATCH). */
  addBatch: 1000,
  pollMs: 100,
  phaseTimeoutMs: 240_000,
  /** A safety net; a run takes about 3 minutes on 2 cores (5–6 when the machine is busy). */
  hardLimitMs: 15 * 60_000,
} as const;

interface Rate {
  readonly messages: number;
  readonly seconds: number;
  readonly messagesPerSecond: number;
  readonly cpu?: PhaseCpu;
}

/** Where the CPU went during a measured phase (percentages of all cores: 100 % = every core busy). */
interface PhaseCpu {
  readonly machineBusyPercent: number | null;
  /** Busy time that none of the processes below account for: other people's load on the machine. */
  readonly otherLoadPercent: number | null;
  /** This process (BullMQ baseline: producer + worker; nodemailer baseline: the client; pipeline: polling). */
  readonly benchMsPerMessage: number;
  readonly sinkMsPerMessage: number | null;
  /** The pipeline's worker processes. */
  readonly workersMsPerMessage: number | null;
  /** PostgreSQL backends of the benchmark database (those alive at both ends of the phase or started in it; ≈). */
  readonly postgresMsPerMessage: number | null;
  /** Redis as a whole (INFO cpu). */
  readonly redisMsPerMessage: number | null;
}

interface PipelineRun extends Rate {
  readonly workers: number;
  /** Seconds after the sweep job was added. */
  readonly outboxWrittenAfter: number;
  readonly firstSentAfter: number;
  /** The sweep job itself, as BullMQ recorded it (processedOn → finishedOn). */
  readonly sweepJobSeconds: number | null;
  readonly bootSeconds: number;
  /** Sent when the sweep had written the last outbox row, and the rate of the rest after that. */
  readonly sentWhenOutboxWritten: number;
  readonly drainMessagesPerSecond: number | null;
  readonly cpu: PhaseCpu;
  readonly received: number;
  readonly retriedRows: number;
}

interface SweepTiming {
  readonly tasks: number;
  readonly dueTasks: number;
  readonly ms: number;
  /** CPU of this process during the sweep (ReminderService runs here; nothing else does meanwhile). */
  readonly nodeCpuMs: number;
  /** The longest the sweep kept the event loop busy without a break (a worker sends nothing meanwhile). */
  readonly eventLoopMaxStallMs: number;
  readonly tasksSwept: number;
  readonly mailsWritten: number;
  readonly batches: number;
  readonly usesIndex: boolean;
  readonly explain: string[];
}

async function main(startedAt: Date) {
  const loadAverageAtStart = loadavg().map((l) => round(l));
  const clock = new SystemClock();
  const today = clock.today(CONFIG.timeZone);
  const runId = randomBytes(5).toString('hex');
  const prefixBase = `mhbench-${runId}`;
  cleanup.add(() => deleteRedisKeys(prefixBase));

  const databaseName = `mh_mailbench_${runId}`;
  const { url: benchDbUrl, postgresVersion } = await createScratchDatabase(CONFIG.serverUrl, databaseName);

  // The SMTP sink of every phase, in a process of its own: startSmtpCatcher (a real SMTP server
  // that parses each message) counting only, its count read over HTTP.
  const sink = await SinkProcess.start();
  const smtpUrl = `smtp://${LOOPBACK}:${sink.smtpPort}`;

  const env: Record<string, string> = {
    DATABASE_URL: benchDbUrl,
    REDIS_URL: CONFIG.redisUrl,
    SMTP_URL: smtpUrl,
    MAIL_CONCURRENCY: String(CONFIG.concurrency),
    // Only our own `sweep` job sweeps; the scheduler's immediate first run meets nothing due.
    REMINDER_SWEEP_INTERVAL_MS: '86400000',
    OUTBOX_RELAY_INTERVAL_MS: String(CONFIG.relayIntervalMs),
    WORKING_HOURS: '00:00-23:59',
    WORKING_DAYS: '1,2,3,4,5,6,7',
    APP_TIME_ZONE: CONFIG.timeZone,
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'log',
  };

  log(`database ${databaseName} created; migrating through a sweep-only Nest context`);
  const sweeper = await NestFactory.createApplicationContext(
    {
      module: SweepBenchModule,
      imports: [CoreModule.forRoot(loadConfig({ ...env, DATABASE_POOL_SIZE: '4' })), NotificationModule],
    },
    { logger: ['error', 'warn'] },
  );
  cleanup.add(() => sweeper.close());
  const reminders = sweeper.get(ReminderService);

  const db = new Client({ connectionString: benchDbUrl });
  cleanup.add(() => db.end());
  await db.connect();
  const meterDb = new Client({ connectionString: benchDbUrl });
  cleanup.add(() => meterDb.end());
  await meterDb.connect();
  const meterRedis = new Redis(CONFIG.redisUrl, { maxRetriesPerRequest: 1 });
  cleanup.add(() => meterRedis.disconnect());
  Object.assign(meterSources, { db: meterDb, redis: meterRedis });
  log(`seeding ${CONFIG.mobilities} mobilities × ${CONFIG.tasksPerMobility} tasks`);
  const seedMs = await seed(db, today);
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);

  // ── sweep timing ──
  const sweep = await sweepTiming(db, reminders, today);
  log(
    `one sweep over ${sweep.tasks} tasks (${sweep.dueTasks} due): ${sweep.ms} ms (${sweep.nodeCpuMs} ms Node CPU), ${sweep.mailsWritten} mails written`,
  );
  const [sample] = (
    await db.query<{ subject: string; html: string; text: string; headers: Record<string, string>; bytes: number }>(
      `SELECT subject, html, text, headers, octet_length(html) + octet_length(text) AS bytes FROM outbox LIMIT 1`,
    )
  ).rows;
  await reset(db, today);

  // ── baselines and pipeline, interleaved, CONFIG.rounds times (the best round of each counts) ──
  const rounds: { bullmq: Rate; nodemailer: Rate; pipeline: PipelineRun[] }[] = [];
  for (let r = 1; r <= CONFIG.rounds; r++) {
    log(`round ${r} of ${CONFIG.rounds}`);
    const bullmq = await rawBullmq(`${prefixBase}-raw${r}`);
    log(`raw BullMQ: ${bullmq.messagesPerSecond} jobs/s`);
    await sink.reset();
    const nodemailer = await rawNodemailer(smtpUrl, sample, sink);
    const baselineReceived = await sink.received();
    if (baselineReceived !== CONFIG.dueTasks)
      throw new Error(`the sink received ${baselineReceived} of ${CONFIG.dueTasks} baseline messages`);
    log(`raw nodemailer: ${nodemailer.messagesPerSecond} messages/s`);
    const pipeline: PipelineRun[] = [];
    for (const workers of CONFIG.workerCounts) {
      const run = await pipelineRun(db, env, `${prefixBase}-r${r}w${workers}`, workers, today, sink);
      log(
        `pipeline with ${workers} worker process(es): ${run.messagesPerSecond} messages/s (${run.seconds} s, ` +
          `others' load ${fmt(run.cpu.otherLoadPercent, 0)} %)`,
      );
      pipeline.push(run);
      await reset(db, today);
    }
    rounds.push({ bullmq, nodemailer, pipeline });
  }
  const best = <T extends Rate>(runs: T[]) =>
    runs.reduce((a, b) => (b.messagesPerSecond > a.messagesPerSecond ? b : a));

  return {
    startedAt: startedAt.toISOString(),
    environment: environment(
      loadAverageAtStart,
      postgresVersion,
      'workers (child processes), PostgreSQL, Redis, the SMTP sink and this process share the same machine',
    ),
    config: { ...CONFIG, serverUrl: withoutPassword(CONFIG.serverUrl) },
    seedMs,
    sampleMessageBytes: sample.bytes,
    sweep,
    baselines: { bullmq: best(rounds.map((r) => r.bullmq)), nodemailer: best(rounds.map((r) => r.nodemailer)) },
    pipeline: CONFIG.workerCounts.map((_, i) => best(rounds.map((r) => r.pipeline[i]))),
    rounds,
  };
}

@Module({})
class SweepBenchModule {}

// ── seed ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Organisations, a project, 20,000 participants and mobilities and 1,000,000 tasks, set-based.
 * The due set (`linguistic-preparation` due today on the first 10,000 mobilities) starts disarmed
 * (next_reminder_at NULL); every other task looks again between tomorrow and 300 days ahead.
 */
async function seed(db: Client, today: string): Promise<number> {
  const started = Date.now();
  await db.query('BEGIN');
  const [sending] = (
    await db.query<{ id: string }>(
      `INSERT INTO organisation (name, kind, country, city, oid, email, time_zone, next_digest_at)
       VALUES ('Berufskolleg Mail Bench', 'vet-provider', 'DE', 'Essen', 'E90000000', 'erasmus@bench.example', $1,
               now() + interval '30 days')
       RETURNING id`,
      [CONFIG.timeZone],
    )
  ).rows;
  // Hosts with a contact address; no digest falls due during the run (next_digest_at ahead).
  await db.query(
    `INSERT INTO organisation (name, kind, country, city, oid, email, time_zone, next_digest_at)
     SELECT 'Host ' || g, 'company', (ARRAY['ES','IT','NL','IE'])[1 + g % 4], 'City ' || g, 'E9' || lpad(g::text, 7, '0'),
            'host' || g || '@hosts.bench.example',
            (ARRAY['Europe/Madrid','Europe/Rome','Europe/Amsterdam','Europe/Dublin'])[1 + g % 4], now() + interval '30 days'
       FROM generate_series(1, 24) g`,
  );
  const [project] = (
    await db.query<{ id: string }>(
      `INSERT INTO project (reference, title, action, call_year, beneficiary_organisation_id, start_date, end_date)
       VALUES ('2026-1-DE02-KA121-VET-000999998', 'Mail benchmark accreditation', 'KA121-VET', 2026, $1,
               $2::date - 300, $2::date + 430)
       RETURNING id`,
      [sending.id, today],
    )
  ).rows;
  await db.query(
    `CREATE TEMP TABLE bench_mobility ON COMMIT DROP AS
     SELECT g, gen_random_uuid() AS mid, gen_random_uuid() AS pid,
            $2::date + 20 + g % 200 AS start_date
       FROM generate_series(1, $1::int) g`,
    [CONFIG.mobilities, today],
  );
  await db.query(
    `INSERT INTO person (id, organisation_id, first_name, last_name, email)
     SELECT pid, $1::uuid, (ARRAY['Lena','Jonas','Mia','Felix','Emma','Paul','Hannah'])[1 + g % 7],
            (ARRAY['Schmidt','Weber','Fischer','Wagner','Becker','Koch','Richter','Klein'])[1 + g % 8],
            'learner.' || g || '@students.bench.example'
       FROM bench_mobility`,
    [sending.id],
  );
  const initial = initialMobilitySnapshot();
  await db.query(
    `INSERT INTO mobility (id, project_id, person_id, activity_type, sending_organisation_id, host_organisation_id,
                           start_date, end_date, travel_days, green_travel, checklist_version, machine_snapshot,
                           machine_version, phase, version, bm_activity_id)
     SELECT mid, $1, pid, 'LM-SHORT-VET', $2,
            (SELECT id FROM organisation WHERE kind = 'company' ORDER BY oid OFFSET g % 24 LIMIT 1),
            start_date, start_date + 27, 2, g % 3 = 0, $3, $4::jsonb, $5, $6, 1, '000001-MOB-' || lpad(g::text, 5, '0')
       FROM bench_mobility`,
    [
      project.id,
      sending.id,
      CURRENT_CHECKLIST.version,
      JSON.stringify(persistSnapshot(initial)),
      MOBILITY_MACHINE_VERSION,
      stateOf(initial),
    ],
  );
  const template = CURRENT_CHECKLIST.tasks.filter((t) => t.key !== CONFIG.skippedTaskKey);
  if (
    template.length !== CONFIG.tasksPerMobility ||
    !template.some((t) => t.key === CONFIG.dueTaskKey && t.mandatory && t.role === 'learner')
  ) {
    throw new Error('the checklist template changed: adjust the benchmark seed');
  }
  const tasks = await db.query(
    `INSERT INTO task (mobility_id, phase, template_key, title, guidance, role, mandatory, position, due_date, status,
                       next_reminder_at)
     SELECT m.mid, t.phase, t.key, t.title, t.guidance, t.role, t.mandatory, t.ord - 1, d.due, 'open',
            CASE WHEN d.due_today THEN NULL
                 ELSE now() + make_interval(days => 1 + (m.g * 7 + t.ord::int) % 300, secs => (m.g * 13) % 86400) END
       FROM bench_mobility m
      CROSS JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
                 WITH ORDINALITY AS t(key, phase, title, guidance, role, mandatory, ord)
      CROSS JOIN LATERAL (SELECT m.g <= $8 AND t.key = $9 AS due_today) flag
      CROSS JOIN LATERAL (SELECT flag.due_today,
                                 CASE WHEN flag.due_today THEN $7::date ELSE $7::date + 8 + (m.g + t.ord::int) % 300 END AS due) d`,
    [
      template.map((t) => t.key),
      template.map((t) => t.phase),
      template.map((t) => t.title),
      template.map((t) => t.guidance),
      template.map((t) => t.role),
      template.map((t) => t.mandatory),
      today,
      CONFIG.dueTasks,
      CONFIG.dueTaskKey,
    ],
  );
  await db.query('COMMIT');
  const expected = CONFIG.mobilities * CONFIG.tasksPerMobility;
  if (tasks.rowCount !== expected) throw new Error(`seeded ${tasks.rowCount} tasks, expected ${expected}`);
  await db.query('VACUUM ANALYZE');
  return Date.now() - started;
}

const DUE_SET = `template_key = '${CONFIG.dueTaskKey}' AND due_date = $1::date`;

/** Makes the 10,000 tasks due: looked at again at an instant within the last day. */
async function arm(db: Client, today: string): Promise<void> {
  const armed = await db.query(
    `UPDATE task SET next_reminder_at = now() - make_interval(secs => 60 + get_byte(uuid_send(id), 15) * 300) WHERE ${DUE_SET}`,
    [today],
  );
  if (armed.rowCount !== CONFIG.dueTasks) throw new Error(`armed ${armed.rowCount} tasks, expected ${CONFIG.dueTasks}`);
}

/** Forgets every reminder and mail and disarms the due set; VACUUM ANALYZE so each phase starts alike. */
async function reset(db: Client, today: string): Promise<void> {
  await db.query('DELETE FROM reminder');
  await db.query('DELETE FROM outbox');
  await db.query(`UPDATE task SET next_reminder_at = NULL WHERE ${DUE_SET}`, [today]);
  await db.query('VACUUM ANALYZE reminder, outbox, task');
}

// ── sweep timing ─────────────────────────────────────────────────────────────────────────────

/**
 * The sweep's due-task query: the candidates it now reads before locking their mobilities, and
 * the earlier form that locked the tasks directly. Both must be an index scan on
 * task_next_reminder_idx that stops after one batch.
 */
const DUE_QUERIES = {
  candidates: `SELECT id, mobility_id FROM task WHERE next_reminder_at <= $1 ORDER BY next_reminder_at LIMIT ${SWEEP_BATCH}`,
  lockingTasks: `SELECT id FROM task WHERE next_reminder_at <= $1 ORDER BY next_reminder_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED`,
};

async function sweepTiming(db: Client, reminders: ReminderService, today: string): Promise<SweepTiming> {
  await arm(db, today);
  await db.query('ANALYZE task');
  // The plans the sweep's first batch gets (executed in a transaction that is rolled back).
  const explain: string[] = [];
  let usesIndex = true;
  await db.query('BEGIN');
  for (const sql of Object.values(DUE_QUERIES)) {
    const plan = (
      await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [new Date().toISOString()])
    ).rows.map((r) => r['QUERY PLAN']);
    usesIndex &&= plan.some((line) => line.includes('Index Scan using task_next_reminder_idx'));
    explain.push(sql.replace('$1', 'now'), ...plan.map((line) => `  ${line}`));
  }
  await db.query('ROLLBACK');
  const [{ tasks }] = (await db.query<{ tasks: number }>('SELECT count(*)::int AS tasks FROM task')).rows;
  // Nothing else runs in this process meanwhile: the longest event-loop stall is the sweep's.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await reminders.sweep();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  loop.disable();
  const [{ outbox, reminder }] = (
    await db.query<{ outbox: number; reminder: number }>(
      `SELECT (SELECT count(*)::int FROM outbox WHERE status = 'pending') AS outbox, (SELECT count(*)::int FROM reminder) AS reminder`,
    )
  ).rows;
  if (result.mails !== CONFIG.dueTasks || outbox !== CONFIG.dueTasks || reminder !== CONFIG.dueTasks) {
    throw new Error(
      `sweep wrote ${result.mails} mails (${outbox} outbox rows, ${reminder} reminders), expected ${CONFIG.dueTasks}`,
    );
  }
  return {
    tasks,
    dueTasks: CONFIG.dueTasks,
    ms: round(ms, 1),
    nodeCpuMs: round((cpu.user + cpu.system) / 1000, 1),
    eventLoopMaxStallMs: round(loop.max / 1e6, 0),
    tasksSwept: result.tasks,
    mailsWritten: result.mails,
    batches: Math.ceil(result.tasks / SWEEP_BATCH),
    usesIndex,
    explain,
  };
}

// ── baselines ────────────────────────────────────────────────────────────────────────────────

/** 10,000 no-op jobs: addBulk in batches of 1,000 while one Worker (same concurrency) drains them. */
async function rawBullmq(prefix: string): Promise<Rate> {
  const n = CONFIG.dueTasks;
  const config = loadConfig({ MAIL_CONCURRENCY: String(CONFIG.concurrency) });
  const producer = producerConnection(CONFIG.redisUrl);
  const consumer = workerConnection(CONFIG.redisUrl);
  cleanup.add(() => producer.disconnect());
  cleanup.add(() => consumer.disconnect());
  const queue = new Queue('bench-noop', {
    connection: producer,
    prefix,
    defaultJobOptions: defaultJobOptions('mail', config),
  });
  let completed = 0;
  let done: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (done = resolve));
  const worker = new Worker('bench-noop', async () => undefined, {
    connection: consumer,
    prefix,
    concurrency: CONFIG.concurrency,
    autorun: false,
  });
  worker.on('completed', () => ++completed === n && done());
  worker.on('error', (error) => process.stderr.write(`[bench] raw worker: ${error.message}\n`));
  void worker.run();
  await worker.waitUntilReady();
  const ids = Array.from({ length: n }, () => randomUUID());
  const meter = await CpuMeter.start();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += CONFIG.addBatch) {
    await queue.addBulk(
      ids
        .slice(i, i + CONFIG.addBatch)
        .map((id) => ({ name: 'noop', data: { outboxId: id }, opts: { jobId: sendJobId(id, 1) } })),
    );
  }
  await withTimeout(allDone, CONFIG.phaseTimeoutMs, () => `raw BullMQ: ${completed} of ${n} jobs completed`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = await meter.stop(n);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { ...rate(n, seconds), cpu };
}

/** 10,000 sends of one rendered reminder through a pooled transport like SmtpMailTransport's. */
async function rawNodemailer(
  smtpUrl: string,
  sample: { subject: string; html: string; text: string; headers: Record<string, string> },
  sink: SinkProcess,
): Promise<Rate> {
  const n = CONFIG.dueTasks;
  const transporter = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: CONFIG.concurrency,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ignoreTLS: true,
  } as Parameters<typeof createTransport>[0]);
  const indexes = Array.from({ length: n }, (_, i) => i);
  const meter = await CpuMeter.start({ sink: sink.pid });
  const ms = await runBounded(indexes, CONFIG.concurrency, Date.now() + CONFIG.phaseTimeoutMs, async (i) => {
    await transporter.sendMail({
      from: 'Mobility Hub <no-reply@mobility-hub.localhost>',
      to: `learner.${i}@students.bench.example`,
      subject: sample.subject,
      html: sample.html,
      text: sample.text,
      headers: { ...sample.headers },
      messageId: `<${randomUUID()}@mobility-hub.localhost>`,
    });
  });
  const cpu = await meter.stop(n);
  transporter.close();
  return { ...rate(n, ms / 1000), cpu };
}

// ── pipeline ─────────────────────────────────────────────────────────────────────────────────

async function pipelineRun(
  db: Client,
  env: Record<string, string>,
  prefix: string,
  workers: number,
  today: string,
  sink: SinkProcess,
): Promise<PipelineRun> {
  const n = CONFIG.dueTasks;
  const bootStarted = Date.now();
  const children = Array.from({ length: workers }, (_, i) =>
    cleanup.child(new ChildServer(`worker-${i + 1}`, 'backend/src/main.worker.ts', { ...env, QUEUE_PREFIX: prefix })),
  );
  await Promise.all(children.map((child) => workerStarted(child, 120_000)));
  const producer = producerConnection(CONFIG.redisUrl);
  cleanup.add(() => producer.disconnect());
  const reminderQueue = new Queue(QUEUES.reminders.name, { connection: producer, prefix });
  await reminderQueueSettled(reminderQueue);
  const bootSeconds = round((Date.now() - bootStarted) / 1000, 1);

  await arm(db, today);
  await sink.reset();
  const meter = await CpuMeter.start({ sink: sink.pid, workers: children.map((c) => c.pid) });
  const started = Date.now();
  const job = await reminderQueue.add(QUEUES.reminders.jobs.sweep, {}, defaultJobOptions('reminders', loadConfig({})));
  let outboxWrittenAt: number | undefined;
  let sentWhenOutboxWritten = 0;
  let firstSentAt: number | undefined;
  for (;;) {
    const [row] = (
      await db.query<{ total: number; sent: number; failed: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'sent')::int AS sent,
                count(*) FILTER (WHERE status = 'failed')::int AS failed FROM outbox`,
      )
    ).rows;
    const now = Date.now();
    if (outboxWrittenAt === undefined && row.total >= n) {
      outboxWrittenAt = now;
      sentWhenOutboxWritten = row.sent;
    }
    if (firstSentAt === undefined && row.sent > 0) firstSentAt = now;
    if (row.sent >= n) break;
    if (row.failed > 0) throw new Error(`${row.failed} outbox rows failed`);
    const dead = children.find((c) => !c.running);
    if (dead) throw new Error(`${dead.name} exited:\n${dead.output()}`);
    if (now - started > CONFIG.phaseTimeoutMs) {
      throw new Error(
        `pipeline with ${workers} workers: ${row.sent} of ${n} sent (${row.total} in the outbox) after ${CONFIG.phaseTimeoutMs} ms`,
      );
    }
    await sleep(CONFIG.pollMs);
  }
  const finished = Date.now();
  const cpu = await meter.stop(n);
  const finishedJob = await reminderQueue.getJob(job.id ?? '');
  const sweepJobSeconds =
    finishedJob?.processedOn !== undefined && finishedJob.finishedOn !== undefined
      ? round((finishedJob.finishedOn - finishedJob.processedOn) / 1000, 2)
      : null;
  // A row is marked sent after the SMTP answer, so the sink has counted it; a short grace anyway.
  let received = await sink.received();
  for (let i = 0; i < 20 && received < n; i++) {
    await sleep(50);
    received = await sink.received();
  }
  const [{ retried, duplicates }] = (
    await db.query<{ retried: number; duplicates: number }>(
      `SELECT count(*) FILTER (WHERE attempts > 1)::int AS retried,
              (SELECT count(*)::int FROM (SELECT 1 FROM reminder GROUP BY task_id HAVING count(*) > 1) d) AS duplicates
         FROM outbox`,
    )
  ).rows;
  if (duplicates > 0) throw new Error(`${duplicates} tasks got more than one reminder`);
  if (received < n) throw new Error(`the sink received ${received} of ${n} messages`);
  await Promise.all(children.map((c) => c.stop(15_000)));
  await reminderQueue.close();
  const seconds = (finished - started) / 1000;
  const writtenAt = outboxWrittenAt ?? finished;
  return {
    workers,
    ...rate(n, seconds),
    outboxWrittenAfter: round((writtenAt - started) / 1000, 2),
    firstSentAfter: round(((firstSentAt ?? finished) - started) / 1000, 2),
    sweepJobSeconds,
    sentWhenOutboxWritten,
    drainMessagesPerSecond:
      finished > writtenAt ? round((n - sentWhenOutboxWritten) / ((finished - writtenAt) / 1000), 1) : null,
    bootSeconds,
    cpu,
    received,
    retriedRows: retried,
  };
}

// ── measuring ────────────────────────────────────────────────────────────────────────────────

/** Busy and total jiffies of the whole machine (first line of /proc/stat); undefined off Linux. */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3] - (fields[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

/** What the meters read besides /proc: the benchmark database's backends and Redis's INFO. */
const meterSources: { db?: Client; redis?: Redis } = {};

interface CpuSnapshot {
  readonly machine: { busy: number; total: number } | undefined;
  readonly bench: NodeJS.CpuUsage;
  readonly sink: number | undefined;
  readonly workers: (number | undefined)[];
  readonly postgres: Map<number, number>;
  readonly redis: number | undefined;
}

/**
 * CPU used during one phase by this process, the sink, the workers, PostgreSQL (backends of the
 * benchmark database) and Redis, and by the whole machine — the rest is other people's load.
 */
class CpuMeter {
  private constructor(
    private readonly pids: { sink?: number; workers?: readonly number[] },
    private readonly before: CpuSnapshot,
  ) {}

  static async start(pids: { sink?: number; workers?: readonly number[] } = {}): Promise<CpuMeter> {
    return new CpuMeter(pids, await CpuMeter.snapshot(pids));
  }

  private static async snapshot(pids: { sink?: number; workers?: readonly number[] }): Promise<CpuSnapshot> {
    const [postgres, redis] = await Promise.all([postgresBackendCpu(), redisCpuMs()]);
    return {
      machine: machineTicks(),
      bench: process.cpuUsage(),
      sink: pids.sink === undefined ? undefined : cpuTimeMs(pids.sink),
      workers: (pids.workers ?? []).map((pid) => cpuTimeMs(pid)),
      postgres,
      redis,
    };
  }

  async stop(messages: number): Promise<PhaseCpu> {
    const after = await CpuMeter.snapshot(this.pids);
    const b = this.before;
    const bench = (after.bench.user + after.bench.system - b.bench.user - b.bench.system) / 1000;
    const sink = after.sink !== undefined && b.sink !== undefined ? after.sink - b.sink : undefined;
    const workers = after.workers.every((v, i) => v !== undefined && b.workers[i] !== undefined)
      ? after.workers.reduce<number>((sum, v, i) => sum + (v ?? 0) - (b.workers[i] ?? 0), 0)
      : undefined;
    const postgres = [...after.postgres].reduce((sum, [pid, ms]) => sum + ms - (b.postgres.get(pid) ?? 0), 0);
    const redis = after.redis !== undefined && b.redis !== undefined ? after.redis - b.redis : undefined;
    const perMessage = (ms: number | undefined) => (ms === undefined ? null : round(ms / messages, 3));
    let machineBusyPercent: number | null = null;
    let otherLoadPercent: number | null = null;
    if (after.machine && b.machine && after.machine.total > b.machine.total) {
      // Jiffies are 10 ms (USER_HZ 100), summed over all cores.
      const totalMs = (after.machine.total - b.machine.total) * 10;
      const busyMs = (after.machine.busy - b.machine.busy) * 10;
      const mine = bench + (sink ?? 0) + (workers ?? 0) + postgres + (redis ?? 0);
      machineBusyPercent = round((100 * busyMs) / totalMs, 0);
      otherLoadPercent = round(Math.max(0, (100 * (busyMs - mine)) / totalMs), 0);
    }
    return {
      machineBusyPercent,
      otherLoadPercent,
      benchMsPerMessage: round(bench / messages, 3),
      sinkMsPerMessage: perMessage(sink),
      workersMsPerMessage: this.pids.workers ? perMessage(workers) : null,
      postgresMsPerMessage: perMessage(postgres),
      redisMsPerMessage: perMessage(redis),
    };
  }
}

/** CPU Redis has used so far (all its clients: ours and anybody else's), from INFO cpu. */
async function redisCpuMs(): Promise<number | undefined> {
  if (!meterSources.redis) return undefined;
  const info = await meterSources.redis.info('cpu');
  const value = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? Number.NaN);
  const seconds = value('used_cpu_sys') + value('used_cpu_user');
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** CPU so far of every PostgreSQL backend connected to the benchmark database (but the meter's own). */
async function postgresBackendCpu(): Promise<Map<number, number>> {
  const db = meterSources.db;
  if (!db) return new Map();
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = cpuTimeMs(pid);
    if (ms !== undefined) cpu.set(pid, ms);
  }
  return cpu;
}

// ── the SMTP sink ────────────────────────────────────────────────────────────────────────────

const SINK_ROLE = 'sink';

/**
 * The SMTP sink as a child process (this same file with BENCH_MAIL_ROLE=sink): startSmtpCatcher
 * counting what it receives, and a tiny HTTP endpoint to read (GET /count) and reset (POST /reset).
 */
class SinkProcess {
  private constructor(
    private readonly child: ChildServer,
    readonly smtpPort: number,
    private readonly httpUrl: string,
  ) {}

  static async start(): Promise<SinkProcess> {
    const smtpPort = await freePort();
    const httpPort = await freePort();
    const child = cleanup.child(
      new ChildServer('smtp-sink', 'backend/bench/mail.bench.ts', {
        BENCH_MAIL_ROLE: SINK_ROLE,
        SINK_SMTP_PORT: String(smtpPort),
        SINK_HTTP_PORT: String(httpPort),
      }),
    );
    const httpUrl = `http://${LOOPBACK}:${httpPort}`;
    await child.waitUntilReady(`${httpUrl}/count`, 60_000);
    return new SinkProcess(child, smtpPort, httpUrl);
  }

  get pid(): number {
    return this.child.pid;
  }

  async received(): Promise<number> {
    const response = await fetch(`${this.httpUrl}/count`);
    return ((await response.json()) as { received: number }).received;
  }

  async reset(): Promise<void> {
    await fetch(`${this.httpUrl}/reset`, { method: 'POST' });
  }
}

async function runSink(): Promise<void> {
  let received = 0;
  const catcher = await startSmtpCatcher({
    port: Number(process.env['SINK_SMTP_PORT']),
    host: LOOPBACK,
    onMessage: () => {
      received++;
    },
  });
  const http = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/reset') received = 0;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received }));
  });
  http.listen(Number(process.env['SINK_HTTP_PORT']), LOOPBACK);
  process.once('SIGTERM', () => {
    http.close();
    void catcher.close().finally(() => process.exit(0));
  });
}

/** Resolves on the worker's "worker <pid> started" line; fails when it exits first. */
function workerStarted(child: ChildServer, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`${child.name} not started after ${timeoutMs} ms:\n${child.output()}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-2000);
      if (seen.includes(`worker ${child.pid} started`)) {
        clearTimeout(timer);
        child.process.stdout?.off('data', onData);
        resolve();
      }
    };
    child.process.stdout?.on('data', onData);
    child.process.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${child.name} exited before it started:\n${child.output()}`));
    });
  });
}

/** The scheduler's immediate first sweep (one per upsert) has run and nothing else waits. */
async function reminderQueueSettled(queue: Queue): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quietSince: number | undefined;
  for (;;) {
    const counts = await queue.getJobCounts('active', 'wait', 'prioritized', 'completed', 'failed');
    const busy = counts['active'] + counts['wait'] + counts['prioritized'];
    if (counts['failed'] > 0) throw new Error('a scheduled sweep failed');
    if (busy === 0 && counts['completed'] > 0) {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= 1000) return;
    } else {
      quietSince = undefined;
    }
    if (Date.now() > deadline) throw new Error(`the reminders queue did not settle: ${JSON.stringify(counts)}`);
    await sleep(100);
  }
}

// ── report ───────────────────────────────────────────────────────────────────────────────────

type Results = Awaited<ReturnType<typeof main>> & { totalSeconds: number };

function rate(messages: number, seconds: number): Rate {
  return { messages, seconds: round(seconds, 2), messagesPerSecond: round(messages / seconds, 1) };
}

function table(results: Results): string {
  const { bullmq, nodemailer } = results.baselines;
  const c = CONFIG.concurrency;
  const allRounds = (pick: (round: Results['rounds'][number]) => Rate) =>
    results.rounds.map((r) => fmt(pick(r).messagesPerSecond, 0)).join(' / ');
  const label = {
    pipeline: (w: number) => `pipeline, ${w} worker process${w > 1 ? 'es' : ''} (${w * c} sends in flight)`,
    bullmq: `raw BullMQ no-op jobs (1 Worker, concurrency ${c}, addBulk)`,
    nodemailer: `raw nodemailer pool (${c} connections, ${c} in flight)`,
  };
  const throughput: string[][] = [
    ['10,000 messages', 'msgs/s', 'all rounds', 'wall s', '÷ BullMQ', '÷ nodemailer'],
    ...results.pipeline.map((p, i) => [
      label.pipeline(p.workers),
      fmt(p.messagesPerSecond),
      allRounds((r) => r.pipeline[i]),
      fmt(p.seconds, 2),
      fmt(p.messagesPerSecond / bullmq.messagesPerSecond, 3),
      fmt(p.messagesPerSecond / nodemailer.messagesPerSecond, 3),
    ]),
    [label.bullmq, fmt(bullmq.messagesPerSecond), allRounds((r) => r.bullmq), fmt(bullmq.seconds, 2), '1.000', ''],
    [
      label.nodemailer,
      fmt(nodemailer.messagesPerSecond),
      allRounds((r) => r.nodemailer),
      fmt(nodemailer.seconds, 2),
      '',
      '1.000',
    ],
  ];
  const cpuRow = (name: string, cpu: PhaseCpu | undefined) => [
    name,
    fmt(cpu?.workersMsPerMessage ?? null, 2),
    fmt(cpu?.benchMsPerMessage ?? null, 2),
    fmt(cpu?.sinkMsPerMessage ?? null, 2),
    fmt(cpu?.postgresMsPerMessage ?? null, 2),
    fmt(cpu?.redisMsPerMessage ?? null, 2),
    fmt(cpu?.machineBusyPercent ?? null, 0),
    fmt(cpu?.otherLoadPercent ?? null, 0),
  ];
  const cpu: string[][] = [
    ['CPU ms per message', 'workers', 'bench', 'sink', 'PG', 'Redis', 'machine busy %', 'others %'],
    ...results.pipeline.map((p) => cpuRow(label.pipeline(p.workers), p.cpu)),
    cpuRow(label.bullmq, bullmq.cpu),
    cpuRow(label.nodemailer, nodemailer.cpu),
  ];
  const s = results.sweep;
  return [
    ...renderTable(throughput),
    `msgs/s = the best of ${results.rounds.length} interleaved rounds (all rounds listed); ratios between the best rounds.`,
    '',
    'pipeline = sweep job → outbox → relay (every 200 ms) → BullMQ → send job → nodemailer → SMTP sink; workers are',
    'child processes (node backend/scripts/run.cjs backend/src/main.worker.ts); the SMTP sink (startSmtpCatcher,',
    'counting) is a child process of its own; both baselines run in the benchmark process.',
    ...results.pipeline.map(
      (p) =>
        `  ${p.workers} worker(s): sweep job ${fmt(p.sweepJobSeconds, 2)} s; all 10,000 in the outbox after ${fmt(p.outboxWrittenAfter, 2)} s ` +
        `(${p.sentWhenOutboxWritten} sent by then), first sent after ${fmt(p.firstSentAfter, 2)} s, all sent after ${fmt(p.seconds, 2)} s; ` +
        `after the sweep ${fmt(p.drainMessagesPerSecond)} msgs/s; sink received ${p.received}, retried rows ${p.retriedRows}; boot ${p.bootSeconds} s`,
    ),
    `message: one rendered reminder, ${results.sampleMessageBytes} bytes of HTML + text`,
    '',
    ...renderTable(cpu),
    '(the rounds reported above)',
    'bench = this process (baselines: BullMQ producer + Worker / nodemailer client; pipeline: outbox polling);',
    'PG = backends of the benchmark database (≈); Redis = the whole server; others % = machine busy time none of',
    "these account for (other people's load) — compare runs only when it is low.",
    '',
    `sweep: ONE ReminderService.sweep() over ${s.tasks.toLocaleString('en')} tasks, ${s.dueTasks.toLocaleString('en')} due: ` +
      `${fmt(s.ms, 0)} ms (${s.batches} batches of ${SWEEP_BATCH}, ${fmt(s.ms / s.batches, 0)} ms each; ${fmt(s.nodeCpuMs, 0)} ms of it Node CPU, ` +
      `event loop blocked up to ${s.eventLoopMaxStallMs} ms at a time), ${s.mailsWritten} mails written, ${fmt((s.mailsWritten / s.ms) * 1000, 0)} mails/s`,
    `due-task queries ${s.usesIndex ? 'use' : 'do NOT both use'} task_next_reminder_idx (EXPLAIN ANALYZE, first batch, rolled back):`,
    ...s.explain.map((l) => `  ${l}`),
    '',
    `total run ${results.totalSeconds} s, seed ${(results.seedMs / 1000).toFixed(1)} s, load average at start ` +
      `${JSON.stringify(results.environment.loadAverageAtStart)} on ${results.environment.cpus} cores`,
  ].join('\n');
}

async function withTimeout<T>(promise: Promise<T>, ms: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${describe()} after ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ── run ──────────────────────────────────────────────────────────────────────────────────────

/** Deletes the run's Redis keys (every queue prefix of the run starts with `prefix`). */
async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(CONFIG.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    log(`${deleted} Redis keys under ${prefix}* deleted`);
  } catch (error) {
    process.stderr.write(`[bench] could not delete the Redis keys ${prefix}*: ${String(error)}\n`);
  } finally {
    redis.disconnect();
  }
}

if (process.env['BENCH_MAIL_ROLE'] === SINK_ROLE) {
  runSink().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  void runBenchmark({
    hardLimitMs: CONFIG.hardLimitMs,
    main,
    table,
    resultsFile: join(__dirname, 'results', 'mail-latest.json'),
  });
}
