/*
 * Set-based seed for the benchmarks: one project with `count` mobilities in `application`, each
 * with a host, a stored machine snapshot, its CREATE history entry and its whole checklist from
 * `planChecklist`. A handful of statements, not one INSERT per row; seeding is not measured.
 *
 * People, as the API now requires a signed-in session on every route: the sending school (a
 * top-level organisation, beneficiary of the project and sending organisation of every mobility)
 * has one coordinator; every host company (a partner registered by the school) has one mentor.
 * Each of them has a session row (only the token's hash stored, as AuthService.openSession does)
 * and is handed back with the cookie that carries its token.
 */
import {
  addDays,
  CURRENT_CHECKLIST,
  initialMobilitySnapshot,
  IsoDate,
  MOBILITY_MACHINE_VERSION,
  persistSnapshot,
  planChecklist,
  stateOf,
} from '@mobility-hub/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { hashSecret } from '../src/common/secret-hash';
import { SESSION_COOKIE } from '../src/modules/auth/auth.service';

export const SEED_ACTOR = 'bench-seed';

const HOST_COUNTRIES = ['ES', 'IT', 'NL', 'IE', 'FR', 'PT', 'FI', 'SE'] as const;
const HOSTS_PER_COUNTRY = 3;
const FIRST_NAMES = [
  'Lena',
  'Jonas',
  'Mia',
  'Felix',
  'Emma',
  'Paul',
  'Hannah',
  'Leon',
  'Sophie',
  'Lukas',
  'Marie',
  'Noah',
  'Lea',
  'Elias',
];
const LAST_NAMES = [
  'Schmidt',
  'Weber',
  'Fischer',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Schulz',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Braun',
];
/** Short-term VET placements (LM-SHORT-VET allows 10–89 days, both ends counted). */
const DURATIONS = [14, 21, 28, 42, 60] as const;
/** Start dates spread over [today − 250, today + 250]: older ones have overdue tasks, later ones none yet. */
const START_SPREAD = 501;
const START_FROM = -250;

/** A seeded, signed-in person: their e-mail (the actor in histories) and their session cookie. */
export interface BenchUser {
  readonly email: string;
  /** `mh_session=<token>`, for a Cookie header. */
  readonly cookie: string;
}

export interface SeededData {
  /** Mobility ids in seeding order; mobility i has host i mod hosts and start date pattern i. */
  readonly mobilityIds: readonly string[];
  /** Coordinator of the sending school: sees every seeded mobility. */
  readonly coordinator: BenchUser;
  /** Per mobility id, the mentor of its host (the one who may send HOST_CONFIRM). */
  readonly mentorOf: ReadonlyMap<string, BenchUser>;
  readonly mentors: number;
  readonly tasks: number;
  readonly overdueTasks: number;
  readonly ms: number;
}

/** Seeds an empty, migrated database. `today` is the API's calendar today (its APP_TIME_ZONE). */
export async function seedBenchData(db: Client, count: number, today: IsoDate): Promise<SeededData> {
  const started = Date.now();
  await db.query('BEGIN');

  const [sending] = (
    await db.query<{ id: string }>(
      `INSERT INTO organisation (name, kind, country, city, oid, email, time_zone)
       VALUES ('Berufskolleg Bench', 'vet-provider', 'DE', 'Essen', 'E90000000', 'erasmus@bench.example', 'Europe/Berlin')
       RETURNING id`,
    )
  ).rows;
  const hosts = HOST_COUNTRIES.flatMap((country) =>
    Array.from({ length: HOSTS_PER_COUNTRY }, (_, n) => ({ country, n })),
  );
  const hostIds = (
    await db.query<{ id: string }>(
      `INSERT INTO organisation (name, kind, country, city, oid, email, time_zone, registered_by_organisation_id)
       SELECT 'Host ' || c || ' ' || n, 'company', c, 'City ' || c, 'E9' || lpad(ord::text, 7, '0'), NULL, 'Europe/Brussels', $3
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS h(c, n, ord)
        ORDER BY ord
       RETURNING id`,
      [hosts.map((h) => h.country), hosts.map((h) => h.n), sending.id],
    )
  ).rows.map((r) => r.id);

  const people = await seedPeople(db, [
    { email: 'coordinator@school.bench.example', organisationId: sending.id, role: 'coordinator' },
    ...hosts.map((h, i) => ({
      email: `mentor.${h.country.toLowerCase()}${h.n}@host.bench.example`,
      organisationId: hostIds[i],
      role: 'mentor' as const,
    })),
  ]);
  const [coordinator, ...hostMentors] = people;

  const projectStart = `${addDays(today, -300).slice(0, 7)}-01`;
  const callYear = Number(projectStart.slice(0, 4));
  const [project] = (
    await db.query<{ id: string }>(
      `INSERT INTO project (reference, title, action, call_year, beneficiary_organisation_id, start_date, end_date)
       VALUES ($1, 'Benchmark accreditation', 'KA121-VET', $2, $3, $4, $5) RETURNING id`,
      [`${callYear}-1-DE02-KA121-VET-000999999`, callYear, sending.id, projectStart, addDays(projectStart, 730)],
    )
  ).rows;

  // Mobilities: ids and dates decided here, so that the checklist below comes from planChecklist.
  const mobilityIds: string[] = [];
  const personIds: string[] = [];
  const startDates: IsoDate[] = [];
  const endDates: IsoDate[] = [];
  for (let i = 0; i < count; i++) {
    const startDate = addDays(today, START_FROM + ((i * 7919) % START_SPREAD));
    mobilityIds.push(randomUUID());
    personIds.push(randomUUID());
    startDates.push(startDate);
    endDates.push(addDays(startDate, DURATIONS[i % DURATIONS.length] - 1));
  }
  await db.query(
    `INSERT INTO person (id, organisation_id, first_name, last_name, email)
     SELECT pid, $4, f, l, lower(f || '.' || l || '.' || (ord - 1) || '@students.bench.example')
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x(pid, ord)
      CROSS JOIN LATERAL (SELECT ($2::text[])[1 + (ord - 1) % cardinality($2::text[])] AS f,
                                 ($3::text[])[1 + ((ord - 1) / 7) % cardinality($3::text[])] AS l) names`,
    [personIds, FIRST_NAMES, LAST_NAMES, sending.id],
  );
  const initial = initialMobilitySnapshot();
  await db.query(
    `INSERT INTO mobility (id, project_id, person_id, activity_type, sending_organisation_id, host_organisation_id,
                           start_date, end_date, travel_days, green_travel, checklist_version, machine_snapshot,
                           machine_version, phase, version, bm_activity_id)
     SELECT mid, $5, pid, 'LM-SHORT-VET', $6, ($7::uuid[])[1 + (ord - 1) % cardinality($7::uuid[])],
            s, e, 2, (ord - 1) % 3 = 0, $8, $9::jsonb, $10, $11, 1, '000001-MOB-' || lpad(ord::text, 5, '0')
       FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[]) WITH ORDINALITY AS x(mid, pid, s, e, ord)`,
    [
      mobilityIds,
      personIds,
      startDates,
      endDates,
      project.id,
      sending.id,
      hostIds,
      CURRENT_CHECKLIST.version,
      JSON.stringify(persistSnapshot(initial)),
      MOBILITY_MACHINE_VERSION,
      stateOf(initial),
    ],
  );
  await db.query(
    `INSERT INTO lifecycle_event (mobility_id, sequence, event, from_state, to_state, actor, occurred_at)
     SELECT id, 1, 'CREATE', NULL, phase, $1, created_at FROM mobility`,
    [SEED_ACTOR],
  );

  // Checklists: planChecklist once per distinct (start, end) pair (~2,500 pairs instead of 10,000
  // mobilities), joined to the mobilities with those dates and to the template's texts.
  const template = CURRENT_CHECKLIST.tasks;
  const plan = { start: [] as IsoDate[], end: [] as IsoDate[], key: [] as string[], due: [] as IsoDate[] };
  const pairs = new Set(startDates.map((s, i) => `${s}/${endDates[i]}`));
  // Tasks per pair: the checklist leaves out what does not apply (a minor's consent, stay-long check-ins).
  const planned = new Map<string, number>();
  for (const pair of pairs) {
    const [startDate, endDate] = pair.split('/');
    const tasksOfPair = planChecklist({ startDate, endDate }, CURRENT_CHECKLIST);
    planned.set(pair, tasksOfPair.length);
    for (const task of tasksOfPair) {
      plan.start.push(startDate);
      plan.end.push(endDate);
      plan.key.push(task.key);
      plan.due.push(task.dueDate);
    }
  }
  // About half of the mobilities (by a bit of their random id) have ticked their application tasks
  // that were due over a week ago; everything else stays open, so overdue counts vary from 0 to
  // most of the checklist. Open tasks carry a next reminder instant (a week before due, roughly
  // as the reminder plan has it), so an event that closes one has to clear it, as in real data.
  const tasks = await db.query(
    `INSERT INTO task (mobility_id, phase, template_key, title, guidance, role, mandatory, position, due_date,
                       status, status_changed_by, status_changed_at, next_reminder_at)
     SELECT m.id, t.phase, t.key, t.title, t.guidance, t.role, t.mandatory, t.ord - 1, p.due, d.status,
            CASE WHEN d.status = 'done' THEN $12 END, CASE WHEN d.status = 'done' THEN now() END,
            CASE WHEN d.status = 'open' THEN (p.due - 7 + time '08:00') AT TIME ZONE 'Europe/Brussels' END
       FROM mobility m
       JOIN unnest($1::date[], $2::date[], $3::text[], $4::date[]) AS p(start_date, end_date, key, due)
         ON p.start_date = m.start_date AND p.end_date = m.end_date
       JOIN unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[])
              WITH ORDINALITY AS t(key, phase, title, guidance, role, mandatory, ord) ON t.key = p.key
      CROSS JOIN LATERAL (SELECT CASE WHEN t.phase = 'application' AND p.due < $11::date - 7
                                       AND get_byte(uuid_send(m.id), 15) % 2 = 0 THEN 'done' ELSE 'open' END AS status) d`,
    [
      plan.start,
      plan.end,
      plan.key,
      plan.due,
      template.map((t) => t.key),
      template.map((t) => t.phase),
      template.map((t) => t.title),
      template.map((t) => t.guidance),
      template.map((t) => t.role),
      template.map((t) => t.mandatory),
      today,
      SEED_ACTOR,
    ],
  );
  const [{ overdue }] = (
    await db.query<{ overdue: number }>(
      `SELECT count(*)::int AS overdue FROM task WHERE status = 'open' AND due_date < $1`,
      [today],
    )
  ).rows;
  await db.query('COMMIT');
  // Fresh statistics, so both servers get the plans a settled database would give.
  await db.query('VACUUM ANALYZE');
  const taskCount = tasks.rowCount ?? 0;
  const expected = startDates.reduce((sum, s, i) => sum + (planned.get(`${s}/${endDates[i]}`) ?? 0), 0);
  if (taskCount !== expected) {
    throw new Error(`seeded ${taskCount} tasks, expected ${expected} (${count} checklists of ≤ ${template.length})`);
  }
  const mentorOf = new Map(mobilityIds.map((id, i) => [id, hostMentors[i % hostIds.length]]));
  return {
    mobilityIds,
    coordinator,
    mentorOf,
    mentors: hostMentors.length,
    tasks: taskCount,
    overdueTasks: overdue,
    ms: Date.now() - started,
  };
}

/**
 * Users with one membership each and one session each (a day long), in the order given: the
 * rows `createUser` in backend/test/support/test-app.ts writes, set-based.
 */
async function seedPeople(
  db: Client,
  people: readonly { email: string; organisationId: string; role: 'coordinator' | 'staff' | 'mentor' }[],
): Promise<BenchUser[]> {
  const tokens = people.map(() => randomBytes(32).toString('base64url'));
  const userIds = (
    await db.query<{ id: string }>(
      `INSERT INTO user_account (email, display_name, created_at)
       SELECT e, split_part(e, '@', 1), now() FROM unnest($1::text[]) WITH ORDINALITY AS u(e, ord) ORDER BY ord
       RETURNING id`,
      [people.map((p) => p.email)],
    )
  ).rows.map((r) => r.id);
  await db.query(
    `INSERT INTO membership (user_id, organisation_id, role, created_at)
     SELECT u, o, r, now() FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS m(u, o, r)`,
    [userIds, people.map((p) => p.organisationId), people.map((p) => p.role)],
  );
  await db.query(
    `INSERT INTO session (token_hash, user_id, created_at, last_seen_at, expires_at)
     SELECT decode(h, 'hex'), u, now(), now(), now() + interval '1 day' FROM unnest($1::text[], $2::uuid[]) AS s(h, u)`,
    [tokens.map((t) => hashSecret('session', t).toString('hex')), userIds],
  );
  // Guard against RETURNING order: each user's id is looked up by e-mail once more.
  const { rows } = await db.query<{ id: string; email: string }>(
    `SELECT id, email FROM user_account WHERE id = ANY($1)`,
    [userIds],
  );
  const byEmail = new Map(rows.map((r) => [r.email, r.id]));
  people.forEach((p, i) => {
    if (byEmail.get(p.email) !== userIds[i]) throw new Error(`seeded user ${p.email} out of order`);
  });
  return people.map((p, i) => ({ email: p.email, cookie: `${SESSION_COOKIE}=${tokens[i]}` }));
}
