import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { PersonSummaryDto, ProjectDto } from '@mobility-hub/api-client';
import { detectAndSettle } from '@testing/spec-helpers';
import { NewMobilityPage } from '@app/features/mobility/new-mobility-page';

const PROJECT = {
  id: 'p1',
  title: 'Skills abroad 2027',
  reference: '2027-1-DE02-KA122-VET-000123',
  action: 'KA122-VET',
  callYear: 2027,
  startDate: '2027-01-01',
  endDate: '2028-06-30',
  beneficiaryOrganisation: { id: 'o1', name: 'BBS Trier', country: 'DE' },
  mobilityCounts: {
    application: 0,
    preparation: 0,
    implementation: 0,
    evaluation: 0,
    finalisation: 0,
    completed: 0,
    withdrawn: 0,
  },
  mobilityTotal: 0,
  overdueMobilities: 0,
} satisfies ProjectDto;

const LENA: PersonSummaryDto = {
  id: 'pe1',
  organisationId: 'o1',
  firstName: 'Lena',
  lastName: 'Schmidt',
  email: 'lena.schmidt@example.org',
  dateOfBirth: '2007-04-12',
  mobilityCount: 1,
  latestStartDate: '2026-06-01',
};

const page = (items: PersonSummaryDto[]) => ({ items, total: items.length, page: 1, pageSize: 5 });
const typingPause = () => new Promise((resolve) => setTimeout(resolve, 350));

describe('ReturningPerson (in the new-mobility form)', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<NewMobilityPage>;
  let el: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [NewMobilityPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NewMobilityPage);
    fixture.componentRef.setInput('projectId', 'p1');
    el = fixture.nativeElement as HTMLElement;
    await settle();
    http.expectOne('/api/projects/p1').flush(PROJECT);
    http.expectOne((r) => r.url === '/api/organisations').flush({ items: [], page: 1, pageSize: 500, total: 0 });
    await settle();
  });
  afterEach(() => http.verify());

  const settle = (): Promise<void> => detectAndSettle(fixture);
  const input = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
  function type(id: string, value: string): void {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
  }
  const offers = () =>
    Array.from(el.querySelectorAll('[data-testid="person-offer"]')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );

  it('offers the school’s person once the e-mail is typed, and fills them in', async () => {
    type('nm-participant-email', ' Lena.Schmidt@example.org');
    await settle();
    await typingPause();
    const lookup = http.expectOne((r) => r.url === '/api/persons');
    expect(lookup.request.params.get('email')).toBe('Lena.Schmidt@example.org');
    expect(lookup.request.params.get('organisationId')).toBe('o1');
    lookup.flush(page([LENA]));
    await settle();
    expect(offers()).toEqual([
      'Lena Schmidt (born 12 Apr 2007) · lena.schmidt@example.org — already went on 1 mobility Use this person',
    ]);

    el.querySelector<HTMLButtonElement>('[data-testid="person-offer"] button')?.click();
    await settle();
    expect(
      ['nm-participant-firstName', 'nm-participant-lastName', 'nm-participant-email', 'nm-participant-dateOfBirth'].map(
        (id) => input(id).value,
      ),
    ).toEqual(['Lena', 'Schmidt', 'lena.schmidt@example.org', '2007-04-12']);
    // The address is the same: the lookup is not asked again for it (case aside, it is another value).
    await typingPause();
    http.match((r) => r.url === '/api/persons').forEach((r) => r.flush(page([LENA])));
    await settle();
    expect(offers()[0]).toContain('Using this person');
    expect(el.querySelector('[data-testid="person-offer"] button')).toBeNull();
  });

  it('finds people by name in the search box; nobody is said so', async () => {
    type('nm-person-search', 'schm');
    await settle();
    await typingPause();
    const search = http.expectOne((r) => r.url === '/api/persons');
    expect(search.request.params.get('q')).toBe('schm');
    expect(search.request.params.get('organisationId')).toBe('o1');
    search.flush(page([{ ...LENA, mobilityCount: 2, dateOfBirth: null }]));
    await settle();
    expect(offers()).toEqual([
      'Lena Schmidt · lena.schmidt@example.org — already went on 2 mobilities Use this person',
    ]);

    type('nm-person-search', 'nobody');
    await settle();
    await typingPause();
    http.expectOne((r) => r.url === '/api/persons').flush(page([]));
    await settle();
    expect(offers()).toEqual([]);
    expect(el.textContent).toContain('Nobody of your school matches “nobody”.');
  });

  it('asks nothing for an address that is not one yet', async () => {
    type('nm-participant-email', 'lena.schmidt@');
    await settle();
    await typingPause();
    http.expectNone((r) => r.url === '/api/persons');
  });
});
