import type { INestApplicationContext } from '@nestjs/common';
import { createMobilityFixture, createOrganisation, createSchool } from './support/factories';
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
 * Host answers reach the school: a confirmation or decline through the host's link is kept (who,
 * which organisation, when, why) after the host is reset, mailed to the mobility's responsible
 * person through the outbox and SMTP, shown as a notice on the board and the file, and listed as
 * "answers since your last visit" per user — never another organisation's.
 */
describe('host answers', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { RATE_LIMIT_PER_MINUTE: '1000' });
    sink = await startSmtpSink();
    worker = await startWorker(workerEnv(t.databaseUrl, sink.url, prefix), t.clock);
  });
  afterAll(async () => {
    await worker.close();
    await sink.close();
    await removeQueues(prefix);
    await t.close();
  });

  async function linkOf(mobilityId: string): Promise<string> {
    const [mail] = await t.db.query(
      `SELECT text FROM outbox WHERE mobility_id = $1 AND kind = 'placement-request' ORDER BY created_at DESC LIMIT 1`,
      [mobilityId],
    );
    return /\/host\/placement\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
  }
  const base = (token: string) => `/api/host-links/placement/${token}`;

  it('a decline is kept with the host’s name and reason after the host is reset, and mails the coordinator in the school’s language', async () => {
    const { mobility, host, project, sending } = await createMobilityFixture(t);
    const token = await linkOf(mobility.id);
    const declined = await t.anonymous.post(`${base(token)}/decline`, { reason: 'Kein Meister frei im Juni' });
    expect(declined.status).toBe(200);
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body.hostOrganisation).toBeNull();

    // The board's notices (per project) and the file's (per mobility) both carry the decline.
    const expected = {
      mobilityId: mobility.id,
      projectId: project.id,
      answer: 'declined',
      hostName: host.name,
      answeredBy: host.email,
      answeredAt: '2026-03-02T10:00:00.000Z',
      reason: 'Kein Meister frei im Juni',
      mentorName: null,
      participant: 'Lena Schmidt',
      current: true,
    };
    expect((await t.get(`/api/host-answers/notices?projectId=${project.id}`)).body).toEqual([expected]);
    expect((await t.get(`/api/host-answers/notices?mobilityId=${mobility.id}`)).body).toEqual([expected]);

    // The mail: one, to the person who created the mobility (the default coordinator), in German
    // (a German school), through the outbox and SMTP.
    const rows = await t.db.query(
      `SELECT id, recipient_email, locale FROM outbox WHERE mobility_id = $1 AND kind = 'placement-declined'`,
      [mobility.id],
    );
    expect(rows).toEqual([{ id: expect.any(String), recipient_email: t.coordinator.email, locale: 'de-DE' }]);
    const messageId = `<${rows[0].id}@mobility-hub.localhost>`;
    await eventually(() => sink.countOf(messageId) === 1, 20_000, 'the decline mail');
    const mail = sink.received.find((m) => m.messageId === messageId)!;
    expect(mail.to).toEqual([t.coordinator.email]);
    // Replying reaches the host's contact who answered.
    expect(JSON.stringify(mail.headers.get('reply-to'))).toContain(host.email);
    expect(mail.subject).toBe(`Abgesagt von ${host.name}: Lena Schmidt, 1. Juni 2026 – 28. Juni 2026`);
    expect(mail.text).toContain(`${host.name} hat am 2. März 2026 über den Bestätigungslink mitgeteilt`);
    expect(mail.text).toContain('Angegebener Grund: „Kein Meister frei im Juni“');
    expect(mail.text).toContain('Nächster Schritt: Wählen Sie in der Mobilitätsakte eine andere Aufnahmeeinrichtung');
    expect(mail.text).toContain(`/mobilities/${mobility.id}`);
    expect(mail.text).toContain(`Ihr Erasmus+-Team von ${sending.name}`);
    // The sender line names the school, not the software.
    expect(JSON.stringify(mail.headers.get('from'))).toContain(sending.name);

    // Choosing another host makes the decline history, no longer a notice.
    const other = await createOrganisation(t, { registeredByOrganisationId: sending.id });
    expect((await t.patch(`/api/mobilities/${mobility.id}`, { hostOrganisationId: other.id })).status).toBe(200);
    expect((await t.get(`/api/host-answers/notices?mobilityId=${mobility.id}`)).body).toEqual([]);
    const recent = (await t.get(`/api/host-answers/recent`)).body.answers as any[];
    expect(recent.find((a) => a.mobilityId === mobility.id)).toMatchObject({ answer: 'declined', current: false });
  });

  it('after a decline, asking for a new link says it was declined and whom to contact, not “nothing to answer”', async () => {
    const { mobility } = await createMobilityFixture(t);
    const token = await linkOf(mobility.id);
    const view = (await t.anonymous.get(base(token))).body;
    expect(view).toMatchObject({ schoolContactName: expect.any(String), schoolContactEmail: t.coordinator.email });
    expect((await t.anonymous.post(`${base(token)}/decline`, {})).status).toBe(200);

    const renew = await t.anonymous.post(`${base(token)}/renew`);
    expect(renew.status).toBe(409);
    expect(renew.body).toMatchObject({
      type: 'urn:mobility-hub:problem:placement-declined',
      title: 'You declined this placement',
    });
    expect(renew.body.detail).toContain('declined this placement on 2026-03-02');
    expect(renew.body.detail).toContain(t.coordinator.email);
    // The mail without a reason says so.
    const [row] = await t.db.query(`SELECT text FROM outbox WHERE mobility_id = $1 AND kind = 'placement-declined'`, [
      mobility.id,
    ]);
    expect(row.text).toContain('Es wurde kein Grund angegeben.');
  });

  it('a confirmation is mailed with the mentor and shown while that host stays confirmed', async () => {
    const { mobility, host, sending } = await createMobilityFixture(t);
    await t.db.query(`UPDATE organisation SET country = 'IE' WHERE id = $1`, [sending.id]);
    const token = await linkOf(mobility.id);
    const confirmed = await t.anonymous.post(`${base(token)}/confirm`, {
      mentorName: 'Ana Costa',
      mentorEmail: 'ana@host.example',
    });
    expect(confirmed.status).toBe(200);
    expect((await t.get(`/api/host-answers/notices?mobilityId=${mobility.id}`)).body).toEqual([
      expect.objectContaining({ answer: 'confirmed', hostName: host.name, mentorName: 'Ana Costa', current: true }),
    ]);
    const [row] = await t.db.query(
      `SELECT subject, text, locale FROM outbox WHERE mobility_id = $1 AND kind = 'placement-confirmed'`,
      [mobility.id],
    );
    expect(row.locale).toBe('en-IE');
    expect(row.subject).toBe(`Confirmed by ${host.name}: Lena Schmidt, 1 June 2026 – 28 June 2026`);
    expect(row.text).toContain('The mentor is Ana Costa');
  });

  it('mails the school’s coordinators when the person who created the mobility no longer works there', async () => {
    const sending = await createSchool(t);
    const staff = await t.createUser({ role: 'staff', organisationId: sending.id });
    const second = await t.createUser({ role: 'coordinator', organisationId: sending.id });
    const { mobility } = await createMobilityFixture(t);
    // Made by the staff member (the history's creator), who then leaves.
    await t.db.query(`UPDATE mobility SET sending_organisation_id = $2 WHERE id = $1`, [mobility.id, sending.id]);
    await t.db.query(`UPDATE lifecycle_event SET actor = $2 WHERE mobility_id = $1 AND event = 'CREATE'`, [
      mobility.id,
      staff.email,
    ]);
    await t.db.query(`UPDATE user_account SET disabled_at = now() WHERE id = $1`, [staff.userId]);
    const token = await linkOf(mobility.id);
    expect((await t.anonymous.post(`${base(token)}/decline`, {})).status).toBe(200);
    const rows = await t.db.query(
      `SELECT recipient_email FROM outbox WHERE mobility_id = $1 AND kind = 'placement-declined' ORDER BY recipient_email`,
      [mobility.id],
    );
    expect(rows.map((r: any) => r.recipient_email).sort()).toEqual([t.coordinator.email, second.email].sort());
  });

  it('lists answers since the person’s last visit, per person, and marks them seen up to an instant', async () => {
    const { mobility, sending } = await createMobilityFixture(t);
    const colleague = await t.createUser({ role: 'staff', organisationId: sending.id });
    t.clock.set(new Date('2026-03-05T09:00:00Z'));
    expect((await t.anonymous.post(`${base(await linkOf(mobility.id))}/decline`, {})).status).toBe(200);
    const mine = async () => (await t.get(`/api/host-answers/recent`)).body;
    expect((await mine()).answers.map((a: any) => a.mobilityId)).toContain(mobility.id);

    const seen = await t.request('PUT', `/api/host-answers/seen`, { upTo: '2026-03-05T09:00:00.000Z' });
    expect(seen.status).toBe(204);
    expect((await mine()).since).toBe('2026-03-05T09:00:00.000Z');
    expect((await mine()).answers.map((a: any) => a.mobilityId)).not.toContain(mobility.id);
    // Only forward: an older instant changes nothing.
    await t.request('PUT', `/api/host-answers/seen`, { upTo: '2026-03-01T00:00:00.000Z' });
    expect((await mine()).since).toBe('2026-03-05T09:00:00.000Z');
    // The colleague has not looked yet: it is new for them.
    expect((await colleague.client.get(`/api/host-answers/recent`)).body.answers).toEqual([
      expect.objectContaining({ mobilityId: mobility.id, answer: 'declined' }),
    ]);

    // A later answer is new again.
    t.clock.set(new Date('2026-03-06T09:00:00Z'));
    const other = await createOrganisation(t, { registeredByOrganisationId: sending.id });
    await t.patch(`/api/mobilities/${mobility.id}`, { hostOrganisationId: other.id });
    expect((await t.anonymous.post(`${base(await linkOf(mobility.id))}/decline`, {})).status).toBe(200);
    expect((await mine()).answers).toEqual([expect.objectContaining({ mobilityId: mobility.id, current: true })]);

    const bad = await t.request('PUT', `/api/host-answers/seen`, { upTo: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('upTo');
    expect((await t.get(`/api/host-answers/notices?projectId=nope`)).status).toBe(400);
    t.clock.set(new Date('2026-03-02T10:00:00Z'));
  });

  it('never shows another organisation’s answers', async () => {
    const { mobility, project } = await createMobilityFixture(t);
    expect((await t.anonymous.post(`${base(await linkOf(mobility.id))}/decline`, { reason: 'secret' })).status).toBe(
      200,
    );
    const elsewhere = await createOrganisation(t, { kind: 'vet-provider', country: 'AT' });
    await t.db.query(`UPDATE organisation SET registered_by_organisation_id = NULL WHERE id = $1`, [elsewhere.id]);
    const stranger = await t.createUser({ role: 'coordinator', organisationId: elsewhere.id });
    expect((await stranger.client.get(`/api/host-answers/recent`)).body.answers).toEqual([]);
    expect((await stranger.client.get(`/api/host-answers/notices?projectId=${project.id}`)).body).toEqual([]);
    expect((await stranger.client.get(`/api/host-answers/notices?mobilityId=${mobility.id}`)).body).toEqual([]);
    expect((await stranger.client.get(`/api/host-answers/notices`)).body).toEqual([]);
    expect((await t.anonymous.get(`/api/host-answers/recent`)).status).toBe(401);
  });
});
