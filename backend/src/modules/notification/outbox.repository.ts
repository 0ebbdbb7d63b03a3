import { MailKind } from '@mobility-hub/domain';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

/** One e-mail as it is written to the outbox (rendered: the send job only delivers it). */
export interface NewOutboxRow {
  readonly id?: string;
  readonly kind: MailKind;
  readonly mobilityId: string | null;
  readonly organisationId: string | null;
  /** The organisation the mail is sent for: the sender line's name (the address stays MAIL_FROM's). */
  readonly senderName?: string | null;
  readonly recipientEmail: string;
  readonly recipientName: string;
  readonly locale: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly sendAfter: Date;
}

/** Inserts outbox rows in one statement, inside the caller's transaction; returns their ids. */
export async function insertOutboxRows(em: EntityManager, rows: readonly NewOutboxRow[], now: Date): Promise<string[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id ?? randomUUID());
  await em.query(
    `INSERT INTO outbox (id, kind, mobility_id, organisation_id, recipient_email, recipient_name, locale,
                         subject, html, text, headers, send_after, sender_name, status, created_at)
     SELECT r.*, 'pending', $13::timestamptz
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::timestamptz[], $14::text[]) AS r`,
    [
      ids,
      rows.map((r) => r.kind),
      rows.map((r) => r.mobilityId),
      rows.map((r) => r.organisationId),
      rows.map((r) => r.recipientEmail),
      rows.map((r) => r.recipientName),
      rows.map((r) => r.locale),
      rows.map((r) => r.subject),
      rows.map((r) => r.html),
      rows.map((r) => r.text),
      rows.map((r) => JSON.stringify(r.headers)),
      rows.map((r) => r.sendAfter.toISOString()),
      now.toISOString(),
      rows.map((r) => r.senderName ?? null),
    ],
  );
  return ids;
}
