import { APIRequestContext, expect, test } from '@playwright/test';
import { COORDINATOR, organisationOf, signIn } from './support/accounts';
import { ARRIVAL_TIMEOUT, seriousViolations } from './support/pages';

/**
 * A sending school, a host company with a contact address, a project and one learner's mobility with
 * that host, set up by the signed-in coordinator of the demo school: the project is the demo school's
 * (its beneficiary), the new school and host are partners it registers.
 */
async function seedMobility(request: APIRequestContext, beneficiaryId: string, run: string) {
  const organisation = async (body: Record<string, string>) => {
    const res = await request.post('/api/organisations', { data: body });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; name: string };
  };
  const school = await organisation({
    name: `Host Link Vocational College ${run}`,
    kind: 'vet-provider',
    country: 'DE',
    city: 'Essen',
  });
  const hostEmail = `placements-${run}@taller-hostlink.example`;
  const host = await organisation({
    name: `Taller Hostlink ${run}`,
    kind: 'company',
    country: 'ES',
    city: 'Sevilla',
    email: hostEmail,
  });
  const project = await request.post('/api/projects', {
    data: {
      reference: `2027-1-DE02-KA121-VET-${run.slice(-9).padStart(9, '0')}`,
      title: `Host link test ${run}`,
      action: 'KA121-VET',
      callYear: 2027,
      beneficiaryOrganisationId: beneficiaryId,
      startDate: '2027-04-01',
      endDate: '2028-08-31',
    },
  });
  expect(project.status(), await project.text()).toBe(201);
  const projectId = (await project.json()).id as string;
  const mobility = await request.post(`/api/projects/${projectId}/mobilities`, {
    data: {
      participant: {
        firstName: 'Ines',
        lastName: 'Hostlink',
        email: `ines.hostlink-${run}@example.org`,
        dateOfBirth: '2000-01-01',
      },
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: school.id,
      hostOrganisationId: host.id,
      startDate: '2027-05-03',
      endDate: '2027-05-28',
    },
  });
  expect(mobility.status(), await mobility.text()).toBe(201);
  return { mobilityId: (await mobility.json()).id as string, school, host, hostEmail };
}

test('a host confirms a placement from the link in the e-mail caught by the Mailbox, and the coordinator sees it confirmed', async ({
  page,
  context,
  browser,
  baseURL,
}, testInfo) => {
  // The coordinator, signed in in the page (and `page.request`), sets up the mobility and reads the
  // Mailbox; the host needs no account: the link in its e-mail is enough.
  const request = page.request;
  const me = await signIn(page, COORDINATOR);
  const run = String(Date.now());
  const { mobilityId, school, host, hostEmail } = await seedMobility(request, organisationOf(me, 'coordinator'), run);

  // The placement request for that host arrives in the Mailbox (the page polls). The search applies
  // after a pause in typing, and the e-mail may still be on its way: wait, as long as an e-mail may
  // take, until the list is the search's (every message listed is to that host) and holds it.
  await page.goto('/mailbox');
  await page.getByLabel('Search subject or recipient').fill(hostEmail);
  const messages = page.getByTestId('mail-list').getByRole('link');
  const recipients = page.getByTestId('mail-list').locator('.mail-to');
  await expect
    .poll(
      async () => {
        const shown = await recipients.allTextContents();
        return shown.length > 0 && shown.every((to) => to.includes(hostEmail));
      },
      { timeout: ARRIVAL_TIMEOUT },
    )
    .toBe(true);
  await expect(messages).toHaveCount(1);
  await expect(messages.first()).toContainText(hostEmail);
  await expect(messages.first().locator('.mail-subject')).toContainText('Ines Hostlink');
  await messages.first().click();

  // The message lists its links under the preview: the host's one opens the host page in a new tab.
  const link = page.getByTestId('message').locator('.mail-links a[href*="/host/placement/"]');
  await expect(link).toHaveCount(1);
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/\/host\/placement\/[^/?#]+$/);
  const popup = context.waitForEvent('page');
  await link.click();
  const tab = await popup;
  await expect(tab).toHaveURL(href);
  await expect(tab.getByRole('heading', { level: 1, name: 'Erasmus+ placement request' })).toBeVisible();
  await tab.close();

  // The host is not the coordinator and has no account: the page works in a browser signed in as nobody.
  const hostContext = await browser.newContext({ baseURL });
  const hostPage = await hostContext.newPage();
  await hostPage.goto(href);
  expect((await hostPage.request.get('/api/auth/me')).status()).toBe(401);

  await expect(hostPage.getByRole('heading', { level: 1, name: 'Erasmus+ placement request' })).toBeVisible();
  await expect(hostPage.getByTestId('learner-name')).toHaveText('Ines Hostlink');
  await expect(hostPage.getByTestId('learner-email')).toHaveText(`ines.hostlink-${run}@example.org`);
  await expect(hostPage.getByTestId('school')).toHaveText(school.name);
  await expect(hostPage.getByTestId('host-organisation')).toHaveText(host.name);
  await expect(hostPage.getByTestId('dates')).toContainText('3 May 2027 – 28 May 2027 (26 days)');
  // Opening the link changed nothing.
  expect((await (await request.get(`/api/mobilities/${mobilityId}`)).json()).placementConfirmed).toBe(false);
  await hostPage.waitForLoadState('networkidle');
  expect(await seriousViolations(hostPage), '/host/placement/:token').toEqual([]);
  await hostPage.screenshot({ path: testInfo.outputPath('host-page.png'), fullPage: true });

  // Both fields are required: the page says so before anything is sent.
  await hostPage.getByRole('button', { name: 'Confirm the placement' }).click();
  await expect(hostPage.locator('#host-mentorName-error')).toHaveText('Enter the name of the mentor.');
  await expect(hostPage.getByLabel('Mentor’s name')).toBeFocused();

  await hostPage.getByLabel('Mentor’s name').fill('Carmen Ruiz');
  await hostPage.getByLabel('Mentor’s e-mail').fill(`carmen.ruiz-${run}@taller-hostlink.example`);
  await hostPage.getByRole('button', { name: 'Confirm the placement' }).click();
  const result = hostPage.getByTestId('host-result');
  await expect(result.getByRole('heading', { name: 'Thank you: the placement is confirmed' })).toBeFocused();
  await expect(result).toContainText(`${school.name} is informed`);
  await expect(result).toContainText('Carmen Ruiz, the mentor, will receive the host’s reminders');
  expect(await seriousViolations(hostPage), 'the host page after confirming').toEqual([]);
  await hostPage.screenshot({ path: testInfo.outputPath('host-page-confirmed.png'), fullPage: true });

  // The coordinator's mobility file shows the placement confirmed and the mentor.
  await page.goto(`/mobilities/${mobilityId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ines Hostlink' })).toBeVisible();
  await expect(page.getByText(`${host.name} (ES) · placement confirmed`)).toBeVisible();
  await expect(page.getByTestId('mentor')).toContainText(`Carmen Ruiz <carmen.ruiz-${run}@taller-hostlink.example>`);

  // The link works once: opened again, it says so, and there is nothing left to ask for.
  await hostPage.goto(href);
  const state = hostPage.getByTestId('link-state');
  await expect(state.getByRole('heading', { name: 'This link was already used' })).toBeVisible();
  await expect(state).toContainText('The placement is confirmed, with Carmen Ruiz as mentor');
  await expect(hostPage.getByRole('button', { name: 'Confirm the placement' })).toHaveCount(0);
  await hostPage.screenshot({ path: testInfo.outputPath('host-page-used.png'), fullPage: true });
  await hostContext.close();

  // A link copied incompletely is not valid, and the page says what to do.
  await page.goto(`/host/placement/${href.split('/').pop()?.slice(0, 10)}`);
  await expect(page.getByTestId('host-problem')).toContainText('This link is not valid.');
  await expect(page.getByTestId('host-problem')).toContainText('contact the school');
});
