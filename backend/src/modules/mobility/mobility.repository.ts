import {
  MobilityFacts,
  MobilitySnapshot,
  MobilityState,
  restoreSnapshot,
  SnapshotVersionError,
  TaskFact,
} from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Problems } from '../../common/problem/problem';
import { LifecycleEventEntity } from './lifecycle-event.entity';
import { MobilityEntity } from './mobility.entity';
import { preparedQuery } from '../../common/prepared-query';

/**
 * A locked mobility row, with its project's beneficiary (the parties a role check needs), the
 * school's time zone (whose calendar date is "today" for the lifecycle), the host's country and
 * the project's dates.
 */
export type LockedMobility = MobilityEntity & {
  readonly beneficiaryOrganisationId: string;
  readonly schoolTimeZone: string;
  readonly hostCountry: string | null;
  readonly projectStartDate: string;
  readonly projectEndDate: string;
  readonly accompanyingPersons: number;
};

/** A task as the lifecycle machine sees it, with its id (to re-plan exactly the tasks an event changed). */
export type TaskFactRow = TaskFact & { readonly id: string };

/** One entry of a mobility's history (lifecycle_event). */
export interface HistoryEntry {
  readonly event: LifecycleEventEntity['event'];
  readonly from: MobilityState | null;
  readonly to: MobilityState;
  readonly actor: string;
  readonly reason: string | null;
  readonly at: Date;
}

/** The columns a change may write, by entity property (id, version and timestamps are the repository's). */
const WRITABLE: Partial<Record<keyof MobilityEntity, string>> = {
  hostOrganisationId: 'host_organisation_id',
  startDate: 'start_date',
  endDate: 'end_date',
  travelDays: 'travel_days',
  greenTravel: 'green_travel',
  fewerOpportunities: 'fewer_opportunities',
  placementConfirmedAt: 'placement_confirmed_at',
  mentorName: 'mentor_name',
  mentorEmail: 'mentor_email',
  checklistVersion: 'checklist_version',
  machineSnapshot: 'machine_snapshot',
  machineVersion: 'machine_version',
  phase: 'phase',
  insurance: 'insurance',
  insuranceRecordedAt: 'insurance_recorded_at',
  insuranceRecordedBy: 'insurance_recorded_by',
  actualEndDate: 'actual_end_date',
  interruptionReason: 'interruption_reason',
  forceMajeure: 'force_majeure',
  interruptedAt: 'interrupted_at',
  interruptedBy: 'interrupted_by',
  participantReportStatus: 'participant_report_status',
  participantReportRequestedAt: 'participant_report_requested_at',
  participantReportLastSentAt: 'participant_report_last_sent_at',
  participantReportResentCount: 'participant_report_resent_count',
  participantReportSubmittedAt: 'participant_report_submitted_at',
};

/** Columns stored as jsonb: written as JSON text. */
const JSON_COLUMNS: ReadonlySet<string> = new Set(['machineSnapshot', 'insurance']);

// Plain SQL, no entity hydration: this runs on every change to a mobility.
const LOCK_SQL = `SELECT m.id, m.project_id AS "projectId", m.person_id AS "personId",
         m.activity_type AS "activityType", m.sending_organisation_id AS "sendingOrganisationId",
         m.host_organisation_id AS "hostOrganisationId", m.start_date AS "startDate", m.end_date AS "endDate",
         m.travel_days AS "travelDays", m.green_travel AS "greenTravel",
         m.fewer_opportunities AS "fewerOpportunities", m.bm_activity_id AS "bmActivityId",
         m.placement_confirmed_at AS "placementConfirmedAt", m.mentor_name AS "mentorName",
         m.mentor_email AS "mentorEmail", m.checklist_version AS "checklistVersion",
         m.machine_snapshot AS "machineSnapshot", m.machine_version AS "machineVersion", m.phase, m.version,
         m.created_at AS "createdAt", m.updated_at AS "updatedAt",
         m.insurance, m.insurance_recorded_at AS "insuranceRecordedAt", m.insurance_recorded_by AS "insuranceRecordedBy",
         m.actual_end_date AS "actualEndDate", m.interruption_reason AS "interruptionReason",
         m.force_majeure AS "forceMajeure", m.interrupted_at AS "interruptedAt", m.interrupted_by AS "interruptedBy",
         m.participant_report_status AS "participantReportStatus",
         m.participant_report_requested_at AS "participantReportRequestedAt",
         m.participant_report_last_sent_at AS "participantReportLastSentAt",
         m.participant_report_resent_count AS "participantReportResentCount",
         m.participant_report_submitted_at AS "participantReportSubmittedAt",
         p.beneficiary_organisation_id AS "beneficiaryOrganisationId",
         p.start_date AS "projectStartDate", p.end_date AS "projectEndDate",
         b.time_zone AS "schoolTimeZone", h.country AS "hostCountry",
         (SELECT count(*)::int FROM accompanying_person a WHERE a.mobility_id = m.id) AS "accompanyingPersons"
    FROM mobility m JOIN project p ON p.id = m.project_id
    JOIN organisation b ON b.id = p.beneficiary_organisation_id
    LEFT JOIN organisation h ON h.id = m.host_organisation_id
   WHERE m.id = $1
     FOR UPDATE OF m`;

/**
 * Reads and writes of a mobility row, always inside a caller's transaction and under the row lock.
 * It stores; what a change means (reminders, history) is MobilityFile.commit's business.
 */
@Injectable()
export class MobilityRepository {
  /**
   * `SELECT … FOR UPDATE`: the first step of every change to a mobility. The row comes with its
   * project's beneficiary, so the caller's role can be checked under the lock without another query.
   */
  async lock(em: EntityManager, id: string): Promise<LockedMobility> {
    const [mobility] = await preparedQuery<LockedMobility[]>(em, LOCK_SQL, [id]);
    if (!mobility) throw Problems.notFound('Mobility', id);
    return mobility;
  }

  /** 412 when the client's `If-Match` names another version than the locked row's. */
  checkVersion(mobility: Pick<MobilityEntity, 'version'>, expected: number | undefined): void {
    if (expected !== undefined && expected !== mobility.version) {
      throw Problems.preconditionFailed(
        `The mobility changed since you loaded it (your version ${expected}, now ${mobility.version}); reload and try again.`,
        mobility.version,
      );
    }
  }

  /** The mobility's tasks as the machine sees them (one indexed read, no entity mapping). */
  tasks(em: EntityManager, mobilityId: string): Promise<TaskFactRow[]> {
    return preparedQuery(
      em,
      `SELECT id, template_key AS key, phase, title, mandatory, status FROM task WHERE mobility_id = $1`,
      [mobilityId],
    );
  }

  /**
   * Compare-and-set save: writes `changes` and bumps the version only if nobody else did in
   * between. Under the row lock this always succeeds; it is the belt to the lock's braces.
   * `history`, if given, is appended in the same statement (one round trip). Returns the new version.
   */
  async save(
    em: EntityManager,
    mobility: Pick<MobilityEntity, 'id' | 'version'>,
    changes: Partial<MobilityEntity>,
    history?: HistoryEntry,
  ): Promise<number> {
    const params: unknown[] = [mobility.id, mobility.version];
    const sets = ['version = version + 1', 'updated_at = now()'];
    for (const [property, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      const column = WRITABLE[property as keyof MobilityEntity];
      if (!column) throw new Error(`MobilityRepository.save: ${property} is not a writable column`);
      params.push(JSON_COLUMNS.has(property) ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    }
    const update = `UPDATE mobility SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING version`;
    let rows: { version: number }[];
    if (history) {
      const p = (value: unknown) => `$${params.push(value)}`;
      // Appended only if the compare-and-set wrote the row (HAVING: an aggregate over nothing is still a row).
      rows = await preparedQuery<{ version: number }[]>(
        em,
        `WITH saved AS (${update}),
              appended AS (
                INSERT INTO lifecycle_event (mobility_id, sequence, event, from_state, to_state, actor, reason, occurred_at)
                SELECT $1, coalesce(max(sequence), 0) + 1, ${p(history.event)}, ${p(history.from)}, ${p(history.to)},
                       ${p(history.actor)}, ${p(history.reason)}, ${p(history.at)}
                  FROM lifecycle_event WHERE mobility_id = $1 HAVING EXISTS (SELECT 1 FROM saved))
         SELECT version FROM saved`,
        params,
      );
    } else {
      [rows] = await preparedQuery<[{ version: number }[], number]>(em, update, params);
    }
    if (rows.length !== 1) {
      throw Problems.preconditionFailed(
        'The mobility was changed concurrently; reload and try again.',
        mobility.version,
      );
    }
    return rows[0].version;
  }

  async appendEvent(em: EntityManager, entry: HistoryEntry & { mobilityId: string }): Promise<void> {
    await preparedQuery(
      em,
      `INSERT INTO lifecycle_event (mobility_id, sequence, event, from_state, to_state, actor, reason, occurred_at)
       SELECT $1, coalesce(max(sequence), 0) + 1, $2, $3, $4, $5, $6, $7 FROM lifecycle_event WHERE mobility_id = $1`,
      [entry.mobilityId, entry.event, entry.from, entry.to, entry.actor, entry.reason, entry.at],
    );
  }
}

/** What the machine's facts are made of: the mobility's row as far as the lifecycle cares. */
export type FactsSource = Pick<
  MobilityEntity,
  | 'hostOrganisationId'
  | 'placementConfirmedAt'
  | 'startDate'
  | 'endDate'
  | 'travelDays'
  | 'actualEndDate'
  | 'insurance'
  | 'activityType'
> & { readonly hostCountry: string | null; readonly accompanyingPersons: number };

/**
 * The machine's facts: the mobility's host and placement, its tasks, its calendar (`today` is the
 * calendar date in the school's time zone) and its insurance.
 */
export function factsOf(mobility: FactsSource, tasks: readonly TaskFact[], today: string): MobilityFacts {
  return {
    hostOrganisationId: mobility.hostOrganisationId,
    hostCountry: mobility.hostOrganisationId ? mobility.hostCountry : null,
    placementConfirmed: mobility.placementConfirmedAt !== null,
    tasks,
    today,
    startDate: mobility.startDate,
    endDate: mobility.endDate,
    travelDays: mobility.travelDays,
    actualEndDate: mobility.actualEndDate,
    insurance: mobility.insurance,
    activityType: mobility.activityType,
    accompanyingPersons: mobility.accompanyingPersons,
  };
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
