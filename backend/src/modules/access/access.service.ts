import {
  isSendingSide,
  MobilityParties,
  mobilityRoleOf,
  MobilityRole,
  TaskRole,
  visibleTaskRoles,
} from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '../../common/identity';
import { Problems } from '../../common/problem/problem';
import { sqlParams, visibleOrganisationSql } from './access.sql';

interface PartiesRow {
  beneficiary_organisation_id: string;
  sending_organisation_id: string;
  host_organisation_id: string | null;
  person_id: string;
}

const PARTIES = `p.beneficiary_organisation_id, m.sending_organisation_id, m.host_organisation_id, m.person_id`;

/**
 * Record-level checks: what the signed-in person is to a mobility, a task or an organisation.
 * A record that is none of theirs answers 404, exactly as one that does not exist; a record they
 * may see but not change in this way answers 403.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The caller's role on the mobility; 404 if it is none of theirs. */
  async mobilityRole(
    identity: Identity,
    mobilityId: string,
    em: EntityManager = this.db.manager,
  ): Promise<MobilityRole> {
    const [row] = (await em.query(
      `SELECT ${PARTIES} FROM mobility m JOIN project p ON p.id = m.project_id WHERE m.id = $1`,
      [mobilityId],
    )) as PartiesRow[];
    const role = row ? roleOf(identity, row) : null;
    if (!role) throw Problems.notFound('Mobility', mobilityId);
    return role;
  }

  /**
   * The caller's role on the mobility if `allowed` says it may do `what`; 404 / 403 otherwise.
   * A change checks inside its transaction, after locking the mobility (`em`): the role depends on
   * the host, which a concurrent change could otherwise switch between the check and the write.
   */
  async requireOnMobility(
    identity: Identity,
    mobilityId: string,
    allowed: (role: MobilityRole) => boolean,
    what: string,
    em: EntityManager = this.db.manager,
  ): Promise<MobilityRole> {
    const role = await this.mobilityRole(identity, mobilityId, em);
    if (!allowed(role)) throw Problems.forbidden('role-not-allowed', `A ${role} may not ${what}.`);
    return role;
  }

  /**
   * As requireOnMobility, on a mobility row the caller has just locked with its parties (no query):
   * the check of a change that must see the host as it is under the lock.
   */
  requireOnLocked(
    identity: Identity,
    mobility: MobilityParties & { readonly id: string },
    allowed: (role: MobilityRole) => boolean,
    what: string,
  ): MobilityRole {
    const role = mobilityRoleOf(identity, mobility);
    if (!role) throw Problems.notFound('Mobility', mobility.id);
    if (!allowed(role)) throw Problems.forbidden('role-not-allowed', `A ${role} may not ${what}.`);
    return role;
  }

  /** Only the sending side (the school's coordinators and staff) may `what` on this mobility. */
  requireSendingSide(identity: Identity, mobilityId: string, what: string): Promise<MobilityRole> {
    return this.requireOnMobility(identity, mobilityId, isSendingSide, what);
  }

  /**
   * The caller's role on a task's mobility and the task's own role; 404 if the mobility is none of
   * theirs or the task is not one their role sees (a mentor sees host tasks, a learner their own).
   */
  async taskAccess(
    identity: Identity,
    taskId: string,
    em: EntityManager = this.db.manager,
  ): Promise<{ role: MobilityRole; taskRole: TaskRole; mobilityId: string }> {
    const [row] = (await em.query(
      `SELECT ${PARTIES}, t.role AS task_role, t.mobility_id
         FROM task t JOIN mobility m ON m.id = t.mobility_id JOIN project p ON p.id = m.project_id WHERE t.id = $1`,
      [taskId],
    )) as (PartiesRow & { task_role: TaskRole; mobility_id: string })[];
    const role = row ? roleOf(identity, row) : null;
    if (!row || !role || !visibleTaskRoles(role).includes(row.task_role)) throw Problems.notFound('Task', taskId);
    return { role, taskRole: row.task_role, mobilityId: row.mobility_id };
  }

  /** 404 (naming `field`) unless the caller may see the organisation. */
  async requireVisibleOrganisation(
    identity: Identity,
    organisationId: string,
    field?: string,
    em: EntityManager = this.db.manager,
  ): Promise<void> {
    const { params, param } = sqlParams([organisationId]);
    const [row] = await em.query(
      `SELECT 1 FROM organisation o WHERE o.id = $1 AND ${visibleOrganisationSql(identity, param)}`,
      params,
    );
    if (!row) throw Problems.notFound('Organisation', organisationId, field);
  }
}

function roleOf(identity: Identity, row: PartiesRow): MobilityRole | null {
  return mobilityRoleOf(identity, {
    beneficiaryOrganisationId: row.beneficiary_organisation_id,
    sendingOrganisationId: row.sending_organisation_id,
    hostOrganisationId: row.host_organisation_id,
    personId: row.person_id,
  });
}
