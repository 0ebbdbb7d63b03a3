import { ActivityTypeCode, checklistFor, dueDate, MobilityDates, TASK_KEYS } from '@mobility-hub/domain';
import { EntityManager } from 'typeorm';
import { cancelReminderMailsOf } from '../../notification/reminder-mails.sql';

/**
 * The guardian-consent task exists for minors only: new dates that make the participant a minor add
 * it (from the mobility's own checklist version and activity family, if that variant has it); dates that make them an
 * adult remove it while it is open (a consent already given stays on record). Inside the caller's
 * transaction, under the mobility's lock. Returns the id of an added task, to plan its reminders.
 */
export async function syncGuardianConsentTask(
  em: EntityManager,
  mobility: { readonly id: string; readonly checklistVersion: number; readonly activityType: ActivityTypeCode },
  dates: MobilityDates,
  minor: boolean,
  now: Date,
): Promise<{ added: string | null; removed: boolean }> {
  const key = TASK_KEYS.guardianConsent;
  const [existing] = (await em.query(`SELECT id, status FROM task WHERE mobility_id = $1 AND template_key = $2`, [
    mobility.id,
    key,
  ])) as { id: string; status: string }[];
  if (!minor) {
    if (!existing || existing.status !== 'open') return { added: null, removed: false };
    // Its undelivered reminders go with it (the reminder rows cascade; their mail must not go out).
    await cancelReminderMailsOf(em, [existing.id], now);
    await em.query(`DELETE FROM task WHERE id = $1`, [existing.id]);
    return { added: null, removed: true };
  }
  if (existing) return { added: null, removed: false };
  const template = checklistFor(mobility.checklistVersion, mobility.activityType);
  const position = template.tasks.findIndex((t) => t.key === key);
  if (position < 0) return { added: null, removed: false };
  const t = template.tasks[position];
  const [row] = (await em.query(
    `INSERT INTO task (mobility_id, phase, template_key, title, guidance, role, mandatory, position, due_date, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open') RETURNING id`,
    [mobility.id, t.phase, t.key, t.title, t.guidance, t.role, t.mandatory, position, dueDate(t.due, dates)],
  )) as { id: string }[];
  return { added: row.id, removed: false };
}
