import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiConfiguration } from '@mobility-hub/api-client';
import { ChangePasswordForm } from './change-password-form';
import { detectAndSettle, provideHttpTesting, textOfTestId } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const PASSWORD_URL = '/api/auth/password';
const PROBLEM_JSON = { 'content-type': 'application/problem+json' };

describe('ChangePasswordForm', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ChangePasswordForm>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ChangePasswordForm],
      providers: [provideRouter([]), provideHttpTesting(), provideApiConfiguration('')],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ChangePasswordForm);
    fixture.componentRef.setInput('email', 'staff@bk-rhein-ruhr.example');
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
  });

  afterEach(() => {
    http.verify();
    el.remove();
  });

  const settle = (): Promise<void> => detectAndSettle(fixture);

  function field(id: string): HTMLInputElement {
    const input = el.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no field #${id}`);
    return input;
  }

  function type(id: string, value: string): void {
    const input = field(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function fill(current: string, password: string, confirmation = password): void {
    type('change-currentPassword', current);
    type('change-password', password);
    type('change-confirmation', confirmation);
  }

  async function submit(): Promise<void> {
    el.querySelector<HTMLButtonElement>('#password-form button[type="submit"]')?.click();
    await settle();
  }

  function error(id: string): string | null {
    return el.querySelector(`#${id}-error`)?.textContent?.trim() ?? null;
  }

  const text = (testId: string): string => textOfTestId(el, testId);

  async function send(current = 'demo-password-1234', password = 'four unrelated words here'): Promise<TestRequest> {
    await settle();
    fill(current, password);
    await submit();
    return http.expectOne((r) => r.method === 'POST' && r.url === PASSWORD_URL);
  }

  it('labels the three fields, shows the rule before typing, and sends nothing on opening', async () => {
    await settle();
    http.expectNone(() => true);
    expect(el.querySelector('label[for="change-currentPassword"]')?.textContent).toBe('Current password');
    expect(el.querySelector('label[for="change-password"]')?.textContent).toBe('New password');
    expect(el.querySelector('label[for="change-confirmation"]')?.textContent).toBe('New password, again');
    expect(field('change-password').getAttribute('aria-describedby')).toBe('change-password-hint');
    expect(el.querySelector('#change-password-hint')?.textContent).toContain('At least 12 characters');
    expect(field('change-currentPassword').getAttribute('autocomplete')).toBe('current-password');
    expect(field('change-password').getAttribute('autocomplete')).toBe('new-password');
    expect(field('change-password').getAttribute('type')).toBe('password');
    // Whose password it is, for password managers.
    expect(el.querySelector<HTMLInputElement>('input[autocomplete="username"]')?.value).toBe(
      'staff@bk-rhein-ruhr.example',
    );
    expect(el.querySelector('[data-testid="learner-password-note"]')).toBeNull();
  });

  it('checks the fields before sending: current password given, new one long enough, repeated', async () => {
    await settle();
    fill('', 'too short', 'different');
    await submit();
    http.expectNone(PASSWORD_URL);
    expect(error('change-currentPassword')).toBe('Enter your current password.');
    expect(error('change-password')).toBe('Use at least 12 characters.');
    expect(error('change-confirmation')).toBe('The two passwords are not the same.');
    expect(field('change-password').getAttribute('aria-describedby')).toBe(
      'change-password-hint change-password-error',
    );
    expect(el.querySelector('.form-alert')?.textContent).toContain('correct the 3 highlighted fields');
    expect(document.activeElement?.id).toBe('change-currentPassword');
  });

  it('changes the password and says that every other session was signed out', async () => {
    const req = await send();
    expect(req.request.body).toEqual({ currentPassword: 'demo-password-1234', password: 'four unrelated words here' });
    req.flush('', { status: 204, statusText: 'No Content' });
    await settle();

    expect(text('password-done')).toBe(
      'Password changed. You stay signed in here; every other session of your account — in other browsers and on other devices — has been signed out.',
    );
    expect(el.querySelector('[data-testid="password-done"]')?.getAttribute('role')).toBe('status');
    expect(document.activeElement?.id).toBe('password-done');
    expect(field('change-currentPassword').value).toBe('');
    expect(field('change-password').value).toBe('');
    expect(el.querySelector('.form-alert')).toBeNull();
  });

  it('puts a wrong current password (422) at its field, emptied, and focuses it', async () => {
    const req = await send('not my password');
    req.flush(
      {
        type: problemType('rule-violated'),
        title: 'Business rule violated',
        status: 422,
        errors: [
          {
            field: 'currentPassword',
            rule: 'your current password',
            message: 'currentPassword is not your current password',
          },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity', headers: PROBLEM_JSON },
    );
    await settle();

    expect(error('change-currentPassword')).toBe('This is not your current password.');
    expect(field('change-currentPassword').getAttribute('aria-invalid')).toBe('true');
    expect(field('change-currentPassword').value).toBe('');
    expect(field('change-password').value).toBe('four unrelated words here');
    expect(document.activeElement?.id).toBe('change-currentPassword');
    expect(el.querySelector('[data-testid="password-done"]')).toBeNull();
    expect(el.querySelector('[data-testid="password-problem"]')).toBeNull();
  });

  it('puts the API’s field errors (400) at their field', async () => {
    const req = await send();
    req.flush(
      {
        title: 'Invalid request',
        status: 400,
        errors: [
          { field: 'password', rule: 'minLength', message: 'password must be longer than or equal to 12 characters' },
        ],
      },
      { status: 400, statusText: 'Bad Request', headers: PROBLEM_JSON },
    );
    await settle();
    expect(error('change-password')).toBe('password must be longer than or equal to 12 characters');
    expect(document.activeElement?.id).toBe('change-password');
  });

  it('says when to try again after too many attempts (429)', async () => {
    const req = await send();
    req.flush(JSON.stringify({ title: 'Too many requests', status: 429, detail: 'Slow down.' }), {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { ...PROBLEM_JSON, 'Retry-After': '120' },
    });
    await settle();
    expect(text('password-problem')).toMatch(
      /^Not changed: too many attempts\. Please try again after \d\d:\d\d \(in about 2 minutes\)\.$/,
    );
    expect(document.activeElement?.id).toBe('password-problem');
  });

  it('explains the pause after several wrong passwords, and the way out', async () => {
    const req = await send('guess');
    req.flush(
      {
        type: problemType('sign-in-locked'),
        title: 'Too many requests',
        status: 429,
        detail: 'Too many failed sign-ins.',
      },
      { status: 429, statusText: 'Too Many Requests', headers: { ...PROBLEM_JSON, 'Retry-After': '900' } },
    );
    await settle();
    expect(text('password-problem')).toContain('in about 15 minutes');
    expect(text('password-problem')).toContain('signing in and changing the password are paused for your address');
    expect(el.querySelector('[data-testid="password-problem"] a')?.getAttribute('href')).toBe('/forgot-password');
  });

  it('leaves a 401 to the session-ended interceptor (no message of its own)', async () => {
    const req = await send();
    req.flush(
      { title: 'Not signed in', status: 401 },
      { status: 401, statusText: 'Unauthorized', headers: PROBLEM_JSON },
    );
    await settle();
    expect(el.querySelector('[data-testid="password-problem"]')).toBeNull();
    expect(el.querySelector('[data-testid="password-done"]')).toBeNull();
  });

  it('sends once on a double click', async () => {
    await settle();
    fill('demo-password-1234', 'four unrelated words here');
    el.querySelector<HTMLButtonElement>('#password-form button[type="submit"]')?.click();
    await submit();
    http.expectOne(PASSWORD_URL).flush('', { status: 204, statusText: 'No Content' });
    await settle();
  });

  it('tells a learner that the e-mailed links keep working, and where a first password comes from', async () => {
    fixture.componentRef.setInput('learner', true);
    await settle();
    expect(text('learner-password-note')).toContain('You can keep signing in with a link we e-mail you');
    expect(el.querySelector('[data-testid="learner-password-note"] a')?.getAttribute('href')).toBe('/forgot-password');
  });
});
