import { createOrganisation, createProject, createSchool } from './support/factories';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * The Mobilities page's list: every mobility the coordinator's school runs (not only overdue ones),
 * filtered by overdue, phase, host country, activity, project and a date range, in the order asked
 * for and paged; bad filter values are 400 problem+json naming the field; another school's
 * mobilities are never listed. And the filters a person saves: theirs alone.
 */
describe('mobility list: filters, order, paging and saved filters', () => {
  let t: TestApp;
  let school: any;
  let first: any;
  let second: any;
  let otherSchool: { coordinator: TestUser; mobilityId: string };
  const ids: Record<string, string> = {};

  const names = (res: { body: any }) => res.body.items.map((m: any) => m.participant.firstName);

  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { RATE_LIMIT_PER_MINUTE: '100000' });
    school = await createSchool(t);
    const madrid = await createOrganisation(t, { registeredByOrganisationId: school.id, name: 'Taller Sol' });
    const prague = await createOrganisation(t, {
      registeredByOrganisationId: school.id,
      name: 'Autoservis Praha',
      country: 'CZ',
      city: 'Praha',
    });
    first = await createProject(t, { beneficiaryOrganisationId: school.id, title: 'Apprentices 2026' });
    second = await createProject(t, {
      beneficiaryOrganisationId: school.id,
      title: 'Staff 2026',
      reference: '2026-1-DE02-KA122-VET-000000999',
    });
    const add = async (project: any, firstName: string, lastName: string, over: Record<string, unknown>) => {
      const res = await t.post(`/api/projects/${project.id}/mobilities`, {
        participant: {
          firstName,
          lastName,
          email: `${firstName.toLowerCase()}@example.org`,
          dateOfBirth: '2000-01-01',
        },
        activityType: 'LM-SHORT-VET',
        sendingOrganisationId: school.id,
        startDate: '2026-06-01',
        endDate: '2026-06-28',
        ...over,
      });
      expect(res.status).toBe(201);
      ids[firstName] = res.body.id;
    };
    await add(first, 'Anna', 'Zeller', {
      hostOrganisationId: madrid.id,
      startDate: '2026-09-01',
      endDate: '2026-09-28',
    });
    await add(first, 'Ben', 'Yilmaz', {
      hostOrganisationId: prague.id,
      startDate: '2026-04-01',
      endDate: '2026-04-20',
    });
    await add(first, 'Carla', 'Xu', { startDate: '2026-11-02', endDate: '2026-11-20' });
    await add(second, 'David', 'Wagner', {
      hostOrganisationId: prague.id,
      activityType: 'SM-JOB-SHDW',
      startDate: '2026-05-04',
      endDate: '2026-05-08',
    });
    // Carla's stay moves on to preparation.
    const advance = await t.post(`/api/mobilities/${ids['Carla']}/events`, { type: 'ADVANCE' });
    expect([200, 409]).toContain(advance.status);

    // Another school with a mobility hosted in Czechia too.
    const [row] = await t.db.query(
      `INSERT INTO organisation (name, kind, country, city, email, time_zone)
       VALUES ('Other school', 'vet-provider', 'AT', 'Graz', 'office@other.test', 'Europe/Vienna') RETURNING id`,
    );
    const coordinator = await t.createUser({ role: 'coordinator', organisationId: row.id }, 'coordinator@other.test');
    const host = await coordinator.client.post('/api/organisations', {
      name: 'Other host',
      kind: 'company',
      country: 'CZ',
      city: 'Brno',
    });
    const project = await coordinator.client.post('/api/projects', {
      reference: '2026-1-AT01-KA122-VET-000000001',
      title: 'Other apprentices',
      action: 'KA122-VET',
      callYear: 2026,
      beneficiaryOrganisationId: row.id,
      startDate: '2026-01-01',
      endDate: '2027-06-30',
    });
    const mobility = await coordinator.client.post(`/api/projects/${project.body.id}/mobilities`, {
      participant: { firstName: 'Eva', lastName: 'Other', email: 'eva@example.org', dateOfBirth: '2000-01-01' },
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: row.id,
      hostOrganisationId: host.body.id,
      startDate: '2026-04-01',
      endDate: '2026-04-20',
    });
    expect(mobility.status).toBe(201);
    otherSchool = { coordinator, mobilityId: mobility.body.id };
  }, 60_000);
  afterAll(() => t?.close());

  it('lists every mobility of the school, overdue or not, by start date; never another school’s', async () => {
    const res = await t.get('/api/mobilities');
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['Ben', 'David', 'Anna', 'Carla']);
    expect(res.body.total).toBe(4);
    const overdue = await t.get('/api/mobilities?overdue=true');
    const onTime = await t.get('/api/mobilities?overdue=false');
    expect(overdue.body.total + onTime.body.total).toBe(4);
    expect(overdue.body.items.every((m: any) => m.overdueTasks > 0)).toBe(true);
    expect(onTime.body.items.every((m: any) => m.overdueTasks === 0)).toBe(true);
  });

  it('filters by host country, activity, project, phase and a date range', async () => {
    expect(names(await t.get('/api/mobilities?hostCountry=cz'))).toEqual(['Ben', 'David']);
    expect(names(await t.get('/api/mobilities?hostCountry=CZ&activityType=SM-JOB-SHDW'))).toEqual(['David']);
    expect(names(await t.get(`/api/mobilities?projectId=${first.id}`))).toEqual(['Ben', 'Anna', 'Carla']);
    const phase = (await t.get(`/api/mobilities/${ids['Carla']}`)).body.phase;
    expect(names(await t.get(`/api/mobilities?phase=${phase}&hostCountry=ES`))).toEqual(
      phase === 'application' ? ['Anna'] : [],
    );
    // The range keeps the stays that overlap it: Ben ends on 20 April, David starts on 4 May.
    expect(names(await t.get('/api/mobilities?from=2026-04-20&to=2026-05-04'))).toEqual(['Ben', 'David']);
    expect(names(await t.get('/api/mobilities?from=2026-04-21&to=2026-05-03'))).toEqual([]);
    expect(names(await t.get('/api/mobilities?from=2026-10-01'))).toEqual(['Carla']);
  });

  it('sorts by learner, host, host country, end date and overdue tasks, either way, and pages the order', async () => {
    expect(names(await t.get('/api/mobilities?sort=learner'))).toEqual(['David', 'Carla', 'Ben', 'Anna']);
    expect(names(await t.get('/api/mobilities?sort=-learner'))).toEqual(['Anna', 'Ben', 'Carla', 'David']);
    expect(names(await t.get('/api/mobilities?sort=-startDate'))).toEqual(['Carla', 'Anna', 'David', 'Ben']);
    expect(names(await t.get('/api/mobilities?sort=endDate'))).toEqual(['Ben', 'David', 'Anna', 'Carla']);
    // Without a host last, whichever the direction; equal keys by start date.
    expect(names(await t.get('/api/mobilities?sort=host'))).toEqual(['Ben', 'David', 'Anna', 'Carla']);
    expect(names(await t.get('/api/mobilities?sort=-host'))).toEqual(['Anna', 'Ben', 'David', 'Carla']);
    expect(names(await t.get('/api/mobilities?sort=hostCountry'))).toEqual(['Ben', 'David', 'Anna', 'Carla']);
    const byOverdue = await t.get('/api/mobilities?sort=-overdueTasks');
    const counts = byOverdue.body.items.map((m: any) => m.overdueTasks);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    const page2 = await t.get('/api/mobilities?sort=learner&pageSize=2&page=2');
    expect(names(page2)).toEqual(['Ben', 'Anna']);
    expect(page2.body.total).toBe(4);
  });

  it.each([
    ['hostCountry=Czechia', 'hostCountry'],
    ['activityType=SURFING', 'activityType'],
    ['from=2026-02-30', 'from'],
    ['to=tomorrow', 'to'],
    ['sort=age', 'sort'],
    ['phase=holiday', 'phase'],
    ['overdue=maybe', 'overdue'],
    ['pageSize=0', 'pageSize'],
    ['from=2026-05-01&to=2026-04-01', 'to'],
  ])('refuses %s with a 400 problem naming %s', async (query, field) => {
    const res = await t.get(`/api/mobilities?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
  });

  it('lists the other school only its own, whatever the filter', async () => {
    const res = await otherSchool.coordinator.client.get('/api/mobilities?hostCountry=CZ');
    expect(res.body.items.map((m: any) => m.id)).toEqual([otherSchool.mobilityId]);
    const mine = await t.get('/api/mobilities?hostCountry=CZ&sort=-learner&pageSize=100');
    expect(mine.body.items.map((m: any) => m.id)).not.toContain(otherSchool.mobilityId);
  });

  describe('saved filters', () => {
    it('saves, lists, replaces by name and deletes a person’s own filters', async () => {
      const saved = await t.post('/api/saved-filters', {
        list: 'mobilities',
        name: 'Czechia, overdue',
        query: 'hostCountry=CZ&overdue=true',
      });
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({
        list: 'mobilities',
        name: 'Czechia, overdue',
        query: 'hostCountry=CZ&overdue=true',
      });
      const again = await t.post('/api/saved-filters', {
        list: 'mobilities',
        name: 'czechia, OVERDUE',
        query: 'hostCountry=CZ&sort=-startDate',
      });
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(saved.body.id);
      await t.post('/api/saved-filters', { list: 'mobilities', name: 'All, by learner', query: 'sort=learner' });

      const list = await t.get('/api/saved-filters?list=mobilities');
      expect(list.status).toBe(200);
      expect(list.body.map((f: any) => [f.name, f.query])).toEqual([
        ['All, by learner', 'sort=learner'],
        ['czechia, OVERDUE', 'hostCountry=CZ&sort=-startDate'],
      ]);

      // Nobody else sees them, nor deletes them.
      expect((await otherSchool.coordinator.client.get('/api/saved-filters?list=mobilities')).body).toEqual([]);
      const foreign = await otherSchool.coordinator.client.delete(`/api/saved-filters/${saved.body.id}`);
      expect(foreign.status).toBe(404);

      expect((await t.delete(`/api/saved-filters/${saved.body.id}`)).status).toBe(204);
      expect((await t.get('/api/saved-filters?list=mobilities')).body.map((f: any) => f.name)).toEqual([
        'All, by learner',
      ]);
    });

    it.each([
      [{ list: 'projects', name: 'x', query: '' }, 'list'],
      [{ list: 'mobilities', name: '   ', query: '' }, 'name'],
      [{ list: 'mobilities', name: 'x', query: '<script>' }, 'query'],
    ])('refuses %j naming %s', async (body, field) => {
      const res = await t.post('/api/saved-filters', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    });

    it('refuses listing without a known list, and anonymous callers', async () => {
      expect((await t.get('/api/saved-filters')).status).toBe(400);
      expect((await t.anonymous.get('/api/saved-filters?list=mobilities')).status).toBe(401);
    });
  });

  describe('city suggestions', () => {
    it('suggests the cities of the organisations the person sees in a country, once each', async () => {
      await createOrganisation(t, { registeredByOrganisationId: school.id, country: 'CZ', city: 'praha' });
      await createOrganisation(t, { registeredByOrganisationId: school.id, country: 'CZ', city: 'Ostrava' });
      const res = await t.get('/api/organisations/cities?country=cz');
      expect(res.status).toBe(200);
      expect(res.body.cities.map((c: string) => c.toLowerCase())).toEqual(['ostrava', 'praha']);
      // The other school's host in Brno is not suggested to this school, nor this school's to them.
      const theirs = await otherSchool.coordinator.client.get('/api/organisations/cities?country=CZ');
      expect(theirs.body.cities).toEqual(['Brno']);
    });

    it.each(['country=Czechia', ''])('refuses %j naming country', async (query) => {
      const res = await t.get(`/api/organisations/cities?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: any) => e.field)).toContain('country');
    });
  });
});
