import { accompanyingPersonViolations, isFinalState, isSendingSide } from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock';
import { actorOf, Identity } from '../../../common/identity';
import { Problems } from '../../../common/problem/problem';
import { AccessService } from '../../access/access.service';
import { MobilityFile } from '../mobility-file.service';
import { LockedMobility, MobilityRepository } from '../mobility.repository';
import { AccompanyingPersonsDto, AddAccompanyingPersonDto, StaffMemberDto } from './dto/guardian.dto';

/**
 * The sending school's staff members who accompany a group or a minor, with their dates (reference
 * §1.3, §8 "role participant|accompanying"). Part of the mobility file: the sending side adds and
 * removes them under the mobility's lock; the history records it.
 */
@Injectable()
export class AccompanyingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: MobilityRepository,
    private readonly file: MobilityFile,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async list(identity: Identity, mobilityId: string): Promise<AccompanyingPersonsDto> {
    const role = await this.access.mobilityRole(identity, mobilityId);
    return this.db.transaction('REPEATABLE READ', (em) => this.read(em, mobilityId, isSendingSide(role)));
  }

  async add(
    identity: Identity,
    mobilityId: string,
    dto: AddAccompanyingPersonDto,
    expectedVersion: number | undefined,
  ): Promise<AccompanyingPersonsDto> {
    await this.access.mobilityRole(identity, mobilityId);
    return this.db.transaction(async (em) => {
      const mobility = await this.lockForChange(em, identity, mobilityId, expectedVersion);
      const violations = accompanyingPersonViolations(mobility, dto);
      if (violations.length) throw Problems.ruleViolated(violations);
      const member = (await this.candidates(em, mobility)).find((c) => c.userAccountId === dto.userAccountId);
      // Only a member of the sending school (or the beneficiary) accompanies: anyone else does not exist here.
      if (!member) throw Problems.notFound('Staff member', dto.userAccountId, 'userAccountId');
      // The same person twice over the same days would be counted twice (reports, grants).
      const [overlap] = (await em.query(
        `SELECT 1 FROM accompanying_person
          WHERE mobility_id = $1 AND user_account_id = $2 AND start_date <= $4 AND end_date >= $3`,
        [mobilityId, dto.userAccountId, dto.startDate, dto.endDate],
      )) as unknown[];
      if (overlap) {
        throw Problems.ruleViolated([
          {
            field: 'userAccountId',
            rule: 'once per period',
            message: `${member.name} already accompanies this participant on some of these days`,
          },
        ]);
      }
      const now = this.clock.now();
      await em.query(
        `INSERT INTO accompanying_person (mobility_id, user_account_id, start_date, end_date, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [mobilityId, dto.userAccountId, dto.startDate, dto.endDate, actorOf(identity), now.toISOString()],
      );
      await this.commit(
        em,
        mobility,
        identity,
        `accompanying person added: ${member.name} (${dto.startDate} – ${dto.endDate})`,
      );
      return this.read(em, mobilityId, true);
    });
  }

  async remove(
    identity: Identity,
    mobilityId: string,
    personId: string,
    expectedVersion: number | undefined,
  ): Promise<AccompanyingPersonsDto> {
    await this.access.mobilityRole(identity, mobilityId);
    return this.db.transaction(async (em) => {
      const mobility = await this.lockForChange(em, identity, mobilityId, expectedVersion);
      const [removed] = (await em.query(
        `DELETE FROM accompanying_person a USING user_account u
          WHERE a.id = $1 AND a.mobility_id = $2 AND u.id = a.user_account_id RETURNING u.display_name AS name`,
        [personId, mobilityId],
      )) as [{ name: string }[], number];
      const name = removed?.[0]?.name;
      if (!name) throw Problems.notFound('Accompanying person', personId);
      await this.commit(em, mobility, identity, `accompanying person removed: ${name}`);
      return this.read(em, mobilityId, true);
    });
  }

  private async lockForChange(
    em: EntityManager,
    identity: Identity,
    mobilityId: string,
    expectedVersion: number | undefined,
  ): Promise<LockedMobility> {
    const mobility = await this.repository.lock(em, mobilityId);
    this.access.requireOnLocked(identity, mobility, isSendingSide, 'change the accompanying persons');
    this.repository.checkVersion(mobility, expectedVersion);
    if (isFinalState(mobility.phase)) {
      throw Problems.conflict('mobility-closed', 'Mobility closed', `The mobility is ${mobility.phase}.`);
    }
    return mobility;
  }

  private async commit(em: EntityManager, mobility: LockedMobility, identity: Identity, reason: string) {
    await this.file.commit(em, mobility, {
      changes: {},
      history: {
        event: 'EDIT',
        from: mobility.phase,
        to: mobility.phase,
        actor: actorOf(identity),
        reason,
        at: this.clock.now(),
      },
    });
  }

  /** Coordinators and staff of the sending school and of the project's beneficiary. */
  private async candidates(
    em: EntityManager,
    mobility: Pick<LockedMobility, 'sendingOrganisationId' | 'beneficiaryOrganisationId'>,
  ): Promise<StaffMemberDto[]> {
    return em.query(
      `SELECT DISTINCT u.id AS "userAccountId", u.display_name AS name, u.email
         FROM membership ms JOIN user_account u ON u.id = ms.user_id
        WHERE ms.organisation_id = ANY($1::uuid[]) AND ms.role IN ('coordinator', 'staff') AND u.disabled_at IS NULL
        ORDER BY name, u.email`,
      [[mobility.sendingOrganisationId, mobility.beneficiaryOrganisationId]],
    );
  }

  private async read(em: EntityManager, mobilityId: string, sendingSide: boolean): Promise<AccompanyingPersonsDto> {
    const items = await em.query(
      `SELECT a.id, a.user_account_id AS "userAccountId", u.display_name AS name, u.email,
              a.start_date AS "startDate", a.end_date AS "endDate"
         FROM accompanying_person a JOIN user_account u ON u.id = a.user_account_id
        WHERE a.mobility_id = $1 ORDER BY a.start_date, u.display_name, a.id`,
      [mobilityId],
    );
    if (!sendingSide) return { items, candidates: [] };
    const [m] = (await em.query(
      `SELECT m.sending_organisation_id AS "sendingOrganisationId", p.beneficiary_organisation_id AS "beneficiaryOrganisationId"
         FROM mobility m JOIN project p ON p.id = m.project_id WHERE m.id = $1`,
      [mobilityId],
    )) as { sendingOrganisationId: string; beneficiaryOrganisationId: string }[];
    return { items, candidates: await this.candidates(em, m) };
  }
}
