import { issueActionToken } from '../src/modules/links/action-tokens';
import { createMobilityFixture } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** The host's placement-confirmation link (no account): use, reuse, expiry, tampering, wrong purpose. */
describe('host placement links', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), {
      HOST_LINK_TTL_DAYS: '14',
      RATE_LIMIT_PER_MINUTE: '1000',
    });
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set(new Date('2026-03-02T10:00:00Z')));

  /** The link in the latest placement-confirmation e-mail of a mobility. */
  async function linkOf(mobilityId: string): Promise<string> {
    const [mail] = await t.db.query(
      `SELECT text, html FROM outbox WHERE mobility_id = $1 AND kind = 'placement-request' AND status = 'pending' ORDER BY created_at DESC LIMIT 1`,
      [mobilityId],
    );
    const token = /\/host\/placement\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(mail.html).toContain(`/host/placement/${token}`);
    return token!;
  }
  const base = (token: string) => `/api/host-links/placement/${token}`;
  /** The host opens the e-mailed link without an account: no session. */
  const viaLink = {
    get: (path: string) => t.anonymous.get(path),
    post: (path: string, body?: unknown) => t.anonymous.post(path, body),
  };

  it('lets the host confirm from the e-mail’s link, name the mentor, and only once', async () => {
    const { mobility, host } = await createMobilityFixture(t);
    const token = await linkOf(mobility.id);
    // Only a hash is stored.
    const stored = await t.db.query(`SELECT encode(token_hash, 'base64') AS h FROM action_token`);
    expect(JSON.stringify(stored)).not.toContain(token);

    const view = await viaLink.get(base(token));
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      link: 'valid',
      answer: 'waiting',
      learnerName: 'Lena Schmidt',
      learnerEmail: mobility.participant.email,
      hostOrganisation: host.name,
      startDate: '2026-06-01',
      endDate: '2026-06-28',
      placementConfirmed: false,
    });
    expect(view.body).not.toHaveProperty('dateOfBirth');

    const confirmed = await viaLink.post(`${base(token)}/confirm`, {
      mentorName: 'Ana Costa',
      mentorEmail: 'Ana@Host.example',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      link: 'used',
      answer: 'confirmed',
      placementConfirmed: true,
      mentorName: 'Ana Costa',
    });
    const detail = (await t.get(`/api/mobilities/${mobility.id}`)).body;
    expect(detail).toMatchObject({
      placementConfirmed: true,
      mentor: { name: 'Ana Costa', email: 'ana@host.example' },
    });
    const history: { event: string; actor: string; actorName: string }[] = (
      await t.get(`/api/mobilities/${mobility.id}/history`)
    ).body;
    expect(history.find((h) => h.event === 'HOST_CONFIRM')?.actor).toBe(`host:${host.email}`);
    // People read the host organisation's name, not the contact address behind "host:".
    expect(history.find((h) => h.event === 'HOST_CONFIRM')?.actorName).toBe(host.name);

    const again = await viaLink.post(`${base(token)}/confirm`, {
      mentorName: 'Someone Else',
      mentorEmail: 'else@host.example',
    });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ status: 410, renewable: true });
    expect(again.body.detail).toContain('already used');
    expect((await viaLink.get(base(token))).body.link).toBe('used');
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body.mentor.name).toBe('Ana Costa');
    // The placement no longer waits: no new link either.
    expect((await viaLink.post(`${base(token)}/renew`)).status).toBe(409);
  });

  it('lets the host decline, with a reason the school reads in the history', async () => {
    const { mobility } = await createMobilityFixture(t);
    const token = await linkOf(mobility.id);
    const declined = await viaLink.post(`${base(token)}/decline`, { reason: 'No workshop places in June' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ link: 'used', answer: 'declined', declinedAt: '2026-03-02T10:00:00.000Z' });
    const detail = (await t.get(`/api/mobilities/${mobility.id}`)).body;
    expect(detail.hostOrganisation).toBeNull();
    expect(JSON.stringify((await t.get(`/api/mobilities/${mobility.id}/history`)).body)).toContain(
      'No workshop places in June',
    );
  });

  it('an expired link explains itself and sends a new one to the same address, not more than every few minutes', async () => {
    const { mobility, host } = await createMobilityFixture(t);
    const old = await linkOf(mobility.id);
    t.clock.set(new Date('2026-03-17T10:00:00Z')); // 15 days later
    const late = await viaLink.post(`${base(old)}/confirm`, {
      mentorName: 'Ana Costa',
      mentorEmail: 'ana@host.example',
    });
    expect(late.status).toBe(410);
    expect(late.body.detail).toContain('expired');
    expect((await viaLink.get(base(old))).body.link).toBe('expired');

    const renewed = await viaLink.post(`${base(old)}/renew`);
    expect(renewed.status).toBe(200);
    expect(renewed.body.sentTo).not.toBe(host.email);
    expect(renewed.body.sentTo).toMatch(/^c•+t@example\.org$/);
    const fresh = await linkOf(mobility.id);
    expect(fresh).not.toBe(old);
    const flood = await viaLink.post(`${base(old)}/renew`);
    expect(flood.status).toBe(429);
    expect(flood.headers.get('retry-after')).toBe('600');
    expect(
      (await viaLink.post(`${base(fresh)}/confirm`, { mentorName: 'Ana Costa', mentorEmail: 'ana@host.example' }))
        .status,
    ).toBe(200);
  });

  it('a tampered token, or a token of another purpose, is not found', async () => {
    const { mobility } = await createMobilityFixture(t);
    const token = await linkOf(mobility.id);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await viaLink.get(base(tampered))).status).toBe(404);
    expect(
      (await viaLink.post(`${base(tampered)}/confirm`, { mentorName: 'X', mentorEmail: 'x@host.example' })).status,
    ).toBe(404);
    expect((await viaLink.get(base('short'))).status).toBe(404);
    const magic = await t.db.transaction((em) =>
      issueActionToken(em, {
        purpose: 'magic-link',
        email: 'lena@example.org',
        mobilityId: mobility.id,
        ttlMinutes: 60,
        now: t.clock.now(),
      }),
    );
    expect(
      (await viaLink.post(`${base(magic)}/confirm`, { mentorName: 'X', mentorEmail: 'x@host.example' })).status,
    ).toBe(404);
    expect((await t.get(`/api/mobilities/${mobility.id}`)).body.placementConfirmed).toBe(false);
  });

  it('a new host’s request retires the old host’s link', async () => {
    const { mobility, sending } = await createMobilityFixture(t);
    const first = await linkOf(mobility.id);
    // The caller works for two schools (the test's and the fixture's): the new partner names its registrar.
    const other = await t.post('/api/organisations', {
      name: 'Officina',
      kind: 'company',
      country: 'IT',
      city: 'Bologna',
      email: 'hr@officina.example',
      registeredByOrganisationId: sending.id,
    });
    expect(other.status).toBe(201);
    const detail = await t.get(`/api/mobilities/${mobility.id}`);
    expect(
      (
        await t.patch(
          `/api/mobilities/${mobility.id}`,
          { hostOrganisationId: other.body.id },
          { 'If-Match': detail.headers.get('etag')! },
        )
      ).status,
    ).toBe(200);
    expect(
      (await viaLink.post(`${base(first)}/confirm`, { mentorName: 'X', mentorEmail: 'x@host.example' })).status,
    ).toBe(410);
    const former = (await viaLink.get(base(first))).body;
    expect(former).toMatchObject({ link: 'expired', answer: 'host-changed', learnerEmail: '', mentorName: null });
    const second = await linkOf(mobility.id);
    expect((await viaLink.get(base(second))).body).toMatchObject({ link: 'valid', hostOrganisation: 'Officina' });
  });

  it('names the field and the rule for a confirmation without a mentor', async () => {
    const { mobility } = await createMobilityFixture(t);
    const token = await linkOf(mobility.id);
    const res = await viaLink.post(`${base(token)}/confirm`, { mentorName: '', mentorEmail: 'not-an-address' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['mentorEmail', 'mentorName']);
    expect((await viaLink.get(base(token))).body.link).toBe('valid'); // nothing used up
  });
});
