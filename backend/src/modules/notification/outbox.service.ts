import { MAIL_KINDS, MailKind, mailKindOf } from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { pagingOf } from '../../common/pagination';
import { Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import {
  CaughtMailDto,
  CaughtMailPageDto,
  CaughtMailSummaryDto,
  SentReminderDto,
  ListMailboxQuery,
  ListOutboxQuery,
  MailLogEntryDto,
  OutboxStatus,
  MobilityRemindersDto,
  MuteDto,
  OutboxMessageDto,
  OutboxPageDto,
} from './dto/notification.dto';
import { maskEmail } from '../../common/mask-email';
import type { Identity } from '../../common/identity';
import { AccessService } from '../access/access.service';
import { sqlParams, visibleCaughtMailSql, visibleOutboxSql } from '../access/access.sql';
import { MailLinks } from '../links/mail-links';
import { mailboxReaderOf, type MailboxRequest } from './mailbox-access';
import { loadContextsOfMobility, recipientOf, ruleOf, timedOccasions } from './reminder-context';

const OUTBOX_COLUMNS = `id, kind, status, mobility_id AS "mobilityId", recipient_email AS "recipientEmail",
  recipient_name AS "recipientName", locale, subject, send_after AS "sendAfter", attempts, last_error AS "lastError",
  created_at AS "createdAt", sent_at AS "sentAt", smtp_message_id AS "smtpMessageId"`;

/** What the dashboard reads and does about e-mail: the outbox, a mobility's reminders, mutes, the Mailbox. */
@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly links: MailLinks,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The e-mails about the caller's mobilities and organisations (sending side only). */
  async list(identity: Identity, query: ListOutboxQuery): Promise<OutboxPageDto> {
    const paging = pagingOf(query);
    const { params, param } = sqlParams();
    const where: string[] = [visibleOutboxSql(identity, param)];
    if (query.status) {
      params.push(query.status === 'pending' ? ['pending', 'queued'] : [query.status]);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    if (query.mobilityId) {
      params.push(query.mobilityId);
      where.push(`mobility_id = $${params.length}`);
    }
    if (query.recipient) {
      params.push(query.recipient.toLowerCase());
      where.push(`recipient_email = $${params.length}`);
    }
    const filter = `WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${OUTBOX_COLUMNS} FROM outbox ${filter} ORDER BY created_at DESC, id LIMIT ${paging.pageSize} OFFSET ${paging.offset}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM outbox ${filter}`, params),
    ]);
    return { items: rows.map(toMessage), total, page: paging.page, pageSize: paging.pageSize };
  }

  /** A failed message back to pending, as a new delivery (a new job id): the relay sends it again. */
  async retry(identity: Identity, id: string): Promise<OutboxMessageDto> {
    const { params, param } = sqlParams([id, this.clock.now().toISOString()]);
    const visible = visibleOutboxSql(identity, param);
    const [rows] = await this.db.query(
      `UPDATE outbox SET status = 'pending', delivery = delivery + 1, send_after = $2, enqueued_at = NULL
        WHERE id = $1 AND status = 'failed' AND ${visible} RETURNING ${OUTBOX_COLUMNS}`,
      params,
    );
    if (rows.length === 1) return toMessage(rows[0]);
    const read = sqlParams([id]);
    const [existing] = await this.db.query(
      `SELECT status FROM outbox WHERE id = $1 AND ${visibleOutboxSql(identity, read.param)}`,
      read.params,
    );
    if (!existing) throw Problems.notFound('Outbox message', id);
    throw Problems.conflict(
      'not-failed',
      'Only a failed message can be retried',
      `The message is ${existing.status}; only failed messages are retried by hand.`,
    );
  }

  /**
   * The mobility's mail log: every outbox row written for it, and every reminder mail (also one
   * listing several mobilities) that named one of its tasks — one list, newest first.
   */
  async mailLog(identity: Identity, mobilityId: string): Promise<MailLogEntryDto[]> {
    await this.access.requireSendingSide(identity, mobilityId, 'see the mail of a mobility');
    const exists = await this.db.query(`SELECT 1 FROM mobility WHERE id = $1`, [mobilityId]);
    if (exists.length === 0) throw Problems.notFound('Mobility', mobilityId);
    const rows: {
      id: string;
      kind: MailKind;
      recipient_name: string;
      recipient_email: string;
      subject: string;
      status: OutboxStatus;
      created_at: Date;
      send_after: Date;
      sent_at: Date | null;
      tasks: string[] | null;
    }[] = await this.db.query(
      `SELECT o.id, o.kind, o.recipient_name, o.recipient_email, o.subject, o.status, o.created_at, o.send_after, o.sent_at,
              (SELECT array_agg(t.title ORDER BY t.due_date, t.position) FROM reminder r JOIN task t ON t.id = r.task_id
                WHERE r.outbox_id = o.id AND r.mobility_id = $1) AS tasks
         FROM outbox o
        WHERE o.mobility_id = $1 OR o.id IN (SELECT outbox_id FROM reminder WHERE mobility_id = $1 AND outbox_id IS NOT NULL)
        ORDER BY o.created_at DESC, o.id LIMIT 500`,
      [mobilityId],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      recipientName: r.recipient_name,
      recipientEmail: r.recipient_email,
      subject: r.subject,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      sendAfter: new Date(r.send_after).toISOString(),
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
      tasks: r.tasks ?? [],
    }));
  }

  async reminders(identity: Identity, mobilityId: string): Promise<MobilityRemindersDto> {
    await this.access.requireSendingSide(identity, mobilityId, 'see the reminders of a mobility');
    const contexts = await loadContextsOfMobility(this.db.manager, mobilityId);
    if (contexts.length === 0) {
      const exists = await this.db.query(`SELECT 1 FROM mobility WHERE id = $1`, [mobilityId]);
      if (exists.length === 0) throw Problems.notFound('Mobility', mobilityId);
    }
    const sent = await this.db.query(
      `SELECT r.task_id AS "taskId", t.title AS "taskTitle", r.kind AS occasion, r.occasion_date AS "occasionDate",
              r.mail_kind AS "mailKind", r.status, o.recipient_email AS "recipientEmail", o.status AS "mailStatus",
              r.outbox_id AS "outboxId", o.sent_at AS "sentAt"
         FROM reminder r JOIN task t ON t.id = r.task_id LEFT JOIN outbox o ON o.id = r.outbox_id
        WHERE r.mobility_id = $1 ORDER BY r.occasion_date DESC, r.created_at DESC`,
      [mobilityId],
    );
    const now = this.clock.now();
    const mutes = new Set<string>(
      (
        await this.db.query(
          `SELECT recipient_email || ' ' || kind AS key FROM mail_mute
          WHERE recipient_email IN (SELECT lower(email) FROM person p JOIN mobility m ON m.person_id = p.id WHERE m.id = $1
                                    UNION SELECT lower(mentor_email) FROM mobility WHERE id = $1 AND mentor_email IS NOT NULL
                                    UNION SELECT lower(o.email) FROM organisation o JOIN mobility m
                                      ON o.id IN (m.sending_organisation_id, m.host_organisation_id) WHERE m.id = $1 AND o.email IS NOT NULL
                                    UNION SELECT lower(o.email) FROM organisation o JOIN project pr ON pr.beneficiary_organisation_id = o.id
                                      JOIN mobility m ON m.project_id = pr.id WHERE m.id = $1 AND o.email IS NOT NULL)`,
          [mobilityId],
        )
      ).map((r: { key: string }) => r.key),
    );
    const planned = contexts.flatMap((ctx) => {
      const recipient = recipientOf(ctx);
      const rule = ruleOf(ctx);
      // Without an address the occasions still show (as "nobody to write to"), in the school's zone.
      const timeZone = recipient?.timeZone ?? ctx.host?.timeZone ?? ctx.sending.timeZone;
      return timedOccasions(ctx, timeZone, this.config.reminders.workingHours)
        .filter((o) => (ctx.lastOccasion === null || o.date > ctx.lastOccasion) && o.sendAt > now)
        .map((o) => {
          const mailKind = mailKindOf(rule, o);
          return {
            taskId: ctx.taskId,
            taskTitle: ctx.title,
            occasion: o.kind,
            occasionDate: o.date,
            sendAt: o.sendAt.toISOString(),
            mailKind,
            recipientEmail: recipient?.email ?? null,
            muted: recipient !== null && MAIL_KINDS[mailKind].mutable && mutes.has(`${recipient.email} ${mailKind}`),
          };
        });
    });
    planned.sort((a, b) => a.sendAt.localeCompare(b.sendAt));
    return {
      sent: sent.map((s: Omit<SentReminderDto, 'sentAt'> & { sentAt: Date | null }) => ({
        ...s,
        sentAt: s.sentAt ? new Date(s.sentAt).toISOString() : null,
      })),
      planned,
    };
  }

  async mute(token: string, muted?: boolean): Promise<MuteDto> {
    const link = this.links.readMuteToken(token);
    if (!link) throw Problems.notFound('Mute link', token.slice(0, 12), 'token');
    if (muted === true) {
      if (!MAIL_KINDS[link.kind].mutable) {
        throw Problems.conflict(
          'not-mutable',
          'These e-mails cannot be muted',
          'This kind of e-mail carries a deadline of the programme and keeps coming until the task is done.',
        );
      }
      await this.db.query(
        `INSERT INTO mail_mute (recipient_email, kind, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [link.recipient, link.kind, this.clock.now().toISOString()],
      );
    } else if (muted === false) {
      await this.db.query(`DELETE FROM mail_mute WHERE recipient_email = $1 AND kind = $2`, [
        link.recipient,
        link.kind,
      ]);
    }
    const rows = await this.db.query(`SELECT 1 FROM mail_mute WHERE recipient_email = $1 AND kind = $2`, [
      link.recipient,
      link.kind,
    ]);
    return {
      recipient: maskEmail(link.recipient),
      kind: link.kind,
      muted: rows.length > 0,
      mutable: MAIL_KINDS[link.kind].mutable,
    };
  }

  /** The caught messages the caller may read (see mailbox-access.ts), newest first. */
  async mailbox(
    identity: Identity | null,
    request: MailboxRequest,
    query: ListMailboxQuery,
  ): Promise<CaughtMailPageDto> {
    const reader = mailboxReaderOf(this.config.mail.mailbox, identity, request);
    const paging = pagingOf(query);
    const { params, param } = sqlParams();
    const where: string[] = [];
    if (reader.scope === 'mine') where.push(visibleCaughtMailSql(reader.identity, param));
    if (query.q?.trim()) {
      params.push(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(subject ILIKE $${params.length} OR array_to_string(envelope_to, ' ') ILIKE $${params.length})`);
    }
    if (query.messageId) {
      params.push(query.messageId);
      where.push(`message_id = $${params.length}`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT id, received_at AS "receivedAt", envelope_from AS "from", envelope_to AS "to", subject
           FROM caught_mail ${filter} ORDER BY received_at DESC, id LIMIT ${paging.pageSize} OFFSET ${paging.offset}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM caught_mail ${filter}`, params),
    ]);
    return {
      items: items.map((i: Omit<CaughtMailSummaryDto, 'receivedAt'> & { receivedAt: Date }) => ({
        ...i,
        receivedAt: new Date(i.receivedAt).toISOString(),
      })),
      total,
      page: paging.page,
      pageSize: paging.pageSize,
      scope: reader.scope,
    };
  }

  /** One caught message; another person's is a 404, like one that does not exist. */
  async caughtMail(identity: Identity | null, request: MailboxRequest, id: string): Promise<CaughtMailDto> {
    const reader = mailboxReaderOf(this.config.mail.mailbox, identity, request);
    const { params, param } = sqlParams([id]);
    const visible = reader.scope === 'mine' ? `AND ${visibleCaughtMailSql(reader.identity, param)}` : '';
    const [mail] = await this.db.query(
      `SELECT id, received_at AS "receivedAt", envelope_from AS "from", envelope_to AS "to", subject,
              message_id AS "messageId", html, text, headers FROM caught_mail WHERE id = $1 ${visible}`,
      params,
    );
    if (!mail) throw Problems.notFound('Message', id);
    return { ...mail, receivedAt: new Date(mail.receivedAt).toISOString() };
  }
}

type OutboxRow = Omit<OutboxMessageDto, 'sendAfter' | 'createdAt' | 'sentAt'> & {
  sendAfter: Date;
  createdAt: Date;
  sentAt: Date | null;
};

function toMessage(row: OutboxRow): OutboxMessageDto {
  const iso = (v: Date) => new Date(v).toISOString();
  return {
    ...row,
    sendAfter: iso(row.sendAfter),
    createdAt: iso(row.createdAt),
    sentAt: row.sentAt ? iso(row.sentAt) : null,
  };
}
