import { EntityManager } from 'typeorm';

export type AuditKind =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-in-locked'
  | 'sign-out'
  | 'password-changed'
  | 'role-changed'
  | 'member-removed'
  | 'invitation-sent'
  | 'invitation-revoked'
  | 'invitation-accepted'
  | 'link-requested'
  | 'link-used';

export interface AuditEntry {
  readonly kind: AuditKind;
  readonly userId: string | null;
  readonly organisationId?: string | null;
  /** What happened, for a human: never a password, a token or a hash. */
  readonly detail?: Record<string, string | number | boolean | null>;
  readonly ip: string | null;
  readonly at: Date;
}

/** Appends to the audit log of security events (inside the caller's transaction, if any). */
export async function audit(em: EntityManager, entry: AuditEntry): Promise<void> {
  await em.query(
    `INSERT INTO audit_event (kind, organisation_id, user_id, detail, ip, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.kind,
      entry.organisationId ?? null,
      entry.userId,
      JSON.stringify(entry.detail ?? {}),
      entry.ip,
      entry.at.toISOString(),
    ],
  );
}
