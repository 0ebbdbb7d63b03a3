#!/usr/bin/env node
// Runs first in `npm test`: says in one screen what the tests need and is missing, instead of
// failing twenty minutes later. PostgreSQL and Redis for the integration tests (and redis-server,
// which the delivery tests start and kill on a port of their own), Chromium for the browser tests.
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { Redis } = require('ioredis');
const { Client } = require('pg');

async function main() {
  const problems = [];
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    problems.push(
      `PostgreSQL does not answer at ${url.replace(/:[^:@/]*@/, ':***@')} (${error.message}).\n` +
        '  Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)\n' +
        '  or point TEST_DATABASE_URL at a server where this user may CREATE DATABASE.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    problems.push(
      `Redis does not answer at ${redisUrl} (${error.message}).\n` +
        '  Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    );
  } finally {
    redis.disconnect();
  }
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    problems.push(
      'redis-server is not on the PATH (the delivery tests start their own): apt-get install -y redis-server',
    );
  }
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    problems.push(`Chromium is not at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  if (problems.length > 0) {
    console.error(`npm test needs:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
}

main();
