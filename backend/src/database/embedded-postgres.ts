import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';

export interface EmbeddedPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL (PGlite, WASM) served on a local port, so the app keeps one code path: the
 * ordinary `pg` driver. Its data lives in `dataDir` (git-ignored) and survives restarts.
 * PGlite runs one query at a time; the socket server queues the connections' queries and keeps
 * a transaction's statements together.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  const logger = new Logger('EmbeddedPostgres');
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  // Both packages are ESM-first; their CommonJS builds load fine from here.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 4 });
  await server.start();
  logger.log(`embedded PostgreSQL (PGlite) on 127.0.0.1:${port}, data in ${dir}`);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** What `forgetPreparedStatementsOnConnect` needs of a pg pool: its `connect` event and the client's query. */
interface ConnectingPool {
  on(event: 'connect', listener: (client: { query(text: string): Promise<unknown> }) => void): unknown;
}

/**
 * PGlite is ONE database session behind its socket: named prepared statements (the hot paths'
 * `preparedQuery`) outlive the pg client that made them. A new client — the pool replacing an idle
 * or broken connection — knows none of them and would get "prepared statement … already exists"
 * on every one for the rest of the process. So each new connection first forgets them all (its
 * query runs before any other: pg-pool emits `connect` before handing the client out). On a real
 * PostgreSQL every connection is a session of its own; this is for the embedded database only.
 */
export function forgetPreparedStatementsOnConnect(pool: ConnectingPool): void {
  pool.on('connect', (client) => {
    // A failure here surfaces on the client's next query; nothing to handle twice.
    client.query('DEALLOCATE ALL').catch(() => undefined);
  });
}

/** The pg pool under a TypeORM data source (PostgresDriver keeps it as `master`). */
export function poolOf(dataSource: DataSource): ConnectingPool {
  return (dataSource.driver as unknown as { master: ConnectingPool }).master;
}
