import { matchPerson, normaliseEmail, PersonDetails, sendingOrganisationIds } from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import type { Identity } from '../../common/identity';
import { pagingOf } from '../../common/pagination';
import { Problems } from '../../common/problem/problem';
import { escapeLike } from '../../common/sql';
import { sqlParams } from '../access/access.sql';
import { ListPersonsQuery, ParticipationDto, PersonDto, PersonPageDto, PersonSummaryDto } from './dto/person.dto';
import { PersonEntity } from './person.entity';

interface PersonRow {
  id: string;
  organisation_id: string;
  first_name: string;
  last_name: string;
  email: string;
  date_of_birth: string | null;
  mobility_count: number;
  latest_start_date: string | null;
}

const PERSON_SELECT = `SELECT pe.id, pe.organisation_id, pe.first_name, pe.last_name, pe.email, pe.date_of_birth,
       ps.mobility_count, ps.latest_start_date
  FROM person pe
 CROSS JOIN LATERAL (SELECT count(*)::int AS mobility_count, max(m.start_date) AS latest_start_date
                       FROM mobility m WHERE m.person_id = pe.id) ps`;

/** Who goes on a new mobility: an existing person of the school, or the details of one. */
export type PersonChoice = { readonly personId: string } | { readonly details: PersonDetails };

/**
 * The people a school sends (persons) and their participations. Personal data of the school that
 * named them: only its coordinators and staff find them, and another school's person is a 404.
 */
@Injectable()
export class PersonService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The caller's schools' people, by address, by name or all, paged (sending side only: others get none). */
  async list(identity: Identity, query: ListPersonsQuery): Promise<PersonPageDto> {
    const paging = pagingOf(query);
    const schools = sendingOrganisationIds(identity).filter(
      (id) => query.organisationId === undefined || id === query.organisationId,
    );
    const { params, param } = sqlParams();
    const where = [`pe.organisation_id = ANY(${param(schools)}::uuid[])`];
    if (query.email) where.push(`lower(pe.email) = ${param(normaliseEmail(query.email))}`);
    if (query.q?.trim()) {
      const pattern = param(`%${escapeLike(query.q.trim())}%`);
      where.push(`(pe.first_name || ' ' || pe.last_name ILIKE ${pattern} OR pe.email ILIKE ${pattern})`);
    }
    const filter = where.join(' AND ');
    const countParams = params.slice();
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `${PERSON_SELECT} WHERE ${filter}
          ORDER BY pe.last_name, pe.first_name, pe.id LIMIT ${param(paging.pageSize)} OFFSET ${param(paging.offset)}`,
        params,
      ) as Promise<PersonRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM person pe WHERE ${filter}`, countParams) as Promise<
        { total: number }[]
      >,
    ]);
    return { items: rows.map(toSummary), total, page: paging.page, pageSize: paging.pageSize };
  }

  /** One person of the caller's schools with every mobility of theirs there; 404 for anyone else's. */
  async get(identity: Identity, id: string): Promise<PersonDto> {
    const [row] = (await this.db.query(`${PERSON_SELECT} WHERE pe.id = $1 AND pe.organisation_id = ANY($2::uuid[])`, [
      id,
      sendingOrganisationIds(identity),
    ])) as PersonRow[];
    if (!row) throw Problems.notFound('Person', id);
    const participations = (await this.db.query(
      `SELECT m.id AS "mobilityId", m.project_id AS "projectId", pr.reference AS "projectReference",
              pr.title AS "projectTitle", m.activity_type AS "activityType", h.name AS "hostName",
              m.start_date AS "startDate", m.end_date AS "endDate", m.phase
         FROM mobility m JOIN project pr ON pr.id = m.project_id
         LEFT JOIN organisation h ON h.id = m.host_organisation_id
        WHERE m.person_id = $1
        ORDER BY m.start_date DESC, m.id`,
      [id],
    )) as ParticipationDto[];
    return { ...toSummary(row), participations };
  }

  /**
   * The person a new mobility of `school`'s project is for, inside the creating transaction:
   * - by `personId`: a person of this school (404 naming `personId` otherwise);
   * - by details: the school's person with that address if there is one — the same person, whose
   *   record gains a date of birth it lacked, or a 409 `person-details-differ` when names or date of
   *   birth disagree (never a silent rename); else a new person, linked to the account of the address.
   * One address is one person per school, even when two mobilities name a new one at once.
   */
  async forNewMobility(em: EntityManager, school: string, choice: PersonChoice): Promise<PersonEntity> {
    if ('personId' in choice) {
      const person = await em
        .createQueryBuilder(PersonEntity, 'pe')
        .setLock('pessimistic_write')
        .where('pe.id = :id AND pe.organisation_id = :school', { id: choice.personId, school })
        .getOne();
      if (!person) throw Problems.notFound('Person', choice.personId, 'personId');
      if (!person.userAccountId) await this.linkAccount(em, person);
      return person;
    }
    const given = { ...choice.details, email: normaliseEmail(choice.details.email) };
    const userAccountId = await this.accountOf(em, given.email, `${given.firstName} ${given.lastName}`);
    const [inserted] = (await em.query(
      `INSERT INTO person (organisation_id, first_name, last_name, email, date_of_birth, user_account_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organisation_id, lower(email)) DO NOTHING
       RETURNING id`,
      [school, given.firstName, given.lastName, given.email, given.dateOfBirth, userAccountId, this.clock.now()],
    )) as { id: string }[];
    if (inserted) return em.findOneByOrFail(PersonEntity, { id: inserted.id });

    const known = await em
      .createQueryBuilder(PersonEntity, 'pe')
      .setLock('pessimistic_write')
      .where('pe.organisation_id = :school AND lower(pe.email) = :email', { school, email: given.email })
      .getOneOrFail();
    const match = matchPerson(known, given);
    if (match.kind === 'differs') {
      throw Problems.conflict(
        'person-details-differ',
        'Known under other details',
        `Your school already knows ${given.email} as ${known.firstName} ${known.lastName}` +
          `${known.dateOfBirth ? ` (born ${known.dateOfBirth})` : ''}: create the mobility for that person ` +
          `(personId) or correct the details.`,
        { errors: match.violations, personId: known.id },
      );
    }
    if (match.kind === 'adds') {
      await em.update(PersonEntity, { id: known.id }, { dateOfBirth: match.dateOfBirth });
      known.dateOfBirth = match.dateOfBirth;
    }
    if (!known.userAccountId) {
      known.userAccountId = userAccountId;
      await em.update(PersonEntity, { id: known.id }, { userAccountId });
    }
    return known;
  }

  private async linkAccount(em: EntityManager, person: PersonEntity): Promise<void> {
    person.userAccountId = await this.accountOf(em, person.email, `${person.firstName} ${person.lastName}`);
    await em.update(PersonEntity, { id: person.id }, { userAccountId: person.userAccountId });
  }

  /**
   * The account of the person a school names by `email` (normalised): made if the address has none
   * (no password: a learner signs in with a link e-mailed to them), else the one it has — another
   * school's learner, a staff member — whose person records this one joins. One statement, so two
   * schools naming the same new address at once still make one account.
   */
  private async accountOf(em: EntityManager, email: string, displayName: string): Promise<string> {
    const [account] = (await em.query(
      `INSERT INTO user_account (email, display_name, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO UPDATE SET email = excluded.email
       RETURNING id`,
      [email, displayName, this.clock.now().toISOString()],
    )) as { id: string }[];
    return account.id;
  }
}

function toSummary(row: PersonRow): PersonSummaryDto {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    dateOfBirth: row.date_of_birth,
    mobilityCount: row.mobility_count,
    latestStartDate: row.latest_start_date,
  };
}
