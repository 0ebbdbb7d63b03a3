import { problemType } from '@mobility-hub/domain';
import {
  completeMandatoryTasks,
  createMobilityFixture,
  createSchool,
  FULL_INSURANCE,
  hostMentor,
  recordInsurance,
  sendEvent,
} from './support/factories';
import { HttpClient, startTestApp, TestApp } from './support/test-app';

/**
 * Issue 13: insurance as a rule, the lifecycle on the calendar, interruptions, a withdrawn file
 * finished, the participant report's status. The fixture's stay runs 1–28 June 2026 (no travel
 * days: implementation from 31 May); the project 1 January 2026 – 30 June 2027.
 */
describe('insurance, the calendar and interruptions through HTTP', () => {
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

  const at = (iso: string) => t.clock.set(new Date(iso));
  const tasksOf = async (id: string) => (await t.get(`/api/mobilities/${id}/tasks`)).body as any[];
  const taskOf = async (id: string, key: string) => (await tasksOf(id)).find((x) => x.key === key);

  /** A fixture mobility in preparation with its tasks done and the placement confirmed. */
  async function readyToLeave(overrides: Record<string, unknown> = {}) {
    const fixture = await createMobilityFixture(t, overrides);
    const id = fixture.mobility.id;
    await completeMandatoryTasks(t, id, ['application']);
    expect((await sendEvent(t, id, 'ADVANCE')).status).toBe(200);
    await completeMandatoryTasks(t, id, ['preparation']);
    const mentor = await hostMentor(t, fixture.host.id);
    expect((await sendEvent(mentor.client, id, 'HOST_CONFIRM')).status).toBe(200);
    return { ...fixture, id, mentor };
  }

  async function inImplementation() {
    const fixture = await readyToLeave();
    await recordInsurance(t, fixture.id);
    at('2026-06-10T09:00:00Z');
    expect((await sendEvent(t, fixture.id, 'ADVANCE')).body.phase).toBe('implementation');
    return fixture;
  }

  describe('insurance', () => {
    it('is recorded by the sending side with If-Match, lands in the history, and is required to leave', async () => {
      const { id } = await readyToLeave();
      at('2026-05-31T09:00:00Z');
      const refused = await sendEvent(t, id, 'ADVANCE');
      expect(refused.status).toBe(409);
      expect(refused.body.unmet).toEqual([
        {
          code: 'INSURANCE_MISSING',
          taskKey: 'insurance',
          missingRisks: ['health', 'accident', 'liability'],
          message:
            'Insurance must be recorded before departure: no cover for health, accident and third-party liability',
        },
      ]);
      const before = await t.get(`/api/mobilities/${id}`);
      expect(before.body.allowedEvents).not.toContain('ADVANCE');
      expect(before.body.insurance).toEqual({
        covers: [],
        missingRisks: ['health', 'accident', 'liability'],
        recordedAt: null,
        recordedBy: null,
      });

      // Partial cover is recorded (one cover at a time is fine) but still blocks departure.
      const partial = await t.request(
        'PUT',
        `/api/mobilities/${id}/insurance`,
        {
          covers: [
            { kind: 'ehic', insurer: 'AOK Rheinland', policyNumber: '80276001', risks: ['health'] },
            { kind: 'policy', insurer: 'HDI', policyNumber: 'UNF-7', risks: ['accident'] },
          ],
        },
        { 'if-match': before.headers.get('etag') ?? '' },
      );
      expect(partial.status).toBe(200);
      expect(partial.body.version).toBe(before.body.version + 1);
      expect(partial.headers.get('etag')).toBe(`"${partial.body.version}"`);
      expect(partial.body.insurance.missingRisks).toEqual(['liability']);
      expect((await sendEvent(t, id, 'ADVANCE')).body.unmet).toEqual([
        expect.objectContaining({ code: 'INSURANCE_MISSING', missingRisks: ['liability'] }),
      ]);

      const stale = await t.request('PUT', `/api/mobilities/${id}/insurance`, FULL_INSURANCE, {
        'if-match': before.headers.get('etag') ?? '',
      });
      expect(stale.status).toBe(412);
      expect(stale.body.currentVersion).toBe(partial.body.version);

      const full = await recordInsurance(t, id);
      expect(full.insurance).toEqual({
        covers: FULL_INSURANCE.covers,
        missingRisks: [],
        recordedAt: '2026-05-31T09:00:00.000Z',
        recordedBy: 'coordinator@school.test',
      });
      // Complete cover ticks the checklist's insurance task.
      expect((await taskOf(id, 'insurance')).status).toBe('done');
      expect(full.allowedEvents).toContain('ADVANCE');
      expect((await sendEvent(t, id, 'ADVANCE')).body.phase).toBe('implementation');
      const history = (await t.get(`/api/mobilities/${id}/history`)).body;
      expect(history.filter((e: any) => e.event === 'INSURANCE').map((e: any) => e.reason)).toEqual([
        'AOK Rheinland 80276001: health; HDI UNF-7: accident',
        'Allianz Travel ERA-2026-001: health, accident, liability',
      ]);
    });

    it('422 names the cover field; an EHIC is health only and only where it is accepted', async () => {
      const turkey = await createMobilityFixture(t);
      const tr = await t.patch(`/api/mobilities/${turkey.mobility.id}`, {
        hostOrganisationId: (
          await t.post('/api/organisations', {
            name: 'Istanbul Teknik Atölye',
            kind: 'company',
            country: 'TR',
            city: 'Istanbul',
            email: 'staj@example.org',
            registeredByOrganisationId: turkey.sending.id,
          })
        ).body.id,
      });
      expect(tr.status).toBe(200);
      const ehicInTurkey = await t.request('PUT', `/api/mobilities/${turkey.mobility.id}/insurance`, {
        covers: [{ kind: 'ehic', insurer: 'AOK', policyNumber: '1', risks: ['health'] }],
      });
      expect(ehicInTurkey.status).toBe(422);
      expect(ehicInTurkey.body.errors).toEqual([expect.objectContaining({ field: 'covers[0].kind' })]);
      const ehicLiability = await t.request('PUT', `/api/mobilities/${turkey.mobility.id}/insurance`, {
        covers: [{ kind: 'ehic', insurer: 'AOK', policyNumber: '1', risks: ['health', 'liability'] }],
      });
      expect(ehicLiability.status).toBe(422);
      expect(ehicLiability.body.errors).toEqual([expect.objectContaining({ field: 'covers[0].risks' })]);
      const malformed = await t.request('PUT', `/api/mobilities/${turkey.mobility.id}/insurance`, {
        covers: [{ kind: 'policy', insurer: 'X', policyNumber: '1', risks: ['fire'] }],
      });
      expect(malformed.status).toBe(400);
      expect((await t.get(`/api/mobilities/${turkey.mobility.id}`)).body.insurance.covers).toEqual([]);
    });

    it('another tenant gets 404, a mentor 403, a closed mobility 409', async () => {
      const { mobility, host } = await createMobilityFixture(t);
      const otherSchool = await createSchool(t);
      const stranger = await t.createUser({ role: 'coordinator', organisationId: otherSchool.id });
      const foreign = await stranger.client.request('PUT', `/api/mobilities/${mobility.id}/insurance`, FULL_INSURANCE);
      expect(foreign.status).toBe(404);
      const mentor = await hostMentor(t, host.id);
      expect(
        (await mentor.client.request('PUT', `/api/mobilities/${mobility.id}/insurance`, FULL_INSURANCE)).status,
      ).toBe(403);
      // Recorded by the school, the host's mentor learns that the stay is covered, not the numbers.
      expect((await t.request('PUT', `/api/mobilities/${mobility.id}/insurance`, FULL_INSURANCE)).status).toBe(200);
      const asMentor = (await mentor.client.get(`/api/mobilities/${mobility.id}`)).body.insurance;
      expect(asMentor).toEqual(expect.objectContaining({ covers: [], missingRisks: [] }));
      expect((await t.get(`/api/mobilities/${mobility.id}`)).body.insurance.covers.length).toBeGreaterThan(0);
      expect((await sendEvent(t, mobility.id, 'WITHDRAW', 'left school')).status).toBe(200);
      const closed = await t.request('PUT', `/api/mobilities/${mobility.id}/insurance`, FULL_INSURANCE);
      expect(closed.status).toBe(409);
      expect(closed.body.type).toBe(problemType('mobility-closed'));
    });
  });

  describe('a group of learners', () => {
    it('leaves for the stay only with an accompanying person named', async () => {
      const { id, sending } = await readyToLeave({ activityType: 'LM-GROUP-VET' });
      await recordInsurance(t, id);
      at('2026-06-10T09:00:00Z');
      const alone = await sendEvent(t, id, 'ADVANCE');
      expect(alone.status).toBe(409);
      expect(alone.body.unmet).toEqual([expect.objectContaining({ code: 'GROUP_NOT_ACCOMPANIED' })]);
      expect((await t.get(`/api/mobilities/${id}`)).body.allowedEvents).not.toContain('ADVANCE');
      const staff = await t.createUser({ role: 'staff', organisationId: sending.id });
      const added = await t.post(`/api/mobilities/${id}/accompanying-persons`, {
        userAccountId: staff.userId,
        startDate: '2026-06-01',
        endDate: '2026-06-28',
      });
      expect({ status: added.status, body: added.body }).toMatchObject({ status: 200 });
      expect((await t.get(`/api/mobilities/${id}`)).body.allowedEvents).toContain('ADVANCE');
      expect((await sendEvent(t, id, 'ADVANCE')).body.phase).toBe('implementation');
    });
  });

  describe('the calendar', () => {
    it('implementation starts on the day before the stay at the earliest (the boundary day ±1)', async () => {
      const { id } = await readyToLeave();
      await recordInsurance(t, id);
      at('2026-05-30T20:00:00Z'); // 22:00 in Essen, still 30 May
      const early = await sendEvent(t, id, 'ADVANCE');
      expect(early.status).toBe(409);
      expect(early.body.unmet).toEqual([
        {
          code: 'STAY_NOT_STARTED',
          earliestDate: '2026-05-31',
          message: 'The stay starts on 1 June: Implementation can start from 31 May',
        },
      ]);
      // 23:30 UTC on 30 May is already 31 May in the school's time zone (Europe/Berlin).
      at('2026-05-30T22:30:00Z');
      expect((await t.get(`/api/mobilities/${id}`)).body.allowedEvents).toContain('ADVANCE');
      expect((await sendEvent(t, id, 'ADVANCE')).body.phase).toBe('implementation');
    });

    it('evaluation starts on the last day abroad, not the day before', async () => {
      const { id } = await inImplementation();
      await completeMandatoryTasks(t, id, ['implementation']);
      at('2026-06-27T09:00:00Z');
      const early = await sendEvent(t, id, 'ADVANCE');
      expect(early.status).toBe(409);
      expect(early.body.unmet).toEqual([
        expect.objectContaining({ code: 'STAY_NOT_ENDED', earliestDate: '2026-06-28' }),
      ]);
      at('2026-06-28T09:00:00Z');
      expect((await sendEvent(t, id, 'ADVANCE')).body.phase).toBe('evaluation');
    });

    it('flags a learning agreement completed on or after the first day abroad', async () => {
      const { mobility } = await createMobilityFixture(t);
      const agreement = await taskOf(mobility.id, 'learning-agreement');
      at('2026-05-31T21:00:00Z'); // still 31 May in Essen, the day before the first day abroad: on time
      expect((await t.patch(`/api/tasks/${agreement.id}`, { status: 'done' })).status).toBe(200);
      const onTime = (await t.get(`/api/mobilities/${mobility.id}`)).body;
      expect(onTime).toEqual(
        expect.objectContaining({ learningAgreementCompletedOn: '2026-05-31', learningAgreementLate: false }),
      );
      expect((await t.patch(`/api/tasks/${agreement.id}`, { status: 'open' })).status).toBe(200);
      at('2026-05-31T22:30:00Z'); // 1 June in Essen: the first day abroad itself
      expect((await t.patch(`/api/tasks/${agreement.id}`, { status: 'done' })).status).toBe(200);
      expect((await t.get(`/api/mobilities/${mobility.id}`)).body).toEqual(
        expect.objectContaining({ learningAgreementCompletedOn: '2026-06-01', learningAgreementLate: true }),
      );
    });

    it('mobility dates lie within the project (422 naming startDate / endDate on create and edit)', async () => {
      const { project, sending, host, mobility } = await createMobilityFixture(t);
      const body = {
        participant: { firstName: 'Ana', lastName: 'Early', email: 'ana.early@example.org' },
        activityType: 'LM-SHORT-VET',
        sendingOrganisationId: sending.id,
        hostOrganisationId: host.id,
      };
      const before = await t.post(`/api/projects/${project.id}/mobilities`, {
        ...body,
        startDate: '2025-12-20',
        endDate: '2026-01-20',
      });
      expect(before.status).toBe(422);
      expect(before.body.errors.map((e: any) => e.field)).toEqual(['startDate']);
      const after = await t.post(`/api/projects/${project.id}/mobilities`, {
        ...body,
        startDate: '2027-06-20',
        endDate: '2027-07-15',
      });
      expect(after.status).toBe(422);
      expect(after.body.errors.map((e: any) => e.field)).toEqual(['endDate']);

      const edit = await t.patch(`/api/mobilities/${mobility.id}`, { startDate: '2027-06-15', endDate: '2027-07-12' });
      expect(edit.status).toBe(422);
      expect(edit.body.errors).toEqual([
        expect.objectContaining({ field: 'endDate', rule: 'within the project dates' }),
      ]);
      const lastDays = await t.patch(`/api/mobilities/${mobility.id}`, {
        startDate: '2027-06-03',
        endDate: '2027-06-30',
      });
      expect(lastDays.status).toBe(200);
    });
  });

  describe('INTERRUPT', () => {
    it('takes the interruption fields only with INTERRUPT (400 naming the field)', async () => {
      const { mobility } = await createMobilityFixture(t);
      const withAdvance = await t.post(`/api/mobilities/${mobility.id}/events`, {
        type: 'ADVANCE',
        actualEndDate: '2026-06-10',
      });
      expect(withAdvance.status).toBe(400);
      expect(withAdvance.body.errors).toEqual([expect.objectContaining({ field: 'actualEndDate' })]);
      const flagWithWithdraw = await t.post(`/api/mobilities/${mobility.id}/events`, {
        type: 'WITHDRAW',
        reason: 'x',
        forceMajeure: true,
      });
      expect(flagWithWithdraw.status).toBe(400);
      expect(flagWithWithdraw.body.errors).toEqual([expect.objectContaining({ field: 'forceMajeure' })]);
      const missing = await t.post(`/api/mobilities/${mobility.id}/events`, { type: 'INTERRUPT', reason: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: any) => e.field).sort()).toEqual(['actualEndDate', 'forceMajeure']);
    });

    it('ends a stay early: evaluation with planned and actual dates, force majeure in the history', async () => {
      const { id, mentor } = await inImplementation();
      at('2026-06-12T09:00:00Z');
      const detail = (await t.get(`/api/mobilities/${id}`)).body;
      expect(detail.allowedEvents).toEqual(['REOPEN', 'WITHDRAW', 'INTERRUPT']);
      expect(detail.interruption).toBeNull();
      const interrupt = (body: Record<string, unknown>, client: HttpClient = t) =>
        client.post(`/api/mobilities/${id}/events`, { type: 'INTERRUPT', ...body });

      // The mentor may not interrupt; staff neither (coordinator only).
      expect(
        (await interrupt({ reason: 'x', actualEndDate: '2026-06-11', forceMajeure: true }, mentor.client)).status,
      ).toBe(403);
      const future = await interrupt({ reason: 'Flood', actualEndDate: '2026-06-13', forceMajeure: true });
      expect(future.status).toBe(409);
      expect(future.body.unmet).toEqual([
        expect.objectContaining({ code: 'INTERRUPTION_DATE_INVALID', field: 'actualEndDate' }),
      ]);
      const beforeStay = await interrupt({ reason: 'Flood', actualEndDate: '2026-05-31', forceMajeure: true });
      expect(beforeStay.body.unmet).toEqual([expect.objectContaining({ code: 'INTERRUPTION_DATE_INVALID' })]);
      const noReason = await interrupt({ reason: ' ', actualEndDate: '2026-06-11', forceMajeure: true });
      expect(noReason.body.unmet).toEqual([expect.objectContaining({ code: 'REASON_REQUIRED' })]);

      const etag = (await t.get(`/api/mobilities/${id}`)).headers.get('etag') ?? '';
      const done = await t.post(
        `/api/mobilities/${id}/events`,
        {
          type: 'INTERRUPT',
          reason: 'Host workshop closed after a flood',
          actualEndDate: '2026-06-11',
          forceMajeure: true,
        },
        { 'if-match': etag },
      );
      expect(done.status).toBe(200);
      expect(done.body).toEqual(
        expect.objectContaining({
          phase: 'evaluation',
          startDate: '2026-06-01',
          endDate: '2026-06-28',
          durationDays: 28,
          interruption: {
            actualEndDate: '2026-06-11',
            actualDurationDays: 11,
            forceMajeure: true,
            reason: 'Host workshop closed after a flood',
            interruptedAt: '2026-06-12T09:00:00.000Z',
            interruptedBy: 'coordinator@school.test',
          },
        }),
      );
      // The host sees that the stay ended, not why, nor who recorded it.
      expect((await mentor.client.get(`/api/mobilities/${id}`)).body.interruption).toEqual(
        expect.objectContaining({ actualEndDate: '2026-06-11', reason: null, interruptedBy: null }),
      );
      const [row] = await t.db.query(
        'SELECT actual_end_date::text AS d, force_majeure, machine_version FROM mobility WHERE id = $1',
        [id],
      );
      expect(row).toEqual({ d: '2026-06-11', force_majeure: true, machine_version: 2 });
      const history = (await t.get(`/api/mobilities/${id}/history`)).body;
      expect(history[history.length - 1]).toEqual(
        expect.objectContaining({
          event: 'INTERRUPT',
          from: 'implementation',
          to: 'evaluation',
          reason: 'Host workshop closed after a flood',
        }),
      );
      // Re-sent with the old ETag: 412, nothing written twice.
      const again = await t.post(
        `/api/mobilities/${id}/events`,
        { type: 'INTERRUPT', reason: 'again', actualEndDate: '2026-06-11', forceMajeure: true },
        { 'if-match': etag },
      );
      expect(again.status).toBe(412);
      // Reopened to implementation (recorded by mistake, or the stay resumed): the interruption is
      // undone, the planned last day counts again, and a new interruption can be recorded.
      const reopened = await sendEvent(t, id, 'REOPEN', 'the workshop reopened after two days');
      expect(reopened.body).toEqual(expect.objectContaining({ phase: 'implementation', interruption: null }));
      const [cleared] = await t.db.query(
        'SELECT actual_end_date, force_majeure, interruption_reason, interrupted_at, interrupted_by FROM mobility WHERE id = $1',
        [id],
      );
      expect(Object.values(cleared)).toEqual([null, null, null, null, null]);
      await completeMandatoryTasks(t, id, ['implementation'], 'waived');
      const early = await sendEvent(t, id, 'ADVANCE');
      expect(early.status).toBe(409);
      expect(early.body.unmet).toEqual([
        expect.objectContaining({ code: 'STAY_NOT_ENDED', earliestDate: '2026-06-28' }),
      ]);
      const second = await t.post(`/api/mobilities/${id}/events`, {
        type: 'INTERRUPT',
        reason: 'Host workshop closed for good',
        actualEndDate: '2026-06-12',
        forceMajeure: true,
      });
      expect(second.body).toEqual(
        expect.objectContaining({
          phase: 'evaluation',
          interruption: expect.objectContaining({ actualEndDate: '2026-06-12' }),
        }),
      );
    });

    it('a stored version-1 snapshot is migrated on the next event and written as version 2', async () => {
      const { id } = await inImplementation();
      await t.db.query('UPDATE mobility SET machine_version = 1 WHERE id = $1', [id]);
      expect((await t.get(`/api/mobilities/${id}`)).body).toEqual(
        expect.objectContaining({ machineVersion: 1, allowedEvents: ['REOPEN', 'WITHDRAW', 'INTERRUPT'] }),
      );
      const res = await t.post(`/api/mobilities/${id}/events`, {
        type: 'INTERRUPT',
        reason: 'Learner fell ill',
        actualEndDate: '2026-06-09',
        forceMajeure: false,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ machineVersion: 2, phase: 'evaluation' }));
    });
  });

  describe('a withdrawn file is finished', () => {
    it('keeps the participant report, BM and evidence tasks open to change; the rest is closed; no reminders', async () => {
      const { id } = await inImplementation();
      expect((await sendEvent(t, id, 'WITHDRAW', 'Learner went home and left the programme')).status).toBe(200);
      const submitted = await taskOf(id, 'participant-report-submitted');
      const evidence = await taskOf(id, 'evidence-attendance');
      const debrief = await taskOf(id, 'debrief');
      expect((await t.patch(`/api/tasks/${submitted.id}`, { status: 'done' })).status).toBe(200);
      expect((await t.patch(`/api/tasks/${evidence.id}`, { status: 'waived', waiverReason: 'no stay' })).status).toBe(
        200,
      );
      const closed = await t.patch(`/api/tasks/${debrief.id}`, { status: 'done' });
      expect(closed.status).toBe(409);
      expect(closed.body.type).toBe(problemType('checklist-closed'));
      // Nobody is reminded of a withdrawn mobility's tasks.
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM outbox o JOIN reminder r ON r.outbox_id = o.id
          WHERE r.mobility_id = $1 AND o.status IN ('pending', 'queued')`,
        [id],
      );
      expect(n).toBe(0);
      // Its participant report can still be asked for.
      const requested = await t.post(`/api/mobilities/${id}/participant-report`, { action: 'request' });
      expect(requested.status).toBe(200);
      expect(requested.body.participantReport.status).toBe('requested');
    });
  });

  describe('participant report status', () => {
    it('requested, re-sent once per 24 h, submitted; ticks its tasks; overdue after the deadline', async () => {
      const { id } = await inImplementation();
      await completeMandatoryTasks(t, id, ['implementation']);
      at('2026-06-27T09:00:00Z');
      const early = await t.post(`/api/mobilities/${id}/participant-report`, { action: 'request' });
      expect(early.status).toBe(409);
      expect(early.body.type).toBe(problemType('participant-report-refused'));
      at('2026-06-29T08:00:00Z');
      expect((await sendEvent(t, id, 'ADVANCE')).body.phase).toBe('evaluation');

      const etag = (await t.get(`/api/mobilities/${id}`)).headers.get('etag') ?? '';
      const requested = await t.post(
        `/api/mobilities/${id}/participant-report`,
        { action: 'request' },
        { 'if-match': etag },
      );
      expect(requested.status).toBe(200);
      expect(requested.body.participantReport).toEqual({
        status: 'requested',
        requestedAt: '2026-06-29T08:00:00.000Z',
        lastSentAt: '2026-06-29T08:00:00.000Z',
        resentCount: 0,
        submittedAt: null,
        deadline: '2026-07-28',
        overdue: false,
        resendableFrom: '2026-06-30T08:00:00.000Z',
      });
      expect((await taskOf(id, 'participant-report-requested')).status).toBe('done');
      const stale = await t.post(
        `/api/mobilities/${id}/participant-report`,
        { action: 'resend' },
        { 'if-match': etag },
      );
      expect(stale.status).toBe(412);

      at('2026-06-30T07:59:00Z');
      const tooSoon = await t.post(`/api/mobilities/${id}/participant-report`, { action: 'resend' });
      expect(tooSoon.status).toBe(429);
      expect(tooSoon.body.type).toBe(problemType('participant-report-too-soon'));
      expect(tooSoon.body.retryAfterSeconds).toBe(60);
      at('2026-06-30T08:00:00Z');
      const resent = await t.post(`/api/mobilities/${id}/participant-report`, { action: 'resend' });
      expect(resent.body.participantReport).toEqual(
        expect.objectContaining({ status: 'requested', resentCount: 1, lastSentAt: '2026-06-30T08:00:00.000Z' }),
      );

      at('2026-07-29T08:00:00Z');
      expect((await t.get(`/api/mobilities/${id}`)).body.participantReport.overdue).toBe(true);
      const submitted = await t.post(`/api/mobilities/${id}/participant-report`, { action: 'submitted' });
      expect(submitted.body.participantReport).toEqual(
        expect.objectContaining({ status: 'submitted', submittedAt: '2026-07-29T08:00:00.000Z', overdue: false }),
      );
      expect((await taskOf(id, 'participant-report-submitted')).status).toBe('done');
      expect((await t.post(`/api/mobilities/${id}/participant-report`, { action: 'resend' })).status).toBe(409);
      expect((await t.post(`/api/mobilities/${id}/participant-report`, { action: 'lost' })).status).toBe(400);
      const history = (await t.get(`/api/mobilities/${id}/history`)).body;
      expect(history.filter((e: any) => e.event === 'PARTICIPANT_REPORT').map((e: any) => e.reason)).toEqual([
        'request: requested',
        'resend: requested',
        'submitted: submitted',
      ]);
    });

    it('is not for another tenant (404), a mentor or a learner (403)', async () => {
      const { mobility, host } = await createMobilityFixture(t);
      const stranger = await t.createUser({ role: 'coordinator', organisationId: (await createSchool(t)).id });
      const url = `/api/mobilities/${mobility.id}/participant-report`;
      expect((await stranger.client.post(url, { action: 'request' })).status).toBe(404);
      expect((await (await hostMentor(t, host.id)).client.post(url, { action: 'request' })).status).toBe(403);
      const learner = await t.createUser({ personId: mobility.participant.id });
      expect((await learner.client.post(url, { action: 'request' })).status).toBe(403);
    });
  });
});
