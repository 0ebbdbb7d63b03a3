import { coordinatedOrganisationIds, invitableRoles, MemberRole } from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import type { Identity } from '../../common/identity';
import { pagingOf } from '../../common/pagination';
import { Problems } from '../../common/problem/problem';
import { AccessService } from '../access/access.service';
import { outboxAccountMail } from '../auth/account-mail';
import { issueActionToken } from '../links/action-tokens';
import { audit } from '../audit/audit';
import { MailLinks } from '../links/mail-links';
import { MailRenderer } from '../notification/mail-renderer';
import {
  AuditPageDto,
  ChangeRoleDto,
  CreateInvitationDto,
  InvitationDto,
  ListAuditQuery,
  MemberDto,
} from './dto/team.dto';

/** An invitation works for a week. */
export const INVITATION_MINUTES = 7 * 24 * 60;

/** How the caller manages an organisation's people: as its coordinator, or as the coordinator of the school that registered it. */
type Relation = 'member' | 'partner';

/**
 * The people of an organisation, managed by its coordinators: members and their roles, invitations,
 * and the audit log of security events. The coordinators of a school also manage the mentors of the
 * host companies it registered (which have no coordinator of their own).
 */
@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly renderer: MailRenderer,
    private readonly links: MailLinks,
  ) {}

  async members(identity: Identity, organisationId: string): Promise<MemberDto[]> {
    await this.relation(identity, organisationId);
    const rows = await this.db.query(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", m.role, m.created_at AS since
         FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.organisation_id = $1 ORDER BY u.display_name, u.id`,
      [organisationId],
    );
    return rows.map((r: Omit<MemberDto, 'since'> & { since: Date }) => ({
      ...r,
      since: new Date(r.since).toISOString(),
    }));
  }

  /** A new role for a member; the last coordinator keeps theirs (an organisation is never left unmanaged). */
  async changeRole(
    identity: Identity,
    organisationId: string,
    userId: string,
    dto: ChangeRoleDto,
    ip: string | null,
  ): Promise<MemberDto> {
    const relation = await this.relation(identity, organisationId);
    if (!invitableRoles(relation).includes(dto.role)) throw this.roleNotAllowed(dto.role, relation);
    await this.db.transaction(async (em) => {
      const current = await this.lockMember(em, organisationId, userId);
      await this.stillManages(em, identity, organisationId, relation);
      if (current === dto.role) return;
      if (current === 'coordinator') await this.keepOneCoordinator(em, organisationId, 'change the role of');
      await em.query(`UPDATE membership SET role = $3 WHERE organisation_id = $1 AND user_id = $2`, [
        organisationId,
        userId,
        dto.role,
      ]);
      await audit(em, {
        kind: 'role-changed',
        userId,
        organisationId,
        detail: { from: current, to: dto.role, by: identity.email },
        ip,
        at: this.clock.now(),
      });
    });
    const member = (await this.members(identity, organisationId)).find((m) => m.userId === userId);
    if (!member) throw Problems.notFound('Member', userId, 'userId');
    return member;
  }

  /** Ends a membership (the person's access to the organisation ends with their next request). */
  async removeMember(identity: Identity, organisationId: string, userId: string, ip: string | null): Promise<void> {
    const relation = await this.relation(identity, organisationId);
    await this.db.transaction(async (em) => {
      const current = await this.lockMember(em, organisationId, userId);
      await this.stillManages(em, identity, organisationId, relation);
      if (current === 'coordinator') await this.keepOneCoordinator(em, organisationId, 'remove');
      await em.query(`DELETE FROM membership WHERE organisation_id = $1 AND user_id = $2`, [organisationId, userId]);
      await audit(em, {
        kind: 'member-removed',
        userId,
        organisationId,
        detail: { role: current, by: identity.email },
        ip,
        at: this.clock.now(),
      });
    });
  }

  async invitations(identity: Identity, organisationId: string): Promise<InvitationDto[]> {
    await this.relation(identity, organisationId);
    const rows = await this.db.query(
      `SELECT id, email, role, created_at AS "sentAt", expires_at AS "expiresAt" FROM action_token
        WHERE purpose = 'invitation' AND organisation_id = $1 AND used_at IS NULL AND expires_at > $2
        ORDER BY created_at DESC`,
      [organisationId, this.clock.now().toISOString()],
    );
    return rows.map(toInvitation);
  }

  /** E-mails a single-use invitation (a week); a new one to the same address replaces the earlier one. */
  async invite(
    identity: Identity,
    organisationId: string,
    dto: CreateInvitationDto,
    ip: string | null,
  ): Promise<InvitationDto> {
    const relation = await this.relation(identity, organisationId);
    if (!invitableRoles(relation).includes(dto.role)) throw this.roleNotAllowed(dto.role, relation);
    const email = dto.email.trim().toLowerCase();
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      await this.stillManages(em, identity, organisationId, relation);
      const [organisation] = await em.query(`SELECT id, name, country FROM organisation WHERE id = $1`, [
        organisationId,
      ]);
      const [member] = await em.query(
        `SELECT 1 FROM membership m JOIN user_account u ON u.id = m.user_id WHERE m.organisation_id = $1 AND u.email = $2`,
        [organisationId, email],
      );
      if (member) {
        throw Problems.conflict(
          'already-member',
          'Already a member',
          `${email} is already a member of ${organisation.name}.`,
          {
            errors: [{ field: 'email', rule: 'not a member yet', message: 'this address is already a member' }],
          },
        );
      }
      // The newest invitation to an address is the one that works.
      await em.query(
        `UPDATE action_token SET expires_at = $3 WHERE purpose = 'invitation' AND organisation_id = $1 AND email = $2
            AND used_at IS NULL AND expires_at > $3`,
        [organisationId, email, now.toISOString()],
      );
      const token = await issueActionToken(em, {
        purpose: 'invitation',
        email,
        organisationId,
        role: dto.role,
        ttlMinutes: INVITATION_MINUTES,
        now,
      });
      await outboxAccountMail(em, this.renderer, {
        kind: 'invitation',
        email,
        name: dto.name ?? email,
        country: organisation.country,
        url: this.links.invitation(token),
        linkMinutes: INVITATION_MINUTES,
        now,
        organisation: { id: organisation.id, name: organisation.name, role: dto.role },
      });
      await audit(em, {
        kind: 'invitation-sent',
        userId: identity.userId,
        organisationId,
        detail: { email, role: dto.role },
        ip,
        at: now,
      });
      const [row] = await em.query(
        `SELECT id, email, role, created_at AS "sentAt", expires_at AS "expiresAt" FROM action_token
          WHERE purpose = 'invitation' AND organisation_id = $1 AND email = $2 ORDER BY created_at DESC LIMIT 1`,
        [organisationId, email],
      );
      return toInvitation(row);
    });
  }

  async revokeInvitation(
    identity: Identity,
    organisationId: string,
    invitationId: string,
    ip: string | null,
  ): Promise<void> {
    await this.relation(identity, organisationId);
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      const [rows] = await em.query(
        `UPDATE action_token SET expires_at = $3 WHERE id = $1 AND organisation_id = $2 AND purpose = 'invitation'
            AND used_at IS NULL AND expires_at > $3 RETURNING email`,
        [invitationId, organisationId, now.toISOString()],
      );
      if (rows.length === 0) throw Problems.notFound('Invitation', invitationId);
      await audit(em, {
        kind: 'invitation-revoked',
        userId: identity.userId,
        organisationId,
        detail: { email: rows[0].email },
        ip,
        at: now,
      });
    });
  }

  /**
   * The organisation's security events: sign-ins and failures of its members, role changes,
   * invitations and the links used for it (host links included), newest first.
   */
  async auditLog(identity: Identity, organisationId: string, query: ListAuditQuery): Promise<AuditPageDto> {
    await this.relation(identity, organisationId);
    const paging = pagingOf(query);
    // The organisation's own events, and its members' account events (sign-ins, password changes:
    // no organisation) from the day they joined — never what a member did in another organisation.
    const where = `(a.organisation_id = $1
        OR (a.organisation_id IS NULL
            AND EXISTS (SELECT 1 FROM membership ms WHERE ms.organisation_id = $1 AND ms.user_id = a.user_id AND ms.created_at <= a.occurred_at)))`;
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT a.id, a.kind, a.occurred_at AS "occurredAt", u.email AS "userEmail", u.display_name AS "userName", a.detail, a.ip
           FROM audit_event a LEFT JOIN user_account u ON u.id = a.user_id
          WHERE ${where} ORDER BY a.occurred_at DESC, a.id LIMIT ${paging.pageSize} OFFSET ${paging.offset}`,
        [organisationId],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM audit_event a WHERE ${where}`, [organisationId]),
    ]);
    return {
      items: items.map((i: { occurredAt: Date }) => ({ ...i, occurredAt: new Date(i.occurredAt).toISOString() })),
      total,
      page: paging.page,
      pageSize: paging.pageSize,
    };
  }

  /**
   * 404 unless the caller may see the organisation; 403 unless they coordinate it or the school
   * that registered it.
   */
  private async relation(identity: Identity, organisationId: string): Promise<Relation> {
    await this.access.requireVisibleOrganisation(identity, organisationId);
    const coordinated = coordinatedOrganisationIds(identity);
    if (coordinated.includes(organisationId)) return 'member';
    const [partner] = await this.db.query(
      `SELECT 1 FROM organisation WHERE id = $1 AND registered_by_organisation_id = ANY($2::uuid[])`,
      [organisationId, coordinated],
    );
    if (partner) return 'partner';
    throw Problems.forbidden(
      'role-not-allowed',
      'Only the organisation’s coordinators manage its people and read its audit log.',
    );
  }

  /**
   * The caller still coordinates (the organisation, or the school that registered it), checked in
   * the transaction that changes its people: a coordinator demoted a moment ago changes nothing more.
   */
  private async stillManages(
    em: EntityManager,
    identity: Identity,
    organisationId: string,
    relation: Relation,
  ): Promise<void> {
    const [row] = await em.query(
      relation === 'member'
        ? `SELECT 1 FROM membership WHERE user_id = $1 AND organisation_id = $2 AND role = 'coordinator' FOR SHARE`
        : `SELECT 1 FROM membership m JOIN organisation o ON o.registered_by_organisation_id = m.organisation_id
            WHERE m.user_id = $1 AND o.id = $2 AND m.role = 'coordinator' FOR SHARE OF m`,
      [identity.userId, organisationId],
    );
    if (!row) throw Problems.forbidden('role-not-allowed', 'Only the organisation’s coordinators manage its people.');
  }

  private async lockMember(em: EntityManager, organisationId: string, userId: string): Promise<MemberRole> {
    // Every membership of the organisation, locked in one order: two coordinators demoting each other queue here.
    const rows: { user_id: string; role: MemberRole }[] = await em.query(
      `SELECT user_id, role FROM membership WHERE organisation_id = $1 ORDER BY user_id FOR UPDATE`,
      [organisationId],
    );
    const member = rows.find((r) => r.user_id === userId);
    if (!member) throw Problems.notFound('Member', userId, 'userId');
    return member.role;
  }

  private async keepOneCoordinator(em: EntityManager, organisationId: string, what: string): Promise<void> {
    const [{ n }] = await em.query(
      `SELECT count(*)::int AS n FROM membership WHERE organisation_id = $1 AND role = 'coordinator'`,
      [organisationId],
    );
    if (n <= 1) {
      throw Problems.conflict(
        'last-coordinator',
        'The last coordinator stays',
        `You cannot ${what} the organisation’s only coordinator: make someone else coordinator first.`,
      );
    }
  }

  private roleNotAllowed(role: MemberRole, relation: Relation) {
    return Problems.ruleViolated([
      {
        field: 'role',
        rule: relation === 'member' ? 'a member role' : 'mentor in a partner organisation',
        message: `a host company you registered has mentors only, not ${role}s`,
      },
    ]);
  }
}

function toInvitation(row: {
  id: string;
  email: string;
  role: MemberRole;
  sentAt: Date;
  expiresAt: Date;
}): InvitationDto {
  return { ...row, sentAt: new Date(row.sentAt).toISOString(), expiresAt: new Date(row.expiresAt).toISOString() };
}
