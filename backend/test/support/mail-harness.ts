import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { ParsedMail } from 'mailparser';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { WorkerModule } from '../../src/app/worker.module';
import { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { startSmtpCatcher } from '../../src/infrastructure/mail/smtp-catcher';
import { QUEUES, SendMailPayload } from '../../src/queue/queue-registry';
import { producerConnection } from '../../src/queue/redis';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A queue prefix of its own per test, so parallel test files never share jobs. */
export function uniquePrefix(): string {
  return `mhit${randomBytes(5).toString('hex')}`;
}

export interface ReceivedMail {
  readonly messageId: string;
  readonly to: string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers: ParsedMail['headers'];
}

/** A real SMTP server (smtp-server) whose answers the test decides; what arrived is parsed with mailparser. */
export interface SmtpSink {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** DATA attempts answered so far (accepted or refused). */
  attempts: number;
  /** Decide the answer to the next DATA: return an SMTP code to refuse, undefined to accept. */
  refuse: (attempt: number, recipients: string[]) => number | undefined;
  /** Delay before a message is accepted (a slow server keeps sends in flight). */
  delayMs: number;
  /** Message ids received in full but held at a closed gate: not kept, not answered yet. */
  readonly held: string[];
  /**
   * Closes the gate: every message that arrives from now on waits, received in full but unanswered,
   * until the returned function opens it (then they are kept and answered). With the gate closed a
   * worker's sends cannot finish, so no job of it finishes or starts: what is in flight stays put.
   */
  hold(): () => void;
  countOf(messageId: string): number;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let gate: Promise<void> | undefined;
  const sink: Omit<SmtpSink, 'url' | 'close'> & { url?: string } = {
    received: [],
    attempts: 0,
    refuse: () => undefined,
    delayMs: 0,
    held: [],
    hold() {
      let open: () => void = () => undefined;
      gate = new Promise<void>((resolve) => (open = resolve));
      return () => {
        gate = undefined;
        open();
      };
    },
    countOf(messageId: string) {
      return this.received.filter((m) => m.messageId === messageId).length;
    },
  };
  const catcher = await startSmtpCatcher({
    port: 0,
    answer: (session) => {
      const code = sink.refuse(
        ++sink.attempts,
        session.envelope.rcptTo.map((r) => r.address),
      );
      return code
        ? Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code })
        : undefined;
    },
    onMessage: async (mail, envelope) => {
      if (sink.delayMs > 0) await new Promise((r) => setTimeout(r, sink.delayMs));
      if (gate) {
        const waitingAt = gate;
        sink.held.push(mail.messageId ?? '');
        await waitingAt;
        sink.held.splice(sink.held.indexOf(mail.messageId ?? ''), 1);
      }
      sink.received.push({
        messageId: mail.messageId ?? '',
        to: envelope.to,
        subject: mail.subject ?? '',
        html: typeof mail.html === 'string' ? mail.html : '',
        text: mail.text ?? '',
        headers: mail.headers,
      });
    },
  });
  return Object.assign(sink, { url: `smtp://127.0.0.1:${catcher.port}`, close: catcher.close }) as SmtpSink;
}

export function workerEnv(
  databaseUrl: string,
  smtpUrl: string,
  prefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'error',
    // The tests trigger sweeps themselves; the schedule is there but far apart.
    REMINDER_SWEEP_INTERVAL_MS: '3600000',
    OUTBOX_RELAY_INTERVAL_MS: '100',
    MAIL_BACKOFF_MS: '50',
    DATABASE_POOL_SIZE: '5',
    ...extra,
  };
}

/** A worker as `main.worker.ts` builds it, in this process (with the test's clock). */
export async function startWorker(env: Record<string, string>, clock?: Clock): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig(env), clock), {
    logger: ['error'],
  });
  await app.init();
  return app;
}

/** A worker as its own OS process — `node backend/scripts/run.cjs backend/src/main.worker.ts`. */
export function spawnWorker(env: Record<string, string>): ChildProcess {
  const root = join(__dirname, '..', '..', '..');
  return spawn(process.execPath, [join(root, 'backend/scripts/run.cjs'), join(root, 'backend/src/main.worker.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Polls `check` (with a pause between tries) until it holds or the time is up. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Jobs still to do in the mail queue (waiting, active, delayed, prioritised). */
export async function mailQueueBacklog(prefix: string, redisUrl = TEST_REDIS_URL): Promise<number> {
  const connection = producerConnection(redisUrl);
  const queue = new Queue(QUEUES.mail.name, { connection, prefix });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** The mail jobs active right now (fetched and locked by a worker), as their outbox ids. */
export async function activeMailJobs(prefix: string, redisUrl = TEST_REDIS_URL): Promise<string[]> {
  const connection = producerConnection(redisUrl);
  const queue = new Queue<SendMailPayload>(QUEUES.mail.name, { connection, prefix });
  try {
    return (await queue.getActive()).map((job) => job.data.outboxId);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Removes a test's queues from the shared Redis. */
export async function removeQueues(prefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  for (const name of [QUEUES.mail.name, QUEUES.reminders.name]) {
    const connection = producerConnection(redisUrl);
    const queue = new Queue(name, { connection, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
  }
}

/** A Redis server of the test's own (to stop, flush and restart without touching the shared one). */
export interface OwnRedis {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await eventually(
      async () => {
        const redis = producerConnection(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => null });
        redis.on('error', () => undefined);
        try {
          await redis.connect();
          return (await redis.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          redis.disconnect();
        }
      },
      10_000,
      'redis-server',
    );
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      const running = child;
      if (!running) return;
      // SIGKILL: no chance to save anything (it is configured without persistence anyway).
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
      child = undefined;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
