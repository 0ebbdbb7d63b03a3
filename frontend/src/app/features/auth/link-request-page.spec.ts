import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LinkRequestPage, type LinkPurpose } from './link-request-page';
import { provideHttpTesting, settleFixture, textOfTestId } from '@testing/spec-helpers';

const RESET_MESSAGE = 'If this address has an account, a link to reset the password is on its way.';
const LINK_MESSAGE = 'If this address belongs to a learner, a sign-in link is on its way.';

describe('LinkRequestPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<LinkRequestPage>;
  let el: HTMLElement;

  function create(purpose: LinkPurpose): void {
    fixture = TestBed.createComponent(LinkRequestPage);
    fixture.componentRef.setInput('purpose', purpose);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [LinkRequestPage],
      providers: [provideRouter([]), provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    el.remove();
  });

  const settle = (): Promise<void> => settleFixture(fixture);

  function type(value: string): void {
    const input = el.querySelector<HTMLInputElement>('#request-email');
    if (!input) throw new Error('no field');
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function send(url: string, email = 'coordinator@bk-rhein-ruhr.example'): Promise<TestRequest> {
    await settle();
    type(email);
    el.querySelector<HTMLButtonElement>('#request-form button[type="submit"]')?.click();
    await settle();
    return http.expectOne((r) => r.method === 'POST' && r.url === url);
  }

  const text = (testId: string): string => textOfTestId(el, testId);

  it('asks for a password reset and shows the API’s answer, focused', async () => {
    create('password-reset');
    await settle();
    http.expectNone(() => true);
    expect(el.querySelector('h1')?.textContent).toBe('Reset your password');
    expect(el.querySelector('label[for="request-email"]')?.textContent).toBe('E-mail address');

    const req = await send('/api/auth/password-reset', ' coordinator@bk-rhein-ruhr.example ');
    expect(req.request.body).toEqual({ email: 'coordinator@bk-rhein-ruhr.example' });
    req.flush({ message: RESET_MESSAGE }, { status: 202, statusText: 'Accepted' });
    await settle();

    expect(text('request-message')).toBe(RESET_MESSAGE);
    expect(document.activeElement).toBe(el.querySelector('[data-testid="request-sent"]'));
    expect(el.querySelector('#request-form button')?.textContent?.trim()).toBe('Send it again');
  });

  it('asks a learner’s sign-in link at its own endpoint', async () => {
    create('sign-in-link');
    await settle();
    expect(el.querySelector('h1')?.textContent).toBe('E-mail me a sign-in link');
    expect(el.textContent).toContain('It works once, for 15 minutes.');
    const req = await send('/api/auth/sign-in-link', 'lena.hoffmann@students.bk-rhein-ruhr.example');
    req.flush({ message: LINK_MESSAGE }, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(text('request-message')).toBe(LINK_MESSAGE);
    expect(text('request-sent')).toContain('If you are not a learner, sign in with your password.');
  });

  it('checks the address before sending', async () => {
    create('password-reset');
    await settle();
    el.querySelector<HTMLButtonElement>('#request-form button[type="submit"]')?.click();
    await settle();
    http.expectNone('/api/auth/password-reset');
    expect(el.querySelector('#request-email-error')?.textContent).toBe('Enter your e-mail address.');
    expect(el.querySelector('#request-email')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(el.querySelector('#request-email'));
  });

  it('says when to try again after a 429', async () => {
    create('password-reset');
    (await send('/api/auth/password-reset')).flush(
      { title: 'Too many requests', status: 429, detail: 'ThrottlerException: Too Many Requests' },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '45' } },
    );
    await settle();
    expect(text('request-problem')).toMatch(
      /Not sent: too many requests\. Please try again after \d\d:\d\d \(in less than a minute\)\./,
    );
    expect(document.activeElement).toBe(el.querySelector('[data-testid="request-problem"]'));
    expect(el.querySelector('[data-testid="request-sent"]')).toBeNull();
  });
});
