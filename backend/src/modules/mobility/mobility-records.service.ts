import {
  insuranceViolations,
  isFinalState,
  isSendingSide,
  missingInsuranceRisks,
  planParticipantReport,
} from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { actorOf, Identity } from '../../common/identity';
import { Problems } from '../../common/problem/problem';
import { AccessService } from '../access/access.service';
import { ChecklistService } from './checklist/checklist.service';
import { MobilityDto, RecordInsuranceDto, RecordParticipantReportDto } from './dto/mobility.dto';
import { MobilityFile } from './mobility-file.service';
import { MobilityQueries } from './mobility.queries';
import { MobilityRepository } from './mobility.repository';

/** The checklist task the insurance record completes (advice in the checklist, a rule at departure). */
const INSURANCE_TASK = 'insurance';

/**
 * What the sending side records in the mobility file besides dates and tasks: the insurance covers
 * (a rule before departure) and the participant report's status as the BM shows it. Each change
 * follows the file protocol: row lock, If-Match, the domain's rules, tasks ticked and the mobility
 * committed (new version, history) in one transaction.
 */
@Injectable()
export class MobilityRecordsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: MobilityRepository,
    private readonly file: MobilityFile,
    private readonly queries: MobilityQueries,
    private readonly checklist: ChecklistService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  /** Replaces the mobility's insurance covers (reference §3.2 #10); complete cover ticks the insurance task. */
  async recordInsurance(
    identity: Identity,
    id: string,
    dto: RecordInsuranceDto,
    expectedVersion: number | undefined,
  ): Promise<MobilityDto> {
    await this.access.mobilityRole(identity, id);
    const actor = actorOf(identity);
    return this.db.transaction(async (em) => {
      const mobility = await this.repository.lock(em, id);
      const viewer = this.access.requireOnLocked(
        identity,
        mobility,
        isSendingSide,
        'record the insurance of a mobility',
      );
      this.repository.checkVersion(mobility, expectedVersion);
      if (isFinalState(mobility.phase)) {
        throw Problems.conflict('mobility-closed', 'Mobility closed', `The mobility is ${mobility.phase}.`);
      }
      const covers = dto.covers.map((c) => ({
        kind: c.kind,
        insurer: c.insurer.trim(),
        policyNumber: c.policyNumber.trim(),
        risks: [...c.risks],
      }));
      const hostCountry = mobility.hostOrganisationId ? mobility.hostCountry : null;
      const violations = insuranceViolations(covers, hostCountry);
      if (violations.length) throw Problems.ruleViolated(violations);

      const touched = missingInsuranceRisks(covers, hostCountry).length
        ? []
        : await this.checklist.setStatus(em, id, INSURANCE_TASK, 'done', actor);
      const now = this.clock.now();
      await this.file.commit(em, mobility, {
        changes: { insurance: covers, insuranceRecordedAt: now, insuranceRecordedBy: actor },
        touchedTasks: touched.map((taskId) => ({ id: taskId, status: 'done' as const })),
        history: {
          event: 'INSURANCE',
          from: mobility.phase,
          to: mobility.phase,
          actor,
          reason: covers.map((c) => `${c.insurer} ${c.policyNumber}: ${c.risks.join(', ')}`).join('; ') || 'no cover',
          at: now,
        },
      });
      return this.queries.detail(id, viewer, em);
    });
  }

  /**
   * One step of the participant report (reference §4.7): requested and submitted tick the matching
   * checklist tasks in the same transaction; a re-send waits 24 hours (429 with retryAfterSeconds).
   */
  async recordParticipantReport(
    identity: Identity,
    id: string,
    dto: RecordParticipantReportDto,
    expectedVersion: number | undefined,
  ): Promise<MobilityDto> {
    await this.access.mobilityRole(identity, id);
    const actor = actorOf(identity);
    return this.db.transaction(async (em) => {
      const mobility = await this.repository.lock(em, id);
      const viewer = this.access.requireOnLocked(
        identity,
        mobility,
        isSendingSide,
        'record the participant report of a mobility',
      );
      this.repository.checkVersion(mobility, expectedVersion);
      const now = this.clock.now();
      const plan = planParticipantReport(
        {
          status: mobility.participantReportStatus,
          requestedAt: mobility.participantReportRequestedAt,
          lastSentAt: mobility.participantReportLastSentAt,
          resentCount: mobility.participantReportResentCount,
          submittedAt: mobility.participantReportSubmittedAt,
        },
        dto.action,
        mobility.phase,
        now,
      );
      if (plan.kind === 'refused') {
        if (plan.code === 'participant-report-too-soon' && plan.retryAt) {
          const seconds = Math.max(1, Math.ceil((plan.retryAt.getTime() - now.getTime()) / 1000));
          throw Problems.tooManyRequests(plan.code, plan.message, seconds);
        }
        throw Problems.conflict('participant-report-refused', 'Participant report step refused', plan.message);
      }
      const touched = plan.tickTask ? await this.checklist.setStatus(em, id, plan.tickTask, 'done', actor) : [];
      const { next } = plan;
      await this.file.commit(em, mobility, {
        changes: {
          participantReportStatus: next.status,
          participantReportRequestedAt: next.requestedAt,
          participantReportLastSentAt: next.lastSentAt,
          participantReportResentCount: next.resentCount,
          participantReportSubmittedAt: next.submittedAt,
        },
        touchedTasks: touched.map((taskId) => ({ id: taskId, status: 'done' as const })),
        history: {
          event: 'PARTICIPANT_REPORT',
          from: mobility.phase,
          to: mobility.phase,
          actor,
          reason: `${dto.action}: ${next.status}`,
          at: now,
        },
      });
      return this.queries.detail(id, viewer, em);
    });
  }
}
