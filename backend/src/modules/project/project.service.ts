import {
  coordinatedOrganisationIds,
  ka122FrequencyWarnings,
  MOBILITY_STATES,
  possibleProjectEvents,
  projectRoleOf,
  projectStatus,
  validateProject,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { actorOf, Identity } from '../../common/identity';
import { AccessService } from '../access/access.service';
import { sqlParams, visibleProjectSql } from '../access/access.sql';
import { isUniqueViolation } from '../../common/db-errors';
import { pagingOf } from '../../common/pagination';
import { Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { CreateProjectDto, ListProjectsQuery, PhaseCountsDto, ProjectDto, ProjectPageDto } from './dto/project.dto';
import { ProjectEntity } from './project.entity';
import { overdueTaskSql } from '../../common/task.sql';
import { ProjectTasksService } from './project-tasks.service';
import { ProjectEventRequestDto, UpdateProjectDto } from './dto/project-lifecycle.dto';

interface ProjectRow {
  id: string;
  reference: string;
  title: string;
  action: ProjectDto['action'];
  call_year: number;
  start_date: string;
  end_date: string;
  org_id: string;
  org_name: string;
  org_country: string;
  counts: Record<string, number> | null;
  overdue: number;
  report_submitted_on: string | null;
  closed_on: string | null;
  interim_report_due_date: string | null;
  next_task: { id: string; key: string; title: string; due_date: string } | null;
  overdue_tasks: number;
  ka122_others: { reference: string; call_year: number }[] | null;
}

@Injectable()
export class ProjectService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly tasks: ProjectTasksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A project of an organisation the caller coordinates (staff work on projects, coordinators open them). */
  async create(identity: Identity, dto: CreateProjectDto): Promise<ProjectDto> {
    await this.access.requireVisibleOrganisation(identity, dto.beneficiaryOrganisationId, 'beneficiaryOrganisationId');
    if (!coordinatedOrganisationIds(identity).includes(dto.beneficiaryOrganisationId)) {
      throw Problems.forbidden(
        'role-not-allowed',
        'Only a coordinator of the beneficiary organisation opens its projects.',
      );
    }
    const violations = validateProject(dto);
    if (violations.length) throw Problems.ruleViolated(violations);
    const duplicate = () =>
      Problems.conflict('duplicate-reference', 'Duplicate project', `Project ${dto.reference} already exists`, {
        errors: [{ field: 'reference', rule: 'unique', message: `a project with reference ${dto.reference} exists` }],
      });
    const id = await this.db
      .transaction(async (em) => {
        const beneficiary = await em.findOneBy(OrganisationEntity, { id: dto.beneficiaryOrganisationId });
        if (!beneficiary)
          throw Problems.notFound('Organisation', dto.beneficiaryOrganisationId, 'beneficiaryOrganisationId');
        if (
          await em.existsBy(ProjectEntity, {
            reference: dto.reference,
            beneficiaryOrganisationId: dto.beneficiaryOrganisationId,
          })
        )
          throw duplicate();
        const saved = await em.save(
          ProjectEntity,
          em.create(ProjectEntity, {
            ...dto,
            title: dto.title.trim(),
            reportSubmittedOn: null,
            closedOn: null,
            interimReportDueDate: null,
          }),
        );
        // The project's dated finalisation tasks and their reminders, with the history's first entry.
        await this.tasks.plan(em, saved);
        await this.tasks.appendEvent(em, saved.id, {
          event: 'CREATE',
          from: null,
          to: projectStatus(saved, this.today()),
          occurredOn: null,
          summary: `project ${saved.reference} opened`,
          actor: actorOf(identity),
        });
        return saved.id;
      })
      .catch((error: unknown) => {
        // A concurrent request created the same reference between the check and the insert.
        throw isUniqueViolation(error, 'project_reference_key') ? duplicate() : error;
      });
    return this.get(identity, id);
  }

  /** A coordinator records the final report's submission, the NA's decision or a returned report. */
  async recordEvent(identity: Identity, id: string, dto: ProjectEventRequestDto): Promise<ProjectDto> {
    await this.tasks.record(identity, id, dto);
    return this.get(identity, id);
  }

  /** A coordinator sets (or clears) the interim report's due date. */
  async update(identity: Identity, id: string, dto: UpdateProjectDto): Promise<ProjectDto> {
    await this.tasks.update(identity, id, dto);
    return this.get(identity, id);
  }

  /** The projects of the organisations where the caller is coordinator or staff. */
  async list(identity: Identity, query: ListProjectsQuery): Promise<ProjectPageDto> {
    const paging = pagingOf(query);
    const { params, param } = sqlParams();
    const visible = visibleProjectSql(identity, param);
    const [rows, [{ total }]] = await Promise.all([
      this.query(identity, `ORDER BY p.start_date DESC, p.id LIMIT ${paging.pageSize} OFFSET ${paging.offset}`),
      this.db.query(`SELECT count(*)::int AS total FROM project p WHERE ${visible}`, params) as Promise<
        { total: number }[]
      >,
    ]);
    const today = this.today();
    return {
      items: rows.map((row) => toProjectDto(row, identity, today)),
      total,
      page: paging.page,
      pageSize: paging.pageSize,
    };
  }

  async get(identity: Identity, id: string): Promise<ProjectDto> {
    const [row] = await this.query(identity, `AND p.id = $2`, [id]);
    if (!row) throw Problems.notFound('Project', id);
    return toProjectDto(row, identity, this.today());
  }

  private today(): string {
    return this.clock.today(this.config.timeZone);
  }

  /** The caller's projects with their beneficiary, mobility counts per phase and overdue mobilities. */
  private query(identity: Identity, tail: string, tailParams: unknown[] = []): Promise<ProjectRow[]> {
    const today = this.clock.today(this.config.timeZone);
    const { params, param } = sqlParams([today, ...tailParams]);
    const visible = visibleProjectSql(identity, param);
    return this.db.query(
      `SELECT p.id, p.reference, p.title, p.action, p.call_year, p.start_date, p.end_date,
              o.id AS org_id, o.name AS org_name, o.country AS org_country,
              (SELECT jsonb_object_agg(phase, n) FROM (SELECT phase, count(*)::int AS n FROM mobility m
                 WHERE m.project_id = p.id GROUP BY phase) c) AS counts,
              (SELECT count(*)::int FROM mobility m WHERE m.project_id = p.id
                 AND EXISTS (SELECT 1 FROM task t WHERE t.mobility_id = m.id AND ${overdueTaskSql('$1')})
              ) AS overdue,
              p.report_submitted_on, p.closed_on, p.interim_report_due_date,
              (SELECT json_build_object('id', t.id, 'key', t.template_key, 'title', t.title, 'due_date', t.due_date)
                 FROM project_task t WHERE t.project_id = p.id AND t.status = 'open'
                ORDER BY t.due_date, t.position LIMIT 1) AS next_task,
              (SELECT count(*)::int FROM project_task t WHERE t.project_id = p.id AND t.status = 'open'
                 AND t.due_date < $1::date AND p.report_submitted_on IS NULL) AS overdue_tasks,
              -- The beneficiary's other KA122 projects close enough in call years to share a window (§1.2).
              (SELECT json_agg(json_build_object('reference', q.reference, 'call_year', q.call_year))
                 FROM project q WHERE p.action = 'KA122-VET' AND q.action = 'KA122-VET' AND q.id <> p.id
                  AND q.beneficiary_organisation_id = p.beneficiary_organisation_id
                  AND abs(q.call_year - p.call_year) < 5) AS ka122_others
         FROM project p JOIN organisation o ON o.id = p.beneficiary_organisation_id
        WHERE ${visible} ${tail}`,
      params,
    );
  }
}

function toProjectDto(row: ProjectRow, identity: Identity, today: string): ProjectDto {
  const facts = {
    startDate: row.start_date,
    endDate: row.end_date,
    reportSubmittedOn: row.report_submitted_on,
    closedOn: row.closed_on,
  };
  const status = projectStatus(facts, today);
  const canManage = projectRoleOf(identity, row.org_id) === 'coordinator';
  const next = status === 'running' || status === 'reporting' ? row.next_task : null;
  const counts = Object.fromEntries(MOBILITY_STATES.map((s) => [s, row.counts?.[s] ?? 0])) as unknown as PhaseCountsDto;
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    action: row.action,
    callYear: row.call_year,
    beneficiaryOrganisation: { id: row.org_id, name: row.org_name, country: row.org_country },
    startDate: row.start_date,
    endDate: row.end_date,
    mobilityCounts: counts,
    mobilityTotal: Object.values(counts).reduce((a: number, b: number) => a + b, 0),
    overdueMobilities: row.overdue,
    status,
    reportSubmittedOn: row.report_submitted_on,
    closedOn: row.closed_on,
    interimReportDueDate: row.interim_report_due_date,
    nextDeadline: next
      ? { taskId: next.id, key: next.key, title: next.title, dueDate: next.due_date, overdue: next.due_date < today }
      : null,
    overdueTasks: row.overdue_tasks,
    possibleEvents: canManage ? possibleProjectEvents(facts, today) : [],
    canManage,
    warnings: ka122FrequencyWarnings(
      { action: row.action, callYear: row.call_year },
      (row.ka122_others ?? []).map((o) => ({ reference: o.reference, callYear: o.call_year })),
    ).map((w) => ({ code: w.code, field: w.field, message: w.message })),
  };
}
