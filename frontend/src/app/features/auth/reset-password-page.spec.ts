import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SESSION_URL } from '@app/core/auth/session';
import { ResetPasswordPage } from './reset-password-page';
import { provideHttpTesting, settleFixture, textOfTestId, typeInto } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const TOKEN = 'Jx3kP0v9mQ2rT7wZ1yB4nC6dF8gH0jK2lM4oP6qR8sU';
const URL = `/api/auth/password-reset/${TOKEN}`;

describe('ResetPasswordPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ResetPasswordPage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ResetPasswordPage],
      providers: [provideRouter([]), provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResetPasswordPage);
    fixture.componentRef.setInput('token', TOKEN);
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
    el.querySelector<HTMLButtonElement>('#reset-form button[type="submit"]')?.click();
  }

  async function change(password = 'a long new password', confirmation = password): Promise<TestRequest> {
    await settle();
    type('reset-password', password);
    type('reset-confirmation', confirmation);
    submit();
    await settle();
    return http.expectOne((r) => r.method === 'POST' && r.url === URL);
  }

  const text = (testId: string): string => textOfTestId(el, testId);

  it('sends nothing on opening and shows the rule before anything is typed', async () => {
    await settle();
    http.expectNone(() => true);
    expect(el.querySelector('label[for="reset-password"]')?.textContent).toBe('New password');
    expect(el.querySelector('label[for="reset-confirmation"]')?.textContent).toBe('New password, again');
    expect(el.querySelector('#reset-password-hint')?.textContent).toContain('At least 12 characters.');
    expect(el.querySelector('#reset-password')?.getAttribute('aria-describedby')).toBe('reset-password-hint');
    expect(el.querySelector('#reset-password')?.getAttribute('autocomplete')).toBe('new-password');
  });

  it('checks the length and that both are the same before sending', async () => {
    await settle();
    type('reset-password', 'too short');
    type('reset-confirmation', 'something else');
    submit();
    await settle();
    http.expectNone(URL);
    expect(el.querySelector('#reset-password-error')?.textContent).toBe('Use at least 12 characters.');
    expect(el.querySelector('#reset-password')?.getAttribute('aria-describedby')).toBe(
      'reset-password-hint reset-password-error',
    );
    expect(el.querySelector('#reset-confirmation-error')?.textContent).toBe('The two passwords are not the same.');
    expect(document.activeElement).toBe(el.querySelector('#reset-password'));

    type('reset-password', 'a long new password');
    type('reset-confirmation', 'a long new passwort');
    submit();
    await settle();
    http.expectNone(URL);
    expect(el.querySelector('#reset-password-error')).toBeNull();
    expect(el.querySelector('#reset-confirmation-error')?.textContent).toBe('The two passwords are not the same.');
    expect(document.activeElement).toBe(el.querySelector('#reset-confirmation'));
  });

  it('changes the password (204), says so with a link to sign in, and asks who is still signed in', async () => {
    const req = await change('correct horse battery staple');
    expect(req.request.body).toEqual({ password: 'correct horse battery staple' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    http.expectOne(SESSION_URL).flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await settle();

    expect(text('reset-done')).toContain('Password changed');
    expect(document.activeElement).toBe(el.querySelector('[data-testid="reset-done"]'));
    const link = el.querySelector('[data-testid="reset-done"] a');
    expect(link?.textContent?.trim()).toBe('Sign in with the new password');
    expect(link?.getAttribute('href')).toBe('/sign-in');
    expect(el.querySelector('#reset-form')).toBeNull();
  });

  it.each([
    [404, undefined, 'This link is not valid'],
    [410, problemType('link-used'), 'This link was already used'],
    [410, problemType('link-expired'), 'This link has expired'],
  ])('explains a %s (%s) and offers a new link', async (status, type, heading) => {
    // The operation answers 204, so the client asks for text: the problem comes as text too.
    const body = JSON.stringify({ type, title: 'x', status, detail: 'x', renewable: status === 410 });
    (await change()).flush(body, { status, statusText: 'x' });
    await settle();
    const problem = el.querySelector('[data-testid="link-problem"]');
    expect(problem?.querySelector('h2')?.textContent).toBe(heading);
    expect(problem?.textContent).toContain('has not been changed');
    expect(document.activeElement).toBe(problem);
    const link = problem?.querySelector('a');
    expect(link?.textContent?.trim()).toBe('Ask for a new link');
    expect(link?.getAttribute('href')).toBe('/forgot-password');
    expect(el.querySelector('#reset-form')).toBeNull();
  });

  it('puts the API’s field errors (400) at the field', async () => {
    (await change()).flush(
      JSON.stringify({
        title: 'Bad request',
        status: 400,
        errors: [{ field: 'password', rule: 'minLength', message: 'password must be at least 12 characters' }],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(el.querySelector('#reset-password-error')?.textContent).toBe('password must be at least 12 characters');
    expect(document.activeElement).toBe(el.querySelector('#reset-password'));
  });

  it('says when to try again after a 429, keeping the form', async () => {
    (await change()).flush(JSON.stringify({ title: 'Too many requests', status: 429, detail: 'Slow down' }), {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'Retry-After': '120' },
    });
    await settle();
    expect(text('reset-problem')).toMatch(
      /Not changed: too many attempts\. Please try again after \d\d:\d\d \(in about 2 minutes\)\./,
    );
    expect(el.querySelector('#reset-form')).not.toBeNull();
  });
});
