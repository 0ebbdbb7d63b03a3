import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { MailLogEntryDto } from '@mobility-hub/api-client';
import { MAIL_LOG_SHOWN, MobilityMailLog } from './mobility-mail-log';
import { provideHttpTesting, detectAndSettle } from '@testing/spec-helpers';

function entry(n: number, partial: Partial<MailLogEntryDto> = {}): MailLogEntryDto {
  return {
    id: `o${n}`,
    kind: 'task-reminder',
    recipientName: 'Lena',
    recipientEmail: 'lena@students.example',
    subject: `Subject ${n}`,
    status: 'sent',
    createdAt: '2026-12-01T08:00:00Z',
    sendAfter: '2026-12-01T08:00:00Z',
    sentAt: '2026-12-01T08:00:05Z',
    tasks: [`Task ${n}`],
    ...partial,
  };
}

describe('MobilityMailLog', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MobilityMailLog>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [MobilityMailLog], providers: [provideHttpTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MobilityMailLog);
    fixture.componentRef.setInput('mobilityId', 'm1');
    fixture.componentRef.setInput('version', 3);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  const settle = (): Promise<void> => detectAndSettle(fixture);
  const expectRead = (): TestRequest =>
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/mobilities/m1/mail');
  const rows = () =>
    Array.from(el.querySelectorAll('[data-testid="mail-log-entry"]')).map((r) =>
      Array.from(r.children).map((c) => c.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    );

  it('lists every e-mail about the mobility in one list: to whom, what (with the tasks of a digest), status', async () => {
    await settle();
    expectRead().flush([
      entry(1, {
        kind: 'reminder-digest',
        recipientName: 'Berufskolleg Rhein-Ruhr',
        recipientEmail: 'erasmus@school.example',
        subject: '3 Checklisten-Aufgaben brauchen Ihre Aufmerksamkeit',
        tasks: ['Selection decision recorded', 'Insurance recorded', 'Travel booked'],
      }),
      entry(2, { kind: 'placement-request', status: 'cancelled', sentAt: null, tasks: [] }),
    ]);
    await settle();
    const [digest, request] = rows();
    expect(digest[1]).toContain('Berufskolleg Rhein-Ruhr');
    expect(digest[1]).toContain('erasmus@school.example');
    expect(digest[2]).toContain('3 Checklisten-Aufgaben brauchen Ihre Aufmerksamkeit');
    expect(digest[2]).toContain('Reminders (several tasks)');
    expect(Array.from(el.querySelectorAll('li')).map((li) => li.textContent?.trim())).toEqual([
      'Selection decision recorded',
      'Insurance recorded',
      'Travel booked',
    ]);
    expect(digest[3]).toBe('Sent');
    expect(request[2]).toContain('Placement request');
    expect(request[3]).toBe('Cancelled');
  });

  it('says so when nothing was sent, shows the first entries and reads again on a new version', async () => {
    await settle();
    expectRead().flush([]);
    await settle();
    expect(el.textContent).toContain('No e-mail yet');

    fixture.componentRef.setInput('version', 4);
    await settle();
    expectRead().flush(Array.from({ length: MAIL_LOG_SHOWN + 2 }, (_, i) => entry(i)));
    await settle();
    expect(rows()).toHaveLength(MAIL_LOG_SHOWN);
    (el.querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect(rows()).toHaveLength(MAIL_LOG_SHOWN + 2);
  });
});
