import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { audit } from '../audit/audit';
import { issueActionToken } from '../links/action-tokens';
import { MailLinks } from '../links/mail-links';
import { MailRenderer } from '../notification/mail-renderer';
import { outboxAccountMail } from './account-mail';
import { nextLinkMail } from './link-mail-limit';

export type LinkPurpose = 'password-reset' | 'magic-link';

const LINK_MINUTES: Record<LinkPurpose, number> = { 'password-reset': 60, 'magic-link': 15 };
/** How often each API process looks for requests left behind (it stopped, or an attempt failed). */
const SWEEP_INTERVAL_MS = 30_000;
/** A request is handled right after its answer; the sweep takes it only if it is still there this much later. */
const FIRST_RETRY_MS = 30_000;
/** Attempts before a request is given up (the row stays, marked failed); the wait doubles each time. */
const MAX_ATTEMPTS = 5;
const SWEEP_BATCH = 100;

interface LinkRequest {
  readonly id: string;
  readonly purpose: LinkPurpose;
  readonly email: string;
  readonly ip: string | null;
}

/**
 * The e-mailed links people ask for themselves: a password reset (accounts) or a sign-in link
 * (learners). Asking is answered after one INSERT into `link_request`, the same statement for
 * every address, so neither the answer nor its time tells whether the address has an account.
 * Looking the address up, issuing the link and writing the mail into the outbox happen after the
 * answer, in one transaction that also deletes the request row. Link mails to one address are
 * limited per kind (`auth.linkMail`: a cool-down, and so many an hour), counted in PostgreSQL so
 * that every API process sees the same count; beyond, no mail goes and the last link keeps working.
 *
 * The row is the record, so nothing is lost between the answer and the mail: this process handles
 * it right after answering; a row still there later (the process stopped, an attempt failed) is
 * taken by the sweep of any API process (`FOR UPDATE SKIP LOCKED`: one at a time), at most
 * MAX_ATTEMPTS times, every failure logged; then it stays in the table, marked failed.
 */
@Injectable()
export class LinkRequestService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LinkRequestService.name);
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;
  private stopped = false;
  private sweepFailing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly renderer: MailRenderer,
    private readonly links: MailLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Records the request and answers; the address is looked at only after the answer. */
  async request(purpose: LinkPurpose, rawEmail: string, ip: string | null): Promise<void> {
    const now = this.clock.now();
    const [row]: { id: string }[] = await this.db.query(
      `INSERT INTO link_request (purpose, email, ip, requested_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        purpose,
        rawEmail.trim().toLowerCase(),
        ip,
        now.toISOString(),
        new Date(now.getTime() + FIRST_RETRY_MS).toISOString(),
      ],
    );
    // After the answer has gone (setImmediate), and not awaited by it; a stopping process leaves
    // the row to the sweep of another (or of its next start).
    if (!this.stopped) this.track(new Promise((resolve) => setImmediate(resolve)).then(() => this.handle(row.id)));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Before the database closes: no new work, and what is running finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Handles the requests due for another attempt; never throws. Returns how many were tried. */
  sweep(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.sweeping ??= this.track(this.sweepDue()).finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepDue(): Promise<number> {
    try {
      const due: { id: string }[] = await this.db.query(
        `SELECT id FROM link_request WHERE failed_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT ${SWEEP_BATCH}`,
        [this.clock.now().toISOString()],
      );
      for (const { id } of due) await this.handle(id);
      if (this.sweepFailing) this.logger.log('link requests: the sweep reaches the database again');
      this.sweepFailing = false;
      return due.length;
    } catch (error) {
      if (!this.sweepFailing) this.logger.warn(`link requests: sweep failed (${reasonOf(error)}); tried again later`);
      this.sweepFailing = true;
      return 0;
    }
  }

  /** One attempt at one request (a row another process holds is left to it); never throws. */
  async handle(id: string): Promise<void> {
    try {
      await this.db.transaction(async (em) => {
        const [request]: LinkRequest[] = await em.query(
          `SELECT id, purpose, email, ip FROM link_request WHERE id = $1 AND failed_at IS NULL FOR UPDATE SKIP LOCKED`,
          [id],
        );
        if (!request) return;
        await this.mailLink(em, request, this.clock.now());
        await em.query(`DELETE FROM link_request WHERE id = $1`, [id]);
      });
    } catch (error) {
      await this.recordFailure(id, error);
    }
  }

  /** The link and its mail, if the address has an account of the kind the link is for and is not over its limit. */
  private async mailLink(em: EntityManager, request: LinkRequest, now: Date): Promise<void> {
    const { purpose, email } = request;
    const [user] = await em.query(
      // The mail's language: the country of the school of their latest mobility, else of an organisation of theirs.
      `SELECT u.id, u.display_name, coalesce(so.country, mo.country) AS country,
              EXISTS (SELECT 1 FROM person p WHERE p.user_account_id = u.id) AS learner
         FROM user_account u
         LEFT JOIN LATERAL (SELECT o.country FROM person p JOIN mobility m ON m.person_id = p.id
                              JOIN organisation o ON o.id = m.sending_organisation_id
                             WHERE p.user_account_id = u.id ORDER BY m.created_at DESC, m.id LIMIT 1) so ON true
         LEFT JOIN LATERAL (SELECT o.country FROM membership ms JOIN organisation o ON o.id = ms.organisation_id
                             WHERE ms.user_id = u.id LIMIT 1) mo ON true
        WHERE u.email = $1 AND u.disabled_at IS NULL`,
      [email],
    );
    // Sign-in links are for learners: an account with a person record of some school.
    if (!user || (purpose === 'magic-link' && !user.learner)) return;
    // The address's count for this kind, held for the transaction: parallel requests are decided one after the other.
    await em.query(`INSERT INTO link_mail_throttle (email, purpose) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      email,
      purpose,
    ]);
    const [throttle]: { sent_at: (Date | string)[] }[] = await em.query(
      `SELECT sent_at FROM link_mail_throttle WHERE email = $1 AND purpose = $2 FOR UPDATE`,
      [email, purpose],
    );
    const next = nextLinkMail(
      throttle.sent_at.map((t) => new Date(t)),
      now,
      this.config.auth.linkMail,
    );
    if (!next.allowed) {
      await audit(em, {
        kind: 'link-requested',
        userId: user.id,
        detail: { purpose, limited: true },
        ip: request.ip,
        at: now,
      });
      return;
    }
    await em.query(`UPDATE link_mail_throttle SET sent_at = $3::timestamptz[] WHERE email = $1 AND purpose = $2`, [
      email,
      purpose,
      next.sentAt.map((t) => t.toISOString()),
    ]);
    const minutes = LINK_MINUTES[purpose];
    const token = await issueActionToken(em, { purpose, email, userId: user.id, ttlMinutes: minutes, now });
    await outboxAccountMail(em, this.renderer, {
      kind: purpose === 'password-reset' ? 'password-reset' : 'sign-in-link',
      email,
      name: user.display_name,
      country: user.country,
      url: purpose === 'password-reset' ? this.links.passwordReset(token) : this.links.signInLink(token),
      linkMinutes: minutes,
      now,
    });
    await audit(em, { kind: 'link-requested', userId: user.id, detail: { purpose }, ip: request.ip, at: now });
  }

  /** Counts the failed attempt and sets the next one (or gives up); the log names the row, never the address. */
  private async recordFailure(id: string, error: unknown): Promise<void> {
    const reason = reasonOf(error);
    try {
      const now = this.clock.now();
      const [rows]: [{ attempts: number; next: Date; failed: boolean }[], number] = await this.db.query(
        `UPDATE link_request
            SET attempts = attempts + 1, last_error = left($2, 1000),
                next_attempt_at = $3::timestamptz + make_interval(secs => $4 * power(2, attempts)),
                failed_at = CASE WHEN attempts + 1 >= $5 THEN $3::timestamptz END
          WHERE id = $1
        RETURNING attempts, next_attempt_at AS next, failed_at IS NOT NULL AS failed`,
        [
          id,
          error instanceof Error ? error.message : String(error),
          now.toISOString(),
          FIRST_RETRY_MS / 1000,
          MAX_ATTEMPTS,
        ],
      );
      const row = rows[0];
      if (!row) return;
      this.logger.error(
        row.failed
          ? `link request ${id}: attempt ${row.attempts} failed (${reason}); given up, the row stays in link_request marked failed`
          : `link request ${id}: attempt ${row.attempts} failed (${reason}); next attempt from ${new Date(row.next).toISOString()}`,
      );
    } catch (recordError) {
      this.logger.error(
        `link request ${id}: failed (${reason}) and could not be recorded (${reasonOf(recordError)}); the sweep takes it again`,
      );
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }
}

/** What went wrong, for the log: the error's class and SQLSTATE only (a driver's message may quote an address). */
function reasonOf(error: unknown): string {
  const code =
    (error as { driverError?: { code?: unknown }; code?: unknown }).driverError?.code ??
    (error as { code?: unknown }).code;
  const name = error instanceof Error ? error.constructor.name : typeof error;
  return typeof code === 'string' ? `${name} ${code}` : name;
}
