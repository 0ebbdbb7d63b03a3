import type { GuardianRelationship } from '@mobility-hub/domain';
import { EntityManager } from 'typeorm';

/** A minor's guardian as stored (table `guardian`, one per mobility). */
export interface GuardianRow {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly relationship: GuardianRelationship;
}

export interface ConsentAnswerRow {
  readonly answer: 'given' | 'refused';
  readonly signedName: string;
  readonly guardianEmail: string;
  readonly ip: string | null;
  readonly answeredAt: Date;
}

export async function readGuardian(em: EntityManager, mobilityId: string): Promise<GuardianRow | null> {
  const [row] = (await em.query(`SELECT name, email, phone, relationship FROM guardian WHERE mobility_id = $1`, [
    mobilityId,
  ])) as GuardianRow[];
  return row ?? null;
}

/** Stores (or replaces) the guardian; the e-mail lower-cased. Returns the previous one. */
export async function saveGuardian(
  em: EntityManager,
  mobilityId: string,
  guardian: GuardianRow,
  now: Date,
): Promise<GuardianRow | null> {
  const previous = await readGuardian(em, mobilityId);
  await em.query(
    `INSERT INTO guardian (mobility_id, name, email, phone, relationship, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (mobility_id) DO UPDATE SET name = excluded.name, email = excluded.email, phone = excluded.phone,
       relationship = excluded.relationship, updated_at = excluded.updated_at`,
    [
      mobilityId,
      guardian.name.trim(),
      guardian.email.trim().toLowerCase(),
      guardian.phone.trim(),
      guardian.relationship,
      now.toISOString(),
    ],
  );
  return previous;
}

export async function lastConsentAnswer(em: EntityManager, mobilityId: string): Promise<ConsentAnswerRow | null> {
  const [row] = (await em.query(
    `SELECT answer, signed_name AS "signedName", guardian_email AS "guardianEmail", ip, answered_at AS "answeredAt"
       FROM guardian_consent WHERE mobility_id = $1 ORDER BY id DESC LIMIT 1`,
    [mobilityId],
  )) as ConsentAnswerRow[];
  return row ?? null;
}

export async function recordConsentAnswer(
  em: EntityManager,
  mobilityId: string,
  answer: Omit<ConsentAnswerRow, 'answeredAt'>,
  at: Date,
): Promise<void> {
  await em.query(
    `INSERT INTO guardian_consent (mobility_id, answer, signed_name, guardian_email, ip, answered_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [mobilityId, answer.answer, answer.signedName, answer.guardianEmail, answer.ip, at.toISOString()],
  );
}

/** The guardian-consent links of a mobility that still work: retired when the guardian's address changes. */
export async function retireConsentLinks(em: EntityManager, mobilityId: string, now: Date): Promise<void> {
  await em.query(
    `UPDATE action_token SET expires_at = $2
      WHERE mobility_id = $1 AND purpose = 'guardian-consent' AND used_at IS NULL AND expires_at > $2`,
    [mobilityId, now.toISOString()],
  );
}

/** When the newest working consent link stops working; null when none works. */
export async function consentLinkExpiry(em: EntityManager, mobilityId: string, now: Date): Promise<Date | null> {
  const [row] = (await em.query(
    `SELECT max(expires_at) AS at FROM action_token
      WHERE mobility_id = $1 AND purpose = 'guardian-consent' AND used_at IS NULL AND expires_at > $2`,
    [mobilityId, now.toISOString()],
  )) as { at: Date | null }[];
  return row?.at ?? null;
}
