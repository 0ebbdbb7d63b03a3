import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding, type Route } from '@angular/router';
import type { MeDto } from '@mobility-hub/api-client';
import { App } from './app';
import { appRoutes } from './app.routes';
import { HEALTH_URL } from './core/api-health';
import { ME_URL, Session, SIGN_OUT_URL } from './core/auth/session';
import { Notifications } from './core/notifications';
import { noAccountRoutes } from './no-account.routes';

const KATRIN: MeDto = {
  id: '0b6f7d1e-58c5-4c09-9a43-2f1f5d0f6a11',
  email: 'coordinator@bk-rhein-ruhr.example',
  displayName: 'Katrin Weber',
  memberships: [{ organisationId: '5d1c7c0e-8a55-4f3e-a0a8-3f3c6a2c9b10', organisationName: 'Berufskolleg Rhein-Ruhr', role: 'coordinator' }],
  participantId: null,
};

describe('App shell', () => {
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter(appRoutes, withComponentInputBinding()),
        provideHttpClient(withFetch()),
        provideHttpClientTesting(),
      ],
    }).compileComponents();
    httpTesting = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    httpTesting.verify();
    document.body.querySelectorAll('app-root').forEach((el) => el.remove());
  });

  /**
   * Lets rendering, the lazy chunks (shell parts, pages) and their requests happen. (Not whenStable:
   * a page's pending request keeps the app unstable until the test answers it.)
   */
  async function settle(fixture: ComponentFixture<App>): Promise<void> {
    for (let i = 0; i < 5; i++) {
      fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** Renders the shell and lets its lazy parts load; the session and health requests wait for an answer. */
  async function render() {
    const fixture = TestBed.createComponent(App);
    const el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    await settle(fixture);
    return { fixture, el };
  }

  function expectGet(url: string): TestRequest {
    const req = httpTesting.expectOne(url);
    expect(req.request.method).toBe('GET');
    return req;
  }

  async function answer(fixture: ComponentFixture<App>, url: string, reply: (req: TestRequest) => void): Promise<void> {
    reply(expectGet(url));
    await settle(fixture);
  }

  /** The start: who is signed in (default: nobody, 401) and the API's health (up). */
  async function start(me: MeDto | null = null) {
    const rendered = await render();
    await answer(rendered.fixture, ME_URL, (req) =>
      me ? req.flush(me) : req.flush({ title: 'Not signed in', status: 401 }, { status: 401, statusText: 'Unauthorized' }),
    );
    await answer(rendered.fixture, HEALTH_URL, (req) => req.flush({ status: 'ok' }));
    return rendered;
  }

  /** Navigates, answers the page's list request with an empty page, then waits for stability. */
  async function open(fixture: ComponentFixture<App>, url: string, request?: string): Promise<void> {
    const navigated = TestBed.inject(Router).navigateByUrl(url);
    await settle(fixture);
    if (request) {
      httpTesting.expectOne((req) => req.url === request).flush({ items: [], total: 0, page: 1, pageSize: 25 });
      await settle(fixture);
    }
    await navigated;
  }

  function statusText(el: HTMLElement): string {
    return el.querySelector('[data-testid="api-status-text"]')?.textContent?.trim() ?? '';
  }

  function account(el: HTMLElement): HTMLElement | null {
    return el.querySelector('.account-slot');
  }

  it('renders the landmarks, the product name and a skip link', async () => {
    const { fixture, el } = await start();
    await open(fixture, '/projects', '/api/projects');

    expect(el.querySelector('header')?.textContent).toContain('Mobility Hub');
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('Main');
    expect(el.querySelector('footer')).not.toBeNull();
    const main = el.querySelector('main');
    expect(main?.id).toBe('main-content');

    const skip = el.querySelector<HTMLAnchorElement>('a.skip-link');
    expect(skip?.getAttribute('href')).toBe('#main-content');
    expect(skip?.textContent?.trim()).toBe('Skip to main content');
    skip?.click();
    expect(document.activeElement).toBe(main);
  });

  it('renders the Projects, Mobilities, Organisations, Outbox and Mailbox nav links on a coordinator page', async () => {
    const { fixture, el } = await start();
    await open(fixture, '/projects', '/api/projects');

    const links = Array.from(el.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Main"] a'));
    expect(links.map((a) => a.textContent?.trim())).toEqual(['Projects', 'Mobilities', 'Organisations', 'Outbox', 'Mailbox']);
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/projects', '/mobilities', '/organisations', '/outbox', '/mailbox']);
    expect(el.classList.contains('plain')).toBe(false);
  });

  it('shows no navigation before the first page is known, so that a no-account page never flashes it', async () => {
    const { el } = await start();
    expect(el.querySelector('nav')).toBeNull();
    expect(account(el)?.hidden).toBe(true);
    expect(el.querySelector('main#main-content')).not.toBeNull();
  });

  it('lazy-loads a feature page, marks its link as current and focuses main', async () => {
    const { fixture, el } = await start();

    await open(fixture, '/', '/api/projects'); // the initial navigation (page load) keeps focus where it is
    expect(document.activeElement).not.toBe(el.querySelector('main'));

    await open(fixture, '/mobilities', '/api/mobilities');
    expect(el.querySelector('main h1')?.textContent).toBe('Mobilities');
    const current = el.querySelector('nav a[aria-current="page"]');
    expect(current?.textContent?.trim()).toBe('Mobilities');
    expect(document.activeElement).toBe(el.querySelector('main'));
  });

  it('keeps focus where it is when only the query changes (a filter, the open message)', async () => {
    const { fixture, el } = await start();
    await open(fixture, '/projects', '/api/projects');
    await open(fixture, '/mobilities', '/api/mobilities');
    expect(document.activeElement).toBe(el.querySelector('main'));

    const search = el.querySelector<HTMLInputElement>('#overdue-filter-q');
    search?.focus();
    await TestBed.inject(Router).navigateByUrl('/mobilities?q=lena');
    await fixture.whenStable();
    expect(document.activeElement).toBe(search);
  });

  it('redirects the empty path to Projects', async () => {
    const { fixture, el } = await start();
    await open(fixture, '/', '/api/projects');
    expect(el.querySelector('main h1')?.textContent).toBe('Projects');
  });

  it('still finds no page at an unknown address, in the coordinator layout', async () => {
    const { fixture, el } = await start();
    await open(fixture, '/no/such/page');
    expect(el.querySelector('main h1')?.textContent).toBe('Page not found');
    expect(el.querySelector('nav')).not.toBeNull();
  });

  describe('pages used without an account', () => {
    it('have the plain layout: no coordinator navigation nor account corner, the same landmarks and skip link', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, '/projects', '/api/projects');
      expect(el.querySelector('nav')).not.toBeNull();

      await open(fixture, '/sign-in');
      expect(el.querySelector('main h1')?.textContent).toBe('Sign in');
      expect(el.querySelector('nav')).toBeNull();
      expect(el.textContent).not.toContain('Organisations');
      expect(el.classList.contains('plain')).toBe(true);
      expect(account(el)?.hidden).toBe(true);
      expect(el.querySelector('header')).not.toBeNull();
      expect(el.querySelector('main#main-content')).not.toBeNull();
      expect(el.querySelector('footer')).not.toBeNull();
      expect(el.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main-content');

      // Back to a coordinator page: the navigation returns.
      await open(fixture, '/organisations', '/api/organisations');
      expect(el.querySelector('nav')).not.toBeNull();
      expect(el.classList.contains('plain')).toBe(false);
    });

    it('send a reset-password address without its token to the request form', async () => {
      const { fixture, el } = await start();
      await open(fixture, '/reset-password');
      expect(TestBed.inject(Router).url).toBe('/forgot-password');
      expect(el.querySelector('main h1')?.textContent).toBe('Reset your password');
      expect(el.querySelector('nav')).toBeNull();
    });

    it('are the e-mail links and the pages of signing in', () => {
      const plain = appRoutes.find((r) => r.loadChildren && r.path === '');
      expect(plain?.data).toEqual({ layout: 'plain' });
      expect(noAccountRoutes.map((r: Route) => r.path)).toEqual([
        'mute/:token',
        'host/placement/:token',
        'sign-in',
        'forgot-password',
        'sign-in/link',
        'sign-in/link/:token',
        'reset-password',
        'reset-password/:token',
      ]);
      // None of them is also a coordinator route.
      const coordinator = appRoutes.filter((r) => r.path && r.path !== '**').map((r) => r.path);
      expect(coordinator).not.toContain('sign-in');
    });
  });

  describe('the account corner', () => {
    it('says who is signed in, and signs out: POST, then to the sign-in page, saying so', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, '/projects', '/api/projects');

      expect(account(el)?.hidden).toBe(false);
      expect(el.querySelector('[data-testid="signed-in-as"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Signed in as Katrin Weber');
      const signOut = Array.from(el.querySelectorAll<HTMLButtonElement>('header button')).find((b) => b.textContent?.trim() === 'Sign out');
      expect(signOut).toBeDefined();

      signOut?.click();
      signOut?.click(); // a double click sends one request
      await settle(fixture);
      const req = httpTesting.expectOne(SIGN_OUT_URL);
      expect(req.request.method).toBe('POST');
      req.flush(null, { status: 204, statusText: 'No Content' });
      await settle(fixture);

      expect(TestBed.inject(Router).url).toBe('/sign-in');
      expect(TestBed.inject(Session).status()).toBe('signed-out');
      expect(TestBed.inject(Notifications).items().map((n) => n.text)).toEqual(['You are signed out.']);
      expect(el.querySelector('main h1')?.textContent).toBe('Sign in');
    });

    it('keeps the user signed in and says so when signing out fails', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, '/projects', '/api/projects');

      Array.from(el.querySelectorAll<HTMLButtonElement>('header button')).find((b) => b.textContent?.trim() === 'Sign out')?.click();
      await settle(fixture);
      httpTesting.expectOne(SIGN_OUT_URL).error(new ProgressEvent('error'));
      await settle(fixture);

      expect(TestBed.inject(Router).url).toBe('/projects');
      expect(TestBed.inject(Session).status()).toBe('signed-in');
      expect(el.querySelector('[data-testid="signed-in-as"]')).not.toBeNull();
      const [notice] = TestBed.inject(Notifications).items();
      expect(notice?.kind).toBe('error');
      expect(notice?.text).toContain('still signed in');
    });

    it('offers "Sign in" when /me answers 401 — no error shown — coming back to the page afterwards', async () => {
      const { fixture, el } = await start(null);
      await open(fixture, '/mobilities', '/api/mobilities');

      const signIn = el.querySelector<HTMLAnchorElement>('header .account a');
      expect(signIn?.textContent?.trim()).toBe('Sign in');
      expect(signIn?.getAttribute('href')).toBe('/sign-in?returnTo=%2Fmobilities');
      expect(el.querySelector('[data-testid="signed-in-as"]')).toBeNull();
      expect(TestBed.inject(Notifications).items()).toEqual([]);
    });

    it('shows nothing when /me fails otherwise (the footer says the API is down)', async () => {
      const { fixture, el } = await render();
      await answer(fixture, ME_URL, (req) => req.error(new ProgressEvent('error')));
      await answer(fixture, HEALTH_URL, (req) => req.error(new ProgressEvent('error')));
      await open(fixture, '/projects', '/api/projects');

      expect(TestBed.inject(Session).status()).toBe('unknown');
      expect(el.querySelector('header .account')?.textContent?.trim()).toBe('');
      expect(statusText(el)).toBe('API: down');
      expect(TestBed.inject(Notifications).items()).toEqual([]);
    });
  });

  describe('API health indicator', () => {
    it('is a polite live region that says "checking" before the answer', async () => {
      const { fixture, el } = await render();
      await answer(fixture, ME_URL, (req) => req.flush(KATRIN));

      const region = el.querySelector('footer [aria-live="polite"]');
      expect(region).not.toBeNull();
      expect(statusText(el)).toBe('API: checking…');

      await answer(fixture, HEALTH_URL, (req) => req.flush({ status: 'ok' }));
    });

    it('shows "API: up" when GET /api/health answers ok', async () => {
      const { el } = await start();
      expect(statusText(el)).toBe('API: up');
    });

    it('shows "API: down" when the API answers 503', async () => {
      const { fixture, el } = await render();
      await answer(fixture, ME_URL, (req) => req.flush(KATRIN));
      await answer(fixture, HEALTH_URL, (req) => req.flush({ status: 'error' }, { status: 503, statusText: 'Service Unavailable' }));
      expect(statusText(el)).toBe('API: down');
    });

    it('checks again on request and announces the new state', async () => {
      const { fixture, el } = await render();
      await answer(fixture, ME_URL, (req) => req.flush(KATRIN));
      await answer(fixture, HEALTH_URL, (req) => req.error(new ProgressEvent('error')));
      expect(statusText(el)).toBe('API: down');

      const button = Array.from(el.querySelectorAll<HTMLButtonElement>('footer button')).find(
        (b) => b.textContent?.trim() === 'Check API again',
      );
      expect(button).toBeDefined();
      button?.click();
      await fixture.whenStable();
      expect(statusText(el)).toBe('API: checking…');

      await answer(fixture, HEALTH_URL, (req) => req.flush({ status: 'ok' }));
      expect(statusText(el)).toBe('API: up');
    });
  });
});
