import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MobilityRemindersDto, PlannedReminderDto, SentReminderDto } from '@mobility-hub/api-client';
import { MobilityReminders, REMINDERS_SHOWN } from './mobility-reminders';
import { provideHttpTesting, detectAndSettle } from '@testing/spec-helpers';

function planned(n: number, partial: Partial<PlannedReminderDto> = {}): PlannedReminderDto {
  return {
    taskId: `t${n}`,
    taskTitle: `Task ${n}`,
    occasion: 'due-soon',
    occasionDate: `2026-12-${String(n).padStart(2, '0')}`,
    sendAt: `2026-12-${String(n).padStart(2, '0')}T08:00:00Z`,
    mailKind: 'task-reminder',
    recipientEmail: 'erasmus@school.example',
    muted: false,
    ...partial,
  };
}

const SENT: SentReminderDto[] = [
  {
    taskId: 's1',
    taskTitle: 'Balance paid',
    occasion: 'due-today',
    occasionDate: '2026-11-28',
    mailKind: 'task-advice',
    status: 'outboxed',
    recipientEmail: 'erasmus@school.example',
    mailStatus: 'sent',
    outboxId: 'o1',
    sentAt: '2026-11-28T09:00:02Z',
  },
  {
    taskId: 's2',
    taskTitle: 'Host rated',
    occasion: 'due-today',
    occasionDate: '2026-11-27',
    mailKind: 'task-advice',
    status: 'muted',
    recipientEmail: 'lena@students.example',
    mailStatus: null,
    outboxId: null,
    sentAt: null,
  },
  {
    taskId: 's3',
    taskTitle: 'Certificate filed',
    occasion: 'overdue',
    occasionDate: '2026-11-20',
    mailKind: 'task-reminder',
    status: 'no-recipient',
    recipientEmail: null,
    mailStatus: null,
    outboxId: null,
    sentAt: null,
  },
];

describe('MobilityReminders', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MobilityReminders>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [MobilityReminders],
      providers: [provideRouter([]), provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MobilityReminders);
    fixture.componentRef.setInput('mobilityId', 'm1');
    fixture.componentRef.setInput('version', 3);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  const settle = (): Promise<void> => detectAndSettle(fixture);

  function expectRead(): TestRequest {
    return http.expectOne((r) => r.method === 'GET' && r.url === '/api/mobilities/m1/reminders');
  }

  function rows(testId: string): string[][] {
    return Array.from(el.querySelectorAll(`[data-testid="${testId}"] tbody tr`)).map((r) =>
      Array.from(r.children).map((c) => c.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    );
  }

  it('shows what goes out next (when, task, occasion, to whom, muted) and what went out', async () => {
    await settle();
    const reminders: MobilityRemindersDto = {
      planned: [
        planned(1),
        planned(2, { occasion: 'due-today', mailKind: 'task-advice', muted: true }),
        planned(3, { recipientEmail: null }),
      ],
      sent: SENT,
    };
    expectRead().flush(reminders);
    await settle();

    const next = rows('planned-reminders');
    expect(next).toHaveLength(3);
    expect(next[0][1]).toBe('Task 1');
    expect(next[0][2]).toBe('Due soon · Deadline reminder');
    expect(next[0][3]).toBe('erasmus@school.example');
    expect(el.querySelector('[data-testid="planned-reminders"] time')?.getAttribute('datetime')).toBe(
      '2026-12-01T08:00:00Z',
    );
    expect(next[1][2]).toBe('Due today · Suggestion');
    expect(next[1][3]).toContain('Muted: will not be sent');
    expect(next[2][3]).toBe('Nobody: no e-mail address on file');

    const sent = rows('sent-reminders');
    expect(sent[0][0]).toBe('28 Nov 2026');
    expect(sent[0][4]).toMatch(/^Sent · /);
    expect(sent[1][4]).toBe('Not sent: muted by the recipient');
    expect(sent[2][3]).toBe('—');
    expect(sent[2][4]).toBe('Not sent: no e-mail address on file');

    const outbox = Array.from(el.querySelectorAll('a')).find((a) =>
      a.textContent?.includes('All e-mails of this mobility'),
    );
    expect(outbox?.getAttribute('href')).toBe('/outbox?mobility=m1');
  });

  it('shows the first few and the rest on request', async () => {
    await settle();
    const many = Array.from({ length: REMINDERS_SHOWN + 3 }, (_, i) => planned(i + 1));
    expectRead().flush({ planned: many, sent: [] });
    await settle();
    expect(rows('planned-reminders')).toHaveLength(REMINDERS_SHOWN);
    expect(el.textContent).toContain('No reminder has gone out for this mobility yet.');

    const more = Array.from(el.querySelectorAll('button')).find((b) =>
      b.textContent?.includes(`Show all ${many.length} planned reminders`),
    );
    expect(more?.getAttribute('aria-expanded')).toBe('false');
    more?.click();
    await settle();
    expect(rows('planned-reminders')).toHaveLength(many.length);
    expect(more?.getAttribute('aria-expanded')).toBe('true');
  });

  it('reads again when the mobility’s version changes, and on Refresh', async () => {
    await settle();
    expectRead().flush({ planned: [planned(1)], sent: [] });
    await settle();

    fixture.componentRef.setInput('version', 4);
    await settle();
    expectRead().flush({ planned: [], sent: [] });
    await settle();
    expect(el.textContent).toContain('Nothing planned');

    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Refresh'))
      ?.click();
    await settle();
    expectRead().flush({ planned: [planned(5)], sent: [] });
    await settle();
    expect(rows('planned-reminders')[0][1]).toBe('Task 5');
  });

  it('says when the reminders cannot be read', async () => {
    await settle();
    expectRead().flush(
      { title: 'Server error', status: 500, detail: 'Database unavailable' },
      { status: 500, statusText: 'Internal Server Error' },
    );
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain(
      'The reminders could not be read. Server error: Database unavailable',
    );
  });
});
