import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app/create-app';
import { FixedClock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { hashSecret } from '../../src/common/secret-hash';
import { SESSION_COOKIE } from '../../src/modules/auth/auth.service';
import { expectContract } from './contract';

/** The PostgreSQL server the integration tests use (each test file gets its own database on it). */
export const TEST_SERVER_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Requests made with one identity's session cookie (or none). */
export interface HttpClient {
  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResult<T>>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  delete<T = any>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
}

export type MemberRole = 'coordinator' | 'staff' | 'mentor';

/** A person of the test, with a live session. */
export interface TestUser {
  readonly userId: string;
  readonly email: string;
  /** `mh_session=…`, for a Cookie header. */
  readonly cookie: string;
  readonly client: HttpClient;
}

export interface TestApp extends HttpClient {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly clock: FixedClock;
  readonly db: DataSource;
  readonly databaseName: string;
  /** The test database's URL (for workers started against the same data). */
  readonly databaseUrl: string;
  /**
   * The school every test starts with: an organisation using Mobility Hub (no registrar) whose
   * coordinator is the default identity. `t.get/post/…` run as that coordinator.
   */
  readonly school: { readonly id: string };
  readonly coordinator: TestUser;
  /** Requests without a session (the anonymous caller). */
  readonly anonymous: HttpClient;
  /**
   * A new person with a session: a member of `organisationId` in `role`, or a learner whose account
   * `personId` (a mobility's `participant.id`) is linked to. (Accounts are made in SQL: the invitation flow has its own tests.)
   */
  createUser(
    options: { role: MemberRole; organisationId: string } | { personId: string },
    email?: string,
  ): Promise<TestUser>;
  /** Adds a membership to an existing user (e.g. the default coordinator in a new school). */
  addMembership(userId: string, organisationId: string, role: MemberRole): Promise<void>;
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
export async function startTestApp(
  now = new Date('2026-03-02T10:00:00Z'),
  env: Record<string, string> = {},
): Promise<TestApp> {
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

  const send = async (
    cookie: string | null,
    method: string,
    path: string,
    body?: unknown,
    given: Record<string, string> = {},
  ) => {
    // A cookie header given by the test wins; otherwise the client's session rides along.
    const headers =
      cookie && !Object.keys(given).some((h) => h.toLowerCase() === 'cookie') ? { cookie, ...given } : given;
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
    expectContract({
      method,
      path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: parsed,
    });
    return { status: response.status, headers: response.headers, body: parsed as any };
  };
  const clientOf = (cookie: string | null): HttpClient => ({
    request: (method, path, body, headers) => send(cookie, method, path, body, headers),
    get: (path, headers) => send(cookie, 'GET', path, undefined, headers),
    post: (path, body, headers) => send(cookie, 'POST', path, body ?? {}, headers),
    patch: (path, body, headers) => send(cookie, 'PATCH', path, body ?? {}, headers),
    delete: (path, headers) => send(cookie, 'DELETE', path, undefined, headers),
  });
  const db = app.get(DataSource);
  let people = 0;
  const addMembership = async (userId: string, organisationId: string, role: MemberRole) => {
    // Joined "now" by the test's clock, like everything else the test does.
    await db.query(
      `INSERT INTO membership (user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [userId, organisationId, role, clock.now().toISOString()],
    );
  };
  const createUser: TestApp['createUser'] = async (options, email) => {
    const address = email ?? `person${++people}@${'personId' in options ? 'learner' : options.role}.test`;
    const [user] = await db.query(
      `INSERT INTO user_account (email, display_name, created_at) VALUES ($1, $2, now())
       ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id`,
      [address, address.split('@')[0]],
    );
    if ('role' in options) await addMembership(user.id, options.organisationId, options.role);
    else await db.query(`UPDATE person SET user_account_id = $1 WHERE id = $2`, [user.id, options.personId]);
    const token = randomBytes(32).toString('base64url');
    await db.query(
      `INSERT INTO session (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, now(), now(), $3)`,
      [hashSecret('session', token), user.id, new Date(Date.now() + 365 * 86_400_000).toISOString()],
    );
    const cookie = `${SESSION_COOKIE}=${token}`;
    return { userId: user.id, email: address, cookie, client: clientOf(cookie) };
  };
  const [school] = await db.query(
    `INSERT INTO organisation (name, kind, country, city, email, time_zone) VALUES ('Test school', 'vet-provider', 'DE', 'Essen', 'school@example.org', 'Europe/Berlin') RETURNING id`,
  );
  const coordinator = await createUser({ role: 'coordinator', organisationId: school.id }, 'coordinator@school.test');
  return {
    app,
    url,
    clock,
    db,
    databaseName,
    databaseUrl: databaseUrl(databaseName),
    ...coordinator.client,
    school: { id: school.id },
    coordinator,
    anonymous: clientOf(null),
    createUser,
    addMembership,
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
