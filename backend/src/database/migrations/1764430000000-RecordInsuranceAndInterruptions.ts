import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 (insurance, the calendar, interruptions): per mobility, the insurance covers the sending
 * side recorded (health, accident, third-party liability), the interruption of a stay (actual last
 * day, reason, force majeure, who and when) and the participant report's status as the BM shows it.
 * Existing mobilities get no cover, no interruption and no report status; their lifecycle snapshots
 * (machine version 1) are migrated to version 2 by the domain when next read.
 */
export class RecordInsuranceAndInterruptions1764430000000 implements MigrationInterface {
  name = 'RecordInsuranceAndInterruptions1764430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mobility
        ADD COLUMN insurance jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN insurance_recorded_at timestamptz,
        ADD COLUMN insurance_recorded_by text,
        ADD COLUMN actual_end_date date,
        ADD COLUMN interruption_reason text,
        ADD COLUMN force_majeure boolean,
        ADD COLUMN interrupted_at timestamptz,
        ADD COLUMN interrupted_by text,
        ADD COLUMN participant_report_status text,
        ADD COLUMN participant_report_requested_at timestamptz,
        ADD COLUMN participant_report_last_sent_at timestamptz,
        ADD COLUMN participant_report_resent_count int NOT NULL DEFAULT 0,
        ADD COLUMN participant_report_submitted_at timestamptz,
        ADD CONSTRAINT mobility_insurance_is_array CHECK (jsonb_typeof(insurance) = 'array'),
        ADD CONSTRAINT mobility_interruption_complete CHECK (
          (actual_end_date IS NULL AND interruption_reason IS NULL AND force_majeure IS NULL
             AND interrupted_at IS NULL AND interrupted_by IS NULL)
          OR (actual_end_date IS NOT NULL AND interruption_reason IS NOT NULL AND force_majeure IS NOT NULL
             AND interrupted_at IS NOT NULL AND interrupted_by IS NOT NULL)),
        ADD CONSTRAINT mobility_actual_end_in_stay CHECK (
          actual_end_date IS NULL OR (actual_end_date >= start_date AND actual_end_date < end_date)),
        ADD CONSTRAINT mobility_participant_report_status CHECK (
          participant_report_status IS NULL
          OR participant_report_status IN ('requested', 'undelivered', 'submitted', 'excluded'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mobility
        DROP CONSTRAINT mobility_participant_report_status,
        DROP CONSTRAINT mobility_actual_end_in_stay,
        DROP CONSTRAINT mobility_interruption_complete,
        DROP CONSTRAINT mobility_insurance_is_array,
        DROP COLUMN participant_report_submitted_at,
        DROP COLUMN participant_report_resent_count,
        DROP COLUMN participant_report_last_sent_at,
        DROP COLUMN participant_report_requested_at,
        DROP COLUMN participant_report_status,
        DROP COLUMN interrupted_by,
        DROP COLUMN interrupted_at,
        DROP COLUMN force_majeure,
        DROP COLUMN interruption_reason,
        DROP COLUMN actual_end_date,
        DROP COLUMN insurance_recorded_by,
        DROP COLUMN insurance_recorded_at,
        DROP COLUMN insurance`);
  }
}
