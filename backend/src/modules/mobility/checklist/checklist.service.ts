import {
  ActivityTypeCode,
  ChecklistMigrationPlan,
  checklistFor,
  CURRENT_CHECKLIST_VERSION,
  dueDate,
  ExistingTask,
  isTaskOverdue,
  isTaskCatchUp,
  MobilityDates,
  MobilityState,
  ParticipantConditions,
  PHASES,
  planChecklist,
  PlannedTask,
  planStayTaskChanges,
  taskEditBlocker,
  mayChangeTask,
  visibleTaskRoles,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock';
import { cancelReminderMailsOf } from '../../notification/reminder-mails.sql';
import { actorOf, Identity } from '../../../common/identity';
import { AccessService } from '../../access/access.service';
import { Problems } from '../../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { MobilityEntity } from '../mobility.entity';
import { MobilityFile } from '../mobility-file.service';
import { MobilityRepository } from '../mobility.repository';
import { ListTasksQuery, TaskDto, TaskPageDto, UpdatedTaskDto, UpdateTaskDto } from './dto/task.dto';
import { pagingOf } from '../../../common/pagination';
import { sqlParams, visibleMobilitySql, visibleTaskSql } from '../../access/access.sql';
import { TaskEntity } from './task.entity';
import { preparedQuery } from '../../../common/prepared-query';

/** A mobility's checklist: generated from the template, dated from T0/T1, ticked by people. */
@Injectable()
export class ChecklistService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mobilities: MobilityRepository,
    private readonly file: MobilityFile,
    private readonly access: AccessService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Inserts the whole checklist of a new mobility (inside its creating transaction): the current
   * version's variant for the activity's family, with the tasks that depend on the participant (a
   * minor's guardian consent) and on the length of the stay.
   */
  async generate(
    em: EntityManager,
    mobilityId: string,
    activityType: ActivityTypeCode,
    dates: MobilityDates,
    conditions: ParticipantConditions = {},
  ): Promise<void> {
    const template = checklistFor(CURRENT_CHECKLIST_VERSION, activityType);
    const rows = planChecklist(dates, template, conditions).map((t, position) => ({
      mobilityId,
      phase: t.phase,
      templateKey: t.key,
      title: t.title,
      guidance: t.guidance,
      role: t.role,
      mandatory: t.mandatory,
      position,
      dueDate: t.dueDate,
      scheduledOn: this.today(),
      status: 'open' as const,
    }));
    await em.insert(TaskEntity, rows);
  }

  /**
   * New dates: every task not done moves with them (one statement); done tasks keep their history.
   * Tasks that depend on the length of the stay follow it (domain: planStayTaskChanges): a longer
   * stay adds its check-ins, a shorter one removes those still open.
   */
  async redate(
    em: EntityManager,
    mobility: Pick<MobilityEntity, 'id' | 'checklistVersion' | 'activityType'>,
    dates: MobilityDates,
  ): Promise<void> {
    const template = checklistFor(mobility.checklistVersion, mobility.activityType);
    await em.query(
      `UPDATE task SET due_date = planned.due_date, scheduled_on = $4
         FROM unnest($2::text[], $3::date[]) AS planned(template_key, due_date)
        WHERE task.mobility_id = $1 AND task.template_key = planned.template_key
          AND task.status <> 'done' AND task.due_date <> planned.due_date`,
      [mobility.id, template.tasks.map((t) => t.key), template.tasks.map((t) => dueDate(t.due, dates)), this.today()],
    );
    if (!template.tasks.some((t) => t.minStayDays !== undefined)) return;
    const { add, remove } = planStayTaskChanges(template, dates, await this.existingTasks(em, mobility.id));
    await this.removeOpenTasks(em, mobility.id, remove);
    await this.insertTasks(em, mobility.id, add);
  }

  /** The mobility's tasks as a checklist migration sees them (under the mobility's lock). */
  existingTasks(em: EntityManager, mobilityId: string): Promise<ExistingTask[]> {
    return em.query(
      `SELECT id, template_key AS key, status, to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM task WHERE mobility_id = $1`,
      [mobilityId],
    );
  }

  /**
   * Carries out a checklist migration plan (domain: planChecklistMigration) under the mobility's
   * lock: removes the open tasks the new version drops (their undelivered reminders cancelled),
   * rewrites the open tasks both versions have, adds the new ones. Done and waived tasks are not
   * touched. Returns the open tasks whose reminders are to be re-planned.
   */
  async applyMigration(em: EntityManager, mobilityId: string, plan: ChecklistMigrationPlan): Promise<string[]> {
    await this.removeOpenTasks(
      em,
      mobilityId,
      plan.remove.map((t) => t.id),
    );
    for (const { task, to } of plan.update) {
      await em.query(
        `UPDATE task SET phase = $3, title = $4, guidance = $5, role = $6, mandatory = $7, position = $8, due_date = $9,
                scheduled_on = CASE WHEN due_date = $9 THEN scheduled_on ELSE $10::date END
          WHERE mobility_id = $1 AND id = $2 AND status = 'open'`,
        [
          mobilityId,
          task.id,
          to.phase,
          to.title,
          to.guidance,
          to.role,
          to.mandatory,
          to.position,
          to.dueDate,
          this.today(),
        ],
      );
    }
    const added = await this.insertTasks(em, mobilityId, plan.add);
    return [...plan.update.map((u) => u.task.id), ...added];
  }

  /** Deletes open tasks (never done or waived ones), cancelling their reminders not yet delivered. */
  private async removeOpenTasks(em: EntityManager, mobilityId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const open = (await em.query(
      `SELECT id FROM task WHERE mobility_id = $1 AND id = ANY($2::uuid[]) AND status = 'open'`,
      [mobilityId, ids],
    )) as { id: string }[];
    await cancelReminderMailsOf(
      em,
      open.map((t) => t.id),
      this.clock.now(),
    );
    await em.query(`DELETE FROM task WHERE mobility_id = $1 AND id = ANY($2::uuid[]) AND status = 'open'`, [
      mobilityId,
      ids,
    ]);
  }

  /** Inserts planned tasks, open; returns their ids. */
  private async insertTasks(
    em: EntityManager,
    mobilityId: string,
    tasks: readonly (PlannedTask & { readonly position: number })[],
  ): Promise<string[]> {
    if (tasks.length === 0) return [];
    const result = await em.insert(
      TaskEntity,
      tasks.map((t) => ({
        mobilityId,
        phase: t.phase,
        templateKey: t.key,
        title: t.title,
        guidance: t.guidance,
        role: t.role,
        mandatory: t.mandatory,
        position: t.position,
        dueDate: t.dueDate,
        scheduledOn: this.today(),
        status: 'open' as const,
      })),
    );
    return result.identifiers.map((i) => String(i['id']));
  }

  /**
   * Sets a task's status as an effect of a lifecycle event or edit; a task already there is left
   * alone. Returns the ids of the tasks it changed (their reminders are re-planned).
   */
  async setStatus(
    em: EntityManager,
    mobilityId: string,
    key: string,
    status: 'open' | 'done',
    actor: string,
  ): Promise<string[]> {
    const [rows] = await preparedQuery<[{ id: string }[], number]>(
      em,
      `UPDATE task SET status = $3, status_changed_by = $4, status_changed_at = $5, waiver_reason = NULL
        WHERE mobility_id = $1 AND template_key = $2 AND status <> $3
        RETURNING id`,
      [mobilityId, key, status, actor, this.clock.now()],
    );
    return rows.map((r) => r.id);
  }

  async list(identity: Identity, mobilityId: string): Promise<TaskDto[]> {
    const role = await this.access.mobilityRole(identity, mobilityId);
    const mobility = await this.db.manager.findOneOrFail(MobilityEntity, {
      where: { id: mobilityId },
      select: { id: true, phase: true },
    });
    const tasks = await this.db.manager
      .createQueryBuilder(TaskEntity, 't')
      .where('t.mobility_id = :mobilityId', { mobilityId })
      .andWhere('t.role IN (:...roles)', { roles: visibleTaskRoles(role) })
      .orderBy('array_position(:phases::text[], t.phase)')
      .addOrderBy('t.due_date')
      .addOrderBy('t.position')
      .setParameter('phases', PHASES)
      .getMany();
    const today = this.today();
    return tasks.map((t) => toTaskDto(t, mobility.phase, today));
  }

  /**
   * The caller's tasks across the mobilities they may see, by due date: a mentor's host tasks, a
   * learner's own, the sending side's all. Open tasks are those of mobilities still under way.
   */
  async listMine(identity: Identity, query: ListTasksQuery): Promise<TaskPageDto> {
    const paging = pagingOf(query);
    const { params, param } = sqlParams();
    const where = [visibleMobilitySql(identity, param), visibleTaskSql(identity)?.(param) ?? 'true'];
    if (query.status) where.push(`t.status = ${param(query.status)}`);
    if (query.status === 'open') where.push(`m.phase NOT IN ('completed', 'withdrawn')`);
    if (query.role) where.push(`t.role = ${param(query.role)}`);
    const from = `FROM task t JOIN mobility m ON m.id = t.mobility_id WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT t.id, t.mobility_id AS "mobilityId", t.phase, t.template_key AS "templateKey", t.title, t.guidance, t.role,
                t.mandatory, t.position, t.due_date AS "dueDate", t.status, t.status_changed_by AS "statusChangedBy",
                t.status_changed_at AS "statusChangedAt", t.note, t.waiver_reason AS "waiverReason",
                m.phase AS "mobilityPhase", m.version, m.start_date AS "startDate", m.end_date AS "endDate",
                p.first_name || ' ' || p.last_name AS "participantName"
           ${from.replace('WHERE', 'JOIN person p ON p.id = m.person_id WHERE')}
          ORDER BY t.due_date, t.position, t.id LIMIT ${paging.pageSize} OFFSET ${paging.offset}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    const today = this.today();
    return {
      items: rows.map(
        (
          r: TaskEntity & {
            mobilityPhase: MobilityState;
            version: number;
            startDate: string;
            endDate: string;
            participantName: string;
          },
        ) => ({
          ...toTaskDto(r, r.mobilityPhase, today),
          mobility: {
            id: r.mobilityId,
            participantName: r.participantName,
            phase: r.mobilityPhase,
            version: r.version,
            startDate: r.startDate,
            endDate: r.endDate,
          },
        }),
      ),
      total,
      page: paging.page,
      pageSize: paging.pageSize,
    };
  }

  /** Tick, untick or waive one task, under the mobility's lock (so it never races a transition). */
  async update(
    identity: Identity,
    taskId: string,
    dto: UpdateTaskDto,
    expectedVersion: number | undefined,
  ): Promise<UpdatedTaskDto> {
    if (dto.waiverReason !== undefined && dto.status !== 'waived') {
      throw Problems.invalidRequest([
        {
          field: 'waiverReason',
          rule: 'only with status waived',
          message: 'waiverReason is only allowed when waiving a task',
        },
      ]);
    }
    const { mobilityId } = await this.access.taskAccess(identity, taskId);
    const actor = actorOf(identity);
    return this.db.transaction(async (em) => {
      const mobility = await this.mobilities.lock(em, mobilityId);
      // Checked again under the mobility's lock: the role depends on the host, which may just have changed.
      const { role, taskRole } = await this.access.taskAccess(identity, taskId, em);
      if (!mayChangeTask(role, taskRole, dto.status)) {
        throw Problems.forbidden(
          'role-not-allowed',
          `A ${role} may not set a ${taskRole} task to ${dto.status}: only the sending school waives tasks.`,
        );
      }
      this.mobilities.checkVersion(mobility, expectedVersion);
      const task = await em.findOneByOrFail(TaskEntity, { id: taskId });
      const blocker = taskEditBlocker(mobility.phase, task.templateKey);
      if (blocker) throw Problems.conflict(blocker.code, 'Task cannot change', blocker.message);
      const statusChanged =
        task.status !== dto.status || (dto.status === 'waived' && task.waiverReason !== dto.waiverReason);
      const note = dto.note === undefined ? task.note : dto.note.trim() === '' ? null : dto.note;
      if (!statusChanged && note === task.note) {
        // Nothing to write: the mobility keeps its version, so nobody else's ETag goes stale.
        return { ...toTaskDto(task, mobility.phase, this.today()), mobilityVersion: mobility.version };
      }
      if (statusChanged) {
        task.status = dto.status;
        task.statusChangedBy = actor;
        task.statusChangedAt = this.clock.now();
        task.waiverReason = dto.status === 'waived' ? (dto.waiverReason ?? null) : null;
      }
      task.note = note;
      await em.save(TaskEntity, task);
      const mobilityVersion = await this.file.commit(em, mobility, { changes: {}, touchedTasks: [task] });
      return { ...toTaskDto(task, mobility.phase, this.today()), mobilityVersion };
    });
  }

  private today(): string {
    return this.clock.today(this.config.timeZone);
  }
}

export function toTaskDto(t: TaskEntity, state: MobilityState, today: string): TaskDto {
  return {
    id: t.id,
    mobilityId: t.mobilityId,
    phase: t.phase,
    key: t.templateKey,
    title: t.title,
    guidance: t.guidance,
    role: t.role,
    mandatory: t.mandatory,
    dueDate: t.dueDate,
    status: t.status,
    overdue: isTaskOverdue(t, state, today),
    catchUp: isTaskCatchUp(t, state),
    statusChangedBy: t.statusChangedBy,
    statusChangedAt: t.statusChangedAt?.toISOString() ?? null,
    note: t.note,
    waiverReason: t.waiverReason,
  };
}
