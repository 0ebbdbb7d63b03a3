/*
 * Plumbing for the benchmarks: child servers, free ports, a keep-alive HTTP client, a bounded
 * worker pool, latency statistics, and the run itself (scratch database, cleanup, hard limit,
 * signals, results file, table). Nothing here knows about mobilities.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { Client } from 'pg';

/** Repository root (this file lives in backend/bench/). */
export const REPO_ROOT = resolve(__dirname, '..', '..');
const RUN_TS = resolve(REPO_ROOT, 'backend', 'scripts', 'run.cjs');

/** Benchmarks talk to 127.0.0.1 only. */
export const LOOPBACK = '127.0.0.1';

/** A port nobody listens on right now (the OS picks it; a tiny race with other processes remains). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * An entrypoint running as a child: a TypeScript file as `node backend/scripts/run.cjs <entry>`, a
 * compiled one (dist/backend/…/*.js) as `node <entry>`, as `npm start` runs it.
 */
export class ChildServer {
  private readonly tail: string[] = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exit: Promise<void>;
  readonly process: ChildProcess;

  constructor(
    readonly name: string,
    entry: string,
    env: Record<string, string>,
    nodeArgs: readonly string[] = [],
  ) {
    const command = entry.endsWith('.js') ? [entry] : [RUN_TS, entry];
    this.process = spawn(process.execPath, [...nodeArgs, ...command], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      // The last lines only: enough to explain a crash, bounded however chatty the child is.
      this.tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.tail.length > 40) this.tail.splice(0, this.tail.length - 40);
    };
    this.process.stdout?.on('data', keep);
    this.process.stderr?.on('data', keep);
    this.exit = new Promise((done) => {
      this.process.once('exit', (code, signal) => {
        this.exited = { code, signal };
        done();
      });
    });
  }

  get pid(): number {
    if (this.process.pid === undefined) throw new Error(`${this.name} did not start`);
    return this.process.pid;
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  output(): string {
    return this.tail.join('\n');
  }

  /** Polls `url` until it answers 200; fails early when the child dies. */
  async waitUntilReady(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running)
        throw new Error(`${this.name} exited (${JSON.stringify(this.exited)}) before it was ready:\n${this.output()}`);
      const status = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline)
        throw new Error(`${this.name} not ready after ${timeoutMs} ms (${url}):\n${this.output()}`);
      await sleep(250);
    }
  }

  /** SIGTERM, then SIGKILL if it has not gone within `graceMs`. Only ever this child's pid. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.running && this.process.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}

/** Resident memory of a process in MB (now and its peak, VmHWM); undefined where /proc is missing. */
export function residentMb(pid: number): { now: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { now: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is missing. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    // Fields after the command name (which may contain spaces, hence the last ')').
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
  readonly ms: number;
}

/**
 * One JSON request over a keep-alive agent (lighter than fetch for the client side of a benchmark);
 * `headers` adds e.g. the session cookie.
 */
export function requestJson(
  agent: Agent,
  method: string,
  url: string,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
  timeoutMs = 10_000,
): Promise<JsonResponse> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const started = process.hrtime.bigint();
  return new Promise((done, fail) => {
    const req = request(
      url,
      {
        method,
        agent,
        timeout: timeoutMs,
        headers: payload
          ? { ...headers, 'content-type': 'application/json', 'content-length': payload.length }
          : { ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON: keep the text for the error message */
          }
          done({ status: res.statusCode ?? 0, body: parsed, ms });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', fail);
    req.end(payload);
  });
}

/**
 * Runs `work` on every item with at most `concurrency` in flight; rejects on the first failure or
 * when `deadline` (epoch ms) passes. Returns the wall time in ms.
 */
export async function runBounded<T>(
  items: readonly T[],
  concurrency: number,
  deadline: number,
  work: (item: T) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const lane = async () => {
    while (next < items.length) {
      if (Date.now() > deadline) throw new Error(`deadline passed after ${next} of ${items.length} items`);
      await work(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Percentile (0–100) of values sorted ascending, nearest-rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function summarise(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** `postgres://…/<database>` on the same server as `serverUrl`. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The server URL as it may appear in a results file. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export function intFromEnv(name: string, min: number, max: number, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer in ${min}..${max}`);
  return value;
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────

/** The machine a run measured on, for its results file. */
export function environment(loadAverageAtStart: number[], postgres: string, note: string) {
  return { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadAverageAtStart, postgres, note };
}

export function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

export function fmt(value: number | null, digits = 1): string {
  return value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}

/** Rows of cells as aligned lines: the first row is the header, the first column left-aligned. */
export function renderTable(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ');
  return [line(rows[0]), '-'.repeat(line(rows[0]).length), ...rows.slice(1).map(line)];
}

/**
 * Everything a run must undo whatever happens (success, failure, hard limit, Ctrl-C), once:
 * the children are stopped (each by its own pid), then the other steps run (connections,
 * contexts, …), then the scratch database is dropped.
 */
class Cleanup {
  private readonly children: ChildServer[] = [];
  private readonly steps: (() => unknown)[] = [];
  private database: { serverUrl: string; name: string } | undefined;
  private running: Promise<void> | undefined;

  child<T extends ChildServer>(child: T): T {
    this.children.push(child);
    return child;
  }

  /** A step after the children have stopped; its failure is ignored. */
  add(step: () => unknown): void {
    this.steps.push(step);
  }

  dropDatabase(serverUrl: string, name: string): void {
    this.database = { serverUrl, name };
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      await Promise.all(this.children.map((child) => child.stop().catch(() => undefined)));
      await Promise.all(
        this.steps.map((step) =>
          Promise.resolve()
            .then(step)
            .catch(() => undefined),
        ),
      );
      if (this.database) {
        const { serverUrl, name } = this.database;
        const admin = new Client({ connectionString: serverUrl });
        try {
          await admin.connect();
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          log(`database ${name} dropped`);
        } catch (error) {
          process.stderr.write(`[bench] could not drop ${name}: ${String(error)}\n`);
        } finally {
          await admin.end().catch(() => undefined);
        }
      }
    })();
    return this.running;
  }
}

/** This process's cleanup (one benchmark per process). */
export const cleanup = new Cleanup();

/** Creates the throw-away database `name` on `serverUrl`'s server; the cleanup drops it. */
export async function createScratchDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; postgresVersion: string }> {
  const admin = new Client({ connectionString: serverUrl });
  try {
    await admin.connect();
    const postgresVersion = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]
      .v;
    await admin.query(`CREATE DATABASE ${name}`);
    cleanup.dropDatabase(serverUrl, name);
    return { url: databaseUrl(serverUrl, name), postgresVersion };
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/**
 * Runs `main` under a hard limit and SIGINT/SIGTERM handling, cleans up, adds `totalSeconds`
 * (everything, the cleanup included), prints `table` and writes it with the results to
 * `resultsFile`; then exits (1 on failure), whatever keep-alive socket or timer is left.
 */
export async function runBenchmark<M extends object>(options: {
  hardLimitMs: number;
  main: (startedAt: Date) => Promise<M>;
  table: (results: M & { totalSeconds: number }) => string;
  resultsFile: string;
}): Promise<void> {
  const { hardLimitMs, main, table, resultsFile } = options;
  const watchdog = setTimeout(() => {
    process.stderr.write(`[bench] hard limit of ${hardLimitMs / 1000} s reached\n`);
    void cleanup.run().finally(() => process.exit(1));
  }, hardLimitMs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup.run().finally(() => process.exit(130)));
  }
  try {
    const startedAt = new Date();
    const measured = await main(startedAt);
    await cleanup.run();
    const results = { ...measured, totalSeconds: round((Date.now() - startedAt.getTime()) / 1000, 1) };
    const report = table(results);
    process.stdout.write(`\n${report}\n`);
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify({ ...results, table: report.split('\n') }, null, 2)}\n`);
    log(`written to ${relative(REPO_ROOT, resultsFile)}`);
  } catch (error) {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await cleanup.run();
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
  }
  process.exit();
}
