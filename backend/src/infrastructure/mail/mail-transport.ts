import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Stable per outbox row: a receiving server or client can tell a duplicate delivery. */
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What the send job needs of SMTP: one message out, the server's message id back. */
export abstract class MailTransport {
  abstract send(mail: OutgoingMail): Promise<{ readonly messageId: string; readonly response: string }>;
  abstract close(): Promise<void>;
}

/** nodemailer over a pool of SMTP connections (one per concurrent send, up to `maxConnections`). */
export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string, maxConnections: number) {
    super();
    this.transporter = createTransport({
      url,
      pool: true,
      maxConnections,
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // Plain SMTP on loopback (the catcher, a local relay) is fine; elsewhere use smtps:// or STARTTLS.
      ignoreTLS: /^smtp:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url),
    } as Parameters<typeof createTransport>[0]);
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string; response: string }> {
    const info = await this.transporter.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      headers: { ...mail.headers },
    });
    return { messageId: String(info.messageId), response: String(info.response ?? '') };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/** SMTP's own verdict on an error: 5xx is permanent, 4xx and connection failures are transient. */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
