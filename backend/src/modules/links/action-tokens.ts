import { randomBytes } from 'node:crypto';
import type { MemberRole } from '@mobility-hub/domain';
import { EntityManager } from 'typeorm';
import { Problems } from '../../common/problem/problem';
import { hashSecret } from '../../common/secret-hash';

export type TokenPurpose =
  | 'invitation'
  | 'password-reset'
  | 'magic-link'
  | 'placement-confirmation'
  | 'guardian-consent';

export interface ActionToken {
  readonly id: string;
  readonly purpose: TokenPurpose;
  readonly email: string;
  readonly userId: string | null;
  readonly organisationId: string | null;
  readonly mobilityId: string | null;
  /** An invitation's role in its organisation. */
  readonly role: MemberRole | null;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly createdAt: Date;
}

/** What a link's token reads as: live, or why not (so the page can explain itself). */
export type TokenState =
  | { readonly state: 'valid' | 'used' | 'expired'; readonly token: ActionToken }
  | { readonly state: 'unknown' };

const hashToken = (token: string) => hashSecret('action', token);

/** 410 for a link that was used or has run out, in the words of the page that offers it. */
export function linkNoLongerValid(state: 'used' | 'expired', say: { used: string; expired: string }) {
  return Problems.gone(state === 'used' ? 'link-used' : 'link-expired', say[state]);
}

/**
 * A single-purpose, single-use, expiring token for a link in an e-mail. Only its SHA-256 is
 * stored: the database alone cannot be turned into working links. Issuing one for a mobility and
 * purpose retires the earlier ones (a new host, a renewed link).
 */
export async function issueActionToken(
  em: EntityManager,
  input: {
    purpose: TokenPurpose;
    email: string;
    userId?: string | null;
    organisationId?: string | null;
    mobilityId?: string | null;
    role?: MemberRole | null;
    ttlMinutes: number;
    now: Date;
  },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  if (input.mobilityId || input.userId) {
    // The newest link is the one that works: earlier ones for the same mobility or person retire.
    await em.query(
      `UPDATE action_token SET expires_at = $4
        WHERE purpose = $1 AND used_at IS NULL AND expires_at > $4
          AND (mobility_id = $2 OR ($2::uuid IS NULL AND user_id = $3))`,
      [input.purpose, input.mobilityId ?? null, input.userId ?? null, input.now.toISOString()],
    );
  }
  await em.query(
    `INSERT INTO action_token (token_hash, purpose, email, user_id, organisation_id, mobility_id, role, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      hashToken(token),
      input.purpose,
      input.email.toLowerCase(),
      input.userId ?? null,
      input.organisationId ?? null,
      input.mobilityId ?? null,
      input.role ?? null,
      input.now.toISOString(),
      new Date(input.now.getTime() + input.ttlMinutes * 60_000).toISOString(),
    ],
  );
  return token;
}

const COLUMNS = `id, purpose, email, user_id AS "userId", organisation_id AS "organisationId", mobility_id AS "mobilityId", role,
  expires_at AS "expiresAt", used_at AS "usedAt", created_at AS "createdAt"`;

/**
 * Reads a token for one purpose; `lock` takes the row for the transaction that will use it (a
 * double click then finds it used). A token of another purpose reads as unknown.
 */
export async function readActionToken(
  em: EntityManager,
  token: string,
  purpose: TokenPurpose,
  now: Date,
  lock = false,
): Promise<TokenState> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { state: 'unknown' };
  const [row]: ActionToken[] = await em.query(
    `SELECT ${COLUMNS} FROM action_token WHERE token_hash = $1 AND purpose = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [hashToken(token), purpose],
  );
  if (!row) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used', token: row };
  if (new Date(row.expiresAt) <= now) return { state: 'expired', token: row };
  return { state: 'valid', token: row };
}

export async function markActionTokenUsed(em: EntityManager, id: string, now: Date): Promise<void> {
  await em.query(`UPDATE action_token SET used_at = $2 WHERE id = $1`, [id, now.toISOString()]);
}
