import { CHECKLIST_V1_FOR_TESTS, planChecklist } from './support/checklist-v1';
import { createMobilityFixture, hostMentor } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('checklists per activity family, and moving a mobility to the current version', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(new Date('2026-03-02T10:00:00Z'));
  });
  afterAll(() => t.close());

  const tasksOf = async (id: string): Promise<any[]> => (await t.get(`/api/mobilities/${id}/tasks`)).body;

  it("gives a teacher's job shadowing the staff checklist: no apprentice eligibility, units or guardian consent", async () => {
    const { mobility } = await createMobilityFixture(t, {
      activityType: 'SM-JOB-SHDW',
      startDate: '2026-06-01',
      endDate: '2026-06-10',
      participant: {
        firstName: 'Tom',
        lastName: 'Teacher',
        email: 'tom.teacher@example.org',
        dateOfBirth: '2010-01-01',
      },
    });
    expect(mobility).toMatchObject({ checklistVersion: 2, currentChecklistVersion: 2 });
    const keys = (await tasksOf(mobility.id)).map((x) => x.key);
    expect(keys).toContain('staff-eligibility-check');
    for (const key of ['eligibility-check', 'learning-units-agreed', 'guardian-consent', 'learner-portfolio'])
      expect(keys).not.toContain(key);
    // A 10-day stay: the first check-in on day 3, no check-in after the last day.
    const tasks = await tasksOf(mobility.id);
    expect(tasks.find((x) => x.key === 'monitoring-contact').dueDate).toBe('2026-06-03');
    for (const x of tasks.filter((x) => x.phase === 'implementation')) {
      expect(x.dueDate >= '2026-06-01' && x.dueDate <= '2026-06-10').toBe(true);
    }
  });

  it('gives a group mobility its group learning programme and accompanying persons', async () => {
    const { mobility } = await createMobilityFixture(t, {
      activityType: 'LM-GROUP-VET',
      startDate: '2026-06-01',
      endDate: '2026-06-14',
    });
    const tasks = await tasksOf(mobility.id);
    expect(tasks.find((x) => x.key === 'learning-agreement').title).toMatch(/group learning programme/i);
    expect(tasks.find((x) => x.key === 'accompanying-persons')).toMatchObject({ mandatory: true, status: 'open' });
  });

  it('takes the open duration limits from configuration (invited experts: 2-60 days by default)', async () => {
    const ok = await createMobilityFixture(t, {
      activityType: 'OA-INV-EXP',
      startDate: '2026-06-01',
      endDate: '2026-06-05',
    });
    expect((await tasksOf(ok.mobility.id)).map((x) => x.key)).toContain('welcome-prepared');
    await expect(
      createMobilityFixture(t, { activityType: 'OA-INV-EXP', startDate: '2026-06-01', endDate: '2026-08-01' }),
    ).rejects.toThrow(/422.*duration 2-60 days for OA-INV-EXP/);
  });

  it('lets the check-ins that depend on the length of the stay follow new dates', async () => {
    const { mobility } = await createMobilityFixture(t); // 28 days from 2026-06-01
    const monitoring = async () =>
      (await tasksOf(mobility.id))
        .filter((x) => x.key.startsWith('monitoring-day-'))
        .map((x) => `${x.key} ${x.dueDate} ${x.status}`);
    expect(await monitoring()).toEqual(['monitoring-day-14 2026-06-15 open']);
    const day14 = (await tasksOf(mobility.id)).find((x) => x.key === 'monitoring-day-14');
    expect((await t.patch(`/api/tasks/${day14.id}`, { status: 'done' })).status).toBe(200);

    // 50 days: check-ins on days 29 and 43 come, with due dates from the new dates.
    expect((await t.patch(`/api/mobilities/${mobility.id}`, { endDate: '2026-07-20' })).status).toBe(200);
    expect(await monitoring()).toEqual([
      'monitoring-day-14 2026-06-15 done',
      'monitoring-day-28 2026-06-29 open',
      'monitoring-day-42 2026-07-13 open',
    ]);
    // 10 days: the open ones go, the done one stays.
    expect((await t.patch(`/api/mobilities/${mobility.id}`, { endDate: '2026-06-10' })).status).toBe(200);
    expect(await monitoring()).toEqual(['monitoring-day-14 2026-06-15 done']);
  });

  /** A mobility as the v1 checklist made it: version 1 and v1's tasks. */
  async function v1Mobility(dateOfBirth = '2000-01-01', guardian?: Record<string, string>) {
    const fixture = await createMobilityFixture(t, {
      participant: { firstName: 'Vera', lastName: 'Old', email: `vera${Date.now()}@example.org`, dateOfBirth },
      ...(guardian ? { guardian } : {}),
    });
    const { mobility } = fixture;
    await t.db.query(`DELETE FROM task WHERE mobility_id = $1`, [mobility.id]);
    await t.db.query(`UPDATE mobility SET checklist_version = 1 WHERE id = $1`, [mobility.id]);
    const planned = planChecklist({ startDate: mobility.startDate, endDate: mobility.endDate }, CHECKLIST_V1_FOR_TESTS);
    for (const [position, x] of planned.entries()) {
      await t.db.query(
        `INSERT INTO task (mobility_id, phase, template_key, title, guidance, role, mandatory, position, due_date, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open')`,
        [mobility.id, x.phase, x.key, x.title, x.guidance, x.role, x.mandatory, position, x.dueDate],
      );
    }
    return fixture;
  }

  it('moves a v1 mobility to v2: done tasks stay, new ones come, open ones follow the new rules; the history says so', async () => {
    // Under 18 on the first day abroad (2026-06-01): the guardian's consent is new in v2.
    const { mobility, host } = await v1Mobility('2008-09-01', {
      name: 'Ruth Old',
      email: 'ruth.old@example.org',
      phone: '+49 201 555 0100',
      relationship: 'parent',
    });
    const before = await t.get(`/api/mobilities/${mobility.id}`);
    expect(before.body).toMatchObject({ checklistVersion: 1, currentChecklistVersion: 2 });
    const v1Tasks = await tasksOf(mobility.id);
    const eligibility = v1Tasks.find((x) => x.key === 'eligibility-check');
    const done = await t.patch(`/api/tasks/${eligibility.id}`, { status: 'done' });
    expect(done.status).toBe(200);
    expect(v1Tasks.find((x) => x.key === 'beneficiary-module-complete')).toMatchObject({
      phase: 'finalisation',
      dueDate: '2026-07-28',
    });

    // A mentor of the host may not; a stale If-Match is refused.
    const mentor = await hostMentor(t, host.id);
    expect((await mentor.client.post(`/api/mobilities/${mobility.id}/checklist-migration`)).status).toBe(403);
    const stale = await t.post(`/api/mobilities/${mobility.id}/checklist-migration`, undefined, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);

    const version = (await t.get(`/api/mobilities/${mobility.id}`)).body.version;
    const moved = await t.post(`/api/mobilities/${mobility.id}/checklist-migration`, undefined, {
      'if-match': `"${version}"`,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ checklistVersion: 2, currentChecklistVersion: 2, version: version + 1 });
    expect(moved.headers.get('etag')).toBe(`"${version + 1}"`);

    const after = await tasksOf(mobility.id);
    // Done stays done, the same row.
    expect(after.find((x) => x.key === 'eligibility-check')).toMatchObject({ id: eligibility.id, status: 'done' });
    // New: the minor's guardian consent, dated from the current dates (T0-30).
    expect(after.find((x) => x.key === 'guardian-consent')).toMatchObject({ status: 'open', dueDate: '2026-05-02' });
    // Open tasks follow the v2 rules: BM Complete by the last day, in implementation; the check-in on day 3.
    expect(after.find((x) => x.key === 'beneficiary-module-complete')).toMatchObject({
      phase: 'implementation',
      dueDate: '2026-06-28',
    });
    expect(after.find((x) => x.key === 'monitoring-contact').dueDate).toBe('2026-06-03');
    expect(new Set(after.map((x) => x.key)).size).toBe(after.length);

    const history = (await t.get(`/api/mobilities/${mobility.id}/history`)).body as any[];
    expect(history.at(-1)).toMatchObject({ event: 'EDIT', reason: expect.stringContaining('checklist v1 → v2') });

    // Once on the current version there is nothing to move.
    const again = await t.post(`/api/mobilities/${mobility.id}/checklist-migration`);
    expect(again.status).toBe(409);
    expect(again.body.type).toContain('checklist-current');
  });

  it('keeps the mobilities of other schools out of reach (404)', async () => {
    const { mobility } = await v1Mobility();
    const stranger = await t.createUser({
      role: 'coordinator',
      organisationId: (await createMobilityFixture(t)).sending.id,
    });
    expect((await stranger.client.post(`/api/mobilities/${mobility.id}/checklist-migration`)).status).toBe(404);
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body.checklistVersion).toBe(1);
  });
});
