import type { MailKind } from './reminder-rules';

/**
 * Reminder mails are batched per recipient: whatever tasks of theirs have a reminder due — across
 * all their mobilities — go in ONE mail, and a recipient gets at most `perDay` such mails a day
 * (`REMINDER_MAILS_PER_DAY`, default 1). What is due beyond that waits for the next day's mail.
 * Mails that carry a link of their own or a programme deadline of their own (the participant
 * report request, a guardian's consent link, the host's placement request) still go alone.
 */
export const BATCHED_MAIL_KINDS: readonly MailKind[] = ['task-reminder', 'task-advice'];

export function isBatchedMailKind(kind: MailKind): boolean {
  return BATCHED_MAIL_KINDS.includes(kind);
}

export interface DueReminder<T> {
  /** The recipient's address, lower-cased. */
  readonly recipient: string;
  readonly mailKind: MailKind;
  readonly item: T;
}

export interface ReminderMailPlan<T> {
  /** Each its own mail. */
  readonly alone: readonly T[];
  /** One mail per recipient with all its items (in the order given). */
  readonly batches: readonly { readonly recipient: string; readonly items: readonly T[] }[];
  /** Not sent now: the recipient already had their reminder mail(s) today. */
  readonly deferred: readonly T[];
}

/**
 * Decides which due reminders go alone, which together, and which wait for tomorrow.
 * `sentToday` counts the reminder mails each recipient already got on their current day.
 */
export function planReminderMails<T>(
  due: readonly DueReminder<T>[],
  sentToday: (recipient: string) => number,
  perDay: number,
): ReminderMailPlan<T> {
  const alone: T[] = [];
  const deferred: T[] = [];
  const byRecipient = new Map<string, T[]>();
  for (const d of due) {
    if (!isBatchedMailKind(d.mailKind)) {
      alone.push(d.item);
      continue;
    }
    const items = byRecipient.get(d.recipient) ?? [];
    items.push(d.item);
    byRecipient.set(d.recipient, items);
  }
  const batches: { recipient: string; items: T[] }[] = [];
  for (const [recipient, items] of byRecipient) {
    if (sentToday(recipient) >= perDay) deferred.push(...items);
    else batches.push({ recipient, items });
  }
  return { alone, batches, deferred };
}
