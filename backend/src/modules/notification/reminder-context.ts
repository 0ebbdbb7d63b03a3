import {
  ActivityTypeCode,
  defaultLocale,
  IsoDate,
  isConsentTask,
  isFinalState,
  MobilityState,
  planReminders,
  RECIPIENT_OF_ROLE,
  reminderRuleFor,
  ReminderRule,
  sendTimeFor,
  TaskRole,
  TimedOccasion,
  WorkingHours,
} from '@mobility-hub/domain';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '../../common/prepared-query';

/** Everything about one task that deciding and writing its reminder needs, read in one query. */
export interface TaskReminderContext {
  readonly taskId: string;
  readonly mobilityId: string;
  readonly key: string;
  readonly title: string;
  readonly guidance: string;
  readonly role: TaskRole;
  readonly mandatory: boolean;
  readonly dueDate: IsoDate;
  /** The day its due date was set: due before it = a catch-up task (one reminder, in the digest). */
  readonly scheduledOn: IsoDate;
  readonly status: 'open' | 'done' | 'waived';
  readonly phase: MobilityState;
  /** The activity's type: mail speaks to a learner or to staff by its family. */
  readonly activityType: ActivityTypeCode;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly participant: string;
  readonly participantFirstName: string;
  readonly participantEmail: string;
  readonly mentorName: string | null;
  readonly mentorEmail: string | null;
  /** A minor's guardian, when the school named one: they receive the reminders of consent tasks. */
  readonly guardianName: string | null;
  readonly guardianEmail: string | null;
  readonly sending: OrganisationContact;
  readonly host: OrganisationContact | null;
  readonly beneficiary: OrganisationContact;
  /** The latest occasion already recorded (sent, muted or unaddressable): never repeated. */
  readonly lastOccasion: IsoDate | null;
}

export interface OrganisationContact {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly timeZone: string;
  readonly country: string;
}

/** Who gets a task's reminder, where they are, and in which language. */
export interface Recipient {
  readonly email: string;
  readonly name: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly organisationId: string;
}

const CONTEXT_SELECT = `
  SELECT t.id AS "taskId", t.mobility_id AS "mobilityId", t.template_key AS key, t.title, t.guidance, t.role,
         t.mandatory, t.due_date AS "dueDate", t.scheduled_on AS "scheduledOn", t.status, m.phase, m.activity_type AS "activityType", m.start_date AS "startDate", m.end_date AS "endDate",
         p.first_name || ' ' || p.last_name AS participant, p.first_name AS "participantFirstName",
         p.email AS "participantEmail", m.mentor_name AS "mentorName", m.mentor_email AS "mentorEmail",
         g.name AS "guardianName", g.email AS "guardianEmail",
         json_build_object('id', so.id, 'name', so.name, 'email', so.email, 'timeZone', so.time_zone, 'country', so.country) AS sending,
         CASE WHEN ho.id IS NULL THEN NULL ELSE
           json_build_object('id', ho.id, 'name', ho.name, 'email', ho.email, 'timeZone', ho.time_zone, 'country', ho.country) END AS host,
         json_build_object('id', bo.id, 'name', bo.name, 'email', bo.email, 'timeZone', bo.time_zone, 'country', bo.country) AS beneficiary,
         (SELECT max(r.occasion_date) FROM reminder r WHERE r.task_id = t.id) AS "lastOccasion"`;

const CONTEXT_FROM = `
    FROM task t
    JOIN mobility m ON m.id = t.mobility_id
    JOIN person p ON p.id = m.person_id
    JOIN project pr ON pr.id = m.project_id
    JOIN organisation so ON so.id = m.sending_organisation_id
    JOIN organisation bo ON bo.id = pr.beneficiary_organisation_id
    LEFT JOIN organisation ho ON ho.id = m.host_organisation_id
    LEFT JOIN guardian g ON g.mobility_id = m.id`;

const CONTEXT_SQL = CONTEXT_SELECT + CONTEXT_FROM;

/** A task's context with what re-planning it compares against: its instant now, and undelivered mail. */
export interface TaskReplanContext extends TaskReminderContext {
  readonly nextReminderAt: Date | null;
  /** Whether a reminder of this task waits in the outbox (pending or queued): something to cancel, maybe. */
  readonly pendingMail: boolean;
}

const REPLAN_SQL = `${CONTEXT_SELECT}, t.next_reminder_at AS "nextReminderAt",
         EXISTS (SELECT 1 FROM reminder r JOIN outbox o ON o.id = r.outbox_id
                  WHERE r.task_id = t.id AND o.status IN ('pending', 'queued')) AS "pendingMail"${CONTEXT_FROM}`;

/** The replan contexts of some tasks (under their mobility's lock, so nobody adds mail meanwhile). */
export function loadReplanContextsOfTasks(em: EntityManager, taskIds: readonly string[]): Promise<TaskReplanContext[]> {
  return preparedQuery(em, `${REPLAN_SQL} WHERE t.id = ANY($1::uuid[])`, [taskIds]);
}

export function loadContextsOfTasks(em: EntityManager, taskIds: readonly string[]): Promise<TaskReminderContext[]> {
  return taskIds.length === 0
    ? Promise.resolve([])
    : preparedQuery(em, `${CONTEXT_SQL} WHERE t.id = ANY($1::uuid[])`, [taskIds]);
}

export function loadContextsOfMobility(em: EntityManager, mobilityId: string): Promise<TaskReminderContext[]> {
  return preparedQuery(em, `${CONTEXT_SQL} WHERE t.mobility_id = $1 ORDER BY t.due_date, t.position`, [mobilityId]);
}

/** The task's responsible role resolved to an address; null when there is nobody to write to. */
export function recipientOf(ctx: TaskReminderContext): Recipient | null {
  // A consent the guardian gives: the learner-facing reminders go to the guardian, in the school's language.
  // Without a guardian nobody can give it (the file flags the missing guardian): no reminder to the
  // minor telling them to tick what only a guardian gives.
  if (RECIPIENT_OF_ROLE[ctx.role] === 'participant' && isConsentTask(ctx.key)) {
    return ctx.guardianEmail ? contactAt(ctx.sending, ctx.guardianEmail, ctx.guardianName ?? ctx.guardianEmail) : null;
  }
  switch (RECIPIENT_OF_ROLE[ctx.role]) {
    case 'participant':
      return contactAt(ctx.sending, ctx.participantEmail, ctx.participantFirstName);
    case 'host-contact':
      if (!ctx.host) return null;
      // The named mentor looks after the learner; otherwise the host organisation's contact.
      return ctx.mentorEmail
        ? contactAt(ctx.host, ctx.mentorEmail, ctx.mentorName ?? ctx.host.name)
        : contactAt(ctx.host, ctx.host.email, ctx.host.name);
    case 'sending-contact':
      return contactAt(ctx.sending, ctx.sending.email, ctx.sending.name);
    case 'beneficiary-contact':
      return contactAt(ctx.beneficiary, ctx.beneficiary.email, ctx.beneficiary.name);
  }
}

function contactAt(organisation: OrganisationContact, email: string | null, name: string): Recipient | null {
  if (!email) return null;
  return {
    email: email.toLowerCase(),
    name,
    timeZone: organisation.timeZone,
    locale: defaultLocale(organisation.country),
    organisationId: organisation.id,
  };
}

export function ruleOf(ctx: Pick<TaskReminderContext, 'key' | 'mandatory'>): ReminderRule {
  return reminderRuleFor(ctx);
}

/**
 * The task's occasions with their send instants in `timeZone` (the recipient's); none for a
 * closed mobility, a done task, or nobody to write to (`timeZone` null).
 */
export function timedOccasions(
  ctx: TaskReminderContext,
  timeZone: string | null,
  hours: WorkingHours,
): TimedOccasion[] {
  if (isFinalState(ctx.phase) || timeZone === null) return [];
  return planReminders(ctx, ruleOf(ctx), ctx.endDate).map((o) => ({
    ...o,
    sendAt: cachedSendTime(o.date, timeZone, hours),
  }));
}

// Tasks share dates and zones: a sweep asks for the same send times thousands of times.
const sendTimes = new Map<string, Date>();

function cachedSendTime(date: string, timeZone: string, hours: WorkingHours): Date {
  const key = `${date}|${timeZone}|${hours.start}-${hours.end}|${hours.days.join(',')}`;
  let at = sendTimes.get(key);
  if (!at) {
    if (sendTimes.size > 50_000) sendTimes.clear();
    at = sendTimeFor(date, timeZone, hours);
    sendTimes.set(key, at);
  }
  return at;
}
