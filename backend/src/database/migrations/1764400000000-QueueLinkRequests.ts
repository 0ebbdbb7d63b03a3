import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A request for an e-mailed link (password reset, learner's sign-in link) is recorded as a row and
 * answered at once; looking the address up, issuing the link and writing the mail happen after the
 * answer, so its time does not tell whether the address has an account. A row is deleted once
 * handled; one that keeps failing stays, marked failed, for a human to see. `link_mail_throttle`
 * remembers when link mails went to an address in the last hour (the per-address limit, shared
 * by every API process).
 */
export class QueueLinkRequests1764400000000 implements MigrationInterface {
  name = 'QueueLinkRequests1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE link_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose text NOT NULL CHECK (purpose IN ('password-reset', 'magic-link')),
        email text NOT NULL,
        ip text,
        requested_at timestamptz NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        failed_at timestamptz
      )`);
    await q.query(`CREATE INDEX link_request_due_idx ON link_request (next_attempt_at) WHERE failed_at IS NULL`);
    await q.query(`
      CREATE TABLE link_mail_throttle (
        email text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('password-reset', 'magic-link')),
        -- when link mails of this kind went to this address within the last hour
        sent_at timestamptz[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (email, purpose)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE link_mail_throttle`);
    await q.query(`DROP TABLE link_request`);
  }
}
