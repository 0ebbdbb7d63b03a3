import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import * as JSZip from 'jszip';
import { QUEUES } from '../src/queue/queue-registry';
import { producerConnection } from '../src/queue/redis';
import { expectContract } from './support/contract';
import { createOrganisation, createProject, createSchool } from './support/factories';
import { eventually, removeQueues, startWorker, TEST_REDIS_URL, uniquePrefix, workerEnv } from './support/mail-harness';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Bulk import, end to end on real PostgreSQL and Redis: the upload's file-level checks (nothing
 * stored when refused), the job run through BullMQ by a real worker (the reports queue under this
 * file's own prefix) and its ImportProcessor, dry run vs commit (all or nothing),
 * duplicates, the template, and tenancy.
 */
jest.setTimeout(120_000);

const MAX_BYTES = 256 * 1024;

const HEADER = [
  'Activity type',
  'First name',
  'Last name',
  'E-mail',
  'Date of birth',
  'Receiving organisation OID',
  'Receiving organisation',
  'Receiving country',
  'Receiving city',
  'Start date',
  'End date',
  'Funded travel days',
  'Green travel',
];

const ROWS = [
  [
    'LM-SHORT-VET',
    'Lena',
    'Schmidt',
    'lena@example.org',
    '01.01.2000',
    'E10000002',
    '',
    '',
    '',
    '2026-06-01',
    '2026-06-28',
    '2',
    'Yes',
  ],
  [
    'LM-SHORT-VET',
    'Anna',
    'Berg',
    'Anna@Example.org',
    '03.02.2001',
    '',
    'Taller Nuevo',
    'ES',
    'Valencia',
    '01/07/2026',
    '28/07/2026',
    '0',
    'No',
  ],
  ['SM-JOB-SHDW', 'Tom', 'Weber', 'tom@example.org', '', '', '', '', '', '2026-09-01', '2026-09-05', '', ''],
];

function csv(rows: string[][], delimiter = ';', header = HEADER): Buffer {
  const line = (cells: string[]) =>
    cells.map((c) => (c.includes(delimiter) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
  return Buffer.from(`\uFEFF${[header, ...rows].map(line).join('\r\n')}\r\n`, 'utf8');
}

async function xlsx(
  rows: (string | number | Date | ExcelJS.CellValue)[][],
  header: string[] = HEADER,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Mobilities');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('imports', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const prefix = uniquePrefix();
  let school: any;
  let project: any;
  let host: any;

  beforeAll(async () => {
    const limits = { IMPORT_MAX_BYTES: String(MAX_BYTES), IMPORT_MAX_ROWS: '50' };
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { QUEUE_PREFIX: prefix, ...limits });
    // The worker as main.worker.ts builds it (its reports queue runs the real ImportProcessor).
    worker = await startWorker(workerEnv(t.databaseUrl, 'smtp://127.0.0.1:9', prefix, limits), t.clock);
    school = await createSchool(t);
    project = await createProject(t, { beneficiaryOrganisationId: school.id });
    host = await createOrganisation(t, {
      name: 'Hotel Sol',
      country: 'ES',
      city: 'Madrid',
      oid: 'E10000002',
      registeredByOrganisationId: school.id,
    });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await removeQueues(prefix);
    const connection = producerConnection(TEST_REDIS_URL);
    await new Queue(QUEUES.reports.name, { connection, prefix }).obliterate({ force: true }).catch(() => undefined);
    connection.disconnect();
  });

  const upload = async (
    content: Buffer,
    fileName: string,
    options: { dryRun?: boolean; user?: TestUser; projectId?: string; field?: string } = {},
  ) => {
    const form = new FormData();
    form.append(options.field ?? 'file', new Blob([new Uint8Array(content)]), fileName);
    const path = `/api/projects/${options.projectId ?? project.id}/imports?dryRun=${options.dryRun ?? true}`;
    const response = await fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { cookie: (options.user ?? t.coordinator).cookie },
      body: form,
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    expectContract({
      method: 'POST',
      path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body,
    });
    return { status: response.status, headers: response.headers, body };
  };

  const finished = async (id: string) => {
    let last: any;
    await eventually(
      async () => {
        last = (await t.get(`/api/imports/${id}`)).body;
        return last.status === 'done' || last.status === 'failed';
      },
      60_000,
      `import ${id}`,
    );
    return last;
  };

  const run = async (content: Buffer, fileName: string, dryRun = true) => {
    const res = await upload(content, fileName, { dryRun });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/imports/${res.body.id}`);
    return finished(res.body.id);
  };

  const mobilities = async () =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM mobility WHERE project_id = $1`, [project.id]))[0].n);

  it('gives a template in XLSX and CSV with the import columns; imported empty it has nothing to import', async () => {
    const res = await fetch(`${t.url}/api/projects/${project.id}/imports/template?format=xlsx`, {
      headers: { cookie: t.coordinator.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`${project.reference}-import-template.xlsx`);
    const content = Buffer.from(await res.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['Activity type', 'E-mail', 'Start date', 'Guardian name']));
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(workbook.getWorksheet('Instructions')?.rowCount).toBeGreaterThan(headers.length);

    const template = await upload(content, 'template.xlsx');
    expect(template.status).toBe(422);
    expect(template.body.type).toContain('import-file-rejected');
    expect(template.body.errors[0].message).toContain('nothing to import');

    const csvRes = await fetch(`${t.url}/api/projects/${project.id}/imports/template?format=csv`, {
      headers: { cookie: t.coordinator.cookie },
    });
    const csvBytes = Buffer.from(await csvRes.arrayBuffer());
    expect(csvBytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const csvText = csvBytes.toString('utf8');
    const [csvHeader] = parse(csvText, { bom: true, delimiter: ';' }) as string[][];
    expect(csvHeader).toEqual(headers);
    expect((await upload(Buffer.from(csvText, 'utf8'), 'template.csv')).status).toBe(422);
    expect(await t.count('report_import')).toBe(0);
    expect(await t.count('stored_file')).toBe(0);
  });

  it.each([
    ['CSV with ;', () => Promise.resolve(csv(ROWS, ';')), 'rows.csv'],
    ['CSV with ,', () => Promise.resolve(csv(ROWS, ',')), 'rows.csv'],
    ['XLSX', () => xlsx(ROWS), 'rows.xlsx'],
  ])('a dry run of a valid %s writes nothing and reports three creations', async (_, make, name) => {
    const before = await mobilities();
    const persons = await t.count('person');
    const done = await run(await make(), name);
    expect(done).toMatchObject({ status: 'done', dryRun: true, valid: true, committed: false, progress: 100 });
    expect(done.report.map((r: any) => [r.row, r.action, r.newPerson, r.newHost])).toEqual([
      [2, 'create', true, false],
      [3, 'create', true, true],
      [4, 'create', true, false],
    ]);
    expect(done.report[0]).toMatchObject({ participant: 'Lena Schmidt', host: 'Hotel Sol', startDate: '2026-06-01' });
    expect(done.summary).toEqual({ rows: 3, valid: 3, invalid: 0, duplicates: 0, mobilities: 3, persons: 3, hosts: 1 });
    expect(await mobilities()).toBe(before);
    expect(await t.count('person')).toBe(persons);
  });

  it('names row, column and message of each bad cell; a commit of that file writes nothing', async () => {
    const bad = [
      ROWS[0],
      ['HOLIDAY', 'Max', 'Bad', 'max@example.org', '2000-01-01', '', '', '', '', '31.02.2026', '2026-06-10', '', ''],
      [
        'LM-SHORT-VET',
        'Eva',
        'Early',
        'eva@example.org',
        '2000-01-01',
        '',
        '',
        '',
        '',
        '2026-06-20',
        '2026-06-01',
        '',
        '',
      ],
    ];
    const dry = await run(csv(bad), 'bad.csv');
    expect(dry).toMatchObject({ status: 'done', valid: false });
    expect(dry.report.map((r: any) => r.action)).toEqual(['create', 'error', 'error']);
    expect(dry.report[1].errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'Activity type', rule: 'activity-type code' }),
        expect.objectContaining({ row: 3, column: 'Start date', message: expect.stringContaining('31.02.2026') }),
      ]),
    );
    expect(dry.report[2].errors).toEqual([
      expect.objectContaining({ row: 4, column: 'End date', rule: 'endDate >= startDate' }),
    ]);
    const tables = ['mobility', 'person', 'organisation', 'task', 'lifecycle_event'];
    const before = await Promise.all(tables.map((table) => t.count(table)));
    const commit = await run(csv(bad), 'bad.csv', false);
    expect(commit).toMatchObject({ status: 'done', dryRun: false, valid: false, committed: false });
    expect(commit.summary).toMatchObject({ invalid: 2, mobilities: 1 });
    expect(await Promise.all(tables.map((table) => t.count(table)))).toEqual(before);
  });

  it('commits a valid file in one go: mobilities with checklists and history, a known person reused', async () => {
    // Anna is a person of the school already (another project): the import finds her by address.
    const earlier = await createProject(t, { beneficiaryOrganisationId: school.id });
    const made = await t.post(`/api/projects/${earlier.id}/mobilities`, {
      participant: { firstName: 'Anna', lastName: 'Berg', email: 'anna@example.org', dateOfBirth: '2001-02-03' },
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: school.id,
      startDate: '2026-04-01',
      endDate: '2026-04-28',
    });
    expect(made.status).toBe(201);
    const persons = await t.count('person');
    const before = await mobilities();

    const done = await run(await xlsx(ROWS), 'rows.xlsx', false);
    expect(done).toMatchObject({ status: 'done', valid: true, committed: true, progress: 100 });
    // The uploaded file (personal data all through) is gone with the commit; the report remains.
    expect(await t.db.query(`SELECT key FROM stored_file WHERE key = $1`, [`import/${done.id}`])).toEqual([]);
    expect(done.report.map((r: any) => [r.action, r.newPerson])).toEqual([
      ['create', true],
      ['create', false],
      ['create', true],
    ]);
    expect(await mobilities()).toBe(before + 3);
    expect(await t.count('person')).toBe(persons + 2);
    const rows = await t.db.query(
      `SELECT pe.email, m.start_date::text AS start, h.name AS host, h.registered_by_organisation_id AS registrar,
              (SELECT count(*)::int FROM task k WHERE k.mobility_id = m.id) AS tasks,
              (SELECT count(*)::int FROM lifecycle_event e WHERE e.mobility_id = m.id AND e.event = 'CREATE') AS created,
              m.bm_activity_id
         FROM mobility m JOIN person pe ON pe.id = m.person_id LEFT JOIN organisation h ON h.id = m.host_organisation_id
        WHERE m.project_id = $1 ORDER BY m.bm_activity_id`,
      [project.id],
    );
    expect(rows.map((r: any) => [r.email, r.start, r.host])).toEqual([
      ['lena@example.org', '2026-06-01', 'Hotel Sol'],
      ['anna@example.org', '2026-07-01', 'Taller Nuevo'],
      ['tom@example.org', '2026-09-01', null],
    ]);
    expect(rows[1].registrar).toBe(school.id);
    for (const row of rows) {
      expect(row.tasks).toBeGreaterThan(5);
      expect(row.created).toBe(1);
    }
    // The same file again: every row is a duplicate now (same person, same dates), nothing is created.
    const again = await run(await xlsx(ROWS), 'rows.xlsx', false);
    expect(again).toMatchObject({ status: 'done', valid: true, committed: true });
    expect(again.report.map((r: any) => r.action)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.summary).toMatchObject({ duplicates: 3, mobilities: 0 });
    expect(await mobilities()).toBe(before + 3);
  });

  it('rolls the whole commit back when creating a row fails in the database: failed, nothing written', async () => {
    const rows = [
      [
        'SM-TTA',
        'Ole',
        'One',
        'ole1@example.org',
        '',
        '',
        'Taller Nuevo',
        'ES',
        'Valencia',
        '2026-12-01',
        '2026-12-05',
        '',
        '',
      ],
      [
        'SM-TTA',
        'Ole',
        'Two',
        'ole2@example.org',
        '',
        '',
        'Casa Nueva',
        'PT',
        'Porto',
        '2026-12-01',
        '2026-12-05',
        '',
        '',
      ],
      ['SM-TTA', 'Ole', 'Three', 'ole3@example.org', '', '', '', '', '', '2026-12-01', '2026-12-05', '', ''],
    ];
    // A fault injected in PostgreSQL itself: the third mobility's insert fails (after two were made).
    await t.db.query(`
      CREATE FUNCTION fail_third_ole() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT email FROM person WHERE id = NEW.person_id) = 'ole3@example.org' THEN
          RAISE EXCEPTION 'injected failure';
        END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(
      `CREATE TRIGGER fail_third_ole BEFORE INSERT ON mobility FOR EACH ROW EXECUTE FUNCTION fail_third_ole()`,
    );
    try {
      const tables = ['mobility', 'person', 'organisation', 'task', 'lifecycle_event', 'guardian', 'outbox'];
      const before = await Promise.all(tables.map((table) => t.count(table)));
      const done = await run(csv(rows), 'ole.csv', false);
      expect(done).toMatchObject({ status: 'failed', committed: false });
      expect(done.error).toContain('nothing was written');
      expect(await Promise.all(tables.map((table) => t.count(table)))).toEqual(before);
    } finally {
      await t.db.query(`DROP TRIGGER fail_third_ole ON mobility`);
      await t.db.query(`DROP FUNCTION fail_third_ole()`);
    }
  });

  it('reports a row twice in one file as a duplicate', async () => {
    const twice = [
      ['SM-COUR-TRAIN', 'Ida', 'Roth', 'ida@example.org', '', '', '', '', '', '2026-10-05', '2026-10-09', '', ''],
      ['SM-COUR-TRAIN', 'Ida', 'Roth', 'IDA@example.org', '', '', '', '', '', '05.10.2026', '09.10.2026', '', ''],
    ];
    const done = await run(csv(twice), 'twice.csv');
    expect(done.report.map((r: any) => r.action)).toEqual(['create', 'duplicate']);
    expect(done.summary).toMatchObject({ valid: 2, duplicates: 1, mobilities: 1, persons: 1 });
    expect(done.valid).toBe(true);
  });

  it('creates a minor learner with the guardian named in the file, and the consent request goes out as by hand', async () => {
    const header = [...HEADER, 'Guardian name', 'Guardian e-mail', 'Guardian phone', 'Guardian relationship'];
    const minor = [
      'LM-SHORT-VET',
      'Mia',
      'Klein',
      'mia@example.org',
      '2010-05-05',
      '',
      '',
      '',
      '',
      '2026-11-02',
      '2026-11-20',
      '',
      '',
    ];
    const withoutGuardian = await run(csv([minor], ';', header), 'minor.csv');
    expect(withoutGuardian.report[0].errors).toEqual([
      expect.objectContaining({ row: 2, column: 'Guardian name', rule: 'required for minors' }),
    ]);
    const guardian = ['Maria Klein', 'maria.klein@example.org', '+49 201 1234567', 'Parent'];
    const done = await run(csv([[...minor, ...guardian]], ';', header), 'minor.csv', false);
    expect(done).toMatchObject({ status: 'done', committed: true, summary: { mobilities: 1 } });
    const [row] = await t.db.query(
      `SELECT g.email, g.relationship,
              (SELECT count(*)::int FROM outbox o WHERE o.mobility_id = m.id AND o.kind = 'guardian-consent-request') AS requests
         FROM mobility m JOIN person pe ON pe.id = m.person_id JOIN guardian g ON g.mobility_id = m.id
        WHERE pe.email = 'mia@example.org'`,
    );
    expect(row).toEqual({ email: 'maria.klein@example.org', relationship: 'parent', requests: 1 });
  });

  it('takes a phone number and a negative number as values, not formulas (the row check names the negative one)', async () => {
    const header = [...HEADER, 'Guardian name', 'Guardian e-mail', 'Guardian phone', 'Guardian relationship'];
    const guardian = ['Maria Weber', 'maria@example.org', '+49 201 1234-56', 'parent'];
    const done = await run(csv([[...ROWS[2].slice(0, 11), '-1', '', ...guardian]], ';', header), 'values.csv');
    expect(done.report[0].errors).toEqual([
      expect.objectContaining({ row: 2, column: 'Funded travel days', rule: 'whole number 0-6' }),
    ]);
  });

  describe('refused files: 4xx, nothing stored', () => {
    let stored: number;
    beforeAll(async () => {
      stored = await t.count('report_import');
    });
    afterEach(async () => {
      expect(await t.count('report_import')).toBe(stored);
    });

    it('refuses a PNG and a PDF named .csv', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      const pdf = Buffer.concat([
        Buffer.from('%PDF-1.4\n%'),
        Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]),
        Buffer.from('\n1 0 obj\n'),
      ]);
      for (const [content, name] of [
        [png, 'rows.csv'],
        [pdf, 'rows.csv'],
      ] as const) {
        const res = await upload(content, name);
        expect(res.status).toBe(422);
        expect(res.body.errors[0]).toMatchObject({ field: 'file', rule: 'CSV or XLSX' });
      }
    });

    it('refuses a file over the size limit with 413', async () => {
      const res = await upload(Buffer.alloc(MAX_BYTES + 1, 'a'), 'big.csv');
      expect(res.status).toBe(413);
      expect(res.body.errors[0].field).toBe('file');
    });

    it('refuses a request without the file part (400) and a JSON body (415)', async () => {
      const res = await upload(csv(ROWS), 'rows.csv', { field: 'document' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('file');
      const json = await t.post(`/api/projects/${project.id}/imports?dryRun=true`, { file: 'x' });
      expect(json.status).toBe(415);
    });

    it('names missing and unknown columns of a wrong header', async () => {
      const header = HEADER.filter((h) => h !== 'End date').concat('Shoe size');
      const res = await upload(csv([ROWS[0].slice(0, 10).concat(ROWS[0].slice(11), '42')], ';', header), 'rows.csv');
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'End date', rule: 'required column' }),
          expect.objectContaining({ field: 'Shoe size', rule: 'known column' }),
        ]),
      );
    });

    it('refuses formulas: an XLSX formula cell and =HYPERLINK in CSV; a phone number or negative number is no formula', async () => {
      const withFormula = await xlsx([[...ROWS[0].slice(0, 11), { formula: '1+1', result: 2 }, 'Yes']]);
      const xlsxRes = await upload(withFormula, 'rows.xlsx');
      expect(xlsxRes.status).toBe(422);
      expect(xlsxRes.body.errors[0]).toMatchObject({ field: 'L2', rule: 'no formulas' });
      const injected = csv([[ROWS[0][0], '=HYPERLINK("http://evil.example","Lena")', ...ROWS[0].slice(2)]]);
      const csvRes = await upload(injected, 'rows.csv');
      expect(csvRes.status).toBe(422);
      expect(csvRes.body.errors[0]).toMatchObject({ field: 'B2', rule: 'no formulas' });
    });

    it('refuses a workbook with a VBA project (.xlsm)', async () => {
      const zip = await JSZip.loadAsync(await xlsx(ROWS));
      zip.file('xl/vbaProject.bin', Buffer.from('not really VBA'));
      const xlsm = await zip.generateAsync({ type: 'nodebuffer' });
      const res = await upload(xlsm, 'rows.xlsm');
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ field: 'file', rule: 'no macros' });
    });

    it('refuses more rows than the limit', async () => {
      const many = Array.from({ length: 51 }, (_, i) => [
        ...ROWS[2].slice(0, 3),
        `p${i}@example.org`,
        ...ROWS[2].slice(4),
      ]);
      const res = await upload(csv(many), 'many.csv');
      expect(res.status).toBe(422);
      expect(res.body.errors[0].rule).toBe('at most 50 rows');
    });
  });

  it('is the project school’s business: another school’s coordinator and a learner get 404', async () => {
    const mine = await upload(csv(ROWS), 'rows.csv');
    expect(mine.status).toBe(202);
    await finished(mine.body.id);
    const other = await createOrganisation(t, { kind: 'vet-provider', country: 'AT', city: 'Wien' });
    await t.db.query(`UPDATE organisation SET registered_by_organisation_id = NULL WHERE id = $1`, [other.id]);
    const stranger = await t.createUser({ role: 'coordinator', organisationId: other.id });
    const [person] = await t.db.query(`SELECT id FROM person WHERE organisation_id = $1 LIMIT 1`, [school.id]);
    const learner = await t.createUser({ personId: person.id });
    const mentor = await t.createUser({ role: 'mentor', organisationId: host.id });
    for (const user of [stranger, learner, mentor]) {
      expect((await upload(csv(ROWS), 'rows.csv', { user })).status).toBe(404);
      expect((await user.client.get(`/api/imports/${mine.body.id}`)).status).toBe(404);
      expect((await user.client.get(`/api/projects/${project.id}/imports/template`)).status).toBe(404);
    }
  });
});
