import { expect, Page, test } from '@playwright/test';
import {
  COORDINATOR,
  DEMO_PASSWORD,
  LEARNER,
  MENTORS,
  removeMembership,
  restoreDemoPassword,
  SCHOOL,
  signIn,
  STAFF,
} from './support/accounts';
import { linkInMail, mainNavigation, seriousViolations } from './support/pages';

// The demo people sign in with the demo password the e2e server gives them (support/accounts.ts).
// The demo's mentor at its Spanish host company.
const MENTOR = MENTORS.ES;

/** The main navigation's items, once the session has been read. */
async function expectNavigation(page: Page, items: string[]): Promise<void> {
  await expect(mainNavigation(page).getByRole('link')).toHaveText(items);
}

test.describe('what each role sees', () => {
  test('an anonymous visit to /projects lands on the sign-in page, which comes back after signing in', async ({
    page,
  }) => {
    await page.goto('/projects');
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fprojects$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(mainNavigation(page)).toHaveCount(0);

    await page.getByLabel('E-mail address').fill(COORDINATOR);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    await expectNavigation(page, ['Projects', 'Mobilities', 'Organisations', 'Team', 'Outbox', 'Mailbox']);
  });

  test('a mentor signs in to the Placements home: the host tasks, no date of birth anywhere', async ({
    page,
  }, testInfo) => {
    await signIn(page, MENTOR);
    await page.goto('/');
    await expect(page).toHaveURL(/\/host$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Placements' })).toBeVisible();
    await expectNavigation(page, ['Placements']);
    await expect(page.getByRole('heading', { level: 2, name: 'Placements to confirm' })).toBeVisible();

    // The host's open tasks: Paul Hoffmann's placement (under way, some tasks past due) has some.
    const tasks = page.getByTestId('host-task');
    await expect(tasks.first()).toBeVisible();
    await expect(page.getByTestId('host-tasks')).toContainText('Paul Hoffmann');
    await expect(tasks.filter({ hasText: 'Overdue' }).first()).toBeVisible();
    // Every learner placed at the company, Lena Schmidt among them.
    await expect(page.getByTestId('placements').getByRole('link', { name: 'Lena Schmidt' })).toBeVisible();
    await expect(page.getByText(/date of birth/i)).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), '/host').toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('mentor-home.png'), fullPage: true });

    // The placement's file: the host's part only, and the API sends no date of birth to a mentor.
    await page.getByTestId('placements').getByRole('link', { name: 'Paul Hoffmann' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Paul Hoffmann' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'The host’s tasks' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'History' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Edit dates, host and mentor' })).toHaveCount(0);
    await expect(page.getByText(/date of birth/i)).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Back to your placements' })).toHaveAttribute('href', '/host');
    const mobilityId = page.url().split('/').pop() ?? '';
    const mobility = await (await page.request.get(`/api/mobilities/${mobilityId}`)).json();
    expect(mobility.yourRole).toBe('mentor');
    expect(mobility.participant.dateOfBirth).toBeNull();
    expect(await seriousViolations(page), '/mobilities/:id as a mentor').toEqual([]);

    // The school's pages are not the mentor's: back to the placements.
    await page.goto('/projects');
    await expect(page).toHaveURL(/\/host$/);
  });

  test('a learner sees My mobility: the phase, the checklist and the next deadline', async ({ page }, testInfo) => {
    await signIn(page, LEARNER);
    await page.goto('/');
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole('heading', { level: 1, name: 'My mobility' })).toBeVisible();
    await expectNavigation(page, ['My mobility']);

    const deadline = page.getByTestId('next-deadline');
    await expect(deadline.getByRole('heading', { name: 'Your next deadline' })).toBeVisible();
    await expect(deadline).toContainText('Due');
    await expect(page.getByTestId('phase')).toContainText(/Phase \d of 5: /);
    await expect(page.getByRole('list', { name: 'Phases' }).getByRole('listitem')).toHaveCount(5);
    const checklist = page.getByTestId('learner-task');
    await expect(checklist.first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), '/me').toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('learner-home.png'), fullPage: true });

    // The next deadline's task is on the checklist and can be ticked (and unticked: the demo stays as it was).
    const title = (await deadline.locator('.deadline-title').textContent())?.trim() ?? '';
    const box = page.getByRole('checkbox', { name: title, exact: true });
    await expect(box).not.toBeChecked();
    await box.check();
    await expect(box).toBeChecked();
    await expect(deadline.locator('.deadline-title')).not.toHaveText(title);
    await box.uncheck();
    await expect(box).not.toBeChecked();
    await expect(deadline.locator('.deadline-title')).toHaveText(title);

    // The school's pages are not the learner's.
    await page.goto('/organisations');
    await expect(page).toHaveURL(/\/me$/);
  });

  test('the coordinator invites a colleague from the Team page; the colleague accepts from the e-mail; the audit log shows it', async ({
    page,
    browser,
  }, testInfo) => {
    const run = String(Date.now());
    const colleague = `colleague-${run}@bk-rhein-ruhr.example`;
    const name = `Alex Kollege ${run.slice(-5)}`;
    const password = `Ruhr staff ${run} secret`;

    await signIn(page, COORDINATOR);
    await page.goto('/');
    await expect(page).toHaveURL(/\/projects$/);
    await mainNavigation(page).getByRole('link', { name: 'Team' }).click();
    await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]+\/team$/);
    const teamUrl = page.url();
    await expect(page.getByRole('heading', { level: 1, name: `Team of ${SCHOOL}` })).toBeVisible();
    await expect(page.getByTestId('members')).toContainText(COORDINATOR);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), '/organisations/:id/team').toEqual([]);

    // Invite: the address is checked before anything is sent.
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.locator('#invite-email-error')).toHaveText('Enter the e-mail address to invite.');
    await page.getByLabel('E-mail address').fill(colleague);
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Staff' });
    await page.getByLabel('Name (optional)').fill(name);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.getByTestId('invitations')).toContainText(colleague);
    expect(await seriousViolations(page), 'the team page with an invitation').toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('team.png'), fullPage: true });

    // The invitation e-mail, caught by the Mailbox, links to the invitation page.
    const href = await linkInMail(
      page,
      colleague,
      /invites you to Mobility Hub|lädt Sie zu Mobility Hub ein/,
      '/invitation/',
    );

    // The colleague, in a browser of their own, opens it: it says what is offered and changes nothing.
    const other = await browser.newContext();
    const invited = await other.newPage();
    await invited.goto(href);
    await expect(invited.getByRole('heading', { level: 1, name: 'Invitation to Mobility Hub' })).toBeVisible();
    await expect(invited.getByTestId('invitation-organisation')).toHaveText(SCHOOL);
    await expect(invited.getByTestId('invitation-role')).toContainText('Staff');
    await expect(invited.getByTestId('invitation-email')).toContainText('@bk-rhein-ruhr.example');
    await expect(mainNavigation(invited)).toHaveCount(0);
    await expect(invited.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/At least 12 characters/);
    await invited.waitForLoadState('networkidle');
    expect(await seriousViolations(invited), '/invitation/:token').toEqual([]);
    expect((await invited.request.get('/api/auth/me')).status()).toBe(401);
    await invited.screenshot({ path: testInfo.outputPath('invitation.png'), fullPage: true });

    // Accepting makes the account, signs in and goes to the staff member's home.
    await invited.getByLabel('Your name').fill(name);
    await invited.getByLabel('Password', { exact: true }).fill(password);
    await invited.getByLabel('Password, again').fill(password);
    await invited.getByRole('button', { name: 'Accept and create the account' }).click();
    await expect(invited).toHaveURL(/\/projects$/);
    await expect(invited.getByTestId('signed-in-as')).toHaveText(`Signed in as ${name}`);
    await expectNavigation(invited, ['Projects', 'Mobilities', 'Organisations', 'Outbox', 'Mailbox']);

    // The link works once.
    await invited.goto(href);
    await expect(
      invited.getByTestId('link-problem').getByRole('heading', { name: 'This invitation was already accepted' }),
    ).toBeVisible();
    await other.close();

    // The coordinator sees the new member, and the acceptance in the audit log.
    await page.goto(teamUrl);
    await expect(page.getByTestId('members')).toContainText(colleague);
    await expect(page.getByTestId('invitations')).toHaveCount(0);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(/\/team\/audit$/);
    await expect(page.getByRole('heading', { level: 1, name: `Audit log of ${SCHOOL}` })).toBeVisible();
    const accepted = page
      .getByTestId('audit-log')
      .getByRole('row')
      .filter({ hasText: 'Invitation accepted' })
      .filter({ hasText: colleague });
    await expect(accepted).toHaveCount(1);
    await expect(accepted).toContainText(name);
    await expect(accepted).toContainText('As Staff, with a new account');
    await expect(
      page
        .getByTestId('audit-log')
        .getByRole('row')
        .filter({ hasText: 'Invitation sent' })
        .filter({ hasText: colleague }),
    ).toHaveCount(1);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), '/organisations/:id/team/audit').toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('audit-log.png'), fullPage: true });
  });
});

test.describe('an invitation to an address that already has an account', () => {
  // Jonas Becker (staff of the demo school) becomes mentor at a host company here; the other specs
  // know him as staff of the school only (the account page test below lists exactly that). The test
  // removes the membership on the team page; if it fails before, this does it through the API.
  let host: { id: string; name: string } | null = null;
  test.afterEach(async ({ request }) => {
    if (host) await removeMembership(request, COORDINATOR, host.id, STAFF);
    host = null;
  });

  test('the coordinator invites the staff member as mentor of a host company; signed out, he is asked to sign in, comes back and accepts', async ({
    page,
    browser,
  }, testInfo) => {
    const run = String(Date.now());

    // A host company the school registers (a coordinator's new partner is her school's).
    await signIn(page, COORDINATOR);
    const created = await page.request.post('/api/organisations', {
      data: { name: `Taller Mentores ${run}`, kind: 'company', country: 'ES', city: 'Burgos' },
    });
    expect(created.status(), await created.text()).toBe(201);
    host = (await created.json()) as { id: string; name: string };
    const hostName = host.name;

    // Its team page, from Organisations → "Mentors".
    await page.goto('/organisations');
    await page.getByLabel('Search name or city').fill(hostName);
    await page.getByRole('link', { name: `Mentors of ${hostName}` }).click();
    await expect(page).toHaveURL(new RegExp(`/organisations/${host.id}/team$`));
    const teamUrl = page.url();
    await expect(page.getByRole('heading', { level: 1, name: `Team of ${hostName}` })).toBeVisible();
    await expect(page.getByText(`${hostName} is a host company your school registered`)).toBeVisible();
    await page.getByLabel('E-mail address').fill(STAFF);
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Mentor' });
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.getByTestId('invitations')).toContainText(STAFF);

    const subject = new RegExp(`${hostName} (invites you to Mobility Hub|lädt Sie zu Mobility Hub ein)`);
    const href = await linkInMail(page, STAFF, subject, '/invitation/');
    const path = new URL(href).pathname;

    // Someone else's session does not accept it: the coordinator, signed in here, is told so plainly.
    await page.goto(href);
    await expect(page.getByTestId('accept-as')).toContainText('You are signed in as Katrin Weber');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    const wrong = page.getByTestId('wrong-account');
    await expect(wrong).toContainText(`You are signed in as Katrin Weber (${COORDINATOR}); this invitation is for`);
    await expect(wrong).toContainText('sign out and sign in with that address');
    await expect(wrong.getByRole('button', { name: 'Sign out' })).toBeVisible();
    expect(await seriousViolations(page), '/invitation/:token signed in as someone else').toEqual([]);

    // He opens it signed out, in a browser of his own: his address has an account, so he signs in first.
    const other = await browser.newContext();
    const invited = await other.newPage();
    await invited.goto(href);
    await expect(invited.getByRole('heading', { level: 1, name: 'Invitation to Mobility Hub' })).toBeVisible();
    await expect(invited.getByTestId('invitation-organisation')).toHaveText(hostName);
    await expect(invited.getByTestId('invitation-role')).toContainText('Mentor');
    await expect(invited.getByTestId('invitation-email')).toContainText('@bk-rhein-ruhr.example');
    await expect(invited.getByTestId('sign-in-first')).toContainText('already has a Mobility Hub account');
    await expect(invited.getByRole('button', { name: 'Accept the invitation' })).toHaveCount(0);
    await expect(invited.getByRole('link', { name: 'Choose a new one' })).toHaveAttribute('href', '/forgot-password');
    expect((await invited.request.get('/api/auth/me')).status()).toBe(401);
    await invited.waitForLoadState('networkidle');
    expect(await seriousViolations(invited), '/invitation/:token for an existing account, signed out').toEqual([]);
    await invited.screenshot({ path: testInfo.outputPath('invitation-sign-in-first.png'), fullPage: true });

    await invited.getByRole('link', { name: 'Sign in to accept' }).click();
    await expect(invited).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('returnTo') === path);
    await invited.getByLabel('E-mail address').fill(STAFF);
    await invited.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await invited.getByRole('button', { name: 'Sign in' }).click();

    // Back on the invitation, signed in as himself: he accepts, and goes to his home.
    await expect(invited).toHaveURL((url) => url.pathname === path && url.search === '');
    await expect(invited.getByTestId('accept-as')).toContainText(`You are signed in as Jonas Becker (${STAFF})`);
    expect(await seriousViolations(invited), '/invitation/:token signed in as the invited account').toEqual([]);
    await invited.getByRole('button', { name: 'Accept the invitation' }).click();
    await expect(invited).toHaveURL(/\/projects$/);
    await expect(invited.getByText(`You have joined ${hostName} as Mentor.`)).toBeVisible();
    await expect(invited.getByTestId('signed-in-as')).toHaveText('Signed in as Jonas Becker');

    // His account page lists the host company with the role mentor, beside his school.
    await invited.getByRole('banner').getByRole('link', { name: 'Jonas Becker' }).click();
    await expect(invited).toHaveURL(/\/account$/);
    const memberships = invited.getByTestId('memberships').getByRole('listitem');
    await expect(memberships.filter({ hasText: `Mentor at ${hostName}` })).toHaveCount(1);
    await expect(memberships.filter({ hasText: `Staff at ${SCHOOL}` })).toHaveCount(1);
    await expect(memberships).toHaveCount(2);

    // The coordinator sees him as the host's mentor, and removes that membership again (the demo
    // data as it was: the other specs know him as staff of the school only).
    await page.goto(teamUrl);
    const row = page.getByTestId('members').locator(`tr[data-member="${STAFF}"]`);
    await expect(row).toContainText('Jonas Becker');
    await expect(row).toContainText('Mentor');
    await expect(page.getByTestId('invitations')).toHaveCount(0);
    await row.getByRole('button', { name: 'Remove… Jonas Becker' }).click();
    await page.getByRole('button', { name: 'Remove Jonas Becker' }).click();
    await expect(page.getByTestId('members')).toHaveCount(0);
    await expect(page.getByText('No members yet: invite the first one below.')).toBeVisible();
    const me = await (await invited.request.get('/api/auth/me')).json();
    expect(
      me.memberships.map((m: { organisationName: string; role: string }) => `${m.role} at ${m.organisationName}`),
    ).toEqual([`staff at ${SCHOOL}`]);
    host = null;
    await other.close();
  });
});

test.describe('the account page', () => {
  // The staff member's password changes here (sign-in.spec's reset test changes it too, and gives it
  // back): whatever happens, it is the demo password again after the test.
  let passwordChanged = false;
  test.afterEach(async ({ request }) => {
    if (passwordChanged) await restoreDemoPassword(request, STAFF);
    passwordChanged = false;
  });

  test('a staff member changes the password (a wrong current one is a field error); other sessions end; the new one signs in', async ({
    page,
    browser,
    request,
  }, testInfo) => {
    const password = `Ruhr account ${Date.now()} words`;

    // A second session of the same person, in a browser of its own: staff see the projects, but no "New project".
    const other = await browser.newContext();
    const elsewhere = await other.newPage();
    await signIn(elsewhere, STAFF);
    await elsewhere.goto('/projects');
    await expect(elsewhere.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    await expect(elsewhere.getByTestId('project-count')).toContainText(/\d+ projects?/);
    await expect(elsewhere.getByRole('button', { name: 'New project' })).toHaveCount(0);

    // The name in the header leads to the account page.
    await signIn(page, STAFF);
    await page.goto('/projects');
    await page.getByRole('banner').getByRole('link', { name: 'Jonas Becker' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    const who = page.getByTestId('who');
    await expect(who).toContainText('Jonas Becker');
    await expect(who).toContainText(STAFF);
    await expect(page.getByTestId('memberships')).toHaveText(`Staff at ${SCHOOL}`);
    // The rule is there before typing.
    const current = page.getByLabel('Current password');
    const newPassword = page.getByLabel('New password', { exact: true });
    const again = page.getByLabel('New password, again');
    const change = page.getByRole('button', { name: 'Change password' });
    await expect(newPassword).toHaveAccessibleDescription(/At least 12 characters/);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), '/account').toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('account.png'), fullPage: true });

    // A wrong current password: a field error, nothing changed.
    await current.fill('not the password at all');
    await newPassword.fill(password);
    await again.fill(password);
    await change.click();
    await expect(page.locator('#change-currentPassword-error')).toHaveText('This is not your current password.');
    await expect(current).toBeFocused();
    await expect(current).toHaveValue('');
    expect(await seriousViolations(page), '/account with a wrong current password').toEqual([]);

    // The right one: changed; this browser stays signed in, the other sessions are signed out.
    await current.fill(DEMO_PASSWORD);
    passwordChanged = true;
    await change.click();
    const done = page.getByTestId('password-done');
    await expect(done).toContainText('Password changed.');
    await expect(done).toContainText('every other session of your account');
    await expect(done).toBeFocused();
    await expect(newPassword).toHaveValue('');
    expect((await page.request.get('/api/auth/me')).status()).toBe(200);

    // The other browser's session has ended: its next page leads it to sign in, saying so, and back.
    await mainNavigation(elsewhere).getByRole('link', { name: 'Mobilities' }).click();
    await expect(elsewhere).toHaveURL(/\/sign-in\?returnTo=%2Fmobilities$/);
    await expect(elsewhere.getByTestId('session-ended')).toContainText('Your session has ended: sign in again.');
    expect(await seriousViolations(elsewhere), '/sign-in after the session ended').toEqual([]);
    // The old password no longer works; the new one does, back to the page.
    await elsewhere.getByLabel('E-mail address').fill(STAFF);
    await elsewhere.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await elsewhere.getByRole('button', { name: 'Sign in' }).click();
    await expect(elsewhere.getByTestId('sign-in-problem')).toContainText('You are not signed in.');
    await elsewhere.getByLabel('Password', { exact: true }).fill(password);
    await elsewhere.getByRole('button', { name: 'Sign in' }).click();
    await expect(elsewhere).toHaveURL(/\/mobilities$/);
    await expect(elsewhere.getByTestId('signed-in-as')).toHaveText('Signed in as Jonas Becker');
    await other.close();

    // The demo password back, the same way.
    await current.fill(password);
    await newPassword.fill(DEMO_PASSWORD);
    await again.fill(DEMO_PASSWORD);
    await change.click();
    await expect(current).toHaveValue('');
    await expect(done).toBeVisible();
    await expect(page.locator('#change-currentPassword-error')).toHaveCount(0);
    await signIn(request, STAFF);
    passwordChanged = false;

    // Sign out everywhere, after a confirmation: every session ends, this one too.
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page.getByRole('group', { name: /Sign out on every device, this one included\?/ })).toBeFocused();
    await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByText('You are signed out everywhere, on every device.')).toBeVisible();
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    expect((await request.get('/api/auth/me')).status()).toBe(401);
  });
});
