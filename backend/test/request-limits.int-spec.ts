import { createMobilityFixture } from './support/factories';
import { HttpResult, startTestApp, TestApp } from './support/test-app';

/**
 * Issue 12, "anonymous requests that stall the API": the work a request can cause is bounded before
 * anything downstream runs — body size per route, keys and nesting of the JSON, the first unknown
 * field ends validation, and a 400 lists 20 errors at most. Plus the headers every answer carries.
 */

/** The finding's body: ≈759 KB of JSON, 70,000 unknown keys beside a sign-in's two fields. */
function attackBody(): string {
  const body: Record<string, unknown> = { email: 'victim@example.org', password: 'not-the-password' };
  for (let i = 0; i < 70_000; i++) body[`k${String(i).padStart(4, '0')}`] = 1;
  return JSON.stringify(body);
}

/** `keys` unknown keys of `keyLength` characters each beside `base`'s fields. */
function withUnknownKeys(base: Record<string, unknown>, keys: number, keyLength: number): Record<string, unknown> {
  const body = { ...base };
  for (let i = 0; i < keys; i++) body[`k${String(i).padStart(keyLength - 1, '0')}`] = 1;
  return body;
}

/** Bytes of the answer as sent (the test client has parsed it). */
const answerBytes = (res: HttpResult) => Buffer.byteLength(JSON.stringify(res.body));

function expectProblem(res: HttpResult, status: number, code: string): void {
  expect({ status: res.status, type: res.body?.type }).toEqual({ status, type: `urn:mobility-hub:problem:${code}` });
  expect(res.headers.get('content-type')).toContain('application/problem+json');
}

describe('request limits', () => {
  let t: TestApp;
  let mobilitiesPath: string;
  let mobilityBody: Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp();
    const { project, sending, host } = await createMobilityFixture(t);
    mobilitiesPath = `/api/projects/${project.id}/mobilities`;
    mobilityBody = {
      participant: {
        firstName: 'Jonas',
        lastName: 'Weber',
        email: 'jonas.limits@example.org',
        dateOfBirth: '2000-01-01',
      },
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: sending.id,
      hostOrganisationId: host.id,
      startDate: '2026-06-01',
      endDate: '2026-06-28',
    };
  });
  afterAll(() => t.close());

  it('refuses the finding’s 759 KB, 70,000-key body to the public sign-in with a small 413 naming the limit', async () => {
    const body = attackBody();
    expect(body.length).toBeGreaterThan(750_000);
    expect(body.length).toBeLessThan(770_000);
    const before = await t.count('sign_in_throttle');
    const res = await t.anonymous.request('POST', '/api/auth/sign-in', body);
    expectProblem(res, 413, 'payload-too-large');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'body', rule: 'size ≤ 8 KB', message: expect.stringContaining('8 KB') }),
    ]);
    expect(answerBytes(res)).toBeLessThan(1024);
    expect(await t.count('sign_in_throttle')).toBe(before); // no sign-in attempt was made of it
  });

  it('refuses a body over 8 KB on each small-body route, and over 64 KB elsewhere', async () => {
    const nine = { email: 'a@example.org', password: 'p'.repeat(9 * 1024) };
    for (const path of [
      '/api/auth/sign-in',
      '/api/auth/password-reset',
      '/api/auth/password-reset/some-token',
      '/api/auth/sign-in-link',
      '/api/invitations/some-token/accept',
      '/api/host-links/placement/some-token/confirm',
      '/api/host-links/placement/some-token/decline',
    ]) {
      const res = await t.anonymous.request('POST', path, nine);
      expectProblem(res, 413, 'payload-too-large');
      expect(res.body.detail).toContain('8 KB');
    }
    expectProblem(await t.request('POST', '/api/auth/password', nine), 413, 'payload-too-large');

    // The same 9 KB is no size problem where bodies may be larger: it gets to validation.
    const validated = await t.request('POST', mobilitiesPath, { ...mobilityBody, note: 'n'.repeat(9 * 1024) });
    expectProblem(validated, 400, 'invalid-request');
    expect(validated.body.errors).toEqual([expect.objectContaining({ field: 'note', rule: 'unknown field' })]);

    const large = await t.request('POST', mobilitiesPath, { ...mobilityBody, note: 'n'.repeat(65 * 1024) });
    expectProblem(large, 413, 'payload-too-large');
    expect(large.body.errors).toEqual([expect.objectContaining({ field: 'body', rule: 'size ≤ 64 KB' })]);
  });

  it('takes the largest legitimate body: a task note and waiver reason at 2,000 characters, every one escaped', async () => {
    const { mobility } = await createMobilityFixture(t);
    const task = (await t.get(`/api/mobilities/${mobility.id}/tasks`)).body.find((x: any) => x.key === 'insurance');
    const text = '\u0001'.repeat(1999) + 'x'; // JSON writes each as \u0001: 6 bytes a character
    const body = JSON.stringify({ status: 'waived', note: text, waiverReason: text });
    expect(body.length).toBeGreaterThan(24_000);
    const res = await t.request('PATCH', `/api/tasks/${task.id}`, body);
    expect(res.status).toBe(200);
    expect(res.body.waiverReason).toBe(text);
  });

  it('refuses thousands of keys just under the size limit at the key limit, with one small error', async () => {
    const body = withUnknownKeys(mobilityBody, 6000, 5);
    const size = JSON.stringify(body).length;
    expect(size).toBeGreaterThan(55 * 1024);
    expect(size).toBeLessThan(64 * 1024);
    const before = await t.count('mobility');
    const res = await t.request('POST', mobilitiesPath, body);
    expectProblem(res, 400, 'invalid-request');
    expect(res.body.errors).toEqual([
      { field: 'body', rule: 'key count ≤ 1000', message: expect.stringContaining('1000 keys') },
    ]);
    expect(answerBytes(res)).toBeLessThan(1024);
    expect(await t.count('mobility')).toBe(before);
  });

  it('stops at the first unknown field: a body at the key and size limits gets one error, naming it', async () => {
    // 10 keys of the mobility itself + 990 unknown ones of 60 characters: 1,000 keys, ≈ 62 KB.
    const body = withUnknownKeys(mobilityBody, 990, 60);
    const size = JSON.stringify(body).length;
    expect(size).toBeGreaterThan(60 * 1024);
    expect(size).toBeLessThan(64 * 1024);
    const res = await t.request('POST', mobilitiesPath, body);
    expectProblem(res, 400, 'invalid-request');
    const first = `k${'0'.repeat(59)}`;
    expect(res.body.errors).toEqual([
      { field: first, rule: 'unknown field', message: `${first} is not a known field` },
    ]);
    expect(answerBytes(res)).toBeLessThan(1024);

    // Nested: the first unknown field of the participant, by its path.
    const nested = await t.request('POST', mobilitiesPath, {
      ...mobilityBody,
      participant: withUnknownKeys(mobilityBody['participant'] as Record<string, unknown>, 500, 10),
    });
    expectProblem(nested, 400, 'invalid-request');
    expect(nested.body.errors).toEqual([
      expect.objectContaining({ field: `participant.k${'0'.repeat(9)}`, rule: 'unknown field' }),
    ]);
  });

  it('cuts a long unknown field name in the answer', async () => {
    const key = 'z'.repeat(20_000);
    const res = await t.request('POST', mobilitiesPath, { ...mobilityBody, [key]: 1 });
    expectProblem(res, 400, 'invalid-request');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: `${'z'.repeat(100)}…`, rule: 'unknown field' })]);
    expect(answerBytes(res)).toBeLessThan(1024);
  });

  it('lists 20 errors at most, and says how many it left off', async () => {
    const body: Record<string, unknown> = { ...mobilityBody };
    for (let i = 0; i < 25; i++) body[`nul${String(i).padStart(2, '0')}`] = 'a\u0000b';
    const res = await t.request('POST', mobilitiesPath, body);
    expectProblem(res, 400, 'invalid-request');
    expect(res.body.errors).toHaveLength(20);
    expect(res.body.errors[0]).toEqual(expect.objectContaining({ field: 'nul00', rule: 'no NUL character' }));
    expect(res.body.errorsOmitted).toBe(5);
  });

  it('refuses JSON nested more than 10 levels, naming the rule and where', async () => {
    const nest = (levels: number): unknown => (levels === 0 ? 1 : { a: nest(levels - 1) });
    // The body is level 1 and the participant level 2: eight more objects inside make 10 levels.
    const ten = await t.request('POST', mobilitiesPath, { ...mobilityBody, participant: nest(9) });
    expectProblem(ten, 400, 'invalid-request');
    expect(ten.body.errors).toEqual([expect.objectContaining({ field: 'participant.a', rule: 'unknown field' })]);

    const eleven = await t.request('POST', mobilitiesPath, { ...mobilityBody, participant: nest(10) });
    expectProblem(eleven, 400, 'invalid-request');
    expect(eleven.body.errors).toEqual([
      {
        field: 'participant.a.a.a.a.a.a.a.a.a',
        rule: 'nesting depth ≤ 10',
        message: 'participant.a.a.a.a.a.a.a.a.a is nested more than 10 levels deep',
      },
    ]);
    const arrays = await t.anonymous.request(
      'POST',
      '/api/auth/sign-in',
      `{"email":${'['.repeat(3000)}${']'.repeat(3000)}}`,
    );
    expectProblem(arrays, 400, 'invalid-request');
    expect(arrays.body.errors).toEqual([expect.objectContaining({ rule: 'nesting depth ≤ 10' })]);
  });

  it('answers a health check sent while several such requests are handled', async () => {
    const body = attackBody();
    const attacks = [
      ...Array.from({ length: 4 }, () => t.request('POST', '/api/organisations', body)),
      ...Array.from({ length: 2 }, () => t.anonymous.request('POST', '/api/auth/sign-in', body)),
    ];
    await new Promise((resolve) => setTimeout(resolve, 20));
    const health = await t.anonymous.get('/api/health');
    expect(health.status).toBe(200);
    expect((await Promise.all(attacks)).map((res) => res.status)).toEqual([413, 413, 413, 413, 413, 413]);
  });
});

describe('response headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('marks every API answer not to be stored: data, problems, unknown routes, health', async () => {
    for (const res of [
      await t.get('/api/auth/me'),
      await t.get('/api/organisations'),
      await t.anonymous.get('/api/auth/me'),
      await t.get('/api/nowhere'),
      await t.post('/api/organisations', { colour: 'red' }),
      await t.anonymous.get('/api/health'),
    ]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('sends no HSTS over plain HTTP', async () => {
    const res = await t.get('/api/health');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('says "Too many requests" in a 429 from the rate limit, with no framework names', async () => {
    const limited = await startTestApp(new Date('2026-03-02T10:00:00Z'), { RATE_LIMIT_PER_MINUTE: '1' });
    try {
      await limited.anonymous.post('/api/auth/sign-in-link', { email: 'a@example.org' });
      const res = await limited.anonymous.post('/api/auth/sign-in-link', { email: 'a@example.org' });
      expectProblem(res, 429, 'too-many-requests');
      expect(res.body.title).toBe('Too many requests');
      expect(res.body.detail).toMatch(/^Too many requests from this address: try again in \d+ seconds\.$/);
      expect(res.body.retryAfterSeconds).toBe(Number(res.headers.get('retry-after')));
      expect(JSON.stringify(res.body)).not.toMatch(/Throttler|Exception/);
    } finally {
      await limited.close();
    }
  });
});

describe('response headers over HTTPS (secure cookies)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { COOKIE_SECURE: 'true' });
  });
  afterAll(() => t.close());

  it('sends HSTS and upgrades insecure requests', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});
