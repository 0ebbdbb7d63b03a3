import { addDays, IsoDate } from '../dates';
import { TASK_KEYS } from '../checklist/checklist';
import type { TaskRole, TaskTemplate } from '../checklist/template.types';
import { catchUpReminderDate, isCatchUpTask } from './catch-up';

/**
 * When a checklist task reminds its responsible person, as data. The reminder pipeline (outbox,
 * queue, mail) turns the occasions planned here into e-mails; nothing here sends anything.
 */
export interface ReminderRule {
  /** Reminders this many days before the due date. */
  readonly daysBefore: readonly number[];
  readonly onDueDate: boolean;
  /** First overdue reminders, this many days after the due date. */
  readonly overdueAfter: readonly number[];
  /** After the last `overdueAfter` reminder, one a week while the task stays open… */
  readonly weeklyWhileOverdue: boolean;
  /** …up to this many overdue reminders in all. */
  readonly maxOverdue: number;
  /** Whether the recipient may mute this kind of reminder (never for what the grant requires). */
  readonly mutable: boolean;
  /** A first request on the mobility's last day (the participant report is asked for then). */
  readonly requestOnLastDay?: boolean;
}

/** Mandatory tasks (rules of the programme): reminded before, on and after, not mutable. */
export const MANDATORY_TASK_RULE: ReminderRule = {
  daysBefore: [7],
  onDueDate: true,
  overdueAfter: [3],
  weeklyWhileOverdue: true,
  maxOverdue: 4,
  mutable: false,
};

/** Optional practice: one nudge on the due date, which the recipient may mute. */
export const OPTIONAL_TASK_RULE: ReminderRule = {
  daysBefore: [],
  onDueDate: true,
  overdueAfter: [],
  weeklyWhileOverdue: false,
  maxOverdue: 0,
  mutable: true,
};

/** Tasks whose reminders differ from their mandatory/optional default. */
export const REMINDER_RULE_OVERRIDES: Readonly<Record<string, ReminderRule>> = {
  // The participant report can cost the learner the grant: two early reminders, then weekly.
  // The EU Survey request goes out on the last day; the reminders follow until it is submitted.
  'participant-report-submitted': {
    ...MANDATORY_TASK_RULE,
    daysBefore: [14, 7],
    maxOverdue: 6,
    requestOnLastDay: true,
  },
  // The host confirms from the placement-confirmation request; the reminders chase the answer.
  [TASK_KEYS.hostConfirmation]: { ...MANDATORY_TASK_RULE, maxOverdue: 3 },
};

export function reminderRuleFor(task: Pick<TaskTemplate, 'key' | 'mandatory'>): ReminderRule {
  return REMINDER_RULE_OVERRIDES[task.key] ?? (task.mandatory ? MANDATORY_TASK_RULE : OPTIONAL_TASK_RULE);
}

export type ReminderKind = 'request' | 'due-soon' | 'due-today' | 'overdue' | 'catch-up';

/** One reminder occasion: unique per (task, kind, date) — the durable idempotency key. */
export interface ReminderOccasion {
  readonly kind: ReminderKind;
  readonly date: IsoDate;
}

/**
 * Every reminder occasion of one task, in date order. A task that is done or waived has none:
 * completing it cancels whatever was still planned. Dates follow the due date, so new mobility
 * dates re-plan them.
 */
export function planReminders(
  task: {
    readonly dueDate: IsoDate;
    readonly status: 'open' | 'done' | 'waived';
    readonly scheduledOn?: IsoDate | null;
  },
  rule: ReminderRule,
  mobilityEndDate?: IsoDate,
): ReminderOccasion[] {
  if (task.status !== 'open') return [];
  // Due before its schedule was set: one catch-up reminder, the day after, in the digest.
  if (task.scheduledOn != null && isCatchUpTask(task)) {
    return [{ kind: 'catch-up', date: catchUpReminderDate(task.scheduledOn) }];
  }
  const all = planAllReminders(task, rule, mobilityEndDate);
  // Nothing at once: an occasion on or before the day the schedule was set is not sent (whoever
  // set the dates sees the checklist; the recipient hears of it on the next occasion) — except the
  // programme's request on the stay's last day, which is the learner's cue, also when that day is
  // today (a stay shortened to end today).
  const scheduledOn = task.scheduledOn;
  return scheduledOn == null
    ? all
    : all.filter((o) => o.date > scheduledOn || (o.kind === 'request' && o.date === scheduledOn));
}

function planAllReminders(
  task: { readonly dueDate: IsoDate },
  rule: ReminderRule,
  mobilityEndDate?: IsoDate,
): ReminderOccasion[] {
  const occasions: ReminderOccasion[] = [];
  if (rule.requestOnLastDay && mobilityEndDate !== undefined && mobilityEndDate < task.dueDate) {
    occasions.push({ kind: 'request', date: mobilityEndDate });
  }
  for (const days of [...rule.daysBefore].sort((a, b) => b - a)) {
    occasions.push({ kind: 'due-soon', date: addDays(task.dueDate, -days) });
  }
  if (rule.onDueDate) occasions.push({ kind: 'due-today', date: task.dueDate });
  const overdue = [...rule.overdueAfter].sort((a, b) => a - b).slice(0, rule.maxOverdue);
  let last = overdue.at(-1);
  for (const days of overdue) occasions.push({ kind: 'overdue', date: addDays(task.dueDate, days) });
  if (rule.weeklyWhileOverdue && last !== undefined) {
    while (occasions.filter((o) => o.kind === 'overdue').length < rule.maxOverdue) {
      last += 7;
      occasions.push({ kind: 'overdue', date: addDays(task.dueDate, last) });
    }
  }
  return occasions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** An occasion with the instant it goes out (its date's first working moment for the recipient). */
export interface TimedOccasion extends ReminderOccasion {
  readonly sendAt: Date;
}

/**
 * What the sweep does with one task at `now`: send at most ONE reminder — the latest occasion
 * that has come (a task found late does not get a burst of stale reminders) and that is later
 * than the last one already recorded — and when to look again.
 */
export function nextReminderStep(
  occasions: readonly TimedOccasion[],
  lastRecordedDate: IsoDate | null,
  now: Date,
): { readonly due: TimedOccasion | null; readonly nextAt: Date | null } {
  const open = occasions.filter((o) => lastRecordedDate === null || o.date > lastRecordedDate);
  const arrived = open.filter((o) => o.sendAt.getTime() <= now.getTime());
  const due = arrived.at(-1) ?? null;
  const later = open.filter((o) => o.sendAt.getTime() > now.getTime() && (due === null || o.date > due.date));
  const nextAt = later.reduce<Date | null>((min, o) => (min === null || o.sendAt < min ? o.sendAt : min), null);
  return { due, nextAt };
}

/** When a task should next be looked at, without sending anything: its first open occasion. */
export function firstReminderAt(occasions: readonly TimedOccasion[], lastRecordedDate: IsoDate | null): Date | null {
  const open = occasions.filter((o) => lastRecordedDate === null || o.date > lastRecordedDate);
  return open.reduce<Date | null>((min, o) => (min === null || o.sendAt < min ? o.sendAt : min), null);
}

/**
 * The kinds of e-mail the product sends. A recipient may mute a kind only when it is `mutable`:
 * what the programme requires (mandatory deadlines, the host's answer, the participant report)
 * keeps coming.
 */
export const MAIL_KINDS = {
  'task-reminder': { mutable: false },
  'task-advice': { mutable: true },
  'participant-report-request': { mutable: false },
  'placement-request': { mutable: false },
  // The host's answer, to the mobility's responsible person at the school.
  'placement-confirmed': { mutable: false },
  'placement-declined': { mutable: false },
  // To a minor's guardian (their consent link) and, when the guardian does not consent, to the school.
  'guardian-consent-request': { mutable: false },
  'guardian-consent-reminder': { mutable: false },
  'guardian-consent-refused': { mutable: false },
  // A project's deadlines (final report, BM data): the grant's, so never muted (reference §3.5).
  'project-task-reminder': { mutable: false },
  'weekly-digest': { mutable: true },
  // Several task reminders to one recipient on one day, in one mail (grouped by mobility).
  'reminder-digest': { mutable: false },
  // Account e-mails: asked for by the recipient, sent at once (not held for working hours).
  'password-reset': { mutable: false },
  'sign-in-link': { mutable: false },
  invitation: { mutable: false },
} as const satisfies Record<string, { mutable: boolean }>;

export type MailKind = keyof typeof MAIL_KINDS;

export function isMailKind(value: string): value is MailKind {
  return Object.prototype.hasOwnProperty.call(MAIL_KINDS, value);
}

/** The e-mail kind of a task reminder occasion. */
export function mailKindOf(rule: ReminderRule, occasion: Pick<ReminderOccasion, 'kind'>): MailKind {
  if (occasion.kind === 'request' && rule.requestOnLastDay) return 'participant-report-request';
  return rule.mutable ? 'task-advice' : 'task-reminder';
}

/**
 * What a task mail says about its date, from the day it is written rather than the day it was
 * planned for: an occasion found late (a worker was down, a batch waited a day) must not say
 * "due today, 11 November" three weeks later.
 */
export type ReminderWording = 'due-soon' | 'due-today' | 'overdue' | 'catch-up';

export function reminderWording(kind: ReminderKind, dueDate: IsoDate, today: IsoDate): ReminderWording {
  if (kind === 'catch-up') return 'catch-up';
  if (dueDate > today) return 'due-soon';
  return dueDate === today ? 'due-today' : 'overdue';
}

/** How many days ahead the weekly digest looks for tasks falling due. */
export const DIGEST_HORIZON_DAYS = 14;

/** Who receives a task's reminders, by the task's responsible role. */
export type RecipientKind = 'participant' | 'host-contact' | 'sending-contact' | 'beneficiary-contact';

export const RECIPIENT_OF_ROLE: Readonly<Record<TaskRole, RecipientKind>> = {
  learner: 'participant',
  host: 'host-contact',
  sending: 'sending-contact',
  coordinator: 'beneficiary-contact',
};
