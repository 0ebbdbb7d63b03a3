import { problemType } from '@mobility-hub/domain';
import { INestApplicationContext } from '@nestjs/common';
import { createMobilityFixture, createOrganisation } from './support/factories';
import {
  eventually,
  removeQueues,
  SmtpSink,
  startSmtpSink,
  startWorker,
  uniquePrefix,
  workerEnv,
} from './support/mail-harness';
import { HttpClient, startTestApp, TestApp } from './support/test-app';

const NOW = new Date('2026-03-02T10:00:00Z');
const PASSWORD = 'a-long-password-for-tests';

/** The invitation link's token from the e-mail written to `email` (the newest one). */
async function invitationToken(t: TestApp, email: string): Promise<string> {
  const [mail] = await t.db.query(
    `SELECT text FROM outbox WHERE kind = 'invitation' AND recipient_email = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  const match = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '');
  if (!match) throw new Error(`no invitation e-mail to ${email}`);
  return match[1];
}

function cookieOf(headers: Headers): string {
  const set = headers.get('set-cookie') ?? '';
  return set.split(';')[0];
}

function as(t: TestApp, cookie: string): HttpClient {
  return {
    request: (method, path, body, headers) => t.anonymous.request(method, path, body, { cookie, ...headers }),
    get: (path, headers) => t.anonymous.get(path, { cookie, ...headers }),
    post: (path, body, headers) => t.anonymous.post(path, body, { cookie, ...headers }),
    patch: (path, body, headers) => t.anonymous.patch(path, body, { cookie, ...headers }),
    delete: (path, headers) => t.anonymous.delete(path, { cookie, ...headers }),
  };
}

describe('invitations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(NOW, { RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => t?.close());
  beforeEach(() => t.clock.set(NOW));

  it('e-mails a one-use link; the new colleague names themselves, chooses a password and is signed in with the role', async () => {
    const sent = await t.post(`/api/organisations/${t.school.id}/invitations`, {
      email: 'Ana.Garcia@School.test',
      role: 'staff',
      name: 'Ana',
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual(
      expect.objectContaining({
        email: 'ana.garcia@school.test',
        role: 'staff',
        expiresAt: '2026-03-09T10:00:00.000Z',
      }),
    );
    expect(
      (await t.get(`/api/organisations/${t.school.id}/invitations`)).body.map((i: { email: string }) => i.email),
    ).toContain('ana.garcia@school.test');
    // The e-mail is in the school's outbox; only the hash of the token is stored.
    const outbox = (await t.get('/api/outbox?recipient=ana.garcia@school.test')).body;
    expect(outbox.items).toEqual([
      expect.objectContaining({ kind: 'invitation', subject: 'Test school lädt Sie zu Mobility Hub ein' }),
    ]);
    const token = await invitationToken(t, 'ana.garcia@school.test');
    expect(JSON.stringify(await t.db.query(`SELECT * FROM action_token WHERE purpose = 'invitation'`))).not.toContain(
      token,
    );

    const view = await t.anonymous.get(`/api/invitations/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toEqual({
      organisationName: 'Test school',
      role: 'staff',
      email: 'a•••••a@school.test',
      accountExists: false,
      expiresAt: '2026-03-09T10:00:00.000Z',
    });

    // A new account needs a name and a password: both named, nothing written, the link still works.
    const incomplete = await t.anonymous.post(`/api/invitations/${token}/accept`, {});
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'password']);
    const short = await t.anonymous.post(`/api/invitations/${token}/accept`, {
      displayName: 'Ana García',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toEqual(expect.objectContaining({ field: 'password' }));

    const accepted = await t.anonymous.post(`/api/invitations/${token}/accept`, {
      displayName: 'Ana García',
      password: PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual(
      expect.objectContaining({
        email: 'ana.garcia@school.test',
        displayName: 'Ana García',
        memberships: [expect.objectContaining({ organisationId: t.school.id, role: 'staff' })],
      }),
    );
    expect(JSON.stringify(accepted.body)).not.toContain(PASSWORD);
    const ana = as(t, cookieOf(accepted.headers));
    expect((await ana.get('/api/auth/me')).body.email).toBe('ana.garcia@school.test');
    // She signs in later with the password she chose.
    expect(
      (await t.anonymous.post('/api/auth/sign-in', { email: 'ana.garcia@school.test', password: PASSWORD })).status,
    ).toBe(200);

    // Used: the link explains itself; the invitation is no longer pending.
    const again = await t.anonymous.post(`/api/invitations/${token}/accept`, {
      displayName: 'Mallory',
      password: PASSWORD,
    });
    expect(again.status).toBe(410);
    expect(again.body).toEqual(expect.objectContaining({ type: problemType('link-used'), renewable: true }));
    expect((await t.anonymous.get(`/api/invitations/${token}`)).status).toBe(410);
    expect(
      (await t.get(`/api/organisations/${t.school.id}/invitations`)).body.map((i: { email: string }) => i.email),
    ).not.toContain('ana.garcia@school.test');

    const audit = (await t.get(`/api/organisations/${t.school.id}/audit?pageSize=100`)).body.items as {
      kind: string;
      detail: Record<string, unknown>;
    }[];
    expect(audit.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['invitation-sent', 'invitation-accepted', 'sign-in']),
    );
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('an invitation expires after 7 days; a tampered token or one of another purpose is not found', async () => {
    await t.post(`/api/organisations/${t.school.id}/invitations`, { email: 'late@school.test', role: 'staff' });
    const token = await invitationToken(t, 'late@school.test');
    t.clock.set(new Date(NOW.getTime() + 7 * 86_400_000 + 1000));
    const expired = await t.anonymous.post(`/api/invitations/${token}/accept`, {
      displayName: 'Late',
      password: PASSWORD,
    });
    expect(expired.status).toBe(410);
    expect(expired.body.type).toBe(problemType('link-expired'));
    expect((await t.db.query(`SELECT 1 FROM user_account WHERE email = 'late@school.test'`)).length).toBe(0);

    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await t.anonymous.get(`/api/invitations/${tampered}`)).status).toBe(404);
    // A password-reset link's token is not an invitation.
    await t.anonymous.post('/api/auth/password-reset', { email: t.coordinator.email });
    // The link is mailed just after the answer.
    await eventually(async () => (await t.count('link_request')) === 0, 20_000, 'the reset link mailed');
    const [reset] = await t.db.query(
      `SELECT text FROM outbox WHERE kind = 'password-reset' ORDER BY created_at DESC LIMIT 1`,
    );
    const resetToken = /reset-password\/([A-Za-z0-9_-]{43})/.exec(reset.text)?.[1] ?? '';
    expect(resetToken).toHaveLength(43);
    expect(
      (await t.anonymous.post(`/api/invitations/${resetToken}/accept`, { displayName: 'X', password: PASSWORD }))
        .status,
    ).toBe(404);
  });

  it('an existing account accepting gets the organisation added and keeps its password', async () => {
    const colleague = await t.createUser({ role: 'staff', organisationId: t.school.id }, 'colleague@school.test');
    await t.db.query(`UPDATE user_account SET password_hash = NULL WHERE id = $1`, [colleague.userId]);
    const host = await createOrganisation(t, { name: 'Host with mentors' });
    expect(
      (await t.post(`/api/organisations/${host.id}/invitations`, { email: 'colleague@school.test', role: 'mentor' }))
        .status,
    ).toBe(201);
    const token = await invitationToken(t, 'colleague@school.test');
    expect((await t.anonymous.get(`/api/invitations/${token}`)).body.accountExists).toBe(true);
    // The link is no password: an existing account accepts only while signed in as itself.
    const anonymous = await t.anonymous.post(`/api/invitations/${token}/accept`, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.type).toBe(problemType('sign-in-first'));
    expect(anonymous.headers.get('set-cookie')).toBeNull();
    expect((await t.post(`/api/invitations/${token}/accept`, {})).status).toBe(401); // someone else's session
    const accepted = await colleague.client.post(`/api/invitations/${token}/accept`, {
      password: 'would overwrite it',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('set-cookie')).toBeNull(); // the session in use stays
    expect(accepted.body.memberships.map((m: { role: string }) => m.role).sort()).toEqual(['mentor', 'staff']);
    const [row] = await t.db.query(`SELECT password_hash FROM user_account WHERE id = $1`, [colleague.userId]);
    expect(row.password_hash).toBeNull();
  });

  it('invites only with a role the organisation can have, and not someone who is already a member', async () => {
    const host = await createOrganisation(t, { name: 'Host for roles' });
    const staffInHost = await t.post(`/api/organisations/${host.id}/invitations`, {
      email: 'boss@host.test',
      role: 'coordinator',
    });
    expect(staffInHost.status).toBe(422);
    expect(staffInHost.body.errors[0]).toEqual(expect.objectContaining({ field: 'role' }));
    const member = await t.post(`/api/organisations/${t.school.id}/invitations`, {
      email: t.coordinator.email,
      role: 'staff',
    });
    expect(member.status).toBe(409);
    expect(member.body.errors[0].field).toBe('email');
    const bad = await t.post(`/api/organisations/${t.school.id}/invitations`, {
      email: 'not an address',
      role: 'chief',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'role']);
  });

  it('a revoked invitation stops working', async () => {
    const sent = await t.post(`/api/organisations/${t.school.id}/invitations`, {
      email: 'revoked@school.test',
      role: 'staff',
    });
    const token = await invitationToken(t, 'revoked@school.test');
    expect((await t.delete(`/api/organisations/${t.school.id}/invitations/${sent.body.id}`)).status).toBe(204);
    expect(
      (await t.anonymous.post(`/api/invitations/${token}/accept`, { displayName: 'R', password: PASSWORD })).status,
    ).toBe(410);
    expect((await t.delete(`/api/organisations/${t.school.id}/invitations/${sent.body.id}`)).status).toBe(404);
  });

  it('two invitations to one new address accepted at once: one account, the other asked to sign in (never a 500)', async () => {
    const other = await createOrganisation(t, { kind: 'vet-provider', name: 'Second school' });
    await t.db.query(`UPDATE organisation SET registered_by_organisation_id = NULL WHERE id = $1`, [other.id]);
    await t.addMembership(t.coordinator.userId, other.id, 'coordinator');
    await t.post(`/api/organisations/${t.school.id}/invitations`, { email: 'twice@new.test', role: 'staff' });
    const first = await invitationToken(t, 'twice@new.test');
    await t.post(`/api/organisations/${other.id}/invitations`, { email: 'twice@new.test', role: 'staff' });
    // Both mails were written at the same (fixed) instant: the second is the one with the other token.
    const mails = await t.db.query(
      `SELECT text FROM outbox WHERE kind = 'invitation' AND recipient_email = 'twice@new.test'`,
    );
    const second = mails
      .map((m: { text: string }) => /\/invitation\/([A-Za-z0-9_-]{43})/.exec(m.text)?.[1])
      .find((x: string | undefined) => x && x !== first);
    const answers = await Promise.all(
      [first, second].map((token) =>
        t.anonymous.post(`/api/invitations/${token}/accept`, { displayName: 'Twice', password: PASSWORD }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    expect((await t.db.query(`SELECT 1 FROM user_account WHERE email = 'twice@new.test'`)).length).toBe(1);
  });

  it('invitation e-mails are the coordinators’ business: staff do not find them in the outbox', async () => {
    await t.post(`/api/organisations/${t.school.id}/invitations`, { email: 'quiet@school.test', role: 'staff' });
    expect((await t.get('/api/outbox?recipient=quiet@school.test')).body.total).toBe(1);
    const staff = await t.createUser({ role: 'staff', organisationId: t.school.id });
    expect((await staff.client.get('/api/outbox?recipient=quiet@school.test')).body.total).toBe(0);
  });
});

describe('members and roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(NOW, { RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => t?.close());

  it('a coordinator changes a role; the change takes effect on the next request and is in the audit log', async () => {
    const fixture = await createMobilityFixture(t);
    const staff = await t.createUser({ role: 'staff', organisationId: fixture.sending.id }, 'staff@fixture.test');
    expect(
      (await staff.client.post(`/api/mobilities/${fixture.mobility.id}/events`, { type: 'WITHDRAW', reason: 'x' }))
        .status,
    ).toBe(403);

    const changed = await t.patch(`/api/organisations/${fixture.sending.id}/members/${staff.userId}`, {
      role: 'coordinator',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(expect.objectContaining({ userId: staff.userId, role: 'coordinator' }));
    expect((await staff.client.get(`/api/mobilities/${fixture.mobility.id}`)).body.allowedEvents).toContain('WITHDRAW');

    const audit = (await t.get(`/api/organisations/${fixture.sending.id}/audit`)).body.items;
    expect(audit[0]).toEqual(
      expect.objectContaining({
        kind: 'role-changed',
        userEmail: 'staff@fixture.test',
        detail: expect.objectContaining({ from: 'staff', to: 'coordinator', by: t.coordinator.email }),
      }),
    );
    // Staff read no audit log; another school's coordinator does not even find the organisation.
    const other = await t.createUser({ role: 'staff', organisationId: fixture.sending.id });
    expect((await other.client.get(`/api/organisations/${fixture.sending.id}/audit`)).status).toBe(403);
  });

  it('keeps the last coordinator: neither demoted nor removed', async () => {
    const [school] = await t.db.query(
      `INSERT INTO organisation (name, kind, country, city, time_zone) VALUES ('Lonely school', 'vet-provider', 'DE', 'Bonn', 'Europe/Berlin') RETURNING id`,
    );
    const only = await t.createUser({ role: 'coordinator', organisationId: school.id });
    const demote = await only.client.patch(`/api/organisations/${school.id}/members/${only.userId}`, { role: 'staff' });
    expect(demote.status).toBe(409);
    expect(demote.body.type).toBe(problemType('last-coordinator'));
    expect((await only.client.delete(`/api/organisations/${school.id}/members/${only.userId}`)).status).toBe(409);
    expect((await t.db.query(`SELECT role FROM membership WHERE user_id = $1`, [only.userId]))[0].role).toBe(
      'coordinator',
    );
  });

  it('a removed member loses access at once, and another organisation’s members are not found', async () => {
    const fixture = await createMobilityFixture(t);
    const staff = await t.createUser({ role: 'staff', organisationId: fixture.sending.id });
    expect((await staff.client.get(`/api/mobilities/${fixture.mobility.id}`)).status).toBe(200);
    expect((await t.delete(`/api/organisations/${fixture.sending.id}/members/${staff.userId}`)).status).toBe(204);
    expect((await staff.client.get(`/api/mobilities/${fixture.mobility.id}`)).status).toBe(404);
    expect((await t.get(`/api/organisations/${fixture.sending.id}/audit`)).body.items[0]).toEqual(
      expect.objectContaining({ kind: 'member-removed' }),
    );
    expect(
      (await t.patch(`/api/organisations/${fixture.sending.id}/members/${staff.userId}`, { role: 'staff' })).status,
    ).toBe(404);
  });

  it('the audit log shows the organisation’s own events only', async () => {
    const fixture = await createMobilityFixture(t);
    const member = await t.createUser({ role: 'staff', organisationId: fixture.sending.id }, 'audited@fixture.test');
    await t.db.query(`UPDATE user_account SET password_hash = $2 WHERE id = $1`, [member.userId, 'not-a-hash']);
    await t.anonymous.post('/api/auth/sign-in', { email: 'audited@fixture.test', password: 'wrong password here' });
    await t.anonymous.post('/api/auth/sign-in', { email: 'stranger@elsewhere.test', password: 'wrong password here' });
    // The member also coordinates another school and invites someone there: that is the other school's business.
    const [elsewhere] = await t.db.query(
      `INSERT INTO organisation (name, kind, country, city, time_zone) VALUES ('Elsewhere school', 'vet-provider', 'FR', 'Lyon', 'Europe/Paris') RETURNING id`,
    );
    await t.addMembership(member.userId, elsewhere.id, 'coordinator');
    expect(
      (
        await member.client.post(`/api/organisations/${elsewhere.id}/invitations`, {
          email: 'secret-invitee@elsewhere.test',
          role: 'staff',
        })
      ).status,
    ).toBe(201);
    const items = (await t.get(`/api/organisations/${fixture.sending.id}/audit?pageSize=100`)).body.items as {
      kind: string;
      userEmail: string | null;
      detail: Record<string, unknown>;
    }[];
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'sign-in-failed', userEmail: 'audited@fixture.test' }),
    );
    expect(JSON.stringify(items)).not.toContain('stranger@elsewhere.test');
    expect(JSON.stringify(items)).not.toContain('wrong password here');
    expect(JSON.stringify(items)).not.toContain('secret-invitee@elsewhere.test');
    expect((await member.client.get(`/api/organisations/${elsewhere.id}/audit`)).body.items).toContainEqual(
      expect.objectContaining({
        kind: 'invitation-sent',
        detail: expect.objectContaining({ email: 'secret-invitee@elsewhere.test' }),
      }),
    );
  });
});

describe('one-use links in delivered e-mail', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    t = await startTestApp(NOW, { RATE_LIMIT_PER_MINUTE: '1000' });
    sink = await startSmtpSink();
    worker = await startWorker(workerEnv(t.databaseUrl, sink.url, prefix), t.clock);
  });
  afterAll(async () => {
    await worker?.close();
    await sink?.close();
    await removeQueues(prefix);
    await t?.close();
  });

  it('the invitation reaches the invited address with its link; once delivered, the database keeps the subject, not the link', async () => {
    await t.post(`/api/organisations/${t.school.id}/invitations`, { email: 'delivered@school.test', role: 'staff' });
    const token = await invitationToken(t, 'delivered@school.test');
    await eventually(
      () => sink.received.some((m) => m.to.includes('delivered@school.test')),
      30_000,
      'the invitation delivered',
    );
    const mail = sink.received.find((m) => m.to.includes('delivered@school.test'));
    expect(mail?.text).toContain(`/invitation/${token}`);
    await eventually(
      async () =>
        (await t.db.query(`SELECT status FROM outbox WHERE recipient_email = 'delivered@school.test'`))[0].status ===
        'sent',
      10_000,
      'marked sent',
    );
    const [row] = await t.db.query(
      `SELECT subject, html, text FROM outbox WHERE recipient_email = 'delivered@school.test'`,
    );
    expect(row).toEqual({ subject: 'Test school lädt Sie zu Mobility Hub ein', html: '', text: '' });
    // The link itself still works: only its copy in the database is gone.
    expect((await t.anonymous.get(`/api/invitations/${token}`)).status).toBe(200);
  });
});

describe('secrets stay out of the logs', () => {
  it('no password, session token or link token is written to stdout or stderr, even at the most verbose log level', async () => {
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        written.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => (stream.write = original);
    };
    const restoreOut = capture(process.stdout);
    const restoreErr = capture(process.stderr);
    const t = await startTestApp(NOW, { LOG_LEVEL: 'verbose', RATE_LIMIT_PER_MINUTE: '1000' });
    try {
      await t.post(`/api/organisations/${t.school.id}/invitations`, { email: 'logged@school.test', role: 'staff' });
      const token = await invitationToken(t, 'logged@school.test');
      const accepted = await t.anonymous.post(`/api/invitations/${token}/accept`, {
        displayName: 'Logged',
        password: PASSWORD,
      });
      expect(accepted.status).toBe(200);
      await t.anonymous.post('/api/auth/sign-in', {
        email: 'logged@school.test',
        password: 'the wrong one, on purpose',
      });
      const signedIn = await t.anonymous.post('/api/auth/sign-in', { email: 'logged@school.test', password: PASSWORD });
      const session = cookieOf(signedIn.headers).split('=')[1];
      expect(session.length).toBeGreaterThan(20);
      const output = written.join('');
      for (const secret of [PASSWORD, 'the wrong one, on purpose', token, session])
        expect(output).not.toContain(secret);
    } finally {
      restoreOut();
      restoreErr();
      await t.close();
    }
  });
});
