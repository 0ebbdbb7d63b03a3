/*
 * What the API does per request before a list runs, for the bare baseline (and the benchmark's
 * EXPLAIN): the session guard's look-up of the `mh_session` cookie and MobilityService.list's scope.
 */
import type { Identity } from '../src/common/identity';
import { hashSecret } from '../src/common/secret-hash';
import { visibleMobilitySql, visibleTaskSql } from '../src/modules/access/access.sql';
import { SESSION_COOKIE } from '../src/modules/auth/auth.service';
import type { ListScope } from '../src/modules/mobility/mobility.queries';

/** AuthService.identify's statement, word for word: the signed-in person of a session token. */
const IDENTIFY_SQL = `SELECT u.id AS "userId", u.email, u.display_name AS "displayName",
              ARRAY(SELECT p.id::text FROM person p WHERE p.user_account_id = u.id) AS "personIds",
              coalesce((SELECT json_agg(json_build_object('organisationId', ms.organisation_id, 'role', ms.role))
                          FROM membership ms WHERE ms.user_id = u.id), '[]') AS memberships
         FROM session s JOIN user_account u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`;

/** Anything with pg's `query` (a Pool or a Client). */
interface Queryable {
  query<R extends object>(sql: string, params: unknown[]): Promise<{ rows: R[] }>;
}

/** The session cookie's value in a Cookie header (what @fastify/cookie hands the guard), or undefined. */
export function sessionToken(cookieHeader: string | undefined): string | undefined {
  for (const part of cookieHeader?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** As AuthService.identify: one query; null for no, an unknown, an expired or a disabled user's session. */
export async function identify(db: Queryable, token: string | undefined): Promise<Identity | null> {
  if (!token) return null;
  const { rows } = await db.query<Identity>(IDENTIFY_SQL, [hashSecret('session', token), new Date().toISOString()]);
  return rows[0] ?? null;
}

/** MobilityService.list's scope: the mobilities the identity may see, and the tasks that count. */
export function listScope(identity: Identity): ListScope {
  return { mobilities: (param) => visibleMobilitySql(identity, param), tasks: visibleTaskSql(identity) };
}
