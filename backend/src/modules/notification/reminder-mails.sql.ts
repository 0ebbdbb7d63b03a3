import { EntityManager } from 'typeorm';

/** An outbox row a change cancelled: its id and mail kind. */
export interface CancelledMail {
  readonly id: string;
  readonly kind: string;
}

/**
 * A reminder mail listing several tasks was cancelled because one of them no longer applies: the
 * others still do. Their occasions are forgotten and they are looked at again now, so the next
 * sweep writes a new mail without that task (the cancelled mail does not count towards the day's
 * limit). Every path that cancels reminder mails calls this — else the other tasks' reminders
 * would count as sent and never come.
 */
export async function reviveBatchmates(
  em: EntityManager,
  cancelled: readonly CancelledMail[],
  now: Date,
): Promise<void> {
  const digests = [...new Set(cancelled.filter((c) => c.kind === 'reminder-digest').map((c) => c.id))];
  if (digests.length === 0) return;
  await em.query(
    `WITH forgotten AS (
       DELETE FROM reminder r USING task t
        WHERE r.outbox_id = ANY($1::uuid[]) AND t.id = r.task_id AND t.status = 'open'
        RETURNING r.task_id)
     UPDATE task SET next_reminder_at = $2 WHERE id IN (SELECT task_id FROM forgotten)`,
    [digests, now.toISOString()],
  );
}

/**
 * Tasks about to be deleted (open ones a re-plan or a no-longer-minor learner removes): the mails
 * holding their reminders and not yet delivered are cancelled, and the other tasks such a mail
 * listed are revived.
 */
export async function cancelReminderMailsOf(em: EntityManager, taskIds: readonly string[], now: Date): Promise<void> {
  if (taskIds.length === 0) return;
  // An UPDATE … RETURNING answers [rows, count] through TypeORM.
  const [cancelled] = (await em.query(
    `UPDATE outbox o SET status = 'cancelled' FROM reminder r
      WHERE r.outbox_id = o.id AND r.task_id = ANY($1::uuid[]) AND o.status IN ('pending', 'queued')
     RETURNING o.id, o.kind`,
    [taskIds],
  )) as [CancelledMail[], number];
  await reviveBatchmates(em, cancelled, now);
}
