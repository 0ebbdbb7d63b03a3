import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Minors and the people around them, each in its own table keyed by the mobility: the guardian a
 * school names for a participant under 18 on the first day abroad, every answer the guardian gave
 * through their one-use link (who typed their name, when, from which address), and the school's
 * staff members who accompany a group or a minor. The guardian's link is an action token of its own
 * purpose. No column here is meant for special-category data (health, religion: reference §7.2).
 */
export class RecordGuardians1764420000000 implements MigrationInterface {
  name = 'RecordGuardians1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guardian (
        mobility_id uuid PRIMARY KEY REFERENCES mobility (id) ON DELETE CASCADE,
        name text NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        phone text NOT NULL,
        relationship text NOT NULL CHECK (relationship IN ('parent', 'legal-guardian', 'other')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE guardian_consent (
        -- in the order the answers were recorded (the latest one counts)
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        mobility_id uuid NOT NULL REFERENCES mobility (id) ON DELETE CASCADE,
        answer text NOT NULL CHECK (answer IN ('given', 'refused')),
        -- the name the guardian typed, the address the link was sent to, where the answer came from
        signed_name text NOT NULL,
        guardian_email text NOT NULL,
        ip text,
        answered_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX guardian_consent_mobility_idx ON guardian_consent (mobility_id, id DESC)`);
    await q.query(`
      CREATE TABLE accompanying_person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mobility_id uuid NOT NULL REFERENCES mobility (id) ON DELETE CASCADE,
        user_account_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        start_date date NOT NULL,
        end_date date NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK (end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX accompanying_person_mobility_idx ON accompanying_person (mobility_id)`);
    await q.query(`ALTER TABLE action_token DROP CONSTRAINT action_token_purpose_check`);
    await q.query(`ALTER TABLE action_token ADD CONSTRAINT action_token_purpose_check
      CHECK (purpose IN ('invitation', 'password-reset', 'magic-link', 'placement-confirmation', 'guardian-consent'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM action_token WHERE purpose = 'guardian-consent'`);
    await q.query(`ALTER TABLE action_token DROP CONSTRAINT action_token_purpose_check`);
    await q.query(`ALTER TABLE action_token ADD CONSTRAINT action_token_purpose_check
      CHECK (purpose IN ('invitation', 'password-reset', 'magic-link', 'placement-confirmation'))`);
    await q.query(`DROP TABLE accompanying_person`);
    await q.query(`DROP TABLE guardian_consent`);
    await q.query(`DROP TABLE guardian`);
  }
}
