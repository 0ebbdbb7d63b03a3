import { problemType } from '@mobility-hub/domain';
import { createMobilityFixture, hostMentor, sendEvent } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 14: the BM's "participant with fewer opportunities" flag. The sending side sets it on
 * creation or later (until the mobility is closed), the history keeps who changed it, and only the
 * sending side sees it: the host's mentor and the learner get null (personal data, reference §7.2).
 */
describe('the fewer-opportunities flag through HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const edits = async (id: string) =>
    ((await t.get(`/api/mobilities/${id}/history`)).body as any[]).filter((e) => e.event === 'EDIT');

  it('is set on creation, changed by PATCH with a history entry, and read back', async () => {
    const { mobility } = await createMobilityFixture(t, { fewerOpportunities: true });
    expect(mobility.fewerOpportunities).toBe(true);
    expect(mobility.bmActivityId).toMatch(/^\d{6}-MOB-\d{5}$/);

    const cleared = await t.patch(`/api/mobilities/${mobility.id}`, { fewerOpportunities: false });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual(expect.objectContaining({ fewerOpportunities: false, version: mobility.version + 1 }));
    const set = await t.patch(`/api/mobilities/${mobility.id}`, { fewerOpportunities: true, travelDays: 1 });
    expect(set.body).toEqual(expect.objectContaining({ fewerOpportunities: true, travelDays: 1 }));
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body.fewerOpportunities).toBe(true);
    const [{ fewer_opportunities }] = await t.db.query('SELECT fewer_opportunities FROM mobility WHERE id = $1', [
      mobility.id,
    ]);
    expect(fewer_opportunities).toBe(true);

    expect((await edits(mobility.id)).map((e) => [e.reason, e.actor])).toEqual([
      ['fewer opportunities: yes → no', 'coordinator@school.test'],
      ['fewer opportunities: no → yes', 'coordinator@school.test'],
    ]);

    // The same value again changes nothing: same version, no history entry.
    const again = await t.patch(`/api/mobilities/${mobility.id}`, { fewerOpportunities: true });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(set.body.version);
    expect(await edits(mobility.id)).toHaveLength(2);
  });

  it('is false unless given on creation', async () => {
    const { mobility } = await createMobilityFixture(t);
    expect(mobility.fewerOpportunities).toBe(false);
  });

  it('is refused when not a boolean (400 naming fewerOpportunities), writing nothing', async () => {
    const { mobility } = await createMobilityFixture(t);
    const res = await t.patch(`/api/mobilities/${mobility.id}`, { fewerOpportunities: 'yes' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(res.body.errors)).toContain('fewerOpportunities');
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body.version).toBe(mobility.version);
  });

  it('is fixed once the mobility is closed (409 mobility-closed)', async () => {
    const { mobility } = await createMobilityFixture(t);
    expect((await sendEvent(t, mobility.id, 'WITHDRAW', 'Left the school')).status).toBe(200);
    const res = await t.patch(`/api/mobilities/${mobility.id}`, { fewerOpportunities: true });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe(problemType('mobility-closed'));
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body.fewerOpportunities).toBe(false);
  });

  it('is the sending side’s: staff see it; the host’s mentor and the learner get null and may not change it', async () => {
    const { mobility, host, sending } = await createMobilityFixture(t, { fewerOpportunities: true });
    const staff = await t.createUser({ role: 'staff', organisationId: sending.id });
    const staffView = await staff.client.get(`/api/mobilities/${mobility.id}`);
    expect(staffView.status).toBe(200);
    expect(staffView.body.fewerOpportunities).toBe(true);

    const mentor = await hostMentor(t, host.id);
    const learner = await t.createUser({ personId: mobility.participant.id });
    for (const other of [mentor, learner]) {
      const view = await other.client.get(`/api/mobilities/${mobility.id}`);
      expect(view.status).toBe(200);
      expect(view.body.fewerOpportunities).toBeNull();
      const refused = await other.client.patch(`/api/mobilities/${mobility.id}`, { fewerOpportunities: false });
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe(problemType('role-not-allowed'));
    }
    const [{ fewer_opportunities }] = await t.db.query('SELECT fewer_opportunities FROM mobility WHERE id = $1', [
      mobility.id,
    ]);
    expect(fewer_opportunities).toBe(true);
  });

  it('is the school’s own: another school’s coordinator gets 404', async () => {
    const { mobility } = await createMobilityFixture(t, { fewerOpportunities: true });
    const [other] = await t.db.query(
      `INSERT INTO organisation (name, kind, country, city, email, time_zone)
       VALUES ('Other school', 'vet-provider', 'DE', 'Köln', 'office@other-school.test', 'Europe/Berlin') RETURNING id`,
    );
    const stranger = await t.createUser({ role: 'coordinator', organisationId: other.id });
    expect((await stranger.client.get(`/api/mobilities/${mobility.id}`)).status).toBe(404);
    expect((await stranger.client.patch(`/api/mobilities/${mobility.id}`, { fewerOpportunities: false })).status).toBe(
      404,
    );
  });
});
