/*
 * The benchmark's lower bound for `GET /api/mobilities`: bare `node:http` + `pg`, doing per request
 * the work the API does, with the very statements it runs: the session guard's look-up of the
 * `mh_session` cookie (AuthService.identify's SQL: session → user and memberships; 401 without
 * one), then the list scoped to that identity (`mobilityListSql` with the scope MobilityService.list
 * builds from `visibleMobilitySql` / `visibleTaskSql`; see bench-identity.ts), answering the same
 * JSON shape.
 * No framework, no validation library, no ORM. Unfiltered list only (page and pageSize).
 *
 *   DATABASE_URL=postgres://… PORT=… [DATABASE_POOL_SIZE=16] [APP_TIME_ZONE=Europe/Brussels]
 *   node backend/scripts/run.cjs backend/bench/baseline-server.ts
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool, types } from 'pg';
import { mobilityListSql, SummaryRow, toSummary } from '../src/modules/mobility/mobility.queries';
import { identify, listScope, sessionToken } from './bench-identity';

// As the app does (database/data-source.ts): calendar dates stay `YYYY-MM-DD` strings.
types.setTypeParser(1082, (value: string) => value);

const MAX_PAGE_SIZE = 500;

const env = process.env;
if (!env['DATABASE_URL'] || !env['PORT']) throw new Error('DATABASE_URL and PORT are required');
const pool = new Pool({ connectionString: env['DATABASE_URL'], max: Number(env['DATABASE_POOL_SIZE'] ?? 16) });
// One formatter for the process: today's date in the app's zone, as Clock.today gives it.
const todayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: env['APP_TIME_ZONE'] ?? 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `page`/`pageSize` as positive integers within the API's limits; undefined when invalid. */
function pagingOf(params: URLSearchParams): { page: number; pageSize: number; offset: number } | undefined {
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 25);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return undefined;
  }
  return { page, pageSize, offset: (page - 1) * pageSize };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/health') {
    await pool.query('SELECT 1');
    return send(res, 200, { status: 'ok' });
  }
  if (req.method !== 'GET' || url.pathname !== '/api/mobilities') return send(res, 404, { status: 404 });
  // As the API: the guard (identity) runs before validation of the query.
  const identity = await identify(pool, sessionToken(req.headers.cookie));
  if (!identity) return send(res, 401, { status: 401 });
  const paging = pagingOf(url.searchParams);
  if (!paging) return send(res, 400, { status: 400 });
  const { sql, params, countSql, countParams } = mobilityListSql(
    {},
    paging,
    todayFormat.format(new Date()),
    listScope(identity),
  );
  const [rows, count] = await Promise.all([
    pool.query<SummaryRow>(sql, params),
    pool.query<{ total: number }>(countSql, countParams),
  ]);
  send(res, 200, {
    items: rows.rows.map(toSummary),
    total: count.rows[0].total,
    page: paging.page,
    pageSize: paging.pageSize,
  });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { status: 500 });
  });
});
server.listen(Number(env['PORT']), '127.0.0.1');

process.once('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
  void pool.end().finally(() => process.exit(0));
});
