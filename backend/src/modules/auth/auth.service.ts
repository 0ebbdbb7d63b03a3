import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import type { Identity } from '../../common/identity';
import { hashSecret } from '../../common/secret-hash';
import { ProblemException, Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { linkNoLongerValid, markActionTokenUsed, readActionToken, TokenPurpose } from '../links/action-tokens';
import { audit } from '../audit/audit';
import { MeDto, SignInDto } from './dto/auth.dto';
import { hashPassword, verifyPassword } from './password';
import { preparedQuery } from '../../common/prepared-query';

export const SESSION_COOKIE = 'mh_session';

export interface SignedIn {
  readonly me: MeDto;
  /** The opaque token for the cookie; only its SHA-256 is stored. */
  readonly token: string;
  readonly expiresAt: Date;
}

const tokenHash = (token: string) => hashSecret('session', token);

/**
 * Sign-in, sessions and sign-out. A session is a row in PostgreSQL found by the hash of a random
 * token held in an HttpOnly cookie: signing out deletes the row, so the session really ends
 * (a copied cookie is worthless), and a password reset can end every session of a user.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(dto: SignInDto, ip: string | null): Promise<SignedIn> {
    const email = dto.email.trim().toLowerCase();
    const now = this.clock.now();
    // One transaction per attempt, holding the address's throttle row: parallel guesses for one
    // address are counted one after the other, so none slips past the lockout.
    const outcome = await this.db.transaction(async (em) => {
      const throttle = await this.holdThrottle(em, email, now);
      if (throttle.locked_until && new Date(throttle.locked_until) > now) {
        await audit(em, { kind: 'sign-in-locked', userId: null, detail: { email }, ip, at: now });
        return { kind: 'locked', until: new Date(throttle.locked_until) } as const;
      }
      const [user] = await em.query(
        `SELECT id, password_hash FROM user_account WHERE email = $1 AND disabled_at IS NULL`,
        [email],
      );
      // Verified even without an account (against a dummy hash): both answers take the same time.
      const valid = await verifyPassword(user?.password_hash ?? null, dto.password);
      if (!user || !valid) {
        await this.recordFailure(em, email, throttle, user?.id ?? null, ip, now);
        return { kind: 'failed' } as const;
      }
      await em.query(`DELETE FROM sign_in_throttle WHERE email = $1`, [email]);
      return { kind: 'signed-in', session: await this.openSession(em, user.id, 'password', ip, now) } as const;
    });
    if (outcome.kind === 'locked') throw this.locked(outcome.until, now);
    if (outcome.kind === 'failed') {
      throw Problems.unauthorized(
        'sign-in-failed',
        'Sign-in failed',
        'The e-mail address or the password is not right.',
      );
    }
    return outcome.session;
  }

  /** A new password from a reset link: every session of the user ends (whoever else held one). */
  async resetPassword(token: string, password: string, ip: string | null): Promise<void> {
    await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const userId = await this.useLink(em, token, 'password-reset', now);
      await em.query(`UPDATE user_account SET password_hash = $2 WHERE id = $1`, [
        userId,
        await hashPassword(password),
      ]);
      await em.query(`DELETE FROM session WHERE user_id = $1`, [userId]);
      await em.query(`DELETE FROM sign_in_throttle WHERE email = (SELECT email FROM user_account WHERE id = $1)`, [
        userId,
      ]);
      await audit(em, { kind: 'password-changed', userId, detail: { via: 'reset-link' }, ip, at: now });
    });
  }

  /** A learner's e-mailed sign-in link: one use, a few minutes. */
  signInWithLink(token: string, ip: string | null): Promise<SignedIn> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const userId = await this.useLink(em, token, 'magic-link', now);
      return this.openSession(em, userId, 'link', ip, now);
    });
  }

  private async useLink(em: EntityManager, token: string, purpose: TokenPurpose, now: Date): Promise<string> {
    const read = await readActionToken(em, token, purpose, now, true);
    if (read.state === 'unknown' || !read.token.userId) throw Problems.notFound('Link', 'in this e-mail', 'token');
    if (read.state !== 'valid') {
      throw linkNoLongerValid(read.state, {
        used: 'This link was already used: ask for a new one.',
        expired: 'This link has expired: ask for a new one.',
      });
    }
    await markActionTokenUsed(em, read.token.id, now);
    await audit(em, { kind: 'link-used', userId: read.token.userId, detail: { purpose }, ip: null, at: now });
    return read.token.userId;
  }

  /** A new session for `userId` inside the caller's transaction (sign-in, link, accepted invitation). */
  async openSession(
    em: EntityManager,
    userId: string,
    method: string,
    ip: string | null,
    now: Date,
  ): Promise<SignedIn> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionTtlMinutes * 60_000);
    await em.query(`DELETE FROM session WHERE user_id = $1 AND expires_at <= $2`, [userId, now.toISOString()]);
    await em.query(
      `INSERT INTO session (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
      [tokenHash(token), userId, now.toISOString(), expiresAt.toISOString()],
    );
    await audit(em, { kind: 'sign-in', userId, detail: { method }, ip, at: now });
    return { me: await this.me(userId, em), token, expiresAt };
  }

  /** The signed-in person of a session token, or null (unknown, expired, signed out, disabled): one query. */
  async identify(token: string | undefined): Promise<Identity | null> {
    if (!token) return null;
    const [row] = await preparedQuery<Identity[]>(
      this.db.manager,
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName",
              ARRAY(SELECT p.id::text FROM person p WHERE p.user_account_id = u.id) AS "personIds",
              coalesce((SELECT json_agg(json_build_object('organisationId', ms.organisation_id, 'role', ms.role))
                          FROM membership ms WHERE ms.user_id = u.id), '[]') AS memberships
         FROM session s JOIN user_account u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
      [tokenHash(token), this.clock.now().toISOString()],
    );
    return (row as Identity | undefined) ?? null;
  }

  /**
   * A new password from the signed-in person, who proves the current one; every other session of
   * theirs ends (whoever else held one), this one stays.
   */
  async changePassword(
    identity: Identity,
    token: string,
    currentPassword: string,
    password: string,
    ip: string | null,
  ): Promise<void> {
    const now = this.clock.now();
    // Guesses at the current password count towards the address's lockout, like sign-in failures.
    const outcome = await this.db.transaction(async (em) => {
      const throttle = await this.holdThrottle(em, identity.email, now);
      if (throttle.locked_until && new Date(throttle.locked_until) > now)
        return { kind: 'locked', until: new Date(throttle.locked_until) } as const;
      const [user] = await em.query(`SELECT password_hash FROM user_account WHERE id = $1 FOR UPDATE`, [
        identity.userId,
      ]);
      if (!(await verifyPassword(user?.password_hash ?? null, currentPassword))) {
        await this.recordFailure(em, identity.email, throttle, identity.userId, ip, now);
        return { kind: 'failed' } as const;
      }
      await em.query(`DELETE FROM sign_in_throttle WHERE email = $1`, [identity.email]);
      await em.query(`UPDATE user_account SET password_hash = $2 WHERE id = $1`, [
        identity.userId,
        await hashPassword(password),
      ]);
      await em.query(`DELETE FROM session WHERE user_id = $1 AND token_hash <> $2`, [
        identity.userId,
        tokenHash(token),
      ]);
      await audit(em, { kind: 'password-changed', userId: identity.userId, detail: { via: 'settings' }, ip, at: now });
      return { kind: 'changed' } as const;
    });
    if (outcome.kind === 'locked') throw this.locked(outcome.until, now);
    if (outcome.kind === 'failed') {
      throw Problems.ruleViolated([
        {
          field: 'currentPassword',
          rule: 'your current password',
          message: 'currentPassword is not your current password',
        },
      ]);
    }
  }

  /** The address's throttle row, made if missing and held for the transaction (attempts queue on it). */
  private async holdThrottle(
    em: EntityManager,
    email: string,
    now: Date,
  ): Promise<{ failures: number; locked_until: Date | null }> {
    await em.query(
      `INSERT INTO sign_in_throttle (email, failures, updated_at) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`,
      [email, now.toISOString()],
    );
    const [throttle] = await em.query(
      `SELECT failures, locked_until FROM sign_in_throttle WHERE email = $1 FOR UPDATE`,
      [email],
    );
    return throttle;
  }

  /** Ends every session of the signed-in person, on every device (a lost phone, a shared computer). */
  async signOutEverywhere(identity: Identity, ip: string | null): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.query(`DELETE FROM session WHERE user_id = $1`, [identity.userId]);
      await audit(em, {
        kind: 'sign-out',
        userId: identity.userId,
        detail: { everywhere: true },
        ip,
        at: this.clock.now(),
      });
    });
  }

  async signOut(token: string | undefined, ip: string | null): Promise<void> {
    if (!token) return;
    // TypeORM answers an UPDATE/DELETE with [rows, count].
    const [rows]: [{ user_id: string }[], number] = await this.db.query(
      `DELETE FROM session WHERE token_hash = $1 RETURNING user_id`,
      [tokenHash(token)],
    );
    if (rows[0]) await audit(this.db.manager, { kind: 'sign-out', userId: rows[0].user_id, ip, at: this.clock.now() });
  }

  async me(userId: string, em: EntityManager = this.db.manager): Promise<MeDto> {
    const [user] = await em.query(
      `SELECT u.id, u.email, u.display_name AS "displayName",
              ARRAY(SELECT p.id::text FROM person p WHERE p.user_account_id = u.id ORDER BY p.created_at, p.id)
                AS "participantIds"
         FROM user_account u WHERE u.id = $1`,
      [userId],
    );
    const memberships = await em.query(
      `SELECT m.organisation_id AS "organisationId", o.name AS "organisationName", m.role
         FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.name`,
      [userId],
    );
    return { ...user, memberships };
  }

  /** Counts a failure for the address (known or not, its row held); locks it after `maxFailures`. */
  private async recordFailure(
    em: EntityManager,
    email: string,
    throttle: { failures: number; locked_until: Date | null },
    userId: string | null,
    ip: string | null,
    now: Date,
  ): Promise<void> {
    // A lock that has run out starts the count again.
    const failures = (throttle.locked_until ? 0 : throttle.failures) + 1;
    const lockedUntil =
      failures >= this.config.auth.maxFailures ? new Date(now.getTime() + this.config.auth.lockMinutes * 60_000) : null;
    await em.query(`UPDATE sign_in_throttle SET failures = $2, locked_until = $3, updated_at = $4 WHERE email = $1`, [
      email,
      failures,
      lockedUntil?.toISOString() ?? null,
      now.toISOString(),
    ]);
    await audit(em, { kind: 'sign-in-failed', userId, detail: { email, failures }, ip, at: now });
  }

  private locked(until: Date, now: Date): ProblemException {
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    return Problems.tooManyRequests(
      'sign-in-locked',
      `Too many failed sign-ins for this address: try again in ${Math.ceil(seconds / 60)} minutes, or reset the password.`,
      seconds,
    );
  }
}
