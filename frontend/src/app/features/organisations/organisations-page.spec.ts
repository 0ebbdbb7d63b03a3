import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  provideApiConfiguration,
  type MeDto,
  type OrganisationDto,
  type OrganisationPageDto,
} from '@mobility-hub/api-client';
import { Session } from '@app/core/auth/session';
import { Notifications } from '@app/core/notifications';
import { OrganisationsPage } from './organisations-page';
import { provideHttpTesting, detectAndSettle } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const ORGS: OrganisationDto[] = [
  {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Berufskolleg Rhein-Ruhr',
    kind: 'vet-provider',
    country: 'DE',
    city: 'Essen',
    oid: 'E10012345',
    email: 'mobility@bk.example',
    timeZone: 'Europe/Berlin',
    registeredByOrganisationId: null,
    yourRole: 'coordinator',
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    name: 'Taller Sol',
    kind: 'company',
    country: 'ES',
    city: 'Valencia',
    oid: null,
    email: null,
    timeZone: 'Europe/Madrid',
    registeredByOrganisationId: '11111111-1111-4111-8111-111111111111',
    yourRole: null,
  },
];

const KATRIN: MeDto = {
  id: 'u1',
  email: 'coordinator@bk.example',
  displayName: 'Katrin Weber',
  memberships: [{ organisationId: ORGS[0].id, organisationName: ORGS[0].name, role: 'coordinator' }],
  participantIds: [],
};

function page(items: OrganisationDto[], total = items.length, pageNo = 1): OrganisationPageDto {
  return { items, total, page: pageNo, pageSize: 25 };
}

describe('OrganisationsPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<OrganisationsPage>;
  let el: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [OrganisationsPage],
      providers: [provideHttpTesting(), provideApiConfiguration(''), provideRouter([])],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(Session).signIn(KATRIN);
    fixture = TestBed.createComponent(OrganisationsPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  /** Runs effects and change detection and lets promises settle; whenStable() would wait for open requests. */
  const settle = (): Promise<void> => detectAndSettle(fixture);

  function expectList(): TestRequest {
    return http.expectOne((r) => r.method === 'GET' && r.url === '/api/organisations');
  }

  async function loadFirstPage(body = page(ORGS)): Promise<TestRequest> {
    await settle();
    const req = expectList();
    req.flush(body);
    await settle();
    return req;
  }

  function type(selector: string, value: string): void {
    const input = el.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
    if (!input) throw new Error(`No ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  }

  /** Choosing a country asks for the cities known there (suggestions for the city field). */
  async function answerCities(country: string, cities: string[]): Promise<void> {
    await settle();
    const req = http.expectOne((r) => r.method === 'GET' && r.url === '/api/organisations/cities');
    expect(req.request.params.get('country')).toBe(country);
    req.flush({ cities });
    await settle();
  }

  it('renders the organisations from the API in a table', async () => {
    const req = await loadFirstPage();
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('25');
    expect(req.request.params.has('q')).toBe(false);

    const rows = Array.from(el.querySelectorAll('tbody tr'));
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Berufskolleg Rhein-Ruhr');
    expect(rows[0].textContent).toContain('VET provider');
    expect(rows[0].textContent).toContain('E10012345');
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('mailto:mobility@bk.example');
    expect(rows[1].textContent).toContain('Company');
    expect(rows[1].textContent).toContain('Valencia');
    expect(el.querySelector('[data-testid="org-count"]')?.textContent).toContain('2 organisations');
    expect(el.querySelector('nav.pager')).toBeNull();
  });

  it('filters by kind, country and debounced free text', async () => {
    await loadFirstPage();

    type('#org-filter-kind', 'company');
    await settle();
    let req = expectList();
    expect(req.request.params.get('kind')).toBe('company');
    req.flush(page([ORGS[1]]));
    await settle();

    // Chosen by name; the ISO code goes to the API.
    const options = Array.from(el.querySelectorAll<HTMLOptionElement>('#org-filter-country option'));
    expect(options.find((o) => o.value === 'CZ')?.textContent?.trim()).toBe('Czechia');
    type('#org-filter-country', 'ES');
    await settle();
    req = expectList();
    expect(req.request.params.get('country')).toBe('ES');
    req.flush(page([ORGS[1]]));
    await settle();

    type('#org-filter-q', 'Sol');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await settle();
    req = expectList();
    expect(req.request.params.get('q')).toBe('Sol');
    expect(req.request.params.get('kind')).toBe('company');
    req.flush(page([ORGS[1]]));
    await settle();
    expect(el.querySelectorAll('tbody tr')).toHaveLength(1);
  });

  it('pages through more than one page of results', async () => {
    await loadFirstPage(page(ORGS, 60));
    const nav = el.querySelector('nav.pager');
    expect(nav?.textContent).toContain('Page 1 of 3');
    const next = Array.from(nav?.querySelectorAll('button') ?? []).find((b) => b.textContent?.includes('Next'));
    next?.click();
    await settle();
    const req = expectList();
    expect(req.request.params.get('page')).toBe('2');
    req.flush(page(ORGS, 60, 2));
    await settle();
    expect(el.querySelector('nav.pager')?.textContent).toContain('Page 2 of 3');
  });

  it('opens the registration form on demand, focused on its first field', async () => {
    await loadFirstPage();
    const form = el.querySelector<HTMLElement>('#org-create');
    const button = Array.from(el.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Register an organisation',
    );
    expect(form?.hidden).toBe(true);
    expect(button?.getAttribute('aria-controls')).toBe('org-create');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    button?.click();
    await settle();
    expect(form?.hidden).toBe(false);
    expect(button?.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.id).toBe('org-name');
  });

  it('posts the new organisation and reloads the list', async () => {
    await loadFirstPage();
    type('#org-name', ' Hotel Mar ');
    type('#org-kind', 'company');
    type('#org-country', 'ES');
    await answerCities('ES', ['Málaga', 'Valencia']);
    expect(Array.from(el.querySelectorAll('#org-city-suggestions option')).map((o) => o.getAttribute('value'))).toEqual(
      ['Málaga', 'Valencia'],
    );
    type('#org-city', 'Málaga');
    type('#org-email', 'info@hotelmar.example');
    el.querySelector<HTMLFormElement>('#org-create-form')?.dispatchEvent(new Event('submit'));
    await settle();

    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/organisations');
    expect(post.request.body).toEqual({
      name: 'Hotel Mar',
      kind: 'company',
      country: 'ES',
      city: 'Málaga',
      email: 'info@hotelmar.example',
    });
    post.flush(
      { ...ORGS[1], id: '33333333-3333-4333-8333-333333333333', name: 'Hotel Mar' },
      { status: 201, statusText: 'Created' },
    );
    await settle();

    expectList().flush(page(ORGS));
    await settle();
    expect(
      TestBed.inject(Notifications)
        .items()
        .map((n) => n.text),
    ).toContain('Organisation “Hotel Mar” created.');
    expect(el.querySelector<HTMLInputElement>('#org-name')?.value).toBe('');
  });

  it('shows client-side errors without calling the API', async () => {
    await loadFirstPage();
    el.querySelector<HTMLFormElement>('#org-create-form')?.dispatchEvent(new Event('submit'));
    await settle();
    http.expectNone((r) => r.method === 'POST');
    expect(el.querySelector('#org-name-error')?.textContent).toContain('Enter the name');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('4 highlighted fields');
    expect(document.activeElement?.id).toBe('org-name');
  });

  it('shows a field error from a 400 problem next to the field', async () => {
    await loadFirstPage();
    type('#org-name', 'Hotel Mar');
    type('#org-kind', 'company');
    type('#org-country', 'ES');
    await answerCities('ES', []);
    type('#org-city', 'Málaga');
    type('#org-timeZone', 'Mars/Olympus');
    el.querySelector<HTMLFormElement>('#org-create-form')?.dispatchEvent(new Event('submit'));
    await settle();

    http
      .expectOne((r) => r.method === 'POST')
      .flush(
        {
          type: problemType('invalid-request'),
          title: 'Invalid request',
          status: 400,
          errors: [{ field: 'timeZone', rule: 'isTimeZone', message: 'timeZone must be a valid IANA time zone' }],
        },
        { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
      );
    await settle();

    const input = el.querySelector('#org-timeZone');
    expect(el.querySelector('#org-timeZone-error')?.textContent).toContain('timeZone must be a valid IANA time zone');
    expect(input?.getAttribute('aria-invalid')).toBe('true');
    expect(input?.getAttribute('aria-describedby')).toContain('org-timeZone-error');
    expect(document.activeElement).toBe(input);
    expect(TestBed.inject(Notifications).items()).toHaveLength(0);
  });

  it('links to the team of an organisation the person coordinates, and to the mentors of a partner it registered', async () => {
    const stranger: OrganisationDto = {
      ...ORGS[1],
      id: '44444444-4444-4444-8444-444444444444',
      name: 'Elsewhere',
      registeredByOrganisationId: 'someone-else',
    };
    await loadFirstPage(page([...ORGS, stranger]));
    const links = Array.from(el.querySelectorAll('tbody tr')).map((r) =>
      r.querySelector<HTMLAnchorElement>('a[href*="/team"]'),
    );
    expect(links[0]?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Team of Berufskolleg Rhein-Ruhr');
    expect(links[0]?.getAttribute('href')).toBe(`/organisations/${ORGS[0].id}/team`);
    expect(links[1]?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Mentors of Taller Sol');
    expect(links[1]?.getAttribute('href')).toBe(`/organisations/${ORGS[1].id}/team`);
    expect(links[2]).toBeNull();
  });

  it('asks which of several organisations registers a new partner, and sends it', async () => {
    TestBed.inject(Session).signIn({
      ...KATRIN,
      memberships: [
        ...KATRIN.memberships,
        { organisationId: '55555555-5555-4555-8555-555555555555', organisationName: 'BK Süd', role: 'staff' },
        { organisationId: '66666666-6666-4666-8666-666666666666', organisationName: 'Taller Sol', role: 'mentor' },
      ],
    });
    await loadFirstPage();
    const select = el.querySelector<HTMLSelectElement>('#org-registeredByOrganisationId');
    expect(el.querySelector('label[for="org-registeredByOrganisationId"]')?.textContent).toContain('Registered by');
    // Only the organisations the person works for on the sending side.
    expect(Array.from(select?.querySelectorAll('option:not([disabled])') ?? []).map((o) => o.textContent)).toEqual([
      'Berufskolleg Rhein-Ruhr',
      'BK Süd',
    ]);

    type('#org-name', 'Hotel Mar');
    type('#org-kind', 'company');
    type('#org-country', 'ES');
    await answerCities('ES', []);
    type('#org-city', 'Málaga');
    el.querySelector<HTMLFormElement>('#org-create-form')?.dispatchEvent(new Event('submit'));
    await settle();
    http.expectNone((r) => r.method === 'POST');
    expect(el.querySelector('#org-registeredByOrganisationId-error')?.textContent).toContain(
      'Choose which of your organisations registers this partner.',
    );
    expect(document.activeElement?.id).toBe('org-registeredByOrganisationId');

    type('#org-registeredByOrganisationId', '55555555-5555-4555-8555-555555555555');
    el.querySelector<HTMLFormElement>('#org-create-form')?.dispatchEvent(new Event('submit'));
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/organisations');
    expect(post.request.body).toEqual({
      registeredByOrganisationId: '55555555-5555-4555-8555-555555555555',
      name: 'Hotel Mar',
      kind: 'company',
      country: 'ES',
      city: 'Málaga',
    });
    post.flush({ ...ORGS[1], name: 'Hotel Mar' }, { status: 201, statusText: 'Created' });
    await settle();
    expectList().flush(page(ORGS));
    await settle();
  });

  it('does not ask someone working for one organisation', async () => {
    await loadFirstPage();
    expect(el.querySelector('#org-registeredByOrganisationId')).toBeNull();
  });
});
