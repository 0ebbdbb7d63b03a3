import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

/**
 * How long an e-mail may take to reach the Mailbox: the outbox relay, the mail worker and the
 * embedded SMTP catcher run in the app; on a busy machine this takes seconds, not minutes.
 */
export const ARRIVAL_TIMEOUT = 60_000;

/** Serious and critical accessibility violations on the page as it is now (`exclude`: selectors left out). */
export async function seriousViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0]?.target.join(' ')})`);
}

/** The coordinators' main navigation landmark. */
export function mainNavigation(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/**
 * Opens the newest caught e-mail to `address` whose subject matches and returns its link that
 * contains `path`. (The e-mail speaks the recipient's language: the demo school is German.)
 */
export async function linkInMail(page: Page, address: string, subject: RegExp, path: string): Promise<string> {
  await page.goto('/mailbox');
  await page.getByLabel('Search subject or recipient').fill(address);
  // The search applies after a pause in typing: the message is looked for by its recipient as well,
  // never another recipient's with the same subject shown before the list is filtered.
  const message = page
    .getByTestId('mail-list')
    .getByRole('link')
    .filter({ has: page.locator('.mail-subject', { hasText: subject }) })
    .filter({ has: page.locator('.mail-to', { hasText: address }) })
    .first();
  await expect(message).toBeVisible({ timeout: ARRIVAL_TIMEOUT });
  await expect(message).toContainText(address);
  await message.click();
  const link = page.getByTestId('message').locator(`.mail-links a[href*="${path}"]`);
  await expect(link).toHaveCount(1);
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(new RegExp(`${path}[A-Za-z0-9_-]+$`));
  return href;
}
