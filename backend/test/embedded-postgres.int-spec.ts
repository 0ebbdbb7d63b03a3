import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { forgetPreparedStatementsOnConnect } from '../src/database/embedded-postgres';

/**
 * The embedded database of `npm start` is one PGlite session behind a socket: a named prepared
 * statement outlives the pg connection that made it. When the pool replaces its connection (idle
 * timeout, a broken socket), the hot paths' prepared statements must keep working.
 */
describe('the embedded PostgreSQL and named prepared statements', () => {
  let dir: string;
  let server: ChildProcess | undefined;
  const embedded = { url: '' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mh-pglite-'));
    const root = join(__dirname, '..', '..');
    server = spawn(
      process.execPath,
      [
        join(root, 'backend/scripts/run.cjs'),
        join(__dirname, 'support/embedded-postgres-server.ts'),
        dir,
        String(41000 + Math.floor(Math.random() * 9000)),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    embedded.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server?.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const ready = /ready (\S+)/.exec(out);
        if (ready) resolve(ready[1]);
      });
      server?.on('exit', (code) => reject(new Error(`the embedded PostgreSQL exited (${code})`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.on('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const statement = (name: string) => ({ name, text: 'SELECT $1::int + 1 AS answer', values: [41] });
  const idle = () => new Promise((resolve) => setTimeout(resolve, 300));

  async function twiceAcrossAReconnect(pool: Pool, name: string): Promise<unknown> {
    const first = await pool.query(statement(name));
    expect(first.rows).toEqual([{ answer: 42 }]);
    await idle(); // the pool closes its idle connection; the next query opens a new one
    expect(pool.totalCount).toBe(0);
    return (await pool.query(statement(name))).rows;
  }

  it('without help, a new connection cannot prepare a statement the session still holds (why the fix exists)', async () => {
    const pool = new Pool({ connectionString: embedded.url, max: 1, idleTimeoutMillis: 100 });
    try {
      await expect(twiceAcrossAReconnect(pool, 'mh_test_plain')).rejects.toMatchObject({ code: '42P05' });
    } finally {
      await pool.end();
    }
  });

  it('a new connection forgets the session’s prepared statements first, so they work again', async () => {
    const pool = new Pool({ connectionString: embedded.url, max: 1, idleTimeoutMillis: 100 });
    forgetPreparedStatementsOnConnect(pool);
    try {
      await expect(twiceAcrossAReconnect(pool, 'mh_test_forgotten')).resolves.toEqual([{ answer: 42 }]);
    } finally {
      await pool.end();
    }
  });
});
