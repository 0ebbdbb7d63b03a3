import {
  applyProjectEvent,
  interimReportViolations,
  planProjectTasks,
  projectRoleOf,
  projectStatus,
  ProjectStatus,
  projectTaskSetByEvent,
  projectTasksOpen,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { actorOf, Identity } from '../../common/identity';
import { Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ProjectReminderService } from '../notification/project-reminder.service';
import {
  ProjectEventRequestDto,
  ProjectHistoryEntryDto,
  ProjectTaskDto,
  UpdateProjectDto,
  UpdateProjectTaskDto,
} from './dto/project-lifecycle.dto';
import { ProjectEntity } from './project.entity';

interface ProjectTaskRow {
  id: string;
  project_id: string;
  template_key: string;
  title: string;
  guidance: string;
  mandatory: boolean;
  due_date: string;
  status: 'open' | 'done' | 'waived';
  status_changed_by: string | null;
  status_changed_at: Date | null;
  note: string | null;
  waiver_reason: string | null;
}

export interface NewProjectEvent {
  readonly event: string;
  readonly from: ProjectStatus | null;
  readonly to: ProjectStatus | null;
  readonly occurredOn: string | null;
  readonly summary: string;
  readonly actor: string;
}

/**
 * The project's own lifecycle: its dated tasks, what a coordinator records (final report
 * submitted, the NA's decision, the interim report's date) and its history. Every change runs under
 * the project row's lock, writes a history entry and re-plans the tasks' reminders in the same
 * transaction.
 */
@Injectable()
export class ProjectTasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reminders: ProjectReminderService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Writes the project's planned tasks (inside the caller's transaction): new ones inserted, the
   * due dates of those not done moved, an open interim report task dropped when no date is set any
   * more; then the reminders follow.
   */
  async plan(
    em: EntityManager,
    project: Pick<ProjectEntity, 'id' | 'action' | 'endDate' | 'interimReportDueDate'>,
  ): Promise<void> {
    const planned = planProjectTasks(project, this.config.projects);
    await em.query(
      `INSERT INTO project_task (project_id, template_key, title, guidance, mandatory, position, due_date, status)
       SELECT $1, t.*, 'open' FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[], $6::int[], $7::date[])
                                AS t(key, title, guidance, mandatory, position, due_date)
       ON CONFLICT (project_id, template_key) DO UPDATE
          SET due_date = EXCLUDED.due_date, position = EXCLUDED.position
        WHERE project_task.status <> 'done' AND project_task.due_date IS DISTINCT FROM EXCLUDED.due_date`,
      [
        project.id,
        planned.map((t) => t.key),
        planned.map((t) => t.title),
        planned.map((t) => t.guidance),
        planned.map((t) => t.mandatory),
        planned.map((t) => t.position),
        planned.map((t) => t.dueDate),
      ],
    );
    await em.query(
      `DELETE FROM project_task WHERE project_id = $1 AND status <> 'done' AND NOT (template_key = ANY($2::text[]))`,
      [project.id, planned.map((t) => t.key)],
    );
    await this.reminders.replan(em, project.id);
  }

  async appendEvent(em: EntityManager, projectId: string, e: NewProjectEvent): Promise<void> {
    await em.query(
      `INSERT INTO project_event (project_id, event, from_status, to_status, occurred_on, detail, actor, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        projectId,
        e.event,
        e.from,
        e.to,
        e.occurredOn,
        JSON.stringify({ summary: e.summary }),
        e.actor,
        this.clock.now().toISOString(),
      ],
    );
  }

  /** The project's tasks by due date: its coordinators and staff see them. */
  async list(identity: Identity, projectId: string): Promise<ProjectTaskDto[]> {
    await this.requireProject(this.db.manager, identity, projectId, false);
    const rows: ProjectTaskRow[] = await this.db.query(
      `SELECT * FROM project_task WHERE project_id = $1 ORDER BY due_date, position`,
      [projectId],
    );
    const today = this.today();
    const project = await this.db.manager.findOneByOrFail(ProjectEntity, { id: projectId });
    const open = projectTasksOpen(projectStatus(project, today));
    return rows.map((r) => toProjectTaskDto(r, today, open));
  }

  async history(identity: Identity, projectId: string): Promise<ProjectHistoryEntryDto[]> {
    await this.requireProject(this.db.manager, identity, projectId, false);
    const rows: {
      id: string;
      event: string;
      from_status: ProjectStatus | null;
      to_status: ProjectStatus | null;
      occurred_on: string | null;
      detail: { summary?: string };
      actor: string;
      at: Date;
    }[] = await this.db.query(`SELECT * FROM project_event WHERE project_id = $1 ORDER BY at, seq`, [projectId]);
    return rows.map((r) => ({
      id: r.id,
      event: r.event,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      occurredOn: r.occurred_on,
      summary: r.detail.summary ?? '',
      actor: r.actor,
      at: r.at.toISOString(),
    }));
  }

  /** Tick, untick or waive a project task: the beneficiary's coordinators, until the report is submitted. */
  async updateTask(
    identity: Identity,
    projectId: string,
    taskId: string,
    dto: UpdateProjectTaskDto,
  ): Promise<ProjectTaskDto> {
    if (dto.waiverReason !== undefined && dto.status !== 'waived') {
      throw Problems.invalidRequest([
        {
          field: 'waiverReason',
          rule: 'only with status waived',
          message: 'waiverReason is only allowed when waiving a task',
        },
      ]);
    }
    // Another school's project is a 404 before anything is locked.
    await this.requireProject(this.db.manager, identity, projectId, false);
    return this.db.transaction(async (em) => {
      const project = await this.requireProject(em, identity, projectId, true, 'tick or waive project tasks');
      const [task] = (await em.query(`SELECT * FROM project_task WHERE id = $1 AND project_id = $2 FOR UPDATE`, [
        taskId,
        projectId,
      ])) as ProjectTaskRow[];
      if (!task) throw Problems.notFound('Project task', taskId);
      const today = this.today();
      const status = projectStatus(project, today);
      if (!projectTasksOpen(status)) {
        throw Problems.conflict(
          'project-tasks-closed',
          'Project tasks cannot change',
          `The project is ${status}: its tasks no longer change.`,
        );
      }
      if (projectTaskSetByEvent(task.template_key)) {
        throw Problems.conflict(
          'project-task-by-event',
          'Task follows the recorded submission',
          'Record the final report’s submission (POST /api/projects/{id}/events SUBMIT_FINAL_REPORT) instead of ticking it.',
        );
      }
      const statusChanged =
        task.status !== dto.status || (dto.status === 'waived' && task.waiver_reason !== dto.waiverReason);
      const note = dto.note === undefined ? task.note : dto.note.trim() === '' ? null : dto.note;
      if (!statusChanged && note === task.note) return toProjectTaskDto(task, today, true);
      const actor = actorOf(identity);
      const [[updated]] = (await em.query(
        `UPDATE project_task
            SET status = $2, note = $3,
                status_changed_by = CASE WHEN $4 THEN $5 ELSE status_changed_by END,
                status_changed_at = CASE WHEN $4 THEN $6::timestamptz ELSE status_changed_at END,
                waiver_reason = CASE WHEN $4 THEN $7 ELSE waiver_reason END
          WHERE id = $1 RETURNING *`,
        [
          taskId,
          dto.status,
          note,
          statusChanged,
          actor,
          this.clock.now().toISOString(),
          dto.status === 'waived' ? (dto.waiverReason ?? null) : null,
        ],
      )) as [ProjectTaskRow[], number];
      if (statusChanged) {
        await this.appendEvent(em, projectId, {
          event: 'TASK',
          from: status,
          to: status,
          occurredOn: null,
          summary: `${task.template_key}: ${task.status} → ${dto.status}${dto.status === 'waived' ? ` (${dto.waiverReason})` : ''}`,
          actor,
        });
        await this.reminders.replan(em, projectId);
      }
      return toProjectTaskDto(updated, today, true);
    });
  }

  /** A coordinator records the final report's submission, the NA's decision, or a returned report. */
  async record(identity: Identity, projectId: string, dto: ProjectEventRequestDto): Promise<void> {
    await this.requireProject(this.db.manager, identity, projectId, false);
    await this.db.transaction(async (em) => {
      const project = await this.requireProject(em, identity, projectId, true, `record ${dto.type}`);
      const today = this.today();
      const result = applyProjectEvent(project, { type: dto.type, on: dto.on }, today);
      if (!result.ok) {
        const [first] = result.violations;
        if (first.field === 'type') throw Problems.conflict('project-event-refused', 'Not possible now', first.message);
        throw Problems.ruleViolated(result.violations);
      }
      const actor = actorOf(identity);
      await em.query(`UPDATE project SET report_submitted_on = $2, closed_on = $3 WHERE id = $1`, [
        projectId,
        'reportSubmittedOn' in result.changes ? result.changes.reportSubmittedOn : project.reportSubmittedOn,
        'closedOn' in result.changes ? result.changes.closedOn : project.closedOn,
      ]);
      if (result.taskStatus) {
        await em.query(
          `UPDATE project_task SET status = $3, status_changed_by = $4, status_changed_at = $5, waiver_reason = NULL
            WHERE project_id = $1 AND template_key = $2 AND status <> $3`,
          [projectId, result.taskStatus.key, result.taskStatus.status, actor, this.clock.now().toISOString()],
        );
      }
      const occurredOn = dto.type === 'REOPEN_REPORT' ? today : (dto.on ?? today);
      await this.appendEvent(em, projectId, {
        event: dto.type,
        from: result.from,
        to: result.to,
        occurredOn,
        summary: `${result.from} → ${result.to}`,
        actor,
      });
      await this.reminders.replan(em, projectId);
    });
  }

  /** Sets or clears the interim report's due date (KA121-VET); its task follows. */
  async update(identity: Identity, projectId: string, dto: UpdateProjectDto): Promise<void> {
    await this.requireProject(this.db.manager, identity, projectId, false);
    await this.db.transaction(async (em) => {
      const project = await this.requireProject(em, identity, projectId, true, 'change the project');
      const status = projectStatus(project, this.today());
      if (!projectTasksOpen(status)) {
        throw Problems.conflict('project-tasks-closed', 'Project cannot change', `The project is ${status}.`);
      }
      const violations = interimReportViolations(project, dto.interimReportDueDate);
      if (violations.length) throw Problems.ruleViolated(violations);
      if (project.interimReportDueDate === dto.interimReportDueDate) return;
      await em.query(`UPDATE project SET interim_report_due_date = $2 WHERE id = $1`, [
        projectId,
        dto.interimReportDueDate,
      ]);
      await this.plan(em, { ...project, interimReportDueDate: dto.interimReportDueDate });
      await this.appendEvent(em, projectId, {
        event: 'INTERIM_REPORT_DATE',
        from: status,
        to: status,
        occurredOn: null,
        summary: `interim report due ${dto.interimReportDueDate ?? 'none'}`,
        actor: actorOf(identity),
      });
    });
  }

  /**
   * The project if the caller may see it (404 otherwise); with `manage`, only a coordinator of the
   * beneficiary (403 for its staff), and the row locked for the caller's transaction.
   */
  private async requireProject(
    em: EntityManager,
    identity: Identity,
    projectId: string,
    manage: boolean,
    what = 'manage the project',
  ): Promise<ProjectEntity> {
    const query = em.createQueryBuilder(ProjectEntity, 'p').where('p.id = :projectId', { projectId });
    const project = await (manage ? query.setLock('pessimistic_write') : query).getOne();
    const role = project ? projectRoleOf(identity, project.beneficiaryOrganisationId) : null;
    if (!project || !role) throw Problems.notFound('Project', projectId);
    if (manage && role !== 'coordinator') {
      throw Problems.forbidden('role-not-allowed', `Only a coordinator of the beneficiary may ${what}.`);
    }
    return project;
  }

  private today(): string {
    return this.clock.today(this.config.timeZone);
  }
}

function toProjectTaskDto(r: ProjectTaskRow, today: string, tasksOpen: boolean): ProjectTaskDto {
  return {
    id: r.id,
    projectId: r.project_id,
    key: r.template_key,
    title: r.title,
    guidance: r.guidance,
    mandatory: r.mandatory,
    dueDate: r.due_date,
    status: r.status,
    overdue: tasksOpen && r.status === 'open' && r.due_date < today,
    setByEvent: projectTaskSetByEvent(r.template_key),
    statusChangedBy: r.status_changed_by,
    statusChangedAt: r.status_changed_at ? new Date(r.status_changed_at).toISOString() : null,
    note: r.note,
    waiverReason: r.waiver_reason,
  };
}
