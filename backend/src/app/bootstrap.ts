import { Logger } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../config/app-config';
import { forgetPreparedStatementsOnConnect, poolOf, startEmbeddedPostgres } from '../database/embedded-postgres';
import { seedDemoData } from '../database/seeds/demo.seed';
import { storeCaughtMail } from '../infrastructure/mail/caught-mail.store';
import { startSmtpCatcher } from '../infrastructure/mail/smtp-catcher';
import { createApp } from './create-app';

/**
 * Starts the HTTP API. `worker: 'alongside'` (npm start) also runs the queues: in this process
 * on the embedded database (PGlite serves one connection at a time, so it cannot be shared with
 * a second process), else as a child process — the same `main.worker.ts` production runs.
 */
export async function startApi(options: { worker: 'none' | 'alongside' }): Promise<void> {
  const logger = new Logger('Bootstrap');
  let config = loadConfig();
  const closers: (() => Promise<void>)[] = [];
  const embeddedDatabase = !config.database.url;
  if (!config.database.url) {
    const embedded = await startEmbeddedPostgres(config.database.embedded.dataDir, config.database.embedded.port);
    closers.push(embedded.stop);
    // PGlite is a single session at heart: its socket server interleaves the extended-protocol
    // messages of concurrent connections ("unnamed prepared statement does not exist"), so the
    // embedded database gets exactly one pooled connection. Transactions then simply queue.
    config = { ...config, database: { ...config.database, url: embedded.url, poolSize: 1 } };
  }
  if (
    options.worker === 'alongside' &&
    config.seedDemoData &&
    !process.env['WORKING_HOURS'] &&
    !process.env['WORKING_DAYS']
  ) {
    // The demo shows reminders arriving in the Mailbox at once, on any day and at any hour.
    config = {
      ...config,
      reminders: { ...config.reminders, workingHours: { start: '00:00', end: '23:59', days: [1, 2, 3, 4, 5, 6, 7] } },
    };
    logger.log('demo: reminders may go out at any hour (set WORKING_HOURS and WORKING_DAYS for real working hours)');
  }
  logMailboxMode(logger, config);
  const ready: { database?: DataSource } = {};
  if (options.worker === 'alongside' && !config.mail.smtpUrl) {
    const catcher = await startSmtpCatcher({
      port: config.mail.catcherPort,
      onMessage: (mail, envelope) => {
        if (!ready.database) throw new Error('not ready'); // answered 451: the sender tries again
        return storeCaughtMail(ready.database, mail, envelope);
      },
    });
    closers.unshift(catcher.close);
    logger.log(`embedded SMTP catcher on 127.0.0.1:${catcher.port}: messages in the dashboard's Mailbox`);
  }
  const inProcess = options.worker === 'alongside' && embeddedDatabase;
  const app = await createApp(config, undefined, { withWorker: inProcess });
  const database = app.get(DataSource);
  ready.database = database;
  if (embeddedDatabase) forgetPreparedStatementsOnConnect(poolOf(database));
  if (config.seedDemoData) {
    const seeded = await seedDemoData(app);
    if (seeded) {
      logger.log(`seeded demo data: ${seeded.summary}`);
      // Shown once, on the first start: the database keeps only their hashes.
      const lines = seeded.accounts.map((a) => `  ${a.role.padEnd(12)} ${a.email.padEnd(48)} ${a.password}`);
      process.stdout.write(`\nDemo sign-in (shown only now; passwords are stored hashed):\n${lines.join('\n')}\n\n`);
    }
  }
  let child: ChildProcess | undefined;
  if (options.worker === 'alongside' && !inProcess) child = spawnWorker(config);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => {
      child?.kill('SIGTERM');
      for (const close of closers) await close();
    });
  await app.listen(config.http.port, config.http.host);
  logger.log(`Mobility Hub on http://localhost:${config.http.port}  (API /api, docs /api/docs)`);
}

/** One line at start: who may read the Mailbox (see config `mail.mailbox`). */
function logMailboxMode(logger: Logger, config: AppConfig): void {
  if (config.mail.mailbox === 'off') logger.log('Mailbox: off (SMTP_URL is set: e-mail is delivered for real)');
  else if (config.mail.mailbox === 'private')
    logger.log('Mailbox: private (each signed-in person reads the mail addressed to them)');
  else
    logger.warn(
      'Mailbox: PUBLIC demo (PUBLIC_DEMO_MAILBOX=true): every e-mail, sign-in and reset links included, to anyone on this computer',
    );
}

function spawnWorker(config: AppConfig): ChildProcess {
  const smtp = config.mail.smtpUrl ?? `smtp://127.0.0.1:${config.mail.catcherPort}`;
  const child = spawn(
    process.execPath,
    // Compiled (npm start: dist/backend) the worker is plain JavaScript; from the sources (tests,
    // `nx serve`) it runs through the same TypeScript loader as this process.
    __filename.endsWith('.js')
      ? [join(__dirname, '..', 'main.worker.js')]
      : [join(__dirname, '..', '..', 'scripts', 'run.cjs'), join(__dirname, '..', 'main.worker.ts')],
    {
      // The worker sends to the catcher through SMTP_URL; the Mailbox is the API's, so the
      // public demo switch (refused next to SMTP_URL) is not passed on.
      env: { ...process.env, DATABASE_URL: config.database.url, SMTP_URL: smtp, PUBLIC_DEMO_MAILBOX: 'false' },
      stdio: 'inherit',
    },
  );
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM') new Logger('Bootstrap').error(`worker exited (${signal ?? code})`);
  });
  return child;
}
