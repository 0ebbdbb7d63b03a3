/*
 * Plumbing for the benchmarks: child servers, free ports, a keep-alive HTTP client, a bounded
 * worker pool and latency statistics. Nothing here knows about mobilities.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

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
      server.close(() => (address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A TypeScript entrypoint running as a child `node backend/scripts/run.cjs <entry>`. */
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
    this.process = spawn(process.execPath, [...nodeArgs, RUN_TS, entry], {
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
      if (!this.running) throw new Error(`${this.name} exited (${JSON.stringify(this.exited)}) before it was ready:\n${this.output()}`);
      const status = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready after ${timeoutMs} ms (${url}):\n${this.output()}`);
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

/** One JSON request over a keep-alive agent (lighter than fetch for the client side of a benchmark). */
export function requestJson(agent: Agent, method: string, url: string, body?: unknown, timeoutMs = 10_000): Promise<JsonResponse> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const started = process.hrtime.bigint();
  return new Promise((done, fail) => {
    const req = request(
      url,
      {
        method,
        agent,
        timeout: timeoutMs,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
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
