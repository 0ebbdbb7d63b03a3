import {
  checklistTemplate,
  CURRENT_CHECKLIST,
  dueDate,
  isFinalState,
  MobilityDates,
  planChecklist,
  TASK_KEYS,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { Clock } from '../../common/clock';
import { Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MobilityEntity } from '../mobility/mobility.entity';
import { MobilityRepository } from '../mobility/mobility.repository';
import { TaskDto, UpdatedTaskDto, UpdateTaskDto } from './dto/task.dto';
import { TaskEntity } from './task.entity';

/** A mobility's checklist: generated from the template, dated from T0/T1, ticked by people. */
@Injectable()
export class ChecklistService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mobilities: MobilityRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Inserts the whole checklist of a new mobility (inside its creating transaction). */
  async generate(em: EntityManager, mobilityId: string, dates: MobilityDates): Promise<void> {
    const rows = planChecklist(dates, CURRENT_CHECKLIST).map((t, position) => ({
      mobilityId,
      phase: t.phase,
      templateKey: t.key,
      title: t.title,
      guidance: t.guidance,
      role: t.role,
      mandatory: t.mandatory,
      position,
      dueDate: t.dueDate,
      status: 'open' as const,
    }));
    await em.insert(TaskEntity, rows);
  }

  /** New dates: every task not done moves with them; done tasks keep their history. */
  async redate(em: EntityManager, mobility: MobilityEntity, dates: MobilityDates): Promise<void> {
    const template = checklistTemplate(mobility.checklistVersion);
    const tasks = await em.find(TaskEntity, { where: { mobilityId: mobility.id, status: Not('done') } });
    for (const task of tasks) {
      const rule = template.tasks.find((t) => t.key === task.templateKey)?.due;
      if (!rule) continue;
      const next = dueDate(rule, dates);
      if (next !== task.dueDate) await em.update(TaskEntity, { id: task.id }, { dueDate: next });
    }
  }

  async setStatus(em: EntityManager, mobilityId: string, key: string, status: 'open' | 'done', actor: string): Promise<void> {
    await em.update(
      TaskEntity,
      { mobilityId, templateKey: key },
      { status, statusChangedBy: actor, statusChangedAt: this.clock.now(), waiverReason: null },
    );
  }

  async list(mobilityId: string): Promise<TaskDto[]> {
    if (!(await this.db.manager.existsBy(MobilityEntity, { id: mobilityId }))) {
      throw Problems.notFound('Mobility', mobilityId);
    }
    const tasks = await this.db.manager
      .createQueryBuilder(TaskEntity, 't')
      .where('t.mobility_id = :mobilityId', { mobilityId })
      .orderBy(`array_position(ARRAY['application','preparation','implementation','evaluation','finalisation'], t.phase)`)
      .addOrderBy('t.due_date')
      .addOrderBy('t.position')
      .getMany();
    const today = this.today();
    return tasks.map((t) => toTaskDto(t, today));
  }

  /** Tick, untick or waive one task, under the mobility's lock (so it never races a transition). */
  async update(taskId: string, dto: UpdateTaskDto, expectedVersion: number | undefined, actor: string): Promise<UpdatedTaskDto> {
    if (dto.waiverReason !== undefined && dto.status !== 'waived') {
      throw Problems.invalidRequest([
        { field: 'waiverReason', rule: 'only with status waived', message: 'waiverReason is only allowed when waiving a task' },
      ]);
    }
    return this.db.transaction(async (em) => {
      const found = await em.findOne(TaskEntity, { where: { id: taskId }, select: { id: true, mobilityId: true } });
      if (!found) throw Problems.notFound('Task', taskId);
      const mobility = await this.mobilities.lock(em, found.mobilityId);
      this.mobilities.checkVersion(mobility, expectedVersion);
      const task = await em.findOneByOrFail(TaskEntity, { id: taskId });
      if (isFinalState(mobility.phase)) {
        throw Problems.conflict('checklist-closed', 'Checklist closed', `The mobility is ${mobility.phase}; its checklist can no longer change.`);
      }
      if (task.templateKey === TASK_KEYS.hostConfirmation) {
        throw Problems.conflict(
          'host-confirmation-by-event',
          'Use the host events',
          'The placement is confirmed or declined with the HOST_CONFIRM or HOST_DECLINE event, which also updates the placement.',
        );
      }
      const changed = task.status !== dto.status || (dto.status === 'waived' && task.waiverReason !== dto.waiverReason);
      if (changed) {
        task.status = dto.status;
        task.statusChangedBy = actor;
        task.statusChangedAt = this.clock.now();
        task.waiverReason = dto.status === 'waived' ? (dto.waiverReason ?? null) : null;
      }
      if (dto.note !== undefined) task.note = dto.note.trim() === '' ? null : dto.note;
      await em.save(TaskEntity, task);
      const mobilityVersion = await this.mobilities.save(em, mobility, {});
      return { ...toTaskDto(task, this.today()), mobilityVersion };
    });
  }

  private today(): string {
    return this.clock.today(this.config.timeZone);
  }
}

export function toTaskDto(t: TaskEntity, today: string): TaskDto {
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
    overdue: t.status === 'open' && t.dueDate < today,
    statusChangedBy: t.statusChangedBy,
    statusChangedAt: t.statusChangedAt?.toISOString() ?? null,
    note: t.note,
    waiverReason: t.waiverReason,
  };
}
