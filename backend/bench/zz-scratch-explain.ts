import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SystemClock } from '../src/common/clock';
import { seedBenchData } from './bench-seed';
import { MobilityRepository } from '../src/modules/mobility/mobility.repository';
import { MobilityQueries } from '../src/modules/mobility/mobility.queries';
import { loadContextsOfTasks } from '../src/modules/notification/reminder-context';
import { ReminderService } from '../src/modules/notification/reminder.service';
import { ChildServer, cleanup, createScratchDatabase, freePort, LOOPBACK, runBenchmark } from './bench-support';

async function main() {
  const name = `mh_bench_${randomBytes(6).toString('hex')}`;
  const { url } = await createScratchDatabase('postgres://postgres@127.0.0.1:5432/postgres', name);
  const port = await freePort();
  const api = cleanup.child(
    new ChildServer('api', 'backend/src/main.api.ts', {
      DATABASE_URL: url,
      PORT: String(port),
      HOST: LOOPBACK,
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      FRONTEND_DIST: '/nonexistent',
      APP_TIME_ZONE: 'Europe/Brussels',
    }),
  );
  await api.waitUntilReady(`http://${LOOPBACK}:${port}/api/health`, 120_000);
  await api.stop();
  const db = new Client({ connectionString: url });
  cleanup.add(() => db.end());
  await db.connect();
  const seed = await seedBenchData(db, 2000, new SystemClock().today('Europe/Brussels'));
  const id = seed.mobilityIds[7];
  const statements: Record<string, [string, unknown[]]> = {};
  const capture = (label: string, result: unknown = []) =>
    ({
      query: async (sql: string, params: unknown[]) => {
        statements[label] ??= [sql, params];
        return result;
      },
    }) as never;
  const clock = new SystemClock();
  const config = {
    timeZone: 'Europe/Brussels',
    reminders: { workingHours: { start: 9, end: 17, days: [1, 2, 3, 4, 5] } },
  } as never;
  const repo = new MobilityRepository();
  await repo.lock(capture('lock'), id).catch(() => undefined);
  await repo.tasks(capture('tasks'), id);
  await new MobilityQueries(null as never, repo, clock, config)
    .detail(id, 'mentor', capture('detail'), [])
    .catch(() => undefined);
  const [taskRow] = (
    await db.query(`SELECT id FROM task WHERE mobility_id = $1 AND template_key = 'host-confirmation'`, [id])
  ).rows;
  await loadContextsOfTasks(capture('contexts'), [taskRow.id]);
  const fakeCtx = await loadContextsOfTasks(
    { query: (q: string, p: unknown[]) => db.query(q, p).then((r) => r.rows) } as never,
    [taskRow.id],
  );
  let n = 0;
  const em = {
    query: async (sql: string, params: unknown[]) => {
      n++;
      if (n === 1) return fakeCtx;
      statements[`replan${n}`] ??= [sql, params];
      return [];
    },
  } as never;
  await new ReminderService(null as never, clock, null as never, null as never, config).replan(em, id, [taskRow.id]);
  for (const v of Object.values(statements)) v[1] = v[1].map((p) => (p === id ? '$ID' : p));
  statements['history'] = [
    `INSERT INTO lifecycle_event (mobility_id, sequence, event, from_state, to_state, actor, reason, occurred_at)
       SELECT $1, coalesce(max(sequence), 0) + 1, $2, $3, $4, $5, $6, $7 FROM lifecycle_event WHERE mobility_id = $1`,
    ['$ID', 'ADVANCE', 'application', 'preparation', 'x', null, new Date()],
  ];
  statements['save'] = [
    `UPDATE mobility SET version = version + 1, updated_at = now(), phase = $3 WHERE id = $1 AND version = $2 RETURNING version`,
    ['$ID', 1, 'application'],
  ];
  statements['sessionish'] = [
    `SELECT 1 FROM mobility m JOIN project p ON p.id = m.project_id WHERE m.id = $1`,
    ['$ID'],
  ];
  const out: string[] = [];
  for (const [label, [sql, params]] of Object.entries(statements)) {
    const plan: number[] = [];
    const exec: number[] = [];
    for (let i = 0; i < 30; i++) {
      await db.query('BEGIN');
      const rows = (
        await db.query(
          `EXPLAIN (ANALYZE, SUMMARY) ${sql}`,
          params.map((p) => (p === '$ID' ? id : p)),
        )
      ).rows.map((r) => r['QUERY PLAN'] as string);
      await db.query('ROLLBACK');
      plan.push(Number(/Planning Time: ([\d.]+)/.exec(rows.join('\n'))?.[1]));
      exec.push(Number(/Execution Time: ([\d.]+)/.exec(rows.join('\n'))?.[1]));
    }
    const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
    out.push(`${label}: planning ${med(plan)} ms, execution ${med(exec)} ms`);
  }
  console.log(out.join('\n'));
  return {};
}
void runBenchmark({ hardLimitMs: 600_000, main, table: () => '', resultsFile: '/tmp/wt-a-scratch/explain.json' });
