import type { OutboxMessageDto, PlannedReminderDto, SentReminderDto } from '@mobility-hub/api-client';

export type MailKind = OutboxMessageDto['kind'];
export type OutboxStatus = OutboxMessageDto['status'];
export type ReminderOccasion = PlannedReminderDto['occasion'];

/** What each kind of e-mail is, as a coordinator reads it in a list. */
export const MAIL_KIND_LABELS: Readonly<Record<MailKind, string>> = {
  'task-reminder': 'Deadline reminder',
  'task-advice': 'Suggestion',
  'participant-report-request': 'Participant report request',
  'placement-request': 'Placement request',
  'placement-confirmed': 'Host confirmed',
  'placement-declined': 'Host declined',
  'guardian-consent-request': 'Guardian consent request',
  'guardian-consent-reminder': 'Guardian consent reminder',
  'guardian-consent-refused': 'Guardian did not consent',
  'project-task-reminder': 'Project deadline reminder',
  'weekly-digest': 'Weekly digest',
  'reminder-digest': 'Reminders (several tasks)',
  'password-reset': 'Password reset',
  'sign-in-link': 'Sign-in link',
  invitation: 'Invitation',
};

/** The same kinds, as the recipient reads them in a sentence ("you receive …"). */
export const MAIL_KIND_PHRASES: Readonly<Record<MailKind, string>> = {
  'task-reminder': 'reminders of checklist deadlines',
  'task-advice': 'suggestions for optional checklist tasks',
  'participant-report-request': 'requests to submit the participant report',
  'placement-request': 'requests to confirm a placement',
  'placement-confirmed': 'notes that a host confirmed a placement',
  'placement-declined': 'notes that a host declined a placement',
  'guardian-consent-request': 'requests to consent to a minor’s stay abroad',
  'guardian-consent-reminder': 'reminders to consent to a minor’s stay abroad',
  'guardian-consent-refused': 'notes that a guardian did not consent',
  'project-task-reminder': 'reminders of your projects’ deadlines (final report, Beneficiary Module data)',
  'weekly-digest': 'the weekly summary of open tasks',
  'reminder-digest': 'one daily e-mail listing your checklist tasks that are due',
  'password-reset': 'e-mails to reset your password',
  'sign-in-link': 'sign-in links',
  invitation: 'invitations to join an organisation',
};

export const OUTBOX_STATUS_LABELS: Readonly<Record<OutboxStatus, string>> = {
  pending: 'Pending',
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const OCCASION_LABELS: Readonly<Record<ReminderOccasion, string>> = {
  request: 'First request',
  'due-soon': 'Due soon',
  'due-today': 'Due today',
  overdue: 'Overdue',
  'catch-up': 'Catch-up (once, in the day’s reminder)',
};

/** What became of a reminder occasion that has come. */
export function sentReminderOutcome(reminder: Pick<SentReminderDto, 'status' | 'mailStatus'>): string {
  if (reminder.status === 'muted') return 'Not sent: muted by the recipient';
  if (reminder.status === 'no-recipient') return 'Not sent: no e-mail address on file';
  return reminder.mailStatus ? OUTBOX_STATUS_LABELS[reminder.mailStatus] : 'Written';
}
