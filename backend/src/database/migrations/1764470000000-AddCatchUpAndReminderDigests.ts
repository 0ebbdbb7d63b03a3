import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail people want to read: each task records the day its current due date was set
 * (`scheduled_on`: a task due before it is a catch-up task, never overdue, reminded once); a
 * reminder occasion may be that catch-up reminder; an e-mail carries the name of the organisation
 * it is sent for (the sender line names the school, not the software).
 */
export class AddCatchUpAndReminderDigests1764470000000 implements MigrationInterface {
  name = 'AddCatchUpAndReminderDigests1764470000000';

  async up(q: QueryRunner): Promise<void> {
    // Writers set it from the application's clock; the default only covers a writer that does not.
    await q.query(`ALTER TABLE task ADD COLUMN scheduled_on date NOT NULL DEFAULT CURRENT_DATE`);
    // Existing tasks were scheduled when their mobility was created.
    await q.query(`UPDATE task t SET scheduled_on = m.created_at::date FROM mobility m WHERE m.id = t.mobility_id`);
    await q.query(`ALTER TABLE reminder DROP CONSTRAINT reminder_kind_check`);
    await q.query(`ALTER TABLE reminder ADD CONSTRAINT reminder_kind_check
      CHECK (kind IN ('request', 'due-soon', 'due-today', 'overdue', 'catch-up'))`);
    await q.query(`ALTER TABLE outbox ADD COLUMN sender_name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN sender_name`);
    await q.query(`DELETE FROM reminder WHERE kind = 'catch-up'`);
    await q.query(`ALTER TABLE reminder DROP CONSTRAINT reminder_kind_check`);
    await q.query(`ALTER TABLE reminder ADD CONSTRAINT reminder_kind_check
      CHECK (kind IN ('request', 'due-soon', 'due-today', 'overdue'))`);
    await q.query(`ALTER TABLE task DROP COLUMN scheduled_on`);
  }
}
