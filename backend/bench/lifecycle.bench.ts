/*
 * Lifecycle benchmark: the real API (NestJS + Fastify + TypeORM) against bare baselines.
 *
 *   node backend/scripts/run.cjs backend/bench/lifecycle.bench.ts        (npm run bench:lifecycle)
 *
 * 1. Creates a throw-away database `mh_bench_<random>` on BENCH_DATABASE_URL's server, lets the
 *    API migrate it on boot and seeds 10,000 mobilities (≈50 tasks each) set-based.
 * 2. List: autocannon, 32 connections, ~10 s each, against `GET /api/mobilities?page=N&pageSize=25`
 *    on the API and on a bare node:http + pg server running the same SQL (baseline-server.ts).
 * 3. Lifecycle events: HOST_CONFIRM on distinct mobilities, 16 in flight, through the API versus
 *    the same protocol as raw SQL through pg (one transaction each) on other mobilities.
 * 4. Prints a table, writes it to backend/bench/results/lifecycle-latest.json, stops both
 *    children and drops the database — also on failure and on Ctrl-C.
 *
 * Env (all optional): BENCH_DATABASE_URL, BENCH_LIST_SECONDS (1–60, default 10),
 * BENCH_EVENTS (10–4000, default 2000). Everything listens on and talks to 127.0.0.1 only.
 */
import {
  applyEvent,
  MOBILITY_MACHINE_VERSION,
  MobilityFacts,
  persistSnapshot,
  restoreSnapshot,
  TASK_KEYS,
  TaskFact,
} from '@mobility-hub/domain';
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client, Pool } from 'pg';
import { ACTOR } from '../src/common/actor';
import { SystemClock } from '../src/common/clock';
import { seedBenchData, SeededData } from './bench-seed';
import {
  ChildServer,
  cleanup,
  cpuTimeMs,
  createScratchDatabase,
  environment,
  fmt,
  freePort,
  intFromEnv,
  LatencySummary,
  log,
  LOOPBACK,
  renderTable,
  requestJson,
  round,
  runBenchmark,
  runBounded,
  summarise,
  withoutPassword,
} from './bench-support';
import autocannon = require('autocannon');

const CONFIG = {
  serverUrl: process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  mobilities: 10_000,
  /** The API's APP_TIME_ZONE; "today" (overdue tasks) is taken there by every party. */
  timeZone: 'Europe/Brussels',
  /** Connections each server may open to PostgreSQL (API, baseline and the raw-SQL client alike). */
  poolSize: 16,
  list: {
    connections: 32,
    seconds: intFromEnv('BENCH_LIST_SECONDS', 1, 60, 10),
    warmupSeconds: 3,
    pageSize: 25,
  },
  events: {
    count: intFromEnv('BENCH_EVENTS', 10, 4000, 2000),
    concurrency: 16,
    /** Events per side before measuring (JIT, pools), on mobilities of their own. */
    warmup: 100,
    /** A phase that takes longer than this fails the run. */
    phaseTimeoutMs: 180_000,
  },
  /** The whole run, setup and cleanup included, is cut off after this. */
  hardLimitMs: 15 * 60_000,
} as const;

interface ListRun {
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly seconds: number;
  /** From every response's time (autocannon reports p90/p97.5/p99 but no p95). */
  readonly latencyMs: LatencySummary;
  readonly autocannonP97_5Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  /** CPU time of the server process per request (its share; PostgreSQL and the client are apart). */
  readonly serverCpuMsPerRequest: number | null;
}

interface EventRun {
  readonly eventsPerSecond: number;
  readonly events: number;
  readonly seconds: number;
  readonly latencyMs: LatencySummary;
  /** API: the API process; raw: the benchmark process, which runs the pg client and the domain. */
  readonly appCpuMsPerEvent: number | null;
}

interface Results {
  readonly startedAt: string;
  readonly totalSeconds: number;
  readonly environment: Record<string, unknown>;
  readonly config: typeof CONFIG;
  readonly seed: Omit<SeededData, 'mobilityIds'> & { mobilities: number };
  readonly list: { readonly api: ListRun; readonly baseline: ListRun; readonly ratio: Ratios };
  readonly events: { readonly api: EventRun; readonly rawSql: EventRun; readonly ratio: Ratios };
}

/** API ÷ baseline: throughput (below 1 = the API is slower) and p95 latency (above 1 = slower). */
interface Ratios {
  readonly throughput: number;
  readonly p95: number;
}

async function main(startedAt: Date): Promise<Omit<Results, 'totalSeconds'>> {
  const loadAverageAtStart = loadavg().map((l) => round(l));
  const clock = new SystemClock();
  const today = clock.today(CONFIG.timeZone);
  const databaseName = `mh_bench_${randomBytes(6).toString('hex')}`;
  const { url: benchDbUrl, postgresVersion } = await createScratchDatabase(CONFIG.serverUrl, databaseName);
  log(`database ${databaseName} created; starting the API (it migrates on boot)`);

  const apiPort = await freePort();
  const api = cleanup.child(
    new ChildServer('api', 'backend/src/main.api.ts', {
    DATABASE_URL: benchDbUrl,
    PORT: String(apiPort),
    HOST: LOOPBACK,
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    FRONTEND_DIST: '/nonexistent',
    DATABASE_POOL_SIZE: String(CONFIG.poolSize),
    APP_TIME_ZONE: CONFIG.timeZone,
    }),
  );
  const apiUrl = `http://${LOOPBACK}:${apiPort}`;
  await api.waitUntilReady(`${apiUrl}/api/health`, 120_000);

  const db = new Client({ connectionString: benchDbUrl });
  cleanup.add(() => db.end());
  await db.connect();
  log(`API up on :${apiPort}; seeding ${CONFIG.mobilities} mobilities`);
  const seed = await seedBenchData(db, CONFIG.mobilities, today);
  log(`seeded in ${(seed.ms / 1000).toFixed(1)} s: ${seed.tasks} tasks, ${seed.overdueTasks} of them overdue`);

  const basePort = await freePort();
  const baseline = cleanup.child(
    new ChildServer('baseline', 'backend/bench/baseline-server.ts', {
      DATABASE_URL: benchDbUrl,
      PORT: String(basePort),
      DATABASE_POOL_SIZE: String(CONFIG.poolSize),
      APP_TIME_ZONE: CONFIG.timeZone,
    }),
  );
  const baseUrl = `http://${LOOPBACK}:${basePort}`;
  await baseline.waitUntilReady(`${baseUrl}/health`, 60_000);

  await assertSameListPages(apiUrl, baseUrl);
  log('both servers return identical pages; list benchmark');
  await listRun(apiUrl, api.pid, CONFIG.list.warmupSeconds);
  await listRun(baseUrl, baseline.pid, CONFIG.list.warmupSeconds);
  const listBaseline = await listRun(baseUrl, baseline.pid, CONFIG.list.seconds);
  const listApi = await listRun(apiUrl, api.pid, CONFIG.list.seconds);
  await baseline.stop();

  // Distinct mobilities per side: measured sets first, then the warm-up sets after them.
  const n = CONFIG.events.count;
  const w = CONFIG.events.warmup;
  const ids = seed.mobilityIds;
  if (ids.length < 2 * (n + w)) throw new Error('not enough mobilities for the event runs');
  const apiIds = ids.slice(0, n);
  const rawIds = ids.slice(n, 2 * n);
  log(`lifecycle events: ${n} HOST_CONFIRM per side, ${CONFIG.events.concurrency} in flight`);
  await eventsThroughApi(apiUrl, api.pid, ids.slice(2 * n, 2 * n + w));
  const eventsApi = await eventsThroughApi(apiUrl, api.pid, apiIds);
  const rawPool = new Pool({ connectionString: benchDbUrl, max: CONFIG.poolSize });
  // pool.end() resolves before its connections have closed, so the cleanup's DROP ... WITH (FORCE)
  // may still terminate one: an 'error' event on the pool that would otherwise crash the run.
  rawPool.on('error', () => undefined);
  cleanup.add(() => rawPool.end());
  await eventsThroughRawSql(rawPool, ids.slice(2 * n + w, 2 * n + 2 * w));
  const eventsRaw = await eventsThroughRawSql(rawPool, rawIds);
  await assertConfirmed(db, apiIds, ACTOR);
  await assertConfirmed(db, rawIds, RAW_ACTOR);

  return {
    startedAt: startedAt.toISOString(),
    environment: environment(loadAverageAtStart, postgresVersion, 'client (autocannon / benchmark process), servers and PostgreSQL share the same machine'),
    config: { ...CONFIG, serverUrl: withoutPassword(CONFIG.serverUrl) },
    seed: { mobilities: seed.mobilityIds.length, tasks: seed.tasks, overdueTasks: seed.overdueTasks, ms: seed.ms },
    list: { api: listApi, baseline: listBaseline, ratio: ratios(listApi, listBaseline) },
    events: { api: eventsApi, rawSql: eventsRaw, ratio: ratios(eventsApi, eventsRaw) },
  };
}

// ── list ─────────────────────────────────────────────────────────────────────────────────────

const PAGES = Math.ceil(CONFIG.mobilities / CONFIG.list.pageSize);

/** The k-th page asked for: a fixed walk over all pages (97 is coprime with 400), same on both servers. */
function pagePath(k: number): string {
  return `/api/mobilities?page=${1 + ((k * 97) % PAGES)}&pageSize=${CONFIG.list.pageSize}`;
}

/** The baseline is only a fair baseline if it answers exactly what the API answers. */
async function assertSameListPages(apiUrl: string, baseUrl: string): Promise<void> {
  const agent = new Agent({ keepAlive: true });
  for (const page of [1, 173, PAGES]) {
    const path = `/api/mobilities?page=${page}&pageSize=${CONFIG.list.pageSize}`;
    const [a, b] = await Promise.all([requestJson(agent, 'GET', apiUrl + path), requestJson(agent, 'GET', baseUrl + path)]);
    if (a.status !== 200 || b.status !== 200 || !isDeepStrictEqual(a.body, b.body)) {
      throw new Error(`API and baseline differ on ${path}:\n${JSON.stringify(a.body).slice(0, 500)}\n${JSON.stringify(b.body).slice(0, 500)}`);
    }
  }
  agent.destroy();
}

async function listRun(url: string, serverPid: number, seconds: number): Promise<ListRun> {
  const times: number[] = [];
  let k = 0;
  const cpuBefore = cpuTimeMs(serverPid);
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url,
        connections: CONFIG.list.connections,
        duration: seconds,
        timeout: 10,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: pagePath(k++) }) }],
      },
      (error, res) => (error ? fail(error) : done(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  const cpuAfter = cpuTimeMs(serverPid);
  const requests = result.requests.total;
  if (result.non2xx > 0 || result.errors > 0 || requests === 0) {
    throw new Error(`list run on ${url}: ${requests} requests, ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return {
    requestsPerSecond: round(requests / result.duration, 1),
    requests,
    seconds: result.duration,
    latencyMs: summarise(times),
    autocannonP97_5Ms: result.latency.p97_5,
    non2xx: result.non2xx,
    errors: result.errors,
    serverCpuMsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? null : round((cpuAfter - cpuBefore) / requests, 3),
  };
}

// ── lifecycle events ─────────────────────────────────────────────────────────────────────────

async function eventsThroughApi(apiUrl: string, apiPid: number, ids: readonly string[]): Promise<EventRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONFIG.events.concurrency });
  const times: number[] = [];
  const cpuBefore = cpuTimeMs(apiPid);
  const ms = await runBounded(ids, CONFIG.events.concurrency, Date.now() + CONFIG.events.phaseTimeoutMs, async (id) => {
    const res = await requestJson(agent, 'POST', `${apiUrl}/api/mobilities/${id}/events`, { type: 'HOST_CONFIRM' });
    const body = res.body as { placementConfirmed?: unknown; version?: unknown } | undefined;
    if (res.status !== 200 || body?.placementConfirmed !== true || body.version !== 2) {
      throw new Error(`HOST_CONFIRM ${id} through the API: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    times.push(res.ms);
  });
  const cpuAfter = cpuTimeMs(apiPid);
  agent.destroy();
  return eventRun(ids.length, ms, times, cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore);
}

const RAW_ACTOR = 'bench-raw';

interface LockedMobility {
  id: string;
  host_organisation_id: string | null;
  placement_confirmed_at: Date | null;
  machine_snapshot: unknown;
  machine_version: number;
  phase: string;
  version: number;
}

async function eventsThroughRawSql(pool: Pool, ids: readonly string[]): Promise<EventRun> {
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  const ms = await runBounded(ids, CONFIG.events.concurrency, Date.now() + CONFIG.events.phaseTimeoutMs, async (id) => {
    const started = process.hrtime.bigint();
    await hostConfirmRaw(pool, id);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  });
  const cpu = process.cpuUsage(cpuBefore);
  return eventRun(ids.length, ms, times, (cpu.user + cpu.system) / 1000);
}

/**
 * LifecycleService.apply for HOST_CONFIRM without the framework: lock, restore the snapshot, read
 * the task facts, let the same domain machine decide, compare-and-set the mobility, tick the
 * host-confirmation task, append the history entry (the repository's statement) — one
 * transaction. The API additionally re-reads the detail view for its response.
 */
async function hostConfirmRaw(pool: Pool, id: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [mobility] = (
      await client.query<LockedMobility>(
        `SELECT id, host_organisation_id, placement_confirmed_at, machine_snapshot, machine_version, phase, version
           FROM mobility WHERE id = $1 FOR UPDATE`,
        [id],
      )
    ).rows;
    if (!mobility) throw new Error(`mobility ${id} not found`);
    const snapshot = restoreSnapshot(mobility.machine_snapshot, mobility.machine_version);
    const tasks = (
      await client.query<{ key: string; phase: TaskFact['phase']; title: string; mandatory: boolean; status: TaskFact['status'] }>(
        'SELECT template_key AS key, phase, title, mandatory, status FROM task WHERE mobility_id = $1',
        [id],
      )
    ).rows;
    const facts: MobilityFacts = {
      hostOrganisationId: mobility.host_organisation_id,
      placementConfirmed: mobility.placement_confirmed_at !== null,
      tasks,
    };
    const result = applyEvent(snapshot, { type: 'HOST_CONFIRM', facts });
    if (!result.ok) throw new Error(`HOST_CONFIRM ${id} refused: ${result.unmet.map((u) => u.message).join('; ')}`);
    if (!isDeepStrictEqual(result.effects, ['confirmPlacement', 'completeHostConfirmationTask'])) {
      throw new Error(`unexpected effects ${result.effects.join(', ')}`);
    }
    const now = new Date();
    const saved = await client.query(
      `UPDATE mobility SET machine_snapshot = $2, machine_version = $3, phase = $4, placement_confirmed_at = $5,
                           version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $6`,
      [id, JSON.stringify(persistSnapshot(result.snapshot)), MOBILITY_MACHINE_VERSION, result.to, now, mobility.version],
    );
    const ticked = await client.query(
      `UPDATE task SET status = 'done', status_changed_by = $3, status_changed_at = $4, waiver_reason = NULL
        WHERE mobility_id = $1 AND template_key = $2`,
      [id, TASK_KEYS.hostConfirmation, RAW_ACTOR, now],
    );
    const appended = await client.query(
      `INSERT INTO lifecycle_event (mobility_id, sequence, event, from_state, to_state, actor, reason, occurred_at)
       SELECT $1, coalesce(max(sequence), 0) + 1, $2, $3, $4, $5, $6, $7 FROM lifecycle_event WHERE mobility_id = $1`,
      [id, 'HOST_CONFIRM', result.from, result.to, RAW_ACTOR, null, now],
    );
    if (saved.rowCount !== 1 || ticked.rowCount !== 1 || appended.rowCount !== 1) {
      throw new Error(`HOST_CONFIRM ${id}: wrote ${saved.rowCount}/${ticked.rowCount}/${appended.rowCount} rows`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function eventRun(events: number, ms: number, times: number[], cpuMs: number | undefined): EventRun {
  return {
    eventsPerSecond: round(events / (ms / 1000), 1),
    events,
    seconds: round(ms / 1000, 2),
    latencyMs: summarise(times),
    appCpuMsPerEvent: cpuMs === undefined ? null : round(cpuMs / events, 3),
  };
}

/** Every event really landed: confirmed, version 2, task done, one HOST_CONFIRM history entry. */
async function assertConfirmed(db: Client, ids: readonly string[], actor: string): Promise<void> {
  const [row] = (
    await db.query<{ confirmed: number; tasks: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM mobility WHERE id = ANY($1) AND placement_confirmed_at IS NOT NULL AND version = 2) AS confirmed,
              (SELECT count(*)::int FROM task WHERE mobility_id = ANY($1) AND template_key = $2 AND status = 'done'
                                                AND status_changed_by = $3) AS tasks,
              (SELECT count(*)::int FROM lifecycle_event WHERE mobility_id = ANY($1) AND event = 'HOST_CONFIRM'
                                                           AND sequence = 2 AND actor = $3) AS events`,
      [ids, TASK_KEYS.hostConfirmation, actor],
    )
  ).rows;
  if (row.confirmed !== ids.length || row.tasks !== ids.length || row.events !== ids.length) {
    throw new Error(`${actor}: expected ${ids.length} confirmed mobilities, got ${JSON.stringify(row)}`);
  }
}

// ── report ───────────────────────────────────────────────────────────────────────────────────

function ratios(api: ListRun | EventRun, base: ListRun | EventRun): Ratios {
  const rate = (r: ListRun | EventRun) => ('requestsPerSecond' in r ? r.requestsPerSecond : r.eventsPerSecond);
  return { throughput: round(rate(api) / rate(base), 3), p95: round(api.latencyMs.p95 / base.latencyMs.p95, 3) };
}

function table(results: Results): string {
  const { list, events } = results;
  const rows: string[][] = [
    ['', 'API', 'baseline', 'API/baseline'],
    [`GET /api/mobilities  req/s  (${CONFIG.list.connections} conn, ${CONFIG.list.seconds} s)`,
      fmt(list.api.requestsPerSecond), fmt(list.baseline.requestsPerSecond), fmt(list.ratio.throughput, 3)],
    ['  latency p50 ms', fmt(list.api.latencyMs.p50), fmt(list.baseline.latencyMs.p50), ''],
    ['  latency p95 ms', fmt(list.api.latencyMs.p95), fmt(list.baseline.latencyMs.p95), fmt(list.ratio.p95, 3)],
    ['  latency p99 ms', fmt(list.api.latencyMs.p99), fmt(list.baseline.latencyMs.p99), ''],
    ['  server CPU ms / request', fmt(list.api.serverCpuMsPerRequest, 3), fmt(list.baseline.serverCpuMsPerRequest, 3), ''],
    [`HOST_CONFIRM  events/s  (${events.api.events} each, ${CONFIG.events.concurrency} in flight)`,
      fmt(events.api.eventsPerSecond), fmt(events.rawSql.eventsPerSecond), fmt(events.ratio.throughput, 3)],
    ['  latency p50 ms', fmt(events.api.latencyMs.p50), fmt(events.rawSql.latencyMs.p50), ''],
    ['  latency p95 ms', fmt(events.api.latencyMs.p95), fmt(events.rawSql.latencyMs.p95), fmt(events.ratio.p95, 3)],
    ['  Node CPU ms / event', fmt(events.api.appCpuMsPerEvent, 3), fmt(events.rawSql.appCpuMsPerEvent, 3), ''],
  ];
  return [
    ...renderTable(rows),
    '',
    'baseline: list = bare node:http + pg with the same SQL; events = raw SQL through pg in the benchmark process',
    'p95 from every response time (autocannon itself reports p97.5: ' +
      `API ${list.api.autocannonP97_5Ms} ms, baseline ${list.baseline.autocannonP97_5Ms} ms)`,
    `total run ${results.totalSeconds} s, seed ${results.seed.mobilities} mobilities / ${results.seed.tasks} tasks in ${(results.seed.ms / 1000).toFixed(1)} s`,
  ].join('\n');
}

// ── run ──────────────────────────────────────────────────────────────────────────────────────

void runBenchmark({
  hardLimitMs: CONFIG.hardLimitMs,
  main,
  table,
  resultsFile: join(__dirname, 'results', 'lifecycle-latest.json'),
});
