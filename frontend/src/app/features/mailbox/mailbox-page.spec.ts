import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CaughtMailDto, CaughtMailSummaryDto } from '@mobility-hub/api-client';
import { POLL_INTERVAL_MS } from '@app/core/poll';
import { MailboxPage } from './mailbox-page';
import { detectAndSettle, provideHttpTesting } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const SUMMARY: CaughtMailSummaryDto = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  receivedAt: '2026-11-28T21:06:40.758Z',
  from: 'no-reply@mobility-hub.localhost',
  to: ['erasmus@bk-rhein-ruhr.example'],
  subject: 'Suggested for today: Return debrief (Leon Koch)',
};
const OLDER: CaughtMailSummaryDto = {
  ...SUMMARY,
  id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  to: ['leon.koch@students.example'],
  subject: 'Overdue since 13 Nov 2026: Participant report submitted (Leon Koch)',
};
const MESSAGE: CaughtMailDto = {
  ...SUMMARY,
  messageId: '<b7@mobility-hub.localhost>',
  html: '<!doctype html><html><head><title>t</title></head><body><p>Hello Berufskolleg Rhein-Ruhr,</p><script>parent.hacked = true</script><a href="http://127.0.0.1:3310/mute/abc.def">Stop e-mails like this one</a></body></html>',
  text: 'Hello Berufskolleg Rhein-Ruhr,\n\nStop e-mails like this one: http://127.0.0.1:3310/mute/abc.def',
  headers: {
    from: 'Mobility Hub <no-reply@mobility-hub.localhost>',
    subject: 'Suggested for today: Return debrief\r\n (Leon Koch)',
    'list-unsubscribe': '<http://127.0.0.1:3310/mute/abc.def>',
  },
};

describe('MailboxPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MailboxPage>;
  let el: HTMLElement;

  function setUp(pollMs = 1_000_000): void {
    TestBed.configureTestingModule({
      imports: [MailboxPage],
      providers: [provideRouter([]), provideHttpTesting(), { provide: POLL_INTERVAL_MS, useValue: pollMs }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MailboxPage);
    el = fixture.nativeElement as HTMLElement;
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const settle = (): Promise<void> => detectAndSettle(fixture);

  function expectList(): TestRequest {
    return http.expectOne((r) => r.method === 'GET' && r.url === '/api/mailbox');
  }

  function text(selector: string): string {
    return el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  it('lists the caught messages newest first with recipient, subject and time', async () => {
    setUp();
    await settle();
    expectList().flush({ items: [SUMMARY, OLDER], total: 2, page: 1, pageSize: 25, scope: 'all' });
    await settle();

    const links = Array.from(el.querySelectorAll<HTMLAnchorElement>('[data-testid="mail-list"] a'));
    expect(links).toHaveLength(2);
    expect(links[0].textContent).toContain('Suggested for today: Return debrief (Leon Koch)');
    expect(links[0].textContent).toContain('To erasmus@bk-rhein-ruhr.example');
    expect(links[0].querySelector('time')?.getAttribute('datetime')).toBe(SUMMARY.receivedAt);
    expect(links[0].getAttribute('href')).toBe(`/?message=${SUMMARY.id}`);
    expect(text('[data-testid="mailbox-count"]')).toBe('2 messages');
    expect(text('[data-testid="message"]')).toBe('Choose a message to read it.');
  });

  it('shows the open message: subject, from, to, date, HTML in a sandboxed frame, text and headers', async () => {
    setUp();
    fixture.componentRef.setInput('message', SUMMARY.id);
    await settle();
    expectList().flush({ items: [SUMMARY], total: 1, page: 1, pageSize: 25, scope: 'all' });
    http.expectOne(`/api/mailbox/${SUMMARY.id}`).flush(MESSAGE);
    await settle();

    expect(el.querySelector('[data-testid="mail-list"] a')?.getAttribute('aria-current')).toBe('true');
    const pane = el.querySelector('[data-testid="message"]') as HTMLElement;
    expect(pane.querySelector('h2')?.textContent).toContain('Suggested for today: Return debrief (Leon Koch)');
    expect(pane.textContent).toContain('Mobility Hub <no-reply@mobility-hub.localhost>');
    expect(pane.textContent).toContain('erasmus@bk-rhein-ruhr.example');

    const frame = pane.querySelector('iframe') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('title')).toBeTruthy();
    expect(frame.srcdoc).toContain('<head><base target="_blank"><title>');
    expect(frame.srcdoc).toContain('Hello Berufskolleg Rhein-Ruhr,');
    const links = Array.from(pane.querySelectorAll<HTMLAnchorElement>('.mail-links a'));
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['Stop e-mails like this one', 'http://127.0.0.1:3310/mute/abc.def'],
    ]);

    const tabs = Array.from(pane.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
    expect(tabs.map((t) => t.textContent?.trim())).toEqual(['HTML', 'Plain text', 'Headers']);
    expect(tabs[0].getAttribute('aria-selected')).toBe('true');

    tabs[1].click();
    await settle();
    expect(pane.querySelector('iframe')).toBeNull();
    expect(pane.querySelector('[role="tabpanel"] pre')?.textContent).toContain(
      'Stop e-mails like this one: http://127.0.0.1:3310/mute/abc.def',
    );

    // Arrow keys move along the tabs.
    tabs[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await settle();
    const rows = Array.from(pane.querySelectorAll('[role="tabpanel"] tr')).map((r) =>
      Array.from(r.children).map((c) => c.textContent?.trim()),
    );
    expect(rows).toContainEqual(['subject', 'Suggested for today: Return debrief (Leon Koch)']);
    expect(rows).toContainEqual(['list-unsubscribe', '<http://127.0.0.1:3310/mute/abc.def>']);
    expect(document.activeElement?.textContent?.trim()).toBe('Headers');
  });

  it('shows only text and headers for a message without HTML', async () => {
    setUp();
    fixture.componentRef.setInput('message', SUMMARY.id);
    await settle();
    expectList().flush({ items: [SUMMARY], total: 1, page: 1, pageSize: 25, scope: 'all' });
    http.expectOne(`/api/mailbox/${SUMMARY.id}`).flush({ ...MESSAGE, html: null });
    await settle();
    const tabs = Array.from(el.querySelectorAll('[role="tab"]')).map((t) => t.textContent?.trim());
    expect(tabs).toEqual(['Plain text', 'Headers']);
    expect(el.querySelector('iframe')).toBeNull();
    expect(el.querySelector('[role="tabpanel"] pre')?.textContent).toContain('Hello Berufskolleg');
  });

  it('searches subject and recipient after a pause in typing', async () => {
    setUp();
    await settle();
    expectList().flush({ items: [SUMMARY, OLDER], total: 2, page: 1, pageSize: 25, scope: 'all' });
    await settle();

    const input = el.querySelector<HTMLInputElement>('#mailbox-q') as HTMLInputElement;
    input.value = 'nobody';
    input.dispatchEvent(new Event('input'));
    await settle();
    http.expectNone((r) => r.url === '/api/mailbox');
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    const req = expectList();
    expect(req.request.params.get('q')).toBe('nobody');
    req.flush({ items: [], total: 0, page: 1, pageSize: 25, scope: 'all' });
    await settle();
    expect(el.querySelector('.empty')?.textContent).toContain('No message matches this search.');
  });

  it('loads more messages on request', async () => {
    setUp();
    await settle();
    expectList().flush({ items: [SUMMARY], total: 2, page: 1, pageSize: 25, scope: 'all' });
    await settle();
    expect(text('[data-testid="mailbox-count"]')).toBe('Showing 1 of 2 messages');

    const more = Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Load more messages');
    more?.click();
    await settle();
    const req = expectList();
    expect(req.request.params.get('page')).toBe('2');
    req.flush({ items: [OLDER], total: 2, page: 2, pageSize: 25, scope: 'all' });
    await settle();
    expect(el.querySelectorAll('[data-testid="mail-list"] li')).toHaveLength(2);
    expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Load more'))).toBe(false);
  });

  it('looks for new messages every few seconds and announces them', async () => {
    setUp(40);
    await settle();
    expectList().flush({ items: [OLDER], total: 1, page: 1, pageSize: 25, scope: 'all' });
    await settle();

    await new Promise((resolve) => setTimeout(resolve, 60));
    await settle();
    expectList().flush({ items: [SUMMARY, OLDER], total: 2, page: 1, pageSize: 25, scope: 'all' });
    await settle();
    expect(el.querySelectorAll('[data-testid="mail-list"] li')).toHaveLength(2);
    expect(el.querySelector('[data-testid="mail-list"] li')?.textContent).toContain('Return debrief');
    expect(text('[role="status"][aria-live="polite"]')).toBe('1 new message.');

    // Switched off: no more requests.
    const auto = el.querySelector<HTMLInputElement>('input[type="checkbox"]') as HTMLInputElement;
    auto.click();
    await settle();
    for (const req of http.match((r) => r.url === '/api/mailbox'))
      req.flush({ items: [SUMMARY, OLDER], total: 2, page: 1, pageSize: 25, scope: 'all' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await settle();
    http.expectNone((r) => r.url === '/api/mailbox');
  });

  it('says "No new messages" after a Refresh that found none', async () => {
    setUp();
    await settle();
    expectList().flush({ items: [SUMMARY], total: 1, page: 1, pageSize: 25, scope: 'all' });
    await settle();
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Refresh')
      ?.click();
    await settle();
    expectList().flush({ items: [SUMMARY], total: 1, page: 1, pageSize: 25, scope: 'all' });
    await settle();
    expect(text('[role="status"][aria-live="polite"]')).toBe('No new messages.');
  });

  it('explains that there is no Mailbox when real SMTP is configured (404), and stops asking', async () => {
    setUp(40);
    await settle();
    expectList().flush(
      {
        type: problemType('not-found'),
        title: 'Not found',
        status: 404,
        detail: 'Mailbox embedded does not exist',
      },
      { status: 404, statusText: 'Not Found' },
    );
    await settle();
    const notice = el.querySelector('[data-testid="mailbox-unavailable"]');
    expect(notice?.textContent).toContain('The Mailbox exists only while the app uses its built-in mail catcher');
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe('/outbox');
    expect(el.querySelector('#mailbox-q')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100));
    http.expectNone((r) => r.url === '/api/mailbox');
  });

  it('asks nobody signed in to sign in when the Mailbox is private (401), and stops asking the API', async () => {
    setUp(40);
    await settle();
    expectList().flush(
      {
        type: problemType('signed-out'),
        title: 'Not signed in',
        status: 401,
        detail: 'The Mailbox shows each person the e-mail addressed to them: sign in to read yours.',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();
    const prompt = el.querySelector('[data-testid="mailbox-sign-in"]');
    expect(prompt?.querySelector('h2')?.textContent).toBe('Sign in to read your mail');
    expect(prompt?.textContent).toContain('This Mailbox is private');
    expect(prompt?.querySelector('a')?.getAttribute('href')).toBe('/sign-in?returnTo=%2Fmailbox');
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(el.querySelector('#mailbox-q')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100));
    http.expectNone((r) => r.url === '/api/mailbox');
  });

  it('says whose mail it shows: the signed-in person’s own, or everything on the public demo', async () => {
    setUp();
    await settle();
    expectList().flush({ items: [], total: 0, page: 1, pageSize: 25, scope: 'mine' });
    await settle();
    expect(text('[data-testid="mailbox-scope"]')).toBe(
      'Mail addressed to you and to the organisations you coordinate.',
    );
    expect(text('.list-pane .empty')).toBe(
      'No e-mail to you or to the organisations you coordinate has been caught yet.',
    );

    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Refresh')
      ?.click();
    await settle();
    expectList().flush({ items: [SUMMARY], total: 1, page: 1, pageSize: 25, scope: 'all' });
    await settle();
    expect(text('[data-testid="mailbox-scope"]')).toContain('Public demo Mailbox: every e-mail of the app');
  });

  it('shows other failures with a way to try again', async () => {
    setUp();
    await settle();
    expectList().flush(
      { type: 'about:blank', title: 'Server error', status: 500, detail: 'Database unavailable' },
      { status: 500, statusText: 'Internal Server Error' },
    );
    await settle();
    expect(el.querySelector('[data-testid="mailbox-count"] [role="alert"]')?.textContent).toContain(
      'Database unavailable',
    );
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Try again')
      ?.click();
    await settle();
    expectList().flush({ items: [SUMMARY], total: 1, page: 1, pageSize: 25, scope: 'all' });
    await settle();
    expect(text('[data-testid="mailbox-count"]')).toBe('1 message');
  });
});
