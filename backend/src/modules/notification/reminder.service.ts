import {
  addDays,
  BATCHED_MAIL_KINDS,
  firstReminderAt,
  instantAt,
  isBatchedMailKind,
  isCatchUpTask,
  planReminderMails,
  reminderWording,
  sendTimeFor,
  TaskRole,
  isConsentTask,
  MAIL_KINDS,
  MailKind,
  mailKindOf,
  nextReminderStep,
  nextWorkingMoment,
  TASK_KEYS,
  TaskStatus,
  TimedOccasion,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { reviveBatchmates } from './reminder-mails.sql';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { issueActionToken } from '../links/action-tokens';
import { MailLinks } from '../links/mail-links';
import { GuardianMailService } from './guardian-mail.service';
import { mailAudienceOf, MailReader, MailRenderer } from './mail-renderer';
import { insertOutboxRows, NewOutboxRow } from './outbox.repository';
import {
  loadContextsOfMobility,
  loadContextsOfTasks,
  loadReplanContextsOfTasks,
  Recipient,
  recipientOf,
  ruleOf,
  TaskReminderContext,
  TaskReplanContext,
  timedOccasions,
} from './reminder-context';
import { preparedQuery } from '../../common/prepared-query';

export const SWEEP_BATCH = 500;

/** Who reads a task's mail, for the wording of what they can do. */
export function readerOf(role: TaskRole): MailReader {
  return role === 'learner' ? 'learner' : role === 'host' ? 'host' : 'school';
}

/** A task a change touched, with the status it has now. */
export interface TouchedTask {
  readonly id: string;
  readonly status: TaskStatus;
}

/**
 * Task reminders. Each task carries `next_reminder_at`, the instant it must next be looked at,
 * kept current in the same transaction as anything that changes the task, its dates, the host
 * or the phase (`replan`). The sweep reads only tasks whose instant has come, through a partial
 * index, and writes each occasion as a unique reminder row together with its outbox row.
 */
@Injectable()
export class ReminderService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly renderer: MailRenderer,
    private readonly links: MailLinks,
    private readonly guardians: GuardianMailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Re-plans tasks of one mobility, inside the caller's transaction (after its changes): new dates
   * move the instants, a done or waived task or a closed mobility clears them, and mail not yet
   * delivered for a task that is no longer open, or to someone who is no longer its recipient (a
   * new host or mentor), is cancelled.
   *
   * `tasks` narrows it to the tasks a change touched (a status set by an event or a person), with
   * the status each now has; without it every task of the mobility is re-planned, and a placement
   * request to a host that is no longer the host is cancelled too — what a change of host, mentor,
   * dates or an opened or closed mobility needs, as it concerns every task.
   */
  async replan(em: EntityManager, mobilityId: string, tasks?: readonly TouchedTask[]): Promise<void> {
    if (tasks?.length === 0) return;
    if (tasks) {
      // A task no longer open has no reminder to plan and none of its undelivered mail applies:
      // one statement, no context to read.
      const closed = tasks.filter((t) => t.status !== 'open').map((t) => t.id);
      if (closed.length > 0) {
        const [cancelled] = await preparedQuery<[{ id: string; kind: string }[], number]>(
          em,
          `WITH cleared AS (
             UPDATE task SET next_reminder_at = NULL
              WHERE id = ANY($2::uuid[]) AND mobility_id = $1 AND status <> 'open' AND next_reminder_at IS NOT NULL)
           UPDATE outbox o SET status = 'cancelled'
             FROM reminder r JOIN task t ON t.id = r.task_id
            WHERE r.outbox_id = o.id AND r.mobility_id = $1 AND r.task_id = ANY($2::uuid[])
              AND t.status <> 'open' AND o.status IN ('pending', 'queued')
          RETURNING o.id, o.kind`,
          [mobilityId, closed],
        );
        await reviveBatchmates(em, cancelled, this.clock.now());
      }
      if (!tasks.some((t) => t.status === 'open')) return;
    }
    const contexts: (TaskReminderContext & Partial<TaskReplanContext>)[] = tasks
      ? await loadReplanContextsOfTasks(
          em,
          tasks.filter((t) => t.status === 'open').map((t) => t.id),
        )
      : await loadContextsOfMobility(em, mobilityId);
    const hours = this.config.reminders.workingHours;
    const ids: string[] = [];
    const instants: (string | null)[] = [];
    const recipients: (string | null)[] = [];
    for (const ctx of contexts) {
      if (ctx.mobilityId !== mobilityId) throw new Error(`task ${ctx.taskId} is not one of mobility ${mobilityId}`);
      const recipient = recipientOf(ctx);
      const at = firstReminderAt(timedOccasions(ctx, recipient?.timeZone ?? null, hours), ctx.lastOccasion);
      ids.push(ctx.taskId);
      instants.push(at?.toISOString() ?? null);
      recipients.push(recipient?.email ?? null);
    }
    // Tasks read with their current instant are written only if it moves.
    const moved = ids.flatMap((id, i) => {
      const current = contexts[i].nextReminderAt;
      return current !== undefined && (current?.toISOString() ?? null) === instants[i] ? [] : [i];
    });
    if (moved.length > 0) {
      await preparedQuery(
        em,
        `UPDATE task SET next_reminder_at = planned.at
           FROM unnest($1::uuid[], $2::timestamptz[]) AS planned(id, at)
          WHERE task.id = planned.id AND task.next_reminder_at IS DISTINCT FROM planned.at`,
        [moved.map((i) => ids[i]), moved.map((i) => instants[i])],
      );
    }
    if (!tasks) {
      // A placement request to a host that is no longer the host (removed, replaced, declined).
      await preparedQuery(
        em,
        `UPDATE outbox SET status = 'cancelled'
          WHERE mobility_id = $1 AND kind = 'placement-request' AND status IN ('pending', 'queued')
            AND organisation_id IS DISTINCT FROM (SELECT host_organisation_id FROM mobility WHERE id = $1)`,
        [mobilityId],
      );
    }
    // Undelivered reminders of these tasks that no longer apply: the task is no longer open or the
    // mobility closed, or they were written for someone who is no longer the task's recipient (the
    // former host's contact or mentor). Nothing to look at when none of the tasks has mail waiting.
    if (contexts.every((ctx) => ctx.pendingMail === false)) return;
    const [cancelled] = await preparedQuery<[{ id: string; kind: string }[], number]>(
      em,
      `UPDATE outbox o SET status = 'cancelled'
         FROM reminder r JOIN unnest($2::uuid[], $3::text[]) AS current(task_id, email) ON current.task_id = r.task_id
         JOIN task t ON t.id = r.task_id JOIN mobility m ON m.id = t.mobility_id
        WHERE r.outbox_id = o.id AND r.mobility_id = $1 AND o.status IN ('pending', 'queued')
          AND (t.status <> 'open' OR m.phase IN ('completed', 'withdrawn')
               OR (o.kind <> 'placement-request' AND o.recipient_email IS DISTINCT FROM current.email))
       RETURNING o.id, o.kind`,
      [mobilityId, ids, recipients],
    );
    await reviveBatchmates(em, cancelled, this.clock.now());
  }

  /**
   * The placement-confirmation request to the host, when a host is assigned: written now, sent
   * at the host's next working moment. A second host assigned the same day replaces the first's
   * request (the unique occasion row then points at the new mail; the old one is cancelled).
   */
  async requestPlacement(em: EntityManager, mobilityId: string): Promise<void> {
    const ctx = (await loadContextsOfMobility(em, mobilityId)).find((c) => c.key === TASK_KEYS.hostConfirmation);
    if (!ctx || ctx.status !== 'open') return;
    const recipient = recipientOf(ctx);
    const now = this.clock.now();
    await em.query(
      `UPDATE outbox SET status = 'cancelled'
        WHERE mobility_id = $1 AND kind = 'placement-request' AND status IN ('pending', 'queued')`,
      [mobilityId],
    );
    if (!recipient) {
      await this.recordOccasion(
        em,
        ctx,
        'request',
        ctx.host ? this.today(ctx.host.timeZone) : this.clock.today(this.config.timeZone),
        'placement-request',
        'no-recipient',
        null,
      );
      return;
    }
    const today = this.today(recipient.timeZone);
    const token = await issueActionToken(em, {
      purpose: 'placement-confirmation',
      email: recipient.email,
      organisationId: ctx.host?.id ?? null,
      mobilityId,
      ttlMinutes: this.config.auth.hostLinkTtlDays * 24 * 60,
      now,
    });
    const occasion = { kind: 'request' as const, date: today, sendAt: now };
    const row = this.compose(ctx, recipient, 'placement-request', occasion, now, this.links.hostPlacement(token));
    await insertOutboxRows(em, [row], now);
    await this.recordOccasion(em, ctx, 'request', today, 'placement-request', 'outboxed', row.id ?? null);
  }

  /**
   * One sweep: batches of due tasks, each batch one transaction under the locks of their
   * mobilities taken with `SKIP LOCKED` (overlapping sweeps and other workers take other rows).
   * Returns the number of e-mails written.
   */
  async sweep(): Promise<{ readonly tasks: number; readonly mails: number }> {
    let tasks = 0;
    let mails = 0;
    for (;;) {
      const batch = await this.db.transaction((em) => this.sweepBatch(em));
      tasks += batch.tasks;
      mails += batch.mails;
      if (batch.tasks < SWEEP_BATCH) return { tasks, mails };
    }
  }

  private async sweepBatch(em: EntityManager): Promise<{ tasks: number; mails: number }> {
    const now = this.clock.now();
    // Lock order as everywhere else: the mobility first, then its tasks. Mobilities a person (or
    // another sweep) holds are skipped now and swept next time, so nobody waits on a sweep and no
    // sweep deadlocks with an edit.
    const candidates: { id: string; mobility_id: string }[] = await em.query(
      `SELECT id, mobility_id FROM task WHERE next_reminder_at <= $1 ORDER BY next_reminder_at LIMIT ${SWEEP_BATCH}`,
      [now.toISOString()],
    );
    if (candidates.length === 0) return { tasks: 0, mails: 0 };
    const locked: { id: string }[] = await em.query(
      `SELECT id FROM mobility WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED`,
      [[...new Set(candidates.map((c) => c.mobility_id))]],
    );
    const mine = new Set(locked.map((m) => m.id));
    // Every due task of the mobilities this sweep holds, not only the candidates: a recipient's
    // tasks of one mobility go in one mail, never half today and half tomorrow.
    const due: { id: string }[] = await em.query(
      `SELECT id FROM task WHERE mobility_id = ANY($1::uuid[]) AND next_reminder_at <= $2 FOR UPDATE`,
      [[...mine], now.toISOString()],
    );
    if (due.length === 0) return { tasks: 0, mails: 0 };
    const contexts = await loadContextsOfTasks(
      em,
      due.map((d) => d.id),
    );
    const hours = this.config.reminders.workingHours;
    const planned: {
      ctx: TaskReminderContext;
      recipient: Recipient | null;
      occasion: TimedOccasion;
      kind: MailKind;
    }[] = [];
    const next: { id: string; at: string | null }[] = [];
    for (const ctx of contexts) {
      const recipient = recipientOf(ctx);
      const step = nextReminderStep(timedOccasions(ctx, recipient?.timeZone ?? null, hours), ctx.lastOccasion, now);
      next.push({ id: ctx.taskId, at: step.nextAt?.toISOString() ?? null });
      if (step.due) {
        const toGuardian = recipient !== null && recipient.email === ctx.guardianEmail && isConsentTask(ctx.key);
        const kind = toGuardian ? 'guardian-consent-reminder' : mailKindOf(ruleOf(ctx), step.due);
        planned.push({ ctx, recipient, occasion: step.due, kind });
      }
    }
    const muted = await this.mutedPairs(
      em,
      planned.flatMap((p) => (p.recipient && MAIL_KINDS[p.kind].mutable ? [p.recipient.email] : [])),
    );
    const decided = planned.map((p) => {
      const mute = p.recipient !== null && muted.has(`${p.recipient.email}\u0000${p.kind}`);
      const status: 'outboxed' | 'muted' | 'no-recipient' = !p.recipient ? 'no-recipient' : mute ? 'muted' : 'outboxed';
      return { ...p, status };
    });
    // Task reminders to one recipient go in one mail, at most `mailsPerDay` a day; the rest waits
    // for tomorrow's. Mails with a link or deadline of their own go alone.
    const mailing = decided.filter((d) => d.status === 'outboxed' && d.recipient !== null);
    const sentToday = await this.reminderMailsToday(
      em,
      mailing.filter((d) => isBatchedMailKind(d.kind)).map((d) => d.recipient as Recipient),
      now,
    );
    const plan = planReminderMails(
      mailing.map((d) => ({ recipient: (d.recipient as Recipient).email, mailKind: d.kind, item: d })),
      (email) => sentToday.get(email) ?? 0,
      this.config.reminders.mailsPerDay,
    );
    // When each deferred reminder is looked at again: the recipient's next day (they had theirs),
    // or — outside their working hours — the start of their working day, so that the day's mail is
    // written once, in the morning, with everything that is due by then.
    const deferredUntil = new Map<(typeof decided)[number], Date>();
    for (const d of plan.deferred) {
      const recipient = d.recipient as Recipient;
      deferredUntil.set(d, sendTimeFor(addDays(this.clock.today(recipient.timeZone), 1), recipient.timeZone, hours));
    }
    const batches = plan.batches.filter((b) => {
      const { timeZone } = b.items[0].recipient as Recipient;
      const opens = nextWorkingMoment(now, timeZone, hours);
      if (opens.getTime() <= now.getTime()) return true;
      for (const d of b.items) deferredUntil.set(d, opens);
      return false;
    });
    const outboxOf = new Map<(typeof decided)[number], string>();
    for (const d of plan.alone) outboxOf.set(d, randomUUID());
    for (const b of batches) {
      const id = randomUUID();
      for (const d of b.items) outboxOf.set(d, id);
    }
    const occasions = decided.filter((d) => !deferredUntil.has(d));
    // The unique (task, kind, date) row first: an occasion somebody else already wrote yields no mail.
    const written: { task_id: string }[] = occasions.length
      ? await em.query(
          `INSERT INTO reminder (task_id, mobility_id, kind, occasion_date, mail_kind, status, outbox_id, created_at)
           SELECT *, $8::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::text[], $6::text[], $7::uuid[])
           ON CONFLICT (task_id, kind, occasion_date) DO NOTHING RETURNING task_id`,
          [
            occasions.map((o) => o.ctx.taskId),
            occasions.map((o) => o.ctx.mobilityId),
            occasions.map((o) => o.occasion.kind),
            occasions.map((o) => o.occasion.date),
            occasions.map((o) => o.kind),
            occasions.map((o) => o.status),
            occasions.map((o) => outboxOf.get(o) ?? null),
            now.toISOString(),
          ],
        )
      : [];
    const fresh = new Set(written.map((w) => w.task_id));
    const rows: NewOutboxRow[] = [];
    for (const o of plan.alone) {
      if (!fresh.has(o.ctx.taskId) || !o.recipient) continue;
      const id = outboxOf.get(o) as string;
      if (o.kind === 'guardian-consent-reminder') {
        // The guardian's reminder carries a fresh consent link (earlier ones retire), issued only
        // for a mail that is really written; it lives in the mail alone, never in a job.
        const { title, dueDate } = o.ctx;
        const written = await this.guardians.reminderFor(em, o.ctx.mobilityId, id, {
          title,
          dueDate,
          // Worded from the day of writing (a late sweep must not say "today" days later); a consent
          // that was due before the stay was planned: "still waiting" is what the guardian reads.
          occasion: guardianWording(reminderWording(o.occasion.kind, dueDate, this.clock.today(o.recipient.timeZone))),
        });
        if (written) rows.push(written);
        continue;
      }
      rows.push({ ...this.compose(o.ctx, o.recipient, o.kind, o.occasion, now), id });
    }
    for (const b of batches) {
      const items = b.items.filter((o) => fresh.has(o.ctx.taskId));
      if (items.length === 0) continue;
      const id = outboxOf.get(items[0]) as string;
      const [first] = items;
      const recipient = first.recipient as Recipient;
      rows.push(
        items.length === 1
          ? { ...this.compose(first.ctx, recipient, first.kind, first.occasion, now), id }
          : { ...this.composeDigest(items, recipient, now), id },
      );
    }
    for (const [d, at] of deferredUntil) {
      const entry = next.find((n) => n.id === d.ctx.taskId);
      if (entry) entry.at = at.toISOString();
    }
    await insertOutboxRows(em, rows, now);
    await em.query(
      `UPDATE task SET next_reminder_at = planned.at
         FROM unnest($1::uuid[], $2::timestamptz[]) AS planned(id, at) WHERE task.id = planned.id`,
      [next.map((n) => n.id), next.map((n) => n.at)],
    );
    // A full batch of candidates means there may be more: the caller sweeps again.
    return { tasks: candidates.length, mails: rows.length };
  }

  /**
   * How many task-reminder mails each recipient got today (their own day, in their time zone),
   * counted under a per-recipient advisory lock so that two sweeps cannot both send "the one".
   */
  private async reminderMailsToday(
    em: EntityManager,
    recipients: readonly Recipient[],
    now: Date,
  ): Promise<Map<string, number>> {
    const unique = [...new Map(recipients.map((r) => [r.email, r])).values()].sort((a, b) =>
      a.email.localeCompare(b.email),
    );
    if (unique.length === 0) return new Map();
    for (const r of unique) await em.query(`SELECT pg_advisory_xact_lock(hashtext('reminder-mail:' || $1))`, [r.email]);
    const since = unique.map((r) => instantAt(this.clock.today(r.timeZone), 0, r.timeZone).toISOString());
    const rows: { email: string; n: number }[] = await em.query(
      `SELECT d.email, count(o.id)::int AS n
         FROM unnest($1::text[], $2::timestamptz[]) AS d(email, since)
         LEFT JOIN outbox o ON o.recipient_email = d.email AND o.created_at >= d.since
          AND o.kind = ANY($3::text[]) AND o.status <> 'cancelled'
        GROUP BY d.email`,
      [unique.map((r) => r.email), since, [...BATCHED_MAIL_KINDS, 'reminder-digest']],
    );
    return new Map(rows.map((r) => [r.email, r.n]));
  }

  /** One mail with several task reminders for one recipient, grouped by mobility. */
  composeDigest(
    items: readonly { readonly ctx: TaskReminderContext; readonly kind: MailKind }[],
    recipient: Recipient,
    now: Date,
  ): NewOutboxRow {
    const contexts = items.map((i) => i.ctx);
    const today = this.clock.today(recipient.timeZone);
    // Suggestions (optional tasks) in it may be muted; deadlines keep coming.
    const muteUrl = items.some((i) => MAIL_KINDS[i.kind].mutable)
      ? this.links.mute(recipient.email, 'task-advice')
      : undefined;
    const byMobility = new Map<string, TaskReminderContext[]>();
    for (const ctx of [...contexts].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))) {
      byMobility.set(ctx.mobilityId, [...(byMobility.get(ctx.mobilityId) ?? []), ctx]);
    }
    const [first] = contexts;
    const rendered = this.renderer.render({
      kind: 'reminder-digest',
      audience: mailAudienceOf(first.activityType),
      reader: readerOf(first.role),
      locale: recipient.locale,
      recipientName: recipient.name,
      organisation: first.sending.name,
      reminders: [...byMobility.values()].map((tasks) => ({
        participant: tasks[0].participant,
        period: { startDate: tasks[0].startDate, endDate: tasks[0].endDate },
        url: this.links.mobility(tasks[0].mobilityId),
        items: tasks.map((t) => ({
          key: t.key,
          title: t.title,
          dueDate: t.dueDate,
          wording: isCatchUpTask(t) ? 'catch-up' : reminderWording('due-soon', t.dueDate, today),
        })),
      })),
      muteUrl,
    });
    return {
      id: randomUUID(),
      kind: 'reminder-digest',
      // One mobility's mail shows in its file's log; a digest across mobilities is the recipient's.
      mobilityId: byMobility.size === 1 ? first.mobilityId : null,
      organisationId: recipient.organisationId,
      senderName: first.sending.name,
      recipientEmail: recipient.email,
      recipientName: recipient.name,
      locale: recipient.locale,
      ...rendered,
      headers: muteUrl ? { 'List-Unsubscribe': `<${muteUrl}>` } : {},
      sendAfter: nextWorkingMoment(now, recipient.timeZone, this.config.reminders.workingHours),
    };
  }

  private async mutedPairs(em: EntityManager, recipients: string[]): Promise<Set<string>> {
    if (recipients.length === 0) return new Set();
    const rows: { recipient_email: string; kind: string }[] = await em.query(
      `SELECT recipient_email, kind FROM mail_mute WHERE recipient_email = ANY($1::text[])`,
      [[...new Set(recipients)]],
    );
    return new Set(rows.map((r) => `${r.recipient_email}\u0000${r.kind}`));
  }

  private async recordOccasion(
    em: EntityManager,
    ctx: TaskReminderContext,
    kind: 'request',
    date: string,
    mailKind: MailKind,
    status: 'outboxed' | 'no-recipient',
    outboxId: string | null,
  ): Promise<void> {
    await em.query(
      `INSERT INTO reminder (task_id, mobility_id, kind, occasion_date, mail_kind, status, outbox_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (task_id, kind, occasion_date)
       DO UPDATE SET outbox_id = EXCLUDED.outbox_id, status = EXCLUDED.status, created_at = EXCLUDED.created_at`,
      [ctx.taskId, ctx.mobilityId, kind, date, mailKind, status, outboxId, this.clock.now().toISOString()],
    );
  }

  /** Renders one task mail into an outbox row, to go out at the recipient's next working moment. */
  compose(
    ctx: TaskReminderContext,
    recipient: Recipient,
    kind: MailKind,
    occasion: TimedOccasion,
    now: Date,
    actionUrl = this.links.mobility(ctx.mobilityId),
  ): NewOutboxRow {
    const muteUrl = MAIL_KINDS[kind].mutable ? this.links.mute(recipient.email, kind) : undefined;
    const today = this.clock.today(recipient.timeZone);
    const rendered = this.renderer.render({
      kind,
      audience: mailAudienceOf(ctx.activityType),
      reader: readerOf(ctx.role),
      occasion:
        kind === 'placement-request'
          ? undefined
          : occasion.kind === 'request'
            ? 'request'
            : reminderWording(occasion.kind, ctx.dueDate, today),
      locale: recipient.locale,
      recipientName: recipient.name,
      organisation: ctx.sending.name,
      participant: ctx.participant,
      task: { key: ctx.key, title: ctx.title, guidance: ctx.guidance, dueDate: ctx.dueDate },
      period: { startDate: ctx.startDate, endDate: ctx.endDate },
      actionUrl,
      muteUrl,
    });
    return {
      id: randomUUID(),
      kind,
      mobilityId: ctx.mobilityId,
      organisationId: recipient.organisationId,
      senderName: ctx.sending.name,
      recipientEmail: recipient.email,
      recipientName: recipient.name,
      locale: recipient.locale,
      ...rendered,
      headers: muteUrl ? { 'List-Unsubscribe': `<${muteUrl}>` } : {},
      // Never at night: a sweep that runs late (a worker was down) still waits for working hours.
      sendAfter: nextWorkingMoment(now, recipient.timeZone, this.config.reminders.workingHours),
    };
  }

  private today(timeZone: string): string {
    return this.clock.today(timeZone);
  }
}

/** The guardian's reminder has no catch-up wording: a consent due before the stay was planned is "overdue". */
function guardianWording(wording: ReturnType<typeof reminderWording>): 'due-soon' | 'due-today' | 'overdue' {
  return wording === 'catch-up' ? 'overdue' : wording;
}
