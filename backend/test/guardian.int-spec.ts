import { INestApplicationContext } from '@nestjs/common';
import { ReminderService } from '../src/modules/notification/reminder.service';
import { createOrganisation, createProject, createSchool, hostMentor } from './support/factories';
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

const NOW = new Date('2026-03-02T10:00:00Z');
const GUARDIAN = {
  name: 'Anna Kowalski',
  email: 'Anna.Kowalski@family.test',
  phone: '+49 201 555 0147',
  relationship: 'parent',
};

/** Minors: date of birth, the guardian, their one-use consent link, their reminders; accompanying staff. */
describe('minors and guardians', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(NOW, { RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set(NOW));

  let counter = 0;
  async function setup() {
    const school = await createSchool(t, { email: 'erasmus@school.test' });
    const host = await createOrganisation(t, { country: 'ES', city: 'Madrid', registeredByOrganisationId: school.id });
    const project = await createProject(t, { beneficiaryOrganisationId: school.id });
    const body = (overrides: Record<string, unknown> = {}, participant: Record<string, unknown> = {}) => ({
      participant: {
        firstName: 'Mia',
        lastName: 'Kowalski',
        email: `mia${++counter}@learners.test`,
        dateOfBirth: '2009-01-15',
        ...participant,
      },
      guardian: GUARDIAN,
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: school.id,
      hostOrganisationId: host.id,
      startDate: '2026-06-01',
      endDate: '2026-06-21',
      travelDays: 1,
      ...overrides,
    });
    const create = (b: Record<string, unknown>) => t.post(`/api/projects/${project.id}/mobilities`, b);
    return { school, host, project, body, create };
  }

  /** The link in the latest consent mail of a mobility. */
  async function consentLink(mobilityId: string, kind = 'guardian-consent-request'): Promise<string> {
    const [mail] = await t.db.query(
      // The test clock stands still: the newest row is the one of the latest transaction.
      `SELECT text, html FROM outbox WHERE mobility_id = $1 AND kind = $2 ORDER BY xmin::text::bigint DESC LIMIT 1`,
      [mobilityId, kind],
    );
    const token = /\/guardian\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(mail.html).toContain(`/guardian/${token}`);
    return token!;
  }
  const link = (token: string) => `/api/guardian-links/${token}`;
  const taskOf = async (mobilityId: string, key = 'guardian-consent') =>
    ((await t.get(`/api/mobilities/${mobilityId}/tasks`)).body as any[]).find((x) => x.key === key);

  describe('creating a mobility', () => {
    it('requires the date of birth of a learner (not of staff), in the past', async () => {
      const { body, create } = await setup();
      const before = await t.count('mobility');
      const missing = await create(body({}, { dateOfBirth: undefined }));
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual([
        expect.objectContaining({ field: 'participant.dateOfBirth', rule: 'required for learners' }),
      ]);
      const future = await create(body({}, { dateOfBirth: '2026-03-03' }));
      expect(future.status).toBe(422);
      expect(future.body.errors[0]).toMatchObject({ field: 'participant.dateOfBirth', rule: 'not in the future' });
      expect(await t.count('mobility')).toBe(before);

      const staff = await create(
        body({ activityType: 'SM-JOB-SHDW', guardian: undefined, endDate: '2026-06-05' }, { dateOfBirth: undefined }),
      );
      expect(staff.status).toBe(201);
      expect(staff.body.participant).toMatchObject({ dateOfBirth: null, ageAtStart: null, minor: null });
    });

    it('requires a guardian, in full, for a learner under 18 on the first day abroad', async () => {
      const { body, create } = await setup();
      const before = await t.count('guardian');
      const none = await create(body({ guardian: undefined }));
      expect(none.status).toBe(422);
      expect(none.body.errors).toEqual([expect.objectContaining({ field: 'guardian', rule: 'required for minors' })]);
      const blank = await create(body({ guardian: { ...GUARDIAN, phone: ' ', name: '' } }));
      expect(blank.status).toBe(422);
      expect(blank.body.errors.map((e: any) => e.field).sort()).toEqual(['guardian.name', 'guardian.phone']);
      const malformed = await create(body({ guardian: { ...GUARDIAN, email: 'not-an-address' } }));
      expect(malformed.status).toBe(400);
      expect(JSON.stringify(malformed.body.errors)).toContain('guardian.email');
      expect(await t.count('guardian')).toBe(before);

      // 18 on the first day abroad: an adult, no guardian needed, no consent task.
      const adult = await create(body({ guardian: undefined }, { dateOfBirth: '2008-06-01' }));
      expect(adult.status).toBe(201);
      expect(adult.body.participant).toMatchObject({ ageAtStart: 18, minor: false });
      expect(await taskOf(adult.body.id)).toBeUndefined();
    });

    it('a minor: age at start in the file, the consent task, and the consent request to the guardian in the school’s language', async () => {
      const { body, create, host } = await setup();
      const res = await create(body());
      expect(res.status).toBe(201);
      const mobility = res.body;
      expect(mobility.participant).toMatchObject({ dateOfBirth: '2009-01-15', ageAtStart: 17, minor: true });
      expect(await taskOf(mobility.id)).toMatchObject({ mandatory: true, status: 'open', role: 'learner' });
      const file = (await t.get(`/api/mobilities/${mobility.id}/guardian`)).body;
      expect(file).toMatchObject({
        ageAtStart: 17,
        minor: true,
        consent: 'pending',
        guardian: { ...GUARDIAN, email: 'anna.kowalski@family.test' },
        lastAnswer: null,
        editable: true,
      });
      const [mail] = await t.db.query(
        `SELECT recipient_email, subject, text, organisation_id FROM outbox WHERE mobility_id = $1 AND kind = 'guardian-consent-request'`,
        [mobility.id],
      );
      expect(mail.recipient_email).toBe('anna.kowalski@family.test');
      // German school, German mail: who, where, when, and the school as the sender.
      expect(mail.subject).toContain('Einwilligung');
      expect(mail.text).toContain('Mia Kowalski');
      expect(mail.text).toContain(host.name);
      expect(mail.text).toContain('1. Juni 2026');
      expect(mail.text).toContain('Guten Tag Anna Kowalski');
      const token = await consentLink(mobility.id);
      const stored = await t.db.query(`SELECT encode(token_hash, 'base64') AS h FROM action_token`);
      expect(JSON.stringify(stored)).not.toContain(token);

      // The host learns that a minor comes, not the date of birth nor the age; nor the guardian.
      const mentor = await hostMentor(t, host.id);
      const asMentor = await mentor.client.get(`/api/mobilities/${mobility.id}`);
      expect(asMentor.body.participant).toMatchObject({ dateOfBirth: null, ageAtStart: null, minor: true });
      expect((await mentor.client.get(`/api/mobilities/${mobility.id}/guardian`)).status).toBe(403);
    });
  });

  describe('the consent link', () => {
    it('opening changes nothing; consenting records who, when and from where, under the file commit; once only', async () => {
      const { body, create } = await setup();
      const mobility = (await create(body())).body;
      const token = await consentLink(mobility.id);
      const viewed = await t.anonymous.get(link(token));
      expect(viewed.status).toBe(200);
      expect(viewed.body).toMatchObject({
        link: 'valid',
        consent: 'pending',
        participantName: 'Mia Kowalski',
        guardianName: 'Anna Kowalski',
        startDate: '2026-06-01',
        endDate: '2026-06-21',
        answeredAt: null,
      });
      expect(viewed.body).not.toHaveProperty('dateOfBirth');
      expect((await t.get(`/api/mobilities/${mobility.id}`)).body.version).toBe(mobility.version);
      expect(await t.db.query(`SELECT 1 FROM guardian_consent WHERE mobility_id = $1`, [mobility.id])).toEqual([]);
      expect((await taskOf(mobility.id)).status).toBe('open');

      t.clock.set(new Date('2026-03-03T18:30:00Z'));
      const empty = await t.anonymous.post(`${link(token)}/consent`, { name: ' ' });
      expect(empty.status).toBe(400);
      const given = await t.anonymous.post(`${link(token)}/consent`, { name: 'Anna Kowalski' });
      expect(given.status).toBe(200);
      expect(given.body).toMatchObject({ link: 'used', consent: 'given', answeredAt: '2026-03-03T18:30:00.000Z' });

      const file = (await t.get(`/api/mobilities/${mobility.id}/guardian`)).body;
      expect(file.consent).toBe('given');
      expect(file.lastAnswer).toEqual({
        answer: 'given',
        signedName: 'Anna Kowalski',
        guardianEmail: 'anna.kowalski@family.test',
        ip: '127.0.0.1',
        answeredAt: '2026-03-03T18:30:00.000Z',
      });
      // The participant sees that consent was given, not where the answer came from.
      const learner = await t.createUser({ personId: mobility.participant.id }, mobility.participant.email);
      const asLearner = (await learner.client.get(`/api/mobilities/${mobility.id}/guardian`)).body;
      expect(asLearner.lastAnswer).toEqual(expect.objectContaining({ answer: 'given', ip: null }));
      const task = await taskOf(mobility.id);
      expect(task).toMatchObject({ status: 'done', statusChangedBy: 'guardian:anna.kowalski@family.test' });
      const detail = (await t.get(`/api/mobilities/${mobility.id}`)).body;
      expect(detail.version).toBe(mobility.version + 1);
      const history = (await t.get(`/api/mobilities/${mobility.id}/history`)).body as any[];
      expect(history.at(-1)).toMatchObject({
        event: 'CONSENT',
        actor: 'guardian:anna.kowalski@family.test',
        reason: 'consent given by Anna Kowalski',
      });

      const again = await t.anonymous.post(`${link(token)}/consent`, { name: 'Someone Else' });
      expect(again.status).toBe(410);
      expect(again.body.type).toContain('link-used');
      const refuseAfter = await t.anonymous.post(`${link(token)}/refuse`, { name: 'Anna Kowalski' });
      expect(refuseAfter.status).toBe(410);
      expect(await t.db.query(`SELECT 1 FROM guardian_consent WHERE mobility_id = $1`, [mobility.id])).toHaveLength(1);
      // Re-sending is refused once consent is given.
      const resend = await t.post(`/api/mobilities/${mobility.id}/guardian/consent-link`, {});
      expect(resend.status).toBe(409);
      expect(resend.body.type).toContain('consent-settled');
    });

    it('nobody ticks or waives the consent: not the coordinator, not the learner', async () => {
      const { body, create } = await setup();
      const mobility = (await create(body())).body;
      const task = await taskOf(mobility.id);
      for (const change of [{ status: 'waived', waiverReason: 'parents agreed by phone' }, { status: 'done' }]) {
        const res = await t.patch(`/api/tasks/${task.id}`, change);
        expect(res.status).toBe(409);
        expect(res.body.type).toContain('consent-by-guardian');
        expect(res.body.detail).toContain('guardian');
      }
      const learner = await t.createUser({ personId: mobility.participant.id }, mobility.participant.email);
      const asLearner = await learner.client.patch(`/api/tasks/${task.id}`, { status: 'done' });
      expect(asLearner.status).toBe(409);
      expect((await taskOf(mobility.id)).status).toBe('open');
    });

    it('another tenant sees neither the guardian nor the accompanying persons', async () => {
      const { body, create } = await setup();
      const mobility = (await create(body())).body;
      const other = await createOrganisation(t, { kind: 'vet-provider', country: 'AT', city: 'Wien' });
      await t.db.query(`UPDATE organisation SET registered_by_organisation_id = NULL WHERE id = $1`, [other.id]);
      const stranger = await t.createUser({ role: 'coordinator', organisationId: other.id });
      expect((await stranger.client.get(`/api/mobilities/${mobility.id}/guardian`)).status).toBe(404);
      expect((await stranger.client.request('PUT', `/api/mobilities/${mobility.id}/guardian`, GUARDIAN)).status).toBe(
        404,
      );
      expect((await stranger.client.post(`/api/mobilities/${mobility.id}/guardian/consent-link`, {})).status).toBe(404);
      expect((await stranger.client.get(`/api/mobilities/${mobility.id}/accompanying-persons`)).status).toBe(404);
      const file = await t.db.query(`SELECT name FROM guardian WHERE mobility_id = $1`, [mobility.id]);
      expect(file).toEqual([{ name: 'Anna Kowalski' }]);
    });

    it('“I do not consent” is recorded, the task stays open, the school is told; a re-sent link works, the old one not', async () => {
      const { body, create } = await setup();
      const mobility = (await create(body())).body;
      const first = await consentLink(mobility.id);
      const refused = await t.anonymous.post(`${link(first)}/refuse`, {
        name: 'Anna Kowalski',
        reason: 'We would like to talk to the school first.',
      });
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({ consent: 'refused', link: 'used' });
      expect((await taskOf(mobility.id)).status).toBe('open');
      const [note] = await t.db.query(
        `SELECT recipient_email, text FROM outbox WHERE mobility_id = $1 AND kind = 'guardian-consent-refused'`,
        [mobility.id],
      );
      expect(note.recipient_email).toBe('erasmus@school.test');
      expect(note.text).toContain('We would like to talk to the school first.');
      expect((await t.get(`/api/mobilities/${mobility.id}/guardian`)).body).toMatchObject({
        consent: 'refused',
        lastAnswer: { answer: 'refused', signedName: 'Anna Kowalski' },
      });

      const resent = await t.post(`/api/mobilities/${mobility.id}/guardian/consent-link`, {});
      expect(resent.status).toBe(200);
      expect(resent.body).toEqual({ sentTo: 'anna.kowalski@family.test' });
      const second = await consentLink(mobility.id);
      expect(second).not.toBe(first);
      expect((await t.anonymous.post(`${link(second)}/consent`, { name: 'Anna Kowalski' })).status).toBe(200);
      expect((await t.get(`/api/mobilities/${mobility.id}/guardian`)).body.consent).toBe('given');
    });

    it('a new guardian address retires the old link and gets a new one; a mentor may not change the guardian', async () => {
      const { body, create, host } = await setup();
      const mobility = (await create(body())).body;
      const old = await consentLink(mobility.id);
      const mentor = await hostMentor(t, host.id);
      expect((await mentor.client.request('PUT', `/api/mobilities/${mobility.id}/guardian`, GUARDIAN)).status).toBe(
        403,
      );
      const blank = await t.request('PUT', `/api/mobilities/${mobility.id}/guardian`, {
        ...GUARDIAN,
        relationship: undefined,
      });
      expect(blank.status).toBe(422);
      expect(blank.body.errors[0].field).toBe('guardian.relationship');
      const changed = await t.request('PUT', `/api/mobilities/${mobility.id}/guardian`, {
        ...GUARDIAN,
        name: 'Piotr Kowalski',
        email: 'piotr@family.test',
      });
      expect(changed.status).toBe(200);
      expect(changed.body.guardian).toMatchObject({ name: 'Piotr Kowalski', email: 'piotr@family.test' });
      expect((await t.anonymous.get(link(old))).body.link).toBe('expired');
      expect((await t.anonymous.post(`${link(old)}/consent`, { name: 'Anna Kowalski' })).status).toBe(410);
      const [mail] = await t.db.query(
        `SELECT recipient_email FROM outbox WHERE mobility_id = $1 AND kind = 'guardian-consent-request'
          ORDER BY xmin::text::bigint DESC LIMIT 1`,
        [mobility.id],
      );
      expect(mail.recipient_email).toBe('piotr@family.test');
      const fresh = await consentLink(mobility.id);
      expect((await t.anonymous.get(link(fresh))).body).toMatchObject({
        link: 'valid',
        guardianName: 'Piotr Kowalski',
      });
    });

    it('new dates that make the participant an adult remove the open consent task; a minor again gets it back', async () => {
      const { body, create } = await setup();
      // 18 on 2026-06-10.
      const mobility = (await create(body({}, { dateOfBirth: '2008-06-10' }))).body;
      expect(mobility.participant.minor).toBe(true);
      const token = await consentLink(mobility.id);
      const later = await t.patch(`/api/mobilities/${mobility.id}`, { startDate: '2026-06-10', endDate: '2026-06-30' });
      expect(later.status).toBe(200);
      expect(later.body.participant).toMatchObject({ minor: false, ageAtStart: 18 });
      expect(await taskOf(mobility.id)).toBeUndefined();
      expect((await t.get(`/api/mobilities/${mobility.id}/guardian`)).body.consent).toBe('not-needed');
      expect((await t.anonymous.post(`${link(token)}/consent`, { name: 'Anna Kowalski' })).status).toBe(410);

      const earlier = await t.patch(`/api/mobilities/${mobility.id}`, {
        startDate: '2026-06-01',
        endDate: '2026-06-21',
      });
      expect(earlier.status).toBe(200);
      expect(await taskOf(mobility.id)).toMatchObject({ status: 'open', dueDate: '2026-05-02' });
      expect((await t.get(`/api/mobilities/${mobility.id}/guardian`)).body.consent).toBe('pending');
      const again = await consentLink(mobility.id);
      expect((await t.anonymous.get(link(again))).body.link).toBe('valid');
    });
  });

  it('an adult whom new dates make a minor gets the consent task; without a guardian the file flags it and nobody is reminded', async () => {
    const { body, create } = await setup();
    // 18 on 2026-06-10: an adult for a stay from 10 June, no guardian named.
    const mobility = (
      await create(
        body({ startDate: '2026-06-10', endDate: '2026-06-30', guardian: undefined }, { dateOfBirth: '2008-06-10' }),
      )
    ).body;
    expect(await taskOf(mobility.id)).toBeUndefined();
    const earlier = await t.patch(`/api/mobilities/${mobility.id}`, { startDate: '2026-06-01', endDate: '2026-06-21' });
    expect(earlier.status).toBe(200);
    const task = await taskOf(mobility.id);
    expect(task).toMatchObject({ status: 'open', mandatory: true });
    expect((await t.get(`/api/mobilities/${mobility.id}/guardian`)).body).toMatchObject({
      minor: true,
      guardian: null,
      consent: 'no-guardian',
    });
    const planned = (await t.get(`/api/mobilities/${mobility.id}/reminders`)).body.planned as any[];
    const forConsent = planned.filter((p) => p.taskId === task.id);
    expect(forConsent.length).toBeGreaterThan(0);
    expect(forConsent.every((p) => p.recipientEmail === null)).toBe(true);
    // Named now: the request goes out and the reminders follow the guardian.
    const named = await t.request('PUT', `/api/mobilities/${mobility.id}/guardian`, GUARDIAN);
    expect(named.status).toBe(200);
    expect(named.body.consent).toBe('pending');
    await consentLink(mobility.id);
    const replanned = (await t.get(`/api/mobilities/${mobility.id}/reminders`)).body.planned as any[];
    expect(replanned.filter((p) => p.taskId === task.id).map((p) => p.recipientEmail)).toContain(
      'anna.kowalski@family.test',
    );
  });

  describe('accompanying persons', () => {
    it('a staff member of the school, within the stay incl. travel days; added and removed by the sending side', async () => {
      const { body, create, school, host } = await setup();
      const mobility = (await create(body())).body;
      const staff = await t.createUser({ role: 'staff', organisationId: school.id });
      const listed = (await t.get(`/api/mobilities/${mobility.id}/accompanying-persons`)).body;
      expect(listed.items).toEqual([]);
      expect(listed.candidates.map((c: any) => c.userAccountId)).toContain(staff.userId);

      const outside = await t.post(`/api/mobilities/${mobility.id}/accompanying-persons`, {
        userAccountId: staff.userId,
        startDate: '2026-05-30',
        endDate: '2026-06-03',
      });
      expect(outside.status).toBe(422);
      expect(outside.body.errors[0]).toMatchObject({ field: 'startDate' });
      const mentor = await hostMentor(t, host.id);
      const notStaff = await t.post(`/api/mobilities/${mobility.id}/accompanying-persons`, {
        userAccountId: mentor.userId,
        startDate: '2026-05-31',
        endDate: '2026-06-03',
      });
      expect(notStaff.status).toBe(404);
      const byMentor = await mentor.client.post(`/api/mobilities/${mobility.id}/accompanying-persons`, {
        userAccountId: staff.userId,
        startDate: '2026-05-31',
        endDate: '2026-06-03',
      });
      expect(byMentor.status).toBe(403);

      const added = await t.post(`/api/mobilities/${mobility.id}/accompanying-persons`, {
        userAccountId: staff.userId,
        startDate: '2026-05-31',
        endDate: '2026-06-03',
      });
      expect(added.status).toBe(200);
      expect(added.body.items).toEqual([
        expect.objectContaining({ userAccountId: staff.userId, startDate: '2026-05-31', endDate: '2026-06-03' }),
      ]);
      const history = (await t.get(`/api/mobilities/${mobility.id}/history`)).body as any[];
      expect(history.at(-1).reason).toContain('accompanying person added');
      // The same person again over some of the same days: refused, nothing written.
      const twice = await t.post(`/api/mobilities/${mobility.id}/accompanying-persons`, {
        userAccountId: staff.userId,
        startDate: '2026-06-03',
        endDate: '2026-06-05',
      });
      expect(twice.status).toBe(422);
      expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'userAccountId', rule: 'once per period' })]);
      expect((await t.get(`/api/mobilities/${mobility.id}/accompanying-persons`)).body.items).toHaveLength(1);
      // The host sees who comes along, without the list of the school's staff.
      const asMentor = (await mentor.client.get(`/api/mobilities/${mobility.id}/accompanying-persons`)).body;
      expect(asMentor.items).toHaveLength(1);
      expect(asMentor.candidates).toEqual([]);

      const removed = await t.delete(`/api/mobilities/${mobility.id}/accompanying-persons/${added.body.items[0].id}`);
      expect(removed.status).toBe(200);
      expect(removed.body.items).toEqual([]);
    });
  });

  describe('reminders to the guardian', () => {
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

    it('the consent task’s reminder goes to the guardian, with a working consent link, through SMTP', async () => {
      const { body, create } = await setup();
      const mobility = (await create(body())).body;
      const task = await taskOf(mobility.id);
      const planned = (await t.get(`/api/mobilities/${mobility.id}/reminders`)).body.planned as any[];
      const forGuardian = planned.filter((p) => p.taskId === task.id);
      expect(forGuardian.length).toBeGreaterThan(0);
      expect(forGuardian.every((p) => p.recipientEmail === 'anna.kowalski@family.test')).toBe(true);
      // The learner's own tasks still go to the learner.
      expect(planned.some((p) => p.taskId !== task.id && p.recipientEmail === mobility.participant.email)).toBe(true);

      await t.db.query(`UPDATE outbox SET status = 'cancelled' WHERE status = 'pending'`); // the request mails
      t.clock.set(new Date(forGuardian[0].sendAt));
      await t.app.get(ReminderService).sweep();
      const [row] = await t.db.query(
        `SELECT id, recipient_email FROM outbox WHERE mobility_id = $1 AND kind = 'guardian-consent-reminder'`,
        [mobility.id],
      );
      expect(row.recipient_email).toBe('anna.kowalski@family.test');
      const messageId = `<${row.id}@mobility-hub.localhost>`;
      await eventually(() => sink.countOf(messageId) === 1, 20_000, 'the guardian reminder');
      const mail = sink.received.find((m) => m.messageId === messageId)!;
      expect(mail.to).toEqual(['anna.kowalski@family.test']);
      expect(mail.subject).toContain('Mia Kowalski');
      expect(mail.text).toContain('Guten Tag Anna Kowalski');
      const token = /\/guardian\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
      expect(token).toBeDefined();
      // The link lives in the mail only: not in a job payload (ids only) nor in the audit.
      const audits = JSON.stringify(await t.db.query(`SELECT detail FROM audit_event`));
      expect(audits).not.toContain(token!);
      expect((await t.anonymous.get(link(token!))).body.link).toBe('valid');
      // Delivered, the outbox keeps the subject but not the body with the link.
      await eventually(
        async () => (await t.db.query(`SELECT status FROM outbox WHERE id = $1`, [row.id]))[0].status === 'sent',
        10_000,
        'sent mark',
      );
      const [kept] = await t.db.query(`SELECT subject, text, html FROM outbox WHERE id = $1`, [row.id]);
      expect(kept).toEqual({ subject: mail.subject, text: '', html: '' });
      expect((await t.anonymous.post(`${link(token!)}/consent`, { name: 'Anna Kowalski' })).status).toBe(200);
    });
  });
});
