import { expect, test } from '@playwright/test';
import { COORDINATOR, organisationOf, signIn } from './support/accounts';

const MOBILITIES = 2000;

/**
 * The board stays usable with 2,000 mobilities in one project: the column shows the full count,
 * renders only the cards in view (virtual scrolling) and reaches the last one by scrolling. The demo
 * school's coordinator opens the project (a coordinator opens projects of their own school only) and
 * registers the host.
 */
test.describe('a project with 2,000 mobilities', () => {
  test.describe.configure({ timeout: 240_000 });
  let projectId: string;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(240_000);
    const school = organisationOf(await signIn(request, COORDINATOR), 'coordinator');
    const org = async (body: Record<string, string>) => {
      const res = await request.post('/api/organisations', { data: body });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()).id as string;
    };
    const host = await org({ name: 'Scale Test Host', kind: 'company', country: 'PT', city: 'Porto' });
    const project = await request.post('/api/projects', {
      data: {
        reference: '2027-1-DE02-KA121-VET-000888001',
        title: 'Scale test',
        action: 'KA121-VET',
        callYear: 2027,
        beneficiaryOrganisationId: school,
        startDate: '2027-06-01',
        endDate: '2028-08-31',
      },
    });
    expect(project.status()).toBe(201);
    projectId = (await project.json()).id;
    const create = async (i: number) => {
      const last = i === MOBILITIES - 1;
      const day = String(1 + (i % 28)).padStart(2, '0');
      const res = await request.post(`/api/projects/${projectId}/mobilities`, {
        data: {
          participant: {
            firstName: last ? 'Zoe' : `Learner${i}`,
            lastName: last ? 'Last' : 'Scale',
            email: `scale${i}@example.org`,
            dateOfBirth: '2000-01-01',
          },
          activityType: 'LM-SHORT-VET',
          sendingOrganisationId: school,
          hostOrganisationId: host,
          // The last learner starts last, so she is the last card of the column.
          startDate: last ? '2028-03-01' : `2027-09-${day}`,
          endDate: last ? '2028-03-28' : `2027-10-${day}`,
        },
      });
      expect(res.status()).toBe(201);
    };
    for (let i = 0; i < MOBILITIES; i += 8) {
      await Promise.all(Array.from({ length: Math.min(8, MOBILITIES - i) }, (_, k) => create(i + k)));
    }
  });

  test('the board shows the count, renders a window of cards and scrolls to the last one', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await page.goto(`/projects/${projectId}`);
    const column = page.getByRole('region', { name: /Application/ });
    await expect(column.getByTestId('column-count')).toHaveText(MOBILITIES.toLocaleString('en'));
    const cards = column.getByTestId('mobility-card');
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeLessThan(60);

    const viewport = column.locator('cdk-virtual-scroll-viewport');
    await expect
      .poll(
        async () => {
          await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
          return column.getByRole('link', { name: 'Zoe Last' }).isVisible();
        },
        { timeout: 60_000, intervals: [500] },
      )
      .toBe(true);
    expect(await cards.count()).toBeLessThan(60);
  });
});
