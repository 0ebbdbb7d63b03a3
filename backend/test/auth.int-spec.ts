import { Client } from 'pg';
import { LinkRequestService } from '../src/modules/auth/link-requests.service';
import { hashPassword } from '../src/modules/auth/password';
import { createMobilityFixture, createOrganisation } from './support/factories';
import { eventually } from './support/mail-harness';
import { startTestApp, TestApp } from './support/test-app';

/** Sign-in, sessions and sign-out against real PostgreSQL, through HTTP. */
describe('accounts: sign-in and sessions', () => {
  let t: TestApp;
  const PASSWORD = 'correct horse battery staple';
  let organisation: any;

  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), {
      SIGN_IN_MAX_FAILURES: '3',
      SIGN_IN_LOCK_MINUTES: '15',
      SESSION_TTL_MINUTES: '60',
      RATE_LIMIT_PER_MINUTE: '1000', // this file signs in often from one address; the limit has its own test
    });
    organisation = await createOrganisation(t, {
      kind: 'vet-provider',
      country: 'AT',
      city: 'Graz',
      email: 'office@hak.example',
    });
  });
  afterAll(() => t.close());

  async function user(email: string, password = PASSWORD): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ($1, 'Eva Huber', $2, now()) RETURNING id`,
      [email, await hashPassword(password)],
    );
    await t.db.query(
      `INSERT INTO membership (user_id, organisation_id, role, created_at) VALUES ($1, $2, 'coordinator', now())`,
      [row.id, organisation.id],
    );
    return row.id;
  }
  // Signing in is done by someone without a session (t.post would carry the default coordinator's).
  const signIn = (email: string, password: string) => t.anonymous.post('/api/auth/sign-in', { email, password });
  const cookieOf = (res: { headers: Headers }) => (res.headers.get('set-cookie') ?? '').split(';')[0];

  it('signs in with e-mail and password into an HttpOnly, SameSite session cookie', async () => {
    await user('eva@hak.example');
    const res = await signIn('Eva@HAK.example', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String),
      email: 'eva@hak.example',
      displayName: 'Eva Huber',
      participantIds: [],
      memberships: [{ organisationId: organisation.id, organisationName: organisation.name, role: 'coordinator' }],
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^mh_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure'); // development; production sets Secure
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    expect(JSON.stringify(res.body)).not.toContain('argon2');

    const me = await t.get('/api/auth/me', { cookie: cookieOf(res) });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('eva@hak.example');
    // Only a hash of the token is stored.
    const [session] = await t.db.query(`SELECT encode(token_hash, 'hex') AS hash FROM session`);
    expect(cookieOf(res)).not.toContain(session.hash);
  });

  it('answers a wrong password and an unknown address alike, as a problem', async () => {
    await user('max@hak.example');
    const wrong = await signIn('max@hak.example', 'not the password');
    const unknown = await signIn('nobody@hak.example', 'not the password');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(wrong.body).toEqual(unknown.body);
    expect((await t.anonymous.get('/api/auth/me')).status).toBe(401);
  });

  it('answers the start-up probe with 200 whether or not someone is signed in', async () => {
    await user('lou@hak.example');
    const anonymous = await t.anonymous.get('/api/auth/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ signedIn: false, user: null });
    const signedIn = await signIn('lou@hak.example', PASSWORD);
    const session = await t.get('/api/auth/session', { cookie: cookieOf(signedIn) });
    expect(session.status).toBe(200);
    expect(session.body.signedIn).toBe(true);
    expect(session.body.user).toEqual((await t.get('/api/auth/me', { cookie: cookieOf(signedIn) })).body);
    // An ended session is simply "not signed in".
    await t.post('/api/auth/sign-out', {}, { cookie: cookieOf(signedIn) });
    expect((await t.get('/api/auth/session', { cookie: cookieOf(signedIn) })).body).toEqual({
      signedIn: false,
      user: null,
    });
  });

  it('names the field and the rule for a malformed sign-in', async () => {
    const res = await t.post('/api/auth/sign-in', { email: 'not-an-address', password: '' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('locks an address after repeated failures — known or not — and lets it in again later', async () => {
    await user('lena@hak.example');
    for (let i = 0; i < 3; i++) expect((await signIn('lena@hak.example', 'guess')).status).toBe(401);
    const locked = await signIn('lena@hak.example', PASSWORD); // even the right password
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    // An address without an account locks the same way: the answers reveal nothing.
    for (let i = 0; i < 3; i++) await signIn('ghost@hak.example', 'guess');
    expect((await signIn('ghost@hak.example', 'guess')).status).toBe(429);

    t.clock.set(new Date('2026-03-02T10:16:00Z'));
    expect((await signIn('lena@hak.example', PASSWORD)).status).toBe(200);
    t.clock.set(new Date('2026-03-02T10:00:00Z'));
  });

  it('counts parallel guesses one after the other: none slips past the lockout', async () => {
    await user('par@hak.example');
    const answers = await Promise.all(Array.from({ length: 8 }, () => signIn('par@hak.example', 'guess')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });

  it('sign-out ends the session: the same cookie no longer works', async () => {
    await user('tom@hak.example');
    const cookie = cookieOf(await signIn('tom@hak.example', PASSWORD));
    expect((await t.get('/api/auth/me', { cookie })).status).toBe(200);
    const out = await t.post('/api/auth/sign-out', {}, { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('mh_session=;');
    expect((await t.get('/api/auth/me', { cookie })).status).toBe(401);
    expect((await t.post('/api/auth/sign-out', {}, { cookie })).status).toBe(204);
  });

  it('changing the password needs the current one and ends every other session, keeping this one', async () => {
    await user('vera@hak.example');
    const here = cookieOf(await signIn('vera@hak.example', PASSWORD));
    const elsewhere = cookieOf(await signIn('vera@hak.example', PASSWORD));
    const wrong = await t.post(
      '/api/auth/password',
      { currentPassword: 'not it', password: 'a brand new password' },
      { cookie: here },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const short = await t.post(
      '/api/auth/password',
      { currentPassword: PASSWORD, password: 'short' },
      { cookie: here },
    );
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('password');
    const changed = await t.post(
      '/api/auth/password',
      { currentPassword: PASSWORD, password: 'a brand new password' },
      { cookie: here },
    );
    expect(changed.status).toBe(204);
    expect(JSON.stringify(changed.body ?? '')).not.toContain('a brand new password');
    expect((await t.get('/api/auth/me', { cookie: here })).status).toBe(200);
    expect((await t.get('/api/auth/me', { cookie: elsewhere })).status).toBe(401);
    expect((await signIn('vera@hak.example', PASSWORD)).status).toBe(401);
    expect((await signIn('vera@hak.example', 'a brand new password')).status).toBe(200);
  });

  it('guesses at the current password count towards the address’s lockout', async () => {
    await user('xena@hak.example');
    const cookie = cookieOf(await signIn('xena@hak.example', PASSWORD));
    const guess = () =>
      t.post('/api/auth/password', { currentPassword: 'a guess', password: 'a brand new password' }, { cookie });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await guess()).status);
    // SIGN_IN_MAX_FAILURES is 3 here: the third failure locks the address.
    expect(statuses).toEqual([422, 422, 422, 429]);
    // Locked for signing in too, even with the right password.
    expect((await signIn('xena@hak.example', PASSWORD)).status).toBe(429);
  });

  it('signing out everywhere ends every session of the person', async () => {
    await user('walt@hak.example');
    const one = cookieOf(await signIn('walt@hak.example', PASSWORD));
    const two = cookieOf(await signIn('walt@hak.example', PASSWORD));
    const out = await t.post('/api/auth/sign-out-everywhere', {}, { cookie: one });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('mh_session=;');
    expect((await t.get('/api/auth/me', { cookie: one })).status).toBe(401);
    expect((await t.get('/api/auth/me', { cookie: two })).status).toBe(401);
  });

  it('a session ends by itself after its lifetime', async () => {
    await user('ida@hak.example');
    const cookie = cookieOf(await signIn('ida@hak.example', PASSWORD));
    t.clock.set(new Date('2026-03-02T11:01:00Z'));
    expect((await t.get('/api/auth/me', { cookie })).status).toBe(401);
    t.clock.set(new Date('2026-03-02T10:00:00Z'));
  });

  it('keeps an audit trail of sign-ins, failures and sign-outs, without passwords', async () => {
    const id = await user('uwe@hak.example');
    await signIn('uwe@hak.example', 'wrong one');
    const cookie = cookieOf(await signIn('uwe@hak.example', PASSWORD));
    await t.post('/api/auth/sign-out', {}, { cookie });
    const events = await t.db.query(
      `SELECT kind, detail::text AS detail FROM audit_event WHERE user_id = $1 ORDER BY occurred_at, kind`,
      [id],
    );
    expect(events.map((e: { kind: string }) => e.kind).sort()).toEqual(['sign-in', 'sign-in-failed', 'sign-out']);
    for (const e of events) {
      expect(e.detail).not.toContain('wrong one');
      expect(e.detail).not.toContain(PASSWORD);
    }
  });
});

describe('accounts: e-mailed links', () => {
  let t: TestApp;
  const PASSWORD = 'correct horse battery staple';
  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set(new Date('2026-03-02T10:00:00Z')));

  const cookieOf = (res: { headers: Headers }) => (res.headers.get('set-cookie') ?? '').split(';')[0];
  const mailsTo = async (email: string) =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE recipient_email = $1`, [email]))[0].n);
  /** The requests answered so far have been handled (a link request is handled after its answer). */
  const handled = () => eventually(async () => (await t.count('link_request')) === 0, 20_000, 'link requests handled');
  async function mailTo(email: string, kind: string): Promise<{ token: string; text: string; sendAfter: Date }> {
    await handled();
    const [row] = await t.db.query(
      `SELECT text, send_after FROM outbox WHERE recipient_email = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`,
      [email, kind],
    );
    const token = /\/(?:reset-password|sign-in\/link)\/([A-Za-z0-9_-]{43})/.exec(row?.text ?? '')?.[1];
    return { token: token ?? '', text: row?.text ?? '', sendAfter: row?.send_after };
  }

  it('resets a password through a one-use e-mailed link, ending every session', async () => {
    await t.db.query(
      `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ('rita@hak.example', 'Rita', $1, now())`,
      [await hashPassword(PASSWORD)],
    );
    const session = cookieOf(await t.post('/api/auth/sign-in', { email: 'rita@hak.example', password: PASSWORD }));
    const asked = await t.post('/api/auth/password-reset', { email: 'RITA@hak.example' });
    const unknown = await t.post('/api/auth/password-reset', { email: 'nobody@hak.example' });
    expect(asked.status).toBe(202);
    expect(unknown.body).toEqual(asked.body); // nothing tells whether the address has an account
    expect((await mailTo('nobody@hak.example', 'password-reset')).token).toBe('');
    const mail = await mailTo('rita@hak.example', 'password-reset');
    expect(mail.text).toContain('Hello Rita,');
    expect(new Date(mail.sendAfter).toISOString()).toBe('2026-03-02T10:00:00.000Z'); // at once, not held for working hours

    const short = await t.post(`/api/auth/password-reset/${mail.token}`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('password');
    expect(
      (await t.post(`/api/auth/password-reset/${mail.token}`, { password: 'a brand new passphrase' })).status,
    ).toBe(204);
    expect((await t.get('/api/auth/me', { cookie: session })).status).toBe(401);
    expect((await t.post('/api/auth/sign-in', { email: 'rita@hak.example', password: PASSWORD })).status).toBe(401);
    expect(
      (await t.post('/api/auth/sign-in', { email: 'rita@hak.example', password: 'a brand new passphrase' })).status,
    ).toBe(200);
    const reused = await t.post(`/api/auth/password-reset/${mail.token}`, { password: 'yet another passphrase' });
    expect(reused.status).toBe(410);
    expect(
      (await t.post(`/api/auth/password-reset/${mail.token.slice(0, -1)}x`, { password: 'yet another passphrase' }))
        .status,
    ).toBe(404);
  });

  it('signs a learner in with an e-mailed link, once, within 15 minutes; staff get no such link', async () => {
    const { mobility } = await createMobilityFixture(t);
    // The learner's account came with the mobility: linked to the participant, without a password.
    const accounts = await t.db.query(
      `SELECT p.id AS participant_id, u.password_hash
         FROM user_account u JOIN person p ON p.user_account_id = u.id WHERE u.email = $1`,
      [mobility.participant.email],
    );
    expect(accounts).toEqual([{ participant_id: mobility.participant.id, password_hash: null }]);
    expect((await t.post('/api/auth/sign-in-link', { email: mobility.participant.email })).status).toBe(202);
    const mail = await mailTo(mobility.participant.email, 'sign-in-link');
    const signedIn = await t.post(`/api/auth/sign-in-link/${mail.token}`);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.participantIds).toEqual([mobility.participant.id]);
    expect((await t.get('/api/auth/me', { cookie: cookieOf(signedIn) })).body.participantIds).toEqual([
      mobility.participant.id,
    ]);
    expect((await t.post(`/api/auth/sign-in-link/${mail.token}`)).status).toBe(410);

    t.clock.set(new Date('2026-03-02T10:01:00Z'));
    await t.post('/api/auth/sign-in-link', { email: mobility.participant.email });
    const late = await mailTo(mobility.participant.email, 'sign-in-link');
    t.clock.set(new Date('2026-03-02T10:17:00Z'));
    const expired = await t.post(`/api/auth/sign-in-link/${late.token}`);
    expect(expired.status).toBe(410);
    expect(expired.body.detail).toContain('expired');

    await t.db.query(
      `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ('staff@hak.example', 'Staff', 'x', now())`,
    );
    expect((await t.post('/api/auth/sign-in-link', { email: 'staff@hak.example' })).status).toBe(202);
    expect((await mailTo('staff@hak.example', 'sign-in-link')).token).toBe('');
  });

  it('answers a link request before looking at the address: a held lock on the links delays the mail, not the answer', async () => {
    await t.db.query(
      `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ('paula@hak.example', 'Paula', 'x', now())`,
    );
    // Another session holds the links table: nothing can issue a link until it lets go.
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE action_token IN SHARE MODE');
      const known = await t.post('/api/auth/password-reset', { email: 'paula@hak.example' });
      const unknown = await t.post('/api/auth/password-reset', { email: 'nobody-here@hak.example' });
      expect(known.status).toBe(202);
      expect(known.body).toEqual(unknown.body);
      // The link and its mail are one transaction, which cannot commit while the lock is held.
      expect(await mailsTo('paula@hak.example')).toBe(0);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    const mail = await mailTo('paula@hak.example', 'password-reset');
    expect(mail.text).toContain('Hello Paula,');
    expect(await mailsTo('nobody-here@hak.example')).toBe(0);
    expect(await t.count('link_request')).toBe(0); // handled requests leave no trace of the address
  });

  it('mails a link at most once a minute and five times an hour per address; beyond, the same answer, no mail, and the last link still works', async () => {
    const at = (seconds: number) => t.clock.set(new Date(Date.parse('2026-03-02T10:00:00Z') + seconds * 1000));
    await t.db.query(
      `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ('lisa@hak.example', 'Lisa', $1, now())`,
      [await hashPassword(PASSWORD)],
    );
    const ask = () => t.post('/api/auth/password-reset', { email: 'lisa@hak.example' });
    const first = await ask();
    expect(first.status).toBe(202);
    const firstLink = (await mailTo('lisa@hak.example', 'password-reset')).token;
    expect(firstLink).not.toBe('');

    // Asked again at once, several times in parallel, and 59 s later: the same answer, no mail.
    const again = [...(await Promise.all(Array.from({ length: 6 }, ask)))];
    at(59);
    again.push(await ask());
    for (const res of again) {
      expect(res.status).toBe(202);
      expect(res.body).toEqual(first.body);
    }
    await handled();
    expect(await mailsTo('lisa@hak.example')).toBe(1);
    // The refused requests retired nothing: the first link still works.
    expect((await t.post(`/api/auth/password-reset/${firstLink}`, { password: 'a brand new passphrase' })).status).toBe(
      204,
    );
    const limited = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_event a JOIN user_account u ON u.id = a.user_id
        WHERE u.email = 'lisa@hak.example' AND a.kind = 'link-requested' AND a.detail->>'limited' = 'true'`,
    );
    expect(limited[0].n).toBe(7);

    // After the cool-down another goes; five within the hour, then none until the first is an hour old.
    for (const seconds of [60, 120, 180, 240]) {
      at(seconds);
      expect((await ask()).status).toBe(202);
      await handled(); // the limit counts mails when they are written
    }
    expect(await mailsTo('lisa@hak.example')).toBe(5);
    at(3599);
    expect((await ask()).status).toBe(202);
    await handled();
    expect(await mailsTo('lisa@hak.example')).toBe(5);
    at(3600);
    await ask();
    const latest = await mailTo('lisa@hak.example', 'password-reset');
    expect(await mailsTo('lisa@hak.example')).toBe(6);
    expect(
      (await t.post(`/api/auth/password-reset/${latest.token}`, { password: 'another new passphrase' })).status,
    ).toBe(204);
  });

  it('counts each kind of link apart, and parallel requests for a new address mail once', async () => {
    const { mobility } = await createMobilityFixture(t);
    const email = mobility.participant.email;
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => t.post('/api/auth/sign-in-link', { email })),
      ...Array.from({ length: 5 }, () => t.post('/api/auth/password-reset', { email })),
    ]);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    await handled();
    const kinds = await t.db.query(
      `SELECT kind, count(*)::int AS n FROM outbox WHERE recipient_email = $1 GROUP BY kind`,
      [email],
    );
    expect(kinds.sort((a: { kind: string }, b: { kind: string }) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'password-reset', n: 1 },
      { kind: 'sign-in-link', n: 1 },
    ]);
  });

  it('keeps a request whose handling failed, tries it again later, and gives up after five attempts keeping the row', async () => {
    const sweep = () => t.app.get(LinkRequestService).sweep();
    const request = async () =>
      (await t.db.query(`SELECT attempts, last_error, next_attempt_at, failed_at FROM link_request`))[0];
    const at = (seconds: number) => t.clock.set(new Date(Date.parse('2026-03-02T10:00:00Z') + seconds * 1000));
    for (const name of ['Olga', 'Otto'])
      await t.db.query(
        `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ($1, $2, 'x', now())`,
        [`${name.toLowerCase()}@hak.example`, name],
      );
    // The database refuses their mail (a real failure inside the transaction that writes it).
    await t.db.query(
      `CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
    );
    await t.db.query(
      `CREATE TRIGGER refuse_mail BEFORE INSERT ON outbox FOR EACH ROW
         WHEN (NEW.recipient_email IN ('olga@hak.example', 'otto@hak.example')) EXECUTE FUNCTION refuse_mail()`,
    );
    try {
      expect((await t.post('/api/auth/password-reset', { email: 'olga@hak.example' })).status).toBe(202);
      await eventually(async () => (await request())?.attempts === 1, 20_000, 'the first attempt');
      expect(await request()).toEqual({
        attempts: 1,
        last_error: 'refused by the test',
        next_attempt_at: new Date('2026-03-02T10:00:30Z'),
        failed_at: null,
      });
      await sweep(); // not due yet
      expect((await request()).attempts).toBe(1);
      await t.db.query(`DROP TRIGGER refuse_mail ON outbox`);
      at(30);
      await sweep();
      expect(await request()).toBeUndefined();
      expect(await mailsTo('olga@hak.example')).toBe(1);

      // A request that keeps failing: tried after 30 s, 60 s, 120 s, 240 s, then given up and kept.
      await t.db.query(
        `CREATE TRIGGER refuse_mail BEFORE INSERT ON outbox FOR EACH ROW
           WHEN (NEW.recipient_email = 'otto@hak.example') EXECUTE FUNCTION refuse_mail()`,
      );
      at(0);
      expect((await t.post('/api/auth/password-reset', { email: 'otto@hak.example' })).status).toBe(202);
      await eventually(async () => (await request())?.attempts === 1, 20_000, 'the first attempt');
      for (const [seconds, attempts] of [
        [30, 2],
        [90, 3],
        [210, 4],
        [450, 5],
      ]) {
        at(seconds - 1);
        await sweep();
        expect((await request()).attempts).toBe(attempts - 1);
        at(seconds);
        await sweep();
        expect((await request()).attempts).toBe(attempts);
      }
      expect((await request()).failed_at).toEqual(new Date('2026-03-02T10:07:30Z'));
      at(3600);
      await sweep();
      expect((await request()).attempts).toBe(5); // given up: no sixth attempt
      expect(await mailsTo('otto@hak.example')).toBe(0);
    } finally {
      await t.db.query(`DROP TRIGGER IF EXISTS refuse_mail ON outbox`);
      await t.db.query(`DROP FUNCTION refuse_mail`);
      await t.db.query(`DELETE FROM link_request`);
    }
  });
});

describe('abuse resistance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('limits sign-in attempts per client address: 429 with Retry-After, as a problem', async () => {
    for (let i = 0; i < 3; i++)
      expect((await t.post('/api/auth/sign-in', { email: `a${i}@x.example`, password: 'guess' })).status).toBe(401);
    const limited = await t.post('/api/auth/sign-in', { email: 'b@x.example', password: 'guess' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends security headers', async () => {
    const res = await t.get('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // HSTS only over HTTPS (COOKIE_SECURE): request-limits.int-spec.ts checks both sides.
  });

  it('refuses a change from another site before any route runs, and lets our own pages through', async () => {
    const before = await t.count('organisation');
    const body = { name: 'Forged', kind: 'company', country: 'ES', city: 'Madrid' };
    const crossSite = await t.post('/api/organisations', body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('content-type')).toContain('application/problem+json');
    const foreignOrigin = await t.post('/api/organisations', body, { origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    expect((await t.post('/api/auth/sign-out', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await t.count('organisation')).toBe(before);
    // Our own pages: same-origin fetches, and the Origin of this very host.
    expect((await t.post('/api/organisations', body, { 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await t.post('/api/organisations', { ...body, name: 'Own' }, { origin: t.url })).status).toBe(201);
    // Reading is never refused (links from e-mails are cross-site navigations).
    expect((await t.get('/api/organisations', { 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });
});
