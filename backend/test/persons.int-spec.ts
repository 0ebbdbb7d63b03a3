import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../src/database/data-source';
import { SeparatePersonsFromMobilities1764440000000 } from '../src/database/migrations/1764440000000-SeparatePersonsFromMobilities';
import { createOrganisation, createProject, createSchool } from './support/factories';
import { databaseUrl, startTestApp, TEST_SERVER_URL, TestApp, TestUser } from './support/test-app';

/**
 * People who come back: a school knows a learner once (a person), and each mobility is a
 * participation of that person. A coordinator finds the school's people by address or name, creates
 * the next mobility for one of them (or names the address again and gets the same person), and the
 * learner sees every mobility of theirs. Another school's person does not exist for anyone else.
 */
describe('persons and their participations', () => {
  let t: TestApp;
  let school: any;
  let host: any;
  let first: any;
  let second: any;
  let other: { id: string; coordinator: TestUser; project: any; host: any };

  const body = (project: any, overrides: Record<string, unknown> = {}) => ({
    participant: { firstName: 'Lena', lastName: 'Schmidt', email: 'lena.schmidt@example.org' },
    // Staff may go without a date of birth (a learner's is required): these tests are about the person.
    activityType: 'SM-JOB-SHDW',
    sendingOrganisationId: project.beneficiaryOrganisation.id,
    startDate: '2026-06-01',
    endDate: '2026-06-28',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { RATE_LIMIT_PER_MINUTE: '100000' });
    school = await createSchool(t);
    host = await createOrganisation(t, { registeredByOrganisationId: school.id });
    first = await createProject(t, { beneficiaryOrganisationId: school.id, title: 'Apprentices 2026' });
    second = await createProject(t, {
      beneficiaryOrganisationId: school.id,
      title: 'Apprentices 2027',
      reference: '2027-1-DE02-KA122-VET-000000777',
      callYear: 2027,
      startDate: '2027-01-01',
      endDate: '2028-06-30',
    });
    // Another school using Mobility Hub, with a coordinator of its own (not the default identity).
    const [row] = await t.db.query(
      `INSERT INTO organisation (name, kind, country, city, email, time_zone)
       VALUES ('Other school', 'vet-provider', 'AT', 'Graz', 'office@other.test', 'Europe/Vienna') RETURNING id`,
    );
    const coordinator = await t.createUser({ role: 'coordinator', organisationId: row.id }, 'coordinator@other.test');
    const otherHost = await coordinator.client.post('/api/organisations', {
      name: 'Host of the other school',
      kind: 'company',
      country: 'ES',
      city: 'Madrid',
      registeredByOrganisationId: row.id,
    });
    const otherProject = await coordinator.client.post('/api/projects', {
      reference: '2026-1-AT01-KA122-VET-000000001',
      title: 'Other apprentices',
      action: 'KA122-VET',
      callYear: 2026,
      beneficiaryOrganisationId: row.id,
      startDate: '2026-01-01',
      endDate: '2027-06-30',
    });
    expect(otherProject.status).toBe(201);
    other = { id: row.id, coordinator, project: otherProject.body, host: otherHost.body };
  }, 60_000);
  afterAll(() => t?.close());

  it('finds the person by address, creates their next mobility by personId, and lists their participations', async () => {
    const one = await t.post(`/api/projects/${first.id}/mobilities`, {
      ...body(first, { hostOrganisationId: host.id }),
      participant: {
        firstName: 'Lena',
        lastName: 'Schmidt',
        email: 'Lena.Schmidt@example.org',
        dateOfBirth: '2007-04-12',
      },
    });
    expect(one.status).toBe(201);
    const personId = one.body.participant.id;

    const found = await t.get('/api/persons?email=%20LENA.schmidt@EXAMPLE.org');
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      items: [
        {
          id: personId,
          organisationId: school.id,
          firstName: 'Lena',
          lastName: 'Schmidt',
          email: 'lena.schmidt@example.org',
          dateOfBirth: '2007-04-12',
          mobilityCount: 1,
          latestStartDate: '2026-06-01',
        },
      ],
      total: 1,
      page: 1,
      pageSize: 25,
    });

    const { participant: _, ...rest } = body(second, { startDate: '2027-05-03', endDate: '2027-05-30' });
    const again = await t.post(`/api/projects/${second.id}/mobilities`, { ...rest, personId });
    expect(again.status).toBe(201);
    expect(again.body.participant).toEqual({
      id: personId,
      firstName: 'Lena',
      lastName: 'Schmidt',
      email: 'lena.schmidt@example.org',
      dateOfBirth: '2007-04-12',
      ageAtStart: 20,
      minor: false,
    });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM person WHERE email = 'lena.schmidt@example.org'`)).toEqual([
      { n: 1 },
    ]);

    const person = await t.get(`/api/persons/${personId}`);
    expect(person.status).toBe(200);
    expect(person.body.mobilityCount).toBe(2);
    expect(person.body.latestStartDate).toBe('2027-05-03');
    expect(person.body.participations).toEqual([
      {
        mobilityId: again.body.id,
        projectId: second.id,
        projectReference: second.reference,
        projectTitle: 'Apprentices 2027',
        activityType: 'SM-JOB-SHDW',
        hostName: null,
        startDate: '2027-05-03',
        endDate: '2027-05-30',
        phase: 'application',
      },
      {
        mobilityId: one.body.id,
        projectId: first.id,
        projectReference: first.reference,
        projectTitle: 'Apprentices 2026',
        activityType: 'SM-JOB-SHDW',
        hostName: host.name,
        startDate: '2026-06-01',
        endDate: '2026-06-28',
        phase: 'application',
      },
    ]);

    // The learner's home: both mobilities of the one person, her own tasks in each.
    const learner = await t.createUser({ personId }, 'lena.schmidt@example.org');
    const mine = await learner.client.get('/api/mobilities?mine=true');
    expect(mine.body.items.map((m: any) => m.id).sort()).toEqual([one.body.id, again.body.id].sort());
    expect(mine.body.total).toBe(2);
    for (const id of [one.body.id, again.body.id]) {
      const detail = await learner.client.get(`/api/mobilities/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.yourRole).toBe('learner');
    }
    const tasks = await learner.client.get('/api/tasks?pageSize=200');
    expect(new Set(tasks.body.items.map((task: any) => task.mobilityId))).toEqual(
      new Set([one.body.id, again.body.id]),
    );
    expect(tasks.body.items.every((task: any) => task.role === 'learner')).toBe(true);
    const me = await learner.client.get('/api/auth/me');
    expect(me.body.participantIds).toEqual([personId]);
    // A learner finds no people (the lookup is the sending side's), not even herself.
    expect((await learner.client.get('/api/persons')).body).toEqual({ items: [], total: 0, page: 1, pageSize: 25 });
    expect((await learner.client.get(`/api/persons/${personId}`)).status).toBe(404);
  });

  it('reuses the person for a known address given again, adding a date of birth the record lacked', async () => {
    const one = await t.post(
      `/api/projects/${first.id}/mobilities`,
      body(first, { participant: { firstName: 'Jonas', lastName: 'Weber', email: 'jonas.weber@example.org' } }),
    );
    expect(one.status).toBe(201);
    expect(one.body.participant.dateOfBirth).toBeNull();
    const two = await t.post(
      `/api/projects/${second.id}/mobilities`,
      body(second, {
        participant: {
          firstName: 'jonas',
          lastName: 'WEBER',
          email: ' Jonas.Weber@Example.org',
          dateOfBirth: '2006-02-01',
        },
        startDate: '2027-04-05',
        endDate: '2027-05-02',
      }),
    );
    expect(two.status).toBe(201);
    expect(two.body.participant).toEqual({
      id: one.body.participant.id,
      firstName: 'Jonas',
      lastName: 'Weber',
      email: 'jonas.weber@example.org',
      dateOfBirth: '2006-02-01',
      ageAtStart: 21,
      minor: false,
    });
    expect((await t.get(`/api/mobilities/${one.body.id}`)).body.participant.dateOfBirth).toBe('2006-02-01');
  });

  it('refuses other names or another date of birth for a known address (409), naming the fields and the person; nothing is written', async () => {
    const one = await t.post(
      `/api/projects/${first.id}/mobilities`,
      body(first, {
        participant: {
          firstName: 'Mia',
          lastName: 'Fischer',
          email: 'mia.fischer@example.org',
          dateOfBirth: '2007-01-01',
        },
      }),
    );
    expect(one.status).toBe(201);
    const [mobilities, people] = [await t.count('mobility'), await t.count('person')];
    const refused = await t.post(
      `/api/projects/${second.id}/mobilities`,
      body(second, {
        participant: {
          firstName: 'Mia',
          lastName: 'Fisher',
          email: 'mia.fischer@example.org',
          dateOfBirth: '2007-01-10',
        },
        startDate: '2027-04-05',
        endDate: '2027-05-02',
      }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('urn:mobility-hub:problem:person-details-differ');
    expect(refused.body.personId).toBe(one.body.participant.id);
    expect(refused.body.errors.map((e: any) => e.field)).toEqual(['participant.lastName', 'participant.dateOfBirth']);
    expect(refused.body.detail).toContain('Mia Fischer (born 2007-01-01)');
    expect([await t.count('mobility'), await t.count('person')]).toEqual([mobilities, people]);
    const recorded = (await t.get(`/api/persons/${one.body.participant.id}`)).body;
    expect([recorded.lastName, recorded.dateOfBirth, recorded.mobilityCount]).toEqual(['Fischer', '2007-01-01', 1]);
  });

  it('takes either personId or participant: both is a 400, neither is a 400 naming participant', async () => {
    const [person] = await t.db.query(`SELECT id FROM person WHERE organisation_id = $1 LIMIT 1`, [school.id]);
    const both = await t.post(`/api/projects/${first.id}/mobilities`, { ...body(first), personId: person.id });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'personId' })]);
    const { participant: _, ...neither } = body(first);
    const none = await t.post(`/api/projects/${first.id}/mobilities`, neither);
    expect(none.status).toBe(400);
    expect(none.body.errors.map((e: any) => e.field)).toContain('participant');
    const bad = await t.post(`/api/projects/${first.id}/mobilities`, { ...neither, personId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['personId']);
  });

  it('keeps each school’s people to itself: another school finds none of them and cannot use one (404)', async () => {
    const [lena] = await t.db.query(`SELECT id FROM person WHERE email = 'lena.schmidt@example.org'`);
    const client = other.coordinator.client;
    expect((await client.get('/api/persons?email=lena.schmidt@example.org')).body).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 25,
    });
    expect((await client.get('/api/persons?q=Schmidt')).body.total).toBe(0);
    // Asking for one of A's schools by id changes nothing.
    expect((await client.get(`/api/persons?organisationId=${school.id}`)).body.total).toBe(0);
    expect((await client.get(`/api/persons/${lena.id}`)).status).toBe(404);
    const { participant: _, ...rest } = body(other.project, { hostOrganisationId: other.host.id });
    const used = await client.post(`/api/projects/${other.project.id}/mobilities`, { ...rest, personId: lena.id });
    expect(used.status).toBe(404);
    expect(used.body.errors).toEqual([expect.objectContaining({ field: 'personId' })]);
    // A's coordinator cannot use A's person in B's project either (404: the project is not theirs).
    expect((await t.post(`/api/projects/${other.project.id}/mobilities`, { ...rest, personId: lena.id })).status).toBe(
      404,
    );

    // The other school naming the same address gets a person of its own, under its own details, and
    // the one account of the address sees every mobility.
    const theirs = await client.post(
      `/api/projects/${other.project.id}/mobilities`,
      body(other.project, {
        participant: { firstName: 'Lena', lastName: 'Schmidt-Graz', email: 'lena.schmidt@example.org' },
        hostOrganisationId: other.host.id,
      }),
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.participant.id).not.toBe(lena.id);
    expect(theirs.body.participant.dateOfBirth).toBeNull();
    const ours = await t.get(`/api/persons/${lena.id}`);
    expect(ours.body.lastName).toBe('Schmidt');
    expect(ours.body.participations.map((p: any) => p.mobilityId)).not.toContain(theirs.body.id);
    expect((await client.get(`/api/persons/${theirs.body.participant.id}`)).body.participations).toHaveLength(1);
    expect((await t.get(`/api/persons/${theirs.body.participant.id}`)).status).toBe(404);
    expect(
      await t.db.query(
        `SELECT count(DISTINCT user_account_id)::int AS n FROM person WHERE email = 'lena.schmidt@example.org'`,
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('searches the school’s people by name or address, paged, for its staff; mentors find none', async () => {
    const staff = await t.createUser({ role: 'staff', organisationId: school.id });
    const page = await staff.client.get(`/api/persons?q=${encodeURIComponent('weber')}&pageSize=1`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((p: any) => p.email)).toEqual(['jonas.weber@example.org']);
    expect(page.body.total).toBe(1);
    const all = await staff.client.get('/api/persons?pageSize=1&page=2');
    expect(all.body.total).toBe(3);
    expect(all.body.items).toHaveLength(1);
    const names = (await staff.client.get('/api/persons')).body.items.map((p: any) => p.lastName);
    expect(names).toEqual(['Fischer', 'Schmidt', 'Weber']);
    expect((await staff.client.get('/api/persons?q=%25')).body.total).toBe(0);
    const mentor = await t.createUser({ role: 'mentor', organisationId: host.id });
    expect((await mentor.client.get('/api/persons')).body.total).toBe(0);
    expect((await t.get('/api/persons?email=not-an-address')).status).toBe(400);
  });

  it('makes one person when two mobilities name the same new address at once', async () => {
    const [a, b] = await Promise.all([
      t.post(
        `/api/projects/${first.id}/mobilities`,
        body(first, { participant: { firstName: 'Emma', lastName: 'Koch', email: 'emma.koch@example.org' } }),
      ),
      t.post(
        `/api/projects/${second.id}/mobilities`,
        body(second, {
          participant: { firstName: 'Emma', lastName: 'Koch', email: 'EMMA.koch@example.org' },
          startDate: '2027-04-05',
          endDate: '2027-05-02',
        }),
      ),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.participant.id).toBe(b.body.participant.id);
  });
});

describe('migration SeparatePersonsFromMobilities', () => {
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

  it('merges one school’s records of one address into a person, points every mobility at it, and undoes it', async () => {
    const options = { ...dataSourceOptions(databaseUrl(name), 2), migrationsRun: false, logging: false } as const;
    const upTo = MIGRATIONS.indexOf(SeparatePersonsFromMobilities1764440000000);
    db = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, upTo) });
    await db.initialize();
    await db.runMigrations();

    // v1 data: one participant record per mobility.
    const org = async (label: string) =>
      (
        await db.query(
          `INSERT INTO organisation (name, kind, country, city, time_zone) VALUES ($1, 'vet-provider', 'DE', 'Essen', 'Europe/Berlin') RETURNING id`,
          [label],
        )
      )[0].id as string;
    const schoolA = await org('School A');
    const schoolB = await org('School B');
    const project = async (school: string, ref: string) =>
      (
        await db.query(
          `INSERT INTO project (reference, title, action, call_year, beneficiary_organisation_id, start_date, end_date)
           VALUES ($1, 'P', 'KA122-VET', 2026, $2, '2026-01-01', '2027-06-30') RETURNING id`,
          [ref, school],
        )
      )[0].id as string;
    const p1 = await project(schoolA, 'A-1');
    const p2 = await project(schoolA, 'A-2');
    const p3 = await project(schoolB, 'B-1');
    const [account] = await db.query(
      `INSERT INTO user_account (email, display_name, created_at) VALUES ('lena@example.org', 'Lena', now()) RETURNING id`,
    );
    const participant = async (
      first: string,
      last: string,
      email: string,
      dob: string | null,
      at: string,
      linked = true,
    ) =>
      (
        await db.query(
          `INSERT INTO participant (first_name, last_name, email, date_of_birth, user_account_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [first, last, email, dob, linked ? account.id : null, at],
        )
      )[0].id as string;
    const mobility = async (
      projectId: string,
      participantId: string,
      school: string,
      at: string,
      column = 'participant_id',
    ) =>
      (
        await db.query(
          `INSERT INTO mobility (project_id, ${column}, activity_type, sending_organisation_id, start_date, end_date,
                                 checklist_version, machine_snapshot, machine_version, phase, created_at)
           VALUES ($1, $2, 'LM-SHORT-VET', $3, '2026-06-01', '2026-06-28', 1, '{}', 1, 'application', $4) RETURNING id`,
          [projectId, participantId, school, at],
        )
      )[0].id as string;
    // School A named Lena three times (one typed her address in capitals with spaces); the records
    // disagree on her date of birth. School B named her once. Jonas's address was stored in capitals.
    const a1 = await participant('Lena', 'Schmidt', 'lena@example.org', '2007-04-12', '2026-01-01T00:00:00Z');
    // The latest record lost its account link (ON DELETE SET NULL): the person keeps the one the others have.
    const a2 = await participant('Lena', 'Schmidt-Meyer', ' Lena@Example.ORG ', null, '2026-02-01T00:00:00Z', false);
    const a3 = await participant('lena', 'schmidt', 'LENA@example.org', '2007-04-21', '2026-01-15T00:00:00Z');
    const b1 = await participant('Lena', 'Schmidt', 'lena@example.org', '2007-04-12', '2026-01-05T00:00:00Z');
    const c1 = await participant('Jonas', 'Weber', 'Jonas.Weber@Example.org', null, '2026-01-03T00:00:00Z', false);
    const d1 = await participant('Mia', 'Fischer', 'mia@example.org', '2006-05-05', '2026-01-04T00:00:00Z', false);
    const orphan = await participant('No', 'Mobility', 'orphan@example.org', null, '2026-01-02T00:00:00Z', false);
    const m1 = await mobility(p1, a1, schoolA, '2026-01-01T00:00:00Z');
    const m2 = await mobility(p2, a2, schoolA, '2026-02-01T00:00:00Z');
    const m3 = await mobility(p1, a3, schoolA, '2026-01-15T00:00:00Z');
    const m4 = await mobility(p3, b1, schoolB, '2026-01-05T00:00:00Z');
    const m5 = await mobility(p1, c1, schoolA, '2026-01-03T00:00:00Z');
    const m6 = await mobility(p2, d1, schoolA, '2026-01-04T00:00:00Z');
    const participantsBefore = await db.query(`SELECT * FROM participant ORDER BY id`);
    const linksBefore = await db.query(`SELECT id, participant_id FROM mobility ORDER BY id`);
    await db.destroy();

    db = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, upTo + 1) });
    await db.initialize();
    await db.runMigrations();

    const persons = await db.query(
      `SELECT id, organisation_id, first_name, last_name, email, date_of_birth, user_account_id FROM person ORDER BY created_at`,
    );
    expect(persons).toEqual([
      {
        id: orphan,
        organisation_id: null,
        first_name: 'No',
        last_name: 'Mobility',
        email: 'orphan@example.org',
        date_of_birth: null,
        user_account_id: null,
      },
      {
        id: c1,
        organisation_id: schoolA,
        first_name: 'Jonas',
        last_name: 'Weber',
        email: 'jonas.weber@example.org',
        date_of_birth: null,
        user_account_id: null,
      },
      {
        id: d1,
        organisation_id: schoolA,
        first_name: 'Mia',
        last_name: 'Fischer',
        email: 'mia@example.org',
        date_of_birth: '2006-05-05',
        user_account_id: null,
      },
      {
        id: b1,
        organisation_id: schoolB,
        first_name: 'Lena',
        last_name: 'Schmidt',
        email: 'lena@example.org',
        date_of_birth: '2007-04-12',
        user_account_id: account.id,
      },
      // The latest record's id and names; the latest known date of birth (a3's, later than a1's).
      {
        id: a2,
        organisation_id: schoolA,
        first_name: 'Lena',
        last_name: 'Schmidt-Meyer',
        email: 'lena@example.org',
        date_of_birth: '2007-04-21',
        user_account_id: account.id,
      },
    ]);
    // Every mobility is still there and points at its person: A's three of Lena at one.
    expect(await db.query(`SELECT id, person_id FROM mobility ORDER BY id`)).toEqual(
      [
        { id: m1, person_id: a2 },
        { id: m2, person_id: a2 },
        { id: m3, person_id: a2 },
        { id: m4, person_id: b1 },
        { id: m5, person_id: c1 },
        { id: m6, person_id: d1 },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
    // Nothing lost: every record the migration changed is in the log as it was.
    expect(
      await db.query(
        `SELECT participant_id, person_id, kept, mobility_id, last_name, email, date_of_birth FROM person_merge_log ORDER BY created_at`,
      ),
    ).toEqual([
      {
        participant_id: a1,
        person_id: a2,
        kept: false,
        mobility_id: m1,
        last_name: 'Schmidt',
        email: 'lena@example.org',
        date_of_birth: '2007-04-12',
      },
      {
        participant_id: c1,
        person_id: c1,
        kept: true,
        mobility_id: m5,
        last_name: 'Weber',
        email: 'Jonas.Weber@Example.org',
        date_of_birth: null,
      },
      {
        participant_id: a3,
        person_id: a2,
        kept: false,
        mobility_id: m3,
        last_name: 'schmidt',
        email: 'LENA@example.org',
        date_of_birth: '2007-04-21',
      },
      {
        participant_id: a2,
        person_id: a2,
        kept: true,
        mobility_id: m2,
        last_name: 'Schmidt-Meyer',
        email: ' Lena@Example.ORG ',
        date_of_birth: null,
      },
    ]);
    // One address, one person per school from now on.
    await expect(
      db.query(
        `INSERT INTO person (organisation_id, first_name, last_name, email) VALUES ($1, 'X', 'Y', 'LENA@example.org')`,
        [schoolA],
      ),
    ).rejects.toThrow(/person_organisation_email_key/);
    // A person goes again (a participation made after the migration).
    const m7 = await mobility(p2, d1, schoolA, '2026-03-01T00:00:00Z', 'person_id');

    await db.undoLastMigration();
    // The former records, exactly; the later participation gets a copy of its person (one record per mobility).
    const participantsAfter: any[] = await db.query(`SELECT * FROM participant ORDER BY id`);
    const links: any[] = await db.query(`SELECT id, participant_id FROM mobility ORDER BY id`);
    const copy = links.find((l) => l.id === m7).participant_id;
    expect(copy).not.toBe(d1);
    expect(participantsAfter.filter((p) => p.id !== copy)).toEqual(participantsBefore);
    expect(participantsAfter.find((p) => p.id === copy)).toEqual({
      ...participantsBefore.find((p: any) => p.id === d1),
      id: copy,
    });
    expect(links.filter((l) => l.id !== m7)).toEqual(linksBefore);
    expect(await db.query(`SELECT to_regclass('person_merge_log') AS log, to_regclass('person') AS person`)).toEqual([
      { log: null, person: null },
    ]);
    await expect(db.query(`UPDATE mobility SET participant_id = $1 WHERE id = $2`, [a1, m2])).rejects.toThrow(
      /mobility_participant_id_key/,
    );
  });
});
