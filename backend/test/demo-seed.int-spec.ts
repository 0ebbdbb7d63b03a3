import { seedDemoData } from '../src/database/seeds/demo.seed';
import { startTestApp, TestApp } from './support/test-app';

/** The demo data goes through the services: every rule holds for it, the calendar and insurance included. */
describe('demo data (issue 13: insurance and the interrupted stay)', () => {
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
});
