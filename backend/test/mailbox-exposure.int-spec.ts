import { problemType } from '@mobility-hub/domain';
import { INestApplicationContext } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { request as httpRequest } from 'node:http';
import { storeCaughtMail } from '../src/infrastructure/mail/caught-mail.store';
import { SmtpCatcher, startSmtpCatcher } from '../src/infrastructure/mail/smtp-catcher';
import { expectContract } from './support/contract';
import { createOrganisation, createProject } from './support/factories';
import { eventually, removeQueues, startWorker, uniquePrefix, workerEnv } from './support/mail-harness';
import { HttpClient, HttpResult, startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Who reads the embedded catcher's Mailbox (GET /api/mailbox, GET /api/mailbox/{id}), through HTTP
 * against the real app and PostgreSQL:
 * - SMTP_URL set: there is no Mailbox, for anyone;
 * - the default, private Mailbox: a signed-in person reads only the mail addressed to them or to an
 *   organisation they coordinate — so nobody can read someone else's password-reset link;
 * - PUBLIC_DEMO_MAILBOX=true: every message, to requests made on this computer only (loopback client
 *   and Host, no proxy); anything else is answered as by the private Mailbox.
 */

const NOW = new Date('2026-03-02T10:00:00Z'); // a Monday morning: mail goes out at once

interface Summary {
  id: string;
  to: string[];
  subject: string;
}

/** Keeps one message with the real store function, as the catcher does (envelope recipients as given). */
async function catchMail(t: TestApp, to: string[], subject: string, body = 'Hello'): Promise<string> {
  const messageId = `<${subject.replace(/\W+/g, '-')}-${Date.now()}@mobility-hub.test>`;
  const raw = `From: Mobility Hub <no-reply@mobility-hub.test>\r\nTo: ${to.join(', ')}\r\nSubject: ${subject}\r\nMessage-ID: ${messageId}\r\n\r\n${body}\r\n`;
  await storeCaughtMail(t.db, await simpleParser(raw), { from: 'no-reply@mobility-hub.test', to });
  const [row] = await t.db.query(`SELECT id FROM caught_mail WHERE message_id = $1`, [messageId]);
  return row.id;
}

/** Everything the caller's Mailbox lists (one page of up to 100). */
async function listed(
  client: HttpClient,
  query = '',
): Promise<HttpResult<{ items: Summary[]; total: number; scope: string }>> {
  return client.get(`/api/mailbox?pageSize=100${query}`);
}

/**
 * A GET with headers `fetch` will not send (Host): a raw HTTP request to the test app, its answer
 * checked against the contract like every other.
 */
function rawGet(t: TestApp, path: string, headers: Record<string, string>): Promise<HttpResult> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text ? JSON.parse(text) : undefined;
        const contentType = res.headers['content-type'] ?? null;
        expectContract({ method: 'GET', path, status: res.statusCode ?? 0, contentType, body });
        resolve({ status: res.statusCode ?? 0, headers: new Headers(), body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Mailbox with a real mail server (SMTP_URL set)', () => {
  let t: TestApp;
  let caughtId: string;

  beforeAll(async () => {
    t = await startTestApp(NOW, { SMTP_URL: 'smtp://127.0.0.1:2525' });
    // A row left from an earlier run with the catcher: still nobody's to read.
    caughtId = await catchMail(t, ['coordinator@school.test'], 'Left from the demo');
  });
  afterAll(() => t?.close());

  it('does not exist, for anonymous and for the coordinator alike', async () => {
    for (const client of [t.anonymous, t.coordinator.client]) {
      const list = await client.get('/api/mailbox');
      expect(list.status).toBe(404);
      expect(list.body.type).toBe(problemType('not-found'));
      expect((await client.get(`/api/mailbox/${caughtId}`)).status).toBe(404);
    }
  });
});

describe('the private Mailbox (the catcher without PUBLIC_DEMO_MAILBOX): each person reads their own mail', () => {
  let t: TestApp;
  let catcher: SmtpCatcher;
  let worker: INestApplicationContext;
  const prefix = uniquePrefix();
  let people: Record<'staff' | 'learner' | 'mentor' | 'otherCoordinator', TestUser>;
  let mail: Record<'reset' | 'schoolContact' | 'placement' | 'learnerLink' | 'otherSchool', string>;

  beforeAll(async () => {
    t = await startTestApp(NOW, { RATE_LIMIT_PER_MINUTE: '1000' });
    // The embedded catcher and a worker, as `npm start` runs them: mail goes outbox → queue → SMTP → caught_mail.
    catcher = await startSmtpCatcher({ port: 0, onMessage: (m, envelope) => storeCaughtMail(t.db, m, envelope) });
    worker = await startWorker(workerEnv(t.databaseUrl, `smtp://127.0.0.1:${catcher.port}`, prefix), t.clock);

    // The school (Test school, contact school@example.org) registers a host company and places a learner there.
    const host = await createOrganisation(t, { email: 'placements@host-company.example', city: 'Madrid' });
    const project = await createProject(t, { beneficiaryOrganisationId: t.school.id });
    const created = await t.post(`/api/projects/${project.id}/mobilities`, {
      participant: { firstName: 'Lena', lastName: 'Schmidt', email: 'lena@learners.example' },
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: t.school.id,
      hostOrganisationId: host.id,
      startDate: '2026-06-01',
      endDate: '2026-06-28',
    });
    expect(created.status).toBe(201);
    const [otherSchool] = await t.db.query(
      `INSERT INTO organisation (name, kind, country, city, email, time_zone)
       VALUES ('Other school', 'vet-provider', 'AT', 'Graz', 'office@other-school.example', 'Europe/Vienna') RETURNING id`,
    );
    people = {
      staff: await t.createUser({ role: 'staff', organisationId: t.school.id }, 'staff@school.test'),
      learner: await t.createUser({ personId: created.body.participant.id }, 'lena@learners.example'),
      mentor: await t.createUser({ role: 'mentor', organisationId: host.id }, 'mentor@host-company.example'),
      otherCoordinator: await t.createUser(
        { role: 'coordinator', organisationId: otherSchool.id },
        'boss@other-school.example',
      ),
    };

    // THE ATTACK of issue 12: anyone asks for a reset of the coordinator's password, and a learner's sign-in link.
    expect((await t.anonymous.post('/api/auth/password-reset', { email: 'coordinator@school.test' })).status).toBe(202);
    expect((await t.anonymous.post('/api/auth/sign-in-link', { email: 'lena@learners.example' })).status).toBe(202);
    const caughtOf = async (address: string, kind: string) =>
      (
        await t.db.query(
          `SELECT c.id FROM caught_mail c JOIN outbox o ON c.message_id = o.smtp_message_id
            WHERE o.recipient_email = $1 AND o.kind = $2`,
          [address, kind],
        )
      )[0]?.id as string | undefined;
    let found: Record<string, string | undefined> = {};
    await eventually(
      async () => {
        found = {
          reset: await caughtOf('coordinator@school.test', 'password-reset'),
          placement: await caughtOf('placements@host-company.example', 'placement-request'),
          learnerLink: await caughtOf('lena@learners.example', 'sign-in-link'),
        };
        return Object.values(found).every(Boolean);
      },
      30_000,
      'the reset, placement and sign-in mails delivered to the catcher',
    );
    mail = {
      reset: found['reset'] as string,
      placement: found['placement'] as string,
      learnerLink: found['learnerLink'] as string,
      // Mail to the school's contact address, written in another case than the organisation's.
      schoolContact: await catchMail(t, ['School@Example.ORG'], 'Digest for the school'),
      otherSchool: await catchMail(t, ['office@other-school.example'], 'Digest for the other school'),
    };
  }, 90_000);

  afterAll(async () => {
    await worker?.close();
    await catcher?.close();
    await removeQueues(prefix);
    await t?.close();
  });

  it('answers anonymous 401 (a problem saying to sign in): nobody reads the coordinator’s reset link', async () => {
    for (const path of ['/api/mailbox', `/api/mailbox?q=coordinator%40school.test`, `/api/mailbox/${mail.reset}`]) {
      const answer = await t.anonymous.get(path);
      expect({ path, status: answer.status, type: answer.body.type }).toEqual({
        path,
        status: 401,
        type: problemType('signed-out'),
      });
      expect(JSON.stringify(answer.body)).not.toContain('reset-password');
    }
  });

  it('shows the coordinator their own mail and their school’s, not the learner’s link nor the host’s placement link', async () => {
    const coordinator = t.coordinator.client;
    const list = await listed(coordinator);
    expect(list.status).toBe(200);
    expect(list.body.scope).toBe('mine');
    const ids = list.body.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([mail.reset, mail.schoolContact]));
    for (const other of [mail.placement, mail.learnerLink, mail.otherSchool]) expect(ids).not.toContain(other);
    expect(list.body.total).toBe(list.body.items.length);
    for (const item of list.body.items)
      expect(item.to.map((a) => a.toLowerCase())).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(coordinator@school\.test|school@example\.org)$/)]),
      );

    const reset = await coordinator.get(`/api/mailbox/${mail.reset}`);
    expect(reset.status).toBe(200);
    expect(reset.body.text).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}/);
    expect((await coordinator.get(`/api/mailbox/${mail.schoolContact}`)).status).toBe(200);
    for (const other of [mail.placement, mail.learnerLink, mail.otherSchool])
      expect((await coordinator.get(`/api/mailbox/${other}`)).status).toBe(404);
  });

  it('shows the staff member, the learner, the host’s mentor and another school’s coordinator none of it', async () => {
    const own: Record<keyof typeof people, string[]> = {
      staff: [],
      learner: [mail.learnerLink],
      mentor: [],
      otherCoordinator: [mail.otherSchool],
    };
    for (const [who, person] of Object.entries(people) as [keyof typeof people, TestUser][]) {
      const list = await listed(person.client);
      expect({ who, status: list.status, scope: list.body.scope }).toEqual({ who, status: 200, scope: 'mine' });
      expect({ who, ids: list.body.items.map((i) => i.id).sort() }).toEqual({ who, ids: [...own[who]].sort() });
      expect({ who, total: list.body.total }).toEqual({ who, total: own[who].length });
      for (const id of Object.values(mail).filter((id) => !own[who].includes(id))) {
        const answer = await person.client.get(`/api/mailbox/${id}`);
        expect({ who, id, status: answer.status }).toEqual({ who, id, status: 404 });
      }
      // Searching for the coordinator's address finds nothing either.
      expect((await listed(person.client, '&q=coordinator%40school.test')).body.total).toBe(0);
    }
    const link = await people.learner.client.get(`/api/mailbox/${mail.learnerLink}`);
    expect(link.body.text).toMatch(/\/sign-in\/link\/[A-Za-z0-9_-]{43}/);
  });

  it('keeps the search, the Message-ID filter and the paging within what the person may read', async () => {
    const coordinator = t.coordinator.client;
    const [learnerLink] = await t.db.query(`SELECT message_id FROM caught_mail WHERE id = $1`, [mail.learnerLink]);
    const [reset] = await t.db.query(`SELECT message_id FROM caught_mail WHERE id = $1`, [mail.reset]);
    expect((await listed(coordinator, `&messageId=${encodeURIComponent(reset.message_id)}`)).body.items).toEqual([
      expect.objectContaining({ id: mail.reset }),
    ]);
    const foreign = await listed(coordinator, `&messageId=${encodeURIComponent(learnerLink.message_id)}`);
    expect({ total: foreign.body.total, items: foreign.body.items }).toEqual({ total: 0, items: [] });
    expect((await listed(coordinator, '&q=lena%40learners.example')).body.total).toBe(0);
    expect((await listed(coordinator, '&q=digest')).body.items.map((i) => i.id)).toEqual([mail.schoolContact]);

    const all = (await listed(coordinator)).body;
    const first = await coordinator.get(`/api/mailbox?pageSize=1&page=1`);
    const second = await coordinator.get(`/api/mailbox?pageSize=1&page=2`);
    expect([first.body.total, second.body.total]).toEqual([all.total, all.total]);
    expect([...first.body.items, ...second.body.items].map((i: Summary) => i.id)).toEqual(
      all.items.slice(0, 2).map((i) => i.id),
    );
  });

  it('follows the role: a coordinator made staff no longer reads the school’s mail, only their own', async () => {
    await t.db.query(`UPDATE membership SET role = 'staff' WHERE user_id = $1 AND organisation_id = $2`, [
      t.coordinator.userId,
      t.school.id,
    ]);
    try {
      const ids = (await listed(t.coordinator.client)).body.items.map((i) => i.id);
      expect(ids).toContain(mail.reset);
      expect(ids).not.toContain(mail.schoolContact);
      expect((await t.coordinator.client.get(`/api/mailbox/${mail.schoolContact}`)).status).toBe(404);
    } finally {
      await t.db.query(`UPDATE membership SET role = 'coordinator' WHERE user_id = $1 AND organisation_id = $2`, [
        t.coordinator.userId,
        t.school.id,
      ]);
    }
  });
});

describe('the public demo Mailbox (PUBLIC_DEMO_MAILBOX=true): every message, to this computer only', () => {
  let t: TestApp;
  let mine: string;
  let theirs: string;
  let port: string;

  beforeAll(async () => {
    // TRUST_PROXY: a proxy's X-Forwarded-For decides the client address, as it would behind one.
    t = await startTestApp(NOW, { PUBLIC_DEMO_MAILBOX: 'true', HOST: '127.0.0.1', TRUST_PROXY: 'true' });
    port = new URL(t.url).port;
    mine = await catchMail(t, ['coordinator@school.test'], 'Reset your password');
    theirs = await catchMail(t, ['someone@elsewhere.example'], 'Sign in to Mobility Hub');
  });
  afterAll(() => t?.close());

  it('shows anonymous on loopback every message, by any loopback name', async () => {
    const list = await listed(t.anonymous);
    expect(list.status).toBe(200);
    expect(list.body.scope).toBe('all');
    expect(list.body.items.map((i) => i.id).sort()).toEqual([mine, theirs].sort());
    expect((await t.anonymous.get(`/api/mailbox/${theirs}`)).status).toBe(200);
    for (const host of [`localhost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`, 'localhost']) {
      const answer = await rawGet(t, '/api/mailbox', { host });
      expect({ host, status: answer.status, scope: answer.body.scope }).toEqual({ host, status: 200, scope: 'all' });
    }
  });

  it('answers a request naming another host (DNS rebinding) as the private Mailbox does', async () => {
    for (const host of [`mailbox.attacker.example:${port}`, 'attacker.example', `127.0.0.1.nip.io:${port}`]) {
      const anonymous = await rawGet(t, '/api/mailbox', { host });
      expect({ host, status: anonymous.status }).toEqual({ host, status: 401 });
      expect((await rawGet(t, `/api/mailbox/${theirs}`, { host })).status).toBe(401);
      const signedIn = await rawGet(t, '/api/mailbox?pageSize=100', { host, cookie: t.coordinator.cookie });
      expect({ host, status: signedIn.status, scope: signedIn.body.scope }).toEqual({
        host,
        status: 200,
        scope: 'mine',
      });
      expect(signedIn.body.items.map((i: Summary) => i.id)).toEqual([mine]);
      expect((await rawGet(t, `/api/mailbox/${theirs}`, { host, cookie: t.coordinator.cookie })).status).toBe(404);
    }
  });

  it('answers a request from a remote client (X-Forwarded-For through a trusted proxy) as the private Mailbox does', async () => {
    for (const forwarded of ['203.0.113.9', '2001:db8::7', '127.0.0.1']) {
      const headers = { 'x-forwarded-for': forwarded };
      const anonymous = await t.anonymous.get('/api/mailbox', headers);
      expect({ forwarded, status: anonymous.status }).toEqual({ forwarded, status: 401 });
      expect((await t.anonymous.get(`/api/mailbox/${mine}`, headers)).status).toBe(401);
      const signedIn = await listed({ get: (path: string) => t.coordinator.client.get(path, headers) } as HttpClient);
      expect({ forwarded, scope: signedIn.body.scope }).toEqual({ forwarded, scope: 'mine' });
      expect(signedIn.body.items.map((i) => i.id)).toEqual([mine]);
    }
  });
});
