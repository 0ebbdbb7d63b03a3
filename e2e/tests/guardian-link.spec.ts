import { expect, test } from '@playwright/test';
import { COORDINATOR, organisationOf, signIn } from './support/accounts';
import { linkInMail, seriousViolations } from './support/pages';

/**
 * A minor's guardian consents through the link in their e-mail (caught by the Mailbox), on a phone,
 * without an account; the coordinator's file then shows the consent given, by whom and when.
 */
test('a guardian consents from the e-mailed link on a phone, and the coordinator sees the consent given', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const request = page.request;
  const me = await signIn(page, COORDINATOR);
  const run = String(Date.now());
  const organisation = async (body: Record<string, string>) => {
    const res = await request.post('/api/organisations', { data: body });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; name: string };
  };
  const school = await organisation({
    name: `Guardian Link College ${run}`,
    kind: 'vet-provider',
    country: 'DE',
    city: 'Essen',
    email: `erasmus-${run}@guardian-college.example`,
  });
  const host = await organisation({ name: `Hotel Guardian ${run}`, kind: 'company', country: 'IE', city: 'Cork' });
  const project = await request.post('/api/projects', {
    data: {
      reference: `2027-1-DE02-KA121-VET-${run.slice(-9).padStart(9, '0')}`,
      title: `Guardian link test ${run}`,
      action: 'KA121-VET',
      callYear: 2027,
      beneficiaryOrganisationId: organisationOf(me, 'coordinator'),
      startDate: '2027-01-01',
      endDate: '2028-08-31',
    },
  });
  expect(project.status(), await project.text()).toBe(201);
  const guardianEmail = `parent-${run}@family.example`;
  const created = await request.post(`/api/projects/${(await project.json()).id}/mobilities`, {
    data: {
      participant: {
        firstName: 'Jana',
        lastName: 'Guardianlink',
        email: `jana-${run}@example.org`,
        dateOfBirth: '2010-03-01',
      },
      guardian: { name: 'Petra Guardianlink', email: guardianEmail, phone: '+49 201 555 0100', relationship: 'parent' },
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: school.id,
      hostOrganisationId: host.id,
      startDate: '2027-05-03',
      endDate: '2027-05-28',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const mobility = await created.json();
  expect(mobility.participant).toMatchObject({ ageAtStart: 17, minor: true });

  // The consent request, in the school's language (German), to the guardian.
  const href = await linkInMail(page, guardianEmail, /Einwilligung/, '/guardian/');

  // The guardian: no account, a phone-sized screen.
  const guardianContext = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const phone = await guardianContext.newPage();
  await phone.goto(href);
  expect((await phone.request.get('/api/auth/me')).status()).toBe(401);
  await expect(phone.getByRole('heading', { level: 1, name: 'Consent to a stay abroad' })).toBeVisible();
  await expect(phone.getByTestId('participant-name')).toHaveText('Jana Guardianlink');
  await expect(phone.getByTestId('school')).toHaveText(school.name);
  await expect(phone.getByTestId('place')).toContainText(host.name);
  await expect(phone.getByTestId('dates')).toContainText('3 May 2027 – 28 May 2027');
  // Nothing scrolls sideways at 390 px.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Opening the link changed nothing.
  const before = await (await request.get(`/api/mobilities/${mobility.id}/guardian`)).json();
  expect(before.consent).toBe('pending');
  await phone.waitForLoadState('networkidle');
  expect(await seriousViolations(phone), '/guardian/:token').toEqual([]);
  await phone.screenshot({ path: testInfo.outputPath('guardian-page.png'), fullPage: true });

  // The name is required: it signs the answer.
  await phone.getByRole('button', { name: 'I consent to this stay' }).click();
  await expect(phone.locator('#guardian-name-error')).toHaveText('Type your full name.');
  await phone.getByLabel('Your full name').fill('Petra Guardianlink');
  await phone.getByRole('button', { name: 'I consent to this stay' }).click();
  const result = phone.getByTestId('guardian-result');
  await expect(result.getByRole('heading', { name: 'Thank you: your consent is recorded' })).toBeFocused();
  await phone.screenshot({ path: testInfo.outputPath('guardian-page-consented.png'), fullPage: true });

  // Used once: opened again, the link says so.
  await phone.goto(href);
  await expect(phone.getByTestId('link-state')).toContainText('Your consent is recorded');
  await expect(phone.getByRole('button', { name: 'I consent to this stay' })).toHaveCount(0);
  await guardianContext.close();

  // The coordinator's file: consent given, by whom, when, from where; the task is done.
  await page.goto(`/mobilities/${mobility.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Jana Guardianlink' })).toBeVisible();
  await expect(page.getByTestId('age-at-start')).toContainText('17');
  await expect(page.getByTestId('consent-status')).toHaveText('Given');
  await expect(page.getByTestId('consent-by')).toContainText(`Petra Guardianlink <${guardianEmail}>`);
  await expect(page.getByRole('button', { name: 'Re-send consent link' })).toHaveCount(0);
  const tasks = await (await request.get(`/api/mobilities/${mobility.id}/tasks`)).json();
  expect(tasks.find((t: { key: string }) => t.key === 'guardian-consent')).toMatchObject({
    status: 'done',
    statusChangedBy: `guardian:${guardianEmail}`,
  });
});
