import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { audit } from '../audit/audit';
import {
  ActionToken,
  linkNoLongerValid,
  markActionTokenUsed,
  readActionToken,
  TokenState,
} from '../links/action-tokens';
import { LifecycleService } from '../mobility/lifecycle.service';
import { maskEmail } from '../../common/mask-email';
import { ReminderService } from '../notification/reminder.service';
import { HostAnswerService } from '../host-answer/host-answer.service';
import {
  ConfirmPlacementDto,
  DeclinePlacementDto,
  HostPlacementDto,
  PlacementAnswer,
  RenewedLinkDto,
} from './dto/host-link.dto';

/** A renewed link at most this often per mobility: the button cannot be used to flood a host. */
const RENEW_EVERY_MINUTES = 10;

/**
 * The host's placement-confirmation link: no account, one purpose, one use, an expiry. Confirming
 * or declining runs the lifecycle protocol (HOST_CONFIRM / HOST_DECLINE) in the same transaction
 * that uses up the link; the history records the host contact as the actor.
 */
@Injectable()
export class HostLinkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lifecycle: LifecycleService,
    private readonly reminders: ReminderService,
    private readonly answers: HostAnswerService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view(token: string): Promise<HostPlacementDto> {
    const read = await readActionToken(this.db.manager, token, 'placement-confirmation', this.clock.now());
    if (read.state === 'unknown') throw this.unknown();
    return this.placement(this.db.manager, read);
  }

  confirm(token: string, dto: ConfirmPlacementDto, ip: string | null): Promise<HostPlacementDto> {
    return this.use(token, ip, async (em, link, mobilityId) => {
      await this.lifecycle.applyIn(
        em,
        { mobilityId, type: 'HOST_CONFIRM', actor: `host:${link.email}`, viewer: 'mentor' },
        { mentorName: dto.mentorName.trim(), mentorEmail: dto.mentorEmail.toLowerCase() },
      );
      await this.answers.record(em, {
        mobilityId,
        hostOrganisationId: this.hostOf(link),
        answer: 'confirmed',
        answeredBy: link.email,
        mentorName: dto.mentorName.trim(),
      });
    });
  }

  decline(token: string, dto: DeclinePlacementDto, ip: string | null): Promise<HostPlacementDto> {
    return this.use(token, ip, async (em, link, mobilityId) => {
      await this.lifecycle.applyIn(em, {
        mobilityId,
        type: 'HOST_DECLINE',
        reason: dto.reason,
        actor: `host:${link.email}`,
        viewer: 'mentor',
      });
      // Kept apart from the host, which the decline resets: the school learns who said no, and why.
      await this.answers.record(em, {
        mobilityId,
        hostOrganisationId: this.hostOf(link),
        answer: 'declined',
        answeredBy: link.email,
        reason: dto.reason,
      });
    });
  }

  /** A used or expired link asks for a new one: it goes to the same host contact, by e-mail. */
  async renew(token: string, ip: string | null): Promise<RenewedLinkDto> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const read = await readActionToken(em, token, 'placement-confirmation', now);
      if (read.state === 'unknown') throw this.unknown();
      const link = read.token;
      await this.refuseIfDeclined(em, link);
      const mobilityId = await this.waitingPlacement(em, link);
      const [recent] = await em.query(
        `SELECT 1 FROM action_token WHERE mobility_id = $1 AND purpose = 'placement-confirmation' AND created_at > $2`,
        [mobilityId, new Date(now.getTime() - RENEW_EVERY_MINUTES * 60_000).toISOString()],
      );
      if (recent)
        throw Problems.tooManyRequests(
          'link-recently-sent',
          'A new link was sent a few minutes ago: please check your inbox.',
          RENEW_EVERY_MINUTES * 60,
        );
      await this.reminders.requestPlacement(em, mobilityId);
      await audit(em, {
        kind: 'link-used',
        userId: null,
        organisationId: link.organisationId,
        detail: { purpose: 'placement-confirmation', action: 'renew' },
        ip,
        at: now,
      });
      return { sentTo: maskEmail(link.email) };
    });
  }

  private use(
    token: string,
    ip: string | null,
    act: (em: EntityManager, link: ActionToken, mobilityId: string) => Promise<void>,
  ): Promise<HostPlacementDto> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      // Lock order as everywhere: the mobility first, then the link (a coordinator changing the
      // host retires links under the mobility's lock).
      const seen = await readActionToken(em, token, 'placement-confirmation', now);
      if (seen.state === 'unknown') throw this.unknown();
      if (seen.state !== 'valid') throw this.gone(seen.state);
      const mobilityId = await this.waitingPlacement(em, seen.token);
      const read = await readActionToken(em, token, 'placement-confirmation', now, true);
      if (read.state === 'unknown') throw this.unknown();
      if (read.state !== 'valid') throw this.gone(read.state);
      await act(em, read.token, mobilityId);
      await markActionTokenUsed(em, read.token.id, now);
      await audit(em, {
        kind: 'link-used',
        userId: null,
        organisationId: read.token.organisationId,
        detail: { purpose: 'placement-confirmation' },
        ip,
        at: now,
      });
      return this.placement(em, { state: 'used', token: { ...read.token, usedAt: now } });
    });
  }

  private async placement(
    em: EntityManager,
    read: Exclude<TokenState, { state: 'unknown' }>,
  ): Promise<HostPlacementDto> {
    const [row] = await em.query(
      `SELECT m.host_organisation_id AS "hostId", (m.phase IN ('completed', 'withdrawn')) AS closed,
              (SELECT max(e.occurred_at) FROM lifecycle_event e
                WHERE e.mobility_id = m.id AND e.event = 'HOST_DECLINE' AND e.actor = $3) AS "declinedAt",
              p.first_name || ' ' || p.last_name AS "learnerName", p.email AS "learnerEmail", so.name AS "sendingOrganisation",
              coalesce(ho.name, '') AS "hostOrganisation", m.activity_type AS "activityType", m.start_date AS "startDate",
              m.end_date AS "endDate", m.phase, m.placement_confirmed_at IS NOT NULL AS "placementConfirmed", m.mentor_name AS "mentorName"
         FROM mobility m JOIN person p ON p.id = m.person_id
         JOIN organisation so ON so.id = m.sending_organisation_id LEFT JOIN organisation ho ON ho.id = $2
        WHERE m.id = $1`,
      [read.token.mobilityId, read.token.organisationId, `host:${read.token.email}`],
    );
    if (!row) throw this.unknown();
    const { hostId, closed, declinedAt, ...placement } = row;
    const answer: PlacementAnswer = closed
      ? 'closed'
      : hostId === read.token.organisationId
        ? placement.placementConfirmed
          ? 'confirmed'
          : 'waiting'
        : declinedAt
          ? 'declined'
          : 'host-changed';
    // A host that is no longer (or was never) the learner's host keeps what its e-mail said,
    // not the learner's contact or the new host's mentor.
    const current = answer === 'waiting' || answer === 'confirmed';
    // Whom at the school to ask: the mobility's responsible person (or its coordinators, or the school).
    const [contact] = await this.answers.responsible(em, String(read.token.mobilityId));
    return {
      schoolContactName: contact?.name ?? null,
      schoolContactEmail: contact?.email ?? null,
      answer,
      declinedAt: declinedAt ? new Date(declinedAt).toISOString() : null,
      link: read.state,
      linkExpiresAt: new Date(read.token.expiresAt).toISOString(),
      linkUsedAt: read.token.usedAt ? new Date(read.token.usedAt).toISOString() : null,
      ...placement,
      learnerEmail: current ? placement.learnerEmail : '',
      mentorName: current ? placement.mentorName : null,
    };
  }

  /** The link's mobility, locked, if its placement still waits for this host's answer. */
  private async waitingPlacement(em: EntityManager, link: ActionToken): Promise<string> {
    const [mobility] = link.mobilityId
      ? await em.query(
          `SELECT id, host_organisation_id, placement_confirmed_at FROM mobility WHERE id = $1 FOR UPDATE`,
          [link.mobilityId],
        )
      : [];
    if (!mobility) throw this.unknown();
    if (mobility.host_organisation_id !== link.organisationId || mobility.placement_confirmed_at) {
      throw Problems.conflict(
        'placement-settled',
        'Nothing to answer',
        'This placement no longer waits for your answer; the school will be in touch.',
      );
    }
    return mobility.id;
  }

  /** The link's host (a placement link is always issued for one). */
  private hostOf(link: ActionToken): string {
    if (!link.organisationId) throw new Error('placement link without a host organisation');
    return link.organisationId;
  }

  /**
   * A host that declined and is not the host again asks for a new link in vain: it is told that
   * the placement was declined and whom at the school to ask, not "nothing to answer".
   */
  private async refuseIfDeclined(em: EntityManager, link: ActionToken): Promise<void> {
    if (!link.mobilityId) return;
    const [row] = await em.query(
      `SELECT a.answered_at AS "answeredAt", so.name AS school
         FROM host_answer a JOIN mobility m ON m.id = a.mobility_id JOIN organisation so ON so.id = m.sending_organisation_id
        WHERE a.mobility_id = $1 AND a.host_organisation_id = $2 AND a.answer = 'declined'
          AND m.host_organisation_id IS DISTINCT FROM $2
        ORDER BY a.answered_at DESC LIMIT 1`,
      [link.mobilityId, link.organisationId],
    );
    if (!row) return;
    const [contact] = await this.answers.responsible(em, link.mobilityId);
    const day = new Date(row.answeredAt).toISOString().slice(0, 10);
    throw Problems.conflict(
      'placement-declined',
      'You declined this placement',
      `Your organisation declined this placement on ${day}, so there is nothing left to answer and no new link. ` +
        (contact
          ? `If you can host after all, or have a question, contact ${contact.name} at ${row.school}: ${contact.email}.`
          : `If you can host after all, or have a question, contact ${row.school}.`),
    );
  }

  private gone(state: 'used' | 'expired') {
    return linkNoLongerValid(state, {
      used: 'This link was already used. If something changed, ask for a new link or contact the school.',
      expired: 'This link has expired. Ask for a new one: it is sent to the same address.',
    });
  }

  private unknown() {
    return Problems.notFound('Link', 'in this e-mail', 'token');
  }
}
