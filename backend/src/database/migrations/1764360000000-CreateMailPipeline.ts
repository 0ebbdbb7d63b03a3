import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and e-mail: every message is first an `outbox` row; every reminder occasion is a
 * unique `reminder` row written with its outbox row; tasks and organisations carry the instant
 * they are next looked at, so a sweep reads only what is due through a partial index.
 */
export class CreateMailPipeline1764360000000 implements MigrationInterface {
  name = 'CreateMailPipeline1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mobility ADD COLUMN mentor_name text, ADD COLUMN mentor_email text`);
    await q.query(`ALTER TABLE task ADD COLUMN next_reminder_at timestamptz`);
    await q.query(`CREATE INDEX task_next_reminder_idx ON task (next_reminder_at) WHERE next_reminder_at IS NOT NULL`);
    await q.query(`ALTER TABLE organisation ADD COLUMN next_digest_at timestamptz`);
    await q.query(`CREATE INDEX organisation_next_digest_idx ON organisation (next_digest_at) WHERE email IS NOT NULL`);

    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        mobility_id uuid REFERENCES mobility (id) ON DELETE CASCADE,
        organisation_id uuid REFERENCES organisation (id) ON DELETE CASCADE,
        recipient_email text NOT NULL,
        recipient_name text NOT NULL,
        locale text NOT NULL,
        subject text NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'queued', 'sent', 'failed', 'cancelled')),
        send_after timestamptz NOT NULL,
        delivery int NOT NULL DEFAULT 1,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL,
        enqueued_at timestamptz,
        sent_at timestamptz,
        smtp_message_id text,
        CHECK (status <> 'sent' OR sent_at IS NOT NULL)
      )`);
    // The relay reads what is pending and due, and what was queued long ago (Redis may have lost it).
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (send_after) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX outbox_queued_idx ON outbox (enqueued_at) WHERE status = 'queued'`);
    await q.query(`CREATE INDEX outbox_status_created_idx ON outbox (status, created_at DESC)`);
    await q.query(`CREATE INDEX outbox_mobility_idx ON outbox (mobility_id, created_at DESC)`);
    await q.query(`CREATE INDEX outbox_recipient_idx ON outbox (recipient_email, created_at DESC)`);

    await q.query(`
      CREATE TABLE reminder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        mobility_id uuid NOT NULL REFERENCES mobility (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('request', 'due-soon', 'due-today', 'overdue')),
        occasion_date date NOT NULL,
        mail_kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('outboxed', 'muted', 'no-recipient')),
        outbox_id uuid REFERENCES outbox (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL,
        UNIQUE (task_id, kind, occasion_date)
      )`);
    await q.query(`CREATE INDEX reminder_mobility_idx ON reminder (mobility_id, occasion_date)`);

    await q.query(`
      CREATE TABLE digest (
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        week_of date NOT NULL,
        outbox_id uuid REFERENCES outbox (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, week_of)
      )`);

    await q.query(`
      CREATE TABLE mail_mute (
        recipient_email text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (recipient_email, kind)
      )`);

    // What the embedded SMTP catcher received (development and demo only).
    await q.query(`
      CREATE TABLE caught_mail (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        received_at timestamptz NOT NULL DEFAULT now(),
        envelope_from text,
        envelope_to text[] NOT NULL,
        message_id text,
        subject text NOT NULL,
        html text,
        text text,
        headers jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX caught_mail_received_idx ON caught_mail (received_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE caught_mail`);
    await q.query(`DROP TABLE mail_mute`);
    await q.query(`DROP TABLE digest`);
    await q.query(`DROP TABLE reminder`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP INDEX organisation_next_digest_idx`);
    await q.query(`ALTER TABLE organisation DROP COLUMN next_digest_at`);
    await q.query(`DROP INDEX task_next_reminder_idx`);
    await q.query(`ALTER TABLE task DROP COLUMN next_reminder_at`);
    await q.query(`ALTER TABLE mobility DROP COLUMN mentor_name, DROP COLUMN mentor_email`);
  }
}
