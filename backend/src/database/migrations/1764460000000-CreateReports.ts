import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports (issue 14): exports and imports as worker jobs, their files kept in PostgreSQL (one store
 * for API and worker processes on any host; the file and "done" are one transaction; a retention
 * sweep deletes them), and the BM data a mobility lacked: the "Mobility activity ID" (assigned from
 * a per-project counter, backfilled in creation order) and the fewer-opportunities flag.
 */
export class CreateReports1764460000000 implements MigrationInterface {
  name = 'CreateReports1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE project ADD COLUMN mobility_counter int NOT NULL DEFAULT 0`);
    await q.query(`
      ALTER TABLE mobility
        ADD COLUMN fewer_opportunities boolean NOT NULL DEFAULT false,
        ADD COLUMN bm_activity_id text`);
    await q.query(`
      WITH numbered AS (
        SELECT m.id, p.reference,
               row_number() OVER (PARTITION BY m.project_id ORDER BY m.created_at, m.id) AS seq
          FROM mobility m JOIN project p ON p.id = m.project_id)
      UPDATE mobility m
         SET bm_activity_id = lpad(right(regexp_replace(n.reference, '\\D', '', 'g'), 6), 6, '0')
                              || '-MOB-' || lpad(n.seq::text, 5, '0')
        FROM numbered n WHERE n.id = m.id`);
    await q.query(`
      UPDATE project p SET mobility_counter = coalesce((SELECT count(*) FROM mobility m WHERE m.project_id = p.id), 0)`);
    await q.query(`ALTER TABLE mobility ALTER COLUMN bm_activity_id SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX mobility_bm_activity_id_key ON mobility (project_id, bm_activity_id)`);

    await q.query(`
      CREATE TABLE stored_file (
        key text PRIMARY KEY,
        content bytea NOT NULL,
        content_type text NOT NULL,
        byte_size int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX stored_file_expires_idx ON stored_file (expires_at)`);

    await q.query(`
      CREATE TABLE report_export (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('final-report', 'bm-mobilities')),
        format text NOT NULL CHECK (format IN ('xlsx', 'csv', 'pdf')),
        options jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        rows int NOT NULL DEFAULT 0,
        total_rows int,
        error text,
        violations jsonb NOT NULL DEFAULT '[]',
        file_key text REFERENCES stored_file (key) ON DELETE SET NULL,
        file_name text,
        content_type text,
        byte_size int,
        requested_by_user_id uuid,
        requested_by text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz
      )`);
    await q.query(`CREATE INDEX report_export_project_idx ON report_export (project_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE report_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        dry_run boolean NOT NULL,
        format text NOT NULL CHECK (format IN ('xlsx', 'csv')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        rows int NOT NULL DEFAULT 0,
        total_rows int,
        valid boolean,
        committed boolean NOT NULL DEFAULT false,
        report jsonb NOT NULL DEFAULT '[]',
        summary jsonb,
        error text,
        file_key text REFERENCES stored_file (key) ON DELETE SET NULL,
        file_name text NOT NULL,
        requested_by_user_id uuid,
        requested_by text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX report_import_project_idx ON report_import (project_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_import`);
    await q.query(`DROP TABLE report_export`);
    await q.query(`DROP TABLE stored_file`);
    await q.query(`DROP INDEX mobility_bm_activity_id_key`);
    await q.query(`ALTER TABLE mobility DROP COLUMN bm_activity_id, DROP COLUMN fewer_opportunities`);
    await q.query(`ALTER TABLE project DROP COLUMN mobility_counter`);
  }
}
