import {
  DIGEST_HORIZON_DAYS,
  addDays,
  defaultLocale,
  instantAt,
  isTaskOverdue,
  localTime,
  MobilityState,
  nextWorkingMoment,
  TaskFact,
  WorkingHours,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailLinks } from '../links/mail-links';
import { DigestItem, MailRenderer } from './mail-renderer';
import { insertOutboxRows } from './outbox.repository';

interface DigestOrganisation {
  id: string;
  name: string;
  email: string;
  time_zone: string;
  country: string;
  next_digest_at: Date | null;
}

interface DigestTaskRow {
  title: string;
  due_date: string;
  scheduled_on: string;
  phase: TaskFact['phase'];
  mandatory: boolean;
  status: 'open';
  mobility_id: string;
  mobility_phase: MobilityState;
  participant: string;
}

/**
 * The weekly digest: one e-mail per organisation contact with its overdue tasks and those due
 * within 14 days, across all its mobilities, at the start of the organisation's working week.
 * Unique per (organisation, week), written with its outbox row.
 */
@Injectable()
export class DigestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly renderer: MailRenderer,
    private readonly links: MailLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(): Promise<number> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const due: DigestOrganisation[] = await em.query(
        `SELECT id, name, email, time_zone, country, next_digest_at FROM organisation
          WHERE email IS NOT NULL AND (next_digest_at IS NULL OR next_digest_at <= $1)
          ORDER BY next_digest_at NULLS FIRST LIMIT 200 FOR NO KEY UPDATE SKIP LOCKED`,
        [now.toISOString()],
      );
      let mails = 0;
      for (const organisation of due) {
        if (organisation.next_digest_at !== null) mails += await this.send(em, organisation, now);
        await em.query(`UPDATE organisation SET next_digest_at = $2 WHERE id = $1`, [
          organisation.id,
          nextDigestAt(now, organisation.time_zone, this.config.reminders.workingHours).toISOString(),
        ]);
      }
      return mails;
    });
  }

  private async send(em: EntityManager, organisation: DigestOrganisation, now: Date): Promise<number> {
    const muted = await em.query(`SELECT 1 FROM mail_mute WHERE recipient_email = $1 AND kind = 'weekly-digest'`, [
      organisation.email.toLowerCase(),
    ]);
    if (muted.length > 0) return 0;
    const today = this.clock.today(organisation.time_zone);
    const tasks: DigestTaskRow[] = await em.query(
      `SELECT t.title, t.due_date, t.scheduled_on, t.phase, t.mandatory, t.status, t.mobility_id, m.phase AS mobility_phase,
              p.first_name || ' ' || p.last_name AS participant
         FROM task t
         JOIN mobility m ON m.id = t.mobility_id
         JOIN project pr ON pr.id = m.project_id
         JOIN person p ON p.id = m.person_id
        WHERE t.status = 'open' AND m.phase NOT IN ('completed', 'withdrawn') AND t.due_date <= $2
          AND ((t.role = 'sending' AND m.sending_organisation_id = $1)
            OR (t.role = 'coordinator' AND pr.beneficiary_organisation_id = $1)
            OR (t.role = 'host' AND m.host_organisation_id = $1 AND m.mentor_email IS NULL))
        ORDER BY t.due_date, p.last_name LIMIT 500`,
      [organisation.id, addDays(today, DIGEST_HORIZON_DAYS)],
    );
    const item = (t: DigestTaskRow): DigestItem => ({
      task: t.title,
      participant: t.participant,
      dueDate: t.due_date,
      url: this.links.mobility(t.mobility_id),
    });
    const overdue = tasks
      .filter((t) => isTaskOverdue({ ...t, dueDate: t.due_date, scheduledOn: t.scheduled_on }, t.mobility_phase, today))
      .map(item);
    const dueSoon = tasks.filter((t) => t.due_date >= today).map(item);
    if (overdue.length + dueSoon.length === 0) return 0;
    const locale = defaultLocale(organisation.country);
    const recipient = organisation.email.toLowerCase();
    const muteUrl = this.links.mute(recipient, 'weekly-digest');
    const rendered = this.renderer.render({
      kind: 'weekly-digest',
      locale,
      recipientName: organisation.name,
      organisation: organisation.name,
      digest: { horizonDays: DIGEST_HORIZON_DAYS, overdue, dueSoon },
      muteUrl,
    });
    const id = randomUUID();
    const inserted: unknown[] = await em.query(
      `INSERT INTO digest (organisation_id, week_of, outbox_id, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING organisation_id`,
      [organisation.id, today, id, now.toISOString()],
    );
    if (inserted.length === 0) return 0;
    await insertOutboxRows(
      em,
      [
        {
          id,
          kind: 'weekly-digest',
          mobilityId: null,
          organisationId: organisation.id,
          senderName: organisation.name,
          recipientEmail: recipient,
          recipientName: organisation.name,
          locale,
          ...rendered,
          headers: { 'List-Unsubscribe': `<${muteUrl}>` },
          sendAfter: nextWorkingMoment(now, organisation.time_zone, this.config.reminders.workingHours),
        },
      ],
      now,
    );
    return 1;
  }
}

/** The start of the next working week (its first working day's first hour) after `now`. */
export function nextDigestAt(now: Date, timeZone: string, hours: WorkingHours): Date {
  const today = localTime(now, timeZone);
  const [startH, startM] = hours.start.split(':').map(Number);
  const firstDay = Math.min(...hours.days);
  for (let offset = 0; offset <= 7; offset++) {
    const weekday = ((today.weekday - 1 + offset) % 7) + 1;
    if (weekday !== firstDay) continue;
    const at = instantAt(addDays(today.date, offset), startH * 60 + startM, timeZone);
    if (at.getTime() > now.getTime()) return at;
  }
  return instantAt(addDays(today.date, 7), startH * 60 + startM, timeZone);
}
