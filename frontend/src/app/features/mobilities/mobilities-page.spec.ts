import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideApiConfiguration, type MobilitySummaryDto, type SavedFilterDto } from '@mobility-hub/api-client';
import { problemType } from '@mobility-hub/domain';
import { MobilitiesPage } from './mobilities-page';
import { provideHttpTesting, detectAndSettle } from '@testing/spec-helpers';

const MOBILITY: MobilitySummaryDto = {
  id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  projectId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  activityType: 'LM-SHORT-VET',
  participant: { firstName: 'Lena', lastName: 'Schmidt', email: 'lena@example.org' },
  sendingOrganisation: { id: '1', name: 'Berufskolleg Rhein-Ruhr', country: 'DE' },
  hostOrganisation: { id: '2', name: 'Autoservis Novák', country: 'CZ' },
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
const SAVED: SavedFilterDto = {
  id: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  list: 'mobilities',
  name: 'Czechia, overdue',
  query: 'overdue=true&hostCountry=CZ',
  createdAt: '2026-01-01T10:00:00.000Z',
};

describe('MobilitiesPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MobilitiesPage>;
  let el: HTMLElement;
  let router: Router;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [MobilitiesPage],
      providers: [
        provideRouter([{ path: 'mobilities', component: MobilitiesPage }]),
        provideHttpTesting(),
        provideApiConfiguration(''),
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => http.verify());

  const settle = (): Promise<void> => detectAndSettle(fixture);

  async function open(url: string, saved: SavedFilterDto[] = []): Promise<TestRequest> {
    await router.navigateByUrl(url);
    fixture = TestBed.createComponent(MobilitiesPage);
    el = fixture.nativeElement as HTMLElement;
    await settle();
    http.expectOne((r) => r.url === '/api/projects').flush({ items: [], total: 0, page: 1, pageSize: 500 });
    http.expectOne((r) => r.url === '/api/saved-filters').flush(saved);
    return expectList();
  }

  function expectList(): TestRequest {
    return http.expectOne((r) => r.method === 'GET' && r.url === '/api/mobilities');
  }

  function choose(selector: string, value: string): void {
    const select = el.querySelector<HTMLSelectElement>(selector);
    if (!select) throw new Error(`no ${selector}`);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  it('lists every mobility (not only overdue ones) with host country by name, phase, dates and overdue count', async () => {
    const req = await open('/mobilities');
    expect(req.request.params.has('overdue')).toBe(false);
    expect(req.request.params.get('sort')).toBe('startDate');
    expect(req.request.params.get('pageSize')).toBe('50');
    req.flush({
      items: [MOBILITY, { ...MOBILITY, id: 'd', hostOrganisation: null, nextDueTask: null, overdueTasks: 0 }],
      total: 2,
      page: 1,
      pageSize: 50,
    });
    await settle();

    const rows = el.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    const cells = Array.from(rows[0].children).map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells[0]).toContain('Lena Schmidt');
    expect(cells[1]).toBe('Autoservis Novák, Czechia');
    expect(cells[2]).toBe('Preparation');
    expect(cells[3]).toBe('2 Mar 2026 – 27 Mar 2026');
    expect(cells[4]).toBe('3');
    expect(cells[5]).toContain('Sign the learning agreement, due 15 Jan 2026');
    expect(rows[1].textContent).toContain('No host yet');
    expect(el.querySelector('[data-testid="mobility-count"]')?.textContent).toContain('2 mobilities');
  });

  it('asks the API for the filters in the URL and shows them chosen', async () => {
    const req = await open('/mobilities?overdue=true&hostCountry=CZ&phase=preparation&sort=-learner');
    expect(req.request.params.get('overdue')).toBe('true');
    expect(req.request.params.get('hostCountry')).toBe('CZ');
    expect(req.request.params.get('phase')).toBe('preparation');
    expect(req.request.params.get('sort')).toBe('-learner');
    req.flush({ items: [], total: 0, page: 1, pageSize: 50 });
    await settle();
    expect(el.querySelector<HTMLSelectElement>('#mf-country')?.value).toBe('CZ');
    expect(el.querySelector<HTMLSelectElement>('#mf-overdue')?.value).toBe('true');
    expect(el.querySelector<HTMLSelectElement>('#mf-sort')?.value).toBe('-learner');
    expect(el.querySelector('.empty')?.textContent).toContain('No mobility matches these filters.');
  });

  it('puts a changed filter and a column’s order into the URL, back to the first page', async () => {
    (await open('/mobilities?page=2')).flush({ items: [MOBILITY], total: 60, page: 2, pageSize: 50 });
    await settle();

    choose('#mf-country', 'GR');
    await settle();
    expect(router.url).toBe('/mobilities?hostCountry=GR');
    let req = expectList();
    expect(req.request.params.get('hostCountry')).toBe('GR');
    expect(req.request.params.get('page')).toBe('1');
    req.flush({ items: [MOBILITY], total: 1, page: 1, pageSize: 50 });
    await settle();

    const learner = Array.from(el.querySelectorAll<HTMLButtonElement>('th button')).find(
      (b) => b.textContent?.trim() === 'Learner',
    );
    learner?.click();
    await settle();
    req = expectList();
    expect(req.request.params.get('sort')).toBe('learner');
    req.flush({ items: [MOBILITY], total: 1, page: 1, pageSize: 50 });
    await settle();
    const sorted = el.querySelector('th[aria-sort]');
    expect(sorted?.textContent?.trim()).toBe('Learner');
    expect(sorted?.getAttribute('aria-sort')).toBe('ascending');
  });

  it('explains a date range given backwards instead of a server error', async () => {
    const req = await open('/mobilities?from=2026-06-01&to=2026-05-01');
    req.flush(
      {
        type: problemType('invalid-request'),
        title: 'Invalid request',
        status: 400,
        errors: [{ field: 'to', rule: 'notBeforeFrom', message: 'to must not be before from' }],
      },
      { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    );
    await settle();
    expect(el.querySelector('#mf-to-error')?.textContent).toContain('The end of the range is before its start.');
    expect(el.querySelector('#mf-to')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('applies a saved filter, and saves the current filters under a name', async () => {
    (await open('/mobilities', [SAVED])).flush({ items: [], total: 0, page: 1, pageSize: 50 });
    await settle();

    choose('#saved-filter-choice', SAVED.id);
    await settle();
    expect(router.url).toBe('/mobilities?overdue=true&hostCountry=CZ');
    expectList().flush({ items: [MOBILITY], total: 1, page: 1, pageSize: 50 });
    await settle();
    expect(el.querySelector<HTMLSelectElement>('#saved-filter-choice')?.value).toBe(SAVED.id);
    expect(el.textContent).toContain('Delete “Czechia, overdue”');

    choose('#mf-sort', '-startDate');
    await settle();
    expectList().flush({ items: [MOBILITY], total: 1, page: 1, pageSize: 50 });
    await settle();
    const name = el.querySelector<HTMLInputElement>('#saved-filter-name');
    if (!name) throw new Error('no name field');
    name.value = 'Czechia, latest first';
    name.dispatchEvent(new Event('input'));
    el.querySelector<HTMLFormElement>('form.save-filter')?.dispatchEvent(new Event('submit'));
    await settle();
    const save = http.expectOne((r) => r.method === 'POST' && r.url === '/api/saved-filters');
    expect(save.request.body).toEqual({
      list: 'mobilities',
      name: 'Czechia, latest first',
      query: 'overdue=true&hostCountry=CZ&sort=-startDate',
    });
    save.flush({ ...SAVED, id: 'e', name: 'Czechia, latest first', query: save.request.body.query });
    await settle();
    expect(el.querySelector('[data-testid="saved-filter-status"]')?.textContent).toContain(
      'Filter “Czechia, latest first” saved.',
    );
    expect(el.querySelector<HTMLSelectElement>('#saved-filter-choice')?.value).toBe('e');
  });

  it('deletes the saved filter shown', async () => {
    (await open('/mobilities?overdue=true&hostCountry=CZ', [SAVED])).flush({
      items: [],
      total: 0,
      page: 1,
      pageSize: 50,
    });
    await settle();
    const remove = Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.includes('Delete “Czechia, overdue”'),
    );
    remove?.click();
    await settle();
    http.expectOne((r) => r.method === 'DELETE' && r.url === `/api/saved-filters/${SAVED.id}`).flush(null);
    await settle();
    expect(el.querySelector('#saved-filter-choice')?.textContent).toContain('None saved yet');
  });
});
