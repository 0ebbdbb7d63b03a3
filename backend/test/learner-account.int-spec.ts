import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../src/database/data-source';
import { LinkParticipantsToAccounts1764390000000 } from '../src/database/migrations/1764390000000-LinkParticipantsToAccounts';
import { databaseUrl, HttpClient, startTestApp, TEST_SERVER_URL, TestApp, TestUser } from './support/test-app';
import { eventually } from './support/mail-harness';

/**
 * One person, one account: every school that names a learner by their address links its
 * participant to the same account, whichever school came first and however the address was typed.
 * Signed in (by the e-mailed link), the learner sees each school's mobility, named by its school;
 * each school still sees only its own (another tenant's mobility is a 404). An address that belongs
 * to a staff member links their account too, without widening what they see otherwise.
 */
describe('learner accounts across schools', () => {
  let t: TestApp;
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(() => t?.close());

  interface School {
    id: string;
    name: string;
    coordinator: TestUser;
    host: any;
    project: any;
  }

  /** A school using Mobility Hub (a tenant of its own) with its coordinator, a host company and a project. */
  async function school(name: string): Promise<School> {
    const n = ++serial;
    const [row] = await t.db.query(
      `INSERT INTO organisation (name, kind, country, city, email, time_zone)
       VALUES ($1, 'vet-provider', 'DE', 'Essen', $2, 'Europe/Berlin') RETURNING id`,
      [name, `office${n}@school${n}.test`],
    );
    const coordinator = await t.createUser(
      { role: 'coordinator', organisationId: row.id },
      `coordinator@school${n}.test`,
    );
    const host = await coordinator.client.post('/api/organisations', {
      name: `Host of ${name}`,
      kind: 'company',
      country: 'ES',
      city: 'Madrid',
      email: `practicas@host${n}.test`,
      registeredByOrganisationId: row.id,
    });
    expect(host.status).toBe(201);
    const project = await coordinator.client.post('/api/projects', {
      reference: `2026-1-DE02-KA122-VET-${String(n).padStart(9, '0')}`,
      title: `Apprentices of ${name}`,
      action: 'KA122-VET',
      callYear: 2026,
      beneficiaryOrganisationId: row.id,
      startDate: '2026-01-01',
      endDate: '2027-06-30',
    });
    expect(project.status).toBe(201);
    return { id: row.id, name, coordinator, host: host.body, project: project.body };
  }

  async function mobility(
    of: School,
    email: string,
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; participant: { id: string; email: string } }> {
    const res = await of.coordinator.client.post(`/api/projects/${of.project.id}/mobilities`, {
      participant: { firstName: 'Lena', lastName: 'Schmidt', email },
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: of.id,
      hostOrganisationId: of.host.id,
      startDate: '2026-06-01',
      endDate: '2026-06-28',
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** Signs in the way a learner does: asks for a link, then uses the link from the e-mail. */
  async function signInByLink(email: string): Promise<HttpClient> {
    expect((await t.anonymous.post('/api/auth/sign-in-link', { email })).status).toBe(202);
    // The link is mailed just after the answer.
    await eventually(async () => (await t.count('link_request')) === 0, 20_000, 'the sign-in link mailed');
    const [row] = await t.db.query(
      `SELECT text FROM outbox WHERE recipient_email = $1 AND kind = 'sign-in-link' ORDER BY created_at DESC LIMIT 1`,
      [email.trim().toLowerCase()],
    );
    const token = /\/sign-in\/link\/([A-Za-z0-9_-]{43})/.exec(row?.text ?? '')?.[1];
    expect(token).toBeDefined();
    const signedIn = await t.anonymous.post(`/api/auth/sign-in-link/${token}`);
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
    const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      t.request(method, path, body, { cookie, ...headers });
    return {
      request,
      get: (path, headers) => request('GET', path, undefined, headers),
      post: (path, body, headers) => request('POST', path, body ?? {}, headers),
      patch: (path, body, headers) => request('PATCH', path, body ?? {}, headers),
      delete: (path, headers) => request('DELETE', path, undefined, headers),
    };
  }

  const accountsOf = (email: string) =>
    t.db.query(
      `SELECT u.id, array_agg(p.id::text ORDER BY p.id) AS participants
         FROM user_account u LEFT JOIN person p ON p.user_account_id = u.id
        WHERE u.email = $1 GROUP BY u.id`,
      [email],
    );

  /** The learner sees both mobilities, each named by its school, and ticks a task of their own in each. */
  async function expectLearnerSeesBoth(
    learner: HttpClient,
    mobilities: { school: School; mobility: { id: string; participant: { id: string } } }[],
  ): Promise<void> {
    const list = await learner.get('/api/mobilities');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(mobilities.length);
    expect(
      list.body.items
        .map((m: any) => ({ id: m.id, school: m.sendingOrganisation.name }))
        .sort((a: any, b: any) => a.school.localeCompare(b.school)),
    ).toEqual(
      mobilities
        .map((m) => ({ id: m.mobility.id, school: m.school.name }))
        .sort((a, b) => a.school.localeCompare(b.school)),
    );
    for (const { mobility: m } of mobilities) {
      const detail = await learner.get(`/api/mobilities/${m.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.yourRole).toBe('learner');
      const tasks = await learner.get(`/api/mobilities/${m.id}/tasks`);
      expect(tasks.status).toBe(200);
      expect(tasks.body.length).toBeGreaterThan(0);
      expect(tasks.body.every((task: any) => task.role === 'learner')).toBe(true);
      const own = tasks.body.find((task: any) => task.status === 'open');
      const ticked = await learner.patch(`/api/tasks/${own.id}`, { status: 'done' });
      expect(ticked.status).toBe(200);
    }
    // Her own mobilities are all she sees: `mine` gives the same.
    const mine = await learner.get('/api/mobilities?mine=true');
    expect(mine.body.items.map((m: any) => m.id).sort()).toEqual(list.body.items.map((m: any) => m.id).sort());
    // The learner's own tasks across schools, nobody else's.
    const tasks = await learner.get('/api/tasks?pageSize=100');
    expect(new Set(tasks.body.items.map((task: any) => task.mobilityId))).toEqual(
      new Set(mobilities.map((m) => m.mobility.id)),
    );
    expect(tasks.body.items.every((task: any) => task.role === 'learner')).toBe(true);
    const me = await learner.get('/api/auth/me');
    expect([...me.body.participantIds].sort()).toEqual(mobilities.map((m) => m.mobility.participant.id).sort());
    expect(me.body.memberships).toEqual([]);
  }

  /** Each school's coordinator finds its own mobility and not the other's. */
  async function expectSchoolsIsolated(
    a: { school: School; mobility: { id: string } },
    b: { school: School; mobility: { id: string } },
  ): Promise<void> {
    for (const [own, other] of [
      [a, b],
      [b, a],
    ]) {
      const client = own.school.coordinator.client;
      expect((await client.get(`/api/mobilities/${own.mobility.id}`)).status).toBe(200);
      const foreign = await client.get(`/api/mobilities/${other.mobility.id}`);
      expect(foreign.status).toBe(404);
      expect((await client.get(`/api/mobilities/${other.mobility.id}/tasks`)).status).toBe(404);
      const list = await client.get('/api/mobilities?pageSize=100');
      expect(list.body.items.map((m: any) => m.id)).toEqual([own.mobility.id]);
      expect(JSON.stringify(list.body)).not.toContain(other.school.name);
      expect((await client.get('/api/mobilities?mine=true')).body.total).toBe(0);
    }
  }

  it('links school A’s learner to the account school B made for the same address (other case): she sees both', async () => {
    const b = await school('Schule Bochum');
    const a = await school('Schule Aachen');
    const mobilityB = await mobility(b, 'lena.schmidt@example.org');
    const mobilityA = await mobility(a, 'Lena.Schmidt@Example.ORG');

    const learner = await signInByLink('lena.schmidt@example.org');
    await expectLearnerSeesBoth(learner, [
      { school: a, mobility: mobilityA },
      { school: b, mobility: mobilityB },
    ]);
    await expectSchoolsIsolated({ school: a, mobility: mobilityA }, { school: b, mobility: mobilityB });

    const accounts = await accountsOf('lena.schmidt@example.org');
    expect(accounts).toHaveLength(1);
    expect(accounts[0].participants.sort()).toEqual([mobilityA.participant.id, mobilityB.participant.id].sort());
    expect(await t.db.query(`SELECT count(*)::int AS n FROM user_account WHERE email ILIKE '%lena.schmidt%'`)).toEqual([
      { n: 1 },
    ]);
  });

  it('in the other order, with spaces around the address: one account, both mobilities', async () => {
    const a = await school('Kolleg Aachen');
    const b = await school('Kolleg Bochum');
    const mobilityA = await mobility(a, 'jonas.weber@example.org');
    const mobilityB = await mobility(b, '  Jonas.Weber@EXAMPLE.org ');
    expect(mobilityB.participant.email).toBe('jonas.weber@example.org');

    const learner = await signInByLink('JONAS.weber@example.org');
    await expectLearnerSeesBoth(learner, [
      { school: a, mobility: mobilityA },
      { school: b, mobility: mobilityB },
    ]);
    await expectSchoolsIsolated({ school: a, mobility: mobilityA }, { school: b, mobility: mobilityB });

    const accounts = await accountsOf('jonas.weber@example.org');
    expect(accounts).toHaveLength(1);
    expect(accounts[0].participants.sort()).toEqual([mobilityA.participant.id, mobilityB.participant.id].sort());
  });

  it('makes one account when two schools name the same new address at the same moment', async () => {
    const a = await school('Schule am Rhein');
    const b = await school('Schule an der Ruhr');
    const [mobilityA, mobilityB] = await Promise.all([
      mobility(a, 'mia.fischer@example.org'),
      mobility(b, 'MIA.FISCHER@example.org'),
    ]);
    const accounts = await accountsOf('mia.fischer@example.org');
    expect(accounts).toHaveLength(1);
    expect(accounts[0].participants.sort()).toEqual([mobilityA.participant.id, mobilityB.participant.id].sort());
  });

  it('links a staff member’s own account to a mobility of theirs, and they see nothing more of that school', async () => {
    const a = await school('Berufskolleg Aachen');
    const b = await school('Berufskolleg Bochum');
    const staff = await t.createUser({ role: 'staff', organisationId: a.id }, 'eva.huber@school-a.test');
    const ownSchool = await mobility(a, 'someone.else@example.org');
    // School B sends A's staff member job shadowing (a staff mobility), naming her by her address.
    const shadowing = await mobility(b, 'Eva.Huber@school-a.test', {
      participant: { firstName: 'Eva', lastName: 'Huber', email: 'Eva.Huber@school-a.test' },
      activityType: 'SM-JOB-SHDW',
      startDate: '2026-06-01',
      endDate: '2026-06-10',
    });
    const otherOfB = await mobility(b, 'somebody@example.org');

    // Her own mobility, as its participant: her own tasks only, no event to send.
    const detail = await staff.client.get(`/api/mobilities/${shadowing.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.yourRole).toBe('learner');
    expect(detail.body.allowedEvents).toEqual([]);
    const tasks = await staff.client.get(`/api/mobilities/${shadowing.id}/tasks`);
    expect(tasks.body.every((task: any) => task.role === 'learner')).toBe(true);
    const sending = (await b.coordinator.client.get(`/api/mobilities/${shadowing.id}/tasks`)).body.find(
      (task: any) => task.role === 'sending' && task.status === 'open',
    );
    expect((await staff.client.patch(`/api/tasks/${sending.id}`, { status: 'done' })).status).toBe(404);
    expect(
      (await staff.client.patch(`/api/mobilities/${shadowing.id}`, { endDate: '2026-06-09' }, { 'if-match': '"1"' }))
        .status,
    ).toBe(403);

    // Nothing else of school B: its other mobility, its project and its host are not hers.
    expect((await staff.client.get(`/api/mobilities/${otherOfB.id}`)).status).toBe(404);
    expect((await staff.client.get(`/api/projects/${b.project.id}`)).status).toBe(404);
    expect((await staff.client.get(`/api/organisations/${b.host.id}`)).status).toBe(404);
    const list = await staff.client.get('/api/mobilities?pageSize=100');
    expect(list.body.items.map((m: any) => m.id).sort()).toEqual([ownSchool.id, shadowing.id].sort());
    // Her own (what her learner's page lists): the one she goes on, not those she works on.
    const mine = await staff.client.get('/api/mobilities?mine=true');
    expect(mine.body.items.map((m: any) => m.id)).toEqual([shadowing.id]);
    expect(mine.body.items[0].sendingOrganisation.name).toBe(b.name);
    // At her own school she works as before: the same view of its mobility as its coordinator's.
    const coordinatorList = await a.coordinator.client.get('/api/mobilities?pageSize=100');
    expect(list.body.items.find((m: any) => m.id === ownSchool.id)).toEqual(coordinatorList.body.items[0]);
    expect((await staff.client.get(`/api/mobilities/${ownSchool.id}`)).body.yourRole).toBe('staff');
    const myTasks = await staff.client.get('/api/tasks?pageSize=100');
    const ofShadowing = myTasks.body.items.filter((task: any) => task.mobilityId === shadowing.id);
    expect(ofShadowing.length).toBeGreaterThan(0);
    expect(ofShadowing.every((task: any) => task.role === 'learner')).toBe(true);
    // School B sees its own mobility, not the staff member's school.
    expect((await b.coordinator.client.get(`/api/mobilities/${ownSchool.id}`)).status).toBe(404);

    // No second account: hers is linked, her memberships are as they were.
    const accounts = await accountsOf('eva.huber@school-a.test');
    expect(accounts).toEqual([{ id: staff.userId, participants: [shadowing.participant.id] }]);
    const me = await staff.client.get('/api/auth/me');
    expect(me.body.participantIds).toEqual([shadowing.participant.id]);
    expect(me.body.memberships.map((m: any) => m.organisationId)).toEqual([a.id]);
  });
});

describe('migration LinkParticipantsToAccounts', () => {
  const name = `mh_it_${randomBytes(6).toString('hex')}`;
  let admin: Client;
  let db: DataSource;

  beforeAll(async () => {
    admin = new Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('links every participant to the account of its address, drops the one-participant link, and undoes it', async () => {
    const options = { ...dataSourceOptions(databaseUrl(name), 2), migrationsRun: false, logging: false } as const;
    // The schema just before this migration, then this migration alone (later ones are not its subject).
    const upTo = MIGRATIONS.indexOf(LinkParticipantsToAccounts1764390000000);
    const before = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, upTo) });
    await before.initialize();
    await before.runMigrations();
    // The former model: the account points at one participant; the second school's record and a
    // staff member's own participation were left unlinked.
    const participant = async (email: string, at: string) =>
      (
        await before.query(
          `INSERT INTO participant (first_name, last_name, email, created_at) VALUES ('P', 'Q', $1, $2) RETURNING id`,
          [email, at],
        )
      )[0].id as string;
    const atSchoolB = await participant('lena@example.org', '2026-01-01T00:00:00Z');
    const atSchoolA = await participant('Lena@Example.org', '2026-02-01T00:00:00Z');
    const staffTrip = await participant('eva@school.test', '2026-01-15T00:00:00Z');
    const noAccount = await participant('nobody@example.org', '2026-01-20T00:00:00Z');
    const linkedElsewhere = await participant('old.address@example.org', '2026-01-10T00:00:00Z');
    const [lena] = await before.query(
      `INSERT INTO user_account (email, display_name, participant_id, created_at) VALUES ('lena@example.org', 'Lena', $1, now()) RETURNING id`,
      [atSchoolB],
    );
    const [eva] = await before.query(
      `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ('eva@school.test', 'Eva', 'x', now()) RETURNING id`,
    );
    const [max] = await before.query(
      `INSERT INTO user_account (email, display_name, participant_id, created_at) VALUES ('max@example.org', 'Max', $1, now()) RETURNING id`,
      [linkedElsewhere],
    );
    await before.destroy();

    db = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, upTo + 1) });
    await db.initialize();
    await db.runMigrations();
    const links = async () =>
      Object.fromEntries(
        ((await db.query(`SELECT id, user_account_id FROM participant`)) as any[]).map((r) => [
          r.id,
          r.user_account_id,
        ]),
      );
    expect(await links()).toEqual({
      [atSchoolB]: lena.id,
      [atSchoolA]: lena.id,
      [staffTrip]: eva.id,
      [noAccount]: null,
      [linkedElsewhere]: max.id,
    });
    expect(
      await db.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'user_account' AND column_name = 'participant_id'`,
      ),
    ).toEqual([]);

    await db.undoLastMigration();
    expect(await db.query(`SELECT email, participant_id FROM user_account ORDER BY email`)).toEqual([
      { email: 'eva@school.test', participant_id: staffTrip },
      { email: 'lena@example.org', participant_id: atSchoolA },
      { email: 'max@example.org', participant_id: linkedElsewhere },
    ]);
  });
});
