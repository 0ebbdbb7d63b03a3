import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { App } from './app';
import { appRoutes } from './app.routes';
import { HEALTH_URL } from './core/api-health';

describe('App shell', () => {
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(withFetch()),
        provideHttpClientTesting(),
      ],
    }).compileComponents();
    httpTesting = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpTesting.verify());

  async function render() {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  async function respond(
    fixture: Awaited<ReturnType<typeof render>>['fixture'],
    reply: (req: ReturnType<HttpTestingController['expectOne']>) => void,
  ) {
    const req = httpTesting.expectOne(HEALTH_URL);
    expect(req.request.method).toBe('GET');
    reply(req);
    await fixture.whenStable();
  }

  /** Lets the lazy page start its request, answers it with an empty page, then waits for stability. */
  async function flushPage(
    fixture: Awaited<ReturnType<typeof render>>['fixture'],
    url: string,
  ) {
    for (let i = 0; i < 3; i++) {
      fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    httpTesting
      .expectOne((req) => req.url === url)
      .flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await fixture.whenStable();
  }

  function statusText(el: HTMLElement): string {
    return (
      el
        .querySelector('[data-testid="api-status-text"]')
        ?.textContent?.trim() ?? ''
    );
  }

  it('renders the landmarks, the product name and a skip link', async () => {
    const { fixture, el } = await render();

    expect(el.querySelector('header')?.textContent).toContain('Mobility Hub');
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('Main');
    const main = el.querySelector('main');
    expect(main?.id).toBe('main-content');

    const skip = el.querySelector<HTMLAnchorElement>('a.skip-link');
    expect(skip?.getAttribute('href')).toBe('#main-content');
    expect(skip?.textContent?.trim()).toBe('Skip to main content');
    skip?.click();
    expect(document.activeElement).toBe(main);

    await respond(fixture, (req) => req.flush({ status: 'ok' }));
  });

  it('renders the Projects, Mobilities, Organisations, Outbox and Mailbox nav links', async () => {
    const { fixture, el } = await render();

    const links = Array.from(
      el.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Main"] a'),
    );
    expect(links.map((a) => a.textContent?.trim())).toEqual([
      'Projects',
      'Mobilities',
      'Organisations',
      'Outbox',
      'Mailbox',
    ]);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/projects',
      '/mobilities',
      '/organisations',
      '/outbox',
      '/mailbox',
    ]);

    await respond(fixture, (req) => req.flush({ status: 'ok' }));
  });

  it('lazy-loads a feature page, marks its link as current and focuses main', async () => {
    const { fixture, el } = await render();
    await respond(fixture, (req) => req.flush({ status: 'ok' }));

    const router = TestBed.inject(Router);
    await router.navigateByUrl('/'); // the initial navigation (page load) keeps focus where it is
    await flushPage(fixture, '/api/projects');
    expect(document.activeElement).not.toBe(el.querySelector('main'));

    await router.navigateByUrl('/mobilities');
    await flushPage(fixture, '/api/mobilities');

    expect(el.querySelector('main h1')?.textContent).toBe('Mobilities');
    const current = el.querySelector('nav a[aria-current="page"]');
    expect(current?.textContent?.trim()).toBe('Mobilities');
    expect(document.activeElement).toBe(el.querySelector('main'));
  });

  it('keeps focus where it is when only the query changes (a filter, the open message)', async () => {
    const { fixture, el } = await render();
    await respond(fixture, (req) => req.flush({ status: 'ok' }));

    const router = TestBed.inject(Router);
    await router.navigateByUrl('/projects');
    await flushPage(fixture, '/api/projects');
    await router.navigateByUrl('/mobilities');
    await flushPage(fixture, '/api/mobilities');
    expect(document.activeElement).toBe(el.querySelector('main'));

    const search = el.querySelector<HTMLInputElement>('#overdue-filter-q');
    search?.focus();
    await router.navigateByUrl('/mobilities?q=lena');
    await fixture.whenStable();
    expect(document.activeElement).toBe(search);
  });

  it('redirects the empty path to Projects', async () => {
    const { fixture, el } = await render();
    await respond(fixture, (req) => req.flush({ status: 'ok' }));

    await TestBed.inject(Router).navigateByUrl('/');
    await flushPage(fixture, '/api/projects');

    expect(el.querySelector('main h1')?.textContent).toBe('Projects');
  });

  describe('API health indicator', () => {
    it('is a polite live region that says "checking" before the answer', async () => {
      const { fixture, el } = await render();

      const region = el.querySelector('footer [aria-live="polite"]');
      expect(region).not.toBeNull();
      expect(statusText(el)).toBe('API: checking…');

      await respond(fixture, (req) => req.flush({ status: 'ok' }));
    });

    it('shows "API: up" when GET /api/health answers ok', async () => {
      const { fixture, el } = await render();
      await respond(fixture, (req) =>
        req.flush({ status: 'ok', info: {}, error: {}, details: {} }),
      );
      expect(statusText(el)).toBe('API: up');
    });

    it('shows "API: down" when the API answers 503', async () => {
      const { fixture, el } = await render();
      await respond(fixture, (req) =>
        req.flush(
          { status: 'error' },
          { status: 503, statusText: 'Service Unavailable' },
        ),
      );
      expect(statusText(el)).toBe('API: down');
    });

    it('shows "API: down" when the API cannot be reached', async () => {
      const { fixture, el } = await render();
      await respond(fixture, (req) => req.error(new ProgressEvent('error')));
      expect(statusText(el)).toBe('API: down');
    });

    it('checks again on request and announces the new state', async () => {
      const { fixture, el } = await render();
      await respond(fixture, (req) => req.error(new ProgressEvent('error')));
      expect(statusText(el)).toBe('API: down');

      const button = Array.from(
        el.querySelectorAll<HTMLButtonElement>('footer button'),
      ).find((b) => b.textContent?.trim() === 'Check API again');
      expect(button).toBeDefined();
      button?.click();
      await fixture.whenStable();
      expect(statusText(el)).toBe('API: checking…');

      await respond(fixture, (req) => req.flush({ status: 'ok' }));
      expect(statusText(el)).toBe('API: up');
    });
  });
});
