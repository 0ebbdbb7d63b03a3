/*
 * The final report's XLSX made by a real worker process, as production runs it: the compiled
 * backend (`node backend/scripts/build.cjs`, then `node dist/backend/backend/src/main.worker.js`,
 * what `npm start` and `npm run worker` run), an export row + a job on the reports queue, as the
 * API's POST /api/projects/{id}/exports makes them. Measures per export the job's own time (the
 * row's started_at → finished_at: reading, writing, storing the file in PostgreSQL) and the time
 * from enqueueing to "done" seen by polling; and the worker's resident memory idle and at its peak
 * (the kernel's VmHWM of that process: the highest it ever was, idle start included).
 *
 * `benchExportInWorker(databaseUrl, projectId, runs)` works on a migrated, seeded database; the
 * integrator calls it from `npm run bench:reports`.
 */
import { QUEUES } from '../src/queue/queue-registry';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { ChildServer, log, REPO_ROOT, residentMb, sleep } from './bench-support';

export interface WorkerExportFigures {
  /** The job's time on the worker (started_at → finished_at of the export row), per run. */
  readonly jobMs: number[];
  /** Enqueue → "done" seen by the poller (50 ms polls), per run. */
  readonly endToEndMs: number[];
  readonly idleRssMb: number;
  readonly peakRssMb: number;
}

const WORKER_ENTRY = resolve(REPO_ROOT, 'dist', 'backend', 'backend', 'src', 'main.worker.js');
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export async function benchExportInWorker(
  databaseUrl: string,
  projectId: string,
  runs: number,
): Promise<WorkerExportFigures> {
  log('compiling the backend (backend/scripts/build.cjs)');
  execFileSync(process.execPath, [resolve(REPO_ROOT, 'backend', 'scripts', 'build.cjs')], { stdio: 'ignore' });
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const worker = new ChildServer('worker', WORKER_ENTRY, {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'log',
    // Nothing to send in this database; keep the periodic sweeps out of the measurement.
    REMINDER_SWEEP_INTERVAL_MS: String(3_600_000),
    SMTP_URL: 'smtp://127.0.0.1:9',
    NODE_OPTIONS: process.env['BENCH_WORKER_NODE_OPTIONS'] ?? '',
  });
  const db = new Client({ connectionString: databaseUrl });
  const queue = new Queue(QUEUES.reports.name, { connection: { url: REDIS_URL }, prefix });
  try {
    await db.connect();
    await waitForOutput(worker, /worker \d+ started/, 60_000);
    await sleep(1000); // settle (the first scheduler runs, connections opened)
    const idle = residentMb(worker.pid);
    const jobMs: number[] = [];
    const endToEndMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const [{ id }] = (
        await db.query<{ id: string }>(
          `INSERT INTO report_export (project_id, kind, format, options, requested_by, created_at)
           VALUES ($1, 'final-report', 'xlsx', '{}', 'Bench', now()) RETURNING id`,
          [projectId],
        )
      ).rows;
      const started = performance.now();
      await queue.add(QUEUES.reports.jobs.export, { exportId: id }, { jobId: id });
      for (;;) {
        const [row] = (
          await db.query<{ status: string; ms: number; error: string | null }>(
            `SELECT status, error, extract(epoch FROM finished_at - started_at) * 1000 AS ms FROM report_export WHERE id = $1`,
            [id],
          )
        ).rows;
        if (row.status === 'failed') throw new Error(`export failed in the worker: ${row.error}`);
        if (row.status === 'done') {
          endToEndMs.push(Math.round(performance.now() - started));
          jobMs.push(Math.round(Number(row.ms)));
          break;
        }
        if (!worker.running) throw new Error(`the worker died:\n${worker.output()}`);
        await sleep(50);
      }
      log(`worker export ${i + 1}: job ${jobMs[i]} ms, enqueue → done ${endToEndMs[i]} ms`);
    }
    const after = residentMb(worker.pid);
    return { jobMs, endToEndMs, idleRssMb: idle?.now ?? NaN, peakRssMb: after?.peak ?? NaN };
  } finally {
    await worker.stop();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await db.end();
  }
}

async function waitForOutput(child: ChildServer, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(child.output())) {
    if (!child.running) throw new Error(`${child.name} exited before it was ready:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.output()}`);
    await sleep(100);
  }
}
