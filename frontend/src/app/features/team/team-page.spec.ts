import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { InvitationDto, MeDto, MemberDto, OrganisationDto } from '@mobility-hub/api-client';
import { Session } from '@app/core/auth/session';
import { TeamPage } from './team-page';
import { buttonNamed, detectAndSettle, provideHttpTesting, typeInto } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const ORG_ID = '5d1c7c0e-8a55-4f3e-a0a8-3f3c6a2c9b10';
const BASE = `/api/organisations/${ORG_ID}`;

const SCHOOL: OrganisationDto = {
  id: ORG_ID,
  name: 'Berufskolleg Rhein-Ruhr',
  kind: 'vet-provider',
  country: 'DE',
  city: 'Essen',
  email: 'erasmus@bk-rhein-ruhr.example',
  oid: 'E10234560',
  timeZone: 'Europe/Berlin',
  registeredByOrganisationId: null,
  yourRole: 'coordinator',
};

const KATRIN: MemberDto = {
  userId: 'u1',
  email: 'coordinator@bk-rhein-ruhr.example',
  displayName: 'Katrin Weber',
  role: 'coordinator',
  since: '2026-01-05T09:00:00Z',
};
const JONAS: MemberDto = {
  userId: 'u2',
  email: 'staff@bk-rhein-ruhr.example',
  displayName: 'Jonas Becker',
  role: 'staff',
  since: '2026-02-01T09:00:00Z',
};
const INVITED: InvitationDto = {
  id: 'i1',
  email: 'new.colleague@bk-rhein-ruhr.example',
  role: 'staff',
  sentAt: '2026-11-20T10:00:00Z',
  expiresAt: '2026-11-27T10:00:00Z',
};

const ME: MeDto = {
  id: 'u1',
  email: KATRIN.email,
  displayName: KATRIN.displayName,
  memberships: [
    { organisationId: ORG_ID, organisationName: SCHOOL.name, role: 'coordinator' },
    { organisationId: 'o-2', organisationName: 'BK Süd', role: 'coordinator' },
  ],
  participantIds: [],
};

const problem = (status: number, body: Record<string, unknown>) => ({
  body: { status, title: `Error ${status}`, ...body },
  init: { status, statusText: 'Error', headers: { 'content-type': 'application/problem+json' } },
});

describe('TeamPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<TeamPage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [TeamPage],
      providers: [provideRouter([{ path: '**', children: [] }]), provideHttpTesting()],
    });
    TestBed.inject(Session).signIn(ME);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TeamPage);
    fixture.componentRef.setInput('organisationId', ORG_ID);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
  });

  afterEach(() => {
    http.verify();
    el.remove();
  });

  const settle = (): Promise<void> => detectAndSettle(fixture);

  async function load(organisation = SCHOOL, members = [KATRIN, JONAS], invitations = [INVITED]): Promise<void> {
    await settle();
    http.expectOne(BASE).flush(organisation);
    http.expectOne(`${BASE}/members`).flush(members);
    http.expectOne(`${BASE}/invitations`).flush(invitations);
    await settle();
  }

  const button = (name: string, root: ParentNode = el): HTMLButtonElement => buttonNamed(root, name);

  function row(email: string): HTMLTableRowElement {
    const found = el.querySelector<HTMLTableRowElement>(`tr[data-member="${email}"]`);
    if (!found) throw new Error(`no row for ${email}`);
    return found;
  }

  function choose(id: string, value: string): void {
    const select = el.querySelector<HTMLSelectElement>(`#${id}`);
    if (!select) throw new Error(`no select #${id}`);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  const type = (id: string, value: string): void => typeInto(el, id, value);

  const status = () => el.querySelector('[role="status"]')?.textContent?.trim();

  it('lists the members with their roles and the pending invitations, with the team tabs', async () => {
    await load();
    expect(el.querySelector('h1')?.textContent).toContain('Team');
    expect(el.querySelector('h1')?.textContent).toContain('Berufskolleg Rhein-Ruhr');
    expect(row(KATRIN.email).textContent).toContain('(you)');
    expect(el.querySelector<HTMLSelectElement>('#role-u2')?.value).toBe('staff');
    expect(Array.from(el.querySelectorAll('#role-u2 option')).map((o) => o.textContent)).toEqual([
      'Coordinator',
      'Staff',
      'Mentor',
    ]);
    expect(el.querySelector('label[for="role-u2"]')?.textContent).toBe('Role of Jonas Becker');
    expect(el.querySelector('[data-testid="invitations"]')?.textContent).toContain(
      'new.colleague@bk-rhein-ruhr.example',
    );
    const tabs = Array.from(el.querySelectorAll<HTMLAnchorElement>('app-team-nav a'));
    expect(tabs.map((a) => a.getAttribute('href'))).toEqual([
      `/organisations/${ORG_ID}/team`,
      `/organisations/${ORG_ID}/team/audit`,
    ]);
    // The other organisation the person coordinates is a click away.
    expect(el.querySelector('.other-teams a')?.getAttribute('href')).toBe('/organisations/o-2/team');
  });

  it('changes a member’s role with the row’s button, not on every change of the select', async () => {
    await load();
    choose('role-u2', 'coordinator');
    await settle();
    http.expectNone((r) => r.method === 'PATCH');

    button('Save role of Jonas Becker', row(JONAS.email)).click();
    await settle();
    const patch = http.expectOne((r) => r.method === 'PATCH' && r.url === `${BASE}/members/u2`);
    expect(patch.request.body).toEqual({ role: 'coordinator' });
    patch.flush({ ...JONAS, role: 'coordinator' });
    await settle();
    expect(status()).toBe('Jonas Becker is now Coordinator.');
    expect(el.querySelector<HTMLSelectElement>('#role-u2')?.value).toBe('coordinator');
  });

  it('explains the 409 that keeps the last coordinator, and shows the role unchanged', async () => {
    await load();
    choose('role-u1', 'staff');
    button('Save role of Katrin Weber', row(KATRIN.email)).click();
    await settle();
    const { body, init } = problem(409, {
      type: problemType('last-coordinator'),
      title: 'The last coordinator stays',
      detail: 'You cannot change the role of the organisation’s only coordinator: make someone else coordinator first.',
    });
    http.expectOne(`${BASE}/members/u1`).flush(body, init);
    await settle();

    const alert = el.querySelector('[data-testid="member-problem"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('Katrin Weber stays coordinator.');
    expect(alert?.textContent).toContain('make someone else coordinator first');
    expect(alert?.textContent).toContain('always keeps at least one coordinator');
    expect(document.activeElement).toBe(alert);
    expect(el.querySelector<HTMLSelectElement>('#role-u1')?.value).toBe('coordinator');
  });

  it('removes a member only after a confirmation', async () => {
    await load();
    button('Remove… Jonas Becker').click();
    await settle();
    const confirm = el.querySelector('#remove-confirm');
    expect(confirm?.textContent).toContain('Remove Jonas Becker (Staff) from Berufskolleg Rhein-Ruhr?');
    expect(document.activeElement).toBe(confirm);
    http.expectNone((r) => r.method === 'DELETE');

    button('Cancel', confirm as HTMLElement).click();
    await settle();
    expect(el.querySelector('#remove-confirm')).toBeNull();
    expect(document.activeElement?.id).toBe('remove-u2');

    button('Remove… Jonas Becker').click();
    await settle();
    button('Remove Jonas Becker').click();
    await settle();
    const del = http.expectOne((r) => r.method === 'DELETE' && r.url === `${BASE}/members/u2`);
    del.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(el.querySelector('tr[data-member="staff@bk-rhein-ruhr.example"]')).toBeNull();
    expect(status()).toBe('Jonas Becker was removed from Berufskolleg Rhein-Ruhr.');
  });

  it('revokes a pending invitation', async () => {
    await load();
    button('Revoke the invitation to new.colleague@bk-rhein-ruhr.example').click();
    await settle();
    const del = http.expectOne((r) => r.method === 'DELETE' && r.url === `${BASE}/invitations/i1`);
    del.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(el.querySelector('[data-testid="invitations"]')).toBeNull();
    expect(el.textContent).toContain('No invitation is waiting for an answer.');
    expect(status()).toContain('The invitation to new.colleague@bk-rhein-ruhr.example was revoked');
  });

  it('invites: checks the address first, then posts e-mail, role and name and lists the invitation', async () => {
    await load(SCHOOL, [KATRIN, JONAS], []);
    expect(el.querySelector<HTMLSelectElement>('#invite-role')?.value).toBe('staff');

    el.querySelector<HTMLFormElement>('#invite-form')?.dispatchEvent(new Event('submit'));
    await settle();
    http.expectNone((r) => r.method === 'POST');
    expect(el.querySelector('#invite-email-error')?.textContent).toBe('Enter the e-mail address to invite.');
    expect(document.activeElement?.id).toBe('invite-email');

    type('invite-email', ' ana.garcia@bk-rhein-ruhr.example ');
    choose('invite-role', 'coordinator');
    type('invite-name', 'Ana García');
    el.querySelector<HTMLFormElement>('#invite-form')?.dispatchEvent(new Event('submit'));
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === `${BASE}/invitations`);
    expect(post.request.body).toEqual({
      email: 'ana.garcia@bk-rhein-ruhr.example',
      role: 'coordinator',
      name: 'Ana García',
    });
    post.flush(
      { ...INVITED, id: 'i2', email: 'ana.garcia@bk-rhein-ruhr.example', role: 'coordinator' },
      { status: 201, statusText: 'Created' },
    );
    await settle();
    expect(el.querySelector('[data-testid="invitations"]')?.textContent).toContain('ana.garcia@bk-rhein-ruhr.example');
    expect(el.querySelector<HTMLInputElement>('#invite-email')?.value).toBe('');
    expect(status()).toBe('Invitation sent to ana.garcia@bk-rhein-ruhr.example as Coordinator. It works for a week.');
  });

  it('shows the API’s field error (already a member) at the address', async () => {
    await load();
    type('invite-email', 'staff@bk-rhein-ruhr.example');
    el.querySelector<HTMLFormElement>('#invite-form')?.dispatchEvent(new Event('submit'));
    await settle();
    const { body, init } = problem(409, {
      type: problemType('already-member'),
      detail: 'staff@bk-rhein-ruhr.example is already a member of Berufskolleg Rhein-Ruhr.',
      errors: [{ field: 'email', rule: 'not a member yet', message: 'this address is already a member' }],
    });
    http.expectOne(`${BASE}/invitations`).flush(body, init);
    await settle();
    const input = el.querySelector('#invite-email');
    expect(el.querySelector('#invite-email-error')?.textContent).toBe('this address is already a member');
    expect(input?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input);
    expect(el.querySelector('[data-testid="invite-problem"]')).toBeNull();
  });

  it('manages only mentors in a host company the school registered', async () => {
    const company: OrganisationDto = {
      ...SCHOOL,
      id: ORG_ID,
      name: 'Talleres Mecánicos Castilla S.L.',
      kind: 'company',
      country: 'ES',
      registeredByOrganisationId: 'o-school',
      yourRole: null,
    };
    const mentor: MemberDto = {
      userId: 'u5',
      email: 'mentor1@talleres.example',
      displayName: 'Mentor at Talleres',
      role: 'mentor',
      since: '2026-01-05T09:00:00Z',
    };
    await load(company, [mentor], []);
    expect(el.querySelector('.page-lead')?.textContent).toContain('a host company your school registered');
    expect(el.querySelector('#role-u5')).toBeNull();
    expect(row(mentor.email).textContent).toContain('Mentor');
    expect(Array.from(el.querySelectorAll('#invite-role option')).map((o) => o.textContent)).toEqual(['Mentor']);
    expect(el.querySelector<HTMLSelectElement>('#invite-role')?.value).toBe('mentor');
  });

  it('explains a team that is not the person’s to manage (403)', async () => {
    await settle();
    const { body, init } = problem(403, { detail: 'Only the organisation’s coordinators manage its people.' });
    http.expectOne(BASE).flush(SCHOOL);
    http.expectOne(`${BASE}/members`).flush(body, init);
    http.expectOne(`${BASE}/invitations`).flush(body, init);
    await settle();
    expect(el.querySelector('[data-testid="team-problem"]')?.textContent).toContain(
      'This team is not yours to manage.',
    );
  });
});
