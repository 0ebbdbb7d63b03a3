/*
 * Lifecycle benchmark: the real API (NestJS + Fastify + TypeORM) against bare baselines.
 *
 *   node backend/scripts/run.cjs backend/bench/lifecycle.bench.ts        (npm run bench:lifecycle)
 *
 * 1. Creates a throw-away database `mh_bench_<random>` on BENCH_DATABASE_URL's server, lets the
 *    API migrate it on boot and seeds 10,000 mobilities (≈50 tasks each) set-based, with the
 *    people the API now needs (every route wants a session): a coordinator of the sending school
 *    and a mentor of each host company, each with a session row (bench-seed.ts).
 * 2. List: autocannon, 32 connections, ~10 s each, against `GET /api/mobilities?page=N&pageSize=25`
 *    with the coordinator's session cookie, on the API and on a bare node:http + pg server doing
 *    the same per-request work with the same SQL (baseline-server.ts: session look-up, then the
 *    list scoped to that identity).
 * 3. Lifecycle events, each on distinct mobilities, 16 in flight, through the API versus the same
 *    protocol as raw SQL through pg on other mobilities: HOST_CONFIRM (sent with the cookie of the
 *    mentor of the mobility's host: only they may) and ADVANCE out of application (sent by the
 *    coordinator; the mobilities' mandatory application tasks are ticked beforehand, unmeasured).
 *    Both sides do the same per-event work: look up the sender's session, then one transaction
 *    that locks the row together with what the role check needs, checks the role, restores the
 *    snapshot, reads the task facts, lets the domain decide, compare-and-sets the mobility, carries
 *    out the effects and appends the history entry. The API also re-plans the reminders of what the
 *    event touched and answers the detail view.
 * 4. Prints a table, writes it to backend/bench/results/lifecycle-latest.json, stops both
 *    children and drops the database — also on failure and on Ctrl-C.
 *
 * Env (all optional): BENCH_DATABASE_URL, BENCH_LIST_SECONDS (1–60, default 10),
 * BENCH_EVENTS (10–4000, default 2000), BENCH_EXPLAIN=1 (print the EXPLAIN ANALYZE of one list
 * page's two statements for the coordinator; the results file always holds them). Everything
 * listens on and talks to 127.0.0.1 only.
 */
import {
  applyEvent,
  mayApplyEvent,
  MOBILITY_MACHINE_VERSION,
  MobilityFacts,
  mobilityRoleOf,
  MobilityState,
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
import { SystemClock } from '../src/common/clock';
import { mobilityListSql } from '../src/modules/mobility/mobility.queries';
import { identify, listScope, sessionToken } from './bench-identity';
import { BenchUser, SEED_ACTOR, seedBenchData, SeededData } from './bench-seed';
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
  readonly seed: Pick<SeededData, 'mentors' | 'tasks' | 'overdueTasks' | 'ms'> & { mobilities: number };
  readonly list: {
    readonly api: ListRun;
    readonly baseline: ListRun;
    readonly ratio: Ratios;
    readonly plans: ListPlans;
  };
  readonly events: Record<BenchEvent, EventComparison>;
}

/** The lifecycle events measured, each on mobilities of its own. */
const BENCH_EVENTS = ['HOST_CONFIRM', 'ADVANCE'] as const;
type BenchEvent = (typeof BENCH_EVENTS)[number];

interface EventComparison {
  readonly api: EventRun;
  readonly rawSql: EventRun;
  readonly ratio: Ratios;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one page's statements as the coordinator (both servers run these). */
interface ListPlans {
  readonly page: number;
  readonly pageStatement: string;
  readonly countStatement: string;
  /** Indexes named in the page statement's plan. */
  readonly pageIndexes: readonly string[];
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

  const viewer = seed.coordinator;
  const plans = await explainListPage(db, viewer, today, 173);
  log(`page ${plans.page} as ${viewer.email}: the page statement uses ${plans.pageIndexes.join(', ') || 'no index'}`);
  if (process.env['BENCH_EXPLAIN'] === '1')
    log(`page statement:\n${plans.pageStatement}\ncount statement:\n${plans.countStatement}`);
  await assertSameListPages(apiUrl, baseUrl, viewer);
  log(`both servers return identical pages to ${viewer.email} and 401 without a session; list benchmark`);
  await listRun(apiUrl, api.pid, CONFIG.list.warmupSeconds, viewer);
  await listRun(baseUrl, baseline.pid, CONFIG.list.warmupSeconds, viewer);
  const listBaseline = await listRun(baseUrl, baseline.pid, CONFIG.list.seconds, viewer);
  const listApi = await listRun(apiUrl, api.pid, CONFIG.list.seconds, viewer);
  await baseline.stop();

  // Distinct mobilities per event and side: measured sets first, then the warm-up sets after them.
  const n = CONFIG.events.count;
  const w = CONFIG.events.warmup;
  const perEvent = 2 * (n + w);
  if (seed.mobilityIds.length < BENCH_EVENTS.length * perEvent)
    throw new Error('not enough mobilities for the event runs');
  const rawPool = new Pool({ connectionString: benchDbUrl, max: CONFIG.poolSize });
  // pool.end() resolves before its connections have closed, so the cleanup's DROP ... WITH (FORCE)
  // may still terminate one: an 'error' event on the pool that would otherwise crash the run.
  rawPool.on('error', () => undefined);
  cleanup.add(() => rawPool.end());
  const events = {} as Record<BenchEvent, EventComparison>;
  for (const [k, event] of BENCH_EVENTS.entries()) {
    const ids = seed.mobilityIds.slice(k * perEvent, (k + 1) * perEvent);
    const apiIds = ids.slice(0, n);
    const rawIds = ids.slice(n, 2 * n);
    const senderOf = (id: string) => (event === 'HOST_CONFIRM' ? mentorOf(seed.mentorOf, id) : seed.coordinator);
    if (event === 'ADVANCE') await tickMandatoryTasks(db, ids, 'application');
    log(
      `lifecycle events: ${n} ${event} per side, ${CONFIG.events.concurrency} in flight; sent by ${
        event === 'HOST_CONFIRM' ? `the hosts' ${seed.mentors} mentors` : seed.coordinator.email
      }`,
    );
    await eventsThroughApi(apiUrl, api.pid, event, ids.slice(2 * n, 2 * n + w), senderOf);
    const api_ = await eventsThroughApi(apiUrl, api.pid, event, apiIds, senderOf);
    await eventsThroughRawSql(rawPool, event, ids.slice(2 * n + w, 2 * n + 2 * w), senderOf);
    const raw = await eventsThroughRawSql(rawPool, event, rawIds, senderOf);
    await assertApplied(db, event, [...apiIds, ...rawIds], (id) => senderOf(id).email);
    events[event] = { api: api_, rawSql: raw, ratio: ratios(api_, raw) };
  }

  return {
    startedAt: startedAt.toISOString(),
    environment: environment(
      loadAverageAtStart,
      postgresVersion,
      'client (autocannon / benchmark process), servers and PostgreSQL share the same machine',
    ),
    config: { ...CONFIG, serverUrl: withoutPassword(CONFIG.serverUrl) },
    seed: {
      mobilities: seed.mobilityIds.length,
      mentors: seed.mentors,
      tasks: seed.tasks,
      overdueTasks: seed.overdueTasks,
      ms: seed.ms,
    },
    list: { api: listApi, baseline: listBaseline, ratio: ratios(listApi, listBaseline), plans },
    events,
  };
}

// ── list ─────────────────────────────────────────────────────────────────────────────────────

const PAGES = Math.ceil(CONFIG.mobilities / CONFIG.list.pageSize);

/** The k-th page asked for: a fixed walk over all pages (97 is coprime with 400), same on both servers. */
function pagePath(k: number): string {
  return `/api/mobilities?page=${1 + ((k * 97) % PAGES)}&pageSize=${CONFIG.list.pageSize}`;
}

/**
 * The baseline is only a fair baseline if it answers exactly what the API answers: the same pages
 * to the same viewer (every seeded mobility is theirs, so the last page is full too), and no page
 * without a session.
 */
async function assertSameListPages(apiUrl: string, baseUrl: string, viewer: BenchUser): Promise<void> {
  const agent = new Agent({ keepAlive: true });
  const headers = { cookie: viewer.cookie };
  for (const page of [1, 173, PAGES]) {
    const path = `/api/mobilities?page=${page}&pageSize=${CONFIG.list.pageSize}`;
    const [a, b] = await Promise.all([
      requestJson(agent, 'GET', apiUrl + path, undefined, headers),
      requestJson(agent, 'GET', baseUrl + path, undefined, headers),
    ]);
    const body = a.body as { items?: unknown[]; total?: unknown } | undefined;
    if (a.status !== 200 || b.status !== 200 || !isDeepStrictEqual(a.body, b.body)) {
      throw new Error(
        `API and baseline differ on ${path}:\n${JSON.stringify(a.body).slice(0, 500)}\n${JSON.stringify(b.body).slice(0, 500)}`,
      );
    }
    if (body?.total !== CONFIG.mobilities || body.items?.length !== CONFIG.list.pageSize) {
      throw new Error(
        `${viewer.email} should see all ${CONFIG.mobilities} mobilities on ${path}: ${JSON.stringify(a.body).slice(0, 300)}`,
      );
    }
  }
  const path = `/api/mobilities?page=1&pageSize=${CONFIG.list.pageSize}`;
  const [a, b] = await Promise.all([
    requestJson(agent, 'GET', apiUrl + path),
    requestJson(agent, 'GET', baseUrl + path),
  ]);
  if (a.status !== 401 || b.status !== 401)
    throw new Error(`without a session: API ${a.status}, baseline ${b.status} (expected 401)`);
  agent.destroy();
}

/** The plans of page `page`'s two statements, scoped to `viewer` exactly as the API scopes them. */
async function explainListPage(db: Client, viewer: BenchUser, today: string, page: number): Promise<ListPlans> {
  const identity = await identify(db, sessionToken(viewer.cookie));
  if (!identity) throw new Error(`no session for ${viewer.email}`);
  const pageSize = CONFIG.list.pageSize;
  const { sql, params, countSql, countParams } = mobilityListSql(
    {},
    { page, pageSize, offset: (page - 1) * pageSize },
    today,
    listScope(identity),
  );
  const explain = async (text: string, values: unknown[]) =>
    (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
  const pageStatement = await explain(sql, params);
  const countStatement = await explain(countSql, countParams);
  const pageIndexes = [...new Set([...pageStatement.matchAll(/using (\w+) on/gi)].map((m) => m[1]))];
  return { page, pageStatement, countStatement, pageIndexes };
}

async function listRun(url: string, serverPid: number, seconds: number, viewer: BenchUser): Promise<ListRun> {
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
        headers: { cookie: viewer.cookie },
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
    serverCpuMsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined ? null : round((cpuAfter - cpuBefore) / requests, 3),
  };
}

// ── lifecycle events ─────────────────────────────────────────────────────────────────────────

function mentorOf(mentors: ReadonlyMap<string, BenchUser>, id: string): BenchUser {
  const mentor = mentors.get(id);
  if (!mentor) throw new Error(`no mentor seeded for mobility ${id}`);
  return mentor;
}

/** What each event does to a mobility seeded in application with a host: its state after, and its effects. */
const EXPECTED: Record<BenchEvent, { readonly to: MobilityState; readonly effects: readonly string[] }> = {
  HOST_CONFIRM: { to: 'application', effects: ['confirmPlacement', 'completeHostConfirmationTask'] },
  ADVANCE: { to: 'preparation', effects: [] },
};

/** `event` through the API, each sent by `senderOf(id)` (their session cookie). */
async function eventsThroughApi(
  apiUrl: string,
  apiPid: number,
  event: BenchEvent,
  ids: readonly string[],
  senderOf: (id: string) => BenchUser,
): Promise<EventRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONFIG.events.concurrency });
  const times: number[] = [];
  const cpuBefore = cpuTimeMs(apiPid);
  const ms = await runBounded(ids, CONFIG.events.concurrency, Date.now() + CONFIG.events.phaseTimeoutMs, async (id) => {
    const headers = { cookie: senderOf(id).cookie };
    const res = await requestJson(agent, 'POST', `${apiUrl}/api/mobilities/${id}/events`, { type: event }, headers);
    const body = res.body as { placementConfirmed?: unknown; version?: unknown; phase?: unknown } | undefined;
    const confirmed = event !== 'HOST_CONFIRM' || body?.placementConfirmed === true;
    if (res.status !== 200 || !confirmed || body?.version !== 2 || body.phase !== EXPECTED[event].to) {
      throw new Error(`${event} ${id} through the API: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    times.push(res.ms);
  });
  const cpuAfter = cpuTimeMs(apiPid);
  agent.destroy();
  return eventRun(
    ids.length,
    ms,
    times,
    cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
  );
}

interface LockedMobility {
  id: string;
  beneficiary_organisation_id: string;
  sending_organisation_id: string;
  host_organisation_id: string | null;
  person_id: string;
  placement_confirmed_at: Date | null;
  machine_snapshot: unknown;
  machine_version: number;
  phase: string;
  version: number;
}

async function eventsThroughRawSql(
  pool: Pool,
  event: BenchEvent,
  ids: readonly string[],
  senderOf: (id: string) => BenchUser,
): Promise<EventRun> {
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  const ms = await runBounded(ids, CONFIG.events.concurrency, Date.now() + CONFIG.events.phaseTimeoutMs, async (id) => {
    const started = process.hrtime.bigint();
    await eventRaw(pool, event, id, senderOf(id));
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  });
  const cpu = process.cpuUsage(cpuBefore);
  return eventRun(ids.length, ms, times, (cpu.user + cpu.system) / 1000);
}

/**
 * The lifecycle protocol without the framework, as lean as it gets: the session guard's look-up of
 * the sender, then one transaction — lock the row together with the parties the role check needs
 * (the project's beneficiary), check the sender's role may send the event, restore the snapshot,
 * read the task facts, let the same domain machine decide, compare-and-set the mobility, tick the
 * host-confirmation task (HOST_CONFIRM), append the history entry (the repository's statement).
 * The API additionally re-plans the reminders of what the event touched and reads the detail
 * view for its response.
 */
async function eventRaw(pool: Pool, event: BenchEvent, id: string, sender: BenchUser): Promise<void> {
  const identity = await identify(pool, sessionToken(sender.cookie));
  if (!identity) throw new Error(`no session for ${sender.email}`);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [mobility] = (
      await client.query<LockedMobility>(
        `SELECT m.id, p.beneficiary_organisation_id, m.sending_organisation_id, m.host_organisation_id, m.person_id,
                m.placement_confirmed_at, m.machine_snapshot, m.machine_version, m.phase, m.version
           FROM mobility m JOIN project p ON p.id = m.project_id WHERE m.id = $1 FOR UPDATE OF m`,
        [id],
      )
    ).rows;
    if (!mobility) throw new Error(`mobility ${id} not found`);
    const role = mobilityRoleOf(identity, {
      beneficiaryOrganisationId: mobility.beneficiary_organisation_id,
      sendingOrganisationId: mobility.sending_organisation_id,
      hostOrganisationId: mobility.host_organisation_id,
      personId: mobility.person_id,
    });
    if (!role || !mayApplyEvent(role, event)) throw new Error(`${sender.email} (${role}) may not send ${event}`);
    const snapshot = restoreSnapshot(mobility.machine_snapshot, mobility.machine_version);
    const tasks = (
      await client.query<{
        key: string;
        phase: TaskFact['phase'];
        title: string;
        mandatory: boolean;
        status: TaskFact['status'];
      }>('SELECT template_key AS key, phase, title, mandatory, status FROM task WHERE mobility_id = $1', [id])
    ).rows;
    const facts: MobilityFacts = {
      hostOrganisationId: mobility.host_organisation_id,
      placementConfirmed: mobility.placement_confirmed_at !== null,
      tasks,
    };
    const result = applyEvent(snapshot, { type: event, facts });
    if (!result.ok) throw new Error(`${event} ${id} refused: ${result.unmet.map((u) => u.message).join('; ')}`);
    if (!isDeepStrictEqual(result.effects, EXPECTED[event].effects)) {
      throw new Error(`unexpected effects ${result.effects.join(', ')}`);
    }
    const now = new Date();
    const confirm = event === 'HOST_CONFIRM';
    const saved = await client.query(
      `UPDATE mobility SET machine_snapshot = $2, machine_version = $3, phase = $4,
                           placement_confirmed_at = CASE WHEN $5::boolean THEN $6::timestamptz ELSE placement_confirmed_at END,
                           version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $7`,
      [
        id,
        JSON.stringify(persistSnapshot(result.snapshot)),
        MOBILITY_MACHINE_VERSION,
        result.to,
        confirm,
        now,
        mobility.version,
      ],
    );
    const ticked = confirm
      ? await client.query(
          `UPDATE task SET status = 'done', status_changed_by = $3, status_changed_at = $4, waiver_reason = NULL
            WHERE mobility_id = $1 AND template_key = $2`,
          [id, TASK_KEYS.hostConfirmation, identity.email, now],
        )
      : { rowCount: 1 };
    const appended = await client.query(
      `INSERT INTO lifecycle_event (mobility_id, sequence, event, from_state, to_state, actor, reason, occurred_at)
       SELECT $1, coalesce(max(sequence), 0) + 1, $2, $3, $4, $5, $6, $7 FROM lifecycle_event WHERE mobility_id = $1`,
      [id, event, result.from, result.to, identity.email, null, now],
    );
    if (saved.rowCount !== 1 || ticked.rowCount !== 1 || appended.rowCount !== 1) {
      throw new Error(`${event} ${id}: wrote ${saved.rowCount}/${ticked.rowCount}/${appended.rowCount} rows`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Unmeasured preparation for ADVANCE: the mandatory tasks of `phase` ticked, so the mobilities may leave it. */
async function tickMandatoryTasks(db: Client, ids: readonly string[], phase: MobilityState): Promise<void> {
  await db.query(
    `UPDATE task SET status = 'done', status_changed_by = $3, status_changed_at = now()
      WHERE mobility_id = ANY($1::uuid[]) AND phase = $2 AND mandatory AND status = 'open'`,
    [ids, phase, SEED_ACTOR],
  );
  await db.query('ANALYZE task');
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

/**
 * Every event really landed: version 2 in the expected state (HOST_CONFIRM: confirmed, its task
 * done) and one history entry of the event, all recorded under the sender's e-mail.
 */
async function assertApplied(
  db: Client,
  event: BenchEvent,
  ids: readonly string[],
  actorOf: (id: string) => string,
): Promise<void> {
  const actors = ids.map(actorOf);
  const confirm = event === 'HOST_CONFIRM';
  const [row] = (
    await db.query<{ applied: number; tasks: number; events: number }>(
      `WITH expected AS (SELECT * FROM unnest($1::uuid[], $3::text[]) AS x(id, actor))
       SELECT (SELECT count(*)::int FROM mobility WHERE id = ANY($1) AND version = 2 AND phase = $5
                  AND (placement_confirmed_at IS NOT NULL OR NOT $6)) AS applied,
              (SELECT count(*)::int FROM task JOIN expected x ON x.id = task.mobility_id
                WHERE template_key = $2 AND status = 'done' AND status_changed_by = x.actor) AS tasks,
              (SELECT count(*)::int FROM lifecycle_event e JOIN expected x ON x.id = e.mobility_id
                WHERE e.event = $4 AND e.sequence = 2 AND e.actor = x.actor) AS events`,
      [ids, TASK_KEYS.hostConfirmation, actors, event, EXPECTED[event].to, confirm],
    )
  ).rows;
  if (row.applied !== ids.length || (confirm && row.tasks !== ids.length) || row.events !== ids.length) {
    throw new Error(`${event} as ${actors[0]}…: expected ${ids.length} mobilities, got ${JSON.stringify(row)}`);
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
    [
      `GET /api/mobilities  req/s  (${CONFIG.list.connections} conn, ${CONFIG.list.seconds} s)`,
      fmt(list.api.requestsPerSecond),
      fmt(list.baseline.requestsPerSecond),
      fmt(list.ratio.throughput, 3),
    ],
    ['  latency p50 ms', fmt(list.api.latencyMs.p50), fmt(list.baseline.latencyMs.p50), ''],
    ['  latency p95 ms', fmt(list.api.latencyMs.p95), fmt(list.baseline.latencyMs.p95), fmt(list.ratio.p95, 3)],
    ['  latency p99 ms', fmt(list.api.latencyMs.p99), fmt(list.baseline.latencyMs.p99), ''],
    [
      '  server CPU ms / request',
      fmt(list.api.serverCpuMsPerRequest, 3),
      fmt(list.baseline.serverCpuMsPerRequest, 3),
      '',
    ],
    ...BENCH_EVENTS.flatMap((event) => {
      const e = events[event];
      return [
        [
          `${event}  events/s  (${e.api.events} each, ${CONFIG.events.concurrency} in flight)`,
          fmt(e.api.eventsPerSecond),
          fmt(e.rawSql.eventsPerSecond),
          fmt(e.ratio.throughput, 3),
        ],
        ['  latency p50 ms', fmt(e.api.latencyMs.p50), fmt(e.rawSql.latencyMs.p50), ''],
        ['  latency p95 ms', fmt(e.api.latencyMs.p95), fmt(e.rawSql.latencyMs.p95), fmt(e.ratio.p95, 3)],
        ['  Node CPU ms / event', fmt(e.api.appCpuMsPerEvent, 3), fmt(e.rawSql.appCpuMsPerEvent, 3), ''],
      ];
    }),
  ];
  return [
    ...renderTable(rows),
    '',
    'baseline: list = bare node:http + pg with the same SQL (session look-up, then the list scoped to the coordinator);',
    '          events = raw SQL through pg in the benchmark process: session look-up, lock with the role check, task facts,',
    '                   update, effects, history entry (no reminder re-plan, no detail re-read)',
    'p95 from every response time (autocannon itself reports p97.5: ' +
      `API ${list.api.autocannonP97_5Ms} ms, baseline ${list.baseline.autocannonP97_5Ms} ms)`,
    `load average (1/5/15 min) at start ${(results.environment['loadAverageAtStart'] as number[]).join(' ')}, at end ${loadavg()
      .map((l) => round(l))
      .join(' ')}`,
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
