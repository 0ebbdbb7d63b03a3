import { isFinalState } from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReminderService, TouchedTask } from '../notification/reminder.service';
import { MobilityEntity } from './mobility.entity';
import { HistoryEntry, MobilityRepository } from './mobility.repository';

/** What one change did, beyond the columns it writes. */
export interface FileChange {
  /** The mobility's columns to write (compare-and-set with the locked version). */
  readonly changes: Partial<MobilityEntity>;
  /** The tasks whose status or note the change wrote, with their status now (their reminders are re-planned). */
  readonly touchedTasks?: readonly TouchedTask[];
  /** The history entry, when the change is one the history records (events, edits of dates and host). */
  readonly history?: HistoryEntry;
}

/**
 * Columns every task's reminders depend on (when, to whom): a change to one of them re-plans the
 * whole checklist. Anything else (the snapshot, the placement confirmation, travel) concerns no reminder.
 */
const SHAPES_EVERY_REMINDER = ['hostOrganisationId', 'mentorName', 'mentorEmail', 'startDate', 'endDate'] as const;

/**
 * "Commit the mobility file": the one step that ends every change to a mobility — a lifecycle
 * event, an edit, a task ticked — inside its transaction and under its row lock: compare-and-set
 * save (new version) with the history entry in the same statement, re-plan the reminders of what
 * the change touched.
 * The repository stores; deciding what a change means for mail happens here.
 */
@Injectable()
export class MobilityFile {
  constructor(
    private readonly repository: MobilityRepository,
    private readonly reminders: ReminderService,
  ) {}

  /** Returns the mobility's new version. */
  async commit(
    em: EntityManager,
    mobility: Pick<MobilityEntity, 'id' | 'version' | 'phase'> &
      Partial<Pick<MobilityEntity, (typeof SHAPES_EVERY_REMINDER)[number]>>,
    { changes, touchedTasks = [], history }: FileChange,
  ): Promise<number> {
    const version = await this.repository.save(em, mobility, changes, history);
    const everyTask =
      SHAPES_EVERY_REMINDER.some((key) => changes[key] !== undefined && changes[key] !== mobility[key]) ||
      (changes.phase !== undefined && isFinalState(changes.phase) !== isFinalState(mobility.phase));
    // Nothing is sent for a task that no longer needs it, nor to someone who is no longer its recipient.
    await this.reminders.replan(em, mobility.id, everyTask ? undefined : touchedTasks);
    return version;
  }
}
