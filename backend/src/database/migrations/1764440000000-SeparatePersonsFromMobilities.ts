import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People who come back: the PERSON (name, contact, date of birth, account) is separated from the
 * PARTICIPATION (a mobility). `participant` becomes `person`, owned by the school that named them —
 * the beneficiary of the project of their mobility — and unique per school and address
 * (`(organisation_id, lower(email))`); `mobility.participant_id` becomes `mobility.person_id`, no
 * longer unique, so a returning apprentice or a teacher who goes every year is one person with
 * several mobilities. Another school naming the same address keeps its own person (its own personal
 * data); the one account of the address links them all (issue 12).
 *
 * Existing records of one school with one address (lower-cased, trimmed) are merged into one person:
 * - the person keeps the id, names and e-mail of the LATEST record (created_at, then id): the school's
 *   most recent entry of that person;
 * - its date of birth is the latest record's if it has one, else the latest known one of the group.
 *   When two records disagree on the date of birth, the latest record's wins (a later entry is taken
 *   as the school's correction); the other value is not lost: it stays in `person_merge_log`.
 * - every mobility of the group points at the person.
 * Every record this migration changes (merged away, kept as the person, or its address normalised to
 * lower case without spaces, as the API stores addresses) is written to `person_merge_log` as it was,
 * with its mobility: that log is what `down` restores from, and where a coordinator's question
 * ("which date of birth did we have?") is answered. It holds personal data: drop it with the next
 * migration once this one no longer needs undoing.
 *
 * A record no mobility points at (none is made by the API: a mobility and its participant are created
 * in one transaction) has no school: its `organisation_id` stays null and no lookup finds it.
 */
export class SeparatePersonsFromMobilities1764440000000 implements MigrationInterface {
  name = 'SeparatePersonsFromMobilities1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participant RENAME TO person`);
    await q.query(`ALTER INDEX participant_pkey RENAME TO person_pkey`);
    await q.query(`ALTER INDEX participant_user_account_idx RENAME TO person_user_account_idx`);
    await q.query(
      `ALTER TABLE person RENAME CONSTRAINT participant_user_account_id_fkey TO person_user_account_id_fkey`,
    );
    await q.query(`ALTER TABLE person ADD COLUMN organisation_id uuid REFERENCES organisation (id)`);
    // v1: one mobility per record (participant_id was unique), so the owner is that mobility's beneficiary.
    await q.query(
      `UPDATE person pe SET organisation_id = pr.beneficiary_organisation_id
         FROM mobility m JOIN project pr ON pr.id = m.project_id
        WHERE m.participant_id = pe.id`,
    );

    await q.query(`
      CREATE TABLE person_merge_log (
        participant_id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        kept boolean NOT NULL,
        mobility_id uuid,
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text NOT NULL,
        date_of_birth date,
        user_account_id uuid,
        created_at timestamptz NOT NULL,
        merged_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Each record's group (school, normalised address) and its person: the group's latest record.
    await q.query(`
      CREATE TEMP TABLE person_group AS
      SELECT pe.id AS participant_id,
             first_value(pe.id) OVER w AS person_id,
             count(*) OVER (PARTITION BY pe.organisation_id, lower(btrim(pe.email))) AS size,
             first_value(pe.date_of_birth) OVER (
               PARTITION BY pe.organisation_id, lower(btrim(pe.email))
               ORDER BY pe.date_of_birth IS NULL, pe.created_at DESC, pe.id DESC) AS date_of_birth,
             -- The account: the latest record's, or the latest linked one's (a learner keeps their sign-in).
             first_value(pe.user_account_id) OVER (
               PARTITION BY pe.organisation_id, lower(btrim(pe.email))
               ORDER BY pe.user_account_id IS NULL, pe.created_at DESC, pe.id DESC) AS user_account_id
        FROM person pe
       WHERE pe.organisation_id IS NOT NULL
      WINDOW w AS (PARTITION BY pe.organisation_id, lower(btrim(pe.email)) ORDER BY pe.created_at DESC, pe.id DESC)`);
    // Every record that changes, as it was.
    await q.query(`
      INSERT INTO person_merge_log (participant_id, person_id, kept, mobility_id, first_name, last_name, email,
                                    date_of_birth, user_account_id, created_at)
      SELECT pe.id, coalesce(g.person_id, pe.id), coalesce(g.person_id, pe.id) = pe.id, m.id, pe.first_name,
             pe.last_name, pe.email, pe.date_of_birth, pe.user_account_id, pe.created_at
        FROM person pe
        LEFT JOIN person_group g ON g.participant_id = pe.id
        LEFT JOIN mobility m ON m.participant_id = pe.id
       WHERE coalesce(g.size, 1) > 1 OR pe.email <> lower(btrim(pe.email))`);
    await q.query(`UPDATE person SET email = lower(btrim(email)) WHERE email <> lower(btrim(email))`);
    await q.query(
      `UPDATE person pe SET date_of_birth = g.date_of_birth, user_account_id = g.user_account_id
         FROM person_group g
        WHERE g.participant_id = pe.id AND g.person_id = pe.id AND g.size > 1
          AND (pe.date_of_birth IS DISTINCT FROM g.date_of_birth OR pe.user_account_id IS DISTINCT FROM g.user_account_id)`,
    );

    await q.query(`ALTER TABLE mobility DROP CONSTRAINT mobility_participant_id_key`);
    await q.query(`ALTER TABLE mobility RENAME COLUMN participant_id TO person_id`);
    await q.query(`ALTER TABLE mobility RENAME CONSTRAINT mobility_participant_id_fkey TO mobility_person_id_fkey`);
    await q.query(
      `UPDATE mobility m SET person_id = g.person_id
         FROM person_group g WHERE g.participant_id = m.person_id AND g.person_id <> g.participant_id`,
    );
    await q.query(
      `DELETE FROM person pe USING person_group g WHERE g.participant_id = pe.id AND g.person_id <> g.participant_id`,
    );
    await q.query(`DROP TABLE person_group`);
    await q.query(`CREATE INDEX mobility_person_idx ON mobility (person_id)`);
    // One person per school and address: a returning learner is found, not made twice.
    await q.query(`CREATE UNIQUE INDEX person_organisation_email_key ON person (organisation_id, lower(email))`);
    // The school's people by name (the lookup when creating a mobility).
    await q.query(`CREATE INDEX person_organisation_name_idx ON person (organisation_id, last_name, first_name)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_organisation_name_idx`);
    await q.query(`DROP INDEX person_organisation_email_key`);
    await q.query(`DROP INDEX mobility_person_idx`);
    // The records merged away come back with their own ids, their mobilities point at them again, and
    // every changed record gets its values back.
    await q.query(
      `INSERT INTO person (id, first_name, last_name, email, date_of_birth, user_account_id, created_at, organisation_id)
       SELECT l.participant_id, l.first_name, l.last_name, l.email, l.date_of_birth, l.user_account_id, l.created_at,
              pe.organisation_id
         FROM person_merge_log l LEFT JOIN person pe ON pe.id = l.person_id
        WHERE NOT l.kept AND NOT EXISTS (SELECT 1 FROM person x WHERE x.id = l.participant_id)`,
    );
    await q.query(
      `UPDATE mobility m SET person_id = l.participant_id
         FROM person_merge_log l WHERE l.mobility_id = m.id AND NOT l.kept`,
    );
    await q.query(
      `UPDATE person pe SET first_name = l.first_name, last_name = l.last_name, email = l.email,
              date_of_birth = l.date_of_birth, user_account_id = l.user_account_id
         FROM person_merge_log l WHERE l.participant_id = pe.id AND l.kept`,
    );
    // Participations made since (a person's second mobility): the former model holds one mobility per
    // record, so each later mobility gets a copy of its person; the earliest keeps the original.
    await q.query(`
      CREATE TEMP TABLE person_copy AS
      SELECT m.id AS mobility_id, m.person_id, gen_random_uuid() AS copy_id
        FROM (SELECT id, person_id, row_number() OVER (PARTITION BY person_id ORDER BY created_at, id) AS n
                FROM mobility) m
       WHERE m.n > 1`);
    await q.query(
      `INSERT INTO person (id, first_name, last_name, email, date_of_birth, user_account_id, created_at, organisation_id)
       SELECT c.copy_id, pe.first_name, pe.last_name, pe.email, pe.date_of_birth, pe.user_account_id, pe.created_at,
              pe.organisation_id
         FROM person_copy c JOIN person pe ON pe.id = c.person_id`,
    );
    await q.query(`UPDATE mobility m SET person_id = c.copy_id FROM person_copy c WHERE c.mobility_id = m.id`);
    await q.query(`DROP TABLE person_copy`);
    await q.query(`DROP TABLE person_merge_log`);
    await q.query(`ALTER TABLE mobility RENAME CONSTRAINT mobility_person_id_fkey TO mobility_participant_id_fkey`);
    await q.query(`ALTER TABLE mobility RENAME COLUMN person_id TO participant_id`);
    await q.query(`ALTER TABLE mobility ADD CONSTRAINT mobility_participant_id_key UNIQUE (participant_id)`);
    await q.query(`ALTER TABLE person DROP COLUMN organisation_id`);
    await q.query(
      `ALTER TABLE person RENAME CONSTRAINT person_user_account_id_fkey TO participant_user_account_id_fkey`,
    );
    await q.query(`ALTER INDEX person_user_account_idx RENAME TO participant_user_account_idx`);
    await q.query(`ALTER INDEX person_pkey RENAME TO participant_pkey`);
    await q.query(`ALTER TABLE person RENAME TO participant`);
  }
}
