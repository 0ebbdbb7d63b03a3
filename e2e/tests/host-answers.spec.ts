import { APIRequestContext, expect, test } from '@playwright/test';
import { COORDINATOR, organisationOf, signIn } from './support/accounts';
import { ARRIVAL_TIMEOUT, linkInMail, seriousViolations } from './support/pages';

/**
 * A project of the demo school, a German sending school and a host company with a contact address,
 * and one learner's mobility with that host, created by the demo coordinator (so it is theirs).
 */
async function seedMobility(request: APIRequestContext, beneficiaryId: string, run: string) {
  const organisation = async (body: Record<string, string>) => {
    const res = await request.post('/api/organisations', { data: body });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; name: string };
  };
  const school = await organisation({
    name: `Answer Vocational College ${run}`,
    kind: 'vet-provider',
    country: 'DE',
    city: 'Essen',
  });
  const hostEmail = `practicas-${run}@talleres-answer.example`;
  const host = await organisation({
    name: `Talleres Answer ${run}`,
    kind: 'company',
    country: 'ES',
    city: 'Valladolid',
    email: hostEmail,
  });
  const project = await request.post('/api/projects', {
    data: {
      reference: `2027-1-DE02-KA121-VET-${run.slice(-9).padStart(9, '0')}`,
      title: `Host answers ${run}`,
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
        firstName: 'Paula',
        lastName: `Answer${run.slice(-4)}`,
        email: `paula.answer-${run}@example.org`,
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
  const body = await mobility.json();
  return {
    mobilityId: body.id as string,
    learner: `${body.participant.firstName} ${body.participant.lastName}`,
    projectId,
    school,
    host,
    hostEmail,
  };
}

test('a host declines from the e-mailed link: the board, the file and the home page show it, and the coordinator gets a mail', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  // A walk through six pages as two people, with an accessibility check on four of them.
  test.setTimeout(180_000);
  const me = await signIn(page, COORDINATOR);
  const run = String(Date.now());
  const { mobilityId, learner, projectId, host, hostEmail } = await seedMobility(
    page.request,
    organisationOf(me, 'coordinator'),
    run,
  );
  // The home page starts from what the coordinator has seen so far (other specs' answers stay out).
  expect(
    (await page.request.put('/api/host-answers/seen', { data: { upTo: new Date().toISOString() } })).status(),
  ).toBe(204);

  // The host opens the placement link from its e-mail in the demo Mailbox, signed in as nobody.
  const href = await linkInMail(page, hostEmail, new RegExp(learner), '/host/placement/');
  const hostContext = await browser.newContext({ baseURL });
  const hostPage = await hostContext.newPage();
  await hostPage.goto(href);
  await expect(hostPage.getByRole('heading', { level: 1, name: 'Erasmus+ placement request' })).toBeVisible();
  // Whom at the school to contact: the coordinator who created the mobility.
  await expect(hostPage.getByTestId('school-contact')).toContainText(COORDINATOR);
  await hostPage.getByRole('button', { name: 'We cannot host this learner' }).click();
  await hostPage.getByLabel('Reason').fill('No mentor free in May');
  await hostPage.getByRole('button', { name: 'Yes, we cannot host' }).click();
  await expect(hostPage.getByTestId('host-result')).toContainText(COORDINATOR);

  // The host asks again with the used link: no "Nothing to answer", no new link, whom to contact.
  await hostPage.goto(href);
  await expect(hostPage.getByTestId('declined-explained')).toContainText('Your organisation declined this placement');
  await expect(hostPage.getByTestId('declined-explained')).toContainText(COORDINATOR);
  await expect(hostPage.getByRole('button', { name: 'Send me a new link' })).toHaveCount(0);
  await expect(hostPage.getByText('Nothing to answer')).toHaveCount(0);
  expect(await seriousViolations(hostPage), 'the host page after a decline').toEqual([]);
  await hostPage.screenshot({ path: testInfo.outputPath('host-declined.png'), fullPage: true });
  await hostContext.close();

  // The board card says who declined, instead of "No host organisation yet".
  await page.goto(`/projects/${projectId}`);
  const card = page.getByTestId('mobility-card').filter({ hasText: learner });
  await expect(card.getByTestId('host-declined')).toContainText(`Host declined on `);
  await expect(card.getByTestId('host-declined')).toContainText(`${host.name}. Choose another host.`);

  // The top of the file: who, when, why, and the next step.
  await page.goto(`/mobilities/${mobilityId}`);
  const notice = page.getByTestId('host-answer-notice');
  await expect(notice.getByRole('heading', { name: new RegExp(`^Declined by ${host.name} on `) })).toBeVisible();
  await expect(notice).toContainText('Reason: “No mentor free in May”');
  await expect(notice).toContainText('Next step: choose another host');
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), '/mobilities/:id with a decline').toEqual([]);
  await notice.getByRole('button', { name: 'Choose another host' }).click();
  await expect(page.getByRole('combobox', { name: 'Host organisation' })).toBeFocused();

  // The mail to the coordinator (the German school's language), read from the demo Mailbox's API.
  let mail: { subject: string; text: string | null } | undefined;
  await expect
    .poll(
      async () => {
        const list = await (
          await page.request.get(`/api/mailbox?pageSize=20&q=${encodeURIComponent(`Abgesagt von ${host.name}`)}`)
        ).json();
        const found = (list.items as { id: string; to: string[] }[]).find((m) =>
          JSON.stringify(m).includes(COORDINATOR),
        );
        if (found) mail = await (await page.request.get(`/api/mailbox/${found.id}`)).json();
        return !!found;
      },
      { timeout: ARRIVAL_TIMEOUT },
    )
    .toBe(true);
  expect(mail?.subject).toBe(`Abgesagt von ${host.name}: ${learner}, 3. Mai 2027 – 28. Mai 2027`);
  expect(mail?.text).toContain('Angegebener Grund: „No mentor free in May“');
  expect(mail?.text).toContain(`/mobilities/${mobilityId}`);

  // The home page: answers since the last visit, until marked as seen (kept on the server).
  await page.goto('/projects');
  const recent = page.getByTestId('recent-host-answers');
  await expect(recent.getByRole('heading', { name: 'Host answers since your last visit' })).toBeVisible();
  const item = recent.getByTestId('recent-host-answer').filter({ hasText: learner });
  await expect(item).toContainText(`Declined by ${host.name} on`);
  await expect(item).toContainText('Next step: choose another host');
  expect(await seriousViolations(page), '/projects with host answers').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('home-answers.png'), fullPage: true });
  await recent.getByRole('button', { name: 'Mark as seen' }).click();
  await expect(page.getByTestId('recent-host-answers')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(page.getByTestId('recent-host-answers')).toHaveCount(0);
});
