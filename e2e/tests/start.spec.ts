import { expect, test } from '@playwright/test';
import { COORDINATOR, signIn } from './support/accounts';

test.describe('npm start on a fresh machine', () => {
  test('serves health, the API docs and the demo data from the embedded database', async ({ request }) => {
    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });

    const docs = await request.get('/api/docs');
    expect(docs.status()).toBe(200);
    expect(docs.headers()['content-type']).toContain('text/html');
    const openapi = await (await request.get('/api/docs/openapi.json')).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/mobilities/{id}/events', '/api/tasks/{id}']),
    );

    // The data is for the people it belongs to: signed out, the API does not answer; the demo
    // school's coordinator sees her school's project and partners.
    expect((await request.get('/api/projects?pageSize=100')).status()).toBe(401);
    await signIn(request, COORDINATOR);
    const projects = await (await request.get('/api/projects?pageSize=100')).json();
    // Other browser tests may add projects; the demo project is the school's KA122 one.
    const project = projects.items.find((p: { title: string }) => p.title.startsWith('Apprentices abroad: metal'));
    expect(project).toBeDefined();
    expect(project.action).toBe('KA122-VET');
    expect(project.beneficiaryOrganisation.country).toBe('DE');
    expect(project.mobilityTotal).toBeGreaterThanOrEqual(12);
    for (const phase of [
      'application',
      'preparation',
      'implementation',
      'evaluation',
      'finalisation',
      'completed',
      'withdrawn',
    ]) {
      expect(project.mobilityCounts[phase], phase).toBeGreaterThan(0);
    }
    expect(project.overdueMobilities).toBeGreaterThan(0);

    const hosts = await (await request.get('/api/organisations?kind=company&pageSize=50')).json();
    expect(hosts.items.map((o: { country: string }) => o.country)).toEqual(
      expect.arrayContaining(['ES', 'IT', 'NL', 'IE']),
    );
  });

  test('shows the dashboard shell with the API up', async ({ page }, testInfo) => {
    await signIn(page, COORDINATOR);
    await page.goto('/');
    await expect(page.getByRole('banner')).toContainText('Mobility Hub');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Projects', 'Mobilities', 'Organisations']) {
      await expect(nav.getByRole('link', { name })).toBeVisible();
    }
    await expect(page.getByText('API: up')).toBeVisible();
    await nav.getByRole('link', { name: 'Organisations' }).click();
    await expect(page).toHaveURL(/\/organisations$/);
    await page.screenshot({ path: testInfo.outputPath('shell.png'), fullPage: true });
  });
});
