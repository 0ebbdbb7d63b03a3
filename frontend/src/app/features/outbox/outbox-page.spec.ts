import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OutboxMessageDto } from '@mobility-hub/api-client';
import { Notifications } from '@app/core/notifications';
import { POLL_INTERVAL_MS } from '@app/core/poll';
import { OutboxPage } from './outbox-page';
import { provideHttpTesting, detectAndSettle } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const SENT: OutboxMessageDto = {
  id: '11111111-1111-4111-8111-111111111111',
  kind: 'task-reminder',
  status: 'sent',
  mobilityId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  recipientEmail: 'erasmus@bk-rhein-ruhr.example',
  recipientName: 'Berufskolleg Rhein-Ruhr',
  locale: 'de-DE',
  subject: 'Due today: Selection decision recorded (Lena Schmidt)',
  sendAfter: '2026-11-28T09:00:00Z',
  attempts: 1,
  lastError: null,
  createdAt: '2026-11-28T09:00:00Z',
  sentAt: '2026-11-28T09:00:02Z',
  smtpMessageId: '<1111@mobility-hub.localhost>',
};
const FAILED: OutboxMessageDto = {
  ...SENT,
  id: '22222222-2222-4222-8222-222222222222',
  kind: 'task-advice',
  status: 'failed',
  recipientEmail: 'paul@students.example',
  recipientName: 'Paul',
  subject: 'Suggested for today: Arrival confirmed (Paul Hoffmann)',
  attempts: 5,
  lastError: '550 5.1.1 mailbox unavailable',
  sentAt: null,
};

describe('OutboxPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<OutboxPage>;
  let el: HTMLElement;

  function setUp(pollMs = 1_000_000): void {
    TestBed.configureTestingModule({
      imports: [OutboxPage],
      providers: [provideRouter([]), provideHttpTesting(), { provide: POLL_INTERVAL_MS, useValue: pollMs }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OutboxPage);
    el = fixture.nativeElement as HTMLElement;
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const settle = (): Promise<void> => detectAndSettle(fixture);

  function expectList(): TestRequest {
    return http.expectOne((r) => r.method === 'GET' && r.url === '/api/outbox');
  }

  function button(name: string): HTMLButtonElement {
    const found = Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.replace(/\s+/g, ' ').trim().startsWith(name),
    );
    if (!found) throw new Error(`no button "${name}"`);
    return found;
  }

  it('lists the e-mails with subject, kind, recipient and status; failed ones show the last error and Retry', async () => {
    setUp();
    await settle();
    const req = expectList();
    expect(req.request.params.get('pageSize')).toBe('25');
    expect(req.request.params.has('status')).toBe(false);
    req.flush({ items: [FAILED, SENT], total: 2, page: 1, pageSize: 25 });
    await settle();

    const rows = el.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Suggested for today: Arrival confirmed (Paul Hoffmann)');
    expect(rows[0].textContent).toContain('Suggestion');
    expect(rows[0].textContent).toContain('paul@students.example');
    expect(rows[0].textContent).toContain('Failed');
    expect(rows[0].querySelector('[data-testid="last-error"]')?.textContent).toContain(
      '5 attempts. Last error: 550 5.1.1 mailbox unavailable',
    );
    expect(rows[0].querySelector('button')?.textContent).toContain('Retry');
    expect(rows[1].textContent).toContain('Sent');
    expect(rows[1].textContent).toContain('Deadline reminder');
    expect(rows[1].querySelector('button')).toBeNull();
    expect(rows[1].querySelector('a')?.getAttribute('href')).toBe(`/mobilities/${SENT.mobilityId}`);
    expect(el.querySelector('[data-testid="outbox-count"]')?.textContent).toContain('2 e-mails');
  });

  it('filters by status and by recipient', async () => {
    setUp();
    await settle();
    expectList().flush({ items: [FAILED, SENT], total: 2, page: 1, pageSize: 25 });
    await settle();

    const status = el.querySelector<HTMLSelectElement>('#outbox-status') as HTMLSelectElement;
    expect(Array.from(status.options).map((o) => o.value)).toEqual(['', 'pending', 'sent', 'failed', 'cancelled']);
    status.value = 'failed';
    status.dispatchEvent(new Event('change'));
    await settle();
    const byStatus = expectList();
    expect(byStatus.request.params.get('status')).toBe('failed');
    byStatus.flush({ items: [FAILED], total: 1, page: 1, pageSize: 25 });
    await settle();
    expect(el.querySelector('[data-testid="outbox-count"]')?.textContent).toContain('1 e-mail matches the filters');

    const recipient = el.querySelector<HTMLInputElement>('#outbox-recipient') as HTMLInputElement;
    recipient.value = 'nobody@example.org';
    recipient.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 450));
    await settle();
    const byRecipient = expectList();
    expect(byRecipient.request.params.get('recipient')).toBe('nobody@example.org');
    expect(byRecipient.request.params.get('status')).toBe('failed');
    byRecipient.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await settle();
    expect(el.querySelector('.empty')?.textContent).toContain('No e-mail matches these filters.');
  });

  it('shows only one mobility’s e-mails when asked to (?mobility=)', async () => {
    setUp();
    fixture.componentRef.setInput('mobility', SENT.mobilityId);
    await settle();
    const req = expectList();
    expect(req.request.params.get('mobilityId')).toBe(SENT.mobilityId);
    req.flush({ items: [SENT], total: 1, page: 1, pageSize: 25 });
    await settle();
    expect(el.querySelector('[data-testid="outbox-scope"]')?.textContent).toContain('Only the e-mails of one mobility');
  });

  it('retries a failed e-mail, then reads the list again', async () => {
    setUp();
    await settle();
    expectList().flush({ items: [FAILED], total: 1, page: 1, pageSize: 25 });
    await settle();

    button('Retry').click();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === `/api/outbox/${FAILED.id}/retry`);
    post.flush({ ...FAILED, status: 'pending' });
    await settle();
    expectList().flush({ items: [{ ...FAILED, status: 'pending' }], total: 1, page: 1, pageSize: 25 });
    await settle();
    expect(TestBed.inject(Notifications).items()[0]?.text).toBe(
      'The e-mail to paul@students.example will be sent again.',
    );
    expect(el.querySelector('tbody tr')?.textContent).toContain('Pending');
    expect(el.querySelector('tbody tr button')).toBeNull();
  });

  it('shows the problem when the retry is refused (409)', async () => {
    setUp();
    await settle();
    expectList().flush({ items: [FAILED], total: 1, page: 1, pageSize: 25 });
    await settle();

    button('Retry').click();
    await settle();
    http
      .expectOne((r) => r.method === 'POST')
      .flush(
        {
          type: problemType('not-failed'),
          title: 'Only a failed message can be retried',
          status: 409,
          detail: 'The message is sent; only failed messages are retried by hand.',
        },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expectList().flush({ items: [{ ...FAILED, status: 'sent' }], total: 1, page: 1, pageSize: 25 });
    await settle();
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Only a failed message can be retried');
    expect(alert?.textContent).toContain('only failed messages are retried by hand');
  });

  it('reads the list again every few seconds', async () => {
    setUp(40);
    await settle();
    expectList().flush({ items: [{ ...FAILED, status: 'pending' }], total: 1, page: 1, pageSize: 25 });
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await settle();
    expectList().flush({ items: [SENT], total: 1, page: 1, pageSize: 25 });
    await settle();
    expect(el.querySelector('tbody tr')?.textContent).toContain('Sent');
    fixture.destroy();
    for (const req of http.match((r) => r.url === '/api/outbox'))
      req.flush({ items: [], total: 0, page: 1, pageSize: 25 });
  });

  it('pages through long lists', async () => {
    setUp();
    await settle();
    expectList().flush({ items: [SENT], total: 60, page: 1, pageSize: 25 });
    await settle();
    expect(el.querySelector('.pager')?.textContent).toContain('Page 1 of 3');
    button('Next page').click();
    await settle();
    const req = expectList();
    expect(req.request.params.get('page')).toBe('2');
    req.flush({ items: [SENT], total: 60, page: 2, pageSize: 25 });
    await settle();
  });
});
