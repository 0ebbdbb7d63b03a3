import { expect, test } from '@playwright/test';
import { COORDINATOR, signIn } from './support/accounts';
import { ARRIVAL_TIMEOUT, seriousViolations } from './support/pages';

interface CaughtMail {
  id: string;
  subject: string;
  to: string[];
  text: string | null;
}

interface MailLogEntry {
  kind: string;
  recipientEmail: string;
  subject: string;
}

const REMINDER_KINDS = ['task-reminder', 'task-advice', 'reminder-digest'];
/** The app sweeps reminders every 5 s in the browser tests (playwright.config.ts). */
const TWO_SWEEPS_MS = 11_000;
const SCHOOL_CONTACT = 'erasmus@bk-rhein-ruhr.example';

test.describe('mail people want to read', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, COORDINATOR);
  });

  test('a fresh mobility has no overdue tasks and sends nothing at once: its late-dated tasks are "to catch up"', async ({
    page,
  }) => {
    // Two sweeps of waiting and an accessibility check of a long file.
    test.setTimeout(150_000);
    const projects = (await (await page.request.get('/api/projects?pageSize=100')).json()).items as {
      id: string;
      title: string;
      beneficiaryOrganisation: { id: string };
    }[];
    const project = projects.find((p) => p.title.startsWith('Apprentices abroad: metal'))!;
    const start = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 117 * 86_400_000).toISOString().slice(0, 10);
    const email = `jonas.neu.${Date.now()}@students.bk-rhein-ruhr.example`;
    const created = await page.request.post(`/api/projects/${project.id}/mobilities`, {
      data: {
        participant: { firstName: 'Jonas', lastName: 'Neumann', email, dateOfBirth: '2004-05-06' },
        activityType: 'LM-SHORT-VET',
        sendingOrganisationId: project.beneficiaryOrganisation.id,
        startDate: start,
        endDate: end,
      },
    });
    expect(created.status()).toBe(201);
    const mobility = (await created.json()) as { id: string; overdueTasks: number };
    expect(mobility.overdueTasks).toBe(0);

    await page.goto(`/mobilities/${mobility.id}`);
    const checklist = page.getByRole('region', { name: /checklist/i });
    await expect(page.getByTestId('catch-up-note')).toContainText('not late');
    await expect(page.getByText('To catch up', { exact: true }).first()).toBeVisible();
    await expect(checklist.getByText('Overdue', { exact: true })).toHaveCount(0);
    await expect(checklist.getByText(/\d+ overdue/)).toHaveCount(0);

    // Two sweeps later: no reminder to anyone about this file, in its mail log or in the Mailbox.
    await page.waitForTimeout(TWO_SWEEPS_MS);
    const log = (await (await page.request.get(`/api/mobilities/${mobility.id}/mail`)).json()) as MailLogEntry[];
    expect(log.filter((m) => REMINDER_KINDS.includes(m.kind))).toEqual([]);
    const toLearner = (await (await page.request.get(`/api/mailbox?q=${encodeURIComponent(email)}`)).json()).items;
    expect(toLearner).toEqual([]);
    await page.reload();
    await page.getByRole('tab', { name: 'E-mails' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('No e-mail yet');
    expect(await seriousViolations(page), `/mobilities/${mobility.id}`).toEqual([]);
  });

  test('one reminder mail per person: the school gets one mail listing more than ten due tasks, grouped by mobility, in German', async ({
    page,
  }) => {
    // The demo's first sweep: the school's contact is responsible for many tasks due across its files.
    let toSchool: CaughtMail[] = [];
    await expect
      .poll(
        async () => {
          const items = (await (await page.request.get(`/api/mailbox?q=${SCHOOL_CONTACT}&pageSize=100`)).json())
            .items as CaughtMail[];
          toSchool = items.filter((m) => /Checklisten-Aufgaben|Fällig|Überfällig|Nachzuholen/.test(m.subject));
          return toSchool.length;
        },
        { timeout: ARRIVAL_TIMEOUT },
      )
      .toBeGreaterThan(0);
    // Give the sweep time to write anything else it would (a flood would show now).
    await page.waitForTimeout(TWO_SWEEPS_MS);
    const items = (await (await page.request.get(`/api/mailbox?q=${SCHOOL_CONTACT}&pageSize=100`)).json())
      .items as CaughtMail[];
    const reminders = items.filter((m) => /Checklisten-Aufgaben|Fällig|Überfällig|Nachzuholen/.test(m.subject));
    expect(reminders).toHaveLength(1);
    const [digest] = reminders;
    const count = Number(/^(\d+) Checklisten-Aufgaben/.exec(digest.subject)?.[1]);
    expect(count).toBeGreaterThan(10);

    await page.goto(`/mailbox?message=${digest.id}`);
    const message = page.getByTestId('message');
    await expect(message.getByRole('heading', { level: 2 })).toHaveText(digest.subject);
    await message.getByRole('tab', { name: 'Plain text' }).click();
    const text = message.getByRole('tabpanel');
    await expect(text).toContainText('Guten Tag');
    await expect(text).toContainText('nach Mobilität geordnet');
    await expect(text).toContainText('Ihr Erasmus+-Team von Berufskolleg Rhein-Ruhr');
    // One language: German task titles, not the English ones.
    await expect(text).not.toContainText('Participant report');
    await expect(text).not.toContainText('overdue');
  });
});
