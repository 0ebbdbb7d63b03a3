import {
  activityDays,
  ageAtStart,
  CURRENT_CHECKLIST_VERSION,
  advanceBlockersNow,
  allowedEvents,
  isMinorOn,
  InsuranceCover,
  isLearningAgreementLate,
  isParticipantReportOverdue,
  missingInsuranceRisks,
  MOBILITY_STATES,
  participantReportResendAt,
  ParticipantReportStatus,
  isSendingSide,
  mayApplyEvent,
  MobilityRole,
  seesPersonalDetails,
  StoredSnapshot,
  TaskFact,
  visibleTaskRoles,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Paging } from '../../common/pagination';
import { Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { escapeLike } from '../../common/sql';
import { overdueTaskSql, pendingTaskSql } from '../../common/task.sql';
import { ListMobilitiesQuery, MobilityDto, MobilitySortKey, MobilitySummaryDto } from './dto/mobility.dto';
import { factsOf, MobilityRepository, restoreMobilitySnapshot } from './mobility.repository';
import { preparedQuery } from '../../common/prepared-query';

/** One row of the list statement (exported for the benchmark's bare baseline). */
export interface SummaryRow {
  id: string;
  project_id: string;
  activity_type: MobilitySummaryDto['activityType'];
  start_date: string;
  end_date: string;
  phase: MobilitySummaryDto['phase'];
  version: number;
  placement_confirmed: boolean;
  first_name: string;
  last_name: string;
  email: string;
  s_id: string;
  s_name: string;
  s_country: string;
  h_id: string | null;
  h_name: string | null;
  h_country: string | null;
  overdue: number;
  nd_id: string | null;
  nd_key: string | null;
  nd_title: string | null;
  nd_due: string | null;
  nd_catch_up: boolean | null;
}

const SUMMARY_SELECT = `SELECT m.id, m.project_id, m.activity_type, m.start_date, m.end_date, m.phase, m.version,
                   m.placement_confirmed_at IS NOT NULL AS placement_confirmed,
                   p.first_name, p.last_name, p.email,
                   s.id AS s_id, s.name AS s_name, s.country AS s_country,
                   h.id AS h_id, h.name AS h_name, h.country AS h_country,
                   od.overdue,
                   nd.id AS nd_id, nd.template_key AS nd_key, nd.title AS nd_title, nd.due_date AS nd_due,
                   nd.due_date < nd.scheduled_on AS nd_catch_up`;

/**
 * Joins for one summary row; `$1` is today's date. `tasks` narrows the tasks counted (overdue, next
 * due) to those the viewer sees: a mentor counts the host's tasks, a learner their own.
 */
const summaryJoins = (tasks = 'true') => `JOIN person p ON p.id = m.person_id
      JOIN organisation s ON s.id = m.sending_organisation_id
      LEFT JOIN organisation h ON h.id = m.host_organisation_id
      CROSS JOIN LATERAL (SELECT count(*)::int AS overdue FROM task t
                           WHERE t.mobility_id = m.id AND ${overdueTaskSql('$1')} AND ${tasks}) od
      LEFT JOIN LATERAL (SELECT t.id, t.template_key, t.title, t.due_date, t.scheduled_on FROM task t
                          WHERE t.mobility_id = m.id AND ${pendingTaskSql()} AND ${tasks}
                          ORDER BY t.due_date, t.position LIMIT 1) nd ON true`;

/** The viewer's scope on lists: which mobilities, and which of their tasks count. */
export interface ListScope {
  /** Condition on `m`: the mobilities the viewer may see. */
  readonly mobilities: (param: (value: unknown) => string) => string;
  /** Condition on `t` and `m`: the tasks the viewer sees (undefined: all of them). */
  readonly tasks?: (param: (value: unknown) => string) => string;
}

/** The filters and order of the mobility list: its query without the paging. */
export type MobilityListFilter = Pick<
  ListMobilitiesQuery,
  | 'projectId'
  | 'phase'
  | 'hostOrganisationId'
  | 'overdue'
  | 'q'
  | 'hostCountry'
  | 'activityType'
  | 'from'
  | 'to'
  | 'sort'
>;

/** The two statements behind one page of the mobility list, each with its own parameters. */
export interface MobilityListSql {
  /** The page's summary rows, in the order asked for (start date by default). */
  readonly sql: string;
  readonly params: unknown[];
  /** `total`: the rows matching the filters over all pages. */
  readonly countSql: string;
  readonly countParams: unknown[];
}

/**
 * Builds the list statements for `filter` and `paging`, `today` being the calendar date overdue
 * tasks are measured against. Pure, so that the benchmark's bare baseline runs exactly this text.
 */
export function mobilityListSql(
  filter: MobilityListFilter,
  paging: Paging,
  today: string,
  scope?: ListScope,
): MobilityListSql {
  const params: unknown[] = [today];
  // $1 (today) is referenced even when no overdue filter uses it, so every query types it.
  const where: string[] = ['$1::date IS NOT NULL'];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (scope) where.push(scope.mobilities(param));
  if (filter.projectId) where.push(`m.project_id = ${param(filter.projectId)}`);
  if (filter.phase) where.push(`m.phase = ${param(filter.phase)}`);
  if (filter.hostOrganisationId) where.push(`m.host_organisation_id = ${param(filter.hostOrganisationId)}`);
  if (filter.activityType) where.push(`m.activity_type = ${param(filter.activityType)}`);
  // A date range keeps the stays that overlap it.
  if (filter.from) where.push(`m.end_date >= ${param(filter.from)}::date`);
  if (filter.to) where.push(`m.start_date <= ${param(filter.to)}::date`);
  if (filter.hostCountry) where.push(`h.country = ${param(filter.hostCountry)}`);
  // The viewer's tasks: built per use, so each statement gets exactly the parameters it references.
  const tasks = () => scope?.tasks?.(param) ?? 'true';
  if (filter.overdue !== undefined) {
    where.push(
      `${filter.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM task t WHERE t.mobility_id = m.id AND ${overdueTaskSql('$1')} AND ${tasks()})`,
    );
  }
  if (filter.q) {
    const pattern = param(`%${escapeLike(filter.q.trim())}%`);
    where.push(`(p.first_name || ' ' || p.last_name ILIKE ${pattern} OR p.email ILIKE ${pattern}
                 OR h.name ILIKE ${pattern})`);
  }
  const sort = filter.sort ?? 'startDate';
  const key = (sort.startsWith('-') ? sort.slice(1) : sort) as MobilitySortKey;
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  // Participant and host are joined only when a filter or the order needs them: the other
  // filters and the count need the mobility row alone (person_id is NOT NULL, so counts do not change).
  const needsPerson = !!filter.q || key === 'learner';
  const needsHost = !!filter.q || !!filter.hostCountry || key === 'host' || key === 'hostCountry';
  const joins = [
    needsPerson ? 'JOIN person p ON p.id = m.person_id' : '',
    needsHost ? 'LEFT JOIN organisation h ON h.id = m.host_organisation_id' : '',
  ].join('\n      ');
  const from = `FROM mobility m ${joins}
      WHERE ${where.join(' AND ')}`;
  const countParams = params.slice();
  // The order's key (a mobility without host last either way), then start date and id for a stable page.
  const sortKey =
    key === 'startDate'
      ? null
      : key === 'endDate'
        ? 'm.end_date'
        : key === 'learner'
          ? `lower(p.last_name || ' ' || p.first_name)`
          : key === 'host'
            ? 'lower(h.name)'
            : key === 'hostCountry'
              ? 'h.country'
              : key === 'phase'
                ? `array_position(ARRAY[${MOBILITY_STATES.map((s) => `'${s}'`).join(', ')}]::text[], m.phase::text)`
                : `(SELECT count(*)::int FROM task t WHERE t.mobility_id = m.id AND ${overdueTaskSql('$1')} AND ${tasks()})`;
  const limit = param(paging.pageSize);
  const offset = param(paging.offset);
  const summary = summaryJoins(tasks());
  const tail = `m.start_date ${key === 'startDate' ? direction : 'ASC'}, m.id`;
  const order = sortKey ? `sort_key ${direction} NULLS LAST, ${tail}` : tail;
  const outerOrder = sortKey ? `page.sort_key ${direction} NULLS LAST, ${tail}` : tail;
  return {
    sql: `WITH page AS (SELECT m.id, m.start_date${sortKey ? `, ${sortKey} AS sort_key` : ''} ${from} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
         ${SUMMARY_SELECT} FROM page JOIN mobility m ON m.id = page.id ${summary}
         ORDER BY ${outerOrder}`,
    params,
    countSql: `SELECT count(*)::int AS total ${from}`,
    countParams,
  };
}

/** The read side of mobilities: lists and the detail view, in plain SQL through indexes. */
@Injectable()
export class MobilityQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: MobilityRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return this.clock.today(this.config.timeZone);
  }

  async list(
    query: ListMobilitiesQuery,
    paging: Paging,
    scope: ListScope,
  ): Promise<{ items: MobilitySummaryDto[]; total: number }> {
    const { sql, params, countSql, countParams } = mobilityListSql(query, paging, this.today(), scope);
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(sql, params) as Promise<SummaryRow[]>,
      this.db.query(countSql, countParams) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(toSummary), total };
  }

  /**
   * One mobility as `viewer` sees it; its row, tasks and allowed events from one snapshot of the
   * database. A mentor or a learner sees counts of their own tasks only, the events their role may
   * send, and (a mentor) no date of birth.
   */
  detail(id: string, viewer: MobilityRole, em?: EntityManager, tasks?: readonly TaskFact[]): Promise<MobilityDto> {
    return em
      ? this.read(id, viewer, em, tasks)
      : this.db.transaction('REPEATABLE READ', (tx) => this.read(id, viewer, tx, tasks));
  }

  /** `tasks`: the mobility's task facts as they stand in `em`, when the caller holds them (not read again). */
  private async read(
    id: string,
    viewer: MobilityRole,
    em: EntityManager,
    tasks?: readonly TaskFact[],
  ): Promise<MobilityDto> {
    const seen = isSendingSide(viewer) ? 'true' : `t.role = ANY($3::text[])`;
    const [row] = await preparedQuery<(SummaryRow & DetailColumns)[]>(
      em,
      `${SUMMARY_SELECT}, m.travel_days, m.green_travel, m.fewer_opportunities, m.bm_activity_id, m.placement_confirmed_at, m.checklist_version, m.mentor_name, m.mentor_email,
              m.machine_snapshot, m.machine_version, m.created_at, m.updated_at, p.id AS person_id, p.date_of_birth,
              tc.open, tc.done, tc.waived,
              m.insurance, m.insurance_recorded_at, m.insurance_recorded_by,
              m.actual_end_date, m.interruption_reason, m.force_majeure, m.interrupted_at, m.interrupted_by,
              m.participant_report_status, m.participant_report_requested_at, m.participant_report_last_sent_at,
              m.participant_report_resent_count, m.participant_report_submitted_at,
              school.time_zone AS school_time_zone,
              (SELECT (t.status_changed_at AT TIME ZONE school.time_zone)::date FROM task t
                WHERE t.mobility_id = m.id AND t.template_key = 'learning-agreement' AND t.status = 'done'
                LIMIT 1) AS la_done_on,
              (SELECT t.due_date FROM task t
                WHERE t.mobility_id = m.id AND t.template_key = 'participant-report-submitted' LIMIT 1) AS report_deadline,
              (SELECT count(*)::int FROM accompanying_person a WHERE a.mobility_id = m.id) AS accompanying_persons
         FROM mobility m ${summaryJoins(seen)}
         JOIN project pr ON pr.id = m.project_id
         JOIN organisation school ON school.id = pr.beneficiary_organisation_id
         CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
                                    count(*) FILTER (WHERE status = 'done')::int AS done,
                                    count(*) FILTER (WHERE status = 'waived')::int AS waived
                               FROM task t WHERE t.mobility_id = m.id AND ${seen}) tc
        WHERE m.id = $2`,
      isSendingSide(viewer) ? [this.today(), id] : [this.today(), id, visibleTaskRoles(viewer)],
    );
    if (!row) throw Problems.notFound('Mobility', id);
    const today = this.clock.today(row.school_time_zone);
    const source = {
      hostOrganisationId: row.h_id,
      hostCountry: row.h_country,
      placementConfirmedAt: row.placement_confirmed_at,
      startDate: row.start_date,
      endDate: row.end_date,
      travelDays: row.travel_days,
      actualEndDate: row.actual_end_date,
      insurance: row.insurance,
      activityType: row.activity_type,
      accompanyingPersons: row.accompanying_persons,
    };
    const facts = factsOf(source, tasks ?? (await this.repository.tasks(em, row.id)), today);
    const report = {
      status: row.participant_report_status,
      requestedAt: row.participant_report_requested_at,
      lastSentAt: row.participant_report_last_sent_at,
      resentCount: row.participant_report_resent_count,
      submittedAt: row.participant_report_submitted_at,
    };
    const resendAt = participantReportResendAt(report);
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    const snapshot = restoreMobilitySnapshot({
      id: row.id,
      machineSnapshot: row.machine_snapshot,
      machineVersion: row.machine_version,
    });
    const summary = toSummary(row);
    return {
      ...summary,
      participant: {
        id: row.person_id,
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
        dateOfBirth: seesPersonalDetails(viewer) ? row.date_of_birth : null,
        // A host learns whether a minor comes (duty of care), never the date of birth nor the age.
        ageAtStart: seesPersonalDetails(viewer) ? ageAtStart(row.date_of_birth, row.start_date) : null,
        minor: row.date_of_birth === null ? null : isMinorOn(row.date_of_birth, row.start_date),
      },
      durationDays: activityDays(row.start_date, row.end_date),
      travelDays: row.travel_days,
      greenTravel: row.green_travel,
      // Why a learner counts as "with fewer opportunities" is never recorded, but the flag itself is
      // personal (reference §7.2): the sending side's, who reports it to the BM — not the host's, nor
      // shown on the learner's own page.
      fewerOpportunities: isSendingSide(viewer) ? row.fewer_opportunities : null,
      bmActivityId: row.bm_activity_id,
      placementConfirmedAt: row.placement_confirmed_at?.toISOString() ?? null,
      mentor: row.mentor_name || row.mentor_email ? { name: row.mentor_name, email: row.mentor_email } : null,
      allowedEvents: allowedEvents(snapshot, facts).filter((event) => mayApplyEvent(viewer, event)),
      advanceUnmet: mayApplyEvent(viewer, 'ADVANCE')
        ? advanceBlockersNow(snapshot, facts).map((u) =>
            'missingRisks' in u ? { ...u, missingRisks: [...u.missingRisks] } : u,
          )
        : [],
      yourRole: viewer,
      taskCounts: { open: row.open, done: row.done, waived: row.waived, overdue: summary.overdueTasks },
      checklistVersion: row.checklist_version,
      currentChecklistVersion: CURRENT_CHECKLIST_VERSION,
      machineVersion: row.machine_version,
      insurance: {
        // The host learns whether the stay is covered (missingRisks), not the participant's policy or card numbers.
        covers: viewer === 'mentor' ? [] : row.insurance.map((c) => ({ ...c, risks: [...c.risks] })),
        missingRisks: missingInsuranceRisks(row.insurance, row.h_id ? row.h_country : null),
        recordedAt: iso(row.insurance_recorded_at),
        recordedBy: isSendingSide(viewer) ? row.insurance_recorded_by : null,
      },
      interruption:
        row.actual_end_date && row.interrupted_at
          ? {
              actualEndDate: row.actual_end_date,
              actualDurationDays: activityDays(row.start_date, row.actual_end_date),
              forceMajeure: row.force_majeure ?? false,
              // Why a stay ended can be personal (illness): not the host's business.
              reason: seesPersonalDetails(viewer) ? row.interruption_reason : null,
              interruptedAt: row.interrupted_at.toISOString(),
              interruptedBy: isSendingSide(viewer) ? row.interrupted_by : null,
            }
          : null,
      learningAgreementCompletedOn: row.la_done_on,
      learningAgreementLate: isLearningAgreementLate(row.la_done_on, row.start_date),
      participantReport: {
        ...report,
        requestedAt: iso(report.requestedAt),
        lastSentAt: iso(report.lastSentAt),
        submittedAt: iso(report.submittedAt),
        deadline: row.report_deadline,
        overdue: isParticipantReportOverdue(report.status, row.report_deadline, today),
        resendableFrom: iso(resendAt),
      },
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}

interface DetailColumns {
  travel_days: number;
  green_travel: boolean;
  fewer_opportunities: boolean;
  bm_activity_id: string;
  placement_confirmed_at: Date | null;
  checklist_version: number;
  mentor_name: string | null;
  mentor_email: string | null;
  machine_snapshot: StoredSnapshot;
  machine_version: number;
  created_at: Date;
  updated_at: Date;
  person_id: string;
  date_of_birth: string | null;
  open: number;
  done: number;
  waived: number;
  insurance: InsuranceCover[];
  insurance_recorded_at: Date | null;
  insurance_recorded_by: string | null;
  accompanying_persons: number;
  actual_end_date: string | null;
  interruption_reason: string | null;
  force_majeure: boolean | null;
  interrupted_at: Date | null;
  interrupted_by: string | null;
  participant_report_status: ParticipantReportStatus | null;
  participant_report_requested_at: Date | null;
  participant_report_last_sent_at: Date | null;
  participant_report_resent_count: number;
  participant_report_submitted_at: Date | null;
  school_time_zone: string;
  la_done_on: string | null;
  report_deadline: string | null;
}

export function toSummary(row: SummaryRow): MobilitySummaryDto {
  return {
    id: row.id,
    projectId: row.project_id,
    participant: { firstName: row.first_name, lastName: row.last_name, email: row.email },
    activityType: row.activity_type,
    sendingOrganisation: { id: row.s_id, name: row.s_name, country: row.s_country },
    hostOrganisation: row.h_id ? { id: row.h_id, name: row.h_name ?? '', country: row.h_country ?? '' } : null,
    startDate: row.start_date,
    endDate: row.end_date,
    phase: row.phase,
    version: row.version,
    placementConfirmed: row.placement_confirmed,
    overdueTasks: row.overdue,
    nextDueTask:
      row.nd_id && row.nd_key && row.nd_title && row.nd_due
        ? {
            id: row.nd_id,
            key: row.nd_key,
            title: row.nd_title,
            dueDate: row.nd_due,
            catchUp: row.nd_catch_up === true,
          }
        : null,
  };
}
