import { BM_MOBILITY_COLUMNS, MOBILITY_SHEET_COLUMNS } from '@mobility-hub/domain';
import { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import { ExportProcessor } from '../src/modules/report/jobs/export.processor';
import { TASK_SHEET_COLUMNS } from '../src/modules/report/writers/columns';
import { extractPdfText } from '../src/modules/report/writers/testing/pdf-text';
import { ReportWorkerService } from '../src/modules/report/report-worker.service';
import { createOrganisation, createProject, createSchool, hostMentor } from './support/factories';
import { Queue } from 'bullmq';
import { QUEUES } from '../src/queue/queue-registry';
import { producerConnection } from '../src/queue/redis';
import { eventually, removeQueues, startWorker, TEST_REDIS_URL, uniquePrefix, workerEnv } from './support/mail-harness';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Exports end to end: the API records and enqueues, the real worker (its own Nest context on the
 * same PostgreSQL and Redis) writes the file; the file is read back with exceljs and csv-parse and
 * every summary figure compared with what SQL of this test counts in the database.
 */
jest.setTimeout(120_000);

describe('exports', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const prefix = uniquePrefix();
  let project: any;
  let sending: any;
  let host: any;
  const mobilities: any[] = [];

  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { QUEUE_PREFIX: prefix });
    worker = await startWorker(workerEnv(t.databaseUrl, 'smtp://127.0.0.1:9', prefix), t.clock);

    // OIDs as the BM wants them (E + 8 digits); Ömer's mobility below has no host yet.
    sending = await createSchool(t, { oid: 'E10000001' });
    host = await createOrganisation(t, {
      country: 'ES',
      city: 'Madrid',
      oid: 'E10000002',
      registeredByOrganisationId: sending.id,
    });
    const host2 = await createOrganisation(t, {
      country: 'FR',
      city: 'Lyon',
      oid: 'E10000003',
      registeredByOrganisationId: sending.id,
    });
    project = await createProject(t, { beneficiaryOrganisationId: sending.id });
    const plan = [
      { first: 'Lena', type: 'LM-SHORT-VET', host: host.id, start: '2026-06-01', end: '2026-06-28' },
      { first: 'Jonas', type: 'LM-SHORT-VET', host: host2.id, start: '2026-06-01', end: '2026-06-21' },
      { first: 'Zoë', type: 'LM-LONG-VET', host: host.id, start: '2026-05-01', end: '2026-08-31' },
      { first: 'Ömer', type: 'SM-JOB-SHDW', host: null, start: '2026-07-01', end: '2026-07-05' },
    ];
    for (const [i, p] of plan.entries()) {
      const res = await t.post(`/api/projects/${project.id}/mobilities`, {
        participant: { firstName: p.first, lastName: 'Müller', email: `p${i}@example.org`, dateOfBirth: '2000-01-01' },
        activityType: p.type,
        sendingOrganisationId: sending.id,
        ...(p.host ? { hostOrganisationId: p.host } : {}),
        startDate: p.start,
        endDate: p.end,
      });
      expect(res.status).toBe(201);
      mobilities.push(res.body);
    }
    // Varied facts, set in SQL (the figures are what the report must count, however they came about).
    const [a, b, c, d] = mobilities.map((m) => m.id);
    await t.db.query(`UPDATE mobility SET green_travel = true, fewer_opportunities = true WHERE id = ANY($1)`, [
      [a, c],
    ]);
    await t.db.query(
      `UPDATE mobility SET actual_end_date = '2026-06-15', interruption_reason = 'illness', force_majeure = true,
              interrupted_at = now(), interrupted_by = 'coordinator@test' WHERE id = $1`,
      [b],
    );
    await t.db.query(`UPDATE mobility SET phase = 'withdrawn' WHERE id = $1`, [d]);
    await t.db.query(
      `INSERT INTO lifecycle_event (mobility_id, sequence, event, from_state, to_state, actor, reason, occurred_at)
       VALUES ($1, 1000, 'WITHDRAW', 'application', 'withdrawn', 'coordinator@test', 'changed school', now())`,
      [d],
    );
    await t.db.query(
      `UPDATE mobility SET participant_report_requested_at = '2026-09-01T08:00:00Z',
              participant_report_submitted_at = CASE WHEN id = $2 THEN '2026-09-03T08:00:00Z'::timestamptz END,
              participant_report_status = CASE WHEN id = $2 THEN 'submitted' ELSE 'requested' END
        WHERE id = ANY($1)`,
      [[a, c], c],
    );
    // Tasks: some done on time, some late (by the school's calendar), some waived.
    await t.db.query(
      `UPDATE task SET status = 'done', status_changed_by = 'coordinator@test',
              status_changed_at = (due_date::timestamp - interval '1 day') AT TIME ZONE 'Europe/Berlin'
        WHERE id IN (SELECT id FROM task WHERE mobility_id = $1 ORDER BY position LIMIT 5)`,
      [a],
    );
    await t.db.query(
      `UPDATE task SET status = 'done', status_changed_by = 'coordinator@test',
              status_changed_at = (due_date::timestamp + interval '1 day 2 hours') AT TIME ZONE 'Europe/Berlin'
        WHERE id IN (SELECT id FROM task WHERE mobility_id = $1 ORDER BY position LIMIT 3)`,
      [c],
    );
    await t.db.query(
      `UPDATE task SET status = 'waived', waiver_reason = 'not needed', status_changed_by = 'coordinator@test',
              status_changed_at = now()
        WHERE id IN (SELECT id FROM task WHERE mobility_id = $1 ORDER BY position LIMIT 2)`,
      [b],
    );
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await removeQueues(prefix);
    const connection = producerConnection(TEST_REDIS_URL);
    const queue = new Queue(QUEUES.reports.name, { connection, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
  });

  const download = async (id: string, user: TestUser = t.coordinator) => {
    const res = await fetch(`${t.url}/api/exports/${id}/file`, { headers: { cookie: user.cookie } });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };

  const exportDone = async (projectId: string, body: Record<string, unknown>) => {
    const res = await t.post(`/api/projects/${projectId}/exports`, body);
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/exports/${res.body.id}`);
    expect(res.body.status).toBe('queued');
    let last: any;
    await eventually(async () => {
      last = (await t.get(`/api/exports/${res.body.id}`)).body;
      return last.status === 'done' || last.status === 'failed';
    });
    expect(last.error).toBeNull();
    expect(last).toMatchObject({ status: 'done', progress: 100, downloadable: true });
    return last;
  };

  const workbookOf = async (buffer: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as any);
    return workbook;
  };

  const sheetOf = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  };

  /** The Summary sheet as label → value (column A → column B). */
  const summaryOf = (workbook: ExcelJS.Workbook) => {
    const figures = new Map<string, unknown>();
    sheetOf(workbook, 'Summary').eachRow((row) => {
      const label = row.getCell(1).value;
      if (typeof label === 'string' && !figures.has(label)) figures.set(label, row.getCell(2).value);
    });
    return figures;
  };

  const one = async <T>(sql: string, params: unknown[] = [project.id]): Promise<T> =>
    ((await t.db.query(sql, params)) as T[])[0];

  it('exports the final report as XLSX with every summary figure as the database counts it', async () => {
    const done = await exportDone(project.id, { kind: 'final-report', format: 'xlsx' });
    const file = await download(done.id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(file.headers.get('content-disposition')).toContain(`${project.reference}-final-report-2026-03-02.xlsx`);
    const workbook = await workbookOf(file.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'Mobilities', 'Tasks', 'Event history']);

    const s = summaryOf(workbook);
    const db = await one<any>(
      `SELECT count(*)::int AS mobilities, count(DISTINCT lower(pe.email))::int AS participants,
              count(*) FILTER (WHERE m.green_travel)::int AS green,
              count(*) FILTER (WHERE m.fewer_opportunities)::int AS fewer,
              count(*) FILTER (WHERE m.phase = 'withdrawn')::int AS withdrawals,
              count(*) FILTER (WHERE m.actual_end_date IS NOT NULL)::int AS interruptions,
              count(*) FILTER (WHERE m.actual_end_date IS NOT NULL AND m.force_majeure)::int AS force_majeure,
              count(*) FILTER (WHERE m.participant_report_requested_at IS NOT NULL)::int AS requested,
              count(*) FILTER (WHERE m.participant_report_submitted_at IS NOT NULL)::int AS submitted,
              sum(CASE WHEN m.phase = 'withdrawn' AND m.actual_end_date IS NULL THEN 0
                       ELSE coalesce(m.actual_end_date, m.end_date) - m.start_date + 1 END)::int AS days,
              count(*) FILTER (WHERE NOT (m.phase = 'withdrawn' AND m.actual_end_date IS NULL))::int AS abroad
         FROM mobility m JOIN person pe ON pe.id = m.person_id WHERE m.project_id = $1`,
    );
    const tasks = await one<any>(
      `SELECT count(*) FILTER (WHERE t.status = 'done' AND (t.status_changed_at AT TIME ZONE o.time_zone)::date <= t.due_date)::int AS on_time,
              count(*) FILTER (WHERE t.status = 'done' AND (t.status_changed_at AT TIME ZONE o.time_zone)::date > t.due_date)::int AS late,
              count(*) FILTER (WHERE t.status = 'open')::int AS open,
              count(*) FILTER (WHERE t.status = 'waived')::int AS waived
         FROM task t JOIN mobility m ON m.id = t.mobility_id JOIN project p ON p.id = m.project_id
         JOIN organisation o ON o.id = p.beneficiary_organisation_id WHERE m.project_id = $1`,
    );
    expect(db.mobilities).toBe(4);
    expect(tasks.on_time).toBe(5);
    expect(tasks.late).toBe(3);
    expect(tasks.waived).toBe(2);
    expect(s.get('Project')).toBe(project.reference);
    expect(s.get('Mobilities')).toBe(db.mobilities);
    expect(s.get('Participants')).toBe(db.participants);
    expect(s.get('Total days abroad')).toBe(db.days);
    expect(s.get('Average days abroad')).toBeCloseTo(db.days / db.abroad, 1);
    expect(s.get('Green travel')).toBe(db.green);
    expect(s.get('Green travel share')).toBeCloseTo(db.green / db.mobilities, 3);
    expect(s.get('Fewer opportunities')).toBe(db.fewer);
    expect(s.get('Withdrawals')).toBe(db.withdrawals);
    expect(s.get('Interruptions')).toBe(db.interruptions);
    expect(s.get('Interruptions (force majeure)')).toBe(db.force_majeure);
    expect(s.get('Participant reports requested')).toBe(db.requested);
    expect(s.get('Participant reports submitted')).toBe(db.submitted);
    expect(s.get('Tasks done on time')).toBe(tasks.on_time);
    expect(s.get('Tasks done late')).toBe(tasks.late);
    expect(s.get('Tasks open')).toBe(tasks.open);
    expect(s.get('Tasks waived')).toBe(tasks.waived);
    const tallies = async (label: string, sql: string) => {
      const rows = (await t.db.query(sql, [project.id])) as { key: string; n: number }[];
      for (const r of rows) expect(s.get(`${label}: ${r.key}`)).toBe(r.n);
      expect([...s.keys()].filter((k) => k.startsWith(`${label}: `))).toHaveLength(rows.length);
    };
    await tallies(
      'Activity type',
      `SELECT activity_type AS key, count(*)::int AS n FROM mobility WHERE project_id = $1 GROUP BY 1`,
    );
    await tallies(
      'Phase / status',
      `SELECT phase AS key, count(*)::int AS n FROM mobility WHERE project_id = $1 GROUP BY 1`,
    );
    await tallies(
      'Host country',
      `SELECT coalesce(h.country, '—') AS key, count(*)::int AS n FROM mobility m
         LEFT JOIN organisation h ON h.id = m.host_organisation_id WHERE m.project_id = $1 GROUP BY 1`,
    );
    // the withdrawal's reason and the interruption's, by participant
    const sheetText = JSON.stringify(sheetOf(workbook, 'Summary').getSheetValues());
    expect(sheetText).toContain('changed school');
    expect(sheetText).toContain('illness');

    // Mobilities: typed cells, frozen header, filter, one row per mobility.
    const sheet = sheetOf(workbook, 'Mobilities');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(MOBILITY_SHEET_COLUMNS.map((c) => c.header));
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.actualRowCount).toBe(1 + db.mobilities);
    const col = (key: string) => MOBILITY_SHEET_COLUMNS.findIndex((c) => c.key === key) + 1;
    const lena = sheet.getRow(2);
    expect(lena.getCell(col('startDate')).value).toBeInstanceOf(Date);
    expect(typeof lena.getCell(col('durationDays')).value).toBe('number');
    const ids = (await t.db.query(`SELECT bm_activity_id FROM mobility WHERE project_id = $1 ORDER BY 1`, [
      project.id,
    ])) as {
      bm_activity_id: string;
    }[];
    const sheetIds: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && sheetIds.push(row.getCell(1).value));
    expect(sheetIds).toEqual(ids.map((r) => r.bm_activity_id));

    // Tasks and History: every task and every event, with their header rows.
    const taskCount = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM task t JOIN mobility m ON m.id = t.mobility_id WHERE m.project_id = $1`,
    );
    const tasksSheet = sheetOf(workbook, 'Tasks');
    expect(tasksSheet.actualRowCount).toBe(1 + taskCount.n);
    expect(tasksSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const dueDate = TASK_SHEET_COLUMNS.findIndex((c) => c.header === 'Due date') + 1;
    expect(tasksSheet.getRow(2).getCell(dueDate).value).toBeInstanceOf(Date);
    expect(tasksSheet.getRow(1).values).not.toContain('Task key'); // internal keys stay out of the report
    // Done and waived tasks: when (the school's wall clock, as PostgreSQL reads it) and by whom;
    // open tasks leave both empty.
    const taskCol = (header: string) => TASK_SHEET_COLUMNS.findIndex((c) => c.header === header) + 1;
    const finished = (await t.db.query(
      `SELECT m.bm_activity_id, t.title, t.status,
                to_char(t.status_changed_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS wall
           FROM task t JOIN mobility m ON m.id = t.mobility_id JOIN project p ON p.id = m.project_id
           JOIN organisation o ON o.id = p.beneficiary_organisation_id
          WHERE m.project_id = $1`,
      [project.id],
    )) as { bm_activity_id: string; title: string; status: string; wall: string }[];
    const cells = new Map<string, { at: unknown; by: unknown }>();
    tasksSheet.eachRow((r, n) => {
      if (n > 1)
        cells.set(`${r.getCell(1).value}|${r.getCell(taskCol('Task')).value}`, {
          at: r.getCell(taskCol('Done / waived at')).value,
          by: r.getCell(taskCol('Done / waived by')).value,
        });
    });
    expect(finished.filter((f) => f.status !== 'open')).toHaveLength(10);
    for (const f of finished) {
      const cell = cells.get(`${f.bm_activity_id}|${f.title}`);
      if (f.status === 'open') expect(cell).toEqual({ at: null, by: null });
      else expect(cell).toEqual({ at: new Date(`${f.wall}Z`), by: 'coordinator@test' });
    }
    const events = await one<{ n: number }>(
      `SELECT ((SELECT count(*) FROM lifecycle_event e JOIN mobility m ON m.id = e.mobility_id WHERE m.project_id = $1)
               + (SELECT count(*) FROM project_event WHERE project_id = $1))::int AS n`,
    );
    expect(sheetOf(workbook, 'Event history').actualRowCount).toBe(1 + events.n);
    expect(done.rows).toBe(db.mobilities + taskCount.n + events.n);
  });

  it('exports the Mobilities sheet as CSV: BOM, semicolons, one row per mobility', async () => {
    const done = await exportDone(project.id, { kind: 'final-report', format: 'csv' });
    const file = await download(done.id);
    expect(file.headers.get('content-type')).toContain('text/csv');
    const text = file.body.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records = parse(text, { delimiter: ';', bom: true }) as string[][];
    expect(records[0]).toEqual(MOBILITY_SHEET_COLUMNS.map((c) => c.header));
    expect(records).toHaveLength(1 + mobilities.length);
    const start = MOBILITY_SHEET_COLUMNS.findIndex((c) => c.key === 'startDate');
    expect(records.slice(1).map((r) => r[start])).toEqual(expect.arrayContaining(['2026-06-01', '2026-05-01']));
    expect(text).toContain('Zoë');
  });

  it('takes the CSV separator asked for', async () => {
    const done = await exportDone(project.id, { kind: 'final-report', format: 'csv', delimiter: ',' });
    const records = parse((await download(done.id)).body.toString('utf8'), { delimiter: ',', bom: true }) as string[][];
    expect(records[0]).toEqual(MOBILITY_SHEET_COLUMNS.map((c) => c.header));
  });

  it('exports the BM mobility file as XLSX and CSV in the BM columns', async () => {
    const xlsx = await exportDone(project.id, { kind: 'bm-mobilities', format: 'xlsx' });
    // Ömer withdrew before leaving (and had no host): held back with the rule named; the others go.
    const omer = mobilities[3];
    expect(xlsx.violations.length).toBeGreaterThan(0);
    for (const v of xlsx.violations) {
      expect(v).toMatchObject({ mobilityId: omer.id, bmActivityId: omer.bmActivityId, participant: 'Ömer Müller' });
    }
    expect(xlsx.violations.map((v: any) => [v.field, v.rule])).toEqual([
      ['bmActivityId', 'withdrawn before departure'],
    ]);
    const workbook = await workbookOf((await download(xlsx.id)).body);
    const sheet = sheetOf(workbook, 'Mobilities');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(BM_MOBILITY_COLUMNS.map((c) => c.header));
    expect(sheet.actualRowCount).toBe(1 + mobilities.length - 1);
    const ids = sheet.getColumn(1).values.slice(2);
    expect(ids).toEqual(expect.arrayContaining(mobilities.slice(0, 3).map((m) => m.bmActivityId)));
    expect(ids).not.toContain(omer.bmActivityId);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const csv = await exportDone(project.id, { kind: 'bm-mobilities', format: 'csv' });
    const file = await download(csv.id);
    expect(file.headers.get('content-disposition')).toContain('-bm-mobilities-2026-03-02.csv');
    const records = parse(file.body.toString('utf8'), { delimiter: ';', bom: true }) as string[][];
    expect(records[0]).toEqual(BM_MOBILITY_COLUMNS.map((c) => c.header));
    expect(records).toHaveLength(1 + mobilities.length - 1);
    expect(csv.violations).toEqual(xlsx.violations);
  });

  it('exports the final report as a PDF whose text carries the figures and every mobility', async () => {
    const done = await exportDone(project.id, { kind: 'final-report', format: 'pdf' });
    const file = await download(done.id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain(`${project.reference}-final-report-2026-03-02.pdf`);
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await extractPdfText(file.body);
    const text = pages.join('\n');
    expect(text).toContain(project.reference);
    expect(pages[pages.length - 1]).toContain(`Page ${pages.length} of ${pages.length}`);
    const rows = (await t.db.query(
      `SELECT m.bm_activity_id, pe.first_name, pe.last_name FROM mobility m JOIN person pe ON pe.id = m.person_id
        WHERE m.project_id = $1`,
      [project.id],
    )) as { bm_activity_id: string; first_name: string; last_name: string }[];
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(text).toContain(row.bm_activity_id);
      expect(text).toContain(row.first_name);
    }
  });

  it('exports a project without mobilities as a valid empty report', async () => {
    const empty = await createProject(t, { beneficiaryOrganisationId: sending.id });
    const done = await exportDone(empty.id, { kind: 'final-report', format: 'xlsx' });
    const workbook = await workbookOf((await download(done.id)).body);
    expect(summaryOf(workbook).get('Mobilities')).toBe(0);
    expect(sheetOf(workbook, 'Mobilities').actualRowCount).toBe(1);
    expect(sheetOf(workbook, 'Tasks').actualRowCount).toBe(1);
    const csv = await exportDone(empty.id, { kind: 'final-report', format: 'csv' });
    expect(parse((await download(csv.id)).body.toString('utf8'), { delimiter: ';', bom: true })).toHaveLength(1);
  });

  it('refuses a kind without that format, an unknown kind or format (400 naming the field)', async () => {
    const before = await t.count('report_export');
    const pdf = await t.post(`/api/projects/${project.id}/exports`, { kind: 'bm-mobilities', format: 'pdf' });
    expect(pdf.status).toBe(400);
    expect(pdf.headers.get('content-type')).toContain('application/problem+json');
    expect(pdf.body.errors).toEqual([expect.objectContaining({ field: 'format', rule: 'format-of-kind' })]);
    const kind = await t.post(`/api/projects/${project.id}/exports`, { kind: 'everything', format: 'xlsx' });
    expect(kind.status).toBe(400);
    expect(kind.body.errors.map((e: any) => e.field)).toContain('kind');
    const format = await t.post(`/api/projects/${project.id}/exports`, { kind: 'final-report', format: 'docx' });
    expect(format.status).toBe(400);
    expect(format.body.errors.map((e: any) => e.field)).toContain('format');
    expect(await t.count('report_export')).toBe(before);
  });

  it('keeps exports to the beneficiary: other schools, learners and mentors get 404', async () => {
    const [row] = (await t.db.query(`SELECT id FROM report_export WHERE project_id = $1 LIMIT 1`, [project.id])) as {
      id: string;
    }[];
    const other = await createSchool(t);
    const outsider = await t.createUser({ role: 'coordinator', organisationId: other.id });
    const learner = await t.createUser({ personId: mobilities[0].participant.id });
    const mentor = await hostMentor(t, host.id);
    for (const user of [outsider, learner, mentor]) {
      expect((await user.client.get(`/api/exports/${row.id}`)).status).toBe(404);
      expect((await download(row.id, user)).status).toBe(404);
      expect((await user.client.get(`/api/projects/${project.id}/exports`)).status).toBe(404);
      expect(
        (await user.client.post(`/api/projects/${project.id}/exports`, { kind: 'final-report', format: 'xlsx' }))
          .status,
      ).toBe(404);
    }
    const list = await t.get(`/api/projects/${project.id}/exports`);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body.map((e: any) => e.createdAt)).toEqual(
      [...list.body.map((e: any) => e.createdAt)].sort().reverse(),
    );
  });

  it('answers 409 before the file is there, and a job run twice leaves one done row with a whole file', async () => {
    const processor = worker.get(ExportProcessor);
    // A row as a crash leaves it: running, one attempt made, no job in the queue.
    const [row] = (await t.db.query(
      `INSERT INTO report_export (project_id, kind, format, requested_by, created_at, status, attempts, started_at)
       VALUES ($1, 'final-report', 'xlsx', 'Test', $2, 'running', 1, $2) RETURNING id`,
      [project.id, t.clock.now().toISOString()],
    )) as { id: string }[];
    const early = await t.get(`/api/exports/${row.id}/file`);
    expect(early.status).toBe(409);
    expect(early.body.type).toContain('export-not-ready');

    await processor.run(row.id); // the retry
    await processor.run(row.id); // and once more (at-least-once delivery): nothing changes
    const [after] = (await t.db.query(`SELECT status, attempts, file_key, byte_size FROM report_export WHERE id = $1`, [
      row.id,
    ])) as any[];
    expect(after).toMatchObject({ status: 'done', attempts: 2 });
    const stored = (await t.db.query(`SELECT byte_size FROM stored_file WHERE key = $1`, [after.file_key])) as any[];
    expect(stored).toEqual([{ byte_size: after.byte_size }]);
    const workbook = await workbookOf((await download(row.id)).body);
    expect(sheetOf(workbook, 'Mobilities').actualRowCount).toBe(1 + mobilities.length);
  });

  it('answers 410 once the retention is over and the prune deleted the file', async () => {
    const done = await exportDone(project.id, { kind: 'final-report', format: 'csv' });
    expect((await download(done.id)).status).toBe(200);
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() + 8 * 24 * 3600 * 1000));
    try {
      const expired = await t.get(`/api/exports/${done.id}/file`);
      expect(expired.status).toBe(410);
      expect(expired.body.type).toContain('export-expired');
      const { deleted } = await worker.get(ReportWorkerService).prune();
      expect(deleted).toBeGreaterThan(0);
      expect(await t.count('stored_file')).toBe(0);
      expect((await t.get(`/api/exports/${done.id}/file`)).status).toBe(410);
      expect((await t.get(`/api/exports/${done.id}`)).body).toMatchObject({ status: 'done', downloadable: false });
    } finally {
      t.clock.set(now);
    }
  });

  it('enqueues again an export whose job was never added (Redis was away)', async () => {
    const [row] = (await t.db.query(
      `INSERT INTO report_export (project_id, kind, format, requested_by, created_at)
       VALUES ($1, 'bm-mobilities', 'csv', 'Test', $2) RETURNING id`,
      [project.id, new Date(t.clock.now().getTime() - 5 * 60 * 1000).toISOString()],
    )) as { id: string }[];
    const { requeued } = await worker.get(ReportWorkerService).prune();
    expect(requeued).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await t.get(`/api/exports/${row.id}`)).body.status === 'done');
  });

  // Last: it adds a row to the project's files.
  it('gives an accompanying person a BM row of their own, with an ID of their own', async () => {
    const lena = mobilities[0];
    const staff = await t.createUser({ role: 'staff', organisationId: sending.id });
    await t.db.query(`UPDATE user_account SET display_name = 'Jonas Becker' WHERE id = $1`, [staff.userId]);
    const added = await t.post(`/api/mobilities/${lena.id}/accompanying-persons`, {
      userAccountId: staff.userId,
      startDate: '2026-06-01',
      endDate: '2026-06-05',
    });
    expect(added.status).toBe(200);
    const done = await exportDone(project.id, { kind: 'bm-mobilities', format: 'csv' });
    const records = parse((await download(done.id)).body.toString('utf8'), {
      delimiter: ';',
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const ids = records.map((r) => r['Mobility activity ID']);
    expect(new Set(ids).size).toBe(ids.length);
    const companion = records.find((r) => r['Mobility activity ID'] === `${lena.bmActivityId}-A1`);
    expect(done.violations.filter((v: any) => v.bmActivityId.endsWith('-A1'))).toEqual([]);
    expect(companion).toMatchObject({
      'Accompanying person': 'Yes',
      'First name': 'Jonas',
      'Last name': 'Becker',
      'E-mail': staff.email,
      'Start date': '2026-06-01',
      'End date': '2026-06-05',
      'Receiving organisation OID': 'E10000002',
    });
  });
});
