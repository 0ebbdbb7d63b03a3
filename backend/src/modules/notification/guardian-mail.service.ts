import { defaultLocale, nextWorkingMoment } from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { issueActionToken } from '../links/action-tokens';
import { MailLinks } from '../links/mail-links';
import { MailRenderer } from './mail-renderer';
import { insertOutboxRows, NewOutboxRow } from './outbox.repository';

/** What a mail to a minor's guardian says: who goes where, when, with which school. */
interface GuardianMailContext {
  readonly mobilityId: string;
  readonly participant: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly guardianName: string;
  readonly guardianEmail: string;
  readonly schoolId: string;
  readonly schoolName: string;
  readonly schoolEmail: string | null;
  readonly schoolCountry: string;
  readonly schoolTimeZone: string;
  readonly hostName: string | null;
  readonly hostCity: string | null;
  readonly hostCountry: string | null;
}

const CONTEXT_SQL = `
  SELECT m.id AS "mobilityId", p.first_name || ' ' || p.last_name AS participant,
         m.start_date AS "startDate", m.end_date AS "endDate",
         g.name AS "guardianName", g.email AS "guardianEmail",
         so.id AS "schoolId", so.name AS "schoolName", so.email AS "schoolEmail", so.country AS "schoolCountry",
         so.time_zone AS "schoolTimeZone", ho.name AS "hostName", ho.city AS "hostCity", ho.country AS "hostCountry"
    FROM mobility m
    JOIN person p ON p.id = m.person_id
    JOIN organisation so ON so.id = m.sending_organisation_id
    LEFT JOIN organisation ho ON ho.id = m.host_organisation_id
    LEFT JOIN guardian g ON g.mobility_id = m.id
   WHERE m.id = $1`;

/**
 * Mail to and about a minor's guardian, written for its reader in the school's language (the
 * sender is the school): the consent request with its one-use link (on creation, on a new guardian
 * address, on the school's re-send, and in each reminder), and the note to the school when the
 * guardian does not consent. The link lives only in the mail (the outbox row, like the host's
 * placement link); the database keeps its hash, jobs carry the outbox id.
 */
@Injectable()
export class GuardianMailService {
  constructor(
    private readonly renderer: MailRenderer,
    private readonly links: MailLinks,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A fresh consent link for the mobility's guardian (earlier ones retire), inside the caller's
   * transaction; null when the mobility has no guardian.
   */
  async issueLink(em: EntityManager, mobilityId: string): Promise<{ url: string; email: string } | null> {
    const ctx = await this.context(em, mobilityId);
    if (!ctx?.guardianEmail) return null;
    return { url: await this.link(em, ctx), email: ctx.guardianEmail };
  }

  /** The consent request with a fresh link, to go out at the school's next working moment. */
  async requestConsent(em: EntityManager, mobilityId: string): Promise<boolean> {
    const ctx = await this.context(em, mobilityId);
    if (!ctx?.guardianEmail) return false;
    const url = await this.link(em, ctx);
    await insertOutboxRows(em, [this.compose(ctx, 'guardian-consent-request', url)], this.clock.now());
    return true;
  }

  /** Tells the school that the guardian does not consent (to its contact address). */
  async consentRefused(em: EntityManager, mobilityId: string, reason: string | null): Promise<void> {
    const ctx = await this.context(em, mobilityId);
    if (!ctx?.schoolEmail) return;
    const row = this.compose(ctx, 'guardian-consent-refused', this.links.mobility(mobilityId), {
      email: ctx.schoolEmail,
      name: ctx.schoolName,
      detail: reason,
    });
    await insertOutboxRows(em, [row], this.clock.now());
  }

  /** A reminder of the consent task, written for the guardian with a consent link. */
  async reminderFor(
    em: EntityManager,
    mobilityId: string,
    id: string,
    task: { title: string; dueDate: string; occasion: 'request' | 'due-soon' | 'due-today' | 'overdue' },
  ): Promise<NewOutboxRow | null> {
    const ctx = await this.context(em, mobilityId);
    if (!ctx?.guardianEmail) return null;
    const url = await this.link(em, ctx);
    return { ...this.compose(ctx, 'guardian-consent-reminder', url, undefined, task), id };
  }

  private async context(em: EntityManager, mobilityId: string): Promise<GuardianMailContext | null> {
    const [row] = (await em.query(CONTEXT_SQL, [mobilityId])) as GuardianMailContext[];
    return row ?? null;
  }

  private async link(em: EntityManager, ctx: GuardianMailContext): Promise<string> {
    const token = await issueActionToken(em, {
      purpose: 'guardian-consent',
      email: ctx.guardianEmail,
      organisationId: ctx.schoolId,
      mobilityId: ctx.mobilityId,
      ttlMinutes: this.config.auth.guardianLinkTtlDays * 24 * 60,
      now: this.clock.now(),
    });
    return this.links.guardianConsent(token);
  }

  private compose(
    ctx: GuardianMailContext,
    kind: 'guardian-consent-request' | 'guardian-consent-reminder' | 'guardian-consent-refused',
    actionUrl: string,
    to?: { email: string; name: string; detail: string | null },
    task?: { title: string; dueDate: string; occasion: 'request' | 'due-soon' | 'due-today' | 'overdue' },
  ): NewOutboxRow {
    const locale = defaultLocale(ctx.schoolCountry);
    const place = ctx.hostName
      ? [ctx.hostName, ctx.hostCity, ctx.hostCountry].filter(Boolean).join(', ')
      : (ctx.hostCountry ?? '');
    const recipient = to ?? { email: ctx.guardianEmail, name: ctx.guardianName, detail: null };
    const rendered = this.renderer.render({
      kind,
      occasion: task?.occasion,
      locale,
      recipientName: recipient.name,
      organisation: ctx.schoolName,
      participant: ctx.participant,
      task:
        task || recipient.detail
          ? { title: task?.title ?? '', guidance: recipient.detail ?? '', dueDate: task?.dueDate ?? ctx.startDate }
          : undefined,
      period: { startDate: ctx.startDate, endDate: ctx.endDate },
      place,
      actionUrl,
    });
    const now = this.clock.now();
    return {
      id: randomUUID(),
      kind,
      mobilityId: ctx.mobilityId,
      organisationId: ctx.schoolId,
      senderName: ctx.schoolName,
      recipientEmail: recipient.email.toLowerCase(),
      recipientName: recipient.name,
      locale,
      ...rendered,
      headers: {},
      sendAfter: nextWorkingMoment(now, ctx.schoolTimeZone, this.config.reminders.workingHours),
    };
  }
}
