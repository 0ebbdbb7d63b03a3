import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiConfiguration, type MobilitySummaryDto } from '@mobility-hub/api-client';
import { Notifications } from '@app/core/notifications';
import { MobilitiesPage } from './mobilities-page';
import { provideHttpTesting, detectAndSettle } from '@testing/spec-helpers';

const MOBILITY: MobilitySummaryDto = {
  id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  projectId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  activityType: 'LM-SHORT-VET',
  participant: { firstName: 'Lena', lastName: 'Schmidt', email: 'lena@example.org' },
  sendingOrganisation: { id: '1', name: 'Berufskolleg Rhein-Ruhr', country: 'DE' },
  hostOrganisation: { id: '2', name: 'Taller Sol', country: 'ES' },
  phase: 'preparation',
  placementConfirmed: false,
  startDate: '2026-03-02',
  endDate: '2026-03-27',
  overdueTasks: 3,
  nextDueTask: {
    id: 't1',
    key: 'learning-agreement',
    title: 'Sign the learning agreement',
    dueDate: '2026-01-15',
    catchUp: false,
  },
  version: 4,
};

describe('MobilitiesPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MobilitiesPage>;
  let el: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [MobilitiesPage],
      providers: [provideRouter([]), provideHttpTesting(), provideApiConfiguration('')],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MobilitiesPage);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  const settle = (): Promise<void> => detectAndSettle(fixture);

  function expectList(): TestRequest {
    return http.expectOne((r) => r.method === 'GET' && r.url === '/api/mobilities');
  }

  it('asks for overdue mobilities and renders learner, host, phase, overdue count and next task', async () => {
    await settle();
    const req = expectList();
    expect(req.request.params.get('overdue')).toBe('true');
    expect(req.request.params.get('pageSize')).toBe('100');
    req.flush({
      items: [
        MOBILITY,
        { ...MOBILITY, id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', hostOrganisation: null, nextDueTask: null },
      ],
      total: 2,
      page: 1,
      pageSize: 100,
    });
    await settle();

    const rows = el.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    const cells = Array.from(rows[0].children).map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells[0]).toBe('Lena Schmidt');
    expect(cells[1]).toBe('Taller Sol ES');
    expect(cells[2]).toBe('Preparation');
    expect(cells[3]).toBe('3');
    expect(cells[4]).toContain('Sign the learning agreement, due 15 Jan 2026');
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe(`/mobilities/${MOBILITY.id}`);
    expect(rows[1].textContent).toContain('No host yet');
    expect(el.querySelector('[data-testid="overdue-count"]')?.textContent).toContain('2 mobilities with overdue tasks');
  });

  it('filters by free text after a pause in typing', async () => {
    await settle();
    expectList().flush({ items: [MOBILITY], total: 1, page: 1, pageSize: 100 });
    await settle();

    const input = el.querySelector<HTMLInputElement>('#overdue-filter-q');
    if (!input) throw new Error('no search field');
    input.value = 'nobody';
    input.dispatchEvent(new Event('input'));
    await settle();
    http.expectNone('/api/mobilities?overdue=true&page=1&pageSize=100&q=nobody');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await settle();

    const req = expectList();
    expect(req.request.params.get('q')).toBe('nobody');
    expect(req.request.params.get('overdue')).toBe('true');
    req.flush({ items: [], total: 0, page: 1, pageSize: 100 });
    await settle();
    expect(el.querySelector('table')).toBeNull();
    expect(el.querySelector('.empty')?.textContent).toContain('No overdue mobility matches this search.');
  });

  it('reports a failed load through the notifications', async () => {
    await settle();
    expectList().flush(
      { type: 'about:blank', title: 'Server error', status: 500, detail: 'Database unavailable' },
      { status: 500, statusText: 'Internal Server Error', headers: { 'content-type': 'application/problem+json' } },
    );
    await settle();
    expect(el.querySelector('[data-testid="overdue-count"]')?.textContent).toContain('could not be loaded');
    expect(TestBed.inject(Notifications).items()[0]?.text).toContain('Database unavailable');
  });
});
