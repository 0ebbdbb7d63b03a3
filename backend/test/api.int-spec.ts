import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  completeMandatoryTasks,
  createMobilityFixture,
  createOrganisation,
  createProject,
  createSchool,
  hostMentor,
  sendEvent,
} from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const START = new Date('2026-03-02T10:00:00Z');
const PHASES = ['application', 'preparation', 'implementation', 'evaluation', 'finalisation'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('API through HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(START);
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    t.clock.set(START);
  });

  async function createMobility(projectId: string, body: Record<string, unknown>): Promise<any> {
    const res = await t.post(`/api/projects/${projectId}/mobilities`, { activityType: 'LM-SHORT-VET', ...body });
    if (res.status !== 201) throw new Error(`mobility: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function tasksOf(mobilityId: string): Promise<any[]> {
    const res = await t.get(`/api/mobilities/${mobilityId}/tasks`);
    expect(res.status).toBe(200);
    return res.body;
  }

  async function markDone(mobilityId: string, keys: string[]): Promise<void> {
    const tasks = await tasksOf(mobilityId);
    for (const key of keys) {
      const task = tasks.find((x) => x.key === key);
      expect((await t.patch(`/api/tasks/${task.id}`, { status: 'done' })).status).toBe(200);
    }
  }

  describe('organisations', () => {
    it("creates one with the country in upper case and the country's time zone", async () => {
      const res = await t.post('/api/organisations', {
        name: '  Hotel Sol  ',
        kind: 'company',
        country: 'es',
        city: 'Valencia',
        oid: 'e10000001',
        email: 'Info@Hotel-Sol.ES',
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        name: 'Hotel Sol',
        kind: 'company',
        country: 'ES',
        city: 'Valencia',
        oid: 'E10000001',
        email: 'info@hotel-sol.es',
        timeZone: 'Europe/Madrid',
        // The caller works for one organisation only: it registers the partner, in which the caller has no role.
        registeredByOrganisationId: t.school.id,
        yourRole: null,
      });
      const read = await t.get(`/api/organisations/${res.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(res.body);

      const berlin = await t.post('/api/organisations', {
        name: 'Autohaus Nord',
        kind: 'company',
        country: 'DE',
        city: 'Berlin',
      });
      expect(berlin.body).toEqual(expect.objectContaining({ timeZone: 'Europe/Berlin', oid: null, email: null }));
    });

    it('keeps an explicit time zone, and needs one for a country without a default', async () => {
      const canary = await t.post('/api/organisations', {
        name: 'Hotel Atlántico',
        kind: 'company',
        country: 'ES',
        city: 'Las Palmas',
        timeZone: 'Atlantic/Canary',
      });
      expect(canary.status).toBe(201);
      expect(canary.body.timeZone).toBe('Atlantic/Canary');

      const before = await t.count('organisation');
      const missing = await t.post('/api/organisations', {
        name: 'Maple Works',
        kind: 'company',
        country: 'CA',
        city: 'Toronto',
      });
      expect(missing.status).toBe(400);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'timeZone', rule: 'required' })]);
      expect(await t.count('organisation')).toBe(before);

      const wrongZone = await t.post('/api/organisations', {
        name: 'Maple Works',
        kind: 'company',
        country: 'CA',
        city: 'Toronto',
        timeZone: 'Mars/Olympus',
      });
      expect(wrongZone.status).toBe(400);
      expect(wrongZone.body.errors).toEqual([expect.objectContaining({ field: 'timeZone' })]);

      const toronto = await t.post('/api/organisations', {
        name: 'Maple Works',
        kind: 'company',
        country: 'CA',
        city: 'Toronto',
        timeZone: 'America/Toronto',
      });
      expect(toronto.status).toBe(201);
      expect(toronto.body).toEqual(expect.objectContaining({ country: 'CA', timeZone: 'America/Toronto' }));
      expect(await t.count('organisation')).toBe(before + 1);
    });

    it('filters by country, kind and text, and pages with a total independent of the page', async () => {
      // Portugal is used by no other test here.
      const made = [
        await createOrganisation(t, { name: 'Quinta Azul', kind: 'company', country: 'PT', city: 'Lisboa' }),
        await createOrganisation(t, {
          name: 'Escola Profissional do Porto',
          kind: 'vet-provider',
          country: 'PT',
          city: 'Porto',
        }),
        await createOrganisation(t, { name: 'Ponte Mobility', kind: 'intermediary', country: 'PT', city: 'Lisboa' }),
        await createOrganisation(t, { name: '100% Digital', kind: 'company', country: 'PT', city: 'Faro' }),
      ];
      await createOrganisation(t, { name: 'Lisboa Tours', kind: 'company', country: 'FI', city: 'Helsinki' });

      const all = await t.get('/api/organisations?country=pt');
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(4);
      expect(all.body.items.map((o: any) => o.name)).toEqual([
        '100% Digital',
        'Escola Profissional do Porto',
        'Ponte Mobility',
        'Quinta Azul',
      ]);
      expect(all.body).toEqual(expect.objectContaining({ page: 1, pageSize: 25 }));

      const companies = await t.get('/api/organisations?country=PT&kind=company');
      expect(companies.body.items.map((o: any) => o.id).sort()).toEqual([made[0].id, made[3].id].sort());
      expect(companies.body.total).toBe(2);

      const lisboa = await t.get('/api/organisations?q=LISBOA');
      expect(lisboa.body.items.map((o: any) => o.name)).toEqual(['Lisboa Tours', 'Ponte Mobility', 'Quinta Azul']);
      expect(lisboa.body.total).toBe(3);
      expect(
        (await t.get('/api/organisations?q=lisboa&country=PT&kind=intermediary')).body.items.map((o: any) => o.id),
      ).toEqual([made[2].id]);
      // LIKE wildcards in the text are taken literally.
      expect((await t.get('/api/organisations?country=PT&q=%25')).body.items.map((o: any) => o.id)).toEqual([
        made[3].id,
      ]);
      expect((await t.get('/api/organisations?country=PT&q=_')).body.total).toBe(0);
      expect((await t.get('/api/organisations?country=PT&q=nothing-like-this')).body).toEqual({
        items: [],
        total: 0,
        page: 1,
        pageSize: 25,
      });

      const pages = [];
      for (const page of [1, 2, 3]) {
        const res = await t.get(`/api/organisations?country=PT&pageSize=2&page=${page}`);
        expect(res.body).toEqual(expect.objectContaining({ total: 4, page, pageSize: 2 }));
        pages.push(res.body.items.map((o: any) => o.name));
      }
      expect(pages).toEqual([['100% Digital', 'Escola Profissional do Porto'], ['Ponte Mobility', 'Quinta Azul'], []]);
    });

    it('refuses a duplicate OID with 409, also between concurrent requests, and writes nothing more', async () => {
      const first = await createOrganisation(t, { oid: 'E20000002' });
      const before = await t.count('organisation');
      const duplicate = await t.post('/api/organisations', {
        name: 'Copy',
        kind: 'company',
        country: 'ES',
        city: 'Sevilla',
        oid: 'e20000002',
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.headers.get('content-type')).toContain('application/problem+json');
      expect(duplicate.body.errors).toEqual([expect.objectContaining({ field: 'oid', rule: 'unique' })]);
      expect(await t.count('organisation')).toBe(before);
      expect((await t.get(`/api/organisations/${first.id}`)).body.oid).toBe('E20000002');

      const racing = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          t.post('/api/organisations', {
            name: `Racer ${i}`,
            kind: 'other',
            country: 'IT',
            city: 'Roma',
            oid: 'E30000003',
          }),
        ),
      );
      expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect(racing.filter((r) => r.status === 409).every((r) => r.body.errors[0].field === 'oid')).toBe(true);
      expect(await t.count('organisation')).toBe(before + 1);
    });
  });

  describe('projects', () => {
    it('creates, lists and reads a project', async () => {
      const beneficiary = await createSchool(t, {
        name: 'Berufskolleg Ost',
        kind: 'vet-provider',
        country: 'DE',
        city: 'Dresden',
      });
      const res = await t.post('/api/projects', {
        reference: '2026-1-DE02-KA122-VET-000111222',
        title: '  Apprentices to Spain  ',
        action: 'KA122-VET',
        callYear: 2026,
        beneficiaryOrganisationId: beneficiary.id,
        startDate: '2026-09-01',
        endDate: '2027-08-31',
      });
      expect(res.status).toBe(201);
      const counts = {
        application: 0,
        preparation: 0,
        implementation: 0,
        evaluation: 0,
        finalisation: 0,
        completed: 0,
        withdrawn: 0,
      };
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        reference: '2026-1-DE02-KA122-VET-000111222',
        title: 'Apprentices to Spain',
        action: 'KA122-VET',
        callYear: 2026,
        beneficiaryOrganisation: { id: beneficiary.id, name: 'Berufskolleg Ost', country: 'DE' },
        startDate: '2026-09-01',
        endDate: '2027-08-31',
        mobilityCounts: counts,
        mobilityTotal: 0,
        overdueMobilities: 0,
        // The project's own lifecycle: running until its end date, its first deadline P1+30.
        status: 'running',
        reportSubmittedOn: null,
        closedOn: null,
        interimReportDueDate: null,
        nextDeadline: {
          taskId: expect.stringMatching(UUID),
          key: 'bm-mobilities-complete',
          title: 'All mobilities marked Complete in the Beneficiary Module',
          dueDate: '2027-09-30',
          overdue: false,
        },
        overdueTasks: 0,
        possibleEvents: [],
        canManage: true,
        warnings: [],
      });
      expect((await t.get(`/api/projects/${res.body.id}`)).body).toEqual(res.body);

      const ka121 = await createProject(t, {
        reference: '2026-1-DE02-KA121-VET-000111333',
        action: 'KA121-VET',
        startDate: '2026-06-01',
        endDate: '2028-05-31',
      });
      const list = await t.get('/api/projects');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(await t.count('project'));
      expect(list.body.items.map((p: any) => p.id)).toEqual(expect.arrayContaining([res.body.id, ka121.id]));
      // Newest start first.
      const starts = list.body.items.map((p: any) => p.startDate);
      expect([...starts].sort().reverse()).toEqual(starts);
      expect(list.body.items.find((p: any) => p.id === res.body.id)).toEqual(res.body);

      const onePerPage = await t.get('/api/projects?pageSize=1&page=2');
      expect(onePerPage.body).toEqual(expect.objectContaining({ total: list.body.total, page: 2, pageSize: 1 }));
      expect(onePerPage.body.items).toEqual([list.body.items[1]]);
    });

    it('refuses a duplicate reference with 409, also between concurrent requests', async () => {
      const project = await createProject(t);
      const before = await t.count('project');
      const again = await t.post('/api/projects', {
        reference: project.reference,
        title: 'Again',
        action: 'KA122-VET',
        callYear: 2026,
        beneficiaryOrganisationId: project.beneficiaryOrganisation.id,
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      });
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toContain('application/problem+json');
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'reference', rule: 'unique' })]);
      expect(await t.count('project')).toBe(before);

      const racing = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.post('/api/projects', {
            reference: '2026-1-ES01-KA122-VET-000999999',
            title: 'Race',
            action: 'KA122-VET',
            callYear: 2026,
            beneficiaryOrganisationId: project.beneficiaryOrganisation.id,
            startDate: '2026-01-01',
            endDate: '2026-12-31',
          }),
        ),
      );
      expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect(await t.count('project')).toBe(before + 1);
    });

    it("counts mobilities per phase and the overdue ones, by the app's calendar day", async () => {
      const sending = await createSchool(t, { kind: 'vet-provider', country: 'DE', city: 'Bonn' });
      const host = await createOrganisation(t, {
        country: 'ES',
        city: 'Bilbao',
        registeredByOrganisationId: sending.id,
      });
      const project = await createProject(t, { beneficiaryOrganisationId: sending.id });
      // Starting 2026-10-01, the first task is due 2026-06-03: nothing is overdue on 2026-03-02.
      const make = (n: number) =>
        createMobility(project.id, {
          participant: {
            firstName: `P${n}`,
            lastName: 'Count',
            email: `count${n}@example.org`,
            dateOfBirth: '2000-01-01',
          },
          sendingOrganisationId: sending.id,
          hostOrganisationId: host.id,
          startDate: '2026-10-01',
          endDate: '2026-10-28',
        });
      const [open, advanced, withdrawn, onTime] = [await make(1), await make(2), await make(3), await make(4)];

      await completeMandatoryTasks(t, advanced.id, ['application']);
      expect((await sendEvent(t, advanced.id, 'ADVANCE')).body.phase).toBe('preparation');
      expect((await sendEvent(t, withdrawn.id, 'WITHDRAW', 'changed school')).body.phase).toBe('withdrawn');
      await markDone(onTime.id, ['candidate-application']);

      const now = await t.get(`/api/projects/${project.id}`);
      expect(now.body.mobilityCounts).toEqual({
        application: 2,
        preparation: 1,
        implementation: 0,
        evaluation: 0,
        finalisation: 0,
        completed: 0,
        withdrawn: 1,
      });
      expect(now.body.mobilityTotal).toBe(4);
      expect(now.body.overdueMobilities).toBe(0);
      const listed = (await t.get('/api/projects?pageSize=500')).body.items.find((p: any) => p.id === project.id);
      expect(listed.mobilityCounts).toEqual(now.body.mobilityCounts);

      // Due today is not overdue yet.
      t.clock.set(new Date('2026-06-03T12:00:00Z'));
      expect((await t.get(`/api/projects/${project.id}`)).body.overdueMobilities).toBe(0);
      // 22:30 UTC on 3 June is already 4 June in Brussels: candidate-application (optional, due 3 June)
      // is overdue for the mobility still in application; not for the advanced one (optional advice of
      // a phase it has left), nor the one that did it, nor the withdrawn one.
      t.clock.set(new Date('2026-06-03T22:30:00Z'));
      expect((await t.get(`/api/projects/${project.id}`)).body.overdueMobilities).toBe(1);
      // 19 June: eligibility-check (mandatory, due 18 June) is overdue for both mobilities in application.
      t.clock.set(new Date('2026-06-19T10:00:00Z'));
      expect((await t.get(`/api/projects/${project.id}`)).body.overdueMobilities).toBe(2);
      expect((await t.get(`/api/mobilities/${open.id}`)).body.taskCounts.overdue).toBe(2);
      expect((await t.get(`/api/mobilities/${advanced.id}`)).body.taskCounts.overdue).toBe(0);
      const advancedTasks = (await t.get(`/api/mobilities/${advanced.id}/tasks`)).body;
      expect(advancedTasks.find((x: any) => x.key === 'candidate-application')).toMatchObject({
        status: 'open',
        overdue: false,
      });
      expect((await t.get(`/api/mobilities/${withdrawn.id}`)).body.taskCounts.overdue).toBe(0);
    });
  });

  describe('mobility list', () => {
    let project: any;
    let spain: any;
    let france: any;
    let ana: any;
    let bruno: any;
    let clara: any;
    let dario: any;

    beforeAll(async () => {
      // Files planned well before today: their tasks due by now are overdue, not "to catch up".
      t.clock.set(new Date('2025-11-03T09:00:00Z'));
      const sending = await createSchool(t, {
        name: 'Berufsschule Süd',
        kind: 'vet-provider',
        country: 'DE',
        city: 'München',
      });
      spain = await createOrganisation(t, {
        name: 'Taller Valenciano',
        country: 'ES',
        city: 'Valencia',
        registeredByOrganisationId: sending.id,
      });
      france = await createOrganisation(t, {
        name: 'Atelier Lyonnais',
        country: 'FR',
        city: 'Lyon',
        registeredByOrganisationId: sending.id,
      });
      project = await createProject(t, { beneficiaryOrganisationId: sending.id });
      const make = (first: string, last: string, host: any, startDate: string, endDate: string) =>
        createMobility(project.id, {
          participant: {
            firstName: first,
            lastName: last,
            email: `${first}.${last}@school.example`.toLowerCase(),
            dateOfBirth: '2000-01-01',
          },
          sendingOrganisationId: sending.id,
          hostOrganisationId: host?.id,
          startDate,
          endDate,
        });
      ana = await make('Ana', 'Garcia', spain, '2026-06-01', '2026-06-28');
      bruno = await make('Bruno', 'Keller', france, '2026-10-01', '2026-10-30');
      clara = await make('Clara', 'Novak', null, '2026-09-01', '2026-09-21');
      dario = await make('Dario', 'Rossi', france, '2026-07-01', '2026-07-20');
      expect((await sendEvent(t, dario.id, 'WITHDRAW', 'family reasons')).status).toBe(200);
      t.clock.set(START);
    });

    const ids = (res: any) => res.body.items.map((m: any) => m.id);
    const list = (query: string) => t.get(`/api/mobilities?projectId=${project.id}&${query}`);

    it('filters by project, ordered by start date', async () => {
      const res = await t.get(`/api/mobilities?projectId=${project.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ total: 4, page: 1, pageSize: 25 }));
      expect(ids(res)).toEqual([ana.id, dario.id, clara.id, bruno.id]);
      expect(res.body.items[0]).toEqual({
        id: ana.id,
        projectId: project.id,
        participant: { firstName: 'Ana', lastName: 'Garcia', email: 'ana.garcia@school.example' },
        activityType: 'LM-SHORT-VET',
        sendingOrganisation: { id: ana.sendingOrganisation.id, name: 'Berufsschule Süd', country: 'DE' },
        hostOrganisation: { id: spain.id, name: 'Taller Valenciano', country: 'ES' },
        startDate: '2026-06-01',
        endDate: '2026-06-28',
        phase: 'application',
        version: 1,
        placementConfirmed: false,
        // The readiness self-check is due at T0-90 (checklist v2), not yet overdue.
        overdueTasks: 4,
        nextDueTask: {
          id: expect.stringMatching(UUID),
          key: 'candidate-application',
          title: expect.any(String),
          dueDate: '2026-02-01',
          catchUp: false,
        },
      });
      expect(res.body.items[2].hostOrganisation).toBeNull();
      const all = await t.get('/api/mobilities?pageSize=500');
      expect(all.body.total).toBe(await t.count('mobility'));
    });

    it('filters by phase and by host', async () => {
      expect(ids(await list('phase=application'))).toEqual([ana.id, clara.id, bruno.id]);
      expect(ids(await list('phase=withdrawn'))).toEqual([dario.id]);
      expect((await list('phase=preparation')).body).toEqual(expect.objectContaining({ items: [], total: 0 }));
      // The French host takes part in this test only: no projectId needed.
      const byHost = await t.get(`/api/mobilities?hostOrganisationId=${france.id}`);
      expect(ids(byHost)).toEqual([dario.id, bruno.id]);
      expect(byHost.body.total).toBe(2);
      expect(ids(await t.get(`/api/mobilities?hostOrganisationId=${france.id}&phase=application`))).toEqual([bruno.id]);
    });

    it('filters overdue and not overdue, following the clock', async () => {
      expect(ids(await list('overdue=true'))).toEqual([ana.id]);
      expect(ids(await list('overdue=false'))).toEqual([dario.id, clara.id, bruno.id]);
      // 2026-05-10: Clara's first tasks (due 2026-05-04) are late; Dario is withdrawn, never overdue.
      t.clock.set(new Date('2026-05-10T08:00:00Z'));
      expect(ids(await list('overdue=true'))).toEqual([ana.id, clara.id]);
      expect(ids(await list('overdue=false'))).toEqual([dario.id, bruno.id]);
      expect((await list('overdue=true')).body.total).toBe(2);
    });

    it("searches participant name and e-mail and the host's name", async () => {
      expect(ids(await list('q=ana%20garcia'))).toEqual([ana.id]);
      expect(ids(await list('q=GARC'))).toEqual([ana.id]);
      expect(ids(await list('q=bruno.keller%40'))).toEqual([bruno.id]);
      expect(ids(await list('q=lyonnais'))).toEqual([dario.id, bruno.id]);
      expect(ids(await list('q=valenciano'))).toEqual([ana.id]);
      expect(ids(await list('q=novak&phase=application'))).toEqual([clara.id]);
      expect((await list('q=nobody-at-all')).body).toEqual({ items: [], total: 0, page: 1, pageSize: 25 });
    });

    it('pages with a total independent of the page', async () => {
      const full = ids(await list('pageSize=500'));
      const seen: string[] = [];
      for (const page of [1, 2, 3, 4, 5]) {
        const res = await list(`pageSize=1&page=${page}`);
        expect(res.body).toEqual(expect.objectContaining({ total: 4, page, pageSize: 1 }));
        seen.push(...ids(res));
      }
      expect(seen).toEqual(full);
      const second = await list('pageSize=3&page=2');
      expect(second.body.total).toBe(4);
      expect(ids(second)).toEqual([bruno.id]);
    });

    it('reports the next due task and the overdue tasks of each mobility', async () => {
      const byId = async () => Object.fromEntries((await list('pageSize=10')).body.items.map((m: any) => [m.id, m]));
      let items = await byId();
      expect(items[bruno.id]).toEqual(
        expect.objectContaining({
          overdueTasks: 0,
          nextDueTask: expect.objectContaining({ key: 'candidate-application', dueDate: '2026-06-03' }),
        }),
      );
      expect(items[clara.id].nextDueTask).toEqual(
        expect.objectContaining({ key: 'candidate-application', dueDate: '2026-05-04' }),
      );
      expect(items[dario.id]).toEqual(
        expect.objectContaining({ phase: 'withdrawn', overdueTasks: 0, nextDueTask: null }),
      );

      const anaTasks = await tasksOf(ana.id);
      expect(items[ana.id].nextDueTask.id).toBe(anaTasks.find((x) => x.key === 'candidate-application').id);
      expect(
        anaTasks
          .filter((x) => x.overdue)
          .map((x) => x.key)
          .sort(),
      ).toEqual(['candidate-application', 'eligibility-check', 'fewer-opportunities', 'selection-decision']);

      await markDone(ana.id, ['candidate-application', 'readiness-self-check']);
      items = await byId();
      expect(items[ana.id].overdueTasks).toBe(3);
      expect(items[ana.id].nextDueTask).toEqual(
        expect.objectContaining({ key: 'eligibility-check', dueDate: '2026-02-16' }),
      );
      // Waived tasks are neither overdue nor next.
      const eligibility = (await tasksOf(ana.id)).find((x) => x.key === 'eligibility-check');
      await t.patch(`/api/tasks/${eligibility.id}`, { status: 'waived', waiverReason: 'checked by the agency' });
      items = await byId();
      expect(items[ana.id].overdueTasks).toBe(2);
      // Two tasks are due 2026-02-21: the template's order breaks the tie.
      expect(items[ana.id].nextDueTask).toEqual(
        expect.objectContaining({ key: 'selection-decision', dueDate: '2026-02-21' }),
      );
      // Checklist v2 for a 28-day stay: one monitoring check-in more (day 15) than v1.
      expect((await t.get(`/api/mobilities/${ana.id}`)).body.taskCounts).toEqual({
        open: 49,
        done: 2,
        waived: 1,
        overdue: 2,
      });
    });
  });

  describe('one mobility', () => {
    it('has an ETag of its version, the events allowed now and a duration counting first and last day', async () => {
      const { mobility, host } = await createMobilityFixture(t);
      const res = await t.get(`/api/mobilities/${mobility.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.body.version).toBe(1);
      expect(res.body.durationDays).toBe(28);
      // The events allowed now, to the caller: the host's answer is its mentor's, not the school's coordinator's.
      expect(res.body.yourRole).toBe('coordinator');
      expect([...res.body.allowedEvents].sort()).toEqual(['WITHDRAW']);
      const mentor = await hostMentor(t, host.id);
      const asMentor = await mentor.client.get(`/api/mobilities/${mobility.id}`);
      expect(asMentor.status).toBe(200);
      expect(asMentor.body.yourRole).toBe('mentor');
      expect([...asMentor.body.allowedEvents].sort()).toEqual(['HOST_CONFIRM', 'HOST_DECLINE']);
      expect(res.body).toEqual(
        expect.objectContaining({
          travelDays: 0,
          greenTravel: false,
          placementConfirmed: false,
          placementConfirmedAt: null,
          checklistVersion: 2,
          currentChecklistVersion: 2,
        }),
      );

      const patched = await t.patch(`/api/mobilities/${mobility.id}`, { endDate: '2026-06-10' }, { 'if-match': '"1"' });
      expect(patched.status).toBe(200);
      expect(patched.headers.get('etag')).toBe('"2"');
      expect(patched.body.durationDays).toBe(10);
      expect((await t.get(`/api/mobilities/${mobility.id}`)).headers.get('etag')).toBe('"2"');

      // Across the end of daylight saving time and month ends: still whole calendar days.
      const long = await createMobilityFixture(t, {
        activityType: 'LM-LONG-VET',
        startDate: '2026-03-29',
        endDate: '2026-06-26',
      });
      expect(long.mobility.durationDays).toBe(90);
      const oneDay = await createMobilityFixture(t, {
        activityType: 'LM-SKILL-VET',
        startDate: '2026-10-25',
        endDate: '2026-10-25',
      });
      expect(oneDay.mobility.durationDays).toBe(1);

      await completeMandatoryTasks(t, mobility.id, ['application']);
      expect((await t.get(`/api/mobilities/${mobility.id}`)).body.allowedEvents).toContain('ADVANCE');
    });

    it('lists its tasks by phase then due date, each with its fields, at least 8 per phase', async () => {
      const { mobility } = await createMobilityFixture(t);
      const tasks = await tasksOf(mobility.id);
      for (const task of tasks) {
        expect(task).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(UUID),
            mobilityId: mobility.id,
            phase: expect.any(String),
            key: expect.any(String),
            title: expect.any(String),
            role: expect.stringMatching(/^(coordinator|sending|host|learner)$/),
            mandatory: expect.any(Boolean),
            dueDate: expect.stringMatching(ISO_DATE),
            status: 'open',
          }),
        );
        expect(PHASES).toContain(task.phase);
      }
      expect(new Set(tasks.map((x) => x.key)).size).toBe(tasks.length);
      for (const phase of PHASES) expect(tasks.filter((x) => x.phase === phase).length).toBeGreaterThanOrEqual(8);
      for (let i = 1; i < tasks.length; i++) {
        const [a, b] = [tasks[i - 1], tasks[i]];
        const byPhase = PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase);
        expect(byPhase < 0 || (byPhase === 0 && a.dueDate <= b.dueDate)).toBe(true);
      }
      // The template lists the agreement (T0-14) before travel booking (T0-28); the list follows the dates.
      const preparation = tasks.filter((x) => x.phase === 'preparation').map((x) => x.key);
      expect(preparation.indexOf('travel-booked')).toBeLessThan(preparation.indexOf('learning-agreement'));
      expect(tasks.find((x) => x.key === 'learning-agreement')).toEqual(
        expect.objectContaining({ mandatory: true, role: 'sending', dueDate: '2026-05-18' }),
      );
    });

    it('records who changed a task and when by the fixed clock, and bumps the mobility version', async () => {
      t.clock.set(new Date('2025-11-03T09:00:00Z')); // planned months ago: its past tasks are overdue
      const { mobility } = await createMobilityFixture(t);
      t.clock.set(START);
      const task = (await tasksOf(mobility.id)).find((x) => x.key === 'selection-decision');
      expect(task).toEqual(
        expect.objectContaining({ status: 'open', overdue: true, statusChangedAt: null, statusChangedBy: null }),
      );

      t.clock.set(new Date('2026-03-05T08:30:00Z'));
      const done = await t.patch(`/api/tasks/${task.id}`, { status: 'done' }, { 'if-match': '"1"' });
      expect(done.status).toBe(200);
      expect(done.headers.get('etag')).toBe('"2"');
      expect(done.body).toEqual(
        expect.objectContaining({
          id: task.id,
          status: 'done',
          overdue: false,
          statusChangedAt: '2026-03-05T08:30:00.000Z',
          statusChangedBy: 'coordinator@school.test',
          mobilityVersion: 2,
        }),
      );
      expect((await t.get(`/api/mobilities/${mobility.id}`)).body.version).toBe(2);
      expect((await tasksOf(mobility.id)).find((x) => x.id === task.id).statusChangedAt).toBe(
        '2026-03-05T08:30:00.000Z',
      );

      // A note alone keeps the status change's time, yet still moves the version on.
      t.clock.set(new Date('2026-03-09T14:00:00Z'));
      const noted = await t.patch(`/api/tasks/${task.id}`, { status: 'done', note: 'Minutes in the shared drive' });
      expect(noted.body).toEqual(
        expect.objectContaining({
          note: 'Minutes in the shared drive',
          statusChangedAt: '2026-03-05T08:30:00.000Z',
          mobilityVersion: 3,
        }),
      );
      const reopened = await t.patch(`/api/tasks/${task.id}`, { status: 'open' });
      expect(reopened.body).toEqual(
        expect.objectContaining({ status: 'open', statusChangedAt: '2026-03-09T14:00:00.000Z', mobilityVersion: 4 }),
      );
      expect((await t.get(`/api/mobilities/${mobility.id}`)).headers.get('etag')).toBe('"4"');
    });
  });

  describe('documents', () => {
    it('serves the committed OpenAPI document', async () => {
      const res = await t.get('/api/docs/openapi.json');
      expect(res.status).toBe(200);
      const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
      expect(res.body).toEqual(committed);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining(['/api/mobilities', '/api/tasks/{id}', '/api/health']),
      );
    });

    it('reports health', async () => {
      const res = await t.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.info.database.status).toBe('up');
    });
  });
});
