import { APIRequestContext, expect, Page } from '@playwright/test';

/**
 * The demo's people and their password in the browser tests: the e2e server starts with
 * DEMO_PASSWORD set to this (playwright.config.ts), so every demo person has it instead of a random one.
 * A test that changes someone's password puts this one back before it ends.
 */
export const DEMO_PASSWORD = 'demo-password-1234';

/** The demo school, whose coordinator and staff manage the demo project. */
export const SCHOOL = 'Berufskolleg Rhein-Ruhr';
/** Katrin Weber, coordinator of the demo school. */
export const COORDINATOR = 'coordinator@bk-rhein-ruhr.example';
/** Jonas Becker, staff of the demo school. */
export const STAFF = 'staff@bk-rhein-ruhr.example';
/** A mentor per demo host company (`mentor<N>@<first word of the host's name>.example`). */
export const MENTORS = {
  ES: 'mentor1@talleres.example', // Talleres Mecánicos Castilla S.L.
  IT: 'mentor2@officina.example', // Officina Digitale Bologna S.r.l.
  NL: 'mentor3@groenhuis.example', // Groenhuis Installatietechniek B.V.
  IE: 'mentor4@shannon.example', // Shannon Hospitality Group Ltd
} as const;
/** The first two demo learners with a host have a password: Lena Schmidt (host in Spain) and Mia Fischer (Italy). */
export const LEARNER = 'lena.schmidt@students.bk-rhein-ruhr.example';
export const SECOND_LEARNER = 'mia.fischer@students.bk-rhein-ruhr.example';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  memberships: { organisationId: string; organisationName: string; role: string }[];
  participantIds: string[];
}

/**
 * Signs in through the API. Given a page, the session cookie lands in the page's browser context,
 * so the page and `page.request` are signed in; given a request context, that context is.
 */
export async function signIn(target: Page | APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<Me> {
  const request = isPage(target) ? target.request : target;
  const res = await request.post('/api/auth/sign-in', { data: { email, password } });
  expect(res.status(), `sign in as ${email}: ${await res.text()}`).toBe(200);
  return (await res.json()) as Me;
}

/** The id of the organisation in which the signed-in person has `role` (the coordinator's school, a mentor's host). */
export function organisationOf(me: Me, role: string): string {
  const id = me.memberships.find((m) => m.role === role)?.organisationId;
  expect(id, `${me.email} is ${role} somewhere`).toBeTruthy();
  return id as string;
}

/**
 * Gives `email` the demo password again through the reset flow (request, the link in the caught
 * e-mail, new password), for a test that changed it: the other specs sign in with DEMO_PASSWORD.
 * Leaves `request` signed in as that person.
 */
export async function restoreDemoPassword(request: APIRequestContext, email: string): Promise<void> {
  const resets = async () =>
    (
      (await (await request.get(`/api/mailbox?pageSize=100&q=${encodeURIComponent(email)}`)).json()).items as {
        id: string;
        subject: string;
      }[]
    )
      .filter((m) => /Reset your Mobility Hub password|Mobility-Hub-Passwort zurücksetzen/.test(m.subject))
      .map((m) => m.id);
  const before = new Set(await resets());
  expect((await request.post('/api/auth/password-reset', { data: { email } })).status()).toBe(202);
  let fresh: string | undefined;
  await expect
    .poll(async () => (fresh = (await resets()).find((id) => !before.has(id))), { timeout: 60_000 })
    .toBeTruthy();
  const mail = (await (await request.get(`/api/mailbox/${fresh}`)).json()) as {
    text: string | null;
    html: string | null;
  };
  const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(`${mail.text ?? ''} ${mail.html ?? ''}`)?.[1];
  expect(token, 'the reset link in the e-mail').toBeTruthy();
  const reset = await request.post(`/api/auth/password-reset/${token}`, { data: { password: DEMO_PASSWORD } });
  expect(reset.status(), await reset.text()).toBe(204);
  // The demo password works again (this signs `request` in as that person).
  await signIn(request, email);
}

/**
 * Ends `memberEmail`'s membership of `organisationId` if there is one, as `managerEmail` (a
 * coordinator who manages that organisation's people), for a test that gave a demo person a role:
 * the other specs find the demo people as the demo made them. Leaves `request` signed in as the manager.
 */
export async function removeMembership(
  request: APIRequestContext,
  managerEmail: string,
  organisationId: string,
  memberEmail: string,
): Promise<void> {
  await signIn(request, managerEmail);
  const members = await request.get(`/api/organisations/${organisationId}/members`);
  expect(members.status(), await members.text()).toBe(200);
  const member = ((await members.json()) as { userId: string; email: string }[]).find((m) => m.email === memberEmail);
  if (!member) return;
  const removed = await request.delete(`/api/organisations/${organisationId}/members/${member.userId}`);
  expect(removed.status(), `remove ${memberEmail}: ${await removed.text()}`).toBe(204);
}

function isPage(target: Page | APIRequestContext): target is Page {
  return typeof (target as Page).goto === 'function';
}
