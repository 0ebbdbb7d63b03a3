import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MobilitySummaryDto, ProjectDto } from '@mobility-hub/api-client';
import { BoardPage, SEARCH_DEBOUNCE_MS } from './board-page';
import { detectAndSettle, provideHttpTesting } from '@testing/spec-helpers';
import { answerHostAnswers } from '@testing/host-answers';

const PROJECT_ID = '11111111-1111-4111-8111-111111111111';
const HOST_ID = '22222222-2222-4222-8222-222222222222';
const PHASES = ['application', 'preparation', 'implementation', 'evaluation', 'finalisation'];
const FINAL = ['completed', 'withdrawn'];

const project: ProjectDto = {
  id: PROJECT_ID,
  action: 'KA122-VET',
  title: 'Apprentices abroad 2025',
  reference: '2025-1-DE02-KA122-VET-000123456',
  callYear: 2025,
  startDate: '2025-06-01',
  endDate: '2026-11-30',
  beneficiaryOrganisation: { id: 'b', name: 'Berufsschule Nord', country: 'DE' },
  mobilityCounts: {
    application: 2,
    preparation: 1,
    implementation: 0,
    evaluation: 0,
    finalisation: 0,
    completed: 3,
    withdrawn: 1,
  },
  mobilityTotal: 7,
  overdueMobilities: 1,
  status: 'running',
  reportSubmittedOn: null,
  closedOn: null,
  interimReportDueDate: null,
  nextDeadline: null,
  overdueTasks: 0,
  possibleEvents: [],
  canManage: true,
  warnings: [],
};

function mobility(id: string, overrides: Partial<MobilitySummaryDto> = {}): MobilitySummaryDto {
  return {
    id,
    projectId: PROJECT_ID,
    activityType: 'LM-SHORT-VET',
    phase: 'application',
    startDate: '2025-09-01',
    endDate: '2025-09-28',
    participant: { firstName: 'Ana', lastName: `Learner ${id}`, email: `${id}@example.org` },
    hostOrganisation: { id: HOST_ID, name: 'Taller Sevilla', country: 'ES' },
    sendingOrganisation: { id: 'b', name: 'Berufsschule Nord', country: 'DE' },
    nextDueTask: {
      id: `t-${id}`,
      key: 'grant-agreement',
      title: 'Sign the grant agreement',
      dueDate: '2025-07-15',
      catchUp: false,
    },
    overdueTasks: 0,
    placementConfirmed: true,
    version: 1,
    ...overrides,
  };
}

describe('BoardPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<BoardPage>;
  let el: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [BoardPage],
      providers: [provideRouter([]), provideHttpTesting()],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BoardPage);
    fixture.componentRef.setInput('projectId', PROJECT_ID);
    el = fixture.nativeElement as HTMLElement;
    await detectAndSettle(fixture);
  });

  afterEach(() => {
    answerHostAnswers(http);
    http.verify();
  });

  const mobilityRequests = () => http.match((r) => r.url === '/api/mobilities');
  const param = (req: TestRequest, name: string) => req.request.params.get(name);

  async function settle(): Promise<void> {
    // Promise chains of Api.invoke, then change detection.
    await new Promise((resolve) => setTimeout(resolve));
    await detectAndSettle(fixture);
  }

  /** Answers the project and organisations requests. */
  async function answerHeader(): Promise<void> {
    http.expectOne(`/api/projects/${PROJECT_ID}`).flush(project);
    http
      .expectOne((r) => r.url === '/api/organisations')
      .flush({
        items: [
          {
            id: HOST_ID,
            name: 'Taller Sevilla',
            country: 'ES',
            city: 'Sevilla',
            email: null,
            kind: 'company',
            oid: null,
            timeZone: 'Europe/Madrid',
          },
        ],
        total: 1,
        page: 1,
        pageSize: 500,
      });
    await settle();
    // The project's lifecycle panel (features/projects/lifecycle) loads the project's tasks.
    http.expectOne(`/api/projects/${PROJECT_ID}/tasks`).flush([]);
    await settle();
  }

  /** Answers every pending list request: items per phase (default none), the total from `totals`. */
  async function answerColumns(
    items: Record<string, MobilitySummaryDto[]> = {},
    totals: Record<string, number> = {},
    requests = mobilityRequests(),
  ): Promise<TestRequest[]> {
    for (const req of requests) {
      const phase = param(req, 'phase') ?? '';
      const list = param(req, 'pageSize') === '1' ? [] : (items[phase] ?? []);
      req.flush({
        items: list,
        total: totals[phase] ?? items[phase]?.length ?? 0,
        page: 1,
        pageSize: Number(param(req, 'pageSize')),
      });
    }
    await settle();
    return requests;
  }

  function find<T extends Element>(selector: string): T {
    const found = el.querySelector<T>(selector);
    if (!found) throw new Error(`Nothing matches ${selector}`);
    return found;
  }

  function columnRegion(label: string): HTMLElement {
    const heading = Array.from(el.querySelectorAll('h2')).find((h) => h.textContent?.includes(label));
    if (!heading) throw new Error(`No column ${label}`);
    return heading.closest('section') as HTMLElement;
  }

  function countOf(label: string): string {
    return columnRegion(label).querySelector('[data-testid="column-count"]')?.textContent?.trim() ?? '';
  }

  it('requests every phase of the project, full pages for open phases and totals for the collapsed final states', async () => {
    const requests = mobilityRequests();
    expect(requests.map((r) => param(r, 'phase'))).toEqual([...PHASES, ...FINAL]);
    for (const req of requests) {
      expect(req.request.method).toBe('GET');
      expect(param(req, 'projectId')).toBe(PROJECT_ID);
      expect(param(req, 'page')).toBe('1');
      expect(param(req, 'hostOrganisationId')).toBeNull();
      expect(param(req, 'overdue')).toBeNull();
      expect(param(req, 'q')).toBeNull();
    }
    expect(requests.slice(0, 5).map((r) => param(r, 'pageSize'))).toEqual(['500', '500', '500', '500', '500']);
    expect(requests.slice(5).map((r) => param(r, 'pageSize'))).toEqual(['1', '1']);
    await answerColumns({}, {}, requests);
    await answerHeader();
  });

  it('shows the project header and a link to create a mobility', async () => {
    await answerHeader();
    await answerColumns();
    expect(el.querySelector('h1')?.textContent).toContain('Apprentices abroad 2025');
    expect(el.querySelector('[data-testid="project-reference"]')?.textContent).toBe('2025-1-DE02-KA122-VET-000123456');
    const link = Array.from(el.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'New mobility');
    expect(link?.getAttribute('href')).toBe(`/projects/${PROJECT_ID}/mobilities/new`);
  });

  it('renders a card per mobility with host, dates, next task and overdue badge, linking to the mobility', async () => {
    await answerHeader();
    await answerColumns({
      application: [mobility('m1', { overdueTasks: 2 }), mobility('m2', { hostOrganisation: null, nextDueTask: null })],
    });

    const cards = Array.from(
      columnRegion('Application').querySelectorAll<HTMLElement>('[data-testid="mobility-card"]'),
    );
    expect(cards).toHaveLength(2);

    const [first, second] = cards;
    expect(first.querySelector('h3 a')?.textContent?.trim()).toBe('Ana Learner m1');
    expect(first.querySelector('h3 a')?.getAttribute('href')).toBe('/mobilities/m1');
    expect(first.textContent).toContain('Taller Sevilla, Spain');
    expect(first.textContent).toContain('1 Sept 2025');
    expect(first.textContent).toContain('28 Sept 2025');
    expect(first.querySelector('[data-testid="next-task"]')?.textContent).toContain('Sign the grant agreement');
    expect(first.textContent).toContain('15 Jul 2025');
    expect(first.querySelector('[data-testid="overdue-badge"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '2 overdue tasks',
    );

    expect(second.querySelector('[data-testid="overdue-badge"]')).toBeNull();
    expect(second.textContent).toContain('No host organisation yet');
    expect(second.textContent).toContain('No open tasks');

    const items = columnRegion('Application').querySelectorAll('ul[aria-label="Application mobilities"] > li');
    expect(Array.from(items).map((li) => li.getAttribute('aria-posinset'))).toEqual(['1', '2']);
    expect(items[0].getAttribute('aria-setsize')).toBe('2');
  });

  it('shows the API totals as column counts and announces the sum', async () => {
    await answerHeader();
    await answerColumns(
      { application: [mobility('m1'), mobility('m2')], preparation: [mobility('m3')] },
      { application: 2, preparation: 1, completed: 3, withdrawn: 1 },
    );

    expect(countOf('Application')).toBe('2');
    expect(countOf('Preparation')).toBe('1');
    expect(countOf('Implementation')).toBe('0');
    expect(countOf('Completed')).toBe('3');
    expect(countOf('Withdrawn')).toBe('1');
    expect(columnRegion('Application').getAttribute('aria-labelledby')).toBe('board-application-title');

    const status = el.querySelector('[data-testid="board-summary"]');
    expect(status?.getAttribute('role')).toBe('status');
    expect(status?.textContent).toContain('7 mobilities');
    expect(status?.textContent).toContain('Application 2, Preparation 1');
  });

  it('keeps completed and withdrawn collapsed until shown, then loads their cards', async () => {
    await answerHeader();
    await answerColumns({}, { completed: 3, withdrawn: 1 });

    const completed = columnRegion('Completed');
    const toggle = completed.querySelector<HTMLButtonElement>('button[aria-expanded]');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(completed.querySelector('[data-testid="mobility-card"]')).toBeNull();

    toggle?.click();
    await detectAndSettle(fixture);
    const [req] = mobilityRequests();
    expect(param(req, 'phase')).toBe('completed');
    expect(param(req, 'pageSize')).toBe('500');
    req.flush({ items: [mobility('c1', { phase: 'completed' })], total: 3, page: 1, pageSize: 500 });
    await settle();

    // Fewer cards than the prefetch margin: the next page follows at once.
    const [next] = mobilityRequests();
    expect(param(next, 'phase')).toBe('completed');
    expect(param(next, 'page')).toBe('2');
    next.flush({
      items: [mobility('c2', { phase: 'completed' }), mobility('c3', { phase: 'completed' })],
      total: 3,
      page: 2,
      pageSize: 500,
    });
    await settle();

    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(completed.querySelectorAll('[data-testid="mobility-card"]')).toHaveLength(3);
    expect(completed.textContent).not.toContain('shown');
  });

  it('re-requests every column with the host and overdue filters', async () => {
    await answerHeader();
    await answerColumns();

    const select = find<HTMLSelectElement>('#board-host');
    expect(el.querySelector('label[for="board-host"]')?.textContent).toBe('Host organisation');
    expect(Array.from(select?.options ?? []).map((o) => o.textContent?.trim())).toEqual([
      'All host organisations',
      'Taller Sevilla (ES)',
    ]);
    select.value = HOST_ID;
    select.dispatchEvent(new Event('change'));
    await detectAndSettle(fixture);

    let requests = mobilityRequests();
    expect(requests).toHaveLength(7);
    for (const req of requests) expect(param(req, 'hostOrganisationId')).toBe(HOST_ID);
    await answerColumns({}, {}, requests);

    const overdue = find<HTMLInputElement>('#board-overdue');
    expect(el.querySelector('label[for="board-overdue"]')?.textContent).toBe('Overdue only');
    overdue.click();
    await detectAndSettle(fixture);

    requests = mobilityRequests();
    expect(requests.map((r) => param(r, 'phase'))).toEqual([...PHASES, ...FINAL]);
    for (const req of requests) {
      expect(param(req, 'overdue')).toBe('true');
      expect(param(req, 'hostOrganisationId')).toBe(HOST_ID);
    }
    await answerColumns({ application: [mobility('m9', { overdueTasks: 1 })] }, {}, requests);
    expect(countOf('Application')).toBe('1');
    expect(el.querySelector('[data-testid="board-summary"]')?.textContent).toContain('1 mobility match the filters');
  });

  it('debounces the search text before re-requesting', async () => {
    await answerHeader();
    await answerColumns();

    const search = find<HTMLInputElement>('#board-q');
    expect(el.querySelector('label[for="board-q"]')?.textContent).toBe('Search');
    search.value = 'ana';
    search.dispatchEvent(new Event('input'));
    search.value = 'ana lo ';
    search.dispatchEvent(new Event('input'));
    await detectAndSettle(fixture);
    expect(mobilityRequests()).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20));
    await detectAndSettle(fixture);

    const requests = mobilityRequests();
    expect(requests).toHaveLength(7);
    for (const req of requests) expect(param(req, 'q')).toBe('ana lo');
    await answerColumns({}, {}, requests);
  });

  it('drops an answer for old filters that arrives after the new one', async () => {
    await answerHeader();
    const stale = mobilityRequests();
    const overdue = find<HTMLInputElement>('#board-overdue');
    overdue.click();
    await detectAndSettle(fixture);
    await answerColumns({ application: [mobility('new')] });
    for (const req of stale) req.flush({ items: [mobility('old')], total: 1, page: 1, pageSize: 500 });
    await settle();

    const names = Array.from(columnRegion('Application').querySelectorAll('h3 a')).map((a) => a.textContent?.trim());
    expect(names).toEqual(['Ana Learner new']);
  });

  it('shows a readable problem in a column and retries on request', async () => {
    await answerHeader();
    const requests = mobilityRequests();
    requests[0].flush(
      { type: 'about:blank', title: 'Bad request', status: 400, detail: 'pageSize must not be greater than 500' },
      { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    );
    for (const req of requests.slice(1)) req.flush({ items: [], total: 0, page: 1, pageSize: 500 });
    await settle();

    const column = columnRegion('Application');
    const alert = column.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Bad request: pageSize must not be greater than 500');
    expect(countOf('Application')).toBe('…');

    alert?.querySelector('button')?.click();
    await detectAndSettle(fixture);
    const [retry] = mobilityRequests();
    expect(param(retry, 'phase')).toBe('application');
    retry.flush({ items: [mobility('m1')], total: 1, page: 1, pageSize: 500 });
    await settle();
    expect(column.querySelector('[role="alert"]')).toBeNull();
    expect(countOf('Application')).toBe('1');
  });

  it('says so when the project cannot be loaded', async () => {
    http
      .expectOne(`/api/projects/${PROJECT_ID}`)
      .flush({ title: 'Not Found', status: 404, detail: 'No such project' }, { status: 404, statusText: 'Not Found' });
    http.expectOne((r) => r.url === '/api/organisations').flush({ items: [], total: 0, page: 1, pageSize: 500 });
    await answerColumns();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('This project does not exist');
  });
});
