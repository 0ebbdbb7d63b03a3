import { problemType } from '@mobility-hub/domain';
import {
  completeMandatoryTasks,
  createMobilityFixture,
  createOrganisation,
  hostMentor,
  recordInsurance,
  sendEvent,
} from './support/factories';
import { eventually } from './support/mail-harness';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const PHASES = ['application', 'preparation', 'implementation', 'evaluation', 'finalisation'];
const SCHOOL_EVENTS = ['ADVANCE', 'REOPEN', 'WITHDRAW'];
const HOST_EVENTS = ['HOST_CONFIRM', 'HOST_DECLINE'];

describe('mobility lifecycle through HTTP', () => {
  let t: TestApp;
  let start: Date;
  beforeAll(async () => {
    t = await startTestApp();
    start = t.clock.now();
  });
  afterEach(() => t.clock.set(start));
  afterAll(async () => {
    await t.close();
  });

  /**
   * What leaving `phase` needs besides its tasks (fixture stay 1–28 June 2026, no travel days):
   * insurance and the day before the stay to start implementation, the last day to evaluate.
   */
  async function calendarFor(mobilityId: string, phase: string): Promise<void> {
    if (phase === 'preparation') {
      await recordInsurance(t, mobilityId);
      t.clock.set(new Date('2026-05-31T10:00:00Z'));
    }
    if (phase === 'implementation') t.clock.set(new Date('2026-06-28T10:00:00Z'));
  }

  /** The mentor of the mobility's current host: the one who sends HOST_CONFIRM and HOST_DECLINE. */
  async function mentorOf(mobilityId: string): Promise<TestUser> {
    const host = (await t.get(`/api/mobilities/${mobilityId}`)).body.hostOrganisation;
    return hostMentor(t, host.id);
  }

  async function toPhase(mobilityId: string, target: string): Promise<void> {
    const current = (await t.get(`/api/mobilities/${mobilityId}`)).body.phase;
    for (const phase of PHASES.slice(PHASES.indexOf(current), PHASES.indexOf(target))) {
      await completeMandatoryTasks(t, mobilityId, [phase]);
      if (phase === 'preparation') {
        expect((await sendEvent((await mentorOf(mobilityId)).client, mobilityId, 'HOST_CONFIRM')).status).toBe(200);
      }
      await calendarFor(mobilityId, phase);
      const res = await sendEvent(t, mobilityId, 'ADVANCE');
      expect(res.status).toBe(200);
    }
  }

  it('walks one mobility from application to completed, with an ETag and history at every step', async () => {
    const { mobility, host } = await createMobilityFixture(t);
    expect(mobility.phase).toBe('application');
    expect(mobility.version).toBe(1);
    // The school's coordinator may withdraw, not yet advance, and never answer for the host.
    expect(mobility.allowedEvents).toEqual(['WITHDRAW']);
    const mentor = await hostMentor(t, host.id);
    const asMentor = (await mentor.client.get(`/api/mobilities/${mobility.id}`)).body;
    expect([...asMentor.allowedEvents].sort()).toEqual(['HOST_CONFIRM', 'HOST_DECLINE']);

    for (const [index, phase] of PHASES.entries()) {
      await completeMandatoryTasks(t, mobility.id, [phase]);
      if (phase === 'preparation')
        expect((await sendEvent(mentor.client, mobility.id, 'HOST_CONFIRM')).status).toBe(200);
      await calendarFor(mobility.id, phase);
      const before = await t.get(`/api/mobilities/${mobility.id}`);
      expect(before.body.allowedEvents).toContain('ADVANCE');
      const res = await sendEvent(t, mobility.id, 'ADVANCE', undefined, {
        'if-match': before.headers.get('etag') ?? '',
      });
      expect(res.status).toBe(200);
      expect(res.body.phase).toBe(PHASES[index + 1] ?? 'completed');
      expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
      expect(res.body.version).toBeGreaterThan(before.body.version);
    }
    const done = await t.get(`/api/mobilities/${mobility.id}`);
    expect(done.body.phase).toBe('completed');
    expect(done.body.allowedEvents).toEqual([]);

    const history = (await t.get(`/api/mobilities/${mobility.id}/history`)).body;
    expect(history.map((e: any) => [e.event, e.from, e.to])).toEqual([
      ['CREATE', null, 'application'],
      ['ADVANCE', 'application', 'preparation'],
      ['HOST_CONFIRM', 'preparation', 'preparation'],
      ['INSURANCE', 'preparation', 'preparation'],
      ['ADVANCE', 'preparation', 'implementation'],
      ['ADVANCE', 'implementation', 'evaluation'],
      ['ADVANCE', 'evaluation', 'finalisation'],
      ['ADVANCE', 'finalisation', 'completed'],
    ]);
    expect(history.map((e: any) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Each entry names who acted: the coordinator's e-mail, the mentor's for the host's answer.
    const coordinator = t.coordinator.email;
    expect(coordinator).toBe('coordinator@school.test');
    expect(history.map((e: any) => e.actor)).toEqual([
      coordinator,
      coordinator,
      mentor.email,
      coordinator,
      coordinator,
      coordinator,
      coordinator,
      coordinator,
    ]);
  });

  it('answers 409 with the open mandatory tasks when ADVANCE is refused in each phase', async () => {
    const { mobility } = await createMobilityFixture(t);
    const refused = await sendEvent(t, mobility.id, 'ADVANCE');
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.unmet.length).toBeGreaterThan(0);
    expect(refused.body.unmet.every((u: any) => u.code === 'MANDATORY_TASK_OPEN' && u.phase === 'application')).toBe(
      true,
    );
    expect(refused.body.unmet.map((u: any) => u.taskKey)).toContain('selection-decision');
    expect(refused.body.unmet[0].title).toEqual(expect.any(String));
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body.phase).toBe('application');

    for (const phase of ['preparation', 'implementation', 'evaluation']) {
      await toPhase(mobility.id, phase);
      const res = await sendEvent(t, mobility.id, 'ADVANCE');
      expect(res.status).toBe(409);
      const keys = res.body.unmet.filter((u: any) => u.code === 'MANDATORY_TASK_OPEN').map((u: any) => u.phase);
      expect(new Set(keys)).toEqual(new Set([phase]));
    }
  });

  it('needs a host to leave application', async () => {
    const { mobility, host } = await createMobilityFixture(t, { hostOrganisationId: undefined });
    await completeMandatoryTasks(t, mobility.id, ['application']);
    const res = await sendEvent(t, mobility.id, 'ADVANCE');
    expect(res.status).toBe(409);
    expect(res.body.unmet).toEqual([expect.objectContaining({ code: 'HOST_REQUIRED' })]);
    // Without a host nobody can confirm a placement: the school's coordinator may not answer for a
    // host (403), and a mentor of a company not hosting this mobility does not see it (404).
    const byCoordinator = await sendEvent(t, mobility.id, 'HOST_CONFIRM');
    expect(byCoordinator.status).toBe(403);
    expect(byCoordinator.body.type).toBe(problemType('role-not-allowed'));
    const byOtherMentor = await sendEvent((await hostMentor(t, host.id)).client, mobility.id, 'HOST_CONFIRM');
    expect(byOtherMentor.status).toBe(404);
    const after = (await t.get(`/api/mobilities/${mobility.id}`)).body;
    expect(after).toEqual(
      expect.objectContaining({ phase: 'application', placementConfirmed: false, hostOrganisation: null }),
    );
    expect((await t.get(`/api/mobilities/${mobility.id}/history`)).body.map((e: any) => e.event)).toEqual(['CREATE']);
  });

  it('needs the placement confirmed and the learning agreement signed (not waived) to start implementation', async () => {
    const { mobility } = await createMobilityFixture(t);
    await toPhase(mobility.id, 'preparation');
    await completeMandatoryTasks(t, mobility.id, ['preparation'], 'waived');
    await calendarFor(mobility.id, 'preparation');
    const res = await sendEvent(t, mobility.id, 'ADVANCE');
    expect(res.status).toBe(409);
    expect(res.body.unmet.map((u: any) => u.code).sort()).toEqual([
      'LEARNING_AGREEMENT_NOT_SIGNED',
      'PLACEMENT_NOT_CONFIRMED',
    ]);

    const tasks = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body;
    const agreement = tasks.find((x: any) => x.key === 'learning-agreement');
    await t.patch(`/api/tasks/${agreement.id}`, { status: 'done' });
    const second = await sendEvent(t, mobility.id, 'ADVANCE');
    expect(second.body.unmet.map((u: any) => u.code)).toEqual(['PLACEMENT_NOT_CONFIRMED']);
    // The file says so before anyone presses the button, naming the task that settles it — to the
    // sending side only (the host's mentor may not advance).
    const file = await t.get(`/api/mobilities/${mobility.id}`);
    expect(file.body.allowedEvents).not.toContain('ADVANCE');
    expect(file.body.advanceUnmet).toEqual([
      expect.objectContaining({ code: 'PLACEMENT_NOT_CONFIRMED', taskKey: 'host-confirmation' }),
    ]);
    expect(tasks.some((x: any) => x.key === 'host-confirmation')).toBe(true);
    expect(
      (await (await mentorOf(mobility.id)).client.get(`/api/mobilities/${mobility.id}`)).body.advanceUnmet,
    ).toEqual([]);
    expect((await sendEvent((await mentorOf(mobility.id)).client, mobility.id, 'HOST_CONFIRM')).status).toBe(200);
    expect((await sendEvent(t, mobility.id, 'ADVANCE')).body.phase).toBe('implementation');
  });

  it('needs every mandatory task of every phase done or waived to complete', async () => {
    const { mobility } = await createMobilityFixture(t);
    await toPhase(mobility.id, 'finalisation');
    // Reopen one earlier mandatory task: finalisation → completed must see it.
    const tasks = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body;
    const earlier = tasks.find((x: any) => x.key === 'selection-decision');
    expect((await t.patch(`/api/tasks/${earlier.id}`, { status: 'open' })).status).toBe(200);
    await completeMandatoryTasks(t, mobility.id, ['finalisation'], 'waived');
    const res = await sendEvent(t, mobility.id, 'ADVANCE');
    expect(res.status).toBe(409);
    expect(res.body.unmet).toEqual([
      expect.objectContaining({ code: 'MANDATORY_TASK_OPEN', taskKey: 'selection-decision', phase: 'application' }),
    ]);
    await t.patch(`/api/tasks/${earlier.id}`, {
      status: 'waived',
      waiverReason: 'selected by the previous coordinator',
    });
    expect((await sendEvent(t, mobility.id, 'ADVANCE')).body.phase).toBe('completed');
  });

  it('HOST_CONFIRM marks the confirmation task done; HOST_DECLINE removes the host and reopens the host search', async () => {
    const { mobility, host } = await createMobilityFixture(t);
    const hostSearch = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body.find(
      (x: any) => x.key === 'host-search',
    );
    await t.patch(`/api/tasks/${hostSearch.id}`, { status: 'done' });
    const mentor = await hostMentor(t, host.id);

    // The school's coordinator may not answer for the host, and writes nothing trying.
    for (const type of HOST_EVENTS) {
      const refused = await sendEvent(t, mobility.id, type);
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe(problemType('role-not-allowed'));
    }
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body).toEqual(
      expect.objectContaining({ version: 2, placementConfirmed: false }),
    );

    const confirmed = await sendEvent(mentor.client, mobility.id, 'HOST_CONFIRM');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.placementConfirmed).toBe(true);
    let tasks = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body;
    expect(tasks.find((x: any) => x.key === 'host-confirmation').status).toBe('done');
    const twice = await sendEvent(mentor.client, mobility.id, 'HOST_CONFIRM');
    expect(twice.status).toBe(409);
    expect(twice.body.unmet).toEqual([expect.objectContaining({ code: 'PLACEMENT_ALREADY_CONFIRMED' })]);

    const declined = await sendEvent(mentor.client, mobility.id, 'HOST_DECLINE');
    expect(declined.status).toBe(200);
    expect(declined.body.hostOrganisation).toBeNull();
    expect(declined.body.placementConfirmed).toBe(false);
    tasks = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body;
    expect(tasks.find((x: any) => x.key === 'host-search').status).toBe('open');
    expect(tasks.find((x: any) => x.key === 'host-confirmation').status).toBe('open');
    // Having declined, the company no longer hosts the mobility: it is not its mentor's any more.
    expect((await sendEvent(mentor.client, mobility.id, 'HOST_DECLINE')).status).toBe(404);
    expect((await mentor.client.get(`/api/mobilities/${mobility.id}`)).status).toBe(404);
    const history = (await t.get(`/api/mobilities/${mobility.id}/history`)).body;
    expect(history.filter((e: any) => e.event.startsWith('HOST_')).map((e: any) => [e.event, e.actor])).toEqual([
      ['HOST_CONFIRM', mentor.email],
      ['HOST_DECLINE', mentor.email],
    ]);
  });

  it('refuses host events once implementation has started', async () => {
    const { mobility } = await createMobilityFixture(t);
    await toPhase(mobility.id, 'implementation');
    const mentor = await mentorOf(mobility.id);
    for (const type of HOST_EVENTS) {
      const res = await sendEvent(mentor.client, mobility.id, type);
      expect(res.status).toBe(409);
      expect(res.body.unmet).toEqual([expect.objectContaining({ code: 'EVENT_NOT_ALLOWED' })]);
    }
  });

  it('applies exactly one of 20 concurrent ADVANCE requests', async () => {
    const { mobility } = await createMobilityFixture(t);
    await completeMandatoryTasks(t, mobility.id, ['application']);
    const results = await Promise.all(Array.from({ length: 20 }, () => sendEvent(t, mobility.id, 'ADVANCE')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const current = (await t.get(`/api/mobilities/${mobility.id}`)).body;
    expect(current.phase).toBe('preparation');
    const history = (await t.get(`/api/mobilities/${mobility.id}/history`)).body;
    expect(history.filter((e: any) => e.event === 'ADVANCE')).toHaveLength(1);
  });

  it('with If-Match, a repeated ADVANCE cannot step twice even when the next phase could be left too', async () => {
    const { mobility } = await createMobilityFixture(t);
    await completeMandatoryTasks(t, mobility.id, ['application', 'preparation']);
    expect((await sendEvent((await mentorOf(mobility.id)).client, mobility.id, 'HOST_CONFIRM')).status).toBe(200);
    const etag = (await t.get(`/api/mobilities/${mobility.id}`)).headers.get('etag') ?? '';
    const results = await Promise.all(
      Array.from({ length: 20 }, () => sendEvent(t, mobility.id, 'ADVANCE', undefined, { 'if-match': etag })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(19);
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body.phase).toBe('preparation');
    const history = (await t.get(`/api/mobilities/${mobility.id}/history`)).body;
    expect(history.filter((e: any) => e.event === 'ADVANCE')).toHaveLength(1);
    // A deliberate second ADVANCE, sent after the first answered, does apply.
    await calendarFor(mobility.id, 'preparation');
    expect((await sendEvent(t, mobility.id, 'ADVANCE')).body.phase).toBe('implementation');
  });

  it('refuses, explicitly and without writing, a mobility whose snapshot comes from an unknown machine version', async () => {
    const { mobility } = await createMobilityFixture(t);
    await t.db.query('UPDATE mobility SET machine_version = 99 WHERE id = $1', [mobility.id]);
    for (const res of [
      await t.get(`/api/mobilities/${mobility.id}`),
      await sendEvent(t, mobility.id, 'WITHDRAW', 'x'),
    ]) {
      expect(res.status).toBe(500);
      expect(res.body.type).toBe(problemType('snapshot-version-unsupported'));
      expect(res.body.detail).toContain('version 99');
    }
    const [row] = await t.db.query('SELECT phase, version FROM mobility WHERE id = $1', [mobility.id]);
    expect(row).toEqual({ phase: 'application', version: 1 });
  });

  it('records date and host edits in the history; removing the host reopens the host search', async () => {
    const { mobility, host } = await createMobilityFixture(t);
    const tasks = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body;
    const hostSearch = tasks.find((x: any) => x.key === 'host-search');
    await t.patch(`/api/tasks/${hostSearch.id}`, { status: 'done' });
    expect((await sendEvent((await hostMentor(t, host.id)).client, mobility.id, 'HOST_CONFIRM')).status).toBe(200);

    const moved = await t.patch(`/api/mobilities/${mobility.id}`, { startDate: '2026-06-08', endDate: '2026-07-05' });
    expect(moved.status).toBe(200);
    const removed = await t.patch(`/api/mobilities/${mobility.id}`, { hostOrganisationId: null });
    expect(removed.body.hostOrganisation).toBeNull();
    expect(removed.body.placementConfirmed).toBe(false);
    const after = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body;
    expect(after.find((x: any) => x.key === 'host-search').status).toBe('open');
    expect(after.find((x: any) => x.key === 'host-confirmation').status).toBe('open');

    const edits = (await t.get(`/api/mobilities/${mobility.id}/history`)).body.filter((e: any) => e.event === 'EDIT');
    expect(edits.map((e: any) => [e.from, e.to, e.reason, e.actor])).toEqual([
      ['application', 'application', 'dates 2026-06-01–2026-06-28 → 2026-06-08–2026-07-05', 'coordinator@school.test'],
      ['application', 'application', `host ${host.id} → none`, 'coordinator@school.test'],
    ]);
    // For people to read: names, not addresses, ids or "host:" prefixes.
    const history = (await t.get(`/api/mobilities/${mobility.id}/history`)).body as any[];
    const [{ name: hostName }] = await t.db.query('SELECT name FROM organisation WHERE id = $1', [host.id]);
    const [{ display_name: coordinator }] = await t.db.query(
      `SELECT display_name FROM user_account WHERE email = 'coordinator@school.test'`,
    );
    expect(history.filter((e) => e.event === 'EDIT').map((e) => [e.reasonText, e.actorName])).toEqual([
      ['dates 2026-06-01–2026-06-28 → 2026-06-08–2026-07-05', coordinator],
      [`host ${hostName} → not assigned`, coordinator],
    ]);
    const shown = JSON.stringify(history.map((e) => [e.actorName, e.reasonText]));
    expect(shown).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|host:|@/);
  });

  it('keeps the version when a task change changes nothing', async () => {
    const { mobility } = await createMobilityFixture(t);
    const task = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body.find(
      (x: any) => x.key === 'selection-decision',
    );
    const first = await t.patch(`/api/tasks/${task.id}`, { status: 'done', note: 'decided by the board' });
    expect(first.body.mobilityVersion).toBe(2);
    const again = await t.patch(`/api/tasks/${task.id}`, { status: 'done', note: 'decided by the board' });
    expect(again.status).toBe(200);
    expect(again.body.mobilityVersion).toBe(2);
    expect(again.headers.get('etag')).toBe('"2"');
    expect(again.body.statusChangedAt).toBe(first.body.statusChangedAt);
  });

  it('answers 412 when If-Match names a stale version, and changes nothing', async () => {
    const { mobility, host } = await createMobilityFixture(t);
    const etag = (await t.get(`/api/mobilities/${mobility.id}`)).headers.get('etag') ?? '';
    expect(etag).toBe('"1"');
    expect(
      (
        await sendEvent((await hostMentor(t, host.id)).client, mobility.id, 'HOST_CONFIRM', undefined, {
          'if-match': etag,
        })
      ).status,
    ).toBe(200);
    const stale = await sendEvent(t, mobility.id, 'WITHDRAW', 'moved away', { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(2);
    const after = (await t.get(`/api/mobilities/${mobility.id}`)).body;
    expect(after.phase).toBe('application');
    expect((await t.get(`/api/mobilities/${mobility.id}/history`)).body).toHaveLength(2);
    const staleTask = await t.patch(
      `/api/tasks/${(await t.get(`/api/mobilities/${mobility.id}/tasks`)).body[0].id}`,
      { status: 'done' },
      { 'if-match': etag },
    );
    expect(staleTask.status).toBe(412);
    const stalePatch = await t.patch(`/api/mobilities/${mobility.id}`, { travelDays: 1 }, { 'if-match': etag });
    expect(stalePatch.status).toBe(412);
    expect((await sendEvent(t, mobility.id, 'WITHDRAW', 'x', { 'if-match': 'garbage' })).status).toBe(400);
  });

  it('REOPEN and WITHDRAW need a reason, which lands in the history', async () => {
    const { mobility } = await createMobilityFixture(t);
    await toPhase(mobility.id, 'preparation');
    for (const type of ['REOPEN', 'WITHDRAW']) {
      for (const reason of [undefined, '', '   ']) {
        const res = await sendEvent(t, mobility.id, type, reason);
        expect(res.status).toBe(409);
        expect(res.body.unmet).toEqual([expect.objectContaining({ code: 'REASON_REQUIRED' })]);
      }
    }
    const reopened = await sendEvent(t, mobility.id, 'REOPEN', 'host asked for a second interview');
    expect(reopened.body.phase).toBe('application');
    expect((await sendEvent(t, mobility.id, 'REOPEN', 'again')).status).toBe(409);
    const withdrawn = await sendEvent(t, mobility.id, 'WITHDRAW', 'learner fell ill');
    expect(withdrawn.body.phase).toBe('withdrawn');
    const history = (await t.get(`/api/mobilities/${mobility.id}/history`)).body;
    expect(history.slice(-2).map((e: any) => [e.event, e.reason])).toEqual([
      ['REOPEN', 'host asked for a second interview'],
      ['WITHDRAW', 'learner fell ill'],
    ]);
  });

  it('final states refuse every event, every task change and every edit', async () => {
    const { mobility, host } = await createMobilityFixture(t);
    expect((await sendEvent(t, mobility.id, 'WITHDRAW', 'no longer eligible')).status).toBe(200);
    // Each event sent by a role that may send it: the school's (coordinator) and the host's (mentor).
    const mentor = await hostMentor(t, host.id);
    for (const [client, type] of [
      ...SCHOOL_EVENTS.map((e) => [t, e] as const),
      ...HOST_EVENTS.map((e) => [mentor.client, e] as const),
    ]) {
      const res = await sendEvent(client, mobility.id, type, 'a reason');
      expect({ type, status: res.status }).toEqual({ type, status: 409 });
      expect(res.body.unmet).toEqual([expect.objectContaining({ code: 'EVENT_NOT_ALLOWED' })]);
    }
    const task = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body[0];
    expect((await t.patch(`/api/tasks/${task.id}`, { status: 'done' })).status).toBe(409);
    expect((await t.patch(`/api/mobilities/${mobility.id}`, { startDate: '2026-06-02' })).status).toBe(409);
    expect((await t.get(`/api/mobilities/${mobility.id}/history`)).body).toHaveLength(2);
  });

  it('recomputes the due dates of tasks not done when the dates change', async () => {
    const { mobility } = await createMobilityFixture(t);
    const before = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body;
    const byKey = (list: any[], key: string) => list.find((x) => x.key === key);
    expect(byKey(before, 'learning-agreement').dueDate).toBe('2026-05-18');
    expect(byKey(before, 'participant-report-submitted').dueDate).toBe('2026-07-28');
    await t.patch(`/api/tasks/${byKey(before, 'selection-decision').id}`, { status: 'done' });
    await t.patch(`/api/tasks/${byKey(before, 'insurance').id}`, {
      status: 'waived',
      waiverReason: 'covered by the school',
    });

    const res = await t.patch(`/api/mobilities/${mobility.id}`, { startDate: '2026-07-01', endDate: '2026-07-31' });
    expect(res.status).toBe(200);
    expect(res.body.durationDays).toBe(31);
    const after = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body;
    expect(byKey(after, 'learning-agreement').dueDate).toBe('2026-06-17');
    expect(byKey(after, 'participant-report-submitted').dueDate).toBe('2026-08-30');
    expect(byKey(after, 'insurance').dueDate).toBe('2026-06-17');
    expect(byKey(after, 'selection-decision').dueDate).toBe(byKey(before, 'selection-decision').dueDate);
  });

  it('a host change while the former host’s mentor is answering: the answer is checked after the lock and refused', async () => {
    const { mobility, host, sending } = await createMobilityFixture(t);
    const formerMentor = await hostMentor(t, host.id);
    const newHost = await createOrganisation(t, { city: 'Bilbao', registeredByOrganisationId: sending.id });
    // A coordinator's change holds the mobility's lock while the mentor's confirmation arrives.
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM mobility WHERE id = $1 FOR UPDATE`, [mobility.id]);
      const answer = sendEvent(formerMentor.client, mobility.id, 'HOST_CONFIRM');
      await eventually(
        async () => {
          const waiting = await t.db.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return waiting.length > 0;
        },
        10_000,
        'the confirmation waiting for the lock',
      );
      await runner.query(`UPDATE mobility SET host_organisation_id = $2 WHERE id = $1`, [mobility.id, newHost.id]);
      await runner.commitTransaction();
      expect((await answer).status).toBe(404);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    const after = (await t.get(`/api/mobilities/${mobility.id}`)).body;
    expect(after).toEqual(
      expect.objectContaining({
        placementConfirmed: false,
        hostOrganisation: expect.objectContaining({ id: newHost.id }),
      }),
    );
  });
});
