import { INestApplicationContext } from '@nestjs/common';
import { planProjectTasks } from '@mobility-hub/domain';
import { CreateProjectLifecycle1764450000000 } from '../src/database/migrations/1764450000000-CreateProjectLifecycle';
import { ProjectReminderService } from '../src/modules/notification/project-reminder.service';
import { createOrganisation, createProject, createSchool } from './support/factories';
import {
  eventually,
  removeQueues,
  SmtpSink,
  startSmtpSink,
  startWorker,
  uniquePrefix,
  workerEnv,
} from './support/mail-harness';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * The project's own lifecycle through the API (fake clock, 2026-03-02 unless moved): status by the
 * calendar and by what a coordinator records, its dated tasks, the KA122 limits, the access rules,
 * and its reminders written to the outbox and delivered by a real worker to a real SMTP server.
 */
describe('projects: lifecycle, tasks and reminders', () => {
  let t: TestApp;
  let sweeper: ProjectReminderService;
  const at = (iso: string) => t.clock.set(new Date(iso));
  let serial = 500;
  const reference = (year: number, action = 'KA122') =>
    `${year}-1-DE02-${action}-VET-${String(++serial).padStart(9, '0')}`;

  beforeAll(async () => {
    t = await startTestApp();
    sweeper = t.app.get(ProjectReminderService);
  });
  afterAll(() => t.close());

  const tasksOf = async (projectId: string, client = t as { get: TestApp['get'] }) =>
    (await client.get(`/api/projects/${projectId}/tasks`)).body as any[];
  const taskByKey = async (projectId: string, key: string) => (await tasksOf(projectId)).find((x) => x.key === key);

  it('opens a project running, with its finalisation tasks dated from the end date and a next deadline', async () => {
    at('2026-03-02T10:00:00Z');
    const project = await createProject(t, { startDate: '2026-01-01', endDate: '2027-06-30' });
    expect(project).toMatchObject({
      status: 'running',
      reportSubmittedOn: null,
      closedOn: null,
      interimReportDueDate: null,
      possibleEvents: [],
      canManage: true,
      warnings: [],
      overdueTasks: 0,
      nextDeadline: { key: 'bm-mobilities-complete', dueDate: '2027-07-30', overdue: false },
    });
    const tasks = await tasksOf(project.id);
    expect(tasks.map((x) => [x.key, x.dueDate, x.status, x.setByEvent])).toEqual([
      ['bm-mobilities-complete', '2027-07-30', 'open', false],
      ['bm-organisations-checked', '2027-07-30', 'open', false],
      ['participant-reports-received', '2027-08-14', 'open', false],
      ['evidence-file-complete', '2027-08-14', 'open', false],
      ['final-report-submitted', '2027-08-29', 'open', true],
    ]);
    const history = (await t.get(`/api/projects/${project.id}/history`)).body;
    expect(history).toEqual([
      expect.objectContaining({ event: 'CREATE', toStatus: 'running', actor: 'coordinator@school.test' }),
    ]);
  });

  it('refuses a call year outside the programme 2021-2027 with a 422 naming callYear', async () => {
    const school = await createSchool(t);
    for (const year of [2020, 2028]) {
      const res = await t.post('/api/projects', {
        reference: reference(year),
        title: 'Out of the programme',
        action: 'KA122-VET',
        callYear: year,
        beneficiaryOrganisationId: school.id,
        startDate: `${year}-09-01`,
        endDate: `${year + 1}-08-31`,
      });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: any) => e.field)).toEqual(['callYear']);
    }
  });

  it('warns (does not refuse) about a fourth KA122 grant within 5 call years, on create and on the detail', async () => {
    at('2026-03-02T10:00:00Z');
    const school = await createSchool(t);
    const open = (year: number, action = 'KA122') =>
      t.post('/api/projects', {
        reference: reference(year, action),
        title: `Short-term ${year}`,
        action: `${action}-VET`,
        callYear: year,
        beneficiaryOrganisationId: school.id,
        startDate: '2026-09-01',
        endDate: '2027-08-31',
      });
    for (const year of [2021, 2023, 2024]) {
      const res = await open(year);
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([]);
    }
    // An accredited project is no short-term grant: no warning, and it does not count.
    expect((await open(2025, 'KA121')).body.warnings).toEqual([]);
    const fourth = await open(2025);
    expect(fourth.status).toBe(201);
    expect(fourth.body.warnings).toEqual([expect.objectContaining({ code: 'ka122-frequency', field: 'callYear' })]);
    expect(fourth.body.warnings[0].message).toContain('2021–2025');
    expect((await t.get(`/api/projects/${fourth.body.id}`)).body.warnings).toHaveLength(1);
    // The earlier ones now share a window with three others too: the coordinator sees it there as well.
    const list = (await t.get('/api/projects?pageSize=100')).body.items.filter(
      (p: any) => p.beneficiaryOrganisation.id === school.id && p.action === 'KA122-VET',
    );
    expect(list.every((p: any) => p.warnings.length === 1)).toBe(true);
  });

  it('is reporting from the day after its end date, on the list and the detail', async () => {
    at('2026-03-02T10:00:00Z');
    const project = await createProject(t, { startDate: '2026-01-01', endDate: '2026-06-30' });
    at('2026-06-30T21:00:00Z'); // 23:00 in Brussels: still the last day
    expect((await t.get(`/api/projects/${project.id}`)).body.status).toBe('running');
    at('2026-06-30T22:30:00Z'); // 00:30 in Brussels on 1 July
    const detail = (await t.get(`/api/projects/${project.id}`)).body;
    expect(detail).toMatchObject({ status: 'reporting', possibleEvents: ['SUBMIT_FINAL_REPORT'] });
    const listed = (await t.get('/api/projects?pageSize=100')).body.items.find((p: any) => p.id === project.id);
    expect(listed).toMatchObject({ status: 'reporting', nextDeadline: { dueDate: '2026-07-30' } });
  });

  describe('recording and ticking', () => {
    let project: any;
    let staff: TestUser;
    let stranger: TestUser;

    beforeAll(async () => {
      at('2026-03-02T10:00:00Z');
      const school = await createSchool(t);
      project = await createProject(t, { beneficiaryOrganisationId: school.id, endDate: '2026-06-30' });
      staff = await t.createUser({ role: 'staff', organisationId: school.id });
      const otherSchool = await createOrganisation(t, { kind: 'vet-provider', country: 'AT', city: 'Linz' });
      await t.db.query(`UPDATE organisation SET registered_by_organisation_id = NULL WHERE id = $1`, [otherSchool.id]);
      stranger = await t.createUser({ role: 'coordinator', organisationId: otherSchool.id });
    });

    it("another school's coordinator finds nothing: every project route answers 404", async () => {
      const task = await taskByKey(project.id, 'evidence-file-complete');
      expect((await stranger.client.get(`/api/projects/${project.id}`)).status).toBe(404);
      expect((await stranger.client.get(`/api/projects/${project.id}/tasks`)).status).toBe(404);
      expect((await stranger.client.get(`/api/projects/${project.id}/history`)).status).toBe(404);
      expect(
        (await stranger.client.post(`/api/projects/${project.id}/events`, { type: 'SUBMIT_FINAL_REPORT' })).status,
      ).toBe(404);
      expect(
        (await stranger.client.patch(`/api/projects/${project.id}/tasks/${task.id}`, { status: 'done' })).status,
      ).toBe(404);
      expect((await stranger.client.patch(`/api/projects/${project.id}`, { interimReportDueDate: null })).status).toBe(
        404,
      );
      expect((await stranger.client.get('/api/projects?pageSize=100')).body.items).toEqual([]);
    });

    it('staff see the project and its tasks, but only coordinators tick, record or set dates (403)', async () => {
      const task = await taskByKey(project.id, 'evidence-file-complete');
      const seen = await staff.client.get(`/api/projects/${project.id}`);
      expect(seen.body).toMatchObject({ canManage: false, possibleEvents: [] });
      expect(await tasksOf(project.id, staff.client)).toHaveLength(5);
      const tick = await staff.client.patch(`/api/projects/${project.id}/tasks/${task.id}`, { status: 'done' });
      expect(tick.status).toBe(403);
      expect(tick.body.type).toBe('urn:mobility-hub:problem:role-not-allowed');
      at('2026-07-02T10:00:00Z');
      expect(
        (await staff.client.post(`/api/projects/${project.id}/events`, { type: 'SUBMIT_FINAL_REPORT' })).status,
      ).toBe(403);
      expect((await taskByKey(project.id, 'evidence-file-complete')).status).toBe('open');
    });

    it('ticks and waives (with a reason) project tasks, recording who and when; the final report task follows the submission', async () => {
      at('2026-07-02T10:00:00Z');
      const evidence = await taskByKey(project.id, 'evidence-file-complete');
      const done = await t.patch(`/api/projects/${project.id}/tasks/${evidence.id}`, {
        status: 'done',
        note: 'binder 3',
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        status: 'done',
        note: 'binder 3',
        statusChangedBy: 'coordinator@school.test',
        statusChangedAt: '2026-07-02T10:00:00.000Z',
      });
      const organisations = await taskByKey(project.id, 'bm-organisations-checked');
      const noReason = await t.patch(`/api/projects/${project.id}/tasks/${organisations.id}`, { status: 'waived' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0].field).toBe('waiverReason');
      const waived = await t.patch(`/api/projects/${project.id}/tasks/${organisations.id}`, {
        status: 'waived',
        waiverReason: 'checked with the NA on the phone',
      });
      expect(waived.body).toMatchObject({ status: 'waived', waiverReason: 'checked with the NA on the phone' });
      const final = await taskByKey(project.id, 'final-report-submitted');
      const ticked = await t.patch(`/api/projects/${project.id}/tasks/${final.id}`, { status: 'done' });
      expect(ticked.status).toBe(409);
      expect(ticked.body.type).toBe('urn:mobility-hub:problem:project-task-by-event');
      // A task of another project, addressed through this one: not found.
      const other = await createProject(t);
      const foreignTask = await taskByKey(other.id, 'evidence-file-complete');
      expect((await t.patch(`/api/projects/${project.id}/tasks/${foreignTask.id}`, { status: 'done' })).status).toBe(
        404,
      );
    });

    it('refuses a submission in the future (422 naming on), records it, then the NA decision; history keeps who and when', async () => {
      at('2026-07-20T10:00:00Z');
      const future = await t.post(`/api/projects/${project.id}/events`, {
        type: 'SUBMIT_FINAL_REPORT',
        on: '2026-07-21',
      });
      expect(future.status).toBe(422);
      expect(future.body.errors[0].field).toBe('on');
      const closeEarly = await t.post(`/api/projects/${project.id}/events`, { type: 'CLOSE' });
      expect(closeEarly.status).toBe(409);
      expect(closeEarly.body.type).toBe('urn:mobility-hub:problem:project-event-refused');

      const submitted = await t.post(`/api/projects/${project.id}/events`, {
        type: 'SUBMIT_FINAL_REPORT',
        on: '2026-07-18',
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        status: 'submitted',
        reportSubmittedOn: '2026-07-18',
        possibleEvents: ['CLOSE', 'REOPEN_REPORT'],
        nextDeadline: null,
      });
      expect((await taskByKey(project.id, 'final-report-submitted')).status).toBe('done');
      // The BM locks a submitted project: its tasks no longer change.
      const late = await taskByKey(project.id, 'participant-reports-received');
      const refused = await t.patch(`/api/projects/${project.id}/tasks/${late.id}`, { status: 'done' });
      expect(refused.status).toBe(409);
      expect(refused.body.type).toBe('urn:mobility-hub:problem:project-tasks-closed');

      at('2026-09-15T10:00:00Z');
      const closed = await t.post(`/api/projects/${project.id}/events`, { type: 'CLOSE', on: '2026-09-10' });
      expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-09-10', possibleEvents: [] });
      const history = (await t.get(`/api/projects/${project.id}/history`)).body as any[];
      expect(
        history.filter((h) => h.event !== 'TASK').map((h) => [h.event, h.fromStatus, h.toStatus, h.occurredOn]),
      ).toEqual([
        ['CREATE', null, 'running', null],
        ['SUBMIT_FINAL_REPORT', 'reporting', 'submitted', '2026-07-18'],
        ['CLOSE', 'submitted', 'closed', '2026-09-10'],
      ]);
      expect(history.find((h) => h.event === 'CLOSE')).toMatchObject({
        actor: 'coordinator@school.test',
        at: '2026-09-15T10:00:00.000Z',
      });
      expect(history.filter((h) => h.event === 'TASK').map((h) => h.summary)).toEqual([
        'evidence-file-complete: open → done',
        'bm-organisations-checked: open → waived (checked with the NA on the phone)',
      ]);
    });
  });

  it('an accredited project gets an interim report task when a date is set, and loses it when cleared', async () => {
    at('2026-03-02T10:00:00Z');
    const school = await createSchool(t);
    const ka121 = await createProject(t, {
      beneficiaryOrganisationId: school.id,
      reference: reference(2026, 'KA121'),
      action: 'KA121-VET',
      startDate: '2026-01-01',
      endDate: '2027-04-30',
    });
    const outside = await t.patch(`/api/projects/${ka121.id}`, { interimReportDueDate: '2027-05-15' });
    expect(outside.status).toBe(422);
    expect(outside.body.errors[0].field).toBe('interimReportDueDate');
    const set = await t.patch(`/api/projects/${ka121.id}`, { interimReportDueDate: '2026-10-15' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      interimReportDueDate: '2026-10-15',
      nextDeadline: { key: 'interim-report-submitted', dueDate: '2026-10-15' },
    });
    const interim = await taskByKey(ka121.id, 'interim-report-submitted');
    expect(interim).toMatchObject({ dueDate: '2026-10-15', status: 'open' });
    const [{ next }] = await t.db.query(`SELECT next_reminder_at AS next FROM project_task WHERE id = $1`, [
      interim.id,
    ]);
    // Seven days ahead, at 09:00 in Berlin (UTC+2 in October).
    expect(new Date(next).toISOString()).toBe('2026-10-08T07:00:00.000Z');
    const cleared = await t.patch(`/api/projects/${ka121.id}`, { interimReportDueDate: null });
    expect(cleared.body.interimReportDueDate).toBeNull();
    expect(await taskByKey(ka121.id, 'interim-report-submitted')).toBeUndefined();
    // A short-term project has no interim report.
    const ka122 = await createProject(t, { beneficiaryOrganisationId: school.id });
    const refused = await t.patch(`/api/projects/${ka122.id}`, { interimReportDueDate: '2026-10-15' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'interimReportDueDate', rule: 'accredited projects only' });
  });

  it('KA122: the 31st participant is refused, a withdrawn mobility frees its place', async () => {
    at('2026-03-02T10:00:00Z');
    const school = await createSchool(t);
    const project = await createProject(t, { beneficiaryOrganisationId: school.id });
    const create = (n: number) =>
      t.post(`/api/projects/${project.id}/mobilities`, {
        participant: {
          firstName: 'Learner',
          lastName: `N${n}`,
          email: `cap${n}.${project.id.slice(0, 8)}@example.org`,
          dateOfBirth: '2000-01-01',
        },
        activityType: 'LM-SHORT-VET',
        sendingOrganisationId: school.id,
        startDate: '2026-06-01',
        endDate: '2026-06-28',
      });
    const ids: string[] = [];
    for (let n = 1; n <= 30; n++) {
      const res = await create(n);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const full = await create(31);
    expect(full.status).toBe(422);
    expect(full.body.errors[0]).toMatchObject({ field: 'participant', rule: 'KA122-VET max 30 participants' });
    expect((await t.post(`/api/mobilities/${ids[0]}/events`, { type: 'WITHDRAW', reason: 'moved away' })).status).toBe(
      200,
    );
    expect((await create(31)).status).toBe(201);
  });

  describe('reminders', () => {
    const outboxOf = (projectId: string) =>
      t.db.query(
        `SELECT r.kind, r.occasion_date::text AS date, r.recipient_email, o.id AS outbox_id, o.status, o.kind AS mail_kind,
                o.subject, o.locale, o.send_after, o.text
           FROM project_reminder r JOIN outbox o ON o.id = r.outbox_id WHERE r.project_id = $1
          ORDER BY r.occasion_date, r.recipient_email`,
        [projectId],
      );

    it('writes one mail per occasion and coordinator, in the school’s language, once however often the sweep runs', async () => {
      at('2026-03-02T10:00:00Z');
      const school = await createSchool(t);
      const second = await t.createUser({ role: 'coordinator', organisationId: school.id }, 'zweite@school.test');
      await t.createUser({ role: 'staff', organisationId: school.id });
      const project = await createProject(t, {
        beneficiaryOrganisationId: school.id,
        title: 'Azubis in Europa',
        endDate: '2026-06-30',
      });
      // BM data complete is due 2026-07-30 (a Thursday): the due-soon reminder a week before, 09:00 Berlin.
      at('2026-07-23T06:59:00Z');
      await sweeper.sweep();
      expect(await outboxOf(project.id)).toEqual([]);
      at('2026-07-23T07:00:00Z');
      await Promise.all([sweeper.sweep(), sweeper.sweep()]);
      await sweeper.sweep();
      const mails = await outboxOf(project.id);
      // Two tasks fall due on 2026-07-30 (BM data, organisations), two coordinators: four mails, no duplicate.
      expect(mails.map((m: any) => [m.kind, m.date, m.recipient_email, m.mail_kind, m.status])).toEqual([
        ['due-soon', '2026-07-23', 'coordinator@school.test', 'project-task-reminder', 'pending'],
        ['due-soon', '2026-07-23', 'coordinator@school.test', 'project-task-reminder', 'pending'],
        ['due-soon', '2026-07-23', second.email, 'project-task-reminder', 'pending'],
        ['due-soon', '2026-07-23', second.email, 'project-task-reminder', 'pending'],
      ]);
      // The school is German: German subject, date and task title (one language per mail).
      expect(mails.map((m: any) => m.locale)).toEqual(['de-DE', 'de-DE', 'de-DE', 'de-DE']);
      expect(mails.map((m: any) => m.subject)).toContain(
        `Fällig am 30. Juli 2026: Alle Mobilitäten im Beneficiary Module als „Complete“ markiert (Azubis in Europa (${project.reference}))`,
      );
      expect(mails[0].text).toContain(`/projects/${project.id}`);
      // Ticking a task cancels its waiting mail; the other's stays.
      const bm = await taskByKey(project.id, 'bm-mobilities-complete');
      expect((await t.patch(`/api/projects/${project.id}/tasks/${bm.id}`, { status: 'done' })).status).toBe(200);
      const after = await t.db.query(
        `SELECT t.template_key AS key, o.status FROM project_reminder r JOIN outbox o ON o.id = r.outbox_id
           JOIN project_task t ON t.id = r.project_task_id WHERE r.project_id = $1 ORDER BY 1, 2`,
        [project.id],
      );
      expect(after).toEqual([
        { key: 'bm-mobilities-complete', status: 'cancelled' },
        { key: 'bm-mobilities-complete', status: 'cancelled' },
        { key: 'bm-organisations-checked', status: 'pending' },
        { key: 'bm-organisations-checked', status: 'pending' },
      ]);
      const [{ next }] = await t.db.query(`SELECT next_reminder_at AS next FROM project_task WHERE id = $1`, [bm.id]);
      expect(next).toBeNull();
    });

    it('stops reminding once the final report is recorded as submitted', async () => {
      at('2026-03-02T10:00:00Z');
      const project = await createProject(t, { endDate: '2026-06-30' });
      at('2026-07-23T07:00:00Z');
      await sweeper.sweep();
      expect((await outboxOf(project.id)).every((m: any) => m.status === 'pending')).toBe(true);
      expect((await outboxOf(project.id)).length).toBeGreaterThan(0);
      expect((await t.post(`/api/projects/${project.id}/events`, { type: 'SUBMIT_FINAL_REPORT' })).status).toBe(200);
      expect((await outboxOf(project.id)).every((m: any) => m.status === 'cancelled')).toBe(true);
      const planned = await t.db.query(
        `SELECT count(*)::int AS n FROM project_task WHERE project_id = $1 AND next_reminder_at IS NOT NULL`,
        [project.id],
      );
      expect(planned[0].n).toBe(0);
      at('2026-08-30T07:00:00Z');
      await sweeper.sweep();
      expect((await outboxOf(project.id)).every((m: any) => m.status === 'cancelled')).toBe(true);
    });

    describe('delivery', () => {
      let sink: SmtpSink;
      let worker: INestApplicationContext;
      const prefix = uniquePrefix();

      beforeAll(async () => {
        sink = await startSmtpSink();
        worker = await startWorker(workerEnv(t.databaseUrl, sink.url, prefix), t.clock);
      });
      afterAll(async () => {
        await worker.close();
        await sink.close();
        await removeQueues(prefix);
      });

      it('the final report reminder reaches the coordinator by SMTP, in English for an Irish school, at 09:00 Dublin', async () => {
        at('2026-03-02T10:00:00Z');
        const school = await createSchool(t, { country: 'IE', city: 'Cork', email: 'erasmus@college.example' });
        await t.db.query(`UPDATE organisation SET time_zone = 'Europe/Dublin' WHERE id = $1`, [school.id]);
        const project = await createProject(t, {
          beneficiaryOrganisationId: school.id,
          title: 'Apprentices to Europe',
          endDate: '2026-06-30',
        });
        await t.db.query(`UPDATE outbox SET status = 'cancelled' WHERE status = 'pending'`); // earlier tests' mail
        const final = await taskByKey(project.id, 'final-report-submitted');
        // Due 2026-08-29 (a Saturday); the due-today reminder on that day waits for Monday 09:00 Dublin (08:00 UTC).
        await t.db.query(
          `UPDATE project_task SET status = 'waived', waiver_reason = 'test', next_reminder_at = NULL
            WHERE project_id = $1 AND id <> $2`,
          [project.id, final.id],
        );
        at('2026-08-31T08:00:00Z');
        await sweeper.sweep();
        const [mail] = await outboxOf(project.id);
        expect(mail).toMatchObject({
          kind: 'due-today',
          date: '2026-08-29',
          recipient_email: 'coordinator@school.test',
        });
        expect(new Date(mail.send_after).toISOString()).toBe('2026-08-31T08:00:00.000Z');
        const messageId = `<${mail.outbox_id}@mobility-hub.localhost>`;
        await eventually(() => sink.countOf(messageId) === 1, 20_000, 'the project reminder');
        const received = sink.received.find((m) => m.messageId === messageId)!;
        expect(received.to).toEqual(['coordinator@school.test']);
        expect(received.subject).toBe(
          `Due today: Final beneficiary report submitted in the Beneficiary Module (Apprentices to Europe (${project.reference}))`,
        );
        expect(received.text).toContain('29 August 2026');
        expect(received.text).toContain('a coordinator of');
        expect(received.html).toContain(`/projects/${project.id}`);
        await eventually(
          async () =>
            (await t.db.query(`SELECT status FROM outbox WHERE id = $1`, [mail.outbox_id]))[0].status === 'sent',
          10_000,
          'sent mark',
        );
      });
    });
  });

  // Last: it drops and re-creates the lifecycle tables.
  it('the migration gives projects that existed before it the tasks the domain plans (default 60 days), and goes down cleanly', async () => {
    at('2026-03-02T10:00:00Z');
    const project = await createProject(t, { startDate: '2026-01-01', endDate: '2027-04-30' });
    const migration = new CreateProjectLifecycle1764450000000();
    const runner = t.db.createQueryRunner();
    try {
      await migration.down(runner);
      const [{ exists }] = await runner.query(`SELECT to_regclass('project_task') IS NOT NULL AS exists`);
      expect(exists).toBe(false);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows = await t.db.query(
      `SELECT template_key AS key, title, guidance, due_date::text AS "dueDate", position, status
         FROM project_task WHERE project_id = $1 ORDER BY position`,
      [project.id],
    );
    const planned = planProjectTasks({ action: 'KA122-VET', endDate: '2027-04-30', interimReportDueDate: null });
    expect(rows).toEqual(
      planned.map((p) => ({
        key: p.key,
        title: p.title,
        guidance: p.guidance,
        dueDate: p.dueDate,
        position: p.position,
        status: 'open',
      })),
    );
    // Each is looked at by the next sweep, which plans its reminders (existing projects are reminded too).
    const [{ unplanned }] = await t.db.query(
      `SELECT count(*)::int AS unplanned FROM project_task WHERE project_id = $1 AND next_reminder_at IS NULL`,
      [project.id],
    );
    expect(unplanned).toBe(0);
  });
});
