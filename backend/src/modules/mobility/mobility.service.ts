import {
  CURRENT_CHECKLIST,
  initialMobilitySnapshot,
  isFinalState,
  KA122_MAX_PARTICIPANTS,
  MOBILITY_MACHINE_VERSION,
  persistSnapshot,
  canChangeHost,
  hostViolations,
  stateOf,
  TASK_KEYS,
  travelViolations,
  validateMobilityDates,
} from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { Clock } from '../../common/clock';
import { pagingOf } from '../../common/pagination';
import { Problems } from '../../common/problem/problem';
import { ReminderService } from '../notification/reminder.service';
import { ChecklistService } from '../checklist/checklist.service';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { ProjectEntity } from '../project/project.entity';
import { CreateMobilityDto, ListMobilitiesQuery, MobilityDto, MobilityPageDto, UpdateMobilityDto } from './dto/mobility.dto';
import { MobilityEntity } from './mobility.entity';
import { MobilityQueries } from './mobility.queries';
import { MobilityRepository } from './mobility.repository';
import { ParticipantEntity } from './participant.entity';

@Injectable()
export class MobilityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: MobilityRepository,
    private readonly queries: MobilityQueries,
    private readonly checklist: ChecklistService,
    private readonly reminders: ReminderService,
    private readonly clock: Clock,
  ) {}

  /** Participant, mobility, its whole dated checklist and the first history entry: all or nothing. */
  async create(projectId: string, dto: CreateMobilityDto, actor: string): Promise<MobilityDto> {
    const id = await this.db.transaction(async (em) => {
      // The project row lock serialises creations, so the KA122 participant cap holds under load.
      const project = await em
        .createQueryBuilder(ProjectEntity, 'p')
        .setLock('pessimistic_write')
        .where('p.id = :projectId', { projectId })
        .getOne();
      if (!project) throw Problems.notFound('Project', projectId);
      const travelDays = dto.travelDays ?? 0;
      const greenTravel = dto.greenTravel ?? false;
      const sending = await this.organisation(em, dto.sendingOrganisationId, 'sendingOrganisationId');
      const host = dto.hostOrganisationId ? await this.organisation(em, dto.hostOrganisationId, 'hostOrganisationId') : null;
      const violations = [
        ...validateMobilityDates(dto.activityType, dto.startDate, dto.endDate),
        ...travelViolations(travelDays, greenTravel),
        ...hostViolations(sending.country, host?.country ?? null),
      ];
      if (violations.length) throw Problems.ruleViolated(violations);
      if (project.action === 'KA122-VET') {
        const participants = await em.countBy(MobilityEntity, { projectId, phase: Not('withdrawn') });
        if (participants >= KA122_MAX_PARTICIPANTS) {
          throw Problems.ruleViolated([
            {
              field: 'participant',
              rule: `KA122-VET max ${KA122_MAX_PARTICIPANTS} participants`,
              message: `a KA122-VET project takes at most ${KA122_MAX_PARTICIPANTS} participants`,
            },
          ]);
        }
      }
      const participant = await em.save(
        ParticipantEntity,
        em.create(ParticipantEntity, {
          firstName: dto.participant.firstName.trim(),
          lastName: dto.participant.lastName.trim(),
          email: dto.participant.email.toLowerCase(),
          dateOfBirth: dto.participant.dateOfBirth ?? null,
        }),
      );
      const snapshot = initialMobilitySnapshot();
      const mobility = await em.save(
        MobilityEntity,
        em.create(MobilityEntity, {
          projectId,
          participantId: participant.id,
          activityType: dto.activityType,
          sendingOrganisationId: sending.id,
          hostOrganisationId: host?.id ?? null,
          startDate: dto.startDate,
          endDate: dto.endDate,
          travelDays,
          greenTravel,
          placementConfirmedAt: null,
          checklistVersion: CURRENT_CHECKLIST.version,
          machineSnapshot: persistSnapshot(snapshot),
          machineVersion: MOBILITY_MACHINE_VERSION,
          phase: stateOf(snapshot),
          version: 1,
        }),
      );
      await this.checklist.generate(em, mobility.id, dto);
      await this.reminders.replan(em, mobility.id);
      if (mobility.hostOrganisationId) await this.reminders.requestPlacement(em, mobility.id);
      await this.repository.appendEvent(em, {
        mobilityId: mobility.id,
        event: 'CREATE',
        from: null,
        to: mobility.phase,
        actor,
        reason: null,
        at: this.clock.now(),
      });
      return mobility.id;
    });
    return this.queries.detail(id);
  }

  async list(query: ListMobilitiesQuery): Promise<MobilityPageDto> {
    const paging = pagingOf(query);
    const { items, total } = await this.queries.list(query, paging);
    return { items, total, page: paging.page, pageSize: paging.pageSize };
  }

  get(id: string): Promise<MobilityDto> {
    return this.queries.detail(id);
  }

  /** Dates, host and travel; due dates of open and waived tasks follow new dates. */
  async update(id: string, dto: UpdateMobilityDto, expectedVersion: number | undefined, actor: string): Promise<MobilityDto> {
    return this.db.transaction(async (em) => {
      const mobility = await this.repository.lock(em, id);
      this.repository.checkVersion(mobility, expectedVersion);
      const changes: Partial<MobilityEntity> = {};
      const startDate = dto.startDate ?? mobility.startDate;
      const endDate = dto.endDate ?? mobility.endDate;
      const hostId = dto.hostOrganisationId === undefined ? mobility.hostOrganisationId : dto.hostOrganisationId;
      const travelDays = dto.travelDays ?? mobility.travelDays;
      const greenTravel = dto.greenTravel ?? mobility.greenTravel;
      const datesChanged = startDate !== mobility.startDate || endDate !== mobility.endDate;
      const hostChanged = hostId !== mobility.hostOrganisationId;
      // A new host brings its own mentor: the old one is cleared unless the request names one.
      const mentorName = dto.mentorName !== undefined ? (dto.mentorName?.trim() ?? null) : hostChanged ? null : mobility.mentorName;
      const mentorEmail = dto.mentorEmail !== undefined ? (dto.mentorEmail?.toLowerCase() ?? null) : hostChanged ? null : mobility.mentorEmail;
      const mentorChanged = mentorName !== mobility.mentorName || mentorEmail !== mobility.mentorEmail;
      if (!datesChanged && !hostChanged && !mentorChanged && travelDays === mobility.travelDays && greenTravel === mobility.greenTravel) {
        return this.queries.detail(id, em);
      }
      if (isFinalState(mobility.phase)) {
        throw Problems.conflict('mobility-closed', 'Mobility closed', `The mobility is ${mobility.phase} and can no longer change.`);
      }
      if (hostChanged && !canChangeHost(mobility.phase)) {
        throw Problems.conflict(
          'host-fixed',
          'Host can no longer change',
          `The host can change during application and preparation only; the mobility is in ${mobility.phase}.`,
          { errors: [{ field: 'hostOrganisationId', rule: 'changeable before implementation', message: 'the host is fixed once the mobility is under way' }] },
        );
      }
      const sending = await em.findOneByOrFail(OrganisationEntity, { id: mobility.sendingOrganisationId });
      const host = hostChanged && hostId ? await this.organisation(em, hostId, 'hostOrganisationId') : null;
      const violations = [
        ...(datesChanged ? validateMobilityDates(mobility.activityType, startDate, endDate) : []),
        ...travelViolations(travelDays, greenTravel),
        ...hostViolations(sending.country, host?.country ?? null),
      ];
      if (violations.length) throw Problems.ruleViolated(violations);

      if (datesChanged) {
        Object.assign(changes, { startDate, endDate });
        await this.checklist.redate(em, mobility, { startDate, endDate });
      }
      if (hostChanged) {
        // A new (or no) host has not confirmed anything yet; without a host the search is open again.
        Object.assign(changes, { hostOrganisationId: hostId, placementConfirmedAt: null });
        await this.checklist.setStatus(em, id, TASK_KEYS.hostConfirmation, 'open', actor);
        if (!hostId) await this.checklist.setStatus(em, id, TASK_KEYS.hostSearch, 'open', actor);
      }
      if ((mentorName !== null || mentorEmail !== null) && !hostId) {
        const field = mentorEmail !== null ? 'mentorEmail' : 'mentorName';
        throw Problems.ruleViolated([{ field, rule: 'needs a host', message: 'a mentor belongs to a host organisation: assign the host first' }]);
      }
      Object.assign(changes, { travelDays, greenTravel, mentorName, mentorEmail });
      await this.repository.save(em, mobility, changes);
      if (hostChanged && hostId) await this.reminders.requestPlacement(em, id);
      if (datesChanged || hostChanged) {
        // Dates and host shape the whole file: the history says who changed them, and from what.
        const what = [
          datesChanged ? `dates ${mobility.startDate}–${mobility.endDate} → ${startDate}–${endDate}` : null,
          hostChanged ? `host ${mobility.hostOrganisationId ?? 'none'} → ${hostId ?? 'none'}` : null,
        ].filter(Boolean).join('; ');
        await this.repository.appendEvent(em, {
          mobilityId: id, event: 'EDIT', from: mobility.phase, to: mobility.phase, actor, reason: what, at: this.clock.now(),
        });
      }
      return this.queries.detail(id, em);
    });
  }

  private async organisation(em: EntityManager, id: string, field: string): Promise<OrganisationEntity> {
    const organisation = await em.findOneBy(OrganisationEntity, { id });
    if (!organisation) throw Problems.notFound('Organisation', id, field);
    return organisation;
  }
}
