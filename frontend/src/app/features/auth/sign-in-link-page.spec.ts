import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { MeDto } from '@mobility-hub/api-client';
import { Session } from '@app/core/auth/session';
import { SignInLinkPage } from './sign-in-link-page';
import { buttonNamed, provideHttpTesting, settleFixture } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const TOKEN = 'Qm9vZ2llV29vZ2llQm9vZ2llV29vZ2llQm9vZ2llV29';
const URL = `/api/auth/sign-in-link/${TOKEN}`;
const LENA: MeDto = {
  id: '7a0c8f3e-3b7e-4d57-9f0e-1c2d3e4f5a6b',
  email: 'lena.hoffmann@students.bk-rhein-ruhr.example',
  displayName: 'Lena Hoffmann',
  memberships: [],
  participantIds: ['1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9'],
};

describe('SignInLinkPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<SignInLinkPage>;
  let el: HTMLElement;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [SignInLinkPage],
      providers: [provideRouter([]), provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignInLinkPage);
    fixture.componentRef.setInput('token', TOKEN);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
  });

  afterEach(() => {
    http.verify();
    el.remove();
  });

  const settle = (): Promise<void> => settleFixture(fixture);

  const button = (name: string): HTMLButtonElement => buttonNamed(el, name);

  it('does not sign in on opening — mail scanners open links — only the button does', async () => {
    await settle();
    http.expectNone(() => true);
    expect(el.querySelector('h1')?.textContent).toBe('Sign in with your link');
    expect(el.textContent).toContain('Opening this page has not signed you in');

    button('Sign in').click();
    button('Sign in').click(); // a double click sends once
    await settle();
    const req = http.expectOne(URL);
    expect(req.request.method).toBe('POST');
    req.flush(LENA);
    await settle();

    expect(TestBed.inject(Session).user()).toEqual(LENA);
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it.each([
    [404, undefined, 'This link is not valid'],
    [410, problemType('link-used'), 'This link was already used'],
    [410, problemType('link-expired'), 'This link has expired'],
  ])('explains a %s (%s) and offers a new link', async (status, type, heading) => {
    await settle();
    button('Sign in').click();
    await settle();
    http.expectOne(URL).flush({ type, title: 'x', status, detail: 'x' }, { status, statusText: 'x' });
    await settle();

    const problem = el.querySelector('[data-testid="link-problem"]');
    expect(problem?.querySelector('h2')?.textContent).toBe(heading);
    expect(document.activeElement).toBe(problem);
    const link = problem?.querySelector('a');
    expect(link?.textContent?.trim()).toBe('E-mail me a new sign-in link');
    expect(link?.getAttribute('href')).toBe('/sign-in/link');
    expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.trim() === 'Sign in')).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(Session).user()).toBeNull();
  });

  it('says when to try again after a 429, keeping the button', async () => {
    await settle();
    button('Sign in').click();
    await settle();
    http
      .expectOne(URL)
      .flush(
        { title: 'Too many requests', status: 429, detail: 'x' },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '30' } },
      );
    await settle();
    expect(el.querySelector('[data-testid="sign-in-link-problem"]')?.textContent).toMatch(
      /Not signed in: too many attempts\. Please try again after/,
    );
    expect(button('Sign in')).toBeDefined();
  });
});
