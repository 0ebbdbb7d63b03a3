import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { maskEmail } from '../../common/mask-email';
import { FieldError, Problems } from '../../common/problem/problem';
import { ActionToken, linkNoLongerValid, markActionTokenUsed, readActionToken } from '../links/action-tokens';
import { audit } from '../audit/audit';
import { AuthService, SignedIn } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import type { Identity } from '../../common/identity';
import { MeDto } from '../auth/dto/auth.dto';
import { AcceptInvitationDto, InvitationViewDto } from './dto/team.dto';

/** An accepted invitation: the person, and a new session when the account was made just now. */
export interface Accepted {
  readonly me: MeDto;
  readonly session: SignedIn | null;
}

const signInFirst = () =>
  Problems.unauthorized(
    'sign-in-first',
    'Sign in first',
    'This address already has a Mobility Hub account: sign in with it, then open this link again to accept.',
  );

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
   * Joins the organisation with the invited role. A new address gets an account (name and password
   * required) and is signed in. An address that already has an account must be signed in as that
   * account (401 otherwise): the link alone never opens an existing account — it is no password.
   * Someone already a member keeps the role they have (role changes go through the coordinators).
   */
  accept(token: string, dto: AcceptInvitationDto, signedIn: Identity | null, ip: string | null): Promise<Accepted> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const invitation = await this.valid(em, token, true);
      const [existing] = await em.query(`SELECT id FROM user_account WHERE email = $1`, [invitation.email]);
      let userId: string;
      if (existing) {
        if (signedIn?.userId !== existing.id) throw signInFirst();
        userId = existing.id;
      } else {
        const missing: FieldError[] = [];
        if (!dto.displayName)
          missing.push({
            field: 'displayName',
            rule: 'required for a new account',
            message: 'displayName is required: the name colleagues see',
          });
        if (!dto.password)
          missing.push({
            field: 'password',
            rule: 'required for a new account',
            message: 'password is required for a new account',
          });
        if (missing.length) throw Problems.invalidRequest(missing);
        // Two invitations to one new address accepted at once: the second finds the account made.
        const [created] = await em.query(
          `INSERT INTO user_account (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (email) DO NOTHING RETURNING id`,
          [invitation.email, dto.displayName, await hashPassword(dto.password as string), now.toISOString()],
        );
        if (!created) throw signInFirst();
        userId = created.id;
      }
      await em.query(
        `INSERT INTO membership (user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, organisation_id) DO NOTHING`,
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
      if (existing) return { me: await this.auth.me(userId, em), session: null };
      const session = await this.auth.openSession(em, userId, 'invitation', ip, now);
      return { me: session.me, session };
    });
  }

  private async valid(em: EntityManager, token: string, lock: boolean): Promise<ActionToken> {
    const read = await readActionToken(em, token, 'invitation', this.clock.now(), lock);
    if (read.state === 'unknown' || !read.token.organisationId)
      throw Problems.notFound('Invitation', 'in this e-mail', 'token');
    if (read.state !== 'valid') throw linkNoLongerValid(read.state, NO_LONGER_VALID);
    return read.token;
  }
}
