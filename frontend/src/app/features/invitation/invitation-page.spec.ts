import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { InvitationViewDto, MeDto } from '@mobility-hub/api-client';
import { Session } from '@app/core/auth/session';
import { Notifications } from '@app/core/notifications';
import { InvitationPage } from './invitation-page';
import { buttonNamed, detectAndSettle, provideHttpTesting, textOfTestId, typeInto } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

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
  participantIds: [],
};

describe('InvitationPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<InvitationPage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [InvitationPage],
      providers: [provideRouter([{ path: '**', children: [] }]), provideHttpTesting()],
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

  const settle = (): Promise<void> => detectAndSettle(fixture);

  async function open(answer: (req: TestRequest) => void = (req) => req.flush(INVITATION)): Promise<void> {
    await settle();
    const req = http.expectOne(URL);
    expect(req.request.method).toBe('GET');
    answer(req);
    await settle();
  }

  const type = (id: string, value: string): void => typeInto(el, id, value);

  const button = (name: string): HTMLButtonElement => buttonNamed(el, name);

  const text = (testId: string): string => textOfTestId(el, testId);

  const gone = (code: 'link-used' | 'link-expired', detail: string) => (req: TestRequest) =>
    req.flush(
      { type: problemType(code), title: 'Link no longer valid', status: 410, detail },
      { status: 410, statusText: 'Gone', headers: { 'content-type': 'application/problem+json' } },
    );

  it('shows what is offered — organisation, role, masked address, expiry — and only reads on opening', async () => {
    await open();
    expect(el.querySelector('h1')?.textContent).toBe('Invitation to Mobility Hub');
    expect(text('invitation-organisation')).toBe('Berufskolleg Rhein-Ruhr');
    expect(text('invitation-role')).toContain('Staff');
    expect(text('invitation-email')).toBe('a***@bk-rhein-ruhr.example');
    expect(el.querySelector('[data-testid="invitation-expiry"] time')?.getAttribute('datetime')).toBe(
      '2026-12-05T10:00:00Z',
    );
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
    expect(
      TestBed.inject(Notifications)
        .items()
        .map((n) => n.text),
    ).toEqual(['Welcome to Berufskolleg Rhein-Ruhr: you are signed in as Anna Kollegin.']);
  });

  describe('for an address that already has an account', () => {
    const HOST = 'Talleres Mecánicos Castilla S.L.';
    const EXISTING: InvitationViewDto = {
      ...INVITATION,
      organisationName: HOST,
      role: 'mentor',
      accountExists: true,
      email: 'j•••s@bk-rhein-ruhr.example',
    };
    const JONAS: MeDto = {
      id: 'u2',
      email: 'jonas@bk-rhein-ruhr.example',
      displayName: 'Jonas Becker',
      memberships: [{ organisationId: 'o1', organisationName: 'Berufskolleg Rhein-Ruhr', role: 'staff' }],
      participantIds: [],
    };
    const JONAS_MENTOR: MeDto = {
      ...JONAS,
      memberships: [...JONAS.memberships, { organisationId: 'o2', organisationName: HOST, role: 'mentor' }],
    };
    const signInFirst = (req: TestRequest) =>
      req.flush(
        {
          type: problemType('sign-in-first'),
          title: 'Sign in first',
          status: 401,
          detail:
            'This address already has a Mobility Hub account: sign in with it, then open this link again to accept.',
        },
        { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/problem+json' } },
      );

    it('signed out: explains, leads to signing in and back here, and to a new password — no accept button', async () => {
      TestBed.inject(Session).forget();
      await open((req) => req.flush(EXISTING));
      expect(el.querySelector('#invitation-password')).toBeNull();
      expect(el.querySelector('#accept-heading')?.textContent).toBe('Sign in to accept');
      expect(text('sign-in-first')).toContain(
        'The address j•••s@bk-rhein-ruhr.example already has a Mobility Hub account.',
      );
      const links = Array.from(el.querySelectorAll<HTMLAnchorElement>('a'));
      const signIn = links.find((a) => a.textContent?.trim() === 'Sign in to accept');
      expect(signIn?.getAttribute('href')).toBe(`/sign-in?returnTo=%2Finvitation%2F${TOKEN}`);
      expect(links.find((a) => a.textContent?.trim() === 'Choose a new one')?.getAttribute('href')).toBe(
        '/forgot-password',
      );
      expect(Array.from(el.querySelectorAll('button')).map((b) => b.textContent?.trim())).not.toContain(
        'Accept the invitation',
      );
      expect(el.querySelector('[data-testid="already-signed-in"]')).toBeNull();
      http.expectNone((r) => r.method === 'POST');
    });

    it('while the session is read: says so, offers nothing yet', async () => {
      await open((req) => req.flush(EXISTING));
      expect(TestBed.inject(Session).status()).toBe('loading');
      expect(el.querySelector('[role="status"]')?.textContent).toBe('Checking who is signed in…');
      expect(Array.from(el.querySelectorAll('button')).map((b) => b.textContent?.trim())).not.toContain(
        'Accept the invitation',
      );
      expect(el.querySelector('a[href^="/sign-in"]')).toBeNull();
    });

    it('signed in: shows who, accepts with an empty body, reads the session again and goes home', async () => {
      TestBed.inject(Session).signIn(JONAS);
      await open((req) => req.flush(EXISTING));
      expect(text('accept-as')).toContain('You are signed in as Jonas Becker (jonas@bk-rhein-ruhr.example).');
      expect(text('accept-as')).toContain(`accepting adds ${HOST} to it`);

      button('Accept the invitation').click();
      await settle();
      const post = http.expectOne(`${URL}/accept`);
      expect(post.request.body).toEqual({});
      post.flush(JONAS_MENTOR);
      await settle();
      // No new cookie: the session stays, and the store reads the person again.
      const me = http.expectOne('/api/auth/session');
      expect(me.request.method).toBe('GET');
      me.flush({ signedIn: true, user: JONAS_MENTOR });
      await settle();

      expect(TestBed.inject(Session).user()).toEqual(JONAS_MENTOR);
      expect(TestBed.inject(Router).url).toBe('/projects');
      expect(
        TestBed.inject(Notifications)
          .items()
          .map((n) => n.text),
      ).toEqual([`You have joined ${HOST} as Mentor.`]);
    });

    it('a mentor joining a host goes to the placements', async () => {
      const mentor: MeDto = { ...JONAS, memberships: [] };
      const joined: MeDto = {
        ...mentor,
        memberships: [{ organisationId: 'o2', organisationName: HOST, role: 'mentor' }],
      };
      TestBed.inject(Session).signIn(mentor);
      await open((req) => req.flush(EXISTING));
      button('Accept the invitation').click();
      await settle();
      http.expectOne(`${URL}/accept`).flush(joined);
      await settle();
      http.expectOne('/api/auth/session').flush({ signedIn: true, user: joined });
      await settle();
      expect(TestBed.inject(Router).url).toBe('/host');
    });

    it('a member already keeps the role and is told so', async () => {
      TestBed.inject(Session).signIn(JONAS);
      await open((req) => req.flush({ ...EXISTING, organisationName: 'Berufskolleg Rhein-Ruhr' }));
      button('Accept the invitation').click();
      await settle();
      http.expectOne(`${URL}/accept`).flush(JONAS);
      await settle();
      http.expectOne('/api/auth/session').flush({ signedIn: true, user: JONAS });
      await settle();
      expect(
        TestBed.inject(Notifications)
          .items()
          .map((n) => n.text),
      ).toEqual(['You were a member of Berufskolleg Rhein-Ruhr already, as Staff: your role stays as it is.']);
    });

    it('signed in as someone else (401 sign-in-first): says so plainly and signs out on request', async () => {
      const session = TestBed.inject(Session);
      session.signIn(ANNA);
      await open((req) => req.flush(EXISTING));
      button('Accept the invitation').click();
      await settle();
      signInFirst(http.expectOne(`${URL}/accept`));
      await settle();
      http.expectOne('/api/auth/session').flush({ signedIn: true, user: ANNA });
      await settle();

      expect(text('wrong-account')).toContain(
        'You are signed in as Anna Kollegin (anna.colleague@bk-rhein-ruhr.example); this invitation is for j•••s@bk-rhein-ruhr.example: sign out and sign in with that address.',
      );
      expect(document.activeElement?.id).toBe('wrong-account');
      expect(el.querySelector('[data-testid="accept-problem"]')).toBeNull();
      expect(TestBed.inject(Router).url).not.toBe('/projects');

      button('Sign out').click();
      await settle();
      const signOut = http.expectOne('/api/auth/sign-out');
      expect(signOut.request.method).toBe('POST');
      signOut.flush('', { status: 204, statusText: 'No Content' });
      await settle();
      expect(session.status()).toBe('signed-out');
      expect(el.querySelector('[data-testid="wrong-account"]')).toBeNull();
      expect(el.querySelector('#accept-heading')?.textContent).toBe('Sign in to accept');
      expect(document.activeElement?.id).toBe('accept-heading');
      expect(
        TestBed.inject(Notifications)
          .items()
          .map((n) => n.text),
      ).toEqual(['You are signed out: sign in with the invited address to accept.']);
    });

    it('a session that ended meanwhile (401, and /me says nobody): leads to signing in', async () => {
      TestBed.inject(Session).signIn(JONAS);
      await open((req) => req.flush(EXISTING));
      button('Accept the invitation').click();
      await settle();
      signInFirst(http.expectOne(`${URL}/accept`));
      await settle();
      http.expectOne('/api/auth/session').flush({ signedIn: false, user: null });
      await settle();
      expect(el.querySelector('[data-testid="wrong-account"]')).toBeNull();
      expect(el.querySelector('#accept-heading')?.textContent).toBe('Sign in to accept');
      expect(document.activeElement?.id).toBe('accept-heading');
    });
  });

  it('a new address that got its account meanwhile (401 sign-in-first): the form gives way to signing in', async () => {
    TestBed.inject(Session).forget();
    await open();
    type('invitation-displayName', 'Anna');
    type('invitation-password', 'a long enough password');
    type('invitation-confirmation', 'a long enough password');
    button('Accept and create the account').click();
    await settle();
    http.expectOne(`${URL}/accept`).flush(
      {
        type: problemType('sign-in-first'),
        title: 'Sign in first',
        status: 401,
        detail: 'This address already has an account.',
      },
      { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/problem+json' } },
    );
    await settle();
    http.expectOne('/api/auth/session').flush({ signedIn: false, user: null });
    await settle();
    expect(el.querySelector('#invitation-form')).toBeNull();
    expect(el.querySelector('#accept-heading')?.textContent).toBe('Sign in to accept');
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
        type: problemType('invalid-request'),
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
      req.flush(
        { title: 'Not found', status: 404, detail: 'Invitation in this e-mail not found' },
        { status: 404, statusText: 'Not Found' },
      ),
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
