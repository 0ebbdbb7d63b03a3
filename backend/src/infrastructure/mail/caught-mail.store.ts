import type { ParsedMail } from 'mailparser';
import type { DataSource } from 'typeorm';
import type { CaughtEnvelope } from './smtp-catcher';

/** Keeps a message the embedded catcher received, for the dashboard's Mailbox. */
export async function storeCaughtMail(db: DataSource, mail: ParsedMail, envelope: CaughtEnvelope): Promise<void> {
  const headers: Record<string, string> = {};
  for (const line of mail.headerLines) headers[line.key] = line.line.slice(line.key.length + 1).trim();
  await db.query(
    `INSERT INTO caught_mail (envelope_from, envelope_to, message_id, subject, html, text, headers)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      envelope.from,
      envelope.to,
      mail.messageId ?? null,
      mail.subject ?? '',
      mail.html || null,
      mail.text ?? null,
      JSON.stringify(headers),
    ],
  );
}
