/*
 * Import dry-run benchmark: a 2,000-row file (XLSX and CSV) read, checked and looked up against
 * the database exactly as the import job's dry run does it (`readImportFile` + `analyseImport`: the
 * file-level checks, every row's rules, one query each for persons, the project's mobilities and
 * the school's organisations). Target (issue 14): < 3 s.
 *
 *   node backend/scripts/run.cjs backend/bench/import.bench-part.ts     (standalone)
 *
 * `benchImportDryRun(databaseUrl)` works on a migrated database (the integrator calls it from
 * `npm run bench:reports`); standalone, this file makes a scratch database on BENCH_DATABASE_URL's
 * server, migrates it, runs BENCH_IMPORT_ROUNDS rounds (best kept) and drops it.
 */
import 'reflect-metadata';
import { IMPORT_TEMPLATE_COLUMNS } from '@mobility-hub/domain';
import * as ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { analyseImport, ImportProject } from '../src/modules/report/import/import-analysis';
import { readImportFile } from '../src/modules/report/import/import-file';
import { cleanup, createScratchDatabase, intFromEnv, log, round } from './bench-support';

export interface ImportDryRunFigures {
  readonly rows: number;
  readonly xlsx: {
    readonly bytes: number;
    readonly readMs: number;
    readonly analyseMs: number;
    readonly totalMs: number;
  };
  readonly csv: {
    readonly bytes: number;
    readonly readMs: number;
    readonly analyseMs: number;
    readonly totalMs: number;
  };
  readonly creates: number;
  readonly targetMs: 3000;
}

const COUNTRIES = ['ES', 'IT', 'NL', 'FR', 'PT', 'FI'];

/** Seeds a school, a KA121 project, 30 hosts and 500 known persons; returns the project. */
async function seed(db: DataSource): Promise<ImportProject> {
  const [school] = (await db.query(
    `INSERT INTO organisation (name, kind, country, city, oid, email, time_zone)
     VALUES ('Import Bench School', 'vet-provider', 'DE', 'Essen', 'E80000000', 'bench@example.org', 'Europe/Berlin')
     RETURNING id`,
  )) as { id: string }[];
  await db.query(
    `INSERT INTO organisation (name, kind, country, city, oid, time_zone, registered_by_organisation_id)
     SELECT 'Host ' || i, 'company', ($2::text[])[1 + i % 6], 'City ' || i, 'E7' || lpad(i::text, 7, '0'), 'Europe/Madrid', $1
       FROM generate_series(1, 30) i`,
    [school.id, COUNTRIES],
  );
  await db.query(
    `INSERT INTO person (organisation_id, first_name, last_name, email, date_of_birth, created_at)
     SELECT $1, 'Known', 'Person ' || i, 'p' || i || '@bench.example', DATE '2000-01-01', now()
       FROM generate_series(1, 500) i`,
    [school.id],
  );
  const [project] = (await db.query(
    `INSERT INTO project (reference, title, action, call_year, beneficiary_organisation_id, start_date, end_date)
     VALUES ($1, 'Import bench', 'KA121-VET', 2026, $2, '2026-06-01', '2028-05-31') RETURNING id`,
    [`2026-1-DE02-KA121-VET-${randomBytes(4).toString('hex')}`, school.id],
  )) as { id: string }[];
  return {
    id: project.id,
    action: 'KA121-VET',
    startDate: '2026-06-01',
    endDate: '2028-05-31',
    beneficiaryOrganisationId: school.id,
  };
}

/** `rows` data rows: a quarter known persons, hosts by OID, by name, and new ones. */
function rowsOf(count: number): Record<string, string | number>[] {
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(Date.UTC(2026, 6, 1 + (i % 300)));
    const end = new Date(start.getTime() + 27 * 86_400_000);
    const host: Record<string, string> =
      i % 3 === 0
        ? { receivingOid: `E7${String(1 + (i % 30)).padStart(7, '0')}` }
        : i % 3 === 1
          ? { receivingName: `Host ${1 + (i % 30)}`, receivingCountry: COUNTRIES[(1 + (i % 30)) % 6] }
          : { receivingName: `New host ${i % 50}`, receivingCountry: 'IT', receivingCity: 'Bologna' };
    return {
      activityType: 'LM-SHORT-VET',
      firstName: i % 4 === 0 ? 'Known' : 'New',
      lastName: i % 4 === 0 ? `Person ${1 + (i % 500)}` : `Learner ${i}`,
      email: i % 4 === 0 ? `p${1 + (i % 500)}@bench.example` : `learner${i}@bench.example`,
      dateOfBirth: '2000-01-01',
      ...host,
      startDate: start.toISOString().slice(0, 10),
      endDate: end.toISOString().slice(0, 10),
      travelDays: 2,
      greenTravel: i % 2 ? 'Yes' : 'No',
    };
  });
}

async function xlsxOf(rows: Record<string, string | number>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Mobilities');
  sheet.addRow(IMPORT_TEMPLATE_COLUMNS.map((c) => c.header));
  for (const row of rows) sheet.addRow(IMPORT_TEMPLATE_COLUMNS.map((c) => row[c.key] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvOf(rows: Record<string, string | number>[]): Buffer {
  const lines = [
    IMPORT_TEMPLATE_COLUMNS.map((c) => c.header),
    ...rows.map((r) => IMPORT_TEMPLATE_COLUMNS.map((c) => String(r[c.key] ?? ''))),
  ];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(';')).join('\r\n')}\r\n`, 'utf8');
}

async function timeDryRun(em: EntityManager, project: ImportProject, content: Buffer, maxRows: number) {
  const started = performance.now();
  const file = await readImportFile(content, maxRows);
  const read = performance.now();
  const analysis = await analyseImport(
    em,
    project,
    file,
    { today: '2026-03-02', durationLimits: {} },
    async () => undefined,
  );
  const done = performance.now();
  return {
    bytes: content.length,
    readMs: round(read - started, 1),
    analyseMs: round(done - read, 1),
    totalMs: round(done - started, 1),
    creates: analysis.summary.mobilities,
  };
}

/** The dry run of a `rows`-row file on a migrated database at `databaseUrl` (best of `rounds`). */
export async function benchImportDryRun(databaseUrl: string, rows = 2000, rounds = 3): Promise<ImportDryRunFigures> {
  const db = new DataSource({ ...dataSourceOptions(databaseUrl, 4), logging: false });
  await db.initialize();
  try {
    const project = await seed(db);
    const data = rowsOf(rows);
    const [xlsx, csv] = [await xlsxOf(data), csvOf(data)];
    let best: ImportDryRunFigures | undefined;
    for (let round = 0; round < rounds; round++) {
      const x = await timeDryRun(db.manager, project, xlsx, rows);
      const c = await timeDryRun(db.manager, project, csv, rows);
      const figures: ImportDryRunFigures = {
        rows,
        xlsx: { bytes: x.bytes, readMs: x.readMs, analyseMs: x.analyseMs, totalMs: x.totalMs },
        csv: { bytes: c.bytes, readMs: c.readMs, analyseMs: c.analyseMs, totalMs: c.totalMs },
        creates: x.creates,
        targetMs: 3000,
      };
      if (!best || figures.xlsx.totalMs < best.xlsx.totalMs) best = figures;
    }
    return best as ImportDryRunFigures;
  } finally {
    await db.destroy();
  }
}

// Run directly (backend/scripts/run.cjs puts the entry file at argv[1]); imported, it only exports.
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  void (async () => {
    const serverUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const rounds = intFromEnv('BENCH_IMPORT_ROUNDS', 1, 10, 3);
    try {
      const { url } = await createScratchDatabase(serverUrl, `mh_importbench_${randomBytes(4).toString('hex')}`);
      const figures = await benchImportDryRun(url, 2000, rounds);
      log(`import dry run of ${figures.rows} rows (best of ${rounds}; target < ${figures.targetMs} ms):`);
      log(
        `  XLSX ${figures.xlsx.bytes} bytes: read ${figures.xlsx.readMs} ms + check ${figures.xlsx.analyseMs} ms = ${figures.xlsx.totalMs} ms`,
      );
      log(
        `  CSV  ${figures.csv.bytes} bytes: read ${figures.csv.readMs} ms + check ${figures.csv.analyseMs} ms = ${figures.csv.totalMs} ms`,
      );
      log(`  rows that would be created: ${figures.creates}`);
    } catch (error) {
      process.exitCode = 1;
      log(`failed: ${(error as Error).stack ?? String(error)}`);
    } finally {
      await cleanup.run();
      process.exit();
    }
  })();
}
