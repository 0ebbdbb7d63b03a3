import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app/create-app';
import { loadConfig } from '../src/config/app-config';
import { MailLinks } from '../src/modules/links/mail-links';
import { removeQueues, SmtpSink, startSmtpSink, startWorker, uniquePrefix, workerEnv } from './support/mail-harness';
import { startTestApp, TestApp } from './support/test-app';

/** The secret that signs mute links when MAIL_LINK_SECRET is not set (anywhere but production). */
describe('mute links without MAIL_LINK_SECRET', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const prefix = uniquePrefix();
  const started: INestApplicationContext[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    for (const app of started) await app.close();
    await removeQueues(prefix);
    await sink.close();
    await t.close();
  });

  const worker = async () => {
    const app = await startWorker(workerEnv(t.databaseUrl, sink.url, prefix));
    started.push(app);
    return app;
  };
  const api = async (env: Record<string, string> = {}) => {
    const app: NestFastifyApplication = await createApp(
      loadConfig({ DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error', FRONTEND_DIST: '/nonexistent', ...env }),
    );
    started.push(app);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return { app, muted: (token: string) => fetch(`http://127.0.0.1:${address.port}/api/mutes/${token}`) };
  };
  const secrets = async () =>
    (await t.db.query(`SELECT name, secret FROM installation_secret`)) as { name: string; secret: string }[];

  it('signs with a random secret of this installation, the same in the API and the worker, never with the old default', async () => {
    // The default that used to be in the source signs nothing any more.
    const forged = new MailLinks(t.url, 'development-only-mail-link-secret-change-me').muteToken(
      'learner@school.example',
      'task-advice',
    );
    expect((await t.anonymous.get(`/api/mutes/${forged}`)).status).toBe(404);

    const [generated, ...more] = await secrets();
    expect(more).toEqual([]);
    expect(generated).toEqual({ name: 'mail-link', secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });

    // The worker renders reminders and digests, with their mute links: the API reads them back.
    const fromWorker = (await worker()).get(MailLinks).muteToken('learner@school.example', 'task-advice');
    const read = await t.anonymous.get(`/api/mutes/${fromWorker}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ kind: 'task-advice', muted: false });

    expect(await secrets()).toEqual([generated]);
  });

  it('an API and a worker starting together on a new installation make one secret and both use it', async () => {
    await t.db.query(`DELETE FROM installation_secret`);
    const [second, secondWorker] = await Promise.all([api(), worker()]);
    const [made, ...more] = await secrets();
    expect(more).toEqual([]);
    const token = secondWorker.get(MailLinks).muteToken('mentor@host.example', 'task-reminder');
    expect((await second.muted(token)).status).toBe(200);
    expect(second.app.get(MailLinks).muteToken('mentor@host.example', 'task-reminder')).toBe(token);
    expect(new MailLinks('x', made.secret).readMuteToken(token)).toEqual({
      recipient: 'mentor@host.example',
      kind: 'task-reminder',
    });
  });

  it('a configured MAIL_LINK_SECRET wins over the generated one', async () => {
    const configured = 'a configured secret of at least 32 characters';
    const own = await api({ MAIL_LINK_SECRET: configured });
    const [generated] = await secrets();
    const signed = new MailLinks('x', configured).muteToken('learner@school.example', 'weekly-digest');
    expect((await own.muted(signed)).status).toBe(200);
    expect(own.app.get(MailLinks).muteToken('learner@school.example', 'weekly-digest')).toBe(signed);
    const withGenerated = new MailLinks('x', generated.secret).muteToken('learner@school.example', 'weekly-digest');
    expect((await own.muted(withGenerated)).status).toBe(404);
  });
});
