import { ACTIVITY_TYPES, ActivityTypeCode, consentState, isMinorOn } from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Problems } from '../../common/problem/problem';
import { audit } from '../audit/audit';
import { linkNoLongerValid, markActionTokenUsed, readActionToken, TokenState } from '../links/action-tokens';
import { GuardianService } from '../mobility/guardian/guardian.service';
import { MobilityRepository } from '../mobility/mobility.repository';
import { GuardianConsentViewDto } from './dto/guardian-link.dto';

const PURPOSE = 'guardian-consent';

/**
 * A minor's guardian answers through the link e-mailed to them: no account, one purpose, one use,
 * an expiry (like the host's placement link). Opening it changes nothing; consenting or refusing
 * records the typed name, the time and the client address, under the mobility's lock in the same
 * transaction that uses up the link.
 *
 * A refusal is recorded and leaves the consent task open: the school is told by e-mail, talks to the
 * family, and may send a new link later (a guardian who changes their mind consents through it).
 */
@Injectable()
export class GuardianLinkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: MobilityRepository,
    private readonly guardians: GuardianService,
    private readonly clock: Clock,
  ) {}

  async view(token: string): Promise<GuardianConsentViewDto> {
    const read = await readActionToken(this.db.manager, token, PURPOSE, this.clock.now());
    if (read.state === 'unknown') throw this.unknown();
    return this.summary(this.db.manager, read);
  }

  answer(
    token: string,
    answer: 'given' | 'refused',
    input: { name: string; reason?: string },
    ip: string | null,
  ): Promise<GuardianConsentViewDto> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      // Lock order as everywhere: the mobility first, then the link.
      const seen = await readActionToken(em, token, PURPOSE, now);
      if (seen.state === 'unknown' || !seen.token.mobilityId) throw this.unknown();
      if (seen.state !== 'valid') throw this.gone(seen.state);
      const mobility = await this.repository.lock(em, seen.token.mobilityId);
      const read = await readActionToken(em, token, PURPOSE, now, true);
      if (read.state === 'unknown') throw this.unknown();
      if (read.state !== 'valid') throw this.gone(read.state);
      await this.guardians.answer(em, mobility, {
        answer,
        signedName: input.name.trim(),
        guardianEmail: read.token.email,
        ip,
        reason: input.reason?.trim() || undefined,
      });
      await markActionTokenUsed(em, read.token.id, now);
      await audit(em, {
        kind: 'link-used',
        userId: null,
        organisationId: read.token.organisationId,
        detail: { purpose: PURPOSE, answer },
        ip,
        at: now,
      });
      return this.summary(em, { state: 'used', token: { ...read.token, usedAt: now } });
    });
  }

  private async summary(
    em: EntityManager,
    read: Exclude<TokenState, { state: 'unknown' }>,
  ): Promise<GuardianConsentViewDto> {
    const [row] = (await em.query(
      `SELECT m.activity_type AS "activityType", m.start_date AS "startDate", m.end_date AS "endDate",
              m.travel_days AS "travelDays", m.phase IN ('completed', 'withdrawn') AS closed,
              p.first_name || ' ' || p.last_name AS "participantName", p.date_of_birth AS "dateOfBirth",
              so.name AS school, so.email AS "schoolEmail",
              ho.name AS "hostOrganisation", ho.city AS "hostCity", ho.country AS "hostCountry",
              g.name AS "guardianName",
              (SELECT c.answer FROM guardian_consent c WHERE c.mobility_id = m.id
                ORDER BY c.id DESC LIMIT 1) AS "lastAnswer"
         FROM mobility m JOIN person p ON p.id = m.person_id
         JOIN organisation so ON so.id = m.sending_organisation_id
         LEFT JOIN organisation ho ON ho.id = m.host_organisation_id
         LEFT JOIN guardian g ON g.mobility_id = m.id
        WHERE m.id = $1`,
      [read.token.mobilityId],
    )) as (Omit<
      GuardianConsentViewDto,
      'link' | 'linkExpiresAt' | 'linkUsedAt' | 'consent' | 'activity' | 'answeredAt'
    > & {
      dateOfBirth: string | null;
      lastAnswer: 'given' | 'refused' | null;
      guardianName: string | null;
    })[];
    if (!row) throw this.unknown();
    const { dateOfBirth, lastAnswer, ...mobility } = row;
    return {
      link: read.state,
      linkExpiresAt: new Date(read.token.expiresAt).toISOString(),
      linkUsedAt: read.token.usedAt ? new Date(read.token.usedAt).toISOString() : null,
      consent: consentState({
        minor: isMinorOn(dateOfBirth, row.startDate),
        hasGuardian: row.guardianName !== null,
        lastAnswer,
      }),
      ...mobility,
      guardianName: row.guardianName ?? '',
      activity: ACTIVITY_TYPES[row.activityType as ActivityTypeCode].label,
      answeredAt: read.token.usedAt ? new Date(read.token.usedAt).toISOString() : null,
    };
  }

  private gone(state: 'used' | 'expired') {
    return linkNoLongerValid(state, {
      used: 'This link was already used: your answer is recorded. If something changed, please contact the school.',
      expired: 'This link has expired. Please ask the school for a new one.',
    });
  }

  private unknown() {
    return Problems.notFound('Link', 'in this e-mail', 'token');
  }
}
