import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isPermanentSmtpError, MailTransport } from '../../infrastructure/mail/mail-transport';
import { SendMailPayload } from '../../queue/queue-registry';

/** Mail kinds whose body carries a one-use link: emptied once delivered. */
export const LINK_MAIL_KINDS = [
  'password-reset',
  'sign-in-link',
  'invitation',
  'placement-request',
  'guardian-consent-request',
  'guardian-consent-reminder',
];

interface OutboxMail {
  id: string;
  status: string;
  recipient_email: string;
  sender_name: string | null;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * The generic send job: re-reads the outbox row, skips it unless it still waits for delivery,
 * sends it and records the send time and the SMTP message id. A 4xx or a dropped connection
 * throws (BullMQ retries with backoff); a 5xx, or the last attempt, marks the row failed for a
 * human to see and retry.
 */
@Injectable()
export class SendMailProcessor {
  private readonly logger = new Logger(SendMailProcessor.name);
  private readonly domain: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.mail.from)?.[1] ?? 'mobility-hub.localhost';
  }

  async process(job: Job<SendMailPayload>): Promise<'sent' | 'skipped'> {
    const { outboxId } = job.data;
    const [row]: OutboxMail[] = await this.db.query(
      `SELECT id, status, recipient_email, sender_name, subject, html, text, headers FROM outbox WHERE id = $1`,
      [outboxId],
    );
    if (!row || (row.status !== 'queued' && row.status !== 'pending')) return 'skipped';
    let messageId: string;
    try {
      ({ messageId } = await this.transport.send({
        // The sender line names the organisation the mail is for (the address stays ours).
        from: senderOf(this.config.mail.from, row.sender_name),
        to: row.recipient_email,
        subject: row.subject,
        html: row.html,
        text: row.text,
        headers: row.headers,
        messageId: `<${row.id}@${this.domain}>`,
      }));
    } catch (error) {
      const permanent = isPermanentSmtpError(error);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.db.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                status = CASE WHEN $3 THEN 'failed' ELSE status END
          WHERE id = $1 AND status IN ('queued', 'pending')`,
        [outboxId, describe(error), permanent || lastAttempt],
      );
      // The id only: the address and the server's answer (which may quote it) stay in the row.
      this.logger.warn(
        `outbox ${outboxId}: ${permanent ? 'refused permanently' : lastAttempt ? 'gave up' : 'will retry'} (${codeOf(error)})`,
      );
      if (permanent) throw new UnrecoverableError(`SMTP ${codeOf(error)}`);
      throw error;
    }
    await this.db.query(
      // Once delivered, a mail carrying a one-use link keeps its subject but not its body: the link
      // (a reset, a sign-in, an invitation, a host's confirmation) is nobody's business in the database.
      `UPDATE outbox SET status = 'sent', sent_at = $2, smtp_message_id = $3, attempts = attempts + 1, last_error = NULL,
              html = CASE WHEN kind = ANY($4::text[]) THEN '' ELSE html END,
              text = CASE WHEN kind = ANY($4::text[]) THEN '' ELSE text END
        WHERE id = $1 AND status <> 'sent'`,
      [outboxId, this.clock.now().toISOString(), messageId, LINK_MAIL_KINDS],
    );
    return 'sent';
  }
}

/** The row of a job BullMQ failed without our processor deciding (e.g. it stalled twice): visible, retryable. */
export async function markFailedIfWaiting(db: DataSource, outboxId: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = 'failed', last_error = $2 WHERE id = $1 AND status IN ('queued', 'pending')`,
    [outboxId, reason.slice(0, 500)],
  );
}

/** MAIL_FROM with the organisation's name as its display name, e.g. `"Berufskolleg Rhein-Ruhr" <no-reply@…>`. */
export function senderOf(mailFrom: string, name: string | null): string {
  if (!name) return mailFrom;
  const address = /<([^>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `"${name.replace(/["\\\r\n]/g, '')}" <${address}>`;
}

function codeOf(error: unknown): string {
  const e = error as { responseCode?: number; code?: string };
  return String(e?.responseCode ?? e?.code ?? 'error');
}

function describe(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; message?: string };
  return (e?.response ?? e?.message ?? String(error)).slice(0, 500);
}
