import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideRouter, Router } from '@angular/router';
import type { MeDto } from '@mobility-hub/api-client';
import { Session, SESSION_ENDED } from '@app/core/auth/session';
import { SignInPage } from './sign-in-page';
import { provideHttpTesting, settleFixture, textOfTestId, typeInto } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const KATRIN: MeDto = {
  id: '0b6f7d1e-58c5-4c09-9a43-2f1f5d0f6a11',
  email: 'coordinator@bk-rhein-ruhr.example',
  displayName: 'Katrin Weber',
  memberships: [
    {
      organisationId: '5d1c7c0e-8a55-4f3e-a0a8-3f3c6a2c9b10',
      organisationName: 'Berufskolleg Rhein-Ruhr',
      role: 'coordinator',
    },
  ],
  participantIds: [],
};

describe('SignInPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<SignInPage>;
  let el: HTMLElement;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [SignInPage],
      providers: [provideRouter([]), provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignInPage);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
  });

  afterEach(() => {
    http.verify();
    el.remove();
  });

  const settle = (): Promise<void> => settleFixture(fixture);

  const type = (id: string, value: string): void => typeInto(el, id, value);

  function submit(): void {
    el.querySelector<HTMLButtonElement>('#sign-in-form button[type="submit"]')?.click();
  }

  async function signIn(
    email = 'coordinator@bk-rhein-ruhr.example',
    password = 'correct horse battery',
  ): Promise<TestRequest> {
    await settle();
    type('sign-in-email', email);
    type('sign-in-password', password);
    submit();
    await settle();
    return http.expectOne((r) => r.method === 'POST' && r.url === '/api/auth/sign-in');
  }

  const text = (testId: string): string => textOfTestId(el, testId);

  it('sends nothing on opening; labels both fields and links to a password reset and a learner’s link', async () => {
    await settle();
    http.expectNone(() => true);
    expect(el.querySelector('h1')?.textContent).toBe('Sign in');
    expect(el.querySelector('label[for="sign-in-email"]')?.textContent).toBe('E-mail address');
    expect(el.querySelector('label[for="sign-in-password"]')?.textContent).toBe('Password');
    expect(el.querySelector('#sign-in-email')?.getAttribute('autocomplete')).toBe('username');
    expect(el.querySelector('#sign-in-password')?.getAttribute('autocomplete')).toBe('current-password');
    expect(el.querySelector('#sign-in-password')?.getAttribute('type')).toBe('password');
    const links = Array.from(el.querySelectorAll<HTMLAnchorElement>('.links a')).map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Forgot your password?', '/forgot-password'],
      ['E-mail me a sign-in link', '/sign-in/link'],
    ]);
  });

  it('checks the fields before sending, like the API', async () => {
    await settle();
    type('sign-in-email', 'katrin@school');
    submit();
    await settle();
    http.expectNone('/api/auth/sign-in');

    const email = el.querySelector('#sign-in-email');
    expect(email?.getAttribute('aria-invalid')).toBe('true');
    expect(email?.getAttribute('aria-describedby')).toBe('sign-in-email-error');
    expect(el.querySelector('#sign-in-email-error')?.textContent).toBe(
      'Enter an e-mail address such as name@school.eu.',
    );
    expect(el.querySelector('#sign-in-password-error')?.textContent).toBe('Enter your password.');
    expect(el.querySelector('.form-alert')?.textContent).toContain('correct the 2 highlighted fields');
    expect(document.activeElement).toBe(email);
  });

  it('signs in, hands the user to the session and goes to the start page', async () => {
    const req = await signIn('  coordinator@bk-rhein-ruhr.example ', ' spaces count ');
    expect(req.request.body).toEqual({ email: 'coordinator@bk-rhein-ruhr.example', password: ' spaces count ' });
    req.flush(KATRIN);
    await settle();
    expect(TestBed.inject(Session).user()).toEqual(KATRIN);
    expect(TestBed.inject(Session).status()).toBe('signed-in');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('goes to returnTo when it is a path of this app — and only then', async () => {
    fixture.componentRef.setInput('returnTo', '/mobilities?q=lena');
    (await signIn()).flush(KATRIN);
    await settle();
    expect(navigate).toHaveBeenLastCalledWith('/mobilities?q=lena');

    fixture.componentRef.setInput('returnTo', '//evil.example/phish');
    (await signIn()).flush(KATRIN);
    await settle();
    expect(navigate).toHaveBeenLastCalledWith('/');
  });

  it('shows a 401 for the whole form, focused, and empties the password', async () => {
    (await signIn('coordinator@bk-rhein-ruhr.example', 'wrong password')).flush(
      {
        type: problemType('sign-in-failed'),
        title: 'Sign-in failed',
        status: 401,
        detail: 'The e-mail address or the password is not right.',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();
    const problem = el.querySelector<HTMLElement>('[data-testid="sign-in-problem"]');
    expect(problem?.getAttribute('role')).toBe('alert');
    expect(text('sign-in-problem')).toContain(
      'You are not signed in. The e-mail address or the password is not right.',
    );
    expect(document.activeElement).toBe(problem);
    expect(el.querySelector<HTMLInputElement>('#sign-in-password')?.value).toBe('');
    expect(el.querySelector<HTMLInputElement>('#sign-in-email')?.value).toBe('coordinator@bk-rhein-ruhr.example');
    // Not a field's error: no field is marked.
    expect(el.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(Session).user()).toBeNull();
  });

  it('says when to try again after a 429, and offers a reset when the address is locked', async () => {
    (await signIn()).flush(
      {
        type: problemType('sign-in-locked'),
        title: 'Too many requests',
        status: 429,
        detail: 'Too many failed sign-ins for this address: try again in 15 minutes, or reset the password.',
      },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '900' } },
    );
    await settle();
    expect(text('sign-in-problem')).toMatch(
      /Too many attempts\. Please try again after \d\d:\d\d \(in about 15 minutes\)\./,
    );
    expect(text('sign-in-problem')).toContain('Sign-in for this address is paused');
    expect(el.querySelector('[data-testid="sign-in-problem"] a')?.getAttribute('href')).toBe('/forgot-password');
  });

  it('puts the API’s field errors (400) at the fields', async () => {
    (await signIn()).flush(
      {
        title: 'Bad request',
        status: 400,
        detail: 'Invalid',
        errors: [{ field: 'email', rule: 'isEmail', message: 'email must be an e-mail address' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(el.querySelector('#sign-in-email-error')?.textContent).toBe('email must be an e-mail address');
    expect(document.activeElement).toBe(el.querySelector('#sign-in-email'));
    expect(el.querySelector('[data-testid="sign-in-problem"]')).toBeNull();
  });

  it('sends once on a double click', async () => {
    await settle();
    type('sign-in-email', 'coordinator@bk-rhein-ruhr.example');
    type('sign-in-password', 'secret');
    submit();
    submit();
    await settle();
    http.expectOne('/api/auth/sign-in').flush(KATRIN);
    await settle();
  });

  it('shows the password on request', async () => {
    await settle();
    const show = el.querySelector<HTMLInputElement>('#sign-in-show');
    expect(el.querySelector('label[for="sign-in-show"]')?.textContent).toBe('Show password');
    show?.click();
    await settle();
    expect(el.querySelector('#sign-in-password')?.getAttribute('type')).toBe('text');
  });

  it('says who is already signed in', async () => {
    TestBed.inject(Session).signIn(KATRIN);
    await settle();
    expect(text('already-signed-in')).toContain('You are signed in as Katrin Weber.');
  });
});

describe('SignInPage after the session ended mid-use', () => {
  async function open(state?: Record<string, unknown>): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'sign-in', component: SignInPage }]), provideHttpTesting()],
    });
    const harness = await RouterTestingHarness.create();
    await TestBed.inject(Router).navigate(['/sign-in'], { queryParams: { returnTo: '/mobilities' }, state });
    harness.detectChanges();
    return harness.routeNativeElement as HTMLElement;
  }

  it('says so when core/auth/session-ended sent the person here', async () => {
    const el = await open({ [SESSION_ENDED]: true });
    const note = el.querySelector('[data-testid="session-ended"]');
    expect(note?.getAttribute('role')).toBe('status');
    expect(note?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Your session has ended: sign in again. Afterwards you come back to the page you were on.',
    );
  });

  it('says nothing of the kind on an ordinary visit', async () => {
    const el = await open();
    expect(el.querySelector('h1')?.textContent).toBe('Sign in');
    expect(el.querySelector('[data-testid="session-ended"]')).toBeNull();
  });
});
