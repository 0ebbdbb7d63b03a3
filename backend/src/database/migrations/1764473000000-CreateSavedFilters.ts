import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved filters (issue 15): a person's named filters of a list (the Mobilities page), kept on the
 * server so that they follow the person from the office PC to the laptop on a school visit.
 */
export class CreateSavedFilters1764473000000 implements MigrationInterface {
  name = 'CreateSavedFilters1764473000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_filter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        list text NOT NULL,
        name text NOT NULL,
        query text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX saved_filter_name_key ON saved_filter (user_id, list, lower(name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_filter`);
  }
}
