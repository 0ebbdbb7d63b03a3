import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding, type Route } from '@angular/router';
import type { MeDto } from '@mobility-hub/api-client';
import { App } from './app';
import { appRoutes } from './app.routes';
import { HEALTH_URL } from './core/api-health';
import { SESSION_URL, Session, SIGN_OUT_URL } from './core/auth/session';
import { sessionEnded } from './core/auth/session-ended';
import { Notifications } from './core/notifications';
import { noAccountRoutes } from './no-account.routes';
import { signedInRoutes } from './signed-in.routes';
import { detectAndSettle } from '@testing/spec-helpers';
import { answerHostAnswers } from '@testing/host-answers';

const SCHOOL = '5d1c7c0e-8a55-4f3e-a0a8-3f3c6a2c9b10';
const KATRIN: MeDto = {
  id: '0b6f7d1e-58c5-4c09-9a43-2f1f5d0f6a11',
  email: 'coordinator@bk-rhein-ruhr.example',
  displayName: 'Katrin Weber',
  memberships: [{ organisationId: SCHOOL, organisationName: 'Berufskolleg Rhein-Ruhr', role: 'coordinator' }],
  participantIds: [],
};
const JONAS: MeDto = {
  id: '1c7f8e2f-69d6-4d1a-8b54-3a2a6e1a7b22',
  email: 'staff@bk-rhein-ruhr.example',
  displayName: 'Jonas Becker',
  memberships: [{ organisationId: SCHOOL, organisationName: 'Berufskolleg Rhein-Ruhr', role: 'staff' }],
  participantIds: [],
};
const MENTOR: MeDto = {
  id: '2d8a9f3a-7ae7-4e2b-9c65-4b3b7f2b8c33',
  email: 'mentor1@talleres.example',
  displayName: 'Mentor at Talleres Mecánicos Castilla S.L.',
  memberships: [
    {
      organisationId: '6e2d8d1f-9b66-4a4f-b1b9-4a4d7b3dac21',
      organisationName: 'Talleres Mecánicos Castilla S.L.',
      role: 'mentor',
    },
  ],
  participantIds: [],
};
const LENA: MeDto = {
  id: '3e9bab4b-8bf8-4f3c-ad76-5c4c8a3c9d44',
  email: 'lena.schmidt@students.bk-rhein-ruhr.example',
  displayName: 'Lena Schmidt',
  memberships: [],
  participantIds: ['7f3e9e2a-ac77-4b5a-82ca-5b5e8c4ebd32'],
};
const EMPTY_PAGE = { items: [], total: 0, page: 1, pageSize: 25 };

describe('App shell', () => {
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter(appRoutes, withComponentInputBinding()),
        // As in app.config.ts.
        provideHttpClient(withFetch(), withInterceptors([sessionEnded])),
        provideHttpClientTesting(),
      ],
    }).compileComponents();
    httpTesting = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    answerHostAnswers(httpTesting);
    httpTesting.verify();
    document.body.querySelectorAll('app-root').forEach((el) => el.remove());
  });

  /**
   * Lets rendering, the lazy chunks (shell parts, pages) and their requests happen. (Not whenStable:
   * a page's pending request keeps the app unstable until the test answers it.)
   */
  const settle = (fixture: ComponentFixture<App>): Promise<void> => detectAndSettle(fixture, 5);

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

  /**
   * The start: who is signed in (default: nobody) and, for a coordinator (the only one shown the API
   * status), the API's health (up).
   */
  async function start(me: MeDto | null = null) {
    const rendered = await render();
    await answer(rendered.fixture, SESSION_URL, (req) =>
      me ? req.flush({ signedIn: true, user: me }) : req.flush({ signedIn: false, user: null }),
    );
    if (me?.memberships.some((m) => m.role === 'coordinator'))
      await answer(rendered.fixture, HEALTH_URL, (req) => req.flush({ status: 'ok' }));
    return rendered;
  }

  /** Navigates, answers the page's list request with an empty page, then waits for stability. */
  async function open(fixture: ComponentFixture<App>, url: string, request?: string): Promise<void> {
    const navigated = TestBed.inject(Router).navigateByUrl(url);
    await settle(fixture);
    if (request) {
      httpTesting.expectOne((req) => req.url === request).flush(EMPTY_PAGE);
      await settle(fixture);
    }
    await navigated;
  }

  /** The Mobilities page also loads the projects (its filter) and the person's saved filters. */
  async function answerMobilitiesExtras(fixture: ComponentFixture<App>): Promise<void> {
    for (const req of httpTesting.match((r) => r.url === '/api/projects')) req.flush(EMPTY_PAGE);
    for (const req of httpTesting.match((r) => r.url === '/api/saved-filters')) req.flush([]);
    await settle(fixture);
  }

  function path(): string {
    return TestBed.inject(Router).url;
  }

  function navLinks(el: HTMLElement): { text: string; href: string | null }[] {
    return Array.from(el.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Main"] a')).map((a) => ({
      text: a.textContent?.trim() ?? '',
      href: a.getAttribute('href'),
    }));
  }

  function mainNav(el: HTMLElement): HTMLElement | null {
    return el.querySelector('nav[aria-label="Main"]');
  }

  function statusText(el: HTMLElement): string {
    return el.querySelector('[data-testid="api-status-text"]')?.textContent?.trim() ?? '';
  }

  function account(el: HTMLElement): HTMLElement | null {
    return el.querySelector('.account-slot');
  }

  it('renders the landmarks, the product name and a skip link', async () => {
    const { fixture, el } = await start(KATRIN);
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

  describe('the main navigation shows what the signed-in role may do', () => {
    it('a coordinator: Projects, Mobilities, Organisations, Team (of their organisation), Outbox and Mailbox', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, '/projects', '/api/projects');

      expect(navLinks(el)).toEqual([
        { text: 'Projects', href: '/projects' },
        { text: 'Mobilities', href: '/mobilities' },
        { text: 'Organisations', href: '/organisations' },
        { text: 'Team', href: `/organisations/${SCHOOL}/team` },
        { text: 'Outbox', href: '/outbox' },
        { text: 'Mailbox', href: '/mailbox' },
      ]);
      expect(el.classList.contains('plain')).toBe(false);
    });

    it('staff: the same without Team', async () => {
      const { fixture, el } = await start(JONAS);
      await open(fixture, '/projects', '/api/projects');
      expect(navLinks(el).map((l) => l.text)).toEqual(['Projects', 'Mobilities', 'Organisations', 'Outbox', 'Mailbox']);
    });

    it('a mentor: Placements only', async () => {
      const { fixture, el } = await start(MENTOR);
      await open(fixture, '/host', '/api/mobilities');
      expect(navLinks(el)).toEqual([{ text: 'Placements', href: '/host' }]);
      expect(el.querySelector('nav a[aria-current="page"]')?.textContent?.trim()).toBe('Placements');
    });

    it('a learner: My mobility only', async () => {
      const { fixture, el } = await start(LENA);
      await open(fixture, '/me', '/api/mobilities');
      expect(navLinks(el)).toEqual([{ text: 'My mobility', href: '/me' }]);
    });

    it('nobody signed in, on the Mailbox: the Mailbox only', async () => {
      const { fixture, el } = await start(null);
      await open(fixture, '/mailbox', '/api/mailbox');
      expect(navLinks(el)).toEqual([{ text: 'Mailbox', href: '/mailbox' }]);
    });

    it('follows the session: once signed out, only the Mailbox is left', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, '/projects', '/api/projects');
      TestBed.inject(Session).forget();
      await settle(fixture);
      expect(navLinks(el).map((l) => l.text)).toEqual(['Mailbox']);
    });
  });

  it('shows no navigation before the first page is known, so that a no-account page never flashes it', async () => {
    const { el } = await start();
    expect(mainNav(el)?.hidden).toBe(true);
    expect(account(el)?.hidden).toBe(true);
    expect(el.querySelector('main#main-content')).not.toBeNull();
  });

  it('lazy-loads a feature page, marks its link as current and focuses main', async () => {
    const { fixture, el } = await start(KATRIN);

    await open(fixture, '/', '/api/projects'); // the initial navigation (page load) keeps focus where it is
    expect(document.activeElement).not.toBe(el.querySelector('main'));

    await open(fixture, '/mobilities', '/api/mobilities');
    await answerMobilitiesExtras(fixture);
    expect(el.querySelector('main h1')?.textContent).toBe('Mobilities');
    const current = el.querySelector('nav a[aria-current="page"]');
    expect(current?.textContent?.trim()).toBe('Mobilities');
    expect(document.activeElement).toBe(el.querySelector('main'));
  });

  it('keeps focus where it is when only the query changes (a filter, the open message)', async () => {
    const { fixture, el } = await start(KATRIN);
    await open(fixture, '/projects', '/api/projects');
    await open(fixture, '/mobilities', '/api/mobilities');
    await answerMobilitiesExtras(fixture);
    expect(document.activeElement).toBe(el.querySelector('main'));

    const search = el.querySelector<HTMLInputElement>('#mf-q');
    search?.focus();
    const navigated = TestBed.inject(Router).navigateByUrl('/mobilities?q=lena');
    await settle(fixture);
    httpTesting.expectOne((req) => req.url === '/api/mobilities').flush(EMPTY_PAGE);
    await settle(fixture);
    await navigated;
    expect(document.activeElement).toBe(search);
  });

  describe('the start page and the guarded pages', () => {
    it('redirects the empty path to each person’s home', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, '/', '/api/projects');
      expect(path()).toBe('/projects');
      expect(el.querySelector('main h1')?.textContent).toBe('Projects');
    });

    it('a mentor starts at the placements', async () => {
      const mentor = await start(MENTOR);
      await open(mentor.fixture, '/', '/api/mobilities');
      expect(path()).toBe('/host');
      expect(mentor.el.querySelector('main h1')?.textContent).toBe('Placements');
    });

    it('a learner starts at their mobility', async () => {
      const learner = await start(LENA);
      await open(learner.fixture, '/', '/api/mobilities');
      expect(path()).toBe('/me');
      expect(learner.el.querySelector('main h1')?.textContent).toBe('My mobility');
    });

    it('sends nobody signed in from a coordinator page to the sign-in page, which comes back to it', async () => {
      const { fixture, el } = await start(null);
      await open(fixture, '/projects');
      expect(path()).toBe('/sign-in?returnTo=%2Fprojects');
      expect(el.querySelector('main h1')?.textContent).toBe('Sign in');
      httpTesting.expectNone('/api/projects');

      await open(fixture, '/organisations/x/team');
      expect(path()).toBe('/sign-in?returnTo=%2Forganisations%2Fx%2Fteam');
      await open(fixture, '/');
      expect(path()).toBe('/sign-in');
    });

    it('sends someone to their own home from a page outside their role', async () => {
      const { fixture } = await start(MENTOR);
      await open(fixture, '/projects', '/api/mobilities');
      expect(path()).toBe('/host');
      httpTesting.expectNone('/api/projects');
    });

    it('keeps the team pages for coordinators', async () => {
      const { fixture } = await start(JONAS);
      await open(fixture, `/organisations/${SCHOOL}/team`, '/api/projects');
      expect(path()).toBe('/projects');
    });

    it('opens a coordinator’s audit log at /organisations/:id/audit too', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, `/organisations/${SCHOOL}/audit`);
      expect(path()).toBe(`/organisations/${SCHOOL}/team/audit`);
      httpTesting
        .expectOne(`/api/organisations/${SCHOOL}`)
        .flush({ id: SCHOOL, name: 'Berufskolleg Rhein-Ruhr', yourRole: 'coordinator' });
      httpTesting.expectOne((r) => r.url === `/api/organisations/${SCHOOL}/audit`).flush(EMPTY_PAGE);
      await settle(fixture);
      expect(el.querySelector('main h1')?.textContent).toContain('Audit log');
      expect(el.querySelector('nav[aria-label="Main"] a[aria-current="page"]')?.textContent?.trim()).toBe('Team');
    });

    it('does not guard the Mailbox (the public demo needs no account; a private Mailbox asks on the page)', async () => {
      const { fixture, el } = await start(null);
      await open(fixture, '/mailbox', '/api/mailbox');
      expect(path()).toBe('/mailbox');
      expect(el.querySelector('main h1')?.textContent).toBe('Mailbox');
    });
  });

  it('opens the navigation as a menu (narrow screens), closes it on Escape and on navigating', async () => {
    const { fixture, el } = await start(KATRIN);
    await open(fixture, '/projects', '/api/projects');
    const button = el.querySelector<HTMLButtonElement>('header button.menu-button');
    expect(button?.textContent).toContain('Menu');
    expect(button?.getAttribute('aria-controls')).toBe(mainNav(el)?.id);
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(mainNav(el)?.classList.contains('open')).toBe(false);

    button?.click();
    await settle(fixture);
    expect(button?.getAttribute('aria-expanded')).toBe('true');
    expect(mainNav(el)?.classList.contains('open')).toBe(true);

    mainNav(el)
      ?.querySelector('a')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle(fixture);
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);

    button?.click();
    await settle(fixture);
    await open(fixture, '/organisations', '/api/organisations');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(mainNav(el)?.classList.contains('open')).toBe(false);
  });

  it('still finds no page at an unknown address, in the app layout', async () => {
    const { fixture, el } = await start();
    await open(fixture, '/no/such/page');
    expect(el.querySelector('main h1')?.textContent).toBe('Page not found');
    expect(mainNav(el)?.hidden).toBe(false);
  });

  describe('pages used without an account', () => {
    it('have the plain layout: no coordinator navigation nor account corner, the same landmarks and skip link', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, '/projects', '/api/projects');
      expect(mainNav(el)?.hidden).toBe(false);

      await open(fixture, '/sign-in');
      expect(el.querySelector('main h1')?.textContent).toBe('Sign in');
      expect(mainNav(el)?.hidden).toBe(true);
      expect(el.classList.contains('plain')).toBe(true);
      expect(account(el)?.hidden).toBe(true);
      expect(el.querySelector('header')).not.toBeNull();
      expect(el.querySelector('main#main-content')).not.toBeNull();
      expect(el.querySelector('footer')).not.toBeNull();
      expect(el.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main-content');

      // Back to a coordinator page: the navigation returns.
      await open(fixture, '/organisations', '/api/organisations');
      expect(mainNav(el)?.hidden).toBe(false);
      expect(el.classList.contains('plain')).toBe(false);
    });

    it('send a reset-password address without its token to the request form', async () => {
      const { fixture, el } = await start();
      await open(fixture, '/reset-password');
      expect(TestBed.inject(Router).url).toBe('/forgot-password');
      expect(el.querySelector('main h1')?.textContent).toBe('Reset your password');
      expect(mainNav(el)?.hidden).toBe(true);
    });

    it('open the invitation link without an account, in the plain layout, asking nothing on opening but what it offers', async () => {
      const { fixture, el } = await start(null);
      await open(fixture, '/invitation/abc123');
      httpTesting.expectOne('/api/invitations/abc123').flush({
        organisationName: 'Berufskolleg Rhein-Ruhr',
        role: 'staff',
        email: 'j***@bk-rhein-ruhr.example',
        accountExists: false,
        expiresAt: '2026-12-05T10:00:00Z',
      });
      await settle(fixture);
      expect(path()).toBe('/invitation/abc123');
      expect(el.querySelector('main h1')?.textContent).toBe('Invitation to Mobility Hub');
      expect(mainNav(el)?.hidden).toBe(true);
    });

    it('are the e-mail links and the pages of signing in', () => {
      const plain = appRoutes.find((r) => r.loadChildren && r.data?.['layout'] === 'plain');
      expect(plain?.path).toBe('');
      expect(noAccountRoutes.map((r: Route) => r.path)).toEqual([
        'mute/:token',
        'host/placement/:token',
        'guardian/:token',
        'sign-in',
        'forgot-password',
        'sign-in/link',
        'sign-in/link/:token',
        'reset-password',
        'invitation/:token',
        'reset-password/:token',
      ]);
      // None of them is also a signed-in route, and those are all guarded.
      const paths = signedInRoutes.map((r) => r.path);
      for (const route of noAccountRoutes) expect(paths).not.toContain(route.path);
      for (const route of signedInRoutes.filter((r) => r.loadComponent)) expect(route.canActivate?.length).toBe(1);
    });
  });

  describe('the account corner', () => {
    it('says who is signed in, and signs out: POST, then to the sign-in page, saying so', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, '/projects', '/api/projects');

      expect(account(el)?.hidden).toBe(false);
      expect(el.querySelector('[data-testid="signed-in-as"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
        'Signed in as Katrin Weber',
      );
      const signOut = Array.from(el.querySelectorAll<HTMLButtonElement>('header button')).find(
        (b) => b.textContent?.trim() === 'Sign out',
      );
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
      expect(
        TestBed.inject(Notifications)
          .items()
          .map((n) => n.text),
      ).toEqual(['You are signed out.']);
      expect(el.querySelector('main h1')?.textContent).toBe('Sign in');
    });

    it('links the name to the account page', async () => {
      const { fixture, el } = await start(JONAS);
      await open(fixture, '/projects', '/api/projects');
      const name = el.querySelector<HTMLAnchorElement>('[data-testid="signed-in-as"] a');
      expect(name?.textContent?.trim()).toBe('Jonas Becker');
      expect(name?.getAttribute('href')).toBe('/account');

      name?.click();
      await settle(fixture);
      expect(path()).toBe('/account');
      expect(el.querySelector('main h1')?.textContent).toBe('Your account');
      expect(name?.getAttribute('aria-current')).toBe('page');
    });

    it('leads to the sign-in page, saying so and with the way back, when the session ends mid-use (a 401)', async () => {
      const { fixture, el } = await start(JONAS);
      const navigated = TestBed.inject(Router).navigateByUrl('/mobilities?phase=preparation');
      await settle(fixture);
      await navigated;
      httpTesting
        .expectOne((req) => req.url === '/api/mobilities')
        .flush({ title: 'Not signed in', status: 401 }, { status: 401, statusText: 'Unauthorized' });
      await settle(fixture);
      await answerMobilitiesExtras(fixture);

      expect(path()).toBe('/sign-in?returnTo=%2Fmobilities%3Fphase%3Dpreparation');
      expect(TestBed.inject(Session).status()).toBe('signed-out');
      expect(el.querySelector('main h1')?.textContent).toBe('Sign in');
      expect(el.querySelector('[data-testid="session-ended"]')?.textContent).toContain(
        'Your session has ended: sign in again.',
      );
      expect(el.querySelector('[data-testid="signed-in-as"]')).toBeNull();
      expect(TestBed.inject(Notifications).items()).toEqual([]);
    });

    it('keeps the user signed in and says so when signing out fails', async () => {
      const { fixture, el } = await start(KATRIN);
      await open(fixture, '/projects', '/api/projects');

      Array.from(el.querySelectorAll<HTMLButtonElement>('header button'))
        .find((b) => b.textContent?.trim() === 'Sign out')
        ?.click();
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
      await open(fixture, '/mailbox', '/api/mailbox');

      const signIn = el.querySelector<HTMLAnchorElement>('header .account a');
      expect(signIn?.textContent?.trim()).toBe('Sign in');
      expect(signIn?.getAttribute('href')).toBe('/sign-in?returnTo=%2Fmailbox');
      expect(el.querySelector('[data-testid="signed-in-as"]')).toBeNull();
      expect(TestBed.inject(Notifications).items()).toEqual([]);
    });

    it('shows nothing when /me fails otherwise (the footer says the API is down)', async () => {
      const { fixture, el } = await render();
      await answer(fixture, SESSION_URL, (req) => req.error(new ProgressEvent('error')));
      await answer(fixture, HEALTH_URL, (req) => req.error(new ProgressEvent('error')));
      await open(fixture, '/mailbox', '/api/mailbox');

      expect(TestBed.inject(Session).status()).toBe('unknown');
      expect(el.querySelector('header .account')?.textContent?.trim()).toBe('');
      expect(statusText(el)).toBe('API: down');
      expect(TestBed.inject(Notifications).items()).toEqual([]);
    });
  });

  describe('API health indicator', () => {
    it.each([
      ['staff', JONAS],
      ['a mentor', MENTOR],
      ['a learner', LENA],
      ['nobody signed in', null],
    ])('is for coordinators: %s gets no footer and no health check', async (_who, person) => {
      const { fixture, el } = await start(person);
      await settle(fixture);
      httpTesting.expectNone(HEALTH_URL);
      expect(el.querySelector('footer app-api-status')).toBeNull();
      expect(statusText(el)).toBe('');
    });

    it('is a polite live region that says "checking" before the answer', async () => {
      const { fixture, el } = await render();
      await answer(fixture, SESSION_URL, (req) => req.flush({ signedIn: true, user: KATRIN }));

      const region = el.querySelector('footer [aria-live="polite"]');
      expect(region).not.toBeNull();
      expect(statusText(el)).toBe('API: checking…');

      await answer(fixture, HEALTH_URL, (req) => req.flush({ status: 'ok' }));
    });

    it('shows "API: up" when GET /api/health answers ok', async () => {
      const { el } = await start(KATRIN);
      expect(statusText(el)).toBe('API: up');
    });

    it('shows "API: down" when the API answers 503', async () => {
      const { fixture, el } = await render();
      await answer(fixture, SESSION_URL, (req) => req.flush({ signedIn: true, user: KATRIN }));
      await answer(fixture, HEALTH_URL, (req) =>
        req.flush({ status: 'error' }, { status: 503, statusText: 'Service Unavailable' }),
      );
      expect(statusText(el)).toBe('API: down');
    });

    it('checks again on request and announces the new state', async () => {
      const { fixture, el } = await render();
      await answer(fixture, SESSION_URL, (req) => req.flush({ signedIn: true, user: KATRIN }));
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
