import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { OrganisationDto, ProjectDto } from '@mobility-hub/api-client';
import { NewMobilityPage } from './new-mobility-page';
import { problemType } from '@mobility-hub/domain';
import { Session } from '@app/core/auth/session';
import { detectAndSettle } from '@testing/spec-helpers';

const PROJECT = {
  id: 'p1',
  title: 'Skills abroad 2026',
  reference: '2026-1-DE02-KA121-VET-000123',
  action: 'KA121-VET',
  callYear: 2026,
  startDate: '2026-01-01',
  endDate: '2027-12-31',
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
  status: 'running',
  reportSubmittedOn: null,
  closedOn: null,
  interimReportDueDate: null,
  nextDeadline: null,
  overdueTasks: 0,
  possibleEvents: [],
  canManage: true,
  warnings: [],
} satisfies ProjectDto;

function org(id: string, name: string, country: string): OrganisationDto {
  return {
    id,
    name,
    country,
    city: 'City',
    email: null,
    kind: 'company',
    oid: null,
    timeZone: 'Europe/Berlin',
    registeredByOrganisationId: null,
    yourRole: null,
  };
}
const ORGANISATIONS = [org('o1', 'BBS Trier', 'DE'), org('o2', 'Hotel Lisboa', 'PT'), org('o3', 'Autohaus Köln', 'DE')];

describe('NewMobilityPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<NewMobilityPage>;
  let el: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [NewMobilityPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    // The returning-person lookup asks once typing pauses: nobody of the school is known here.
    for (const r of http.match((r) => r.url === '/api/persons')) r.flush({ items: [], total: 0, page: 1, pageSize: 1 });
    http.verify();
  });

  const settle = (): Promise<void> => detectAndSettle(fixture);

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(NewMobilityPage);
    fixture.componentRef.setInput('projectId', 'p1');
    el = fixture.nativeElement as HTMLElement;
    await settle();
    http.expectOne('/api/projects/p1').flush(PROJECT);
    const orgs: TestRequest = http.expectOne((r) => r.url === '/api/organisations');
    expect(orgs.request.params.get('pageSize')).toBe('500');
    orgs.flush({ items: ORGANISATIONS, page: 1, pageSize: 500, total: ORGANISATIONS.length });
    await settle();
  }

  function control<T extends HTMLInputElement | HTMLSelectElement>(label: string): T {
    const found = Array.from(el.querySelectorAll('label')).find((l) => l.textContent?.trim().startsWith(label));
    const control = found && el.querySelector<T>(`#${found.getAttribute('for')}`);
    if (!control) throw new Error(`no control labelled "${label}"`);
    return control;
  }

  function fill(label: string, value: string): void {
    const c = control(label);
    c.value = value;
    c.dispatchEvent(new Event(c instanceof HTMLSelectElement ? 'change' : 'input'));
    c.dispatchEvent(new Event('blur'));
  }

  async function fillValid(): Promise<void> {
    fill('First name', 'Lena');
    fill('Last name', 'Fischer');
    fill('E-mail', 'lena@example.org');
    fill('Date of birth', '2000-05-17');
    fill('Activity type', 'LM-SHORT-VET');
    fill('Host organisation', 'o2');
    fill('First day abroad', '2026-03-02');
    fill('Last day abroad', '2026-03-11');
    fill('Travel days', '2');
    await settle();
  }

  function submit(): void {
    el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
  }

  it('defaults the sending organisation to the beneficiary and lists only hosts abroad', async () => {
    await render();
    expect(control<HTMLSelectElement>('Sending organisation').value).toBe('o1');
    const hosts = Array.from(control<HTMLSelectElement>('Host organisation').options).map((o) => o.value);
    expect(hosts).toEqual(['', 'o2']);
    const types = Array.from(control<HTMLSelectElement>('Activity type').options).map((o) => o.textContent?.trim());
    expect(types).toContain('Short-term learning mobility of VET learners (LM-SHORT-VET, 10–89 days)');
  });

  it('shows the duration error for the activity type before submitting, and does not post', async () => {
    await render();
    fill('Activity type', 'LM-SHORT-VET');
    fill('First day abroad', '2026-03-02');
    fill('Last day abroad', '2026-03-05');
    await settle();

    const end = control<HTMLInputElement>('Last day abroad');
    const message = el.querySelector(`#${end.getAttribute('aria-describedby')?.split(' ')[1]}`);
    expect(message?.textContent).toContain('LM-SHORT-VET lasts 10 to 89 days');
    expect(message?.textContent).toContain('these dates give 4');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(el.textContent).toContain('4 days abroad');

    submit();
    await settle();
    http.expectNone((r) => r.method === 'POST');
    const summary = el.querySelector('#form-errors');
    expect(summary?.getAttribute('role')).toBe('alert');
    expect(summary?.textContent).toContain('Enter the first name.');
    expect(document.activeElement).toBe(summary);
  });

  it('checks travel days against green travel', async () => {
    await render();
    fill('Travel days', '4');
    await settle();
    expect(el.textContent).toContain('Travel days can be at most 2, or 6 with green travel');
    const green = control<HTMLInputElement>('Green travel');
    green.click();
    await settle();
    expect(el.textContent).not.toContain('Travel days can be at most');
  });

  it('posts the right body and opens the new mobility', async () => {
    await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await fillValid();

    submit();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/projects/p1/mobilities');
    expect(post.request.body).toEqual({
      participant: { firstName: 'Lena', lastName: 'Fischer', email: 'lena@example.org', dateOfBirth: '2000-05-17' },
      activityType: 'LM-SHORT-VET',
      sendingOrganisationId: 'o1',
      hostOrganisationId: 'o2',
      startDate: '2026-03-02',
      endDate: '2026-03-11',
      travelDays: 2,
      greenTravel: false,
    });
    post.flush({ id: 'm9' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/mobilities', 'm9']);
  });

  it('posts the BM’s fewer-opportunities flag when ticked (unticked, the API’s default: not sent)', async () => {
    await render();
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await fillValid();
    const flag = control<HTMLInputElement>('Participant with fewer opportunities');
    expect(flag.checked).toBe(false);
    expect(el.querySelector('label[for="nm-fewerOpportunities"]')?.textContent?.trim()).toBe(
      'Participant with fewer opportunities (BM flag; no reason is recorded here)',
    );
    flag.click();
    await settle();

    submit();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/projects/p1/mobilities');
    expect(post.request.body).toEqual(expect.objectContaining({ fewerOpportunities: true, greenTravel: false }));
    post.flush({ id: 'm9' });
    await settle();
  });

  it('asks for the guardian when the learner is under 18 on the first day abroad, and posts them', async () => {
    await render();
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await fillValid();
    expect(el.querySelector('[data-testid="guardian-fieldset"]')).toBeNull();
    // 17 on 2 March 2026: the guardian fieldset appears, with the age.
    fill('Date of birth', '2008-03-03');
    await settle();
    expect(el.querySelector('[data-testid="age-at-start"]')?.textContent).toContain('17 on the first day abroad');
    expect(el.querySelector('[data-testid="guardian-fieldset"]')).not.toBeNull();
    submit();
    await settle();
    http.expectNone((r) => r.method === 'POST');
    expect(el.querySelector('#form-errors')?.textContent).toContain('The guardian');

    fill('Guardian’s full name', 'Petra Fischer');
    fill('Relationship', 'parent');
    fill('Guardian’s e-mail', 'petra@example.org');
    fill('Guardian’s phone', '+49 201 555 0100');
    await settle();
    submit();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST');
    expect(post.request.body.guardian).toEqual({
      name: 'Petra Fischer',
      email: 'petra@example.org',
      phone: '+49 201 555 0100',
      relationship: 'parent',
    });
    expect(post.request.body.participant.dateOfBirth).toBe('2008-03-03');
    post.flush({ id: 'm9' });
    await settle();
  });

  it('requires the date of birth of a learner, not of staff', async () => {
    await render();
    await fillValid();
    fill('Date of birth', '');
    await settle();
    submit();
    await settle();
    http.expectNone((r) => r.method === 'POST');
    expect(el.querySelector('#form-errors')?.textContent).toContain('The date of birth of a learner is required');
    fill('Activity type', 'SM-JOB-SHDW');
    await settle();
    expect(el.querySelector('#form-errors')?.textContent ?? '').not.toContain('date of birth');
  });

  it("shows the API's field errors after submitting", async () => {
    await render();
    await fillValid();

    submit();
    await settle();
    http
      .expectOne((r) => r.method === 'POST')
      .flush(
        {
          type: 'about:blank',
          title: 'Invalid request',
          status: 422,
          detail: 'One field is invalid',
          errors: [
            { field: 'participant.email', rule: 'unique', message: 'This e-mail is already registered in the project' },
          ],
        },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await settle();

    const email = control<HTMLInputElement>('E-mail');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector(`#${email.getAttribute('aria-describedby')}`)?.textContent).toContain('already registered');
    expect(document.activeElement).toBe(email);
  });

  it('shows what a field needs once it is left, and lists every field to correct after submitting', async () => {
    await render();
    const first = control<HTMLInputElement>('First name');
    first.dispatchEvent(new Event('blur'));
    await settle();
    expect(el.querySelector(`#${first.getAttribute('aria-describedby')}`)?.textContent).toContain(
      'Enter the first name.',
    );
    expect(control<HTMLInputElement>('Last name').getAttribute('aria-invalid')).toBeNull();

    submit();
    await settle();
    const links = Array.from(el.querySelectorAll<HTMLAnchorElement>('#form-errors a'));
    expect(links.map((a) => a.textContent)).toEqual([
      'Enter the first name.',
      'Enter the last name.',
      'Enter an e-mail address.',
      'Choose the activity type.',
      'Enter the first day of the activity abroad.',
      'Enter the last day of the activity abroad.',
    ]);
    links[1].click();
    expect(document.activeElement).toBe(control('Last name'));

    fill('First name', 'Lena');
    await settle();
    expect(el.querySelector('#form-errors h2')?.textContent).toContain('Please correct 5 fields');
  });

  it('shows a problem that belongs to no field above the form, with the focus on it', async () => {
    await render();
    await fillValid();
    submit();
    await settle();
    http
      .expectOne((r) => r.method === 'POST')
      .flush(
        { type: 'urn:mobility-hub:problem:role-not-allowed', title: 'Not allowed', status: 403, detail: 'Staff only' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    const problem = el.querySelector('#server-problem');
    expect(problem?.textContent).toContain('Not allowed: Staff only');
    expect(document.activeElement).toBe(problem);

    fill('First name', 'Lea');
    await settle();
    expect(el.querySelector('#server-problem')).toBeNull();
  });

  it('lists as sending organisations the school, the person’s own and partner schools — not host companies', async () => {
    fixture = TestBed.createComponent(NewMobilityPage);
    fixture.componentRef.setInput('projectId', 'p1');
    el = fixture.nativeElement as HTMLElement;
    await settle();
    http.expectOne('/api/projects/p1').flush(PROJECT);
    const items = [
      ...ORGANISATIONS,
      { ...org('o4', 'BBS Koblenz', 'DE'), kind: 'vet-provider' as const },
      { ...org('o5', 'BK Süd', 'DE'), yourRole: 'staff' as const },
      { ...org('o6', 'EuroPlacements', 'ES'), kind: 'intermediary' as const },
    ];
    http.expectOne((r) => r.url === '/api/organisations').flush({ items, page: 1, pageSize: 500, total: items.length });
    await settle();
    const sending = Array.from(control<HTMLSelectElement>('Sending organisation').options).map((o) => o.textContent);
    expect(sending).toEqual([
      'Choose…',
      'BBS Koblenz (City, Germany)',
      'BBS Trier (City, Germany)',
      'BK Süd (City, Germany)',
    ]);
  });

  it('registers a new host inline (country by name, city suggested), chooses it and posts the mobility with it', async () => {
    TestBed.inject(Session).signIn({
      id: 'u1',
      email: 'coordinator@bbs.example',
      displayName: 'Katrin Weber',
      memberships: [{ organisationId: 'o1', organisationName: 'BBS Trier', role: 'coordinator' }],
      participantIds: [],
    });
    await render();
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await fillValid();
    clickButton('Host not listed? Register a new host');
    await settle();
    expect(document.activeElement?.id).toBe('nh-name');

    // Nothing is sent while the host's fields are incomplete; Enter saves the host, not the mobility.
    clickButton('Save host');
    await settle();
    expect(el.querySelector('#nh-name-error')?.textContent).toContain('Enter the name of the host organisation.');
    expect(el.querySelector('#nh-country-error')?.textContent).toContain('Choose the country.');

    fill('Name of the host', 'Autoservis Novák');
    const country = control<HTMLSelectElement>('Country');
    const czechia = Array.from(country.options).find((o) => o.value === 'CZ');
    expect(czechia?.textContent?.trim()).toBe('Czechia');
    expect(
      Array.from(country.options)
        .find((o) => o.value === 'GR')
        ?.textContent?.trim(),
    ).toBe('Greece');
    fill('Country', 'CZ');
    await settle();
    const cities = http.expectOne((r) => r.url === '/api/organisations/cities');
    expect(cities.request.params.get('country')).toBe('CZ');
    cities.flush({ cities: ['Brno', 'Praha'] });
    await settle();
    expect(Array.from(el.querySelectorAll('#nh-city-suggestions option')).map((o) => o.getAttribute('value'))).toEqual([
      'Brno',
      'Praha',
    ]);
    fill('City', 'Praha');
    control<HTMLInputElement>('City').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    http.expectNone((r) => r.method === 'POST' && r.url === '/api/projects/p1/mobilities');

    const created = http.expectOne((r) => r.method === 'POST' && r.url === '/api/organisations');
    expect(created.request.body).toEqual({
      name: 'Autoservis Novák',
      kind: 'company',
      country: 'CZ',
      city: 'Praha',
      // The sending school (the person's own) registers it.
      registeredByOrganisationId: 'o1',
    });
    created.flush({ ...org('o9', 'Autoservis Novák', 'CZ'), city: 'Praha', registeredByOrganisationId: 'o1' });
    await settle();

    const host = control<HTMLSelectElement>('Host organisation');
    expect(host.value).toBe('o9');
    expect(host.options[host.selectedIndex].textContent).toBe('Autoservis Novák (Praha, Czechia)');
    expect(el.querySelector('[data-testid="host-added"]')?.textContent).toContain('Autoservis Novák is registered');
    expect(el.querySelector('#nh-name')).toBeNull();

    submit();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/projects/p1/mobilities');
    expect(post.request.body.hostOrganisationId).toBe('o9');
    post.flush({ id: 'm9' });
    await settle();
  });

  it('shows the API’s refusal of a new host at its field', async () => {
    await render();
    clickButton('Host not listed? Register a new host');
    await settle();
    fill('Name of the host', 'Taller Sol');
    fill('Country', 'ES');
    await settle();
    http.expectOne((r) => r.url === '/api/organisations/cities').flush({ cities: [] });
    fill('City', 'Sevilla');
    fill('Contact e-mail', 'info@sol.example');
    clickButton('Save host');
    await settle();
    http
      .expectOne((r) => r.method === 'POST' && r.url === '/api/organisations')
      .flush(
        {
          type: problemType('invalid-request'),
          title: 'Invalid request',
          status: 400,
          errors: [{ field: 'email', rule: 'isEmail', message: 'email must be an email' }],
        },
        { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
      );
    await settle();
    expect(el.querySelector('#nh-email-error')?.textContent).toContain('email must be an email');
    expect(document.activeElement?.id).toBe('nh-email');
    clickButton('Cancel');
    await settle();
    expect(el.querySelector('#nh-name')).toBeNull();
    expect(document.activeElement?.id).toBe('nm-new-host');
  });

  function clickButton(name: string): void {
    const button = Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => b.textContent?.trim() === name,
    );
    if (!button) throw new Error(`no button "${name}"`);
    button.click();
  }
});
