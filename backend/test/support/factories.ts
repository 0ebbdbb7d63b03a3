import type { HttpClient, TestApp, TestUser } from './test-app';

let counter = 0;
const unique = () => `${process.pid}${++counter}`;

/** A partner organisation (by default a Spanish company) registered by the test's school. */
export async function createOrganisation(t: TestApp, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await t.post('/api/organisations', {
    name: `Organisation ${unique()}`,
    kind: 'company',
    country: 'ES',
    city: 'Valencia',
    email: 'contact@example.org',
    registeredByOrganisationId: t.school.id,
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`organisation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A sending school using Mobility Hub (a tenant of its own, by default German) whose coordinator
 * is the test's default identity too, so `t.post(...)` may open its projects.
 */
export async function createSchool(t: TestApp, overrides: Record<string, unknown> = {}): Promise<any> {
  const school = await createOrganisation(t, { kind: 'vet-provider', country: 'DE', city: 'Essen', ...overrides });
  await t.db.query(`UPDATE organisation SET registered_by_organisation_id = NULL WHERE id = $1`, [school.id]);
  await t.addMembership(t.coordinator.userId, school.id, 'coordinator');
  return { ...school, registeredByOrganisationId: null, yourRole: 'coordinator' };
}

export async function createProject(t: TestApp, overrides: Record<string, unknown> = {}): Promise<any> {
  const beneficiary = overrides['beneficiaryOrganisationId'] ? undefined : await createSchool(t);
  const number = String(++counter).padStart(9, '0');
  const res = await t.post('/api/projects', {
    reference: `2026-1-DE02-KA122-VET-${number}`,
    title: 'Apprentices abroad',
    action: 'KA122-VET',
    callYear: 2026,
    beneficiaryOrganisationId: beneficiary?.id,
    startDate: '2026-01-01',
    endDate: '2027-06-30',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`project: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface MobilityFixture {
  project: any;
  sending: any;
  host: any;
  mobility: any;
}

/** A project with a German sending school, a Spanish host and one 28-day mobility starting 2026-06-01. */
export async function createMobilityFixture(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<MobilityFixture> {
  const sending = await createSchool(t);
  const host = await createOrganisation(t, { country: 'ES', city: 'Madrid', registeredByOrganisationId: sending.id });
  const project = await createProject(t, { beneficiaryOrganisationId: sending.id });
  const res = await t.post(`/api/projects/${project.id}/mobilities`, {
    participant: {
      firstName: 'Lena',
      lastName: 'Schmidt',
      email: `lena${unique()}@example.org`,
      dateOfBirth: '2000-01-01',
    },
    activityType: 'LM-SHORT-VET',
    sendingOrganisationId: sending.id,
    hostOrganisationId: host.id,
    startDate: '2026-06-01',
    endDate: '2026-06-28',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`mobility: ${res.status} ${JSON.stringify(res.body)}`);
  return { project, sending, host, mobility: res.body };
}

/** Marks every open mandatory task of the given phases done (or waived) through the API. */
export async function completeMandatoryTasks(
  t: TestApp,
  mobilityId: string,
  phases: string[],
  how: 'done' | 'waived' = 'done',
): Promise<void> {
  const tasks = (await t.get(`/api/mobilities/${mobilityId}/tasks`)).body as any[];
  for (const task of tasks) {
    if (!phases.includes(task.phase) || !task.mandatory || task.status !== 'open' || task.key === 'host-confirmation')
      continue;
    const body = how === 'waived' ? { status: 'waived', waiverReason: 'not applicable in test' } : { status: 'done' };
    const res = await t.patch(`/api/tasks/${task.id}`, body);
    if (res.status !== 200) throw new Error(`task ${task.key}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * A mentor of the host organisation `hostOrganisationId`: the only role that may send HOST_CONFIRM
 * and HOST_DECLINE. One per host and test app (asked again, the same person).
 */
export function hostMentor(t: TestApp, hostOrganisationId: string): Promise<TestUser> {
  let mentors = mentorsOf.get(t);
  if (!mentors) mentorsOf.set(t, (mentors = new Map()));
  let mentor = mentors.get(hostOrganisationId);
  if (!mentor) {
    mentor = t.createUser({ role: 'mentor', organisationId: hostOrganisationId });
    mentors.set(hostOrganisationId, mentor);
  }
  return mentor;
}
const mentorsOf = new WeakMap<TestApp, Map<string, Promise<TestUser>>>();

/** Sends a lifecycle event as `client`: the test app (its default coordinator) or a person's `.client`. */
export function sendEvent(
  client: HttpClient,
  mobilityId: string,
  type: string,
  reason?: string,
  headers?: Record<string, string>,
) {
  return client.post(
    `/api/mobilities/${mobilityId}/events`,
    reason === undefined ? { type } : { type, reason },
    headers,
  );
}

/** One policy covering health, accident and third-party liability: enough to leave for the stay. */
export const FULL_INSURANCE = {
  covers: [
    {
      kind: 'policy',
      insurer: 'Allianz Travel',
      policyNumber: 'ERA-2026-001',
      risks: ['health', 'accident', 'liability'],
    },
  ],
};

/** Records full insurance cover for a mobility through the API (the sending side's coordinator). */
export async function recordInsurance(t: TestApp, mobilityId: string, body: unknown = FULL_INSURANCE): Promise<any> {
  const res = await t.request('PUT', `/api/mobilities/${mobilityId}/insurance`, body);
  if (res.status !== 200) throw new Error(`insurance: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
