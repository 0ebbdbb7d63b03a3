import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The project's own lifecycle (reference §3.5, §3.6, §4.8): what a coordinator records (the final
 * report's submission in the BM, the NA's decision, the interim report's due date), its history,
 * its dated tasks, and one unique row per reminder occasion and recipient of those tasks.
 * Existing projects get their tasks with the default deadlines (final report P1+60).
 */
export class CreateProjectLifecycle1764450000000 implements MigrationInterface {
  name = 'CreateProjectLifecycle1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE project
        ADD COLUMN report_submitted_on date,
        ADD COLUMN closed_on date,
        ADD COLUMN interim_report_due_date date,
        ADD CONSTRAINT project_closed_after_submission CHECK (closed_on IS NULL OR (report_submitted_on IS NOT NULL AND closed_on >= report_submitted_on))`);

    await q.query(`
      CREATE TABLE project_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The order of entries written at the same instant (one transaction, a fixed clock).
        seq bigint GENERATED ALWAYS AS IDENTITY,
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        event text NOT NULL,
        from_status text,
        to_status text,
        occurred_on date,
        detail jsonb NOT NULL DEFAULT '{}',
        actor text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX project_event_project_idx ON project_event (project_id, at, seq)`);

    await q.query(`
      CREATE TABLE project_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        template_key text NOT NULL,
        title text NOT NULL,
        guidance text NOT NULL,
        mandatory boolean NOT NULL,
        position int NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'waived')),
        status_changed_by text,
        status_changed_at timestamptz,
        note text,
        waiver_reason text,
        next_reminder_at timestamptz,
        UNIQUE (project_id, template_key),
        CHECK (status <> 'waived' OR waiver_reason IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX project_task_next_reminder_idx ON project_task (next_reminder_at) WHERE next_reminder_at IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE project_reminder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_task_id uuid NOT NULL REFERENCES project_task (id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('due-soon', 'due-today', 'overdue')),
        occasion_date date NOT NULL,
        recipient_email text NOT NULL,
        mail_kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('outboxed', 'muted', 'no-recipient')),
        outbox_id uuid REFERENCES outbox (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL,
        UNIQUE (project_task_id, kind, occasion_date, recipient_email)
      )`);
    await q.query(`CREATE INDEX project_reminder_project_idx ON project_reminder (project_id, occasion_date)`);

    // Tasks of the projects that exist, as planProjectTasks dates them with the default 60 days,
    // due for a look by the next sweep (next_reminder_at = now): it plans their reminders as it does
    // for every task, so existing projects are reminded like new ones (one round for what is overdue).
    await q.query(`
      INSERT INTO project_task (project_id, template_key, title, guidance, mandatory, position, due_date, status, next_reminder_at)
      SELECT p.id, t.key, t.title, t.guidance, true, t.position, p.end_date + t.days, 'open', now()
        FROM project p CROSS JOIN (VALUES
          ('bm-mobilities-complete', 'All mobilities marked Complete in the Beneficiary Module',
           'Draft mobilities are left out of the budget summary and block the final report: check actual dates, travel days and interruptions, then set every mobility to Complete.', 0, 30),
          ('bm-organisations-checked', 'Organisation and contact data checked in the Beneficiary Module',
           'Check the participating organisations and contact persons. Project dates and titles change only through an amendment with the National Agency.', 1, 30),
          ('participant-reports-received', 'Participant reports received (or exclusion agreed with the NA)',
           'Every participant has submitted the EU Survey report; for a report that cannot come (e.g. force majeure), agree the exclusion with the National Agency.', 2, 45),
          ('evidence-file-complete', 'Evidence file complete',
           'Learning agreements, certificates and Europass documents, attendance proofs, travel evidence with green-travel declarations, invoices for inclusion support and exceptional costs.', 3, 45),
          ('final-report-submitted', 'Final beneficiary report submitted in the Beneficiary Module',
           'Generate the final beneficiary report in the Reports tab, fill the narrative sections, attach the documents and have the legal representative submit it. Record the submission date here.', 4, 60)
        ) AS t(key, title, guidance, position, days)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_reminder`);
    await q.query(`DROP TABLE project_task`);
    await q.query(`DROP TABLE project_event`);
    await q.query(`
      ALTER TABLE project
        DROP CONSTRAINT project_closed_after_submission,
        DROP COLUMN interim_report_due_date,
        DROP COLUMN closed_on,
        DROP COLUMN report_submitted_on`);
  }
}
