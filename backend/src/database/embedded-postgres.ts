import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

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
