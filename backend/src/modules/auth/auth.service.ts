import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { ProblemException, Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { audit } from './audit';
import { MeDto, SignInDto } from './dto/auth.dto';
import { verifyPassword } from './password';

export const SESSION_COOKIE = 'mh_session';

export interface SignedIn {
  readonly me: MeDto;
  /** The opaque token for the cookie; only its SHA-256 is stored. */
  readonly token: string;
  readonly expiresAt: Date;
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

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
    const [throttle] = await this.db.query(`SELECT failures, locked_until FROM sign_in_throttle WHERE email = $1`, [email]);
    if (throttle?.locked_until && new Date(throttle.locked_until) > now) {
      await audit(this.db.manager, { kind: 'sign-in-locked', userId: null, detail: { email }, ip, at: now });
      throw this.locked(new Date(throttle.locked_until), now);
    }
    const [user] = await this.db.query(
      `SELECT id, password_hash FROM user_account WHERE email = $1 AND disabled_at IS NULL`,
      [email],
    );
    // Verified even without an account (against a dummy hash): both answers take the same time.
    const valid = await verifyPassword(user?.password_hash ?? null, dto.password);
    if (!user || !valid) {
      await this.recordFailure(email, user?.id ?? null, ip, now);
      throw Problems.unauthorized('sign-in-failed', 'Sign-in failed', 'The e-mail address or the password is not right.');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionTtlMinutes * 60_000);
    await this.db.transaction(async (em) => {
      await em.query(`DELETE FROM sign_in_throttle WHERE email = $1`, [email]);
      await em.query(`DELETE FROM session WHERE user_id = $1 AND expires_at <= $2`, [user.id, now.toISOString()]);
      await em.query(
        `INSERT INTO session (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
        [tokenHash(token), user.id, now.toISOString(), expiresAt.toISOString()],
      );
      await audit(em, { kind: 'sign-in', userId: user.id, ip, at: now });
    });
    return { me: await this.me(user.id), token, expiresAt };
  }

  /** The signed-in user of a session token, or null (unknown, expired, signed out, disabled). */
  async identify(token: string | undefined): Promise<MeDto | null> {
    if (!token) return null;
    const [session] = await this.db.query(
      `SELECT s.user_id FROM session s JOIN user_account u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
      [tokenHash(token), this.clock.now().toISOString()],
    );
    return session ? this.me(session.user_id) : null;
  }

  async signOut(token: string | undefined, ip: string | null): Promise<void> {
    if (!token) return;
    // TypeORM answers an UPDATE/DELETE with [rows, count].
    const [rows]: [{ user_id: string }[], number] = await this.db.query(`DELETE FROM session WHERE token_hash = $1 RETURNING user_id`, [tokenHash(token)]);
    if (rows[0]) await audit(this.db.manager, { kind: 'sign-out', userId: rows[0].user_id, ip, at: this.clock.now() });
  }

  async me(userId: string): Promise<MeDto> {
    const [user] = await this.db.query(
      `SELECT id, email, display_name AS "displayName", participant_id AS "participantId" FROM user_account WHERE id = $1`,
      [userId],
    );
    const memberships = await this.db.query(
      `SELECT m.organisation_id AS "organisationId", o.name AS "organisationName", m.role
         FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.name`,
      [userId],
    );
    return { ...user, memberships };
  }

  /** Counts a failure for the address (known or not); locks it after `maxFailures`. */
  private async recordFailure(email: string, userId: string | null, ip: string | null, now: Date): Promise<void> {
    const lockUntil = new Date(now.getTime() + this.config.auth.lockMinutes * 60_000);
    await this.db.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO sign_in_throttle (email, failures, updated_at) VALUES ($1, 1, $2)
         ON CONFLICT (email) DO UPDATE SET
           failures = CASE WHEN sign_in_throttle.locked_until IS NOT NULL AND sign_in_throttle.locked_until <= $2
                           THEN 1 ELSE sign_in_throttle.failures + 1 END,
           locked_until = NULL, updated_at = $2
         RETURNING failures`,
        [email, now.toISOString()],
      );
      if (row.failures >= this.config.auth.maxFailures) {
        await em.query(`UPDATE sign_in_throttle SET locked_until = $2 WHERE email = $1`, [email, lockUntil.toISOString()]);
      }
      await audit(em, { kind: 'sign-in-failed', userId, detail: { email, failures: row.failures }, ip, at: now });
    });
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
