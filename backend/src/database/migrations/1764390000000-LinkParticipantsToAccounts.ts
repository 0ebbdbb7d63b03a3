import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One person, one account, every participation: the participant record points at the account of its
 * address (`participant.user_account_id`) instead of the account pointing at one participant. Two
 * schools naming the same learner give two participant records (each school's own data) linked to
 * the one account, which sees both mobilities. Existing participants are linked to the account of
 * their address; `user_account.participant_id` goes.
 */
export class LinkParticipantsToAccounts1764390000000 implements MigrationInterface {
  name = 'LinkParticipantsToAccounts1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE participant ADD COLUMN user_account_id uuid REFERENCES user_account (id) ON DELETE SET NULL`,
    );
    // The links there are, then every other participant whose address has an account (account
    // addresses are lower-case, a CHECK says so; a participant's is matched the same way).
    await q.query(`UPDATE participant p SET user_account_id = u.id FROM user_account u WHERE u.participant_id = p.id`);
    await q.query(
      `UPDATE participant p SET user_account_id = u.id FROM user_account u
        WHERE p.user_account_id IS NULL AND u.email = lower(btrim(p.email))`,
    );
    await q.query(`CREATE INDEX participant_user_account_idx ON participant (user_account_id)`);
    await q.query(`ALTER TABLE user_account DROP COLUMN participant_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE user_account ADD COLUMN participant_id uuid UNIQUE REFERENCES participant (id) ON DELETE SET NULL`,
    );
    // The former model holds one participant per account: the latest one.
    await q.query(
      `UPDATE user_account u SET participant_id = (SELECT p.id FROM participant p WHERE p.user_account_id = u.id
                                                    ORDER BY p.created_at DESC, p.id LIMIT 1)`,
    );
    await q.query(`DROP INDEX participant_user_account_idx`);
    await q.query(`ALTER TABLE participant DROP COLUMN user_account_id`);
  }
}
