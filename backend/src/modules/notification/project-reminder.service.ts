import {
  defaultLocale,
  firstReminderAt,
  IsoDate,
  nextReminderStep,
  nextWorkingMoment,
  planReminders,
  ProjectStatus,
  projectReminderRule,
  projectTasksOpen,
  sendTimeFor,
  TimedOccasion,
  WorkingHours,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailLinks } from '../links/mail-links';
import { MailRenderer } from './mail-renderer';
import { insertOutboxRows, NewOutboxRow } from './outbox.repository';

export const PROJECT_SWEEP_BATCH = 500;

/** One project task with what deciding and writing its reminders needs. */
interface ProjectTaskContext {
  readonly taskId: string;
  readonly projectId: string;
  readonly key: string;
  readonly title: string;
  readonly guidance: string;
  readonly dueDate: IsoDate;
  readonly status: 'open' | 'done' | 'waived';
  readonly reference: string;
  readonly projectTitle: string;
  readonly endDate: IsoDate;
  readonly submitted: boolean;
  readonly closed: boolean;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly organisationEmail: string | null;
  readonly country: string;
  readonly timeZone: string;
  readonly lastOccasion: IsoDate | null;
  /** The beneficiary's coordinators (accounts not disabled), by address. */
  readonly coordinators: { readonly email: string; readonly name: string }[] | null;
}

interface ProjectRecipient {
  readonly email: string;
  readonly name: string;
}

const CONTEXT_SQL = `
  SELECT t.id AS "taskId", t.project_id AS "projectId", t.template_key AS key, t.title, t.guidance,
         t.due_date AS "dueDate", t.status, p.reference, p.title AS "projectTitle", p.end_date AS "endDate",
         p.report_submitted_on IS NOT NULL AS submitted, p.closed_on IS NOT NULL AS closed,
         o.id AS "organisationId", o.name AS "organisationName", o.email AS "organisationEmail",
         o.country, o.time_zone AS "timeZone",
         (SELECT max(r.occasion_date) FROM project_reminder r WHERE r.project_task_id = t.id) AS "lastOccasion",
         (SELECT json_agg(json_build_object('email', u.email, 'name', u.display_name) ORDER BY u.email)
            FROM membership ms JOIN user_account u ON u.id = ms.user_id
           WHERE ms.organisation_id = o.id AND ms.role = 'coordinator' AND u.disabled_at IS NULL) AS coordinators
    FROM project_task t
    JOIN project p ON p.id = t.project_id
    JOIN organisation o ON o.id = p.beneficiary_organisation_id`;

/**
 * Reminders of a project's own tasks (final report, BM data complete …), to the beneficiary's
 * coordinators, through the same pipeline as the mobilities' (reminder rules, working hours,
 * outbox → BullMQ → SMTP). Each task carries `next_reminder_at`, kept current by `replan` in the
 * transaction of any change; the sweep writes each (task, occasion, recipient) as a unique
 * `project_reminder` row together with its outbox row, so an occasion is never mailed twice.
 */
@Injectable()
export class ProjectReminderService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly renderer: MailRenderer,
    private readonly links: MailLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Re-plans every task of one project inside the caller's transaction (after its changes): new
   * due dates move the instants; a done or waived task, or a submitted or closed project, clears
   * them and cancels its mail not yet delivered.
   */
  async replan(em: EntityManager, projectId: string): Promise<void> {
    const contexts: ProjectTaskContext[] = await em.query(`${CONTEXT_SQL} WHERE t.project_id = $1`, [projectId]);
    const hours = this.config.reminders.workingHours;
    const ids = contexts.map((c) => c.taskId);
    const instants = contexts.map(
      (c) => firstReminderAt(timedOccasions(c, hours), c.lastOccasion)?.toISOString() ?? null,
    );
    if (ids.length > 0) {
      await em.query(
        `UPDATE project_task SET next_reminder_at = planned.at
           FROM unnest($1::uuid[], $2::timestamptz[]) AS planned(id, at)
          WHERE project_task.id = planned.id AND project_task.next_reminder_at IS DISTINCT FROM planned.at`,
        [ids, instants],
      );
    }
    await em.query(
      `UPDATE outbox o SET status = 'cancelled'
         FROM project_reminder r JOIN project_task t ON t.id = r.project_task_id JOIN project p ON p.id = t.project_id
        WHERE r.outbox_id = o.id AND r.project_id = $1 AND o.status IN ('pending', 'queued')
          AND (t.status <> 'open' OR p.report_submitted_on IS NOT NULL OR p.closed_on IS NOT NULL)`,
      [projectId],
    );
  }

  /** One sweep over due project tasks, in batches; returns the number of e-mails written. */
  async sweep(): Promise<{ readonly tasks: number; readonly mails: number }> {
    let tasks = 0;
    let mails = 0;
    for (;;) {
      const batch = await this.db.transaction((em) => this.sweepBatch(em));
      tasks += batch.tasks;
      mails += batch.mails;
      if (batch.tasks < PROJECT_SWEEP_BATCH) return { tasks, mails };
    }
  }

  private async sweepBatch(em: EntityManager): Promise<{ tasks: number; mails: number }> {
    const now = this.clock.now();
    const candidates: { id: string; project_id: string }[] = await em.query(
      `SELECT id, project_id FROM project_task WHERE next_reminder_at <= $1 ORDER BY next_reminder_at LIMIT ${PROJECT_SWEEP_BATCH}`,
      [now.toISOString()],
    );
    if (candidates.length === 0) return { tasks: 0, mails: 0 };
    // Lock order as in every project change: the project first, then its tasks; projects someone
    // holds are swept next time.
    const locked: { id: string }[] = await em.query(
      `SELECT id FROM project WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED`,
      [[...new Set(candidates.map((c) => c.project_id))]],
    );
    const mine = new Set(locked.map((p) => p.id));
    const due: { id: string }[] = await em.query(
      `SELECT id FROM project_task WHERE id = ANY($1::uuid[]) AND next_reminder_at <= $2 FOR UPDATE`,
      [candidates.filter((c) => mine.has(c.project_id)).map((c) => c.id), now.toISOString()],
    );
    if (due.length === 0) return { tasks: 0, mails: 0 };
    const contexts: ProjectTaskContext[] = await em.query(`${CONTEXT_SQL} WHERE t.id = ANY($1::uuid[])`, [
      due.map((d) => d.id),
    ]);
    const hours = this.config.reminders.workingHours;
    const next: { id: string; at: string | null }[] = [];
    const occasions: {
      ctx: ProjectTaskContext;
      occasion: TimedOccasion;
      recipient: ProjectRecipient | null;
      row: NewOutboxRow | null;
    }[] = [];
    for (const ctx of contexts) {
      const step = nextReminderStep(timedOccasions(ctx, hours), ctx.lastOccasion, now);
      next.push({ id: ctx.taskId, at: step.nextAt?.toISOString() ?? null });
      if (!step.due) continue;
      const recipients = recipientsOf(ctx);
      if (recipients.length === 0) occasions.push({ ctx, occasion: step.due, recipient: null, row: null });
      for (const recipient of recipients) {
        occasions.push({ ctx, occasion: step.due, recipient, row: this.compose(ctx, recipient, step.due, now) });
      }
    }
    // The unique (task, kind, date, recipient) row first: an occasion already written yields no mail.
    const written: { project_task_id: string; recipient_email: string }[] = occasions.length
      ? await em.query(
          `INSERT INTO project_reminder (project_task_id, project_id, kind, occasion_date, recipient_email, mail_kind, status, outbox_id, created_at)
           SELECT *, $9::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::uuid[])
           ON CONFLICT (project_task_id, kind, occasion_date, recipient_email) DO NOTHING
           RETURNING project_task_id, recipient_email`,
          [
            occasions.map((o) => o.ctx.taskId),
            occasions.map((o) => o.ctx.projectId),
            occasions.map((o) => o.occasion.kind),
            occasions.map((o) => o.occasion.date),
            occasions.map((o) => o.recipient?.email ?? ''),
            occasions.map(() => 'project-task-reminder'),
            occasions.map((o) => (o.row ? 'outboxed' : 'no-recipient')),
            occasions.map((o) => o.row?.id ?? null),
            now.toISOString(),
          ],
        )
      : [];
    const fresh = new Set(written.map((w) => `${w.project_task_id}\u0000${w.recipient_email}`));
    const rows = occasions.flatMap((o) =>
      o.row && o.recipient && fresh.has(`${o.ctx.taskId}\u0000${o.recipient.email}`) ? [o.row] : [],
    );
    await insertOutboxRows(em, rows, now);
    await em.query(
      `UPDATE project_task SET next_reminder_at = planned.at
         FROM unnest($1::uuid[], $2::timestamptz[]) AS planned(id, at) WHERE project_task.id = planned.id`,
      [next.map((n) => n.id), next.map((n) => n.at)],
    );
    return { tasks: candidates.length, mails: rows.length };
  }

  /** Renders one project task mail for a coordinator, in the school's language, at its next working moment. */
  private compose(
    ctx: ProjectTaskContext,
    recipient: ProjectRecipient,
    occasion: TimedOccasion,
    now: Date,
  ): NewOutboxRow {
    const locale = defaultLocale(ctx.country);
    const rendered = this.renderer.render({
      kind: 'project-task-reminder',
      occasion: occasion.kind,
      locale,
      recipientName: recipient.name,
      organisation: ctx.organisationName,
      project: `${ctx.projectTitle} (${ctx.reference})`,
      task: { key: ctx.key, title: ctx.title, guidance: ctx.guidance, dueDate: ctx.dueDate },
      actionUrl: this.links.project(ctx.projectId),
    });
    return {
      id: randomUUID(),
      kind: 'project-task-reminder',
      mobilityId: null,
      organisationId: ctx.organisationId,
      senderName: ctx.organisationName,
      recipientEmail: recipient.email,
      recipientName: recipient.name,
      locale,
      ...rendered,
      headers: {},
      sendAfter: nextWorkingMoment(now, ctx.timeZone, this.config.reminders.workingHours),
    };
  }
}

/** The coordinators of the beneficiary; its contact address when it has no coordinator account. */
function recipientsOf(ctx: ProjectTaskContext): ProjectRecipient[] {
  const coordinators = (ctx.coordinators ?? []).map((c) => ({ email: c.email.toLowerCase(), name: c.name }));
  if (coordinators.length > 0) return coordinators;
  return ctx.organisationEmail ? [{ email: ctx.organisationEmail.toLowerCase(), name: ctx.organisationName }] : [];
}

function statusOf(ctx: ProjectTaskContext): ProjectStatus {
  // Running and reporting both keep their tasks open; only what was recorded matters here.
  return ctx.closed ? 'closed' : ctx.submitted ? 'submitted' : 'reporting';
}

/**
 * The task's occasions with their send instants in the school's time zone; none once the report is
 * in. A school without a coordinator or contact yet still gets its occasions recorded (no-recipient).
 */
function timedOccasions(ctx: ProjectTaskContext, hours: WorkingHours): TimedOccasion[] {
  if (!projectTasksOpen(statusOf(ctx))) return [];
  return planReminders(ctx, projectReminderRule(ctx.key)).map((o) => ({
    ...o,
    sendAt: sendTimeFor(o.date, ctx.timeZone, hours),
  }));
}
