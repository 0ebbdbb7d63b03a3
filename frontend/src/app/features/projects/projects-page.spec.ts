import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiConfiguration, type MeDto, type OrganisationDto, type ProjectDto } from '@mobility-hub/api-client';
import { Session } from '@app/core/auth/session';
import { Notifications } from '@app/core/notifications';
import { formatDate } from '@app/core/format-date';
import { ProjectsPage } from './projects-page';
import { provideHttpTesting, detectAndSettle } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';
import { answerHostAnswers } from '@testing/host-answers';

const ORG: OrganisationDto = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Berufskolleg Rhein-Ruhr',
  kind: 'vet-provider',
  country: 'DE',
  city: 'Essen',
  oid: 'E10012345',
  email: null,
  timeZone: 'Europe/Berlin',
  registeredByOrganisationId: null,
  yourRole: 'coordinator',
};

/** A school whose staff the coordinator also is (not a possible beneficiary for her), and a partner she registered. */
const OTHER_SCHOOL: OrganisationDto = {
  ...ORG,
  id: '22222222-2222-4222-8222-222222222222',
  name: 'Aalto Vocational College',
  city: 'Espoo',
  country: 'FI',
  yourRole: 'staff',
};
const PARTNER: OrganisationDto = {
  ...ORG,
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Officina Digitale',
  kind: 'company',
  city: 'Bologna',
  country: 'IT',
  registeredByOrganisationId: ORG.id,
  yourRole: null,
};
const SECOND_COORDINATED: OrganisationDto = {
  ...ORG,
  id: '44444444-4444-4444-8444-444444444444',
  name: 'Berufskolleg Essen-Nord',
  yourRole: 'coordinator',
};

const KATRIN: MeDto = {
  id: '0b6f7d1e-58c5-4c09-9a43-2f1f5d0f6a11',
  email: 'coordinator@bk-rhein-ruhr.example',
  displayName: 'Katrin Weber',
  memberships: [
    { organisationId: ORG.id, organisationName: ORG.name, role: 'coordinator' },
    { organisationId: OTHER_SCHOOL.id, organisationName: OTHER_SCHOOL.name, role: 'staff' },
  ],
  participantIds: [],
};
const JONAS: MeDto = {
  id: '1c7f8e2f-69d6-4d1a-8b54-3a2a6e1a7b22',
  email: 'staff@bk-rhein-ruhr.example',
  displayName: 'Jonas Becker',
  memberships: [{ organisationId: ORG.id, organisationName: ORG.name, role: 'staff' }],
  participantIds: [],
};

const PROJECT: ProjectDto = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  reference: '2025-1-DE02-KA122-VET-000111222',
  title: 'Apprentices abroad 2025',
  action: 'KA122-VET',
  callYear: 2025,
  beneficiaryOrganisation: { id: ORG.id, name: ORG.name, country: 'DE' },
  startDate: '2025-09-01',
  endDate: '2026-08-31',
  mobilityCounts: {
    application: 3,
    preparation: 2,
    implementation: 1,
    evaluation: 0,
    finalisation: 0,
    completed: 4,
    withdrawn: 1,
  },
  mobilityTotal: 11,
  overdueMobilities: 2,
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

describe('ProjectsPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ProjectsPage>;
  let el: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ProjectsPage],
      providers: [provideRouter([]), provideHttpTesting(), provideApiConfiguration('')],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
  });

  /** The page as `user` sees it (the route guard has read the session). */
  function create(user: MeDto): void {
    TestBed.inject(Session).signIn(user);
    fixture = TestBed.createComponent(ProjectsPage);
    el = fixture.nativeElement as HTMLElement;
  }

  afterEach(() => {
    answerHostAnswers(http);
    http.verify();
  });

  /** Runs effects and change detection and lets promises settle; whenStable() would wait for open requests. */
  const settle = (): Promise<void> => detectAndSettle(fixture);

  function expectGet(url: string): TestRequest {
    return http.expectOne((r) => r.method === 'GET' && r.url === url);
  }

  async function load(items: ProjectDto[] = [PROJECT], user = KATRIN): Promise<TestRequest> {
    create(user);
    await settle();
    const req = expectGet('/api/projects');
    req.flush({ items, total: items.length, page: 1, pageSize: 100 });
    await settle();
    return req;
  }

  function set(selector: string, value: string): void {
    const input = el.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
    if (!input) throw new Error(`No ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  }

  function newProjectButton(): HTMLButtonElement | undefined {
    return Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'New project');
  }

  async function openForm(organisations: OrganisationDto[] = [ORG, OTHER_SCHOOL, PARTNER]): Promise<void> {
    const button = newProjectButton();
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    button?.click();
    await settle();
    expect(button?.getAttribute('aria-expanded')).toBe('true');
    const req = expectGet('/api/organisations');
    expect(req.request.params.get('pageSize')).toBe('500');
    req.flush({ items: organisations, total: organisations.length, page: 1, pageSize: 500 });
    await settle();
  }

  function beneficiaryOptions(): { value: string; text: string }[] {
    return Array.from(el.querySelectorAll<HTMLOptionElement>('#project-beneficiaryOrganisationId option')).map((o) => ({
      value: o.value,
      text: o.textContent?.trim() ?? '',
    }));
  }

  function fillValidForm(): void {
    set('#project-reference', ' 2026-1-DE02-KA122-VET-000123456 ');
    set('#project-title', 'Apprentices abroad 2026');
    set('#project-action', 'KA122-VET');
    set('#project-callYear', '2026');
    set('#project-beneficiaryOrganisationId', ORG.id);
    set('#project-startDate', '2026-09-01');
    set('#project-endDate', '2027-08-31');
  }

  function submit(): void {
    el.querySelector<HTMLFormElement>('#project-create-form')?.dispatchEvent(new Event('submit'));
  }

  it('lists the projects with phase counts, overdue count and a link to the board', async () => {
    const req = await load();
    expect(req.request.params.get('pageSize')).toBe('100');

    const cards = el.querySelectorAll('li.card');
    expect(cards).toHaveLength(1);
    const card = cards[0];
    const link = card.querySelector('h3 a');
    expect(link?.textContent?.trim()).toBe('Apprentices abroad 2025');
    expect(link?.getAttribute('href')).toBe(`/projects/${PROJECT.id}`);
    expect(card.textContent).toContain('2025-1-DE02-KA122-VET-000111222');
    expect(card.textContent).toContain('KA122-VET');
    expect(card.textContent).toContain('Berufskolleg Rhein-Ruhr (DE)');
    expect(card.textContent).toContain(formatDate('2025-09-01'));

    const phases = Array.from(card.querySelectorAll('.phases > div')).map((d) => [
      d.querySelector('dt')?.textContent?.trim(),
      d.querySelector('dd')?.textContent?.trim(),
    ]);
    expect(phases).toEqual([
      ['Application', '3'],
      ['Preparation', '2'],
      ['Implementation', '1'],
      ['Evaluation', '0'],
      ['Finalisation', '0'],
      ['Completed', '4'],
      ['Withdrawn', '1'],
      ['Total', '11'],
    ]);
    expect(card.querySelector('[data-testid="overdue"]')?.textContent).toContain('2');
    expect(el.querySelector('[data-testid="project-count"]')?.textContent).toContain('1 project');
  });

  it('formats ISO dates without a time-zone shift', () => {
    expect(formatDate('2026-09-01')).toMatch(/^1 Sep/);
    expect(formatDate('2026-12-31')).toBe('31 Dec 2026');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('creates a project with the right body and shows it in the list', async () => {
    await load();
    await openForm();
    expect(el.querySelector('#project-beneficiaryOrganisationId')?.textContent).toContain(
      'Berufskolleg Rhein-Ruhr (Essen, DE)',
    );
    fillValidForm();
    submit();
    await settle();

    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/projects');
    expect(post.request.body).toEqual({
      reference: '2026-1-DE02-KA122-VET-000123456',
      title: 'Apprentices abroad 2026',
      action: 'KA122-VET',
      callYear: 2026,
      beneficiaryOrganisationId: ORG.id,
      startDate: '2026-09-01',
      endDate: '2027-08-31',
    });
    const created: ProjectDto = {
      ...PROJECT,
      id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      reference: '2026-1-DE02-KA122-VET-000123456',
      title: 'Apprentices abroad 2026',
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
    };
    post.flush(created, { status: 201, statusText: 'Created' });
    await settle();

    const titles = Array.from(el.querySelectorAll('li.card h3')).map((h) => h.textContent?.trim());
    expect(titles).toEqual(['Apprentices abroad 2026', 'Apprentices abroad 2025']);
    expect(el.querySelector('li.card.created h3')?.textContent).toContain('2026');
    expect(el.querySelector('#project-create-form')).toBeNull();
    expect(TestBed.inject(Notifications).items()[0]?.text).toContain('2026-1-DE02-KA122-VET-000123456');
  });

  it('shows the field errors of a 422 problem next to the fields', async () => {
    await load();
    await openForm();
    fillValidForm();
    set('#project-endDate', '2026-01-01');
    submit();
    await settle();

    http
      .expectOne((r) => r.method === 'POST')
      .flush(
        {
          type: problemType('rule-violated'),
          title: 'Business rule violated',
          status: 422,
          errors: [
            { field: 'endDate', rule: 'endAfterStart', message: 'The end date must be after the start date' },
            { field: 'reference', rule: 'unique', message: 'A project with this reference already exists' },
          ],
        },
        { status: 422, statusText: 'Unprocessable Entity', headers: { 'content-type': 'application/problem+json' } },
      );
    await settle();

    expect(el.querySelector('#project-endDate-error')?.textContent).toContain(
      'The end date must be after the start date',
    );
    expect(el.querySelector('#project-reference-error')?.textContent).toContain('already exists');
    expect(el.querySelector('#project-endDate')?.getAttribute('aria-describedby')).toBe('project-endDate-error');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('2 highlighted fields');
    expect(document.activeElement?.id).toBe('project-reference');
    expect(el.querySelectorAll('li.card')).toHaveLength(1);
  });

  it('reports a problem without field errors through the notifications', async () => {
    await load();
    await openForm();
    fillValidForm();
    submit();
    await settle();
    http
      .expectOne((r) => r.method === 'POST')
      .flush(
        { type: problemType('not-found'), title: 'Not found', status: 404, detail: 'No such organisation' },
        { status: 404, statusText: 'Not Found', headers: { 'content-type': 'application/problem+json' } },
      );
    await settle();
    const notes = TestBed.inject(Notifications).items();
    expect(notes[0]?.kind).toBe('error');
    expect(notes[0]?.text).toContain('No such organisation');
  });

  it('requires the fields before posting', async () => {
    await load();
    await openForm([ORG, SECOND_COORDINATED]);
    submit();
    await settle();
    http.expectNone((r) => r.method === 'POST');
    expect(el.querySelector('#project-reference-error')?.textContent).toContain('Enter the grant agreement reference');
    expect(el.querySelector('#project-beneficiaryOrganisationId-error')).not.toBeNull();
  });

  it('offers only the organisations the person coordinates as the beneficiary, the only one chosen already', async () => {
    await load();
    await openForm();
    // Not the school where she is staff, nor a partner: the API would answer 403.
    expect(beneficiaryOptions()).toEqual([
      { value: '', text: 'Choose…' },
      { value: ORG.id, text: 'Berufskolleg Rhein-Ruhr (Essen, DE)' },
    ]);
    expect(el.querySelector<HTMLSelectElement>('#project-beneficiaryOrganisationId')?.value).toBe(ORG.id);
    expect(el.querySelector('#project-beneficiaryOrganisationId')?.getAttribute('aria-describedby')).toBe(
      'project-beneficiaryOrganisationId-hint',
    );
  });

  it('lets someone coordinating several organisations choose among them', async () => {
    await load();
    await openForm([ORG, SECOND_COORDINATED, OTHER_SCHOOL]);
    expect(beneficiaryOptions().map((o) => o.text)).toEqual([
      'Choose…',
      'Berufskolleg Essen-Nord (Essen, DE)',
      'Berufskolleg Rhein-Ruhr (Essen, DE)',
    ]);
    expect(el.querySelector<HTMLSelectElement>('#project-beneficiaryOrganisationId')?.value).toBe('');
  });

  it('offers staff no "New project" (only a coordinator of the beneficiary opens projects)', async () => {
    await load([], JONAS);
    expect(newProjectButton()).toBeUndefined();
    expect(el.querySelector('#project-create-form')).toBeNull();
    expect(el.querySelector('.empty')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'No projects yet. A coordinator of your organisation opens them; they appear here.',
    );
    // Nor the organisations it would have asked for.
    http.expectNone((r) => r.url === '/api/organisations');
  });

  it('tells a coordinator with no projects to create the first one', async () => {
    await load([]);
    expect(newProjectButton()).toBeDefined();
    expect(el.querySelector('.empty')?.textContent?.trim()).toBe(
      'No projects yet. Create the first one with “New project”.',
    );
  });
});
