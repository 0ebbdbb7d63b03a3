import {
  ACTIVITY_TYPES,
  CsvDelimiter,
  InsuranceCover,
  isActivityTypeCode,
  KEY_DOCUMENT_TASKS,
  KeyTaskStatus,
  missingInsuranceRisks,
  MobilityState,
  ReportHistoryRow,
  ReportMobilityRow,
  ReportProject,
  ReportTaskRow,
  ReportTaskStats,
  summariseReport,
} from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { ReportSource } from './writers/report-writer';

/** Rows fetched per round trip from the server-side cursors of the Tasks and History sheets. */
export const REPORT_BATCH_ROWS = 5000;

export interface ReportSourceOptions {
  readonly delimiter?: CsvDelimiter;
  readonly generatedBy: string;
  readonly generatedAt: Date;
}

interface ProjectRow {
  id: string;
  reference: string;
  action: string;
  call_year: number;
  start_date: string;
  end_date: string;
  b_name: string;
  b_oid: string | null;
  b_country: string;
  b_city: string | null;
  time_zone: string;
}

interface MobilityRow {
  id: string;
  bm_activity_id: string;
  activity_type: string;
  first_name: string;
  last_name: string;
  email: string;
  date_of_birth: string | null;
  fewer_opportunities: boolean;
  s_name: string;
  s_oid: string | null;
  s_country: string;
  s_city: string | null;
  h_id: string | null;
  h_name: string | null;
  h_oid: string | null;
  h_country: string | null;
  h_city: string | null;
  start_date: string;
  end_date: string;
  actual_end_date: string | null;
  travel_days: number;
  green_travel: boolean;
  force_majeure: boolean;
  interruption_reason: string | null;
  phase: MobilityState;
  placement_confirmed_at: Date | null;
  mentor_name: string | null;
  mentor_email: string | null;
  insurance: InsuranceCover[];
  report_status: string | null;
  report_requested_at: Date | null;
  report_submitted_at: Date | null;
  total: number;
  done: number;
  overdue: number;
  key_tasks: Record<string, KeyTaskStatus> | null;
  on_time: number;
  late: number;
  open: number;
  waived: number;
  withdrawal_reason: string | null;
}

interface AccompanyingRow {
  mobility_id: string;
  display_name: string;
  email: string;
  start_date: string;
  end_date: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Reads a project's data for the report writers. The mobility rows (a few thousand at most) are
 * read at once, with their task counts and key documents aggregated in SQL; the tasks and the
 * history are streamed from server-side cursors in batches, so 100,000 tasks never sit in memory.
 */
@Injectable()
export class ReportData {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The project as the report's cover needs it, with the school's time zone; null if it does not exist. */
  async project(projectId: string): Promise<(ReportProject & { timeZone: string }) | null> {
    const [row] = (await this.db.query(
      `SELECT p.id, p.reference, p.action, p.call_year, p.start_date, p.end_date,
              b.name AS b_name, b.oid AS b_oid, b.country AS b_country, b.city AS b_city, b.time_zone
         FROM project p JOIN organisation b ON b.id = p.beneficiary_organisation_id WHERE p.id = $1`,
      [projectId],
    )) as ProjectRow[];
    if (!row) return null;
    return {
      id: row.id,
      reference: row.reference,
      action: row.action,
      callYear: row.call_year,
      startDate: row.start_date,
      endDate: row.end_date,
      beneficiary: { name: row.b_name, oid: row.b_oid, country: row.b_country, city: row.b_city },
      timeZone: row.time_zone,
    };
  }

  /** The report's source: project, summary, counts and the rows (each iterable read once). */
  async source(projectId: string, options: ReportSourceOptions): Promise<ReportSource> {
    const found = await this.project(projectId);
    if (!found) throw new Error(`project ${projectId} does not exist`);
    const { timeZone, ...project } = found;
    const today = this.clock.today(timeZone);
    const [mobilities, history] = await Promise.all([
      this.mobilities(projectId, today, timeZone),
      this.historyCount(projectId),
    ]);
    const withdrawalReasons = new Map(mobilities.reasons);
    const summary = summariseReport(mobilities.rows, mobilities.taskStats, today, withdrawalReasons);
    const rows = mobilities.rows;
    return {
      project,
      generatedAt: options.generatedAt,
      generatedBy: options.generatedBy,
      timeZone,
      summary,
      counts: { mobilities: rows.length, tasks: mobilities.tasks, history },
      options: { delimiter: options.delimiter ?? ';' },
      mobilities: () => iterate(rows),
      tasks: () => this.taskRows(projectId),
      history: () => this.historyRows(projectId),
    };
  }

  private async historyCount(projectId: string): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT ((SELECT count(*) FROM lifecycle_event e JOIN mobility m ON m.id = e.mobility_id WHERE m.project_id = $1)
               + (SELECT count(*) FROM project_event pe WHERE pe.project_id = $1))::int AS history`,
      [projectId],
    )) as { history: number }[];
    return row.history;
  }

  /**
   * The mobility rows, with each one's task counts and key documents and the summary's task
   * figures (done on or before its due date in the school's calendar is on time), all from one
   * grouped pass over the project's tasks.
   */
  private async mobilities(
    projectId: string,
    today: string,
    timeZone: string,
  ): Promise<{
    rows: ReportMobilityRow[];
    reasons: [string, string | null][];
    tasks: number;
    taskStats: ReportTaskStats;
  }> {
    const keys = KEY_DOCUMENT_TASKS.map((k) => k.key);
    const rows = (await this.db.query(
      `SELECT m.id, m.bm_activity_id, m.activity_type, pe.first_name, pe.last_name, pe.email, pe.date_of_birth,
              m.fewer_opportunities,
              s.name AS s_name, s.oid AS s_oid, s.country AS s_country, s.city AS s_city,
              h.id AS h_id, h.name AS h_name, h.oid AS h_oid, h.country AS h_country, h.city AS h_city,
              m.start_date, m.end_date, m.actual_end_date, m.travel_days, m.green_travel,
              coalesce(m.force_majeure, false) AS force_majeure, m.interruption_reason, m.phase,
              m.placement_confirmed_at, m.mentor_name, m.mentor_email, m.insurance,
              m.participant_report_status AS report_status,
              m.participant_report_requested_at AS report_requested_at,
              m.participant_report_submitted_at AS report_submitted_at,
              coalesce(tc.total, 0)::int AS total, coalesce(tc.done, 0)::int AS done,
              coalesce(tc.overdue, 0)::int AS overdue, tc.key_tasks,
              coalesce(tc.on_time, 0)::int AS on_time, coalesce(tc.late, 0)::int AS late,
              coalesce(tc.open, 0)::int AS open, coalesce(tc.waived, 0)::int AS waived,
              (SELECT e.reason FROM lifecycle_event e WHERE e.mobility_id = m.id AND e.to_state = 'withdrawn'
                ORDER BY e.sequence DESC LIMIT 1) AS withdrawal_reason
         FROM mobility m
         JOIN person pe ON pe.id = m.person_id
         JOIN organisation s ON s.id = m.sending_organisation_id
         LEFT JOIN organisation h ON h.id = m.host_organisation_id
         LEFT JOIN (
           -- One pass over the project's tasks, grouped (a per-mobility sub-query costs twice as much).
           -- Overdue: open, past due, and not a catch-up task (due before its schedule was set).
           SELECT t.mobility_id, count(*) AS total,
                  count(*) FILTER (WHERE t.status = 'done') AS done,
                  count(*) FILTER (WHERE t.status = 'open' AND t.due_date < $2::date AND t.due_date >= t.scheduled_on) AS overdue,
                  jsonb_object_agg(t.template_key,
                                   CASE WHEN t.status = 'open' AND t.due_date < $2::date AND t.due_date >= t.scheduled_on THEN 'overdue' ELSE t.status END)
                    FILTER (WHERE t.template_key = ANY($3::text[])) AS key_tasks,
                  count(*) FILTER (WHERE t.status = 'done'
                                     AND (t.status_changed_at IS NULL
                                          OR (t.status_changed_at AT TIME ZONE $4)::date <= t.due_date)) AS on_time,
                  count(*) FILTER (WHERE t.status = 'done' AND (t.status_changed_at AT TIME ZONE $4)::date > t.due_date) AS late,
                  count(*) FILTER (WHERE t.status = 'open') AS open,
                  count(*) FILTER (WHERE t.status = 'waived') AS waived
             FROM task t JOIN mobility tm ON tm.id = t.mobility_id
            WHERE tm.project_id = $1
            GROUP BY t.mobility_id) tc ON tc.mobility_id = m.id
        WHERE m.project_id = $1
        ORDER BY m.bm_activity_id`,
      [projectId, today, keys, timeZone],
    )) as MobilityRow[];
    const accompanying = (await this.db.query(
      `SELECT a.mobility_id, u.display_name, u.email, a.start_date, a.end_date
         FROM accompanying_person a JOIN mobility m ON m.id = a.mobility_id JOIN user_account u ON u.id = a.user_account_id
        WHERE m.project_id = $1 ORDER BY a.created_at, a.id`,
      [projectId],
    )) as AccompanyingRow[];
    const byMobility = new Map<string, AccompanyingRow[]>();
    for (const a of accompanying) byMobility.set(a.mobility_id, [...(byMobility.get(a.mobility_id) ?? []), a]);

    const result: ReportMobilityRow[] = [];
    for (const row of rows) {
      const mobility = toMobilityRow(row);
      result.push(mobility);
      (byMobility.get(row.id) ?? []).forEach((a, i) => result.push(accompanyingRow(mobility, a, i + 1)));
    }
    const sum = (pick: (r: MobilityRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
    return {
      rows: result,
      reasons: rows.map((r) => [r.id, r.withdrawal_reason]),
      tasks: sum((r) => r.total),
      taskStats: {
        onTime: sum((r) => r.on_time),
        late: sum((r) => r.late),
        open: sum((r) => r.open),
        waived: sum((r) => r.waived),
      },
    };
  }

  private async *taskRows(projectId: string): AsyncGenerator<ReportTaskRow> {
    type Row = {
      bm_activity_id: string;
      participant: string;
      phase: string;
      title: string;
      role: string;
      due_date: string | null;
      status: 'done' | 'waived' | 'open';
      done_at: string | null;
      done_by: string | null;
      waiver_reason: string | null;
      mandatory: boolean;
    };
    // Shaped in SQL (names joined, the instant as ISO text, "done" fields only when not open): these
    // are ~50 rows per mobility, and parsing less here is most of reading them.
    for await (const r of this.cursor<Row>(
      `SELECT m.bm_activity_id, pe.first_name || ' ' || pe.last_name AS participant, t.phase, t.title, t.role,
              t.due_date, t.status, t.mandatory,
              CASE WHEN t.status <> 'open'
                   THEN to_char(t.status_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END AS done_at,
              CASE WHEN t.status <> 'open' THEN t.status_changed_by END AS done_by,
              CASE WHEN t.status = 'waived' THEN t.waiver_reason END AS waiver_reason
         FROM task t JOIN mobility m ON m.id = t.mobility_id JOIN person pe ON pe.id = m.person_id
        WHERE m.project_id = $1
        ORDER BY m.bm_activity_id, t.position, t.id`,
      [projectId],
    ))
      yield {
        bmActivityId: r.bm_activity_id,
        participant: r.participant,
        phase: r.phase,
        title: r.title,
        responsible: r.role,
        dueDate: r.due_date,
        status: r.status,
        doneAt: r.done_at,
        doneBy: r.done_by,
        waivedReason: r.waiver_reason,
        mandatory: r.mandatory,
      };
  }

  private async *historyRows(projectId: string): AsyncGenerator<ReportHistoryRow> {
    type Row = {
      at: Date;
      mobility_id: string | null;
      participant: string | null;
      event: string;
      from_state: string | null;
      to_state: string | null;
      actor: string;
      reason: string | null;
    };
    for await (const r of this.cursor<Row>(
      `SELECT * FROM (
         SELECT e.occurred_at AS at, e.mobility_id, pe.first_name || ' ' || pe.last_name AS participant, e.event,
                e.from_state, e.to_state, e.actor, e.reason, 0 AS source, e.sequence::bigint AS seq
           FROM lifecycle_event e JOIN mobility m ON m.id = e.mobility_id JOIN person pe ON pe.id = m.person_id
          WHERE m.project_id = $1
         UNION ALL
         SELECT ev.at, NULL, NULL, ev.event, ev.from_status, ev.to_status, ev.actor, ev.detail->>'reason', 1, ev.seq
           FROM project_event ev WHERE ev.project_id = $1) h
        ORDER BY h.at, h.source, h.mobility_id, h.seq`,
      [projectId],
    ))
      yield {
        at: r.at.toISOString(),
        mobilityId: r.mobility_id,
        participant: r.participant,
        event: r.event,
        from: r.from_state,
        to: r.to_state,
        actor: r.actor,
        reason: r.reason,
      };
  }

  /**
   * Rows of `sql` from a server-side cursor, REPORT_BATCH_ROWS per fetch: one sort on the server,
   * a bounded batch in memory here. The connection is released when the iteration ends or stops.
   */
  private async *cursor<T>(sql: string, params: unknown[]): AsyncGenerator<T> {
    const runner = this.db.createQueryRunner('slave');
    await runner.connect();
    let open = false;
    let pending: Promise<T[]> | undefined;
    try {
      await runner.query('BEGIN READ ONLY');
      open = true;
      await runner.query(`DECLARE report_rows NO SCROLL CURSOR FOR ${sql}`, params);
      // The next batch is asked for before this one is handed out: PostgreSQL reads while the
      // writer writes.
      const fetchBatch = () => runner.query(`FETCH ${REPORT_BATCH_ROWS} FROM report_rows`) as Promise<T[]>;
      pending = fetchBatch();
      for (;;) {
        const batch: T[] = await pending;
        pending = batch.length < REPORT_BATCH_ROWS ? undefined : fetchBatch();
        for (const row of batch) yield row;
        if (!pending) break;
      }
      await runner.query('COMMIT');
      open = false;
    } finally {
      // A reader that stopped early leaves a fetch in flight: let it end before the rollback.
      await pending?.catch(() => undefined);
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}

async function* iterate<T>(rows: readonly T[]): AsyncGenerator<T> {
  for (const row of rows) yield row;
}

function toMobilityRow(r: MobilityRow): ReportMobilityRow {
  const bmCode = isActivityTypeCode(r.activity_type) ? ACTIVITY_TYPES[r.activity_type].bmCode : null;
  return {
    id: r.id,
    bmActivityId: r.bm_activity_id,
    activityType: r.activity_type,
    bmActivityType: bmCode,
    participant: { firstName: r.first_name, lastName: r.last_name, email: r.email, dateOfBirth: r.date_of_birth },
    accompanying: false,
    fewerOpportunities: r.fewer_opportunities,
    sending: { name: r.s_name, oid: r.s_oid, country: r.s_country, city: r.s_city },
    receiving:
      r.h_id && r.h_name && r.h_country ? { name: r.h_name, oid: r.h_oid, country: r.h_country, city: r.h_city } : null,
    startDate: r.start_date,
    endDate: r.end_date,
    actualEndDate: r.actual_end_date,
    travelDays: r.travel_days,
    greenTravel: r.green_travel,
    forceMajeure: r.force_majeure,
    interruptionReason: r.interruption_reason,
    state: r.phase,
    placementConfirmedAt: iso(r.placement_confirmed_at),
    mentorName: r.mentor_name,
    mentorEmail: r.mentor_email,
    insuranceComplete: missingInsuranceRisks(r.insurance ?? [], r.h_id ? r.h_country : null).length === 0,
    participantReport: {
      status: r.report_status,
      requestedAt: iso(r.report_requested_at),
      submittedAt: iso(r.report_submitted_at),
    },
    tasks: { total: r.total, done: r.done, overdue: r.overdue },
    keyTasks: r.key_tasks ?? {},
  };
}

/**
 * An accompanying person: a row of its own with the mobility's organisations and the person's own
 * dates. In the BM an accompanying person is a mobility activity of its own, with an ID unique in
 * the project: the learner's ID with `-A<n>` (the n-th person accompanying that mobility).
 */
function accompanyingRow(mobility: ReportMobilityRow, a: AccompanyingRow, n: number): ReportMobilityRow {
  const [firstName, ...rest] = a.display_name.trim().split(/\s+/);
  return {
    ...mobility,
    id: mobility.id,
    bmActivityId: `${mobility.bmActivityId}-A${n}`,
    accompanying: true,
    participant: { firstName: firstName ?? '', lastName: rest.join(' '), email: a.email, dateOfBirth: null },
    fewerOpportunities: false,
    startDate: a.start_date,
    endDate: a.end_date,
    actualEndDate: null,
    forceMajeure: false,
    interruptionReason: null,
    mentorName: null,
    mentorEmail: null,
    participantReport: { status: null, requestedAt: null, submittedAt: null },
    tasks: { total: 0, done: 0, overdue: 0 },
    keyTasks: {},
  };
}
