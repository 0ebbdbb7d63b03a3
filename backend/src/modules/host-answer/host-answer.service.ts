import {
  defaultLocale,
  HostAnswerKind,
  hostAnswersSince,
  isHostAnswerCurrent,
  MobilityState,
  nextSeenUpTo,
  nextWorkingMoment,
} from '@mobility-hub/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import type { Identity } from '../../common/identity';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { sendingSideMobilitySql, sqlParams } from '../access/access.sql';
import { MailLinks } from '../links/mail-links';
import { MailRenderer } from '../notification/mail-renderer';
import { insertOutboxRows, NewOutboxRow } from '../notification/outbox.repository';
import { hostAnswerMail } from './host-answer-mail';
import { HostAnswerDto, HostAnswerNoticesQuery, RecentHostAnswersDto } from './dto/host-answer.dto';

/** What a host answered, as the host link records it (inside its transaction). */
export interface NewHostAnswer {
  readonly mobilityId: string;
  readonly hostOrganisationId: string;
  readonly answer: HostAnswerKind;
  /** The host's contact address the link was sent to. */
  readonly answeredBy: string;
  readonly reason?: string | null;
  readonly mentorName?: string | null;
}

/** Someone at the school: who the host's answer goes to, and whom the host may ask. */
export interface SchoolContact {
  readonly name: string;
  readonly email: string;
}

/** At most this many answers in "since your last visit" (the newest). */
const RECENT_LIMIT = 50;

const ANSWER_COLUMNS = `a.mobility_id AS "mobilityId", a.answer, a.host_name AS "hostName", a.host_organisation_id AS "hostOrganisationId",
  a.answered_by AS "answeredBy", a.answered_at AS "answeredAt", a.reason, a.mentor_name AS "mentorName",
  p.first_name || ' ' || p.last_name AS participant, m.project_id AS "projectId",
  m.host_organisation_id AS "currentHostId", m.placement_confirmed_at IS NOT NULL AS "placementConfirmed", m.phase`;

interface AnswerRow {
  mobilityId: string;
  answer: HostAnswerKind;
  hostName: string;
  hostOrganisationId: string | null;
  answeredBy: string;
  answeredAt: Date;
  reason: string | null;
  mentorName: string | null;
  participant: string;
  projectId: string;
  currentHostId: string | null;
  placementConfirmed: boolean;
  phase: MobilityState;
  /** Whether it is the mobility's latest answer (an older one is never current). */
  latest: boolean;
}

/**
 * Host answers that reach the school. The host link records each confirmation or decline here, in
 * its transaction, and writes the mail to the mobility's responsible person through the outbox; the
 * board and the file read the mobility's current answer as a notice, and the home page the answers
 * since the person's last visit (a "seen up to" instant per user, kept in the database).
 */
@Injectable()
export class HostAnswerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: MailRenderer,
    private readonly links: MailLinks,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Records the answer and writes its mail to the school, inside the host link's transaction. */
  async record(em: EntityManager, answer: NewHostAnswer): Promise<void> {
    const now = this.clock.now();
    const [facts] = await em.query(
      `SELECT ho.name AS "hostName", p.first_name || ' ' || p.last_name AS participant,
              m.start_date AS "startDate", m.end_date AS "endDate", m.sending_organisation_id AS "schoolId",
              so.name AS "schoolName", so.country AS "schoolCountry", so.time_zone AS "schoolTimeZone"
         FROM mobility m JOIN person p ON p.id = m.person_id
         JOIN organisation so ON so.id = m.sending_organisation_id
         JOIN organisation ho ON ho.id = $2
        WHERE m.id = $1`,
      [answer.mobilityId, answer.hostOrganisationId],
    );
    if (!facts) throw new Error(`host answer: mobility ${answer.mobilityId} or host not found`);
    const reason = answer.reason?.trim() || null;
    await em.query(
      `INSERT INTO host_answer (mobility_id, host_organisation_id, host_name, answer, answered_by, mentor_name, reason, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        answer.mobilityId,
        answer.hostOrganisationId,
        facts.hostName,
        answer.answer,
        answer.answeredBy.toLowerCase(),
        answer.mentorName ?? null,
        reason,
        now.toISOString(),
      ],
    );
    const recipients = await this.responsible(em, answer.mobilityId);
    const locale = defaultLocale(facts.schoolCountry);
    const sendAfter = nextWorkingMoment(now, facts.schoolTimeZone, this.config.reminders.workingHours);
    const rows: NewOutboxRow[] = recipients.map((to) => {
      const mail = hostAnswerMail({
        answer: answer.answer,
        locale,
        recipientName: to.name,
        school: facts.schoolName,
        participant: facts.participant,
        hostName: facts.hostName,
        answeredBy: answer.answeredBy.toLowerCase(),
        answeredOn: this.clock.today(facts.schoolTimeZone),
        reason,
        mentorName: answer.mentorName ?? null,
        startDate: facts.startDate,
        endDate: facts.endDate,
        mobilityUrl: this.links.mobility(answer.mobilityId),
      });
      return {
        id: randomUUID(),
        kind: mail.kind,
        mobilityId: answer.mobilityId,
        organisationId: facts.schoolId,
        recipientEmail: to.email.toLowerCase(),
        recipientName: to.name,
        // The sender line names the school, as every mail about a mobility does.
        senderName: facts.schoolName,
        locale,
        ...this.renderer.render(mail),
        // A reply goes to the host's contact who answered, not to the no-reply sender.
        headers: { 'Reply-To': answer.answeredBy.toLowerCase() },
        sendAfter,
      };
    });
    await insertOutboxRows(em, rows, now);
  }

  /**
   * Who at the school answers for a mobility: the person who created it while they still work on
   * its sending side, else the coordinators of the sending school (or of the project's
   * beneficiary), else the sending school's contact address. Disabled accounts never.
   */
  async responsible(em: EntityManager, mobilityId: string): Promise<SchoolContact[]> {
    const rows: { name: string; email: string; rank: number }[] = await em.query(
      `WITH mob AS (
         SELECT m.id, m.sending_organisation_id AS school, pr.beneficiary_organisation_id AS beneficiary
           FROM mobility m JOIN project pr ON pr.id = m.project_id WHERE m.id = $1),
       creator AS (
         SELECT e.actor FROM lifecycle_event e WHERE e.mobility_id = $1 AND e.event = 'CREATE' ORDER BY e.sequence LIMIT 1),
       people AS (
         SELECT DISTINCT u.display_name AS name, u.email,
                CASE WHEN u.email = (SELECT actor FROM creator) THEN 0
                     WHEN ms.organisation_id = mob.school AND ms.role = 'coordinator' THEN 1
                     WHEN ms.organisation_id = mob.beneficiary AND ms.role = 'coordinator' THEN 2 ELSE 9 END AS rank
           FROM mob JOIN membership ms ON ms.organisation_id IN (mob.school, mob.beneficiary)
           JOIN user_account u ON u.id = ms.user_id
          WHERE u.disabled_at IS NULL AND ms.role IN ('coordinator', 'staff'))
       SELECT name, email, min(rank) AS rank FROM people WHERE rank < 9 GROUP BY name, email
       UNION ALL
       SELECT o.name, o.email, 5 FROM mob JOIN organisation o ON o.id = mob.school WHERE o.email IS NOT NULL
       ORDER BY rank, email`,
      [mobilityId],
    );
    const best = rows.length ? Math.min(...rows.map((r) => Number(r.rank))) : null;
    return rows.filter((r) => Number(r.rank) === best).map((r) => ({ name: r.name, email: r.email }));
  }

  /**
   * The current answers (see isHostAnswerCurrent) of one project's or one mobility's mobilities the
   * person works on (sending side): the board's and the file's notices.
   */
  async notices(identity: Identity, query: HostAnswerNoticesQuery): Promise<HostAnswerDto[]> {
    const { params, param } = sqlParams();
    const where = [sendingSideMobilitySql(identity, param)];
    if (query.projectId) where.push(`m.project_id = ${param(query.projectId)}`);
    if (query.mobilityId) where.push(`m.id = ${param(query.mobilityId)}`);
    const rows: AnswerRow[] = await this.db.query(
      `SELECT DISTINCT ON (a.mobility_id) ${ANSWER_COLUMNS}, true AS latest
         FROM host_answer a JOIN mobility m ON m.id = a.mobility_id JOIN person p ON p.id = m.person_id
        WHERE ${where.join(' AND ')} AND m.phase NOT IN ('completed', 'withdrawn')
        ORDER BY a.mobility_id, a.answered_at DESC, a.id`,
      params,
    );
    return rows.map((r) => this.toDto(r)).filter((a) => a.current);
  }

  /** The answers since the person last marked them seen (or the last 30 days), newest first. */
  async recent(identity: Identity): Promise<RecentHostAnswersDto> {
    const [user] = await this.db.query(`SELECT host_answers_seen_at AS seen FROM user_account WHERE id = $1`, [
      identity.userId,
    ]);
    const since = hostAnswersSince(user?.seen ? new Date(user.seen) : null, this.clock.now());
    const { params, param } = sqlParams();
    const rows: AnswerRow[] = await this.db.query(
      `SELECT ${ANSWER_COLUMNS},
              NOT EXISTS (SELECT 1 FROM host_answer later WHERE later.mobility_id = a.mobility_id
                            AND (later.answered_at, later.id) > (a.answered_at, a.id)) AS latest
         FROM host_answer a JOIN mobility m ON m.id = a.mobility_id JOIN person p ON p.id = m.person_id
        WHERE ${sendingSideMobilitySql(identity, param)} AND a.answered_at > ${param(since.toISOString())}
        ORDER BY a.answered_at DESC, a.id LIMIT ${RECENT_LIMIT}`,
      params,
    );
    return { since: since.toISOString(), answers: rows.map((r) => this.toDto(r)) };
  }

  /** The person has seen the answers up to `upTo`: the instant moves forward only, never past now. */
  async markSeen(identity: Identity, upTo: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [user] = await em.query(`SELECT host_answers_seen_at AS seen FROM user_account WHERE id = $1 FOR UPDATE`, [
        identity.userId,
      ]);
      const next = nextSeenUpTo(user?.seen ? new Date(user.seen) : null, new Date(upTo), this.clock.now());
      await em.query(`UPDATE user_account SET host_answers_seen_at = $2 WHERE id = $1`, [
        identity.userId,
        next.toISOString(),
      ]);
    });
  }

  private toDto(r: AnswerRow): HostAnswerDto {
    const answeredAt = new Date(r.answeredAt).toISOString();
    const current =
      r.latest &&
      isHostAnswerCurrent(
        { answer: r.answer, hostOrganisationId: r.hostOrganisationId, hostName: r.hostName, answeredAt },
        { hostOrganisationId: r.currentHostId, placementConfirmed: r.placementConfirmed, phase: r.phase },
      );
    return {
      mobilityId: r.mobilityId,
      answer: r.answer,
      hostName: r.hostName,
      answeredBy: r.answeredBy,
      answeredAt,
      reason: r.reason,
      mentorName: r.mentorName,
      participant: r.participant,
      projectId: r.projectId,
      current,
    };
  }
}
