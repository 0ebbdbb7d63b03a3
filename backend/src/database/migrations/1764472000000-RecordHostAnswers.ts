import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Host answers reach the school (issue 15): each confirmation or decline through a host's link is
 * kept as a row of its own — who answered, for which organisation (its name as it was), when, the
 * reason or the mentor — which survives the host being reset or replaced; and each user's "answers
 * seen up to" instant, for the home page's "answers since your last visit".
 */
export class RecordHostAnswers1764472000000 implements MigrationInterface {
  name = 'RecordHostAnswers1764472000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE host_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mobility_id uuid NOT NULL REFERENCES mobility (id) ON DELETE CASCADE,
        host_organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
        host_name text NOT NULL,
        answer text NOT NULL CHECK (answer IN ('confirmed', 'declined')),
        answered_by text NOT NULL,
        mentor_name text,
        reason text,
        answered_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX host_answer_mobility_idx ON host_answer (mobility_id, answered_at DESC)`);
    await q.query(`CREATE INDEX host_answer_answered_at_idx ON host_answer (answered_at DESC)`);
    // Declines recorded before this table existed: the lifecycle history has who (the host's
    // contact), when and why, but not the organisation; its current name is the best there is.
    await q.query(`
      INSERT INTO host_answer (mobility_id, host_organisation_id, host_name, answer, answered_by, reason, answered_at)
      SELECT e.mobility_id, o.id, coalesce(o.name, ''), CASE e.event WHEN 'HOST_CONFIRM' THEN 'confirmed' ELSE 'declined' END,
             substr(e.actor, 6), e.reason, e.occurred_at
        FROM lifecycle_event e
        LEFT JOIN LATERAL (
          SELECT t.organisation_id FROM action_token t
           WHERE t.mobility_id = e.mobility_id AND t.purpose = 'placement-confirmation'
             AND t.email = substr(e.actor, 6) AND t.used_at IS NOT NULL
           ORDER BY abs(extract(epoch FROM t.used_at - e.occurred_at)) LIMIT 1) tok ON true
        LEFT JOIN organisation o ON o.id = tok.organisation_id
       WHERE e.event IN ('HOST_CONFIRM', 'HOST_DECLINE') AND e.actor LIKE 'host:%'`);
    await q.query(`ALTER TABLE user_account ADD COLUMN host_answers_seen_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_account DROP COLUMN host_answers_seen_at`);
    await q.query(`DROP TABLE host_answer`);
  }
}
