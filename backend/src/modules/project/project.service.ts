import { coordinatedOrganisationIds, MOBILITY_STATES, validateProject } from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { Identity } from '../../common/identity';
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
}

@Injectable()
export class ProjectService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly access: AccessService,
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
        const saved = await em.save(ProjectEntity, em.create(ProjectEntity, { ...dto, title: dto.title.trim() }));
        return saved.id;
      })
      .catch((error: unknown) => {
        // A concurrent request created the same reference between the check and the insert.
        throw isUniqueViolation(error, 'project_reference_key') ? duplicate() : error;
      });
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
    return { items: rows.map(toProjectDto), total, page: paging.page, pageSize: paging.pageSize };
  }

  async get(identity: Identity, id: string): Promise<ProjectDto> {
    const [row] = await this.query(identity, `AND p.id = $2`, [id]);
    if (!row) throw Problems.notFound('Project', id);
    return toProjectDto(row);
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
              ) AS overdue
         FROM project p JOIN organisation o ON o.id = p.beneficiary_organisation_id
        WHERE ${visible} ${tail}`,
      params,
    );
  }
}

function toProjectDto(row: ProjectRow): ProjectDto {
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
  };
}
