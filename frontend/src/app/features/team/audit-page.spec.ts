import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuditEventDto, AuditPageDto, OrganisationDto } from '@mobility-hub/api-client';
import { AuditPage } from './audit-page';
import { auditDetail, auditKindLabel } from './audit-labels';
import { detectAndSettle, provideHttpTesting } from '@testing/spec-helpers';

const ORG_ID = '5d1c7c0e-8a55-4f3e-a0a8-3f3c6a2c9b10';
const BASE = `/api/organisations/${ORG_ID}`;
const SCHOOL: OrganisationDto = {
  id: ORG_ID,
  name: 'Berufskolleg Rhein-Ruhr',
  kind: 'vet-provider',
  country: 'DE',
  city: 'Essen',
  email: null,
  oid: null,
  timeZone: 'Europe/Berlin',
  registeredByOrganisationId: null,
  yourRole: 'coordinator',
};

function event(partial: Partial<AuditEventDto> & Pick<AuditEventDto, 'id' | 'kind'>): AuditEventDto {
  return {
    occurredAt: '2026-11-28T10:15:00Z',
    userEmail: null,
    userName: null,
    detail: {},
    ip: '203.0.113.7',
    ...partial,
  };
}

const EVENTS: AuditEventDto[] = [
  event({
    id: 'e1',
    kind: 'invitation-accepted',
    userName: 'Anna Kollegin',
    userEmail: 'anna@bk.example',
    detail: { role: 'staff', newAccount: true },
  }),
  event({
    id: 'e2',
    kind: 'invitation-sent',
    userName: 'Katrin Weber',
    userEmail: 'coordinator@bk.example',
    detail: { email: 'anna@bk.example', role: 'staff' },
  }),
  event({ id: 'e3', kind: 'link-used', detail: { purpose: 'placement-confirmation' }, ip: null }),
];

describe('AuditPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<AuditPage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AuditPage],
      providers: [provideRouter([]), provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AuditPage);
    fixture.componentRef.setInput('organisationId', ORG_ID);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  const settle = (): Promise<void> => detectAndSettle(fixture);

  function page(items: AuditEventDto[], total = items.length, pageNo = 1): AuditPageDto {
    return { items, total, page: pageNo, pageSize: 25 };
  }

  it('shows the events in a table: when, what in words, who, detail and IP address', async () => {
    await settle();
    http.expectOne(BASE).flush(SCHOOL);
    const req = http.expectOne((r) => r.url === `${BASE}/audit`);
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('25');
    req.flush(page(EVENTS));
    await settle();

    expect(Array.from(el.querySelectorAll('thead th')).map((th) => th.textContent?.trim())).toEqual([
      'When',
      'What',
      'Who',
      'Detail',
      'IP address',
    ]);
    const rows = Array.from(el.querySelectorAll<HTMLTableRowElement>('tbody tr'));
    expect(rows).toHaveLength(3);
    const cells = (r: HTMLTableRowElement) =>
      Array.from(r.children).map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells(rows[0]).slice(1)).toEqual([
      'Invitation accepted',
      'Anna Kollegin anna@bk.example',
      'As Staff, with a new account',
      '203.0.113.7',
    ]);
    expect(rows[0].querySelector('time')?.getAttribute('datetime')).toBe('2026-11-28T10:15:00Z');
    expect(cells(rows[1])[3]).toBe('To anna@bk.example as Staff');
    expect(cells(rows[2]).slice(1)).toEqual(['Link used', '—', 'Host’s placement link', '—']);
    expect(el.querySelector('[data-testid="audit-count"]')?.textContent?.trim()).toBe('3 events');
    expect(el.querySelector('nav.pager')).toBeNull();
  });

  it('pages to older events', async () => {
    await settle();
    http.expectOne(BASE).flush(SCHOOL);
    http.expectOne((r) => r.url === `${BASE}/audit`).flush(page(EVENTS, 60));
    await settle();
    expect(el.querySelector('nav.pager')?.textContent).toContain('Page 1 of 3');

    Array.from(el.querySelectorAll<HTMLButtonElement>('nav.pager button'))
      .find((b) => b.textContent?.includes('Older'))
      ?.click();
    await settle();
    // While the next page loads, the table and the pager stay where they are.
    expect(el.querySelector('nav.pager')).not.toBeNull();
    expect(el.querySelector('[data-testid="audit-count"]')?.textContent?.trim()).toBe('Loading…');
    const req = http.expectOne((r) => r.url === `${BASE}/audit`);
    expect(req.request.params.get('page')).toBe('2');
    req.flush(page(EVENTS, 60, 2));
    await settle();
    expect(el.querySelector('nav.pager')?.textContent).toContain('Page 2 of 3');
  });

  it('explains that only coordinators read it (403)', async () => {
    await settle();
    http.expectOne(BASE).flush(SCHOOL);
    http
      .expectOne((r) => r.url === `${BASE}/audit`)
      .flush({ title: 'Forbidden', status: 403 }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(el.querySelector('[data-testid="audit-problem"]')?.textContent).toContain(
      'Only the organisation’s coordinators read its audit log.',
    );
  });
});

describe('audit labels', () => {
  it('say each kind in words, and what the detail recorded', () => {
    expect(auditKindLabel('sign-in')).toBe('Signed in');
    expect(auditKindLabel('something-new')).toBe('something-new');
    expect(auditDetail({ kind: 'sign-in', detail: { method: 'invitation' } })).toBe('by accepting an invitation');
    expect(auditDetail({ kind: 'sign-in-failed', detail: { email: 'x@y.example', failures: 3 } })).toBe(
      'As x@y.example, failure 3 in a row',
    );
    expect(
      auditDetail({ kind: 'role-changed', detail: { from: 'staff', to: 'coordinator', by: 'k@bk.example' } }),
    ).toBe('Staff → Coordinator, by k@bk.example');
    expect(auditDetail({ kind: 'member-removed', detail: { role: 'mentor', by: 'k@bk.example' } })).toBe(
      'Was Mentor; removed by k@bk.example',
    );
    expect(auditDetail({ kind: 'link-used', detail: { purpose: 'placement-confirmation', action: 'renew' } })).toBe(
      'Host’s placement link (a new link asked for)',
    );
    expect(auditDetail({ kind: 'link-requested', detail: { purpose: 'password-reset' } })).toBe('Password reset link');
    expect(auditDetail({ kind: 'link-requested', detail: { purpose: 'password-reset', limited: true } })).toBe(
      'Password reset link (not sent: asked for too often)',
    );
    expect(auditDetail({ kind: 'unknown', detail: { a: 1, b: 'two' } })).toBe('a: 1, b: two');
  });
});
