import {
  ActivityTypeCode,
  ageAtStart,
  consentState,
  guardianViolations,
  isFinalState,
  isLearnerActivity,
  isMinorOn,
  isSendingSide,
  minorityChange,
  MobilityRole,
  TASK_KEYS,
} from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock';
import { actorOf, Identity } from '../../../common/identity';
import { Problems } from '../../../common/problem/problem';
import { AccessService } from '../../access/access.service';
import { GuardianMailService } from '../../notification/guardian-mail.service';
import { ReminderService } from '../../notification/reminder.service';
import { syncGuardianConsentTask } from '../checklist/conditional-tasks';
import { MobilityFile } from '../mobility-file.service';
import { LockedMobility, MobilityRepository } from '../mobility.repository';
import { GuardianFileDto, GuardianInputDto, ResentLinkDto } from './dto/guardian.dto';
import {
  consentLinkExpiry,
  GuardianRow,
  lastConsentAnswer,
  readGuardian,
  recordConsentAnswer,
  retireConsentLinks,
  saveGuardian,
} from './guardian.store';

/** The consent task of a mobility, if it has one. */
async function consentTask(em: EntityManager, mobilityId: string): Promise<{ id: string; status: string } | null> {
  const [row] = (await em.query(`SELECT id, status FROM task WHERE mobility_id = $1 AND template_key = $2`, [
    mobilityId,
    TASK_KEYS.guardianConsent,
  ])) as { id: string; status: string }[];
  return row ?? null;
}

async function dateOfBirthOf(em: EntityManager, mobilityId: string): Promise<string | null> {
  const [row] = (await em.query(
    `SELECT p.date_of_birth AS "dateOfBirth" FROM mobility m JOIN person p ON p.id = m.person_id WHERE m.id = $1`,
    [mobilityId],
  )) as { dateOfBirth: string | null }[];
  return row?.dateOfBirth ?? null;
}

/**
 * A minor's guardian and their consent, part of the mobility file (same lock, same version): named
 * by the school on create or later, asked for consent through a one-use link, answering through it.
 * Nobody else gives the consent: the task is neither ticked nor waived by hand (`taskEditBlocker`).
 */
@Injectable()
export class GuardianService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: MobilityRepository,
    private readonly file: MobilityFile,
    private readonly access: AccessService,
    private readonly mail: GuardianMailService,
    private readonly reminders: ReminderService,
    private readonly clock: Clock,
  ) {}

  /** The guardian part of the file, for the sending side and the learner (not the host: not its business). */
  async get(identity: Identity, mobilityId: string): Promise<GuardianFileDto> {
    const role = await this.access.requireOnMobility(
      identity,
      mobilityId,
      (r) => r !== 'mentor',
      "see a participant's guardian",
    );
    return this.db.transaction('REPEATABLE READ', (em) => this.read(em, mobilityId, role));
  }

  /** Names or changes the guardian (sending side). A new address retires the old link and, while consent is open, gets a new one. */
  async update(
    identity: Identity,
    mobilityId: string,
    dto: GuardianInputDto,
    expectedVersion: number | undefined,
  ): Promise<GuardianFileDto> {
    await this.access.mobilityRole(identity, mobilityId);
    return this.db.transaction(async (em) => {
      const mobility = await this.repository.lock(em, mobilityId);
      const role = this.access.requireOnLocked(identity, mobility, isSendingSide, "change a participant's guardian");
      this.repository.checkVersion(mobility, expectedVersion);
      if (isFinalState(mobility.phase)) {
        throw Problems.conflict('mobility-closed', 'Mobility closed', `The mobility is ${mobility.phase}.`);
      }
      const minor =
        isLearnerActivity(mobility.activityType) && isMinorOn(await dateOfBirthOf(em, mobilityId), mobility.startDate);
      const violations = guardianViolations(minor, dto);
      if (violations.length) throw Problems.ruleViolated(violations);
      const now = this.clock.now();
      const guardian = dto as GuardianRow;
      const previous = await saveGuardian(em, mobilityId, guardian, now);
      const newAddress = previous?.email !== guardian.email.toLowerCase();
      const task = await consentTask(em, mobilityId);
      if (newAddress) await retireConsentLinks(em, mobilityId, now);
      const unchanged =
        previous !== null &&
        !newAddress &&
        previous.name === guardian.name.trim() &&
        previous.phone === guardian.phone.trim() &&
        previous.relationship === guardian.relationship;
      if (!unchanged) {
        await this.file.commit(em, mobility, {
          changes: {},
          // The consent task's reminders follow the guardian's address.
          touchedTasks: task ? [{ id: task.id, status: task.status as 'open' | 'done' | 'waived' }] : [],
          history: {
            event: 'EDIT',
            from: mobility.phase,
            to: mobility.phase,
            actor: actorOf(identity),
            reason: previous ? `guardian changed${newAddress ? ' (new e-mail address)' : ''}` : 'guardian named',
            at: now,
          },
        });
      }
      if (newAddress && task?.status === 'open') await this.mail.requestConsent(em, mobilityId);
      return this.read(em, mobilityId, role);
    });
  }

  /** Sends the guardian a new consent link (earlier ones retire), while consent is still open. */
  async resend(identity: Identity, mobilityId: string): Promise<ResentLinkDto> {
    await this.access.mobilityRole(identity, mobilityId);
    return this.db.transaction(async (em) => {
      const mobility = await this.repository.lock(em, mobilityId);
      this.access.requireOnLocked(identity, mobility, isSendingSide, 'send the guardian a consent link');
      await this.openConsent(em, mobility);
      const guardian = await readGuardian(em, mobilityId);
      if (!guardian) {
        throw Problems.ruleViolated([
          { field: 'guardian', rule: 'required for minors', message: 'name the guardian first' },
        ]);
      }
      await this.mail.requestConsent(em, mobilityId);
      return { sentTo: guardian.email };
    });
  }

  /** On create (inside its transaction): the guardian stored and, for a minor, asked for consent. */
  async created(
    em: EntityManager,
    mobilityId: string,
    guardian: GuardianRow | undefined,
    minor: boolean,
  ): Promise<void> {
    if (!guardian) return;
    await saveGuardian(em, mobilityId, guardian, this.clock.now());
    if (minor) await this.mail.requestConsent(em, mobilityId);
  }

  /**
   * After new dates were committed (same transaction): a participant who became a minor gets the
   * consent task (and, if a guardian is named, the request); one who became an adult loses it while open.
   */
  async datesChanged(em: EntityManager, mobilityId: string, previousStart: string): Promise<void> {
    const [m] = (await em.query(
      `SELECT id, start_date AS "startDate", end_date AS "endDate", checklist_version AS "checklistVersion",
              activity_type AS "activityType" FROM mobility WHERE id = $1`,
      [mobilityId],
    )) as {
      id: string;
      startDate: string;
      endDate: string;
      checklistVersion: number;
      activityType: ActivityTypeCode;
    }[];
    if (!isLearnerActivity(m.activityType)) return;
    const change = minorityChange(await dateOfBirthOf(em, mobilityId), previousStart, m.startDate);
    if (!change) return;
    const minor = change === 'became-minor';
    const { added } = await syncGuardianConsentTask(em, m, m, minor, this.clock.now());
    if (added) {
      await this.reminders.replan(em, mobilityId, [{ id: added, status: 'open' }]);
      if (await readGuardian(em, mobilityId)) await this.mail.requestConsent(em, mobilityId);
    }
    if (!minor) await retireConsentLinks(em, mobilityId, this.clock.now());
  }

  /**
   * The guardian's answer through their link, under the mobility's lock (the caller holds it and
   * the link's row): recorded with who typed which name, when and from where; consent marks the task
   * done through the file commit (history: CONSENT), a refusal leaves it open and tells the school.
   */
  async answer(
    em: EntityManager,
    mobility: LockedMobility,
    input: {
      answer: 'given' | 'refused';
      signedName: string;
      guardianEmail: string;
      ip: string | null;
      reason?: string;
    },
  ): Promise<void> {
    const task = await this.openConsent(em, mobility);
    const now = this.clock.now();
    const actor = `guardian:${input.guardianEmail}`;
    await recordConsentAnswer(
      em,
      mobility.id,
      { answer: input.answer, signedName: input.signedName, guardianEmail: input.guardianEmail, ip: input.ip },
      now,
    );
    if (input.answer === 'given') {
      await em.query(
        `UPDATE task SET status = 'done', status_changed_by = $2, status_changed_at = $3, waiver_reason = NULL WHERE id = $1`,
        [task.id, actor, now.toISOString()],
      );
    }
    await this.file.commit(em, mobility, {
      changes: {},
      touchedTasks: [{ id: task.id, status: input.answer === 'given' ? 'done' : 'open' }],
      history: {
        event: 'CONSENT',
        from: mobility.phase,
        to: mobility.phase,
        actor,
        reason:
          input.answer === 'given'
            ? `consent given by ${input.signedName}`
            : `consent refused by ${input.signedName}${input.reason ? `: ${input.reason}` : ''}`,
        at: now,
      },
    });
    if (input.answer === 'refused') await this.mail.consentRefused(em, mobility.id, input.reason ?? null);
  }

  /** The open consent task of a mobility that is not closed; 409 consent-settled otherwise. */
  private async openConsent(em: EntityManager, mobility: Pick<LockedMobility, 'id' | 'phase'>) {
    const task = await consentTask(em, mobility.id);
    if (isFinalState(mobility.phase) || !task || task.status !== 'open') {
      throw Problems.conflict(
        'consent-settled',
        'Nothing to consent to',
        !task
          ? 'The participant is not a minor on the first day abroad: no guardian consent is needed.'
          : task.status === 'done'
            ? 'Consent has already been given.'
            : 'The mobility is closed.',
      );
    }
    return task;
  }

  async read(em: EntityManager, mobilityId: string, role: MobilityRole): Promise<GuardianFileDto> {
    const [m] = (await em.query(`SELECT start_date AS "startDate" FROM mobility WHERE id = $1`, [mobilityId])) as {
      startDate: string;
    }[];
    const dob = await dateOfBirthOf(em, mobilityId);
    const guardian = await readGuardian(em, mobilityId);
    const last = await lastConsentAnswer(em, mobilityId);
    const minor = isMinorOn(dob, m.startDate);
    const expiry = await consentLinkExpiry(em, mobilityId, this.clock.now());
    return {
      ageAtStart: ageAtStart(dob, m.startDate),
      minor,
      guardian,
      consent: consentState({ minor, hasGuardian: guardian !== null, lastAnswer: last?.answer ?? null }),
      lastAnswer: last
        ? {
            answer: last.answer,
            signedName: last.signedName,
            guardianEmail: last.guardianEmail,
            // Where the answer came from is the school's evidence, not the participant's business.
            ip: isSendingSide(role) ? last.ip : null,
            answeredAt: new Date(last.answeredAt).toISOString(),
          }
        : null,
      linkExpiresAt: expiry ? new Date(expiry).toISOString() : null,
      editable: isSendingSide(role),
    };
  }
}
