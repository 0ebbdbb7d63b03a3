import { addDays } from '@mobility-hub/domain';
import { INestApplicationContext } from '@nestjs/common';
import { DigestService } from '../src/modules/notification/digest.service';
import { ReminderService } from '../src/modules/notification/reminder.service';
import { createMobilityFixture, createOrganisation, createProject, createSchool } from './support/factories';
import {
  eventually,
  removeQueues,
  SmtpSink,
  startSmtpSink,
  startWorker,
  uniquePrefix,
  workerEnv,
} from './support/mail-harness';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Reminder planning under a fake clock (2026-03-02 unless moved), against real PostgreSQL;
 * delivery through a real Redis and a real SMTP server where the test says so.
 */
describe('reminders', () => {
  let t: TestApp;
  let reminders: ReminderService;
  const at = (iso: string) => t.clock.set(new Date(iso));

  beforeAll(async () => {
    t = await startTestApp();
    reminders = t.app.get(ReminderService);
  });
  afterAll(() => t.close());

  const sentFor = async (mobilityId: string, taskId: string) =>
    ((await t.get(`/api/mobilities/${mobilityId}/reminders`)).body.sent as any[]).filter((r) => r.taskId === taskId);
  const plannedFor = async (mobilityId: string, taskId: string) =>
    ((await t.get(`/api/mobilities/${mobilityId}/reminders`)).body.planned as any[]).filter((r) => r.taskId === taskId);
  const taskByKey = async (mobilityId: string, key: string) =>
    ((await t.get(`/api/mobilities/${mobilityId}/tasks`)).body as any[]).find((task) => task.key === key);

  it('plans the participant report: request on the last day, reminders before, on and after, at 09:00 in the school’s zone', async () => {
    at('2026-03-02T10:00:00Z');
    // 2026-06-01 … 2026-06-28 (a Sunday); the report is due 30 days later, 2026-07-28. Berlin is UTC+2 in summer.
    const { mobility } = await createMobilityFixture(t);
    const report = await taskByKey(mobility.id, 'participant-report-submitted');
    expect(report.dueDate).toBe('2026-07-28');
    const planned = await plannedFor(mobility.id, report.id);
    expect(planned.map((p) => [p.occasion, p.occasionDate, p.sendAt, p.mailKind])).toEqual([
      // The last day is a Sunday: the request waits for Monday morning.
      ['request', '2026-06-28', '2026-06-29T07:00:00.000Z', 'participant-report-request'],
      ['due-soon', '2026-07-14', '2026-07-14T07:00:00.000Z', 'task-reminder'],
      ['due-soon', '2026-07-21', '2026-07-21T07:00:00.000Z', 'task-reminder'],
      ['due-today', '2026-07-28', '2026-07-28T07:00:00.000Z', 'task-reminder'],
      ['overdue', '2026-07-31', '2026-07-31T07:00:00.000Z', 'task-reminder'],
      ['overdue', '2026-08-07', '2026-08-07T07:00:00.000Z', 'task-reminder'],
      ['overdue', '2026-08-14', '2026-08-14T07:00:00.000Z', 'task-reminder'],
      ['overdue', '2026-08-21', '2026-08-21T07:00:00.000Z', 'task-reminder'],
      ['overdue', '2026-08-28', '2026-08-28T07:00:00.000Z', 'task-reminder'],
      ['overdue', '2026-09-04', '2026-09-04T07:00:00.000Z', 'task-reminder'],
    ]);
    expect(new Set(planned.map((p) => p.recipientEmail))).toEqual(new Set([mobility.participant.email]));
  });

  it('sends each occasion once, when its time has come, and never twice however often the sweep runs', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    const report = await taskByKey(mobility.id, 'participant-report-submitted');

    at('2026-06-29T06:59:00Z');
    await reminders.sweep();
    expect(await sentFor(mobility.id, report.id)).toEqual([]);

    at('2026-06-29T07:00:00Z');
    await Promise.all([reminders.sweep(), reminders.sweep()]);
    await reminders.sweep();
    const sent = await sentFor(mobility.id, report.id);
    expect(sent.map((s) => [s.occasion, s.occasionDate, s.status, s.recipientEmail])).toEqual([
      ['request', '2026-06-28', 'outboxed', mobility.participant.email],
    ]);
    const outbox = (
      await t.get(`/api/outbox?mobilityId=${mobility.id}&recipient=${mobility.participant.email}&pageSize=100`)
    ).body;
    const request = outbox.items.find((m: any) => m.id === sent[0].outboxId);
    expect(request).toMatchObject({
      kind: 'participant-report-request',
      status: 'pending',
      sendAfter: '2026-06-29T07:00:00.000Z',
    });
    // The school is German: the learner reads German, with a German date.
    expect(request.subject).toBe('Ihr Erasmus+-Teilnehmendenbericht: bitte bis 28. Juli 2026 einreichen');
    // Nothing else was planned for that task yet.
    expect((await plannedFor(mobility.id, report.id))[0]).toMatchObject({
      occasion: 'due-soon',
      occasionDate: '2026-07-14',
    });
  });

  it('sends only the latest occasion that has passed when a task is found late, then goes on from there', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    const report = await taskByKey(mobility.id, 'participant-report-submitted');
    at('2026-07-29T12:00:00Z'); // request, two due-soon and due-today have all passed
    await reminders.sweep();
    expect((await sentFor(mobility.id, report.id)).map((s) => [s.occasion, s.occasionDate])).toEqual([
      ['due-today', '2026-07-28'],
    ]);
    at('2026-07-31T07:00:00Z');
    await reminders.sweep();
    expect((await sentFor(mobility.id, report.id)).map((s) => [s.occasion, s.occasionDate])).toEqual([
      ['overdue', '2026-07-31'],
      ['due-today', '2026-07-28'],
    ]);
  });

  it('completing a task cancels its future reminders and the mail not yet delivered', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    const report = await taskByKey(mobility.id, 'participant-report-submitted');
    at('2026-07-14T08:00:00Z');
    await reminders.sweep();
    const [dueSoon] = await sentFor(mobility.id, report.id);
    expect(dueSoon).toMatchObject({ occasion: 'due-soon', mailStatus: 'pending' });

    expect((await t.patch(`/api/tasks/${report.id}`, { status: 'done' })).status).toBe(200);
    expect(await plannedFor(mobility.id, report.id)).toEqual([]);
    const [cancelled] = await sentFor(mobility.id, report.id);
    expect(cancelled).toMatchObject({ outboxId: dueSoon.outboxId, mailStatus: 'cancelled' });
    at('2026-08-30T08:00:00Z');
    await reminders.sweep();
    expect(await sentFor(mobility.id, report.id)).toHaveLength(1);

    // Reopening brings the reminders back, from now on.
    expect((await t.patch(`/api/tasks/${report.id}`, { status: 'open' })).status).toBe(200);
    expect((await plannedFor(mobility.id, report.id))[0]).toMatchObject({
      occasion: 'overdue',
      occasionDate: '2026-09-04',
    });
  });

  it('a change to one task re-plans that task only: the others keep their instants and their waiting mail', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    const report = await taskByKey(mobility.id, 'participant-report-submitted');
    at('2026-07-14T08:00:00Z');
    await reminders.sweep();
    const sent = async () => (await t.get(`/api/mobilities/${mobility.id}/reminders`)).body.sent as any[];
    const othersWaiting = (await sent()).filter((r) => r.taskId !== report.id && r.mailStatus === 'pending');
    expect(othersWaiting.length).toBeGreaterThan(0);
    const instants = () =>
      t.db.query(`SELECT id, next_reminder_at FROM task WHERE mobility_id = $1 AND id <> $2 ORDER BY id`, [
        mobility.id,
        report.id,
      ]);
    const before = await instants();
    expect(before.some((task: any) => task.next_reminder_at !== null)).toBe(true);

    // The report's reminder went in the learner's one mail of the day, with the other tasks due.
    const shared = (await sent()).find((r) => r.taskId === report.id);
    const batchmates = othersWaiting.filter((r) => r.outboxId === shared.outboxId).map((r) => r.taskId);
    const elsewhere = othersWaiting.filter((r) => r.outboxId !== shared.outboxId);
    expect(batchmates.length).toBeGreaterThan(0);
    expect((await t.patch(`/api/tasks/${report.id}`, { status: 'done' })).status).toBe(200);
    // Other mail waits as it was; the tasks that shared the report's mail are looked at again now…
    const moved = (await instants()).filter((task: any) => batchmates.includes(task.id));
    expect(
      moved.every((task: any) => new Date(task.next_reminder_at).toISOString() === '2026-07-14T08:00:00.000Z'),
    ).toBe(true);
    expect((await instants()).filter((task: any) => !batchmates.includes(task.id))).toEqual(
      before.filter((task: any) => !batchmates.includes(task.id)),
    );
    const after = await sent();
    for (const mail of elsewhere) {
      expect(after.find((r) => r.outboxId === mail.outboxId)).toMatchObject({ mailStatus: 'pending' });
    }
    expect(after.filter((r) => r.taskId === report.id).map((r) => r.mailStatus)).toEqual(['cancelled']);
    // … and the next sweep writes their mail again, without the task that is done.
    await reminders.sweep();
    const rewritten = (await sent()).find((r) => r.taskId === batchmates[0] && r.mailStatus === 'pending');
    const [mail] = await t.db.query(`SELECT text FROM outbox WHERE id = $1`, [rewritten.outboxId]);
    expect(mail.text).not.toContain('Participant report submitted');
  });

  it('new mobility dates re-plan the reminders', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    const report = await taskByKey(mobility.id, 'participant-report-submitted');
    const res = await t.patch(`/api/mobilities/${mobility.id}`, { startDate: '2026-09-01', endDate: '2026-09-28' });
    expect(res.status).toBe(200);
    const planned = await plannedFor(mobility.id, report.id);
    expect(planned.slice(0, 2).map((p) => [p.occasion, p.occasionDate])).toEqual([
      ['request', '2026-09-28'],
      ['due-soon', '2026-10-14'],
    ]);
    // The old dates no longer produce anything.
    at('2026-06-29T07:00:00Z');
    await reminders.sweep();
    expect(await sentFor(mobility.id, report.id)).toEqual([]);
  });

  it('a withdrawn mobility gets no more reminders', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    expect(
      (await t.post(`/api/mobilities/${mobility.id}/events`, { type: 'WITHDRAW', reason: 'learner left the school' }))
        .status,
    ).toBe(200);
    const view = (await t.get(`/api/mobilities/${mobility.id}/reminders`)).body;
    expect(view.planned).toEqual([]);
    at('2026-09-01T08:00:00Z');
    await reminders.sweep();
    expect(
      (await t.get(`/api/mobilities/${mobility.id}/reminders`)).body.sent.filter((s: any) => s.occasion !== 'request'),
    ).toEqual([]);
  });

  it('asks the host to confirm the placement when a host is assigned, and the mentor gets the host’s reminders', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility, host, sending } = await createMobilityFixture(t);
    const requests = (await t.get(`/api/outbox?mobilityId=${mobility.id}&pageSize=100`)).body.items.filter(
      (m: any) => m.kind === 'placement-request',
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ recipientEmail: host.email, status: 'pending' });
    expect(requests[0].subject).toContain('Lena Schmidt');

    const other = await createOrganisation(t, {
      country: 'IT',
      city: 'Bologna',
      email: 'tutor@officina.example',
      registeredByOrganisationId: sending.id,
    });
    const detail = await t.get(`/api/mobilities/${mobility.id}`);
    const moved = await t.patch(
      `/api/mobilities/${mobility.id}`,
      { hostOrganisationId: other.id, mentorName: 'Giulia Rossi', mentorEmail: 'Giulia@Officina.example' },
      { 'If-Match': detail.headers.get('etag')! },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.mentor).toEqual({ name: 'Giulia Rossi', email: 'giulia@officina.example' });
    const after = (await t.get(`/api/outbox?mobilityId=${mobility.id}&pageSize=100`)).body.items.filter(
      (m: any) => m.kind === 'placement-request',
    );
    // The first host's request was not delivered yet: cancelled; the new host's mentor is asked.
    expect(after.map((m: any) => [m.recipientEmail, m.status]).sort()).toEqual([
      ['contact@example.org', 'cancelled'],
      ['giulia@officina.example', 'pending'],
    ]);
    const hostTask = (await t.get(`/api/mobilities/${mobility.id}/reminders`)).body.planned.find(
      (p: any) => p.mailKind === 'task-reminder' && p.recipientEmail === 'giulia@officina.example',
    );
    expect(hostTask).toBeDefined();
  });

  it('a sweep passes over a mobility someone is editing and sends its reminders next time (no waiting, no deadlock)', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    const report = await taskByKey(mobility.id, 'participant-report-submitted');
    at('2026-06-29T07:00:00Z');
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM mobility WHERE id = $1 FOR UPDATE`, [mobility.id]); // an edit in progress
      await reminders.sweep();
      expect(await sentFor(mobility.id, report.id)).toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    await reminders.sweep();
    expect((await sentFor(mobility.id, report.id)).map((r) => r.occasion)).toEqual(['request']);
  });

  it('removing the host cancels a placement request not yet delivered', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    expect((await t.patch(`/api/mobilities/${mobility.id}`, { hostOrganisationId: null })).status).toBe(200);
    const requests = (await t.get(`/api/outbox?mobilityId=${mobility.id}&pageSize=100`)).body.items.filter(
      (m: any) => m.kind === 'placement-request',
    );
    expect(requests.map((m: any) => m.status)).toEqual(['cancelled']);
  });

  it('names the field and the rule for a mentor without a host', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t, { hostOrganisationId: undefined });
    const res = await t.patch(`/api/mobilities/${mobility.id}`, { mentorEmail: 'someone@example.org' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'mentorEmail', rule: 'needs a host' });
    const bad = await t.patch(`/api/mobilities/${mobility.id}`, { mentorEmail: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('mentorEmail');
  });

  it('lets a recipient mute advice through the signed link, never a programme deadline', async () => {
    at('2026-03-02T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    const advice = await taskByKey(mobility.id, 'readiness-self-check'); // optional, the learner's, due on 3 March (T0-90)
    at('2026-03-03T10:00:00Z');
    await reminders.sweep();
    const [sent] = await sentFor(mobility.id, advice.id);
    expect(sent).toMatchObject({ mailKind: 'task-advice', status: 'outboxed' });
    const mail = (await t.db.query(`SELECT text, headers FROM outbox WHERE id = $1`, [sent.outboxId]))[0];
    const link = /\/mute\/([A-Za-z0-9_.-]+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    expect(mail.headers['List-Unsubscribe']).toContain(link);

    expect((await t.get(`/api/mutes/${link}`)).body).toMatchObject({ kind: 'task-advice', muted: false });
    const muted = await t.request('PUT', `/api/mutes/${link}`);
    expect(muted.body).toMatchObject({ kind: 'task-advice', muted: true });
    expect(muted.body.recipient).not.toBe(mobility.participant.email);
    // A forged or altered token is simply not found.
    expect((await t.request('PUT', `/api/mutes/${link!.slice(0, -2)}xx`)).status).toBe(404);

    // The next advice for the same learner is recorded as muted, without an e-mail.
    const candidate = await taskByKey(mobility.id, 'candidate-application');
    await t.db.query(`DELETE FROM reminder WHERE task_id = $1`, [candidate.id]);
    await t.db.query(`UPDATE task SET next_reminder_at = $2 WHERE id = $1`, [candidate.id, '2026-03-01T00:00:00Z']);
    await reminders.sweep();
    expect((await sentFor(mobility.id, candidate.id))[0]).toMatchObject({ status: 'muted', outboxId: null });

    expect((await t.request('DELETE', `/api/mutes/${link}`)).body.muted).toBe(false);
    // A deadline reminder's kind cannot be muted (the learner's own deadlines, e.g. the participant report).
    const deadline = { recipient_email: mobility.participant.email.toLowerCase() };
    const { MailLinks } = await import('../src/modules/links/mail-links');
    const token = t.app.get(MailLinks).muteToken(deadline.recipient_email, 'task-reminder');
    const refused = await t.request('PUT', `/api/mutes/${token}`);
    expect(refused.status).toBe(409);
  });

  it('sends each organisation contact one weekly digest of overdue tasks and those due within 14 days', async () => {
    // Planned two months ahead: tasks falling due since then are overdue (due before the planning: catch-up, not overdue).
    at('2026-01-05T10:00:00Z');
    const school = await createSchool(t, {
      kind: 'vet-provider',
      country: 'NL',
      city: 'Utrecht',
      email: 'mobility@roc.example',
    });
    const host = await createOrganisation(t, {
      country: 'FI',
      city: 'Tampere',
      email: 'hr@tampere.example',
      registeredByOrganisationId: school.id,
    });
    const project = await createProject(t, { beneficiaryOrganisationId: school.id });
    for (const [first, start] of [
      ['Sem', '2026-04-06'],
      ['Noor', '2026-04-13'],
    ]) {
      const res = await t.post(`/api/projects/${project.id}/mobilities`, {
        participant: {
          firstName: first,
          lastName: 'de Vries',
          email: `${first.toLowerCase()}@roc.example`,
          dateOfBirth: '2000-01-01',
        },
        activityType: 'LM-SHORT-VET',
        sendingOrganisationId: school.id,
        hostOrganisationId: host.id,
        startDate: start,
        endDate: addDays(start, 27),
      });
      expect(res.status).toBe(201);
    }
    const digests = t.app.get(DigestService);
    at('2026-03-07T10:00:00Z'); // Saturday: schedules the next digest for Monday 09:00 in Utrecht
    await digests.sweep();
    const [{ next_digest_at }] = await t.db.query(`SELECT next_digest_at FROM organisation WHERE id = $1`, [school.id]);
    expect(new Date(next_digest_at).toISOString()).toBe('2026-03-09T08:00:00.000Z');
    at('2026-03-09T08:00:00Z');
    await Promise.all([digests.sweep(), digests.sweep()]);
    await digests.sweep();
    const mails = (await t.get(`/api/outbox?recipient=mobility@roc.example&pageSize=50`)).body.items.filter(
      (m: any) => m.kind === 'weekly-digest',
    );
    expect(mails).toHaveLength(1);
    const [row] = await t.db.query(`SELECT text FROM outbox WHERE id = $1`, [mails[0].id]);
    expect(row.text).toContain('Sem de Vries');
    expect(row.text).toContain('Noor de Vries');
    expect(row.text).toMatch(/Overdue/);
    const [{ next }] = await t.db.query(`SELECT next_digest_at AS next FROM organisation WHERE id = $1`, [school.id]);
    expect(new Date(next).toISOString()).toBe('2026-03-16T08:00:00.000Z');
  });

  describe('delivery', () => {
    let sink: SmtpSink;
    let worker: INestApplicationContext;
    const prefix = uniquePrefix();

    beforeAll(async () => {
      sink = await startSmtpSink();
      worker = await startWorker(workerEnv(t.databaseUrl, sink.url, prefix), t.clock);
    });
    afterAll(async () => {
      await worker.close();
      await sink.close();
      await removeQueues(prefix);
    });

    it('a reminder falling due at night in Europe/Madrid goes out at the start of its working day', async () => {
      at('2026-03-02T10:00:00Z');
      const school = await createSchool(t, {
        kind: 'vet-provider',
        country: 'ES',
        city: 'Sevilla',
        email: 'movilidad@ies.example',
      });
      const host = await createOrganisation(t, { country: 'PT', city: 'Porto', registeredByOrganisationId: school.id });
      const project = await createProject(t, { beneficiaryOrganisationId: school.id });
      const res = await t.post(`/api/projects/${project.id}/mobilities`, {
        participant: { firstName: 'Lucía', lastName: 'García', email: 'lucia@ies.example', dateOfBirth: '2000-01-01' },
        activityType: 'LM-SHORT-VET',
        sendingOrganisationId: school.id,
        hostOrganisationId: host.id,
        startDate: '2026-06-01',
        endDate: '2026-06-28',
      });
      expect(res.status).toBe(201);
      const mobility = res.body;
      const report = await taskByKey(mobility.id, 'participant-report-submitted');
      await t.db.query(`UPDATE outbox SET status = 'cancelled' WHERE status = 'pending'`); // earlier tests' mail
      at('2026-06-29T07:00:00Z');
      await reminders.sweep(); // the report request
      await t.db.query(`UPDATE outbox SET status = 'cancelled' WHERE status = 'pending'`);
      // The due-soon day begins at midnight in Madrid, but nothing goes out at night …
      at('2026-07-13T22:30:00Z'); // 00:30 in Madrid
      await reminders.sweep();
      expect((await sentFor(mobility.id, report.id)).map((s) => s.occasion)).toEqual(['request']);
      // … the reminder is written at 09:00 Madrid (07:00 UTC in summer).
      at('2026-07-14T07:00:00Z');
      await reminders.sweep();
      const [dueSoon] = await sentFor(mobility.id, report.id);
      expect(dueSoon).toMatchObject({ occasion: 'due-soon', occasionDate: '2026-07-14' });
      const [row] = await t.db.query(`SELECT send_after FROM outbox WHERE id = $1`, [dueSoon.outboxId]);
      expect(new Date(row.send_after).toISOString()).toBe('2026-07-14T07:00:00.000Z');
      const messageId = `<${dueSoon.outboxId}@mobility-hub.localhost>`;
      await eventually(() => sink.countOf(messageId) === 1, 20_000, 'the morning reminder');
      const mail = sink.received.find((m) => m.messageId === messageId)!;
      // One mail for the learner's day: the report's reminder with whatever else of theirs is due.
      expect(mail.text).toContain('Participant report submitted');
      // The due date in the recipient's conventions, in the language of the text (no Spanish template
      // yet: English, as written in Spain), the name, the task and a link to the mobility.
      expect(mail.text).toContain('28 July 2026');
      expect(mail.text).toContain('Hello Lucía,');
      expect(mail.html).toContain(`/mobilities/${mobility.id}`);
      await eventually(
        async () =>
          (await t.db.query(`SELECT status FROM outbox WHERE id = $1`, [dueSoon.outboxId]))[0].status === 'sent',
        10_000,
        'sent mark',
      );
      const sent = (await t.get(`/api/outbox?status=sent&recipient=lucia@ies.example&pageSize=100`)).body.items.find(
        (m: any) => m.id === dueSoon.outboxId,
      );
      expect(sent.sentAt).toBe('2026-07-14T07:00:00.000Z');
      expect(sent.smtpMessageId).toBe(mail.messageId);

      // A sweep that catches up at night (a worker was down) writes nothing: the day's one mail is
      // written when the recipient's working day starts, with everything due by then.
      at('2026-07-21T00:30:00Z'); // 02:30 in Madrid; the 2026-07-21 due-soon has not come yet, none has passed unsent
      await t.db.query(`UPDATE task SET next_reminder_at = '2026-07-20T07:00:00Z' WHERE id = $1`, [report.id]);
      await t.db.query(`DELETE FROM reminder WHERE task_id = $1 AND kind = 'due-soon'`, [report.id]);
      await reminders.sweep();
      expect((await sentFor(mobility.id, report.id)).find((s) => s.occasion === 'due-soon')).toBeUndefined();
      const [{ next_reminder_at }] = await t.db.query(`SELECT next_reminder_at FROM task WHERE id = $1`, [report.id]);
      expect(new Date(next_reminder_at).toISOString()).toBe('2026-07-21T07:00:00.000Z');
      at('2026-07-21T07:00:00Z');
      await reminders.sweep();
      const late = (await sentFor(mobility.id, report.id)).find((s) => s.occasion === 'due-soon');
      const [held] = await t.db.query(`SELECT send_after FROM outbox WHERE id = $1`, [late.outboxId]);
      expect(new Date(held.send_after).toISOString()).toBe('2026-07-21T07:00:00.000Z');
      await eventually(
        async () => (await t.db.query(`SELECT status FROM outbox WHERE id = $1`, [late.outboxId]))[0].status === 'sent',
        10_000,
        'morning delivery',
      );
    });
  });
});
