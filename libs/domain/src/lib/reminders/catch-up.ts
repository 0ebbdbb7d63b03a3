import { addDays, IsoDate } from '../dates';

/**
 * A "catch-up" task: its due date lies before the day its schedule was set — the mobility was
 * created (or its dates changed) after the date had already passed. It was never late in anyone's
 * hands: it is shown as something to catch up, never counted as overdue, and reminded once, in
 * the recipient's reminder digest (not at once: the person who set the dates sees the list).
 *
 * `scheduledOn` is the calendar day (in the application's time zone) on which the task's current
 * due date was written. A task without it (an old caller) is never catch-up.
 */
export interface SchedulableTask {
  readonly dueDate: IsoDate;
  readonly scheduledOn?: IsoDate | null;
}

export function isCatchUpTask(task: SchedulableTask): boolean {
  return task.scheduledOn != null && task.dueDate < task.scheduledOn;
}

/** A catch-up task's single reminder goes this many days after its schedule was set. */
export const CATCH_UP_REMINDER_DELAY_DAYS = 1;

/** The date of a catch-up task's one reminder (in the recipient's digest). */
export function catchUpReminderDate(scheduledOn: IsoDate): IsoDate {
  return addDays(scheduledOn, CATCH_UP_REMINDER_DELAY_DAYS);
}
