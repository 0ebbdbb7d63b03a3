import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cancelReminderMailsOf } from '../src/modules/notification/reminder-mails.sql';
import { ReminderService } from '../src/modules/notification/reminder.service';
import { createMobilityFixture } from './support/factories';
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

const REMINDER_KINDS = ['task-reminder', 'task-advice', 'reminder-digest'];

/**
 * Mail people want to read, against real PostgreSQL (and Redis and SMTP for delivery): a new file
 * does not start with a burst of overdue mail, and one recipient gets one reminder mail a day
 * listing everything due, in their language, signed by the school.
 */
describe('reminder mails: catch-up tasks and one mail per recipient and day', () => {
  let t: TestApp;
  let reminders: ReminderService;
  const at = (iso: string) => t.clock.set(new Date(iso));

  beforeAll(async () => {
    t = await startTestApp();
    reminders = t.app.get(ReminderService);
  });
  afterAll(() => t.close());

  const tasksOf = async (mobilityId: string) => (await t.get(`/api/mobilities/${mobilityId}/tasks`)).body as any[];
  const reminderMails = (
    mobilityId: string,
  ): Promise<{ id: string; recipient_email: string; kind: string; subject: string; text: string }[]> =>
    t.db.query(
      `SELECT DISTINCT o.id, o.recipient_email, o.kind, o.subject, o.text FROM outbox o
         LEFT JOIN reminder r ON r.outbox_id = o.id
        WHERE (o.mobility_id = $1 OR r.mobility_id = $1) AND o.kind = ANY($2::text[]) AND o.status <> 'cancelled'`,
      [mobilityId, REMINDER_KINDS],
    );

  it('a mobility created today for a stay in three months has no overdue task and sends no reminder at once', async () => {
    at('2026-03-02T10:00:00Z'); // a Monday; the stay is 2026-06-01 … 2026-06-28
    const { mobility, sending } = await createMobilityFixture(t);
    const tasks = await tasksOf(mobility.id);
    const catchUp = tasks.filter((task) => task.catchUp);
    expect(catchUp.length).toBeGreaterThan(0);
    expect(catchUp.every((task) => task.dueDate < '2026-03-02')).toBe(true);
    expect(tasks.filter((task) => task.overdue)).toEqual([]);
    const file = (await t.get(`/api/mobilities/${mobility.id}`)).body;
    expect(file.overdueTasks).toBe(0);
    expect(file.taskCounts.overdue).toBe(0);
    const list = (await t.get(`/api/mobilities?projectId=${mobility.projectId}&overdue=true`)).body;
    expect(list.items.map((m: any) => m.id)).not.toContain(mobility.id);

    // Sweeps the same day: nothing.
    await reminders.sweep();
    at('2026-03-02T15:00:00Z');
    await reminders.sweep();
    expect(await reminderMails(mobility.id)).toEqual([]);

    // The next morning: the catch-up tasks once, one mail per recipient, signed by the school.
    at('2026-03-03T08:00:00Z');
    await reminders.sweep();
    const mails = await reminderMails(mobility.id);
    expect(mails.length).toBeGreaterThan(0);
    const recipients = mails.map((m) => m.recipient_email);
    expect(new Set(recipients).size).toBe(recipients.length);
    const toSchool = mails.find((m) => m.recipient_email === sending.email.toLowerCase());
    expect(toSchool).toBeDefined();
    const [{ sender_name }] = await t.db.query(`SELECT sender_name FROM outbox WHERE id = $1`, [toSchool!.id]);
    expect(sender_name).toBe(sending.name);
    const occasions: { kind: string; n: number }[] = await t.db.query(
      `SELECT kind, count(*)::int AS n FROM reminder WHERE mobility_id = $1 GROUP BY kind`,
      [mobility.id],
    );
    expect(occasions.find((o) => o.kind === 'catch-up')?.n).toBeGreaterThan(0);

    // …and never again: a week of sweeps adds no catch-up reminder, and they never turn overdue.
    const before = await t.db.query(
      `SELECT count(*)::int AS n FROM reminder WHERE mobility_id = $1 AND kind = 'catch-up'`,
      [mobility.id],
    );
    for (const day of ['04', '05', '06', '09', '10']) {
      at(`2026-03-${day}T08:00:00Z`);
      await reminders.sweep();
    }
    const after = await t.db.query(
      `SELECT count(*)::int AS n FROM reminder WHERE mobility_id = $1 AND kind = 'catch-up'`,
      [mobility.id],
    );
    expect(after).toEqual(before);
    expect((await tasksOf(mobility.id)).filter((task) => task.catchUp && task.overdue)).toEqual([]);
  });

  it('a task removed while its combined mail waits: the mail is cancelled and the other tasks come again', async () => {
    at('2026-03-09T10:00:00Z');
    const { mobility, sending } = await createMobilityFixture(t);
    at('2026-03-10T08:00:00Z');
    await reminders.sweep();
    const [mail] = (await reminderMails(mobility.id)).filter(
      (m) => m.recipient_email === sending.email.toLowerCase() && m.kind === 'reminder-digest',
    );
    expect(mail).toBeDefined();
    const listed: { task_id: string }[] = await t.db.query(
      `SELECT task_id FROM reminder WHERE outbox_id = $1 ORDER BY task_id`,
      [mail.id],
    );
    expect(listed.length).toBeGreaterThan(1);
    const [removed, ...others] = listed.map((r) => r.task_id);

    // What a re-plan (or a learner no longer a minor) does to an open task: cancel, revive, delete.
    await t.db.transaction(async (em) => {
      await cancelReminderMailsOf(em, [removed], t.clock.now());
      await em.query(`DELETE FROM task WHERE id = $1`, [removed]);
    });
    const [{ status }] = await t.db.query(`SELECT status FROM outbox WHERE id = $1`, [mail.id]);
    expect(status).toBe('cancelled');
    // The others' occasions are forgotten, so the next sweep mails them again, without the removed task.
    expect(await t.db.query(`SELECT task_id FROM reminder WHERE outbox_id = $1`, [mail.id])).toEqual([]);
    at('2026-03-11T08:00:00Z');
    await reminders.sweep();
    const again: { task_id: string }[] = await t.db.query(
      `SELECT r.task_id FROM reminder r JOIN outbox o ON o.id = r.outbox_id
        WHERE r.task_id = ANY($1::uuid[]) AND o.status <> 'cancelled' AND o.recipient_email = $2`,
      [others, sending.email.toLowerCase()],
    );
    expect(again.map((r) => r.task_id).sort()).toEqual(others);
  });

  it('new dates that put due dates in the past make catch-up tasks, not overdue ones', async () => {
    at('2026-01-05T10:00:00Z');
    const { mobility } = await createMobilityFixture(t);
    const before = new Map((await tasksOf(mobility.id)).map((task) => [task.id, task.dueDate]));
    expect((await tasksOf(mobility.id)).filter((task) => task.catchUp)).toEqual([]);
    at('2026-03-02T10:00:00Z');
    const moved = await t.patch(`/api/mobilities/${mobility.id}`, { startDate: '2026-04-06', endDate: '2026-05-03' });
    expect(moved.status).toBe(200);
    const tasks = await tasksOf(mobility.id);
    const intoThePast = tasks.filter(
      (task) => task.status === 'open' && task.dueDate < '2026-03-02' && before.get(task.id) !== task.dueDate,
    );
    expect(intoThePast.length).toBeGreaterThan(0);
    expect(intoThePast.filter((task) => task.overdue)).toEqual([]);
    expect(intoThePast.some((task) => task.catchUp)).toBe(true);
    // A task the move did not touch, already past, keeps its date and is not catch-up.
    const untouched = tasks.filter((task) => task.dueDate < '2026-03-02' && before.get(task.id) === task.dueDate);
    expect(untouched.filter((task) => task.catchUp)).toEqual([]);
  });

  describe('a learner with ten tasks due', () => {
    let worker: INestApplicationContext;
    let sink: SmtpSink;
    const prefix = uniquePrefix();

    beforeAll(async () => {
      sink = await startSmtpSink();
      worker = await startWorker(workerEnv(t.databaseUrl, sink.url, prefix), t.clock);
    });
    afterAll(async () => {
      await worker?.close();
      await sink?.close();
      await removeQueues(prefix);
    });

    it('gets one mail that lists all ten, in German, and no second reminder mail that day', async () => {
      at('2026-01-05T10:00:00Z');
      const { mobility, sending } = await createMobilityFixture(t);
      const learner = mobility.participant.email.toLowerCase();
      // Ten of the learner's tasks (made the learner's for the test) due on Tuesday 10 March.
      const ten: { id: string; title: string; template_key: string }[] = await t.db.query(
        `SELECT id, title, template_key FROM task WHERE mobility_id = $1 AND template_key <> 'participant-report-submitted'
          ORDER BY position LIMIT 10`,
        [mobility.id],
      );
      await t.db.query(
        `UPDATE task SET role = 'learner', due_date = '2026-03-10', scheduled_on = '2026-01-05' WHERE id = ANY($1::uuid[])`,
        [ten.map((x) => x.id)],
      );
      await t.app.get(DataSource).transaction((em) => reminders.replan(em, mobility.id));
      await t.db.query(`UPDATE outbox SET status = 'cancelled' WHERE status = 'pending'`); // other tests' mail

      at('2026-03-10T08:00:00Z'); // 09:00 in Essen
      await reminders.sweep();
      await reminders.sweep();
      const toLearner = (await reminderMails(mobility.id)).filter((m) => m.recipient_email === learner);
      expect(toLearner).toHaveLength(1);
      const [mail] = toLearner;
      expect(mail.kind).toBe('reminder-digest');
      expect(mail.subject).toBe('10 Aufgaben für Ihren Auslandsaufenthalt');
      // Every task, by its German title; no English title in the mail.
      for (const task of ten) expect(mail.text).not.toContain(`- ${task.title} (`);
      expect(mail.text).toContain('heute fällig');
      expect(mail.text).toContain(`Ihr Erasmus+-Team von ${sending.name}`);
      expect(mail.text).not.toContain('nicht nötig'); // a learner cannot waive

      // Something else of the learner's falls due the same afternoon: it waits for tomorrow's mail.
      const [other] = await t.db
        .query(
          `UPDATE task SET role = 'learner', due_date = '2026-03-10', scheduled_on = '2026-01-05'
          WHERE id = (SELECT id FROM task WHERE mobility_id = $1 AND status = 'open' AND NOT (id = ANY($2::uuid[]))
                       AND template_key <> 'participant-report-submitted' ORDER BY position LIMIT 1) RETURNING id`,
          [mobility.id, ten.map((x) => x.id)],
        )
        .then(([rows]) => rows as { id: string }[]);
      await t.app.get(DataSource).transaction((em) => reminders.replan(em, mobility.id));
      at('2026-03-10T13:00:00Z');
      await reminders.sweep();
      expect((await reminderMails(mobility.id)).filter((m) => m.recipient_email === learner)).toHaveLength(1);
      const [{ next_reminder_at }] = await t.db.query(`SELECT next_reminder_at FROM task WHERE id = $1`, [other.id]);
      expect(new Date(next_reminder_at).toISOString()).toBe('2026-03-11T08:00:00.000Z');

      // Delivered through Redis and SMTP from the school's name.
      const messageId = `<${mail.id}@mobility-hub.localhost>`;
      await eventually(() => sink.countOf(messageId) === 1, 20_000, 'the learner’s mail');
      const delivered = sink.received.find((m) => m.messageId === messageId)!;
      expect(String(delivered.headers.get('from') && (delivered.headers.get('from') as any).text)).toContain(
        sending.name,
      );
      expect(sink.received.filter((m) => m.to.includes(learner))).toHaveLength(1);
    });
  });
});
