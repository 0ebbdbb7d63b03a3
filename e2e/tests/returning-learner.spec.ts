import { expect, test } from '@playwright/test';
import { COORDINATOR, signIn } from './support/accounts';

const EMMA = 'emma.wagner@students.bk-rhein-ruhr.example';

/** A calendar date `days` from today (UTC), as the form's date inputs take it. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('a coordinator sees a returning learner’s other mobility and adds another one for the same person', async ({
  page,
}) => {
  await signIn(page, COORDINATOR);
  // The demo's returning learner: one person of the school, two mobilities.
  const [emma] = (await (await page.request.get(`/api/persons?email=${EMMA}`)).json()).items;
  const person = await (await page.request.get(`/api/persons/${emma.id}`)).json();
  expect(person.participations).toHaveLength(2);
  const [current] = person.participations;

  await page.goto(`/mobilities/${current.mobilityId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Emma Wagner' })).toBeVisible();
  const others = page.getByTestId('other-mobilities');
  await expect(others.getByRole('heading', { name: 'Also went on 1 other mobility' })).toBeVisible();
  await expect(others).toContainText('Apprentices abroad: the first round');

  await page.goto(`/projects/${current.projectId}/mobilities/new`);
  await page.getByLabel('E-mail').fill(EMMA);
  const offer = page.getByTestId('person-offer');
  await expect(offer).toContainText('Emma Wagner');
  await expect(offer).toContainText('already went on 2 mobilities');
  await offer.getByRole('button', { name: 'Use this person' }).click();
  await expect(page.getByLabel('First name')).toHaveValue('Emma');
  await expect(page.getByLabel('Last name')).toHaveValue('Wagner');
  await expect(offer).toContainText('Using this person');

  await page.getByLabel('Activity type').selectOption('LM-SKILL-VET');
  await page.getByLabel('First day abroad').fill(inDays(200));
  await page.getByLabel('Last day abroad').fill(inDays(204));
  await page.getByRole('button', { name: 'Create mobility' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Emma Wagner' })).toBeVisible();
  await expect(page.getByTestId('other-mobilities').getByRole('heading')).toHaveText('Also went on 2 other mobilities');
  const after = await (await page.request.get(`/api/persons/${emma.id}`)).json();
  expect(after.participations).toHaveLength(3);
});
