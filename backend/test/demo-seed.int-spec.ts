import { seedDemoData } from '../src/database/seeds/demo.seed';
import { startTestApp, TestApp } from './support/test-app';

/** The demo data goes through the services: every rule holds for it, the calendar and insurance included. */
describe('demo data (issue 13: insurance and the interrupted stay; issue 14: the reports’ data)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // The demo seeds an empty database only.
    await t.db.query('TRUNCATE organisation CASCADE');
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds every stay under way insured, and an interrupted stay (force majeure) in evaluation', async () => {
    const seeded = await seedDemoData(t.app);
    expect(seeded).not.toBeNull();
    const rows: { phase: string; insurance: { risks: string[] }[]; force_majeure: boolean | null }[] = await t.db.query(
      `SELECT phase, insurance, force_majeure FROM mobility`,
    );
    const underWay = rows.filter((r) =>
      ['implementation', 'evaluation', 'finalisation', 'completed'].includes(r.phase),
    );
    expect(underWay.length).toBeGreaterThan(5);
    for (const row of underWay) {
      expect(new Set(row.insurance.flatMap((c) => c.risks))).toEqual(new Set(['health', 'accident', 'liability']));
    }
    const [interrupted] = await t.db.query(
      `SELECT m.phase, m.force_majeure, m.actual_end_date < m.end_date AS early, m.participant_report_status,
              m.machine_version
         FROM mobility m WHERE m.actual_end_date IS NOT NULL`,
    );
    expect(interrupted).toEqual({
      phase: 'evaluation',
      force_majeure: true,
      early: true,
      participant_report_status: 'requested',
      machine_version: 2,
    });
    // No stay under way was marked with a late learning agreement by the seed's own ticking.
    const [{ late }] = await t.db.query(
      `SELECT count(*)::int AS late FROM mobility m JOIN task t ON t.mobility_id = m.id
        WHERE t.template_key = 'learning-agreement' AND t.status = 'done' AND t.status_changed_at::date > m.start_date`,
    );
    expect(late).toBe(0);
  });

  // Issue 14: what the final report counts and the BM export needs is there.
  it('flags two learners as participants with fewer opportunities', async () => {
    const flagged: { name: string }[] = await t.db.query(
      `SELECT p.first_name || ' ' || p.last_name AS name
         FROM mobility m JOIN person p ON p.id = m.person_id WHERE m.fewer_opportunities ORDER BY 1`,
    );
    expect(flagged.map((r) => r.name)).toEqual(['Hannah Schulz', 'Lukas Klein']);
  });

  it('gives every organisation of a mobility an OID (E + 8 digits) and a city, and every mobility a BM activity ID', async () => {
    const organisations: { oid: string | null; city: string | null }[] = await t.db.query(
      `SELECT o.oid, o.city FROM organisation o
        WHERE o.id IN (SELECT sending_organisation_id FROM mobility UNION SELECT host_organisation_id FROM mobility
                       UNION SELECT beneficiary_organisation_id FROM project)`,
    );
    expect(organisations.length).toBeGreaterThanOrEqual(5);
    for (const o of organisations) {
      expect(o.oid).toMatch(/^E\d{8}$/);
      expect(o.city).toBeTruthy();
    }
    const [ids] = await t.db.query(
      `SELECT count(*)::int AS mobilities, count(DISTINCT (project_id, bm_activity_id))::int AS distinct_ids,
              bool_and(bm_activity_id ~ '^[0-9]{6}-MOB-[0-9]{5}$') AS well_formed
         FROM mobility`,
    );
    expect(ids.mobilities).toBeGreaterThan(15);
    expect(ids.distinct_ids).toBe(ids.mobilities);
    expect(ids.well_formed).toBe(true);
  });
});
