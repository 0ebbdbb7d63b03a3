/*
 * Reports benchmark: the final report's XLSX through our writer (reading from PostgreSQL in
 * batches) against a bare exceljs streaming write of the same rows, pre-read into memory, in the
 * same run; then the PDF final report, the import's dry run of a 2,000-row file, and the XLSX as a
 * job of a real worker process (compiled, as `npm start` runs it) with that process's memory.
 *
 *   node backend/scripts/run.cjs backend/bench/reports.bench.ts          (npm run bench:reports)
 *
 * 1. Creates a throw-away database `mh_bench_<random>`, migrates it (TypeORM, the app's
 *    migrations) and seeds one project with 2,000 mobilities and their checklists (~100,000 tasks)
 *    set-based (bench-seed.ts); a third of the tasks are marked done, set-based too.
 * 2. Runs each variant BENCH_RUNS times (default 3), alternating, and takes the median:
 *    - ours: ReportData.source (project, summary, the mobilities at once, tasks and history from
 *      server-side cursors) + writeFinalReportXlsx into an in-memory buffer, as the export job does;
 *    - baseline: exceljs's WorkbookWriter (no styles) writing the same sheets' cell values, read
 *      from PostgreSQL and converted beforehand (not measured).
 *    The peak RSS is sampled every 10 ms while our writer runs (before the baseline's rows exist).
 * 3. Compiles the backend, starts a worker process on the database and runs the same export
 *    BENCH_RUNS times as jobs (export-worker.bench-part.ts): the job's time and the process's peak
 *    resident memory (VmHWM), the figure the issue's "worker < 256 MB" is about.
 * 4. Prints a table, writes backend/bench/results/reports-latest.json, drops the database.
 *
 * Env (optional): BENCH_DATABASE_URL, BENCH_MOBILITIES (100–10000, default 2000), BENCH_RUNS (1–10).
 */
import { MOBILITY_SHEET_COLUMNS, ReportHistoryRow, ReportMobilityRow, ReportTaskRow } from '@mobility-hub/domain';
import * as ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SystemClock } from '../src/common/clock';
import { dataSourceOptions } from '../src/database/data-source';
import { ReportData } from '../src/modules/report/report-data';
import { SheetColumn, sheetCell } from '../src/modules/report/writers/cells';
import { HISTORY_SHEET_COLUMNS, TASK_SHEET_COLUMNS } from '../src/modules/report/writers/columns';
import { summaryRows, writeFinalReportXlsx } from '../src/modules/report/writers/final-report.xlsx';
import type { ReportSource } from '../src/modules/report/writers/report-writer';
import { seedBenchData } from './bench-seed';
import { benchImportDryRun } from './import.bench-part';
import { benchExportInWorker, WorkerExportFigures } from './export-worker.bench-part';
import { writeFinalReportPdf } from '../src/modules/report/writers/final-report.pdf';
import {
  cleanup,
  createScratchDatabase,
  environment,
  fmt,
  intFromEnv,
  log,
  renderTable,
  round,
  runBenchmark,
  withoutPassword,
} from './bench-support';

const CONFIG = {
  serverUrl: process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  mobilities: intFromEnv('BENCH_MOBILITIES', 100, 10_000, 2000),
  runs: intFromEnv('BENCH_RUNS', 1, 10, 3),
  timeZone: 'Europe/Berlin',
};
const MB = 1024 * 1024;

interface Results {
  environment: ReturnType<typeof environment>;
  mobilities: number;
  tasks: number;
  history: number;
  rowsWritten: number;
  bytes: number;
  oursMs: number[];
  baselineMs: number[];
  oursMedianMs: number;
  baselineMedianMs: number;
  /** Baseline time / our time: 1 = as fast as the bare write, goal ≥ 0.5. */
  speedRatio: number;
  peakRssMb: number;
  rssBeforeMb: number;
  pdf: string;
  importDryRun: string;
  worker: WorkerExportFigures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Collects a writer's output as the export job does (a PassThrough into chunks). */
function memoryOut(): { out: PassThrough; bytes: () => Promise<number> } {
  const out = new PassThrough();
  let size = 0;
  out.on('data', (chunk: Buffer) => (size += chunk.length));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  return { out, bytes: async () => (await ended, size) };
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function main(): Promise<Omit<Results, 'totalSeconds'>> {
  const loadAverageAtStart = loadavg().map((l) => round(l));
  const clock = new SystemClock();
  const databaseName = `mh_bench_${randomBytes(6).toString('hex')}`;
  const { url, postgresVersion } = await createScratchDatabase(CONFIG.serverUrl, databaseName);
  log(`database ${databaseName} created; migrating`);
  const dataSource = await new DataSource(dataSourceOptions(url, 5)).initialize();
  cleanup.add(() => dataSource.destroy());

  const db = new Client({ connectionString: url });
  cleanup.add(() => db.end());
  await db.connect();
  log(`seeding ${CONFIG.mobilities} mobilities`);
  const seedStarted = Date.now();
  await seedBenchData(db, CONFIG.mobilities, clock.today(CONFIG.timeZone));
  await db.query(
    `UPDATE task SET status = 'done', status_changed_by = 'bench-seed',
            status_changed_at = due_date::timestamptz + (CASE WHEN position % 2 = 0 THEN interval '-1 day' ELSE interval '2 days' END)
      WHERE position % 3 = 0`,
  );
  await db.query('ANALYZE');
  const [{ id: projectId }] = (await db.query<{ id: string }>(`SELECT id FROM project LIMIT 1`)).rows;
  log(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  const data = new ReportData(dataSource, clock);
  const source = () => data.source(projectId, { generatedBy: 'Bench', generatedAt: new Date() });

  // Our writer, as the job runs it (reading included), with RSS sampled.
  let peakRss = 0;
  const ours = async (): Promise<{ ms: number; rows: number; bytes: number }> => {
    const started = performance.now();
    const { out, bytes } = memoryOut();
    const result = await writeFinalReportXlsx(await source(), out, () => undefined);
    const size = await bytes();
    return { ms: performance.now() - started, rows: result.rows, bytes: size };
  };

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  const first = await ours(); // warm-up, also measured for memory
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  log(`our writer: ${first.rows} rows, ${(first.bytes / MB).toFixed(1)} MB, warm-up ${first.ms.toFixed(0)} ms`);

  // The baseline's rows: the same cell values, read and converted beforehand (not measured).
  const pre: ReportSource = await source();
  const mobilityRows = await collect<ReportMobilityRow>(pre.mobilities());
  const taskRows = await collect<ReportTaskRow>(pre.tasks());
  const historyRows = await collect<ReportHistoryRow>(pre.history());
  const toCells = <T>(rows: T[], columns: readonly SheetColumn<T>[]) =>
    rows.map((r) => columns.map((c) => sheetCell(c.type, c.value(r), pre.timeZone)));
  const sheets: [string, unknown[][]][] = [
    ['Summary', summaryRows(pre)],
    ['Mobilities', toCells(mobilityRows, MOBILITY_SHEET_COLUMNS)],
    ['Tasks', toCells(taskRows, TASK_SHEET_COLUMNS)],
    ['Event history', toCells(historyRows, HISTORY_SHEET_COLUMNS)],
  ];
  const baseline = async (): Promise<number> => {
    const started = performance.now();
    const { out, bytes } = memoryOut();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    for (const [name, rows] of sheets) {
      const sheet = workbook.addWorksheet(name);
      for (const row of rows) sheet.addRow(row).commit();
      sheet.commit();
    }
    await workbook.commit();
    await bytes();
    return performance.now() - started;
  };

  const oursMs: number[] = [];
  const baselineMs: number[] = [];
  for (let i = 0; i < CONFIG.runs; i += 1) {
    baselineMs.push(await baseline());
    oursMs.push((await ours()).ms);
    log(`run ${i + 1}: ours ${oursMs[i].toFixed(0)} ms, baseline ${baselineMs[i].toFixed(0)} ms`);
  }

  // The PDF final report (goal < 5 s for 2,000 mobilities), reading included, with its own RSS peak.
  const pdfMs: number[] = [];
  let pdfPeakRss = 0;
  let pdfBytes = 0;
  for (let i = 0; i < CONFIG.runs; i += 1) {
    global.gc?.();
    const sampling = setInterval(() => (pdfPeakRss = Math.max(pdfPeakRss, process.memoryUsage().rss)), 10);
    const started = performance.now();
    const { out, bytes } = memoryOut();
    await writeFinalReportPdf(await source(), out, () => undefined);
    pdfBytes = await bytes();
    pdfMs.push(performance.now() - started);
    clearInterval(sampling);
    log(`PDF run ${i + 1}: ${pdfMs[i].toFixed(0)} ms`);
  }
  const pdf = `${round(median(pdfMs), 0)} ms median (runs: ${pdfMs.map((v) => v.toFixed(0)).join(', ')}), ${fmt(pdfBytes / MB, 1)} MB, peak RSS ${round(pdfPeakRss / MB, 0)} MB (goal < 5 s)`;
  // The import's dry run of a 2,000-row file (goal < 3 s): a school and project of its own in this database.
  const dry = await benchImportDryRun(url, 2000, CONFIG.runs);
  const importDryRun = `XLSX ${dry.xlsx.totalMs} ms, CSV ${dry.csv.totalMs} ms for ${dry.rows} rows (best of ${CONFIG.runs}; goal < 3 s)`;

  // The same export as a job of a real (compiled) worker process, with that process's memory.
  const worker = await benchExportInWorker(url, projectId, CONFIG.runs);

  const oursMedianMs = round(median(oursMs), 0);
  const baselineMedianMs = round(median(baselineMs), 0);
  return {
    environment: environment(
      loadAverageAtStart,
      withoutPassword(CONFIG.serverUrl) + ` (PostgreSQL ${postgresVersion})`,
      '',
    ),
    mobilities: CONFIG.mobilities,
    tasks: taskRows.length,
    history: historyRows.length,
    rowsWritten: first.rows,
    bytes: first.bytes,
    oursMs: oursMs.map((v) => round(v, 0)),
    baselineMs: baselineMs.map((v) => round(v, 0)),
    oursMedianMs,
    baselineMedianMs,
    speedRatio: round(baselineMedianMs / oursMedianMs, 2),
    peakRssMb: round(peakRss / MB, 0),
    rssBeforeMb: round(rssBefore / MB, 0),
    pdf,
    importDryRun,
    worker,
  };
}

void runBenchmark<Omit<Results, 'totalSeconds'>>({
  hardLimitMs: 15 * 60 * 1000,
  main,
  resultsFile: join(__dirname, 'results', 'reports-latest.json'),
  table: (r) =>
    renderTable([
      ['measure', 'value'],
      ['mobilities / tasks / history entries', `${r.mobilities} / ${r.tasks} / ${r.history}`],
      ['XLSX size', `${fmt(r.bytes / MB, 1)} MB (${r.rowsWritten} data rows)`],
      ['XLSX, ours (PG read + writer), median', `${r.oursMedianMs} ms  (runs: ${r.oursMs.join(', ')})`],
      ['XLSX, bare exceljs stream, median', `${r.baselineMedianMs} ms  (runs: ${r.baselineMs.join(', ')})`],
      ['speed ratio baseline/ours (goal ≥ 0.5)', String(r.speedRatio)],
      [
        'XLSX as a worker job (started → done), median',
        `${median(r.worker.jobMs)} ms  (runs: ${r.worker.jobMs.join(', ')}; goal < 2 s)`,
      ],
      ['XLSX, enqueue → done seen by a poller, median', `${median(r.worker.endToEndMs)} ms`],
      [
        'worker process RSS: idle / peak (VmHWM)',
        `${r.worker.idleRssMb} MB / ${r.worker.peakRssMb} MB (goal < 256 MB)`,
      ],
      ['peak RSS of this process while our writer ran', `${r.peakRssMb} MB (before: ${r.rssBeforeMb} MB)`],
      ['PDF', r.pdf],
      ['import dry run', r.importDryRun],
      ['total', `${r.totalSeconds} s`],
    ]).join('\n'),
});
