#!/usr/bin/env node
// Runs first in `npm test`: says in one screen what the tests need and is missing, instead of
// failing twenty minutes later. PostgreSQL for the integration tests, Chromium for the browser tests.
const { existsSync } = require('node:fs');
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
