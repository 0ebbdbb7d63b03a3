import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app/create-app';
import { FixedClock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';

/** The PostgreSQL server the integration tests use (each test file gets its own database on it). */
export const TEST_SERVER_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly clock: FixedClock;
  readonly db: DataSource;
  readonly databaseName: string;
  /** The test database's URL (for workers started against the same data). */
  readonly databaseUrl: string;
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  /** Row count of a table, to prove that refused requests wrote nothing. */
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates a fresh database, boots the real HTTP app on it (migrations run on start) on a random
 * port, with a fixed clock. `today` is 2026-03-02 unless the test moves the clock.
 */
export async function startTestApp(now = new Date('2026-03-02T10:00:00Z'), env: Record<string, string> = {}): Promise<TestApp> {
  const databaseName = `mh_it_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();

  const clock = new FixedClock(now);
  const config = loadConfig({
    DATABASE_URL: databaseUrl(databaseName),
    LOG_LEVEL: 'error',
    SEED_DEMO_DATA: 'false',
    FRONTEND_DIST: '/nonexistent',
    DATABASE_POOL_SIZE: '25',
    ...env,
  });
  const app = await createApp(config, clock);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;

  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body: parsed as any };
  };
  const db = app.get(DataSource);
  return {
    app,
    url,
    clock,
    db,
    databaseName,
    databaseUrl: databaseUrl(databaseName),
    request,
    get: (path, headers) => request('GET', path, undefined, headers),
    post: (path, body, headers) => request('POST', path, body ?? {}, headers),
    patch: (path, body, headers) => request('PATCH', path, body ?? {}, headers),
    count: async (table) => Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n),
    async close() {
      await app.close();
      const cleanup = new Client({ connectionString: TEST_SERVER_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
