import { provideHttpClient, withFetch } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { InvitationViewDto, MeDto } from '@mobility-hub/api-client';
import { Session } from '../../core/auth/session';
import { Notifications } from '../../core/notifications';
import { InvitationPage } from './invitation-page';

const TOKEN = 'inv_Jx3kP0v9mQ2rT7wZ1yB4nC6dF8gH0jK2lM4o';
const URL = `/api/invitations/${TOKEN}`;

const INVITATION: InvitationViewDto = {
  organisationName: 'Berufskolleg Rhein-Ruhr',
  role: 'staff',
  email: 'a***@bk-rhein-ruhr.example',
  accountExists: false,
  expiresAt: '2026-12-05T10:00:00Z',
};

const ANNA: MeDto = {
  id: 'u9',
  email: 'anna.colleague@bk-rhein-ruhr.example',
  displayName: 'Anna Kollegin',
  memberships: [{ organisationId: 'o1', organisationName: 'Berufskolleg Rhein-Ruhr', role: 'staff' }],
  participantId: null,
};

describe('InvitationPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<InvitationPage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [InvitationPage],
      providers: [provideRouter([{ path: '**', children: [] }]), provideHttpClient(withFetch()), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(InvitationPage);
    fixture.componentRef.setInput('token', TOKEN);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
  });

  afterEach(() => {
    http.verify();
    el.remove();
  });

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  async function open(answer: (req: TestRequest) => void = (req) => req.flush(INVITATION)): Promise<void> {
    await settle();
    const req = http.expectOne(URL);
    expect(req.request.method).toBe('GET');
    answer(req);
    await settle();
  }

  function type(id: string, value: string): void {
    const input = el.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no field #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function button(text: string): HTMLButtonElement {
    const found = Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.trim() === text);
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  function text(testId: string): string {
    return el.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  const gone = (type: string, detail: string) => (req: TestRequest) =>
    req.flush(
      { type: `urn:mobility-hub:problem:${type}`, title: 'Link no longer valid', status: 410, detail },
      { status: 410, statusText: 'Gone', headers: { 'content-type': 'application/problem+json' } },
    );

  it('shows what is offered — organisation, role, masked address, expiry — and only reads on opening', async () => {
    await open();
    expect(el.querySelector('h1')?.textContent).toBe('Invitation to Mobility Hub');
    expect(text('invitation-organisation')).toBe('Berufskolleg Rhein-Ruhr');
    expect(text('invitation-role')).toContain('Staff');
    expect(text('invitation-email')).toBe('a***@bk-rhein-ruhr.example');
    expect(el.querySelector('[data-testid="invitation-expiry"] time')?.getAttribute('datetime')).toBe('2026-12-05T10:00:00Z');
    expect(text('invitation-expiry')).toContain('2026');
    http.expectNone((r) => r.method === 'POST');
  });

  it('asks a new account for a name and a password, the rule shown before typing', async () => {
    await open();
    expect(el.querySelector('label[for="invitation-displayName"]')?.textContent).toBe('Your name');
    expect(el.querySelector('#invitation-password-hint')?.textContent).toContain('At least 12 characters.');
    expect(el.querySelector('#invitation-password')?.getAttribute('aria-describedby')).toBe('invitation-password-hint');

    type('invitation-password', 'too short');
    type('invitation-confirmation', 'different');
    button('Accept and create the account').click();
    await settle();
    http.expectNone((r) => r.method === 'POST');
    expect(el.querySelector('#invitation-displayName-error')?.textContent).toBe('Enter your name.');
    expect(el.querySelector('#invitation-password-error')?.textContent).toBe('Use at least 12 characters.');
    expect(el.querySelector('#invitation-confirmation-error')?.textContent).toBe('The two passwords are not the same.');
    expect(document.activeElement?.id).toBe('invitation-displayName');
  });

  it('accepts: hands the user to the session, says welcome and goes to their home', async () => {
    await open();
    type('invitation-displayName', '  Anna Kollegin ');
    type('invitation-password', 'a long enough password');
    type('invitation-confirmation', 'a long enough password');
    button('Accept and create the account').click();
    await settle();

    const post = http.expectOne((r) => r.method === 'POST' && r.url === `${URL}/accept`);
    expect(post.request.body).toEqual({ displayName: 'Anna Kollegin', password: 'a long enough password' });
    post.flush(ANNA);
    await settle();

    const session = TestBed.inject(Session);
    expect(session.status()).toBe('signed-in');
    expect(session.user()).toEqual(ANNA);
    expect(TestBed.inject(Router).url).toBe('/projects');
    expect(TestBed.inject(Notifications).items().map((n) => n.text)).toEqual([
      'Welcome to Berufskolleg Rhein-Ruhr: you are signed in as Anna Kollegin.',
    ]);
  });

  it('lets an existing account join with one button, sending no name nor password', async () => {
    await open((req) => req.flush({ ...INVITATION, role: 'mentor', accountExists: true }));
    expect(el.querySelector('#invitation-password')).toBeNull();
    expect(el.textContent).toContain('This address already has a Mobility Hub account');

    button('Accept the invitation').click();
    await settle();
    const post = http.expectOne(`${URL}/accept`);
    expect(post.request.body).toEqual({});
    post.flush({ ...ANNA, memberships: [{ organisationId: 'o2', organisationName: 'Talleres', role: 'mentor' }] });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/host');
  });

  it('shows the API’s field errors next to the fields', async () => {
    await open();
    type('invitation-displayName', 'Anna');
    type('invitation-password', 'a long enough password');
    type('invitation-confirmation', 'a long enough password');
    button('Accept and create the account').click();
    await settle();
    http.expectOne(`${URL}/accept`).flush(
      {
        type: 'urn:mobility-hub:problem:invalid-request',
        title: 'Invalid request',
        status: 400,
        errors: [{ field: 'password', rule: 'minLength', message: 'password must be at least 12 characters' }],
      },
      { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    );
    await settle();
    expect(el.querySelector('#invitation-password-error')?.textContent).toBe('password must be at least 12 characters');
    expect(document.activeElement?.id).toBe('invitation-password');
    expect(TestBed.inject(Session).status()).not.toBe('signed-in');
  });

  it('explains an unknown link (404)', async () => {
    await open((req) =>
      req.flush({ title: 'Not found', status: 404, detail: 'Invitation in this e-mail not found' }, { status: 404, statusText: 'Not Found' }),
    );
    expect(text('link-problem')).toContain('This invitation link is not valid');
    expect(el.querySelector('#invitation-form')).toBeNull();
  });

  it('explains a used invitation (410) and offers to sign in', async () => {
    await open(gone('link-used', 'This invitation was already accepted.'));
    expect(text('link-problem')).toContain('This invitation was already accepted');
    expect(el.querySelector('[data-testid="link-problem"] a')?.getAttribute('href')).toBe('/sign-in');
  });

  it('explains an expired invitation (410), also when it expires while the form is open', async () => {
    await open();
    type('invitation-displayName', 'Anna');
    type('invitation-password', 'a long enough password');
    type('invitation-confirmation', 'a long enough password');
    button('Accept and create the account').click();
    await settle();
    gone('link-expired', 'This invitation has expired.')(http.expectOne(`${URL}/accept`));
    await settle();
    expect(text('link-problem')).toContain('This invitation has expired');
    expect(document.activeElement?.id).toBe('link-problem');
    expect(el.querySelector('#invitation-form')).toBeNull();
  });
});
