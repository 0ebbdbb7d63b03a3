import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCoreSchema1764350000000 implements MigrationInterface {
  name = 'CreateCoreSchema1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('vet-provider', 'company', 'intermediary', 'other')),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        city text NOT NULL,
        oid text,
        email text,
        time_zone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organisation_country_kind_idx ON organisation (country, kind)`);
    await q.query(`CREATE UNIQUE INDEX organisation_oid_key ON organisation (oid) WHERE oid IS NOT NULL`);

    await q.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        title text NOT NULL,
        action text NOT NULL CHECK (action IN ('KA121-VET', 'KA122-VET')),
        call_year int NOT NULL,
        beneficiary_organisation_id uuid NOT NULL REFERENCES organisation (id),
        start_date date NOT NULL,
        end_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date >= start_date)
      )`);

    await q.query(`
      CREATE TABLE participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text NOT NULL,
        date_of_birth date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE mobility (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id),
        participant_id uuid NOT NULL UNIQUE REFERENCES participant (id),
        activity_type text NOT NULL,
        sending_organisation_id uuid NOT NULL REFERENCES organisation (id),
        host_organisation_id uuid REFERENCES organisation (id),
        start_date date NOT NULL,
        end_date date NOT NULL,
        travel_days int NOT NULL DEFAULT 0 CHECK (travel_days BETWEEN 0 AND 6),
        green_travel boolean NOT NULL DEFAULT false,
        placement_confirmed_at timestamptz,
        checklist_version int NOT NULL,
        machine_snapshot jsonb NOT NULL,
        machine_version int NOT NULL,
        phase text NOT NULL CHECK (phase IN ('application', 'preparation', 'implementation', 'evaluation',
                                             'finalisation', 'completed', 'withdrawn')),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX mobility_project_phase_idx ON mobility (project_id, phase)`);
    await q.query(`CREATE INDEX mobility_host_idx ON mobility (host_organisation_id)`);
    // The default list order (start date, then id) pages through this index.
    await q.query(`CREATE INDEX mobility_start_idx ON mobility (start_date, id)`);

    await q.query(`
      CREATE TABLE task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mobility_id uuid NOT NULL REFERENCES mobility (id) ON DELETE CASCADE,
        phase text NOT NULL,
        template_key text NOT NULL,
        title text NOT NULL,
        guidance text NOT NULL,
        role text NOT NULL CHECK (role IN ('coordinator', 'sending', 'host', 'learner')),
        mandatory boolean NOT NULL,
        position int NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'waived')),
        status_changed_by text,
        status_changed_at timestamptz,
        note text,
        waiver_reason text,
        UNIQUE (mobility_id, template_key),
        CHECK (status <> 'waived' OR waiver_reason IS NOT NULL)
      )`);
    // Open tasks by due date: overdue filters and the next due task of each mobility.
    await q.query(`CREATE INDEX task_open_due_idx ON task (mobility_id, due_date) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE lifecycle_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mobility_id uuid NOT NULL REFERENCES mobility (id) ON DELETE CASCADE,
        sequence int NOT NULL,
        event text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor text NOT NULL,
        reason text,
        occurred_at timestamptz NOT NULL,
        UNIQUE (mobility_id, sequence)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lifecycle_event`);
    await q.query(`DROP TABLE task`);
    await q.query(`DROP TABLE mobility`);
    await q.query(`DROP TABLE participant`);
    await q.query(`DROP TABLE project`);
    await q.query(`DROP TABLE organisation`);
  }
}
