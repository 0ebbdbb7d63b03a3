import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { maskEmail } from '../../common/mask-email';
import { FieldError, Problems } from '../../common/problem/problem';
import { ActionToken, linkNoLongerValid, markActionTokenUsed, readActionToken } from '../auth/action-tokens';
import { audit } from '../auth/audit';
import { AuthService, SignedIn } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { AcceptInvitationDto, InvitationViewDto } from './dto/team.dto';

const NO_LONGER_VALID = {
  used: 'This invitation was already accepted. Sign in, or ask the coordinator for a new invitation.',
  expired: 'This invitation has expired: ask the coordinator who sent it for a new one.',
};

/** The invited person's side of an invitation link: see what it is, then accept it (one use). */
@Injectable()
export class InvitationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  /** What the link offers; opening it changes nothing. */
  async view(token: string): Promise<InvitationViewDto> {
    const invitation = await this.valid(this.db.manager, token, false);
    const [row] = await this.db.query(
      `SELECT o.name, EXISTS (SELECT 1 FROM user_account WHERE email = $2) AS exists FROM organisation o WHERE o.id = $1`,
      [invitation.organisationId, invitation.email],
    );
    return {
      organisationName: row.name,
      role: invitation.role ?? 'staff',
      email: maskEmail(invitation.email),
      accountExists: row.exists,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    };
  }

  /**
   * Joins the organisation with the invited role and signs in. A new address gets an account (name
   * and password required); an existing account gets the organisation added and keeps its password.
   */
  accept(token: string, dto: AcceptInvitationDto, ip: string | null): Promise<SignedIn> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const invitation = await this.valid(em, token, true);
      const [existing] = await em.query(`SELECT id FROM user_account WHERE email = $1`, [invitation.email]);
      let userId: string;
      if (existing) {
        userId = existing.id;
      } else {
        const missing: FieldError[] = [];
        if (!dto.displayName) missing.push({ field: 'displayName', rule: 'required for a new account', message: 'displayName is required: the name colleagues see' });
        if (!dto.password) missing.push({ field: 'password', rule: 'required for a new account', message: 'password is required for a new account' });
        if (missing.length) throw Problems.invalidRequest(missing);
        const [created] = await em.query(
          `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
          [invitation.email, dto.displayName, await hashPassword(dto.password as string), now.toISOString()],
        );
        userId = created.id;
      }
      // Already a member (invited twice): the invitation's role applies.
      await em.query(
        `INSERT INTO membership (user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = excluded.role`,
        [userId, invitation.organisationId, invitation.role, now.toISOString()],
      );
      await markActionTokenUsed(em, invitation.id, now);
      await audit(em, {
        kind: 'invitation-accepted',
        userId,
        organisationId: invitation.organisationId,
        detail: { role: invitation.role, newAccount: !existing },
        ip,
        at: now,
      });
      return this.auth.openSession(em, userId, 'invitation', ip, now);
    });
  }

  private async valid(em: EntityManager, token: string, lock: boolean): Promise<ActionToken> {
    const read = await readActionToken(em, token, 'invitation', this.clock.now(), lock);
    if (read.state === 'unknown' || !read.token.organisationId) throw Problems.notFound('Invitation', 'in this e-mail', 'token');
    if (read.state !== 'valid') throw linkNoLongerValid(read.state, NO_LONGER_VALID);
    return read.token;
  }
}
