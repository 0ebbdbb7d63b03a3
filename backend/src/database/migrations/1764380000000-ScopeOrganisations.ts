import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy for organisations: a partner (a host company, another school) is registered by one of the
 * organisations using Mobility Hub and seen only by it and by its own members. OIDs are unique among
 * the top-level organisations and among one organisation's partners (two schools may each register
 * the same host company without learning of each other), and so are project references per
 * beneficiary. Mobilities are found by sending school too.
 */
export class ScopeOrganisations1764380000000 implements MigrationInterface {
  name = 'ScopeOrganisations1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organisation ADD COLUMN registered_by_organisation_id uuid REFERENCES organisation (id)`,
    );
    await q.query(`CREATE INDEX organisation_registered_by_idx ON organisation (registered_by_organisation_id)`);
    await q.query(`DROP INDEX organisation_oid_key`);
    await q.query(
      `CREATE UNIQUE INDEX organisation_oid_key ON organisation
         (coalesce(registered_by_organisation_id, '00000000-0000-0000-0000-000000000000'::uuid), oid) WHERE oid IS NOT NULL`,
    );
    await q.query(`CREATE INDEX mobility_sending_idx ON mobility (sending_organisation_id)`);
    // A grant agreement's reference is unique per beneficiary: one school cannot learn, or block,
    // another's reference by trying it.
    await q.query(`ALTER TABLE project DROP CONSTRAINT project_reference_key`);
    await q.query(`CREATE UNIQUE INDEX project_reference_key ON project (beneficiary_organisation_id, reference)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX project_reference_key`);
    await q.query(`ALTER TABLE project ADD CONSTRAINT project_reference_key UNIQUE (reference)`);
    await q.query(`DROP INDEX mobility_sending_idx`);
    await q.query(`DROP INDEX organisation_oid_key`);
    await q.query(`CREATE UNIQUE INDEX organisation_oid_key ON organisation (oid) WHERE oid IS NOT NULL`);
    await q.query(`DROP INDEX organisation_registered_by_idx`);
    await q.query(`ALTER TABLE organisation DROP COLUMN registered_by_organisation_id`);
  }
}
