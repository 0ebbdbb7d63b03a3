import {
  checklistMigrationLabel,
  CURRENT_CHECKLIST_VERSION,
  initialMobilitySnapshot,
  planChecklistMigration,
  KA122_MAX_PARTICIPANTS,
  KA122_UNCOUNTED_ACTIVITY_TYPES,
  countsTowardsKa122Cap,
  MOBILITY_MACHINE_VERSION,
  participantConditions,
  MobilityEditCurrent,
  persistSnapshot,
  planMobilityEdit,
  requestedHostId,
  hostViolations,
  stateOf,
  TASK_KEYS,
  travelViolations,
  validateMobilityDates,
  projectDateViolations,
  mayApplyEvent,
  mayEditMobility,
  dateOfBirthViolations,
  guardianViolations,
  isLearnerActivity,
  isMinorOn,
  sendingOrganisationIds,
  bmActivityId,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { actorOf, Identity } from '../../common/identity';
import { AccessService } from '../access/access.service';
import { ownMobilitySql, visibleMobilitySql, visibleTaskSql } from '../access/access.sql';
import { LifecycleService } from './lifecycle.service';
import { pagingOf } from '../../common/pagination';
import { Problems } from '../../common/problem/problem';
import { ReminderService } from '../notification/reminder.service';
import { ChecklistService } from './checklist/checklist.service';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { ProjectEntity } from '../project/project.entity';
import {
  CreateMobilityDto,
  ListMobilitiesQuery,
  MobilityDto,
  MobilityEventRequestDto,
  MobilityPageDto,
  UpdateMobilityDto,
} from './dto/mobility.dto';
import { MobilityEntity } from './mobility.entity';
import { MobilityQueries } from './mobility.queries';
import { MobilityFile } from './mobility-file.service';
import { MobilityRepository } from './mobility.repository';
import { PersonChoice, PersonService } from '../person/person.service';
import { GuardianService } from './guardian/guardian.service';
import { GuardianRow } from './guardian/guardian.store';
import { PersonEntity } from '../person/person.entity';

@Injectable()
export class MobilityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: MobilityRepository,
    private readonly file: MobilityFile,
    private readonly queries: MobilityQueries,
    private readonly checklist: ChecklistService,
    private readonly reminders: ReminderService,
    private readonly lifecycle: LifecycleService,
    private readonly access: AccessService,
    private readonly persons: PersonService,
    private readonly guardians: GuardianService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Mobility, its whole dated checklist and the first history entry, for a person of the school —
   * chosen (`personId`), found by the address given, or new with the learner's account (sign-in by
   * e-mailed link): all or nothing. The sending side of the project only.
   */
  async create(identity: Identity, projectId: string, dto: CreateMobilityDto): Promise<MobilityDto> {
    const id = await this.db.transaction((em) => this.createIn(em, identity, projectId, dto));
    return this.queries.detail(id, await this.access.mobilityRole(identity, id));
  }

  /**
   * The body of `create` inside the caller's transaction `em` (the bulk import creates every row of
   * a file in one): the same checks, checklist, reminders, guardian consent and history. Returns the
   * new mobility's id; throws the same problems (the caller's transaction then rolls back).
   */
  async createIn(em: EntityManager, identity: Identity, projectId: string, dto: CreateMobilityDto): Promise<string> {
    const actor = actorOf(identity);
    // The project row lock serialises creations, so the KA122 participant cap holds under load.
    const project = await em
      .createQueryBuilder(ProjectEntity, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :projectId', { projectId })
      .getOne();
    // A project of another organisation does not exist for the caller.
    if (!project || !sendingOrganisationIds(identity).includes(project.beneficiaryOrganisationId)) {
      throw Problems.notFound('Project', projectId);
    }
    const travelDays = dto.travelDays ?? 0;
    const greenTravel = dto.greenTravel ?? false;
    const school = project.beneficiaryOrganisationId;
    const sending = await this.partyOf(em, school, dto.sendingOrganisationId, 'sendingOrganisationId');
    const host = dto.hostOrganisationId
      ? await this.partyOf(em, school, dto.hostOrganisationId, 'hostOrganisationId')
      : null;
    const violations = [
      ...validateMobilityDates(dto.activityType, dto.startDate, dto.endDate, this.config.activities.durationLimits),
      ...projectDateViolations(dto, project),
      ...travelViolations(travelDays, greenTravel),
      ...hostViolations(sending.country, host?.country ?? null),
    ];
    if (violations.length) throw Problems.ruleViolated(violations);
    // KA122: at most 30 participants; withdrawn mobilities and preparatory visits do not count
    // (reference §1.2: accompanying persons and preparatory visits not counted).
    if (project.action === 'KA122-VET' && countsTowardsKa122Cap(dto.activityType)) {
      const [{ participants }] = (await em.query(
        `SELECT count(*)::int AS participants FROM mobility
          WHERE project_id = $1 AND phase <> 'withdrawn' AND NOT (activity_type = ANY($2::text[]))`,
        [projectId, KA122_UNCOUNTED_ACTIVITY_TYPES],
      )) as { participants: number }[];
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
    const person = await this.persons.forNewMobility(em, school, personChoiceOf(dto));
    // The person's date of birth (given now or known to the school): a learner's is required, and
    // a minor's guardian is named on create — the consent link goes out with the new mobility.
    const dateOfBirth = person.dateOfBirth ?? null;
    // Staff under 18 are not the guardian rule's subject (reference §1.3: learners' activities).
    const minor = isLearnerActivity(dto.activityType) && isMinorOn(dateOfBirth, dto.startDate);
    const personViolations = [
      ...dateOfBirthViolations(dto.activityType, dateOfBirth, this.queries.today()),
      ...guardianViolations(minor, dto.guardian),
    ];
    if (personViolations.length) throw Problems.ruleViolated(personViolations);
    const snapshot = initialMobilitySnapshot();
    // The BM's "Mobility activity ID": the project's next number, under the project row lock.
    const [[{ mobility_counter: sequence }]] = (await em.query(
      `UPDATE project SET mobility_counter = mobility_counter + 1 WHERE id = $1 RETURNING mobility_counter`,
      [projectId],
    )) as [{ mobility_counter: number }[], number];
    const mobility = await em.save(
      MobilityEntity,
      em.create(MobilityEntity, {
        projectId,
        personId: person.id,
        activityType: dto.activityType,
        sendingOrganisationId: sending.id,
        hostOrganisationId: host?.id ?? null,
        startDate: dto.startDate,
        endDate: dto.endDate,
        travelDays,
        greenTravel,
        fewerOpportunities: dto.fewerOpportunities ?? false,
        bmActivityId: bmActivityId(project.reference, sequence),
        placementConfirmedAt: null,
        checklistVersion: CURRENT_CHECKLIST_VERSION,
        machineSnapshot: persistSnapshot(snapshot),
        machineVersion: MOBILITY_MACHINE_VERSION,
        phase: stateOf(snapshot),
        version: 1,
      }),
    );
    await this.checklist.generate(
      em,
      mobility.id,
      dto.activityType,
      dto,
      participantConditions({ dateOfBirth: person.dateOfBirth, startDate: dto.startDate }),
    );
    await this.guardians.created(em, mobility.id, dto.guardian as GuardianRow | undefined, minor);
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
  }

  /**
   * The mobilities the caller may see (sending side, hosted by their company, or their own); with
   * `mine`, only those they go on themselves.
   */
  async list(identity: Identity, query: ListMobilitiesQuery): Promise<MobilityPageDto> {
    const paging = pagingOf(query);
    if (query.from && query.to && query.to < query.from) {
      throw Problems.invalidRequest([
        { field: 'to', rule: 'notBeforeFrom', message: `to (${query.to}) must not be before from (${query.from})` },
      ]);
    }
    const scope = {
      mobilities: (param: (value: unknown) => string) =>
        query.mine ? ownMobilitySql(identity, param) : visibleMobilitySql(identity, param),
      tasks: visibleTaskSql(identity),
    };
    const { items, total } = await this.queries.list(query, paging, scope);
    return { items, total, page: paging.page, pageSize: paging.pageSize };
  }

  async get(identity: Identity, id: string): Promise<MobilityDto> {
    return this.queries.detail(id, await this.access.mobilityRole(identity, id));
  }

  /** A lifecycle event, if the caller's role on the mobility may send it (HOST_* the host, REOPEN and WITHDRAW the coordinator). */
  async sendEvent(
    identity: Identity,
    id: string,
    dto: MobilityEventRequestDto,
    expectedVersion: number | undefined,
  ): Promise<MobilityDto> {
    // Another tenant's mobility is a 404 before anything is locked: a stranger never holds its row.
    await this.access.mobilityRole(identity, id);
    return this.db.transaction(async (em) => {
      // One locked read gives the row and its parties: the role is checked under the lock, so a
      // host switched meanwhile takes the former mentor's right with it.
      const mobility = await this.repository.lock(em, id);
      const viewer = this.access.requireOnLocked(
        identity,
        mobility,
        (role) => mayApplyEvent(role, dto.type),
        `send ${dto.type}`,
      );
      return this.lifecycle.applyLocked(em, mobility, {
        mobilityId: id,
        type: dto.type,
        reason: dto.reason,
        ...(dto.type === 'INTERRUPT'
          ? { interruption: { actualEndDate: dto.actualEndDate, forceMajeure: dto.forceMajeure } }
          : {}),
        expectedVersion,
        actor: actorOf(identity),
        viewer,
      });
    });
  }

  /**
   * Dates, host, mentor, travel and the fewer-opportunities flag (the sending side), by the domain's edit plan (`planMobilityEdit`):
   * this loads what it needs, answers its refusals as problems and carries out its changes and
   * effects in one transaction (due dates of open and waived tasks follow new dates).
   */
  async update(
    identity: Identity,
    id: string,
    dto: UpdateMobilityDto,
    expectedVersion: number | undefined,
  ): Promise<MobilityDto> {
    await this.access.mobilityRole(identity, id);
    const actor = actorOf(identity);
    return this.db.transaction(async (em) => {
      const mobility = await this.repository.lock(em, id);
      const viewer = await this.access.requireOnMobility(
        identity,
        id,
        mayEditMobility,
        'change the dates, host, travel or fewer-opportunities flag of a mobility',
        em,
      );
      this.repository.checkVersion(mobility, expectedVersion);
      const sending = await em.findOneByOrFail(OrganisationEntity, { id: mobility.sendingOrganisationId });
      const current: MobilityEditCurrent = { ...mobility, sendingCountry: sending.country };
      const project = { startDate: mobility.projectStartDate, endDate: mobility.projectEndDate };
      const durationLimits = this.config.activities.durationLimits;
      let plan = planMobilityEdit(current, dto, { project, durationLimits });
      const hostId = requestedHostId(mobility, dto);
      if (hostId && plan.kind === 'refused' && plan.code === 'not-found') {
        // The plan got past the refusals that come first and needs the new host: one of the school's
        // own organisations (404 naming hostOrganisationId otherwise) and its country.
        const school = await this.schoolOf(em, mobility.projectId);
        const host = await this.partyOf(em, school, hostId, 'hostOrganisationId');
        plan = planMobilityEdit(current, dto, { requestedHost: host, project, durationLimits });
      }
      if (plan.kind === 'unchanged') return this.queries.detail(id, viewer, em);
      if (plan.kind === 'refused') {
        const errors = plan.violations.length ? { errors: plan.violations } : {};
        // Not reached once the host was looked up above (partyOf answers 404), but never a 409 typed not-found.
        if (plan.code === 'not-found') throw Problems.notFound('Organisation', String(hostId), 'hostOrganisationId');
        throw Problems.conflict(plan.code, plan.title, plan.message, errors);
      }
      if (plan.kind === 'invalid') throw Problems.ruleViolated(plan.violations);

      const { changes, effects, history } = plan;
      // Tasks first: committing the file re-plans their reminders from them.
      if (effects.includes('redateTasks')) {
        const startDate = changes.startDate ?? mobility.startDate;
        const endDate = changes.endDate ?? mobility.endDate;
        await this.checklist.redate(em, mobility, { startDate, endDate });
      }
      const reopened: string[] = [];
      if (effects.includes('reopenHostConfirmation')) {
        reopened.push(...(await this.checklist.setStatus(em, id, TASK_KEYS.hostConfirmation, 'open', actor)));
      }
      if (effects.includes('reopenHostSearch')) {
        reopened.push(...(await this.checklist.setStatus(em, id, TASK_KEYS.hostSearch, 'open', actor)));
      }
      await this.file.commit(em, mobility, {
        changes,
        touchedTasks: reopened.map((taskId) => ({ id: taskId, status: 'open' as const })),
        // Dates, host and the BM's fewer-opportunities flag: the history says who changed them, and from what.
        history:
          history === null
            ? undefined
            : { event: 'EDIT', from: mobility.phase, to: mobility.phase, actor, reason: history, at: this.clock.now() },
      });
      if (changes.startDate !== undefined && changes.startDate !== mobility.startDate) {
        await this.guardians.datesChanged(em, id, mobility.startDate);
      }
      if (effects.includes('requestPlacement')) await this.reminders.requestPlacement(em, id);
      return this.queries.detail(id, viewer, em);
    });
  }

  /**
   * Moves the mobility to the current checklist version (the sending side; `planChecklistMigration`
   * decides task by task): done and waived tasks stay, new tasks come with due dates from the current
   * dates and the participant's conditions, open tasks the new version drops go, open tasks follow the
   * new rules. One transaction under the mobility's lock; the history says "checklist v1 → v2".
   */
  async migrateChecklist(identity: Identity, id: string, expectedVersion: number | undefined): Promise<MobilityDto> {
    await this.access.mobilityRole(identity, id);
    const actor = actorOf(identity);
    return this.db.transaction(async (em) => {
      const mobility = await this.repository.lock(em, id);
      const viewer = await this.access.requireOnMobility(
        identity,
        id,
        mayEditMobility,
        'move a mobility to the current checklist',
        em,
      );
      this.repository.checkVersion(mobility, expectedVersion);
      const person = await em.findOneByOrFail(PersonEntity, { id: mobility.personId });
      const dates = { startDate: mobility.startDate, endDate: mobility.endDate };
      const plan = planChecklistMigration({
        checklistVersion: mobility.checklistVersion,
        activityType: mobility.activityType,
        phase: mobility.phase,
        dates,
        conditions: participantConditions({ dateOfBirth: person.dateOfBirth, startDate: mobility.startDate }),
        tasks: await this.checklist.existingTasks(em, id),
      });
      if (plan.kind === 'refused') {
        throw Problems.conflict(plan.code, 'Checklist cannot move', plan.message);
      }
      const touched = await this.checklist.applyMigration(em, id, plan);
      await this.file.commit(em, mobility, {
        changes: { checklistVersion: plan.toVersion },
        touchedTasks: touched.map((taskId) => ({ id: taskId, status: 'open' as const })),
        history: {
          event: 'EDIT',
          from: mobility.phase,
          to: mobility.phase,
          actor,
          reason: `${checklistMigrationLabel(plan.fromVersion, plan.toVersion)}: ${plan.add.length} added, ${plan.skipped.length} of phases already left not added, ${plan.remove.length} removed, ${plan.update.length} re-dated, ${plan.keep.length} done or waived kept`,
          at: this.clock.now(),
        },
      });
      return this.queries.detail(id, viewer, em);
    });
  }

  /**
   * A sending or host organisation of a mobility of `school`'s project: the school itself or a
   * partner it registered (404 naming `field` otherwise). Not merely one the caller can see: a
   * person working for two tenants must not carry one's mobility into the other's reach.
   */
  private async partyOf(em: EntityManager, school: string, id: string, field: string): Promise<OrganisationEntity> {
    const organisation = await em
      .createQueryBuilder(OrganisationEntity, 'o')
      .where('o.id = :id', { id })
      .andWhere('(o.id = :school OR o.registered_by_organisation_id = :school)', { school })
      .getOne();
    if (!organisation) throw Problems.notFound('Organisation', id, field);
    return organisation;
  }

  private async schoolOf(em: EntityManager, projectId: string): Promise<string> {
    return (await em.findOneByOrFail(ProjectEntity, { id: projectId })).beneficiaryOrganisationId;
  }
}

/** Who the new mobility is for: exactly one of `personId` and `participant` (400 naming both otherwise). */
function personChoiceOf(dto: CreateMobilityDto): PersonChoice {
  if (dto.personId !== undefined && dto.participant !== undefined) {
    throw Problems.invalidRequest([
      {
        field: 'personId',
        rule: 'either personId or participant',
        message: 'give either personId (a person of your school) or participant (their details), not both',
      },
    ]);
  }
  if (dto.personId !== undefined) return { personId: dto.personId };
  const participant = dto.participant as NonNullable<CreateMobilityDto['participant']>;
  return {
    details: {
      firstName: participant.firstName.trim(),
      lastName: participant.lastName.trim(),
      email: participant.email,
      dateOfBirth: participant.dateOfBirth ?? null,
    },
  };
}
