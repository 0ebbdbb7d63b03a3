import {
  MobilityFacts,
  MobilitySnapshot,
  MobilityState,
  restoreSnapshot,
  SnapshotVersionError,
} from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Problems } from '../../common/problem/problem';
import { TaskEntity } from '../checklist/task.entity';
import { ReminderService } from '../notification/reminder.service';
import { LifecycleEventEntity } from './lifecycle-event.entity';
import { MobilityEntity } from './mobility.entity';

/** Writes to a mobility, always inside a caller's transaction and under the row lock. */
@Injectable()
export class MobilityRepository {
  constructor(private readonly reminders: ReminderService) {}

  /** `SELECT … FOR UPDATE`: the first step of every change to a mobility. */
  async lock(em: EntityManager, id: string): Promise<MobilityEntity> {
    const mobility = await em
      .createQueryBuilder(MobilityEntity, 'm')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .getOne();
    if (!mobility) throw Problems.notFound('Mobility', id);
    return mobility;
  }

  /** 412 when the client's `If-Match` names another version than the locked row's. */
  checkVersion(mobility: MobilityEntity, expected: number | undefined): void {
    if (expected !== undefined && expected !== mobility.version) {
      throw Problems.preconditionFailed(
        `The mobility changed since you loaded it (your version ${expected}, now ${mobility.version}); reload and try again.`,
        mobility.version,
      );
    }
  }

  async facts(
    em: EntityManager,
    mobility: Pick<MobilityEntity, 'id' | 'hostOrganisationId' | 'placementConfirmedAt'>,
  ): Promise<MobilityFacts> {
    const tasks = await em.find(TaskEntity, {
      where: { mobilityId: mobility.id },
      select: { templateKey: true, phase: true, title: true, mandatory: true, status: true },
    });
    return {
      hostOrganisationId: mobility.hostOrganisationId,
      placementConfirmed: mobility.placementConfirmedAt !== null,
      tasks: tasks.map((t) => ({
        key: t.templateKey,
        phase: t.phase,
        title: t.title,
        mandatory: t.mandatory,
        status: t.status,
      })),
    };
  }

  /**
   * Compare-and-set save: writes `changes` and bumps the version only if nobody else did in
   * between. Under the row lock this always succeeds; it is the belt to the lock's braces.
   */
  async save(em: EntityManager, mobility: MobilityEntity, changes: Partial<MobilityEntity>): Promise<number> {
    const result = await em
      .createQueryBuilder()
      .update(MobilityEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id: mobility.id, version: mobility.version })
      .returning(['version'])
      .execute();
    if (result.affected !== 1) {
      throw Problems.preconditionFailed(
        'The mobility was changed concurrently; reload and try again.',
        mobility.version,
      );
    }
    // Every change to a mobility (dates, host, phase, a task's status) re-plans its reminders here,
    // in the same transaction: nothing is sent for a task that no longer needs it.
    await this.reminders.replan(em, mobility.id);
    return (result.raw as { version: number }[])[0].version;
  }

  async appendEvent(
    em: EntityManager,
    entry: {
      mobilityId: string;
      event: LifecycleEventEntity['event'];
      from: MobilityState | null;
      to: MobilityState;
      actor: string;
      reason: string | null;
      at: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO lifecycle_event (mobility_id, sequence, event, from_state, to_state, actor, reason, occurred_at)
       SELECT $1, coalesce(max(sequence), 0) + 1, $2, $3, $4, $5, $6, $7 FROM lifecycle_event WHERE mobility_id = $1`,
      [entry.mobilityId, entry.event, entry.from, entry.to, entry.actor, entry.reason, entry.at],
    );
  }
}

/**
 * The mobility's lifecycle snapshot, migrated from an older machine version by the domain. One the
 * domain cannot read (a newer or unknown version) stops the request with an explicit 500 — it is
 * never guessed at, and nothing is written.
 */
export function restoreMobilitySnapshot(
  mobility: Pick<MobilityEntity, 'id' | 'machineSnapshot' | 'machineVersion'>,
): MobilitySnapshot {
  try {
    return restoreSnapshot(mobility.machineSnapshot, mobility.machineVersion);
  } catch (error) {
    if (!(error instanceof SnapshotVersionError)) throw error;
    throw Problems.internal(
      'snapshot-version-unsupported',
      'Lifecycle state unreadable',
      `Mobility ${mobility.id} was saved with lifecycle machine version ${mobility.machineVersion}, which this server cannot read: ${error.message}`,
    );
  }
}
