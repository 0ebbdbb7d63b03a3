import { expect, test } from '@playwright/test';
import { COORDINATOR, signIn } from './support/accounts';
import { ARRIVAL_TIMEOUT, seriousViolations } from './support/pages';

interface OutboxMessage {
  id: string;
  kind: string;
  status: string;
  subject: string;
  recipientEmail: string;
  mobilityId: string | null;
  smtpMessageId: string | null;
}

interface CaughtMail {
  id: string;
  subject: string;
  messageId: string | null;
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
}

test.describe('e-mail on the demo data: Mailbox, Outbox, mute link', () => {
  // The demo school's coordinator, signed in in the page and `page.request`: the Outbox and the
  // mobility files are hers. The mute links' API needs no account, nor does the Mailbox's here (the
  // public demo Mailbox on loopback, as `npm start` runs it): the `request` fixture (signed in as nobody) reads them.
  test.beforeEach(async ({ page }) => {
    await signIn(page, COORDINATOR);
  });

  test('reminders arrive in the Mailbox; one opens with its subject, HTML body, text and headers', async ({
    page,
    request,
  }) => {
    await page.goto('/mailbox');
    await expect(page.getByRole('heading', { level: 1, name: 'Mailbox' })).toBeVisible();

    // Wait (the page polls) until the sweep's first reminders have been caught.
    const messages = page.getByTestId('mail-list').getByRole('link');
    await expect.poll(() => messages.count(), { timeout: ARRIVAL_TIMEOUT }).toBeGreaterThan(0);

    const first = messages.first();
    const subject = ((await first.locator('.mail-subject').textContent()) ?? '').trim();
    expect(subject).not.toBe('');
    await first.click();
    await expect(page).toHaveURL(/\/mailbox\?message=[0-9a-f-]{36}$/);
    const id = new URL(page.url()).searchParams.get('message') ?? '';
    await expect(first).toHaveAttribute('aria-current', 'true');

    // What the page shows is what the catcher holds.
    const mail = (await (await request.get(`/api/mailbox/${id}`)).json()) as CaughtMail;
    expect(mail.subject).toBe(subject);
    const message = page.getByTestId('message');
    await expect(message.getByRole('heading', { level: 2 })).toHaveText(subject);
    await expect(message.getByRole('tab', { name: 'HTML' })).toHaveAttribute('aria-selected', 'true');

    // The HTML body, in a sandboxed frame (no scripts) — its first line of text is there.
    const frame = message.locator('iframe');
    await expect(frame).toHaveAttribute('sandbox', '');
    const greeting = (mail.text ?? '').split('\n')[0].trim();
    expect(greeting).not.toBe('');
    await expect(page.frameLocator('[data-testid="message"] iframe').locator('body')).toContainText(greeting);

    await message.getByRole('tab', { name: 'Plain text' }).click();
    await expect(message.getByRole('tabpanel')).toContainText(greeting);
    await message.getByRole('tab', { name: 'Headers' }).click();
    await expect(message.getByRole('tabpanel')).toContainText('message-id');

    // Back to the HTML view for the accessibility check. The e-mail's own markup inside the frame is
    // the template's business, not the page's: it is left out here.
    await message.getByRole('tab', { name: 'HTML' }).click();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page, ['[data-testid="message"] iframe']), '/mailbox').toEqual([]);
  });

  test('the search narrows the Mailbox to one recipient', async ({ page, request }) => {
    let recipient = '';
    await expect
      .poll(
        async () => {
          const caught = await (await request.get('/api/mailbox?pageSize=1')).json();
          recipient = caught.items[0]?.to[0] ?? '';
          return recipient;
        },
        { timeout: ARRIVAL_TIMEOUT },
      )
      .not.toBe('');
    await page.goto('/mailbox');
    await page.getByLabel('Search subject or recipient').fill(recipient);
    // The search applies after a pause in typing: wait until every message listed is to that recipient.
    const recipients = page.getByTestId('mail-list').locator('.mail-to');
    await expect
      .poll(async () => {
        const shown = await recipients.allTextContents();
        return shown.length > 0 && shown.every((to) => to.includes(recipient));
      })
      .toBe(true);
  });

  test('a suggestion’s “Stop e-mails like this one” link changes nothing until the button, and undoes', async ({
    page,
    request,
    context,
  }) => {
    // A suggestion (a mutable kind) that went out, and the message the catcher made of it.
    let advice: OutboxMessage | undefined;
    await expect
      .poll(
        async () => {
          const sent = (await (await page.request.get('/api/outbox?status=sent&pageSize=100')).json())
            .items as OutboxMessage[];
          advice = sent.find((m) => m.kind === 'task-advice');
          return advice?.id;
        },
        { timeout: ARRIVAL_TIMEOUT },
      )
      .toBeTruthy();
    const caught = (
      await (await request.get(`/api/mailbox?pageSize=100&q=${encodeURIComponent(advice?.subject ?? '')}`)).json()
    ).items as { id: string }[];
    const mails = await Promise.all(
      caught.map(async (c) => (await (await request.get(`/api/mailbox/${c.id}`)).json()) as CaughtMail),
    );
    const mail = mails.find((m) => m.messageId === advice?.smtpMessageId);
    expect(mail, 'the caught copy of the outbox message').toBeDefined();
    const token = /\/mute\/([^>\s]+)/.exec(mail?.headers['list-unsubscribe'] ?? '')?.[1] ?? '';
    expect(token).not.toBe('');
    const before = await (await request.get(`/api/mutes/${token}`)).json();
    expect(before.muted).toBe(false);

    // From the Mailbox, the message's mute link (worded in the recipient's language) opens the mute page in a new tab.
    await page.goto(`/mailbox?message=${mail?.id}`);
    const popup = context.waitForEvent('page');
    await page.getByTestId('message').locator(`.mail-links a[href$="/mute/${token}"]`).click();
    const mutePage = await popup;
    await expect(mutePage.getByRole('heading', { level: 1, name: 'Stop e-mails like this one' })).toBeVisible();
    await expect(mutePage.getByTestId('mute-kind')).toHaveText('suggestions for optional checklist tasks');
    await expect(mutePage.getByTestId('mute-state')).toHaveText('These e-mails are sent to this address.');
    await expect(mutePage.getByTestId('mute-recipient')).toContainText('•');
    // Opening the link muted nothing.
    expect((await (await request.get(`/api/mutes/${token}`)).json()).muted).toBe(false);
    await mutePage.waitForLoadState('networkidle');
    expect(await seriousViolations(mutePage), '/mute/:token').toEqual([]);

    await mutePage.getByRole('button', { name: 'Stop these e-mails' }).click();
    await expect(mutePage.getByTestId('mute-state')).toHaveText(
      'Muted: these e-mails are no longer sent to this address.',
    );
    expect((await (await request.get(`/api/mutes/${token}`)).json()).muted).toBe(true);

    // Undo, so that the other tests see the demo data as it was.
    await mutePage.getByRole('button', { name: 'Receive these e-mails again' }).click();
    await expect(mutePage.getByTestId('mute-state')).toHaveText('These e-mails are sent to this address.');
    expect((await (await request.get(`/api/mutes/${token}`)).json()).muted).toBe(false);
    await mutePage.close();

    await page.goto('/mute/not-a-real-token');
    await expect(page.getByTestId('mute-problem')).toContainText('This link is not valid.');
  });

  test('the Outbox lists the sent reminders, filters them, and leads to the mobility’s reminders', async ({ page }) => {
    const request = page.request;
    let sent: OutboxMessage[] = [];
    await expect
      .poll(
        async () => {
          sent = (await (await request.get('/api/outbox?status=sent&pageSize=100')).json()).items as OutboxMessage[];
          return sent.length;
        },
        { timeout: ARRIVAL_TIMEOUT },
      )
      .toBeGreaterThan(0);

    await page.goto('/outbox');
    await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
    await page.getByLabel('Status').selectOption('sent');
    const rows = page.getByTestId('outbox-table').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    await expect(page.getByTestId('outbox-table').locator('tbody tr:not([data-status="sent"])')).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), '/outbox').toEqual([]);

    // A task reminder or suggestion: those are the mobility's reminders.
    const withMobility = sent.find(
      (m) => m.mobilityId && (m.kind === 'task-reminder' || m.kind === 'task-advice'),
    ) as OutboxMessage;
    expect(withMobility).toBeDefined();
    await page.getByLabel("Recipient's e-mail address").fill(withMobility.recipientEmail);
    await expect
      .poll(async () => {
        const shown = await rows.allTextContents();
        return shown.length > 0 && shown.every((text) => text.includes(withMobility.recipientEmail));
      })
      .toBe(true);

    // The mobility file shows the reminders that went out for it.
    await page.goto(`/outbox?mobility=${withMobility.mobilityId}`);
    await expect(page.getByTestId('outbox-scope')).toBeVisible();
    await page.getByTestId('outbox-scope').getByRole('link', { name: 'one mobility' }).click();
    await expect(page).toHaveURL(new RegExp(`/mobilities/${withMobility.mobilityId}$`));
    await expect(page.getByRole('heading', { level: 2, name: 'Reminders' })).toBeVisible();
    await expect(page.getByTestId('sent-reminders')).toBeVisible();
    await expect(page.getByTestId('sent-reminders').locator('tbody tr').first()).toContainText(
      /Sent|Pending|Queued|Failed|Cancelled|Not sent/,
    );
  });
});
