import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createMobilityFixture, createOrganisation, createProject, createSchool, sendEvent } from './support/factories';
import { HttpResult, startTestApp, TestApp } from './support/test-app';

/**
 * Bad input never writes anything and never becomes a 500: every refusal is problem+json with the
 * right status, names the offending field, and leaves every table as it was.
 */

const TABLES = ['organisation', 'project', 'person', 'mobility', 'task', 'lifecycle_event'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

describe('bad input through HTTP', () => {
  let t: TestApp;
  /** Every status answered in this file, to prove none was a 500. */
  const statuses: { request: string; status: number }[] = [];
  let errorLog: jest.SpyInstance;
  let staticErrorLog: jest.SpyInstance;

  // Shared fixtures: a German sending school, a Spanish host and a KA122 project.
  let sending: any;
  let host: any;
  let germanHost: any;
  let project: any;

  beforeAll(async () => {
    t = await startTestApp();
    sending = await createSchool(t, { kind: 'vet-provider', country: 'DE', city: 'Essen' });
    // A mobility's host is the project's school's partner.
    host = await createOrganisation(t, { country: 'ES', city: 'Madrid', registeredByOrganisationId: sending.id });
    germanHost = await createOrganisation(t, { country: 'DE', city: 'Köln', registeredByOrganisationId: sending.id });
    project = await createProject(t, { beneficiaryOrganisationId: sending.id });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    statuses.length = 0;
    errorLog = jest.spyOn(Logger.prototype, 'error');
    staticErrorLog = jest.spyOn(Logger, 'error');
  });
  afterEach(() => {
    // Nothing answered 500 and nothing was logged as an unexpected error.
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
    expect(errorLog).not.toHaveBeenCalled();
    expect(staticErrorLog).not.toHaveBeenCalled();
    errorLog.mockRestore();
    staticErrorLog.mockRestore();
  });

  /** The test app's request, recording every status. */
  async function send(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResult> {
    const res = await t.request(method, path, body, headers);
    statuses.push({ request: `${method} ${path}`, status: res.status });
    return res;
  }

  async function counts(): Promise<Counts> {
    const entries = await Promise.all(TABLES.map(async (table) => [table, await t.count(table)] as const));
    return Object.fromEntries(entries) as Counts;
  }

  /**
   * Sends a request that must be refused: checks the status, the problem+json media type and
   * document, the field named in `errors` (when given), and that no table gained or lost a row.
   */
  async function expectRefused(
    status: number,
    field: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResult> {
    const before = await counts();
    const res = await send(method, path, body, headers);
    expect({ request: `${method} ${path}`, status: res.status }).toEqual({ request: `${method} ${path}`, status });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toEqual(expect.objectContaining({ status, type: expect.any(String), title: expect.any(String) }));
    if (field !== undefined) {
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      for (const error of res.body.errors) {
        expect(error).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
      }
    }
    expect(await counts()).toEqual(before);
    return res;
  }

  let emailCounter = 0;
  function mobilityBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      participant: { firstName: 'Jonas', lastName: 'Weber', email: `jonas${++emailCounter}@example.org` },
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: sending.id,
      hostOrganisationId: host.id,
      startDate: '2026-06-01',
      endDate: '2026-06-28',
      ...overrides,
    };
  }

  function organisationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    // The caller works for two schools: a valid body names the one registering the partner.
    return {
      name: 'Hotel Mediterráneo',
      kind: 'company',
      country: 'ES',
      city: 'Valencia',
      registeredByOrganisationId: t.school.id,
      ...overrides,
    };
  }

  let referenceCounter = 0;
  function projectBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      reference: `2026-1-DE02-KA122-VET-${String(900_000_000 + ++referenceCounter)}`,
      title: 'Apprentices abroad',
      action: 'KA122-VET',
      callYear: 2026,
      beneficiaryOrganisationId: sending.id,
      startDate: '2026-01-01',
      endDate: '2027-06-30',
      ...overrides,
    };
  }

  const mobilitiesOf = (projectId: string) => `/api/projects/${projectId}/mobilities`;

  describe('malformed bodies', () => {
    it('refuses malformed JSON with 400 on every write endpoint', async () => {
      const { mobility } = await createMobilityFixture(t);
      const task = (await send('GET', `/api/mobilities/${mobility.id}/tasks`)).body[0];
      for (const [method, path] of [
        ['POST', '/api/organisations'],
        ['POST', '/api/projects'],
        ['POST', mobilitiesOf(project.id)],
        ['PATCH', `/api/mobilities/${mobility.id}`],
        ['POST', `/api/mobilities/${mobility.id}/events`],
        ['PATCH', `/api/tasks/${task.id}`],
      ]) {
        const res = await expectRefused(400, undefined, method, path, '{"name": "Hotel", ');
        expect(res.body.detail).toEqual(expect.any(String));
      }
      expect((await send('GET', `/api/mobilities/${mobility.id}`)).body.version).toBe(1);
    });

    it('refuses a JSON body that is not an object', async () => {
      for (const body of ['42', '"text"', '[]', 'null', 'true']) {
        await expectRefused(400, undefined, 'POST', '/api/organisations', body);
        await expectRefused(400, undefined, 'POST', mobilitiesOf(project.id), body);
      }
    });

    it('refuses a body over 64 KB with 413', async () => {
      const res = await expectRefused(
        413,
        'body',
        'POST',
        '/api/organisations',
        organisationBody({ name: 'x'.repeat(64 * 1024 + 10) }),
      );
      expect(res.body.detail).toMatch(/64 KB/);
      await expectRefused(
        413,
        'body',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ padding: 'x'.repeat(1100 * 1024) }),
      );
    });

    it('refuses a text/plain body with 415', async () => {
      const res = await expectRefused(
        415,
        undefined,
        'POST',
        '/api/organisations',
        JSON.stringify(organisationBody()),
        {
          'content-type': 'text/plain',
        },
      );
      expect(res.body.detail).toMatch(/application\/json/);
      await expectRefused(415, undefined, 'POST', mobilitiesOf(project.id), JSON.stringify(mobilityBody()), {
        'content-type': 'text/plain; charset=utf-8',
      });
    });
    it('refuses a form-encoded body with 415 (no cross-site form posts)', async () => {
      await expectRefused(415, undefined, 'POST', '/api/organisations', 'name=Evil&kind=company&country=ES&city=X', {
        'content-type': 'application/x-www-form-urlencoded',
      });
    });

    it('refuses required texts made only of whitespace instead of saving them empty', async () => {
      await expectRefused(400, 'name', 'POST', '/api/organisations', organisationBody({ name: '   ' }));
      await expectRefused(
        400,
        'participant.lastName',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({
          participant: { firstName: 'Jonas', lastName: ' \t ', email: 'blank@example.org' },
        }),
      );
    });
  });

  describe('unknown fields and wrong types (400)', () => {
    it('refuses unknown fields at the top level and nested in participant', async () => {
      const org = await expectRefused(400, 'colour', 'POST', '/api/organisations', organisationBody({ colour: 'red' }));
      expect(org.body.errors).toEqual([expect.objectContaining({ field: 'colour', rule: 'unknown field' })]);
      await expectRefused(400, 'priority', 'POST', mobilitiesOf(project.id), mobilityBody({ priority: 'high' }));
      await expectRefused(
        400,
        'participant.nickname',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({
          participant: { firstName: 'Jonas', lastName: 'Weber', email: 'jonas.nick@example.org', nickname: 'Joni' },
        }),
      );
      await expectRefused(400, 'sponsor', 'POST', '/api/projects', projectBody({ sponsor: 'ACME' }));
      // The actor is never taken from the body.
      await expectRefused(400, 'actor', 'POST', mobilitiesOf(project.id), mobilityBody({ actor: 'mallory' }));
    });

    it('refuses a number sent as a string', async () => {
      await expectRefused(400, 'travelDays', 'POST', mobilitiesOf(project.id), mobilityBody({ travelDays: '1' }));
      await expectRefused(400, 'callYear', 'POST', '/api/projects', projectBody({ callYear: '2026' }));
    });

    it('refuses a boolean sent as a string', async () => {
      await expectRefused(400, 'greenTravel', 'POST', mobilitiesOf(project.id), mobilityBody({ greenTravel: 'true' }));
    });

    it('refuses an object where a string belongs, and a string where an object belongs', async () => {
      await expectRefused(
        400,
        'participant.firstName',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({
          participant: { firstName: { text: 'Jonas' }, lastName: 'Weber', email: 'jonas.obj@example.org' },
        }),
      );
      await expectRefused(400, 'name', 'POST', '/api/organisations', organisationBody({ name: { de: 'Hotel' } }));
      await expectRefused(
        400,
        'startDate',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: { year: 2026 } }),
      );
      await expectRefused(
        400,
        'participant',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ participant: 'Jonas Weber' }),
      );
      await expectRefused(400, 'participant', 'POST', mobilitiesOf(project.id), mobilityBody({ participant: null }));
      await expectRefused(400, 'participant', 'POST', mobilitiesOf(project.id), mobilityBody({ participant: [] }));
    });

    it('refuses missing required fields, naming each', async () => {
      const res = await expectRefused(400, 'participant', 'POST', mobilitiesOf(project.id), {});
      const fields = res.body.errors.map((e: any) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['participant', 'activityType', 'sendingOrganisationId', 'startDate', 'endDate']),
      );
      await expectRefused(
        400,
        'participant.email',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({
          participant: { firstName: 'Jonas', lastName: 'Weber' },
        }),
      );
    });

    it('refuses an invalid country', async () => {
      for (const country of ['XX', 'DEU', 'D', '', 49]) {
        await expectRefused(400, 'country', 'POST', '/api/organisations', organisationBody({ country }));
      }
    });

    it('refuses an invalid activity type', async () => {
      await expectRefused(
        400,
        'activityType',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ activityType: 'LM-MEDIUM-VET' }),
      );
      await expectRefused(
        400,
        'activityType',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ activityType: 'lm-short-vet' }),
      );
    });

    it('refuses dates that are not calendar dates', async () => {
      await expectRefused(
        400,
        'endDate',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: '2026-02-01', endDate: '2026-02-30' }),
      );
      await expectRefused(400, 'startDate', 'POST', mobilitiesOf(project.id), mobilityBody({ startDate: '2026-6-1' }));
      await expectRefused(
        400,
        'startDate',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: '2026-06-01T00:00:00Z' }),
      );
      await expectRefused(400, 'startDate', 'POST', '/api/projects', projectBody({ startDate: '2026-02-30' }));
      await expectRefused(
        400,
        'participant.dateOfBirth',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({
          participant: {
            firstName: 'Jonas',
            lastName: 'Weber',
            email: 'jonas.dob@example.org',
            dateOfBirth: '2008-13-01',
          },
        }),
      );
    });

    it('refuses ids in the path that are not UUIDs', async () => {
      for (const [method, path, body] of [
        ['GET', '/api/organisations/42', undefined],
        ['GET', '/api/projects/not-a-uuid', undefined],
        ['POST', '/api/projects/not-a-uuid/mobilities', mobilityBody()],
        ['PATCH', '/api/projects/not-a-uuid', { interimReportDueDate: null }],
        ['POST', '/api/projects/not-a-uuid/events', { type: 'CLOSE' }],
        ['GET', '/api/projects/not-a-uuid/tasks', undefined],
        ['GET', '/api/projects/not-a-uuid/history', undefined],
        ['GET', '/api/mobilities/not-a-uuid', undefined],
        ['PATCH', '/api/mobilities/not-a-uuid', { travelDays: 1 }],
        ['POST', '/api/mobilities/not-a-uuid/events', { type: 'ADVANCE' }],
        ['GET', '/api/mobilities/not-a-uuid/tasks', undefined],
        ['GET', '/api/mobilities/not-a-uuid/history', undefined],
        ['PATCH', '/api/tasks/not-a-uuid', { status: 'done' }],
      ] as const) {
        await expectRefused(400, 'id', method, path, body);
      }
    });

    it('refuses ids in the body that are not UUIDs', async () => {
      await expectRefused(
        400,
        'sendingOrganisationId',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ sendingOrganisationId: 'abc' }),
      );
      await expectRefused(
        400,
        'hostOrganisationId',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ hostOrganisationId: '1234' }),
      );
      await expectRefused(
        400,
        'beneficiaryOrganisationId',
        'POST',
        '/api/projects',
        projectBody({ beneficiaryOrganisationId: 'x' }),
      );
      const { mobility } = await createMobilityFixture(t);
      await expectRefused(400, 'hostOrganisationId', 'PATCH', `/api/mobilities/${mobility.id}`, {
        hostOrganisationId: 'nope',
      });
    });
  });

  describe('input the database or the validators could not take (400, never 500)', () => {
    it('refuses the NUL character in body text, field names and query text', async () => {
      await expectRefused(400, 'name', 'POST', '/api/organisations', organisationBody({ name: 'Hotel\u0000Sol' }));
      await expectRefused(
        400,
        'participant.firstName',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({
          participant: { firstName: 'Jo\u0000nas', lastName: 'Weber', email: 'jonas.nul@example.org' },
        }),
      );
      await expectRefused(400, undefined, 'POST', '/api/organisations', '{"na\\u0000me": "Hotel"}');
      await expectRefused(400, 'q', 'GET', '/api/mobilities?q=%00abc');
      await expectRefused(400, 'q', 'GET', '/api/organisations?q=abc%00');
    });

    it('refuses deeply nested bodies', async () => {
      const depth = 20_000; // 40 KB of brackets: under the size limit, far over the depth limit
      const arrays = JSON.stringify(organisationBody()).replace(/}$/, `,"x":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      await expectRefused(400, undefined, 'POST', '/api/organisations', arrays);
      const objects = `{"participant":${'{"a":'.repeat(depth / 2)}1${'}'.repeat(depth / 2)}}`;
      await expectRefused(400, undefined, 'POST', mobilitiesOf(project.id), objects);
    });

    it('refuses dates whose due dates would leave four-digit years', async () => {
      await expectRefused(
        400,
        'startDate',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: '9999-12-01', endDate: '9999-12-28' }),
      );
      await expectRefused(
        400,
        'startDate',
        'POST',
        '/api/projects',
        projectBody({ startDate: '9999-01-01', endDate: '9999-12-31' }),
      );
      await expectRefused(
        400,
        'startDate',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: '0100-03-01', endDate: '0100-03-28' }),
      );
      const { mobility } = await createMobilityFixture(t);
      await expectRefused(400, 'endDate', 'PATCH', `/api/mobilities/${mobility.id}`, {
        startDate: '2026-06-01',
        endDate: '9999-06-28',
      });
      expect((await send('GET', `/api/mobilities/${mobility.id}`)).body.version).toBe(1);
    });

    it('refuses a null task note', async () => {
      const { mobility } = await createMobilityFixture(t);
      const task = (await send('GET', `/api/mobilities/${mobility.id}/tasks`)).body[0];
      await expectRefused(400, 'note', 'PATCH', `/api/tasks/${task.id}`, { status: 'done', note: null });
      expect((await send('GET', `/api/mobilities/${mobility.id}`)).body.version).toBe(1);
    });
  });

  describe('unknown ids (404)', () => {
    it('answers 404 for unknown ids in the path', async () => {
      const id = randomUUID();
      for (const [method, path, body] of [
        ['GET', `/api/organisations/${id}`, undefined],
        ['GET', `/api/projects/${id}`, undefined],
        ['POST', `/api/projects/${id}/mobilities`, mobilityBody()],
        ['PATCH', `/api/projects/${id}`, { interimReportDueDate: null }],
        ['POST', `/api/projects/${id}/events`, { type: 'CLOSE' }],
        ['GET', `/api/projects/${id}/tasks`, undefined],
        ['GET', `/api/projects/${id}/history`, undefined],
        ['PATCH', `/api/projects/${id}/tasks/${id}`, { status: 'done' }],
        ['GET', `/api/mobilities/${id}`, undefined],
        ['PATCH', `/api/mobilities/${id}`, { travelDays: 1 }],
        ['POST', `/api/mobilities/${id}/events`, { type: 'ADVANCE' }],
        ['GET', `/api/mobilities/${id}/tasks`, undefined],
        ['GET', `/api/mobilities/${id}/history`, undefined],
        ['PATCH', `/api/tasks/${id}`, { status: 'done' }],
      ] as const) {
        const res = await expectRefused(404, undefined, method, path, body);
        expect(res.body.detail).toContain(id);
      }
    });

    it('answers 404 naming the field for unknown organisation ids in the body', async () => {
      await expectRefused(
        404,
        'sendingOrganisationId',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ sendingOrganisationId: randomUUID() }),
      );
      await expectRefused(
        404,
        'hostOrganisationId',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ hostOrganisationId: randomUUID() }),
      );
      await expectRefused(
        404,
        'beneficiaryOrganisationId',
        'POST',
        '/api/projects',
        projectBody({ beneficiaryOrganisationId: randomUUID() }),
      );
      const { mobility } = await createMobilityFixture(t);
      await expectRefused(404, 'hostOrganisationId', 'PATCH', `/api/mobilities/${mobility.id}`, {
        hostOrganisationId: randomUUID(),
      });
      expect((await send('GET', `/api/mobilities/${mobility.id}`)).body.hostOrganisation).not.toBeNull();
    });
  });

  describe('business rules (422)', () => {
    it('refuses an end date before the start date', async () => {
      const res = await expectRefused(
        422,
        'endDate',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: '2026-06-10', endDate: '2026-06-09' }),
      );
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'endDate', rule: 'endDate >= startDate' })]);
      await expectRefused(
        422,
        'endDate',
        'POST',
        '/api/projects',
        projectBody({ startDate: '2026-06-01', endDate: '2026-05-31' }),
      );
    });

    it("enforces the activity type's duration limits, first and last day counted", async () => {
      // LM-SHORT-VET lasts 10 to 89 days.
      await expectRefused(
        422,
        'endDate',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: '2026-06-01', endDate: '2026-06-09' }),
      );
      await expectRefused(
        422,
        'endDate',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: '2026-06-01', endDate: '2026-08-29' }),
      );
      // LM-LONG-VET starts at 90 days: 89 is too short for it.
      await expectRefused(
        422,
        'endDate',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ activityType: 'LM-LONG-VET', startDate: '2026-06-01', endDate: '2026-08-28' }),
      );

      const shortest = await send(
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: '2026-06-01', endDate: '2026-06-10' }),
      );
      expect(shortest.status).toBe(201);
      expect(shortest.body.durationDays).toBe(10);
      const longest = await send(
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ startDate: '2026-06-01', endDate: '2026-08-28' }),
      );
      expect(longest.status).toBe(201);
      expect(longest.body.durationDays).toBe(89);
    });

    it("refuses a host in the sending organisation's country", async () => {
      await expectRefused(
        422,
        'hostOrganisationId',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ hostOrganisationId: germanHost.id }),
      );
      // A mobility of the same school, whose partner the German host is.
      const mobility = (await send('POST', mobilitiesOf(project.id), mobilityBody())).body;
      await expectRefused(422, 'hostOrganisationId', 'PATCH', `/api/mobilities/${mobility.id}`, {
        hostOrganisationId: germanHost.id,
      });
      const after = (await send('GET', `/api/mobilities/${mobility.id}`)).body;
      expect(after.hostOrganisation.country).toBe('ES');
      expect(after.version).toBe(1);
    });

    it('allows 2 travel days, or 6 with green travel', async () => {
      await expectRefused(422, 'travelDays', 'POST', mobilitiesOf(project.id), mobilityBody({ travelDays: 3 }));
      await expectRefused(
        422,
        'travelDays',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ travelDays: 3, greenTravel: false }),
      );
      await expectRefused(
        400,
        'travelDays',
        'POST',
        mobilitiesOf(project.id),
        mobilityBody({ travelDays: 7, greenTravel: true }),
      );
      await expectRefused(400, 'travelDays', 'POST', mobilitiesOf(project.id), mobilityBody({ travelDays: 1.5 }));
      const green = await send('POST', mobilitiesOf(project.id), mobilityBody({ travelDays: 6, greenTravel: true }));
      expect(green.status).toBe(201);
      expect(green.body).toEqual(expect.objectContaining({ travelDays: 6, greenTravel: true }));

      // Dropping green travel while keeping 6 days breaks the rule too.
      await expectRefused(422, 'travelDays', 'PATCH', `/api/mobilities/${green.body.id}`, { greenTravel: false });
      const after = (await send('GET', `/api/mobilities/${green.body.id}`)).body;
      expect(after).toEqual(expect.objectContaining({ travelDays: 6, greenTravel: true, version: 1 }));
    });

    it('refuses a PATCH with bad dates and leaves the task due dates alone', async () => {
      const { mobility } = await createMobilityFixture(t);
      const path = `/api/mobilities/${mobility.id}`;
      const dueDates = async () =>
        Object.fromEntries(((await send('GET', `${path}/tasks`)).body as any[]).map((x) => [x.key, x.dueDate]));
      const before = await dueDates();
      expect(before['learning-agreement']).toBe('2026-05-18');

      await expectRefused(422, 'endDate', 'PATCH', path, { endDate: '2026-05-31' });
      await expectRefused(422, 'endDate', 'PATCH', path, { startDate: '2026-07-01', endDate: '2026-06-30' });
      await expectRefused(422, 'endDate', 'PATCH', path, { endDate: '2026-06-09' });
      await expectRefused(422, 'endDate', 'PATCH', path, { startDate: '2026-06-01', endDate: '2026-12-31' });
      await expectRefused(400, 'endDate', 'PATCH', path, { endDate: '2026-06-31' });
      await expectRefused(400, 'startDate', 'PATCH', path, { startDate: 20260601 });
      await expectRefused(400, 'phase', 'PATCH', path, { phase: 'completed' });
      await expectRefused(400, 'version', 'PATCH', path, { version: 7 });

      expect(await dueDates()).toEqual(before);
      const after = (await send('GET', path)).body;
      expect(after).toEqual(
        expect.objectContaining({ startDate: '2026-06-01', endDate: '2026-06-28', version: 1, phase: 'application' }),
      );
    });

    it("checks a KA122 project's reference against action and call year, and its 6 to 18 months", async () => {
      const mismatch = await expectRefused(
        422,
        'action',
        'POST',
        '/api/projects',
        projectBody({ action: 'KA121-VET' }),
      );
      expect(mismatch.body.errors).toEqual([
        expect.objectContaining({ field: 'action', rule: 'matches reference action' }),
      ]);
      await expectRefused(422, 'callYear', 'POST', '/api/projects', projectBody({ callYear: 2025 }));
      // 2026-01-01 + 18 months ends 2027-06-30 at the latest; 6 months ends 2026-06-30 at the earliest.
      await expectRefused(422, 'endDate', 'POST', '/api/projects', projectBody({ endDate: '2027-07-01' }));
      await expectRefused(422, 'endDate', 'POST', '/api/projects', projectBody({ endDate: '2026-06-29' }));
      await expectRefused(
        400,
        'reference',
        'POST',
        '/api/projects',
        projectBody({ reference: '2026-DE02-KA122-VET-1' }),
      );
      await expectRefused(400, 'action', 'POST', '/api/projects', projectBody({ action: 'KA220-VET' }));

      const edge = await send('POST', '/api/projects', projectBody({ endDate: '2026-06-30' }));
      expect(edge.status).toBe(201);
    });

    it('refuses the 31st participant of a KA122 project', async () => {
      const small = await createProject(t, { beneficiaryOrganisationId: sending.id });
      const created: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await send('POST', mobilitiesOf(small.id), mobilityBody());
        expect(res.status).toBe(201);
        created.push(res.body.id);
      }
      const res = await expectRefused(422, 'participant', 'POST', mobilitiesOf(small.id), mobilityBody());
      expect(res.body.detail).toMatch(/30/);
      expect((await send('GET', `/api/projects/${small.id}`)).body.mobilityTotal).toBe(30);

      // A withdrawn participant frees a place.
      expect((await sendEvent(t, created[0], 'WITHDRAW', 'moved away')).status).toBe(200);
      expect((await send('POST', mobilitiesOf(small.id), mobilityBody())).status).toBe(201);
      await expectRefused(422, 'participant', 'POST', mobilitiesOf(small.id), mobilityBody());
    });
  });

  describe('task changes', () => {
    it('refuses waiving a task without a reason, or with whitespace only', async () => {
      const { mobility } = await createMobilityFixture(t);
      const task = (await send('GET', `/api/mobilities/${mobility.id}/tasks`)).body.find(
        (x: any) => x.key === 'insurance',
      );
      const path = `/api/tasks/${task.id}`;
      await expectRefused(400, 'waiverReason', 'PATCH', path, { status: 'waived' });
      await expectRefused(400, 'waiverReason', 'PATCH', path, { status: 'waived', waiverReason: '' });
      await expectRefused(400, 'waiverReason', 'PATCH', path, { status: 'waived', waiverReason: '  \t\n ' });
      await expectRefused(400, 'waiverReason', 'PATCH', path, { status: 'waived', waiverReason: 42 });
      await expectRefused(400, 'waiverReason', 'PATCH', path, { status: 'done', waiverReason: 'not needed' });
      await expectRefused(400, 'status', 'PATCH', path, { status: 'skipped' });
      await expectRefused(400, 'status', 'PATCH', path, {});
      await expectRefused(400, 'dueDate', 'PATCH', path, { status: 'done', dueDate: '2026-12-01' });

      const after = (await send('GET', `/api/mobilities/${mobility.id}/tasks`)).body.find((x: any) => x.id === task.id);
      expect(after).toEqual(expect.objectContaining({ status: 'open', waiverReason: null, statusChangedAt: null }));
      expect((await send('GET', `/api/mobilities/${mobility.id}`)).body.version).toBe(1);

      const waived = await send('PATCH', path, { status: 'waived', waiverReason: 'covered by the school' });
      expect(waived.status).toBe(200);
      expect(waived.body.waiverReason).toBe('covered by the school');
    });

    it('refuses an unknown event type and a reason that is not text', async () => {
      const { mobility } = await createMobilityFixture(t);
      await expectRefused(400, 'type', 'POST', `/api/mobilities/${mobility.id}/events`, { type: 'FINISH' });
      await expectRefused(400, 'reason', 'POST', `/api/mobilities/${mobility.id}/events`, {
        type: 'WITHDRAW',
        reason: ['ill'],
      });
      // An event the caller may send (HOST_CONFIRM is the host mentor's): only the If-Match is wrong.
      await expectRefused(
        400,
        'If-Match',
        'POST',
        `/api/mobilities/${mobility.id}/events`,
        { type: 'WITHDRAW', reason: 'moved away' },
        { 'if-match': 'v1' },
      );
      expect((await send('GET', `/api/mobilities/${mobility.id}`)).body.version).toBe(1);
    });
  });

  describe('query parameters (400)', () => {
    it.each([
      ['/api/mobilities?pageSize=0', 'pageSize'],
      ['/api/mobilities?pageSize=abc', 'pageSize'],
      ['/api/mobilities?pageSize=501', 'pageSize'],
      ['/api/mobilities?page=0', 'page'],
      ['/api/mobilities?page=1.5', 'page'],
      ['/api/mobilities?overdue=maybe', 'overdue'],
      ['/api/mobilities?overdue=1', 'overdue'],
      ['/api/mobilities?mine=yes', 'mine'],
      ['/api/mobilities?phase=nope', 'phase'],
      ['/api/mobilities?projectId=abc', 'projectId'],
      ['/api/mobilities?hostOrganisationId=abc', 'hostOrganisationId'],
      ['/api/mobilities?sort=name', 'sort'],
      ['/api/organisations?pageSize=0', 'pageSize'],
      ['/api/organisations?country=XX', 'country'],
      ['/api/organisations?kind=school', 'kind'],
      ['/api/projects?pageSize=abc', 'pageSize'],
      ['/api/projects?page=-1', 'page'],
      ['/api/mobilities?page=1e20', 'page'],
      ['/api/organisations?page=1e20', 'page'],
      ['/api/projects?page=99999999999', 'page'],
    ])('GET %s → 400 naming %s', async (path, field) => {
      await expectRefused(400, field, 'GET', path);
    });
  });
});
