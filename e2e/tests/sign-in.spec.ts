import { expect, test } from '@playwright/test';
import { COORDINATOR, LEARNER, restoreDemoPassword, STAFF } from './support/accounts';
import { linkInMail, mainNavigation, seriousViolations } from './support/pages';

// Every demo person's password is DEMO_PASSWORD (support/accounts.ts). The reset test changes the
// staff member's password (not the coordinator's, whom most specs sign in as) and gives him the demo
// password back afterwards, so every spec can sign in in any order. The Mailbox (the demo's mail
// catcher) is the public demo one here, as in `npm start` on loopback: these tests read it signed in as nobody.

test.describe('signing in', () => {
  // Whose password a test changed: it is the demo password again after the test, passed or not.
  let passwordChanged: string | null = null;
  test.afterEach(async ({ request }) => {
    if (passwordChanged) await restoreDemoPassword(request, passwordChanged);
    passwordChanged = null;
  });

  test('a wrong password is refused for the whole form; the page has no coordinator navigation', async ({
    page,
  }, testInfo) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Mobility Hub');
    await expect(page.getByRole('main')).toBeVisible();
    await expect(mainNavigation(page)).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Organisations' })).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), '/sign-in').toEqual([]);

    // Nothing typed: the fields say so, before anything is sent.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('#sign-in-email-error')).toHaveText('Enter your e-mail address.');
    await expect(page.getByLabel('E-mail address')).toBeFocused();

    await page.getByLabel('E-mail address').fill(COORDINATOR);
    await page.getByLabel('Password', { exact: true }).fill('certainly not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const problem = page.getByTestId('sign-in-problem');
    await expect(problem).toContainText('You are not signed in. The e-mail address or the password is not right.');
    await expect(problem).toBeFocused();
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(page).toHaveURL(/\/sign-in$/);
    expect(await seriousViolations(page), '/sign-in with the error').toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('sign-in-refused.png'), fullPage: true });
  });

  test('a staff member resets the password from the sign-in page, signs in with it and signs out', async ({
    page,
    request,
  }, testInfo) => {
    const password = `Rhein-Ruhr ${Date.now()} mobility`;

    // Signed out at first: a coordinator page leads to signing in, with the way back to the page —
    // straight to the sign-in page when the page needs an account, or through the banner's "Sign in".
    await page.goto('/mobilities');
    const signInLink = page.getByRole('banner').getByRole('link', { name: 'Sign in' });
    await expect(signInLink.or(page.getByRole('heading', { level: 1, name: 'Sign in' })).first()).toBeVisible();
    if (!new URL(page.url()).pathname.startsWith('/sign-in')) {
      await expect(mainNavigation(page)).toBeVisible();
      await expect(signInLink).toHaveAttribute('href', '/sign-in?returnTo=%2Fmobilities');
      await signInLink.click();
    }
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fmobilities$/);

    // Forgot the password: the address typed comes along to the request form.
    await page.getByLabel('E-mail address').fill(STAFF);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
    await expect(page.getByLabel('E-mail address')).toHaveValue(STAFF);
    await expect(mainNavigation(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    const sent = page.getByTestId('request-sent');
    await expect(sent).toContainText('If this address has an account, a link to reset the password is on its way.');
    await expect(sent).toBeFocused();
    expect(await seriousViolations(page), '/forgot-password').toEqual([]);

    // The e-mail, caught by the Mailbox, links to the reset page.
    const href = await linkInMail(
      page,
      STAFF,
      /Reset your Mobility Hub password|Mobility-Hub-Passwort zurücksetzen/,
      '/reset-password/',
    );

    await page.goto(href);
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    await expect(mainNavigation(page)).toHaveCount(0);
    // The rule is there before typing.
    await expect(page.getByRole('textbox', { name: 'New password', exact: true })).toHaveAccessibleDescription(
      /At least 12 characters/,
    );
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), '/reset-password/:token').toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('reset-password.png'), fullPage: true });

    // Too short, then different: the page says so before sending.
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill('short');
    await page.getByLabel('New password, again').fill('shorter');
    await page.getByRole('button', { name: 'Change the password' }).click();
    await expect(page.locator('#reset-password-error')).toHaveText('Use at least 12 characters.');
    await expect(page.locator('#reset-confirmation-error')).toHaveText('The two passwords are not the same.');
    expect(await seriousViolations(page), '/reset-password/:token with errors').toEqual([]);

    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(password);
    await page.getByLabel('New password, again').fill(password);
    passwordChanged = STAFF;
    await page.getByRole('button', { name: 'Change the password' }).click();
    const done = page.getByTestId('reset-done');
    await expect(done.getByRole('heading', { name: 'Password changed' })).toBeVisible();
    await expect(done).toBeFocused();
    expect(await seriousViolations(page), '/reset-password/:token done').toEqual([]);

    // The link works once.
    await page.goto(href);
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(`${password} again`);
    await page.getByLabel('New password, again').fill(`${password} again`);
    await page.getByRole('button', { name: 'Change the password' }).click();
    const used = page.getByTestId('link-problem');
    await expect(used.getByRole('heading', { name: 'This link was already used' })).toBeVisible();
    await expect(used.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');

    // Sign in with the new password.
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(STAFF);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Jonas Becker');
    await expect(mainNavigation(page)).toBeVisible();
    expect((await (await page.request.get('/api/auth/me')).json()).displayName).toBe('Jonas Becker');
    await page.screenshot({ path: testInfo.outputPath('signed-in.png'), fullPage: true });

    // A reload keeps the session (the shell asks /me at the start).
    await page.reload();
    await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Jonas Becker');

    // Sign out: to the sign-in page, saying so; the session has ended.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByText('You are signed out.')).toBeVisible();
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    // Back on a coordinator page, nobody is signed in: the page offers signing in (or is the sign-in page).
    await page.goto('/projects');
    await expect(
      page
        .getByRole('banner')
        .getByRole('link', { name: 'Sign in' })
        .or(page.getByRole('heading', { level: 1, name: 'Sign in' }))
        .first(),
    ).toBeVisible();
    await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

    // Not the API's client: a fresh request context (no cookie) is not signed in either.
    expect((await request.get('/api/auth/me')).status()).toBe(401);
  });

  test('a learner signs in with an e-mailed link — opening it is not enough, the button does it', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(LEARNER);
    await page.getByRole('link', { name: 'E-mail me a sign-in link' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'E-mail me a sign-in link' })).toBeVisible();
    await expect(page.getByLabel('E-mail address')).toHaveValue(LEARNER);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect(page.getByTestId('request-sent')).toContainText(
      'If this address belongs to a learner, a sign-in link is on its way.',
    );
    expect(await seriousViolations(page), '/sign-in/link').toEqual([]);

    const href = await linkInMail(
      page,
      LEARNER,
      /Your sign-in link for Mobility Hub|Anmeldelink für Mobility Hub/,
      '/sign-in/link/',
    );

    await page.goto(href);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in with your link' })).toBeVisible();
    await expect(mainNavigation(page)).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    // Opening the link signed nobody in.
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    expect(await seriousViolations(page), '/sign-in/link/:token').toEqual([]);

    await page.getByRole('button', { name: 'Sign in' }).click();
    // To the learner's home: where the app's start leads her.
    await expect(page).not.toHaveURL(/\/sign-in/);
    await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Lena Schmidt');
    const home = page.url();
    await page.goto('/');
    await expect(page).toHaveURL(home);
    await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Lena Schmidt');

    // The link works once.
    await page.goto(href);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const used = page.getByTestId('link-problem');
    await expect(used.getByRole('heading', { name: 'This link was already used' })).toBeVisible();
    await expect(used.getByRole('link', { name: 'E-mail me a new sign-in link' })).toBeVisible();

    // Sign out again, leaving the shared demo database as it was.
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});
