import {
  applyEvent,
  MOBILITY_MACHINE_VERSION,
  MobilityEffect,
  MobilityEventType,
  MobilityRole,
  persistSnapshot,
  TASK_KEYS,
  TaskStatus,
} from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Problems } from '../../common/problem/problem';
import { ChecklistService } from './checklist/checklist.service';
import { MobilityDto } from './dto/mobility.dto';
import { MobilityEntity } from './mobility.entity';
import { MobilityQueries } from './mobility.queries';
import { MobilityFile } from './mobility-file.service';
import { factsOf, LockedMobility, MobilityRepository, restoreMobilitySnapshot } from './mobility.repository';

export interface LifecycleCommand {
  readonly mobilityId: string;
  readonly type: MobilityEventType;
  readonly reason?: string;
  /** INTERRUPT only: the actual last day abroad and whether force majeure caused it. */
  readonly interruption?: { readonly actualEndDate?: string; readonly forceMajeure?: boolean };
  readonly expectedVersion?: number;
  readonly actor: string;
  /** The role the event is sent in (checked by the caller): the mobility is answered as it sees it. */
  readonly viewer: MobilityRole;
}

/**
 * THE protocol for every lifecycle event, in one transaction: lock the row, check the version,
 * restore the snapshot (migrated or rejected by the domain), let the machine decide on the
 * current facts, carry out its effects, then commit the file (compare-and-set save of snapshot +
 * phase + version, re-plan the reminders of the tasks it touched, the history entry). Two
 * concurrent events on one mobility queue on the lock; the second sees the first one's result.
 */
@Injectable()
export class LifecycleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: MobilityRepository,
    private readonly file: MobilityFile,
    private readonly queries: MobilityQueries,
    private readonly checklist: ChecklistService,
    private readonly clock: Clock,
  ) {}

  apply(command: LifecycleCommand): Promise<MobilityDto> {
    return this.db.transaction((em) => this.applyIn(em, command));
  }

  /**
   * The protocol inside a caller's transaction (e.g. with a host link's consumption), with
   * `alongside` saved in the same compare-and-set (e.g. the mentor the host names).
   */
  async applyIn(
    em: EntityManager,
    command: LifecycleCommand,
    alongside: Partial<MobilityEntity> = {},
  ): Promise<MobilityDto> {
    return this.applyLocked(em, await this.repository.lock(em, command.mobilityId), command, alongside);
  }

  /** The protocol on a mobility the caller has just locked in `em` (and checked the sender's role on). */
  async applyLocked(
    em: EntityManager,
    mobility: LockedMobility,
    command: LifecycleCommand,
    alongside: Partial<MobilityEntity> = {},
  ): Promise<MobilityDto> {
    this.repository.checkVersion(mobility, command.expectedVersion);
    const snapshot = restoreMobilitySnapshot(mobility);
    const tasks = await this.repository.tasks(em, mobility.id);
    const reason = command.reason?.trim() || undefined;
    // The calendar is the school's: "today" is the date where the beneficiary is.
    const today = this.clock.today(mobility.schoolTimeZone);
    const result = applyEvent(snapshot, {
      type: command.type,
      reason,
      facts: factsOf(mobility, tasks, today),
      ...(command.interruption ? { interruption: command.interruption } : {}),
    });
    if (!result.ok) {
      throw Problems.conflict(
        'lifecycle-refused',
        'Event refused',
        `${command.type} is not possible now: ${result.unmet.map((u) => u.message).join('; ')}`,
        { event: command.type, phase: mobility.phase, unmet: result.unmet },
      );
    }
    const changes: Partial<MobilityEntity> = {
      machineSnapshot: persistSnapshot(result.snapshot),
      machineVersion: MOBILITY_MACHINE_VERSION,
      phase: result.to,
    };
    const touched = new Map<string, TaskStatus>();
    for (const effect of result.effects) {
      Object.assign(changes, await this.carryOut(em, mobility, effect, command, touched));
    }
    const at = this.clock.now();
    await this.file.commit(em, mobility, {
      changes: { ...alongside, ...changes },
      touchedTasks: [...touched].map(([id, status]) => ({ id, status })),
      history: {
        event: command.type,
        from: result.from,
        to: result.to,
        actor: command.actor,
        reason: reason ?? null,
        at,
      },
    });
    // The tasks as they are now, without reading them again.
    const after = tasks.map((t) => (touched.has(t.id) ? { ...t, status: touched.get(t.id) ?? t.status } : t));
    return this.queries.detail(mobility.id, command.viewer, em, after);
  }

  /** The machine names its effects; they are persisted here, in the same transaction. */
  private async carryOut(
    em: EntityManager,
    mobility: MobilityEntity,
    effect: MobilityEffect,
    command: LifecycleCommand,
    touched: Map<string, TaskStatus>,
  ): Promise<Partial<MobilityEntity>> {
    const actor = command.actor;
    const setStatus = async (key: string, status: 'open' | 'done') => {
      for (const id of await this.checklist.setStatus(em, mobility.id, key, status, actor)) touched.set(id, status);
    };
    switch (effect) {
      case 'confirmPlacement':
        return { placementConfirmedAt: this.clock.now() };
      case 'completeHostConfirmationTask':
        await setStatus(TASK_KEYS.hostConfirmation, 'done');
        return {};
      case 'clearHost':
        await setStatus(TASK_KEYS.hostConfirmation, 'open');
        return { hostOrganisationId: null, placementConfirmedAt: null };
      case 'reopenHostSearchTask':
        await setStatus(TASK_KEYS.hostSearch, 'open');
        return {};
      case 'recordInterruption': {
        // The guard checked the details; the planned dates stay (duration rules apply to them).
        const { actualEndDate, forceMajeure } = command.interruption ?? {};
        if (actualEndDate === undefined || forceMajeure === undefined) {
          throw new Error('recordInterruption without the interruption details the guard checked');
        }
        return {
          actualEndDate,
          forceMajeure,
          interruptionReason: command.reason?.trim() ?? '',
          interruptedAt: this.clock.now(),
          interruptedBy: actor,
        };
      }
      case 'clearInterruption':
        // Reopened from evaluation: the stay is under way again on its planned dates (the history
        // keeps the interruption's entry, and the REOPEN's reason says why).
        return {
          actualEndDate: null,
          forceMajeure: null,
          interruptionReason: null,
          interruptedAt: null,
          interruptedBy: null,
        };
    }
  }
}
