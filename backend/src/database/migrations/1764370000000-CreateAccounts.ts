import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts: users with a role per organisation, server-side sessions (only a hash of the cookie's
 * token is stored), single-purpose action tokens (invitations, password resets, magic links, host
 * links; hashed too) and the audit log of security events.
 */
export class CreateAccounts1764370000000 implements MigrationInterface {
  name = 'CreateAccounts1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        display_name text NOT NULL,
        -- argon2id (PHC string); null until an invited user sets one, or for magic-link-only learners
        password_hash text,
        -- a learner is linked to their participant record and sees only that mobility
        participant_id uuid UNIQUE REFERENCES participant (id) ON DELETE SET NULL,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX user_account_email_key ON user_account (email)`);

    // Failed sign-ins per e-mail address, whether or not an account has it: a lockout that only
    // existing accounts got would tell an attacker which addresses have one.
    await q.query(`
      CREATE TABLE sign_in_throttle (
        email text PRIMARY KEY,
        failures int NOT NULL,
        locked_until timestamptz,
        updated_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE membership (
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('coordinator', 'staff', 'mentor')),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX membership_organisation_idx ON membership (organisation_id, role)`);

    await q.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX session_user_idx ON session (user_id)`);
    await q.query(`CREATE INDEX session_expiry_idx ON session (expires_at)`);

    await q.query(`
      CREATE TABLE action_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'password-reset', 'magic-link', 'placement-confirmation')),
        email text NOT NULL,
        user_id uuid REFERENCES user_account (id) ON DELETE CASCADE,
        organisation_id uuid REFERENCES organisation (id) ON DELETE CASCADE,
        mobility_id uuid REFERENCES mobility (id) ON DELETE CASCADE,
        role text CHECK (role IN ('coordinator', 'staff', 'mentor')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        organisation_id uuid REFERENCES organisation (id) ON DELETE CASCADE,
        user_id uuid REFERENCES user_account (id) ON DELETE SET NULL,
        -- what happened, never a password or a token
        detail jsonb NOT NULL DEFAULT '{}',
        ip text,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_event_organisation_idx ON audit_event (organisation_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX audit_event_user_idx ON audit_event (user_id, occurred_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP TABLE action_token`);
    await q.query(`DROP TABLE session`);
    await q.query(`DROP TABLE membership`);
    await q.query(`DROP TABLE sign_in_throttle`);
    await q.query(`DROP TABLE user_account`);
  }
}
