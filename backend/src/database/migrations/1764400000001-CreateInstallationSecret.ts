import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets an installation makes for itself at its first start, where the configuration gives none
 * (outside production: the mute links' key when MAIL_LINK_SECRET is unset). Every process of the
 * installation (API, workers) reads the same one; nothing in the source signs anything.
 */
export class CreateInstallationSecret1764400000001 implements MigrationInterface {
  name = 'CreateInstallationSecret1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE installation_secret (
        name text PRIMARY KEY,
        secret text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE installation_secret`);
  }
}
